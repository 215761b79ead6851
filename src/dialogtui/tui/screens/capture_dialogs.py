"""The capture screen's own dialogs — a note, an action item, a turn corrected, someone who
joins, which child a case is (their text kept), who speaks, whose a turn was — and the
registration of every kind of dialog the screen keeps, with how each opens again after a
restart (tui/keeping.py): its own, the notes list's, the read-back's, and each step
panel's, on its step only (a card written for a vote is not added to a timeline)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Protocol

from dialogtui.i18n import N_, _, pgettext
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.state import ActionSaved, NoteSaved, ParticipantAdded, Saved
from dialogtui.records import ActionItem, NoteKind, Participant
from dialogtui.tui.dialogs import notes as notes_list
from dialogtui.tui.dialogs import read_back as read_back_dialogs
from dialogtui.tui.dialogs.base import KeepKind, TextDialog
from dialogtui.tui.keeping import KeptDialogs, Opening
from dialogtui.tui.widgets.action_table import columns_for
from dialogtui.tui.widgets.step_panel import PanelReopen, StepPanel

NOTE = KeepKind("note")  # a decision, concern or standpoint being written: which
ACTION = KeepKind("action")  # an action item written ("new") or corrected (its id)
EDIT = KeepKind("edit")  # a turn corrected (its id)
PARTICIPANT = KeepKind("participant")  # someone who joins
CASE = KeepKind("case")  # a case named: the next one ("next") or the current one ("this")

# Each note's dialog title, in the UI's language (the kind's own name is the store's).
NOTE_TITLES = {
    NoteKind.decision: N_("Record a decision"),
    NoteKind.concern: N_("Record a concern"),
    NoteKind.standpoint: N_("Note what the group agrees on"),
}


class CaptureHost(Protocol):
    """The capture screen, as its dialogs see it: the meeting, the door that applies a change
    (and says what the strip shows was saved), and the door its dialogs open through."""

    engine: MeetingEngine

    def run(
        self, change: Callable[[], object], *, redraw: bool = ..., saved: Saved | None = ...
    ) -> bool: ...

    def open_dialog(self, opening: Opening) -> Awaitable[object]: ...

    def moved(self) -> None: ...


class CaptureDialogs:
    def __init__(self, host: CaptureHost):
        self.host = host

    def note(self, kind: NoteKind) -> Opening:
        host = self.host

        def done(text: str | None) -> None:
            if text and text.strip():
                host.run(lambda: host.engine.notes.add(kind, text), saved=NoteSaved(kind))

        return Opening(TextDialog(_(NOTE_TITLES[kind])), done, NOTE.key(kind.value))

    def action(self, item: ActionItem | None) -> Opening:
        """f3's form (and the plan's a and enter): an action written, or corrected."""
        from dialogtui.tui.dialogs.actions import ActionDialog  # not needed to start

        host = self.host
        names = [p.name for p in host.engine.participants]
        cols = columns_for(host.engine)

        def done(result: ActionItem | None) -> None:
            if result is None:
                return
            if result.id is None:
                host.run(lambda: host.engine.actions.add(result), saved=ActionSaved())
            else:
                host.run(lambda: host.engine.actions.update(result))

        key = ACTION.key(item.id if item else "new")
        return Opening(ActionDialog(cols, names, item), done, key)

    def edit(self, turn_id: int, old: str | None) -> Opening:
        """A turn corrected (its earlier text is kept)."""
        host = self.host

        def done(text: str | None) -> None:
            if text is not None and text != old:
                host.run(lambda: host.engine.turns.edit(turn_id, text))

        dialog = TextDialog(_("Edit turn (the old text is kept)"), old or "")
        return Opening(dialog, done, EDIT.key(turn_id))

    def participant(self) -> Opening:
        """Someone who joins during the meeting."""
        from dialogtui.tui.dialogs.people import ParticipantDialog  # not needed to start

        host = self.host

        def done(person: Participant | None) -> None:
            if person is not None:
                added = ParticipantAdded(person.name)
                host.run(lambda: host.engine.add_participant(person), saved=added)

        roles = [(r.name, r.id) for r in host.engine.qs.roles]
        return Opening(ParticipantDialog(roles), done, PARTICIPANT.key())

    def speaker(self) -> Opening:
        """f6, then a number or the first letters of a name: works in every terminal. In a
        round over organisations any of their people; in a step of groups a name not there
        yet forms the group."""
        from dialogtui.tui.dialogs.people import SpeakerDialog  # not needed to start

        host, e = self.host, self.host.engine
        order = e.may_speak()
        ids = [p.id for p in order]
        current = ids.index(e.pos.speaker_id) if e.pos.speaker_id in ids else None
        names = [
            f"{p.name} ({e.organisation(p)})"
            if e.step.by_organisation and e.organisation(p) != p.name
            else p.name
            for p in order
        ]

        def done(index: int | str | None) -> None:
            if isinstance(index, str):
                host.run(lambda: e.set_speaker(e.groups.add(index).id))
            elif index is not None and 0 <= index < len(order):
                host.run(lambda: e.set_speaker(order[index].id))

        return Opening(SpeakerDialog(names, current, adds_groups=e.step.by_group), done)

    def mover(self, turn_id: int, keep: Callable[[int | None], None]) -> Opening:
        """f6 in the turns list: the turn was someone else's. Anyone of the meeting (and
        this step's groups) can be chosen; the earlier speaker stays in the history. `keep`:
        the turns list keeps the turn moved in view (None: it does not after all)."""
        from dialogtui.tui.dialogs.people import SpeakerDialog  # not needed to start

        host, e = self.host, self.host.engine
        people = [*e.participants, *(e.groups.of() if e.step.by_group else [])]
        turn = e.turns.one(turn_id)
        current = next(
            (n for n, p in enumerate(people) if turn and p.id == turn.participant_id), None
        )

        def done(index: int | str | None) -> None:
            if not isinstance(index, int) or not 0 <= index < len(people):
                return
            if turn is None or people[index].id != turn.participant_id:
                keep(turn_id)
                if not host.run(lambda: e.turns.move(turn_id, people[index].id)):
                    keep(None)

        title = _("Who said it? A number, or the first letters and enter")
        return Opening(SpeakerDialog([p.name for p in people], current, title=title), done)

    def case(self, which: str, then: Callable[[], None]) -> Opening | None:
        """Which child a case is (issue 30): `which` "next", ctrl+r's next time through the
        block, or "this", the current case named again (f12). Offered: the cards the vote
        before the block kept, ranked, those of the other cases left out; or a name typed.
        `then`: the screen shows where the meeting now is. None outside a block."""
        from dialogtui.tui.dialogs.case import CaseChoice, CaseDialog, Offered

        host, e = self.host, self.host.engine
        found, current = e.qs.block_at(e.step_index), e.cases.current
        if found is None or current is None:
            return None
        block, repetition = found[0], e.pos.repetition
        word = block.each or pgettext("one time through a block", "time")
        name, card_id = "", None
        if which == "next":
            repetition += 1
            # The word lower-cased in running text: "Case 2: which one? (the next case)".
            title = _("{word} {n}: which one? (the next {small})")
        else:
            title = _("{word} {n}: which one?")
            named = e.cases.names.get(current)
            if named is not None:
                name, card_id = ("", named.card_id) if named.card_id else (named.name, None)
        cards = [
            Offered(rank, card.text, card.votes, card.id)
            for rank, card in e.cases.cards(repetition)
        ]

        def done(choice: CaseChoice | None) -> None:
            if choice is None:
                return
            if which == "next":
                moved: list[bool] = []

                def change() -> None:
                    moved.append(e.repeat_block(choice.name, choice.card_id))

                if host.run(change, redraw=False) and moved[0]:
                    then()
            else:
                host.run(lambda: e.cases.name_case(choice.name, choice.card_id))

        dialog = CaseDialog(
            title.format(word=word, n=repetition, small=word.lower()), cards, name, card_id
        )
        return Opening(dialog, done, CASE.key(which))

    def register(self, kept: KeptDialogs, panels: Iterable[tuple[str, type[StepPanel]]]) -> None:
        """Every kind of dialog the screen keeps, with how it opens again; `panels`: each
        kind of step panel, by the kind of step it works (mounted or not yet)."""
        host, engine = self.host, self.host.engine
        kept.register(NOTE, self._note_again)
        kept.register(ACTION, self._action_again)
        kept.register(EDIT, lambda about: self.edit(int(about), None) if about.isdigit() else None)
        kept.register(PARTICIPANT, lambda _about: self.participant())
        kept.register(CASE, self._case_again)
        notes_list.register(kept, engine, host)
        read_back_dialogs.register(kept, engine, host)
        for step_kind, panel in panels:
            for kind, reopen in panel.kept().items():
                kept.register(kind, self._on_its_step(step_kind, reopen))

    def _on_its_step(self, step_kind: str, reopen: PanelReopen) -> Callable[[str], Opening | None]:
        host = self.host

        def again(about: str) -> Opening | None:
            if host.engine.step.kind != step_kind:
                return None
            request = reopen(host.engine, about)
            return request.opening(host.engine, host.run) if request else None

        return again

    def _case_again(self, about: str) -> Opening | None:
        if about not in ("next", "this"):
            return None
        return self.case(about, self.host.moved)

    def _note_again(self, about: str) -> Opening | None:
        return self.note(NoteKind(about)) if about in NoteKind.__members__ else None

    def _action_again(self, about: str) -> Opening | None:
        item = next((a for a in self.host.engine.actions.all() if str(a.id) == about), None)
        return self.action(item) if about == "new" or item is not None else None
