"""The notes list (f7): the meeting's decisions, concerns and standpoints, its consent and each
case's, and the groups formed, each to correct or delete in a dialog of its own, whose text is
kept as every dialog's is."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from dialogtui.display import one_line, plain
from dialogtui.i18n import N_, _, note_kind_name
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import saved
from dialogtui.tui.dialogs.base import CancellableDialog, KeepKey, KeepKind, ListKeys, TextDialog
from dialogtui.tui.keeping import DialogHost, KeptDialogs, Opening
from dialogtui.tui.keyboard import TakesNoText
from dialogtui.tui.ordering import drain

# The kinds of the list's correcting dialogs: a note, the meeting's consent, a case's
# consent, a group's name and who is in it.
NOTE_EDIT = KeepKind("note-edit")
CONSENT = KeepKind("consent")
CASE_CONSENT = KeepKind("case-consent")
GROUP = KeepKind("group")


@dataclasses.dataclass(frozen=True)
class NoteRow:
    """One line of the notes list, and how to correct or delete what it stands for."""

    line: str  # as listed
    title: str  # of the dialog that corrects it
    text: str  # the text to correct
    key: KeepKey  # its dialog's text is kept under this key, as every dialog's is
    correct: Callable[[MeetingEngine, str], object]  # the change a corrected text makes
    question: str | None = None  # asked before deleting it; None: corrected, never deleted
    delete: Callable[[MeetingEngine], object] | None = None


def note_rows(engine: MeetingEngine) -> list[NoteRow]:
    """The notes list: each decision and concern, the consent notes, and the groups."""
    rows = []
    for note in engine.notes.all():
        kind = note_kind_name(note.kind.value)
        step = "" if note.step is None else " · " + _("step {n}").format(n=note.step + 1)
        found = None if note.step is None else engine.qs.block_at(note.step)
        if found is not None:  # noted in a case: which child's ("step 4 · Case 2")
            word = found[0].each or _("Case")
            step += " · " + _("{word} {n}").format(word=word, n=note.repetition)
        text = one_line(note.text)
        rows.append(
            NoteRow(
                f"{kind.capitalize()}{step}: {text}",
                _("Edit {kind}").format(kind=kind),
                note.text,
                NOTE_EDIT.key(note.id),
                _edit_note(note.id, note.text),
                _("Delete the {kind} “{text}”?").format(kind=kind, text=text),
                _delete_note(note.id),
            )
        )
    info = engine.info
    if engine.qs.asks_consent or info.consent_note:
        given = _("given") if info.consent_given else _("not recorded")
        how = f": {one_line(info.consent_note)}" if info.consent_note else ""
        rows.append(
            NoteRow(
                _("Consent ({given})").format(given=given) + how,
                _("How consent was given"),
                info.consent_note,
                CONSENT.key(),
                lambda e, text: e.consent.record(bool(e.info.consent_given), text.strip()),
                _("Clear the note of how consent was given?"),
                lambda e: e.consent.record(bool(e.info.consent_given), ""),
            )
        )
    # The groups and pairs formed so far: their names, to correct or to add who is in each.
    for g in engine.groups.all():
        rows.append(
            NoteRow(
                _("Group: {name}").format(name=one_line(g.name)),
                _("The group's name, and who is in it (Gruppe 1: Kari, Ola)"),
                g.name,
                GROUP.key(g.id),
                _rename_group(saved(g.id)),
                # No question: its outputs stand under it, so a group is not deleted.
            )
        )
    # A block whose cases each have their own consent: a row per case.
    per_case = engine.consent.of_cases()
    for block in engine.qs.blocks:
        first = engine.qs.index_of(block.steps[0])
        if not block.consent or first is None:
            continue
        for case in range(1, block.repeat.max + 1):
            # The case by its name too where it has one: "Case 2: Flicka 14".
            word = one_line(engine.cases.label(first, case))
            how = per_case.get(case, "")
            said = _("given: {how}").format(how=one_line(how)) if how else _("not recorded")
            rows.append(
                NoteRow(
                    _("Consent, {case} ({said})").format(case=word, said=said),
                    _("How the guardians' consent for {case} was given (empty: not given)").format(
                        case=word
                    ),
                    how,
                    CASE_CONSENT.key(case),
                    _case_consent(case),
                    _("Clear the consent of {case}?").format(case=word),
                    _case_consent_cleared(case),
                )
            )
    return rows


# Each change closes over its subject's id, not over the loop's variable.


def _edit_note(note_id: int, old: str) -> Callable[[MeetingEngine, str], object]:
    def edit(engine: MeetingEngine, text: str) -> None:
        if text.strip() != old:
            engine.notes.edit(note_id, text)

    return edit


def _delete_note(note_id: int) -> Callable[[MeetingEngine], object]:
    return lambda engine: engine.notes.delete(note_id)


def _rename_group(group_id: int) -> Callable[[MeetingEngine, str], object]:
    return lambda engine, text: engine.groups.rename(group_id, text)


def _case_consent(case: int) -> Callable[[MeetingEngine, str], object]:
    return lambda engine, text: engine.consent.record_case(case, text)


def _case_consent_cleared(case: int) -> Callable[[MeetingEngine], object]:
    return lambda engine: engine.consent.record_case(case, "")


def correcting(engine: MeetingEngine, host: DialogHost, row: NoteRow) -> Opening:
    """The dialog that corrects what `row` stands for."""

    def done(text: str | None) -> None:
        if text is not None:
            host.run(lambda: row.correct(engine, text))

    return Opening(TextDialog(row.title, row.text), done, row.key)


def register(kept: KeptDialogs, engine: MeetingEngine, host: DialogHost) -> None:
    """The list's correcting dialogs open again as they were, where their subject still is."""

    def again(kind: KeepKind) -> Callable[[str], Opening | None]:
        def reopen(about: str) -> Opening | None:
            row = next((r for r in note_rows(engine) if r.key == kind.key(about)), None)
            return correcting(engine, host, row) if row else None

        return reopen

    for kind in (NOTE_EDIT, CONSENT, CASE_CONSENT, GROUP):
        kept.register(kind, again(kind))


class NotesDialog(TakesNoText, ListKeys, CancellableDialog[None]):
    """The meeting's decisions, concerns and consent note, to correct or delete.

    The correcting dialog opens on top of the list, from the key's own binding, so that the
    keys typed after enter are the new text (a dialog opened later, once the list has
    gone, would miss them). It opens on the meeting's screen (`host`), which keeps its
    text and applies the change; the list then shows the notes as they now are."""

    BINDINGS = [
        Binding("enter", "choose(False)", N_("Edit"), priority=True),
        Binding("delete", "choose(True)", N_("Delete"), priority=True),
        *ListKeys.LIST_BINDINGS,
    ]

    def __init__(self, engine: MeetingEngine, host: DialogHost, rows: list[NoteRow]):
        super().__init__()
        self.engine, self.host, self.rows = engine, host, rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Decisions, concerns, consent and groups"), classes="title")
            yield OptionList()
            yield Static(_("Nothing noted yet: f4 notes a decision, f5 a concern."), id="none")
            yield Label(_("enter: edit · delete: delete · escape: close"), classes="hint")

    def on_mount(self) -> None:
        self.show(self.rows)
        self.set_focus(self.query_one(OptionList))

    def show(self, rows: list[NoteRow]) -> None:
        options = self.query_one(OptionList)
        at = options.highlighted or 0
        self.rows = rows
        options.set_options(Option(plain(row.line)) for row in rows)
        options.display = bool(rows)
        self.query_one("#none").display = not rows
        if rows:
            options.highlighted = min(at, len(rows) - 1)

    async def action_choose(self, delete: bool) -> None:
        options = self.query_one(OptionList)
        await drain(options)  # the arrow keys typed before it
        if options.highlighted is None or not self.rows:
            return
        row = self.rows[options.highlighted]
        if not delete:

            def corrected(text: str | None) -> None:
                if text is not None:
                    self.host.run(lambda: row.correct(self.engine, text))
                    self.show(note_rows(self.engine))

            await self.host.open_dialog(
                Opening(TextDialog(row.title, row.text), corrected, row.key)
            )
            return
        deleting = row.delete
        if row.question is None or deleting is None:
            self.notify(_("This is corrected, not deleted: enter corrects it."))
            return

        def deleted(yes: bool | None) -> None:
            if yes:
                self.host.run(lambda: deleting(self.engine))
                self.show(note_rows(self.engine))

        from dialogtui.tui.dialogs.alerts import ConfirmDialog  # only when something is deleted

        await self.host.open_dialog(Opening(ConfirmDialog(row.question), deleted))

    async def on_option_list_option_selected(self) -> None:
        await self.action_choose(False)  # a click
