"""The capture screen: the scribe's main screen during a live meeting.

Data flows one way: widgets post messages, this screen calls the engine (which persists
before it returns), then `refresh_view` redraws the widgets from the engine's state.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget

from dialogtui import recovery
from dialogtui.display import one_line, visible
from dialogtui.errors import DialogtuiError
from dialogtui.i18n import N_, _, note_kind_name
from dialogtui.kinds import SPECS as KIND_SPECS
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.model import format_minutes
from dialogtui.records import NoteKind
from dialogtui.tui import keyboard
from dialogtui.tui.ordering import settle
from dialogtui.tui.screens import read_back
from dialogtui.tui.screens.dialogs import (
    ActionDialog,
    ConfirmDialog,
    FormDialog,
    JumpDialog,
    NoteRow,
    NotesDialog,
    ParticipantDialog,
    SpeakerDialog,
    TextDialog,
    open_dialogs,
)
from dialogtui.tui.screens.read_back import ReadBackScreen
from dialogtui.tui.typed import DialogScreen
from dialogtui.tui.widgets.action_table import columns_for, plan_frame_wanted
from dialogtui.tui.widgets.draft import DraftArea
from dialogtui.tui.widgets.footer import KeyFooter
from dialogtui.tui.widgets.question_panel import QuestionPanel
from dialogtui.tui.widgets.speaker_strip import SpeakerStrip
from dialogtui.tui.widgets.step_header import StepHeader
from dialogtui.tui.widgets.step_panel import (
    ConfirmWanted,
    DialogWanted,
    EngineChange,
    Request,
    TextWanted,
)
from dialogtui.tui.widgets.transcript import Transcript

AUTOSAVE_SECONDS = 1.0


def agenda_lines(engine: MeetingEngine) -> list[str]:
    """The steps as the go-to list shows them: planned and spent minutes, and, when the
    meeting runs late, how far each later step would have to shrink to end on time."""
    shrink = {i: new for i, _, new in engine.projection().shrink}
    lines = []
    for n, step in enumerate(engine.qs.steps):
        line = f"{n + 1}. {step.title}"
        if step.planned_minutes is not None:
            line += f"  ({format_minutes(step.planned_minutes)}"
            if n in shrink and shrink[n] != step.planned_minutes:  # "5 min → 5 min" says nothing
                line += f" → {format_minutes(shrink[n])} to end on time"
            line += ")"
        spent = engine.elapsed(n)
        if spent >= 60:
            line += f"  spent {round(spent / 60)} min"
        lines.append(line)
    return lines


def _panel(path: str) -> type[Widget]:
    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


# The step kinds worked in a widget of their own (the rest are typed in the text box), as
# their specs name it (dialogtui.kinds): one map for which panel is shown and where the
# focus goes.
STEP_PANELS: dict[str, tuple[type[Widget], str]] = {
    kind: (_panel(spec.panel), spec.panel_id) for kind, spec in KIND_SPECS.items() if spec.panel
}


class Tick(Message):
    """One clock tick. A tick still queued is replaced by the next: a busy app redraws
    the clock once, not once for every second it was busy."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Tick)


class CaptureScreen(DialogScreen[None]):
    AUTO_FOCUS = "#draft"
    # Under 24 rows (a 60×20 window) the panels give up lines, so that the step and its
    # clock, the question, the speakers, the text box and the footer all stay on screen.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-normal")]
    # Priority bindings, each of which first lets the keys typed before it land (see
    # tui/ordering.py): a turn typed, enter, tab, the next turn — in one burst — is two
    # turns of two speakers. None of these keys can be typed as text.
    # The footer shows the keys of the live loop first, in short words (help has the long
    # ones, from `tooltip`), so that at 80 columns it reaches ctrl+o and f1.
    BINDINGS = [
        Binding("tab", "speaker(1)", N_("Who"), priority=True, tooltip=N_("Next speaker")),
        Binding("ctrl+n", "next_step", N_("Next step"), priority=True),
        Binding("f3", "action_item", N_("Action"), priority=True),
        Binding("f4", "note('decision')", N_("Decision"), priority=True),
        Binding("f5", "note('concern')", N_("Concern"), priority=True),
        Binding(
            "ctrl+f",
            "note('standpoint')",
            N_("Standpoint"),
            show=False,
            priority=True,
            tooltip=N_('Note the agreed standpoint ("hvad jeres fælles ståsted er")'),
        ),
        Binding("f2", "pass_turn", N_("Pass"), priority=True),
        Binding("ctrl+o", "end", N_("End"), priority=True, tooltip=N_("End meeting")),
        Binding("shift+tab", "speaker(-1)", N_("Prev speaker"), show=False, priority=True),
        Binding("f6", "choose_speaker", N_("Who speaks"), show=False, priority=True),
        Binding("ctrl+b", "prev_step", N_("Prev step"), show=False, priority=True),
        Binding("ctrl+g", "jump", N_("Go to step"), show=False, priority=True),
        Binding("alt+down", "question(1)", N_("Next question"), show=False, priority=True),
        Binding("alt+up", "question(-1)", N_("Prev question"), show=False, priority=True),
        Binding("ctrl+t", "pause", N_("Pause clock"), show=False, priority=True),
        Binding("f7", "list_notes", N_("Decisions…"), show=False, priority=True),
        Binding("f8", "transcript", N_("Edit turns"), show=False, priority=True),
        Binding("f10", "read_back", N_("Read back this step"), show=False, priority=True),
        Binding("f9", "notes", N_("Notes"), show=False, priority=True),
        Binding("ctrl+r", "repeat", N_("Repeat block"), show=False, priority=True),
        # Only on an optional step (check_action): elsewhere ctrl+k is the text box's own.
        Binding("ctrl+k", "skip", N_("Skip optional step"), show=False, priority=True),
        Binding("ctrl+l", "add_participant", N_("Add participant"), show=False, priority=True),
        Binding("escape", "back", N_("Text box ↔ the step's list"), show=False, priority=True),
        *[
            Binding(f"alt+{n}", f"pick({n})", N_("Speaker {n}"), show=False, priority=True)
            for n in range(1, 10)
        ],
    ]

    def __init__(self, engine: MeetingEngine):
        super().__init__()
        self.engine = engine
        self.show_notes = False
        self._saved_draft = engine.draft
        self._draft_text = self._saved_draft
        self._kept: dict[str, str] = {}  # dialog texts as they are in the store
        self._save_problem: str | None = None  # the autosave's error, reported once
        self._released = False

    def compose(self) -> ComposeResult:
        yield StepHeader(id="step-header")
        yield QuestionPanel(id="question")
        yield SpeakerStrip(id="speakers")
        for panel, panel_id in STEP_PANELS.values():
            yield panel(id=panel_id)
        yield Transcript(id="transcript")
        yield DraftArea(id="draft")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = visible(self.engine.info.title)
        try:
            self.engine.start()
            if self.engine.reopened_after_read_back:
                said = _(
                    "This meeting was read back and accepted; it is open again. The minutes "
                    "will say that what you write now was not read back."
                )
                self.notify(said, severity="warning", timeout=12, markup=False)
            self._take_back_recovered()
            self._kept = self.engine.kept()
        except DialogtuiError as exc:
            self.app.report(exc)
        draft = self.query_one(DraftArea)
        draft.text = visible(self._saved_draft)
        draft.move_cursor(draft.document.end)
        self.refresh_view()
        self._focus_for_step()
        self.set_interval(AUTOSAVE_SECONDS, lambda: self.post_message(Tick()))
        for key, text in list(self._kept.items()):
            self._reopen(key, text)

    # -- the view -------------------------------------------------------------------------

    def refresh_view(self) -> None:
        e = self.engine
        kind = e.step.kind
        self.query_one(StepHeader).show(e)
        self.query_one(QuestionPanel).show(e, self.show_notes)
        self.query_one(SpeakerStrip).show(e)
        for step_kind, (_panel, panel_id) in STEP_PANELS.items():
            panel = self.query_one(f"#{panel_id}")
            if step_kind != kind and panel.has_focus:
                # A list hidden with the keyboard in it would hand it to whatever Textual
                # focuses next (the turn list, where letters were commands): the text box.
                self.set_focus(self.query_one(DraftArea))
            panel.display = step_kind == kind
            if panel.display:
                panel.show(e)  # type: ignore[attr-defined]  # every panel shows the engine
        # Where the step has a list, the text box's border says how to get there.
        hint = N_("enter saves · ctrl+j new line · esc: the list")
        draft = self.query_one(DraftArea)
        draft.border_subtitle = _(hint if self._step_list() else DraftArea.BORDER_HINT)
        transcript = self.query_one(Transcript)
        transcript.show(e)
        # On the transcript, not the screen: a class of the screen restyles every widget.
        transcript.set_class(KIND_SPECS[kind].beside_table, "beside-a-table")

    def refresh_clock(self) -> None:
        self.query_one(StepHeader).show(self.engine)
        self.query_one(SpeakerStrip).show(self.engine)

    def _step_list(self) -> Widget | None:
        """The step's own list, where it has one: scales, choices, the action plan, the
        follow-up, cards, needs, sheets."""
        panel = STEP_PANELS.get(self.engine.step.kind)
        return self.query_one(f"#{panel[1]}") if panel else None

    def _focus_for_step(self) -> None:
        """Arriving at a step, in any way, the keyboard is in the text box (tui/keyboard.py):
        the scribe types on without looking, and a letter is never a command."""
        self.set_focus(self.query_one(DraftArea))

    async def action_back(self) -> None:
        """escape: from the text box to the step's list (where it has one); from any list
        (the step's, or the turns of f8) back to the text box."""
        await settle(self)
        draft = self.query_one(DraftArea)
        step_list = self._step_list()
        self.set_focus(step_list if self.focused is draft and step_list else draft)

    async def take_typing(self, key: str, always: bool = False) -> None:
        """A printable key that the focused list does not use, or one a dialog gave way to,
        is text: the keyboard goes back to the text box first (called by the app as it reads
        the key)."""
        draft = self.query_one(DraftArea)
        if self.focused is draft or (keyboard.uses(self, key) and not always):
            return
        await settle(self)
        self.set_focus(draft)

    def on_resize(self) -> None:
        # A resize is arriving at the step again: the lists change their size, and one that
        # had the keyboard may be hidden at the new size; the text box takes the keys.
        self._focus_for_step()

    def run(self, change, *, redraw: bool = True) -> bool:
        """Apply one change to the meeting; errors become a dialog or a notice."""
        try:
            change()
        except DialogtuiError as exc:
            self.app.report(exc)
            return False
        if redraw:
            self.refresh_view()
        return True

    def _push(self, dialog: FormDialog | ModalScreen, done, key: str | None = None):
        """Show a dialog whose result goes to `done`; a form's text is kept under `key`."""
        if isinstance(dialog, FormDialog):
            dialog.keep_key = key
        return self.app.push_screen(dialog, self._after_dialog(key, done))

    def open_kept(self, dialog: FormDialog, done, key: str):
        """A dialog of a screen on top of this one (the read-back), its text kept every
        second with this screen's own, and offered back after a crash."""
        return self._push(dialog, done, key)

    async def action_read_back(self) -> None:
        """The current step read back, to be corrected in the room before moving on."""
        await settle(self)
        self.autosave()
        screen = ReadBackScreen(self.engine, self, self.engine.pos.step)
        await self.app.push_screen(screen, lambda _: self.refresh_view())  # corrected turns

    async def _open(self, dialog: FormDialog | ModalScreen, done, key: str | None = None):
        """Open a dialog and give it the focus before the next key is read: the keys typed
        right after f3 are the action's 'what'."""
        await self._push(dialog, done, key)

    # -- clock and autosave ----------------------------------------------------------------

    def on_tick(self, _: Tick) -> None:
        self.autosave()
        self.refresh_clock()

    def on_text_area_changed(self, event: DraftArea.Changed) -> None:
        if isinstance(event.text_area, DraftArea):
            self._draft_text = event.text_area.text

    def autosave(self) -> bool:
        """Save the draft, the open dialogs' texts and the clock; True if all is saved.

        A failure (a full disk) is reported once, not every second, and as a notice, not a
        dialog: the scribe may be typing, and a dialog would take the keys. The speaker
        strip says that nothing is being saved until saving works again."""
        # The text is kept from the last change event, so that saving still works while the
        # screen is being taken down and its widgets are gone.
        text = self._draft_text
        try:
            if text != self._saved_draft:
                self.engine.save_draft(text)
                self._saved_draft = text
            for key, kept in self._open_texts().items():
                if not FormDialog.kept_values(kept):  # nothing typed: nothing to offer back
                    self._forget_kept(key)
                elif self._kept.get(key) != kept:
                    self.engine.keep(key, kept)
                    self._kept[key] = kept
            self.engine.tick()
        except DialogtuiError as exc:
            if str(exc) != self._save_problem:
                self._save_problem = str(exc)
                self.notify(
                    visible(_("Not saved: {problem}").format(problem=exc)),
                    severity="error",
                    timeout=15,
                    markup=False,
                )
            self._strip_says(f"⚠ NOT SAVED: {exc}")
            return False
        if self._save_problem is not None:
            self._save_problem = None
            self._strip_says("✓ " + _("saving again"))
        return True

    def _open_texts(self) -> dict[str, str]:
        dialogs = open_dialogs(self.app.screen_stack)
        return {d.keep_key: d.kept_text() for d in dialogs if d.keep_key}

    def _forget_kept(self, key: str) -> None:
        if key in self._kept:
            try:
                self.engine.keep(key, None)
            except DialogtuiError:
                return  # kept a little longer: offered again next time, never lost
            del self._kept[key]

    def _strip_says(self, text: str) -> None:
        strip = self.query(SpeakerStrip)
        if strip:
            strip.first().last_saved = text
            self.refresh_clock()

    def on_unmount(self) -> None:
        self.save_and_release()

    def save_and_release(self) -> str | None:
        """On quit: the draft, the dialogs' texts and the clock are saved, the meeting lock
        released. If the store cannot take them, they go to a recovery file that the next
        start of this meeting reads back. Returns a sentence when the text went elsewhere."""
        if self._released:
            return None
        self._released = True
        drafts = self.query(DraftArea)
        if drafts:  # the box itself, should its last change not have been handled yet
            self._draft_text = drafts.first().text
        said = None
        if not self.autosave():
            unsaved = recovery.Unsaved(self.engine.id, self._draft_text, self._open_texts())
            path = recovery.save(unsaved, self.engine.clock.now())
            said = (
                _(
                    "The last text could not be saved in the database; it is in {path} and "
                    "comes back when the meeting is opened again."
                ).format(path=path)
                if path
                else _("The last text could not be saved anywhere (the disk is full).")
            )
        try:
            self.engine.close()
        except DialogtuiError:
            self.engine.store.unlock(self.engine.id)
        return said

    def _take_back_recovered(self) -> None:
        """Text from a run that could not save it: back into the draft and the dialogs."""
        for unsaved in recovery.pending(self.engine.id):
            if unsaved.draft.strip():
                # The box as it was when that run quit: newer than any draft saved before.
                self._saved_draft = self._draft_text = unsaved.draft
                self.engine.save_draft(unsaved.draft)
            for key, text in unsaved.kept.items():
                self.engine.keep(key, text)
            recovery.done(unsaved)

    def _reopen(self, key: str, text: str) -> None:
        """A dialog that was open when dialogtui last stopped, with its text. If its subject
        is gone (the step has moved on), its text goes back into the text box instead."""
        kind, _sep, arg = key.partition(":")
        dialog = None
        if kind == "note" and arg in NoteKind.__members__:
            dialog = self._note_dialog(NoteKind(arg))
        elif kind == "action":
            item = next((a for a in self.engine.actions() if str(a.id) == arg), None)
            if arg == "new" or item is not None:
                dialog = self._action_dialog(item)
        elif kind == "edit" and arg.isdigit():
            dialog = self._edit_dialog(int(arg), None)
        elif kind == "participant":
            dialog = self._participant_dialog()
        elif kind == "plan":
            wanted = plan_frame_wanted(self.engine)
            dialog = wanted.dialog, self._given_to(wanted.then)
        elif kind in ("consent", "note-edit", "case-consent", "group"):
            row = next((r for r in self._note_rows() if r.keep_key == key), None)
            dialog = self._note_edit_dialog(row) if row else None
        elif kind in ("read-back", "objection", "accepted"):
            dialog = read_back.kept_dialog(self.engine, self, key)
        if dialog is None:
            lost = "\n".join(FormDialog.kept_values(text))
            if lost:
                self.query_one(DraftArea).restore(lost)
            self._forget_kept(key)
            return
        screen, done = dialog
        self.notify(_("A dialog open when dialogtui last stopped is back, with its text."))
        self._push(screen, done, key)
        screen.call_after_refresh(screen.restore, text)

    def _after_dialog(self, key: str | None, done):
        """`done`, then the dialog's kept text is dropped: it has been saved or cancelled."""

        def closed(result) -> None:
            try:
                done(result)
            finally:
                if key is not None:
                    self._forget_kept(key)

        return closed

    # -- turns -----------------------------------------------------------------------------

    def on_draft_area_submitted(self, event: DraftArea.Submitted) -> None:
        saved = []
        ok = self.run(lambda: saved.append(self.engine.submit(event.text)), redraw=False)
        if ok:
            self._show_turn(saved[0])
            self._saved_draft = ""  # the store dropped the draft with the turn's commit
        self.query_one(DraftArea).done(event.text, ok)

    async def action_pass_turn(self) -> None:
        await settle(self)
        saved = []
        if self.run(lambda: saved.append(self.engine.pass_turn()), redraw=False):
            self._show_turn(saved[0])

    def _show_turn(self, turn) -> None:
        """Only now that the store has committed the turn does it show, marked saved."""
        who = self.engine.participant(turn.participant_id)
        name = who.name.split()[0] if who and who.name.split() else ""  # the strip is short
        if who is not None and who.group_step is not None:
            name = who.name  # "Gruppe 1", not "Gruppe"
        strip = self.query_one(SpeakerStrip)
        at = f"{turn.ended_at.astimezone():%H:%M:%S}"
        strip.last_saved = "✓ " + _("saved {time} {name}").format(time=at, name=name)
        self.query_one(Transcript).append(self.engine, turn)
        self.query_one(QuestionPanel).show(self.engine, self.show_notes)
        self.refresh_clock()

    async def action_speaker(self, delta: int) -> None:
        await settle(self)
        self.run(lambda: self.engine.cycle_speaker(delta))

    async def action_pick(self, n: int) -> None:
        await settle(self)
        order = self.engine.speakers()
        if 1 <= n <= len(order):
            self.run(lambda: self.engine.set_speaker(order[n - 1].id))

    async def action_choose_speaker(self) -> None:
        """f6, then a number or the first letters of a name: works in every terminal."""
        await settle(self)
        e = self.engine
        order = e.may_speak()  # in a round over organisations, any of their people
        ids = [p.id for p in order]
        current = ids.index(e.pos.speaker_id) if e.pos.speaker_id in ids else None
        names = [
            f"{p.name} ({e.organisation(p)})"
            if e.step.by_organisation and e.organisation(p) != p.name
            else p.name
            for p in order
        ]

        def done(index: int | str | None) -> None:
            if isinstance(index, str):  # a group's name that is not there yet: it is formed
                self.run(lambda: self.engine.set_speaker(self.engine.add_group(index).id))
            elif index is not None and 0 <= index < len(order):
                self.run(lambda: self.engine.set_speaker(order[index].id))

        await self._open(SpeakerDialog(names, current, adds_groups=e.step.by_group), done)

    async def action_transcript(self) -> None:
        await settle(self)
        self.set_focus(self.query_one(Transcript))

    def _edit_dialog(self, turn_id: int, old: str | None):
        def done(text: str | None) -> None:
            if text is not None and text != old:
                self.run(lambda: self.engine.edit_turn(turn_id, text))

        return TextDialog(_("Edit turn (the old text is kept)"), old or ""), done

    async def move_turn(self, turn_id: int) -> None:
        """f6 in the turns list: the turn was someone else's. Anyone of the meeting (and
        this step's groups) can be chosen; the earlier speaker stays in the history."""
        e = self.engine
        people = [*e.participants, *(e.groups_of() if e.step.by_group else [])]
        turn = next((t for t in e.turns(last=None) if t.id == turn_id), None)
        current = next(
            (n for n, p in enumerate(people) if turn and p.id == turn.participant_id), None
        )

        def done(index: int | str | None) -> None:
            if not isinstance(index, int) or not 0 <= index < len(people):
                return
            if turn is None or people[index].id != turn.participant_id:
                self.run(lambda: self.engine.move_turn(turn_id, people[index].id))
                self.query_one(Transcript).show(self.engine, keep=str(turn_id))

        title = _("Who said it? A number, or the first letters and enter")
        dialog = SpeakerDialog([p.name for p in people], current, title=title)
        await self._open(dialog, done)

    async def edit_turn(self, turn_id: int, text: str) -> None:
        """enter in f8's list: correct a turn (its earlier text is kept)."""
        dialog, done = self._edit_dialog(turn_id, text)
        await self._open(dialog, done, f"edit:{turn_id}")

    # -- steps and questions ------------------------------------------------------------

    def _moved(self) -> None:
        self.query_one(SpeakerStrip).last_saved = ""
        self.refresh_view()
        self._focus_for_step()

    async def action_next_step(self) -> None:
        await settle(self)
        moved: list[bool] = []
        if self.run(lambda: moved.append(self.engine.next_step()), redraw=False):
            if moved[0]:
                self._moved()
            else:
                self.notify(_("This is the last step; ctrl+o ends the meeting."))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip":
            return self.engine.step.optional is not None
        # f6 in the turns list is the list's own: who said the highlighted turn.
        return not (action == "choose_speaker" and isinstance(self.focused, Transcript))

    async def action_skip(self) -> None:
        await settle(self)
        if self.run(self.engine.skip_step, redraw=False):
            self._moved()

    async def action_prev_step(self) -> None:
        await settle(self)
        if self.run(self.engine.prev_step, redraw=False):
            self._moved()

    async def action_jump(self) -> None:
        await settle(self)
        titles = agenda_lines(self.engine)

        def done(index: int | None) -> None:
            if index is not None and self.run(lambda: self.engine.goto_step(index), redraw=False):
                self._moved()

        await self._open(JumpDialog(titles, self.engine.step_index), done)

    async def action_question(self, delta: int) -> None:
        await settle(self)
        self.run(lambda: self.engine.goto_question(self.engine.pos.question + delta))

    async def action_repeat(self) -> None:
        await settle(self)
        repeated: list[bool] = []
        if self.run(lambda: repeated.append(self.engine.repeat_step()), redraw=False):
            if repeated[0]:
                self._moved()  # another round or case: the step is arrived at again
            else:
                self.refresh_view()
                self.notify(_("This step is not repeated, or all its rounds are done."))

    async def action_pause(self) -> None:
        await settle(self)
        self.run(self.engine.toggle_pause)

    async def action_notes(self) -> None:
        await settle(self)
        self.show_notes = not self.show_notes
        self.refresh_view()

    # -- quick capture ------------------------------------------------------------------

    def _note_dialog(self, kind: NoteKind):
        def done(text: str | None) -> None:
            if text and text.strip() and self.run(lambda: self.engine.add_note(kind, text)):
                # Whole sentences: the noun's gender changes the rest ("beslutet sparat").
                saved = {"decision": _("saved decision"), "concern": _("saved concern")}
                said = saved.get(kind.value) or _("saved standpoint")
                self.query_one(SpeakerStrip).last_saved = "✓ " + said
                self.refresh_clock()

        return TextDialog(kind.value.capitalize()), done

    async def action_note(self, kind: str) -> None:
        await settle(self)
        dialog, done = self._note_dialog(NoteKind(kind))
        await self._open(dialog, done, f"note:{kind}")

    def _note_rows(self) -> list[NoteRow]:
        """The notes list: each decision and concern, the consent notes, and the groups."""
        rows = []
        for note in self.engine.notes():
            kind = note_kind_name(note.kind.value)
            step = "" if note.step is None else " · " + _("step {n}").format(n=note.step + 1)
            text = one_line(note.text)
            rows.append(
                NoteRow(
                    f"{kind.capitalize()}{step}: {text}",
                    _("Edit {kind}").format(kind=kind),
                    note.text,
                    f"note-edit:{note.id}",
                    _("Delete the {kind} “{text}”?").format(kind=kind, text=text),
                )
            )
        info = self.engine.info
        if self.engine.qs.asks_consent or info.consent_note:
            given = _("given") if info.consent_given else _("not recorded")
            how = f": {one_line(info.consent_note)}" if info.consent_note else ""
            rows.append(
                NoteRow(
                    _("Consent ({given})").format(given=given) + how,
                    _("How consent was given"),
                    info.consent_note,
                    "consent",
                    _("Clear the note of how consent was given?"),
                )
            )
        # The groups and pairs formed so far: their names, to correct or to add who is in each.
        for groups in self.engine.groups.values():
            for g in groups:
                rows.append(
                    NoteRow(
                        _("Group: {name}").format(name=one_line(g.name)),
                        _("The group's name, and who is in it (Gruppe 1: Kari, Ola)"),
                        g.name,
                        f"group:{g.id}",
                        None,  # its outputs stand under it: a group is not deleted
                    )
                )
        # A block whose cases each have their own consent: a row per case.
        per_case = self.engine.case_consents()
        for block in (b for b in self.engine.qs.blocks if b.consent):
            word = block.each or _("Case")
            for case in range(1, block.repeat.max + 1):
                how = per_case.get(case, "")
                said = _("given: {how}").format(how=one_line(how)) if how else _("not recorded")
                rows.append(
                    NoteRow(
                        _("Consent, {word} {n} ({said})").format(word=word, n=case, said=said),
                        _(
                            "How the guardians' consent for {word} {n} was given (empty: not given)"
                        ).format(word=word, n=case),
                        how,
                        f"case-consent:{case}",
                        _("Clear the consent of {word} {n}?").format(word=word, n=case),
                    )
                )
        return rows

    def _change_note(self, row: NoteRow, text: str | None) -> list[NoteRow]:
        """Correct (a text) or delete (None) what a row of the notes list stands for."""
        kind, _sep, arg = row.keep_key.partition(":")
        if kind == "consent":
            given = bool(self.engine.info.consent_given)
            self.run(lambda: self.engine.record_consent(given, (text or "").strip()))
        elif kind == "case-consent":
            self.run(lambda: self.engine.record_case_consent(int(arg), text or ""))
        elif kind == "group":
            if text is not None:  # a group is not deleted: its outputs stand under it
                self.run(lambda: self.engine.rename_group(int(arg), text))
        elif text is None:
            self.run(lambda: self.engine.delete_note(int(arg)))
        elif text.strip() != row.text:
            self.run(lambda: self.engine.edit_note(int(arg), text))
        return self._note_rows()

    async def action_list_notes(self) -> None:
        """f7: every decision, concern and the consent note, to correct or delete."""
        await settle(self)
        rows: list[NoteRow] = []
        if self.run(lambda: rows.extend(self._note_rows()), redraw=False):
            await self._open(NotesDialog(rows, self._change_note, self._push), lambda _: None)

    def _note_edit_dialog(self, row: NoteRow):
        """A correction that was being typed when dialogtui last stopped."""

        def done(text: str | None) -> None:
            if text is not None:
                self._change_note(row, text)

        return TextDialog(row.title, row.text), done

    async def action_action_item(self) -> None:
        await settle(self)
        await self.edit_action(None)

    def _action_dialog(self, item):
        names = [p.name for p in self.engine.participants]
        cols = columns_for(self.engine)

        def done(result) -> None:
            if result is None:
                return
            if result.id is None:
                if self.run(lambda: self.engine.add_action(result)):
                    self.query_one(SpeakerStrip).last_saved = "✓ " + _("saved action item")
                    self.refresh_clock()
            else:
                self.run(lambda: self.engine.update_action(result))

        return ActionDialog(cols, names, item), done

    async def edit_action(self, item) -> None:
        """f3's dialog (and the plan's a and enter): write an action, or correct it."""
        dialog, done = self._action_dialog(item)
        await self._open(dialog, done, f"action:{item.id if item else 'new'}")

    # -- what any step's panel asks (dialogtui.tui.widgets.step_panel) ----------------------

    def on_engine_change(self, event: EngineChange) -> None:
        self.run(lambda: event.change(self.engine))

    async def want(self, request: Request) -> None:
        """Open what a step's panel asked for; what it gives goes through the engine."""
        if isinstance(request, TextWanted):
            dialog: FormDialog | ModalScreen = TextDialog(request.title, request.text)
            key = request.key
        elif isinstance(request, DialogWanted):
            dialog, key = request.dialog, request.key
        else:
            dialog, key = ConfirmDialog(request.question), None

        def done(result) -> None:
            if isinstance(request, ConfirmWanted):
                if result:
                    self.run(lambda: request.then(self.engine))
            else:
                self._given_to(request.then)(result)

        await self._open(dialog, done, key)

    def _given_to(self, then):
        """A dialog's result, given to the engine through `then` (nothing if cancelled)."""

        def done(result) -> None:
            if result is not None:
                self.run(lambda: then(self.engine, result))

        return done

    # -- the end -------------------------------------------------------------------------

    async def action_end(self) -> None:
        from dialogtui.tui.screens.end import EndScreen

        await settle(self)
        self.autosave()
        await self.app.push_screen(EndScreen(self.engine), self._back_from_the_end)

    def _back_from_the_end(self, reopened: bool | None) -> None:
        """`b` on the end screen opened the meeting again: the strip says so (a notice would
        stack with every return and stall the screen when they expire together)."""
        if reopened:
            self._moved()
            if self.engine.reopened_after_read_back:
                self._strip_says(_("open again, not read back · ctrl+o ends the meeting"))
            else:
                self._strip_says(_("open again · ctrl+o ends the meeting"))

    def _participant_dialog(self):
        def done(person) -> None:
            if person is not None and self.run(lambda: self.engine.add_participant(person)):
                said = _("added {name}").format(name=person.name)
                self.query_one(SpeakerStrip).last_saved = "✓ " + said
                self.refresh_clock()

        roles = [(r.name, r.id) for r in self.engine.qs.roles]
        return ParticipantDialog(roles), done

    async def action_add_participant(self) -> None:
        await settle(self)
        dialog, done = self._participant_dialog()
        await self._open(dialog, done, "participant")

    def palette_commands(self) -> Iterable[SystemCommand]:
        commands = [
            (N_("Add participant…"), N_("Someone joins the meeting"), self.action_add_participant),
            (N_("Next step"), N_("Move to the next step"), self.action_next_step),
            (N_("Previous step"), N_("Move back one step"), self.action_prev_step),
            (N_("Go to step…"), N_("Jump to any step"), self.action_jump),
            (N_("Pass"), N_("The current speaker passes"), self.action_pass_turn),
            (N_("Who speaks…"), N_("Choose the speaker"), self.action_choose_speaker),
            (N_("Add action item"), N_("What, how, who, when"), self.action_action_item),
            (N_("Add decision"), N_("Record a decision"), lambda: self.action_note("decision")),
            (N_("Add concern"), N_("Record a concern"), lambda: self.action_note("concern")),
            (
                N_("Add agreed standpoint"),
                N_("Note what the group agrees on"),
                lambda: self.action_note("standpoint"),
            ),
            (
                N_("Decisions, concerns and consent…"),
                N_("List them, to correct or delete one"),
                self.action_list_notes,
            ),
            (N_("Pause or resume the clock"), N_("Stop the step timer"), self.action_pause),
            (N_("Edit or delete turns"), N_("Focus the transcript"), self.action_transcript),
            (N_("Show or hide notes"), N_("Facilitator notes"), self.action_notes),
            (
                N_("Repeat this block"),
                N_("Another round of a repeated step"),
                self.action_repeat,
            ),
            (
                N_("Read back this step"),
                N_("Page through what was written, to correct it in the room"),
                self.action_read_back,
            ),
            (N_("End meeting"), N_("Summary and export"), self.action_end),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(_(title), _(help_text), callback)
