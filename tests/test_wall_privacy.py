"""Over generated meetings (a scribe's sequence of actions: turns, passes, decisions,
concerns and standpoints, actions, consent and its note, cases named, steps gone to and fro,
what the room is shown switched, read-back pages turned, the turn being typed), what must
always hold of the room's view (`dialogtui.wall.view`, followed through a reader store as
`dialogtui wall` follows it):

- it never holds anything private: no concern, no consent note, none of the facilitators'
  notes or the set's guidance (the asker's only), no pseudonym of the meeting's people;
- what is written shows only where the scribe shows notes, and then only what was typed at
  the step under way, in its time through (its case): no word misfiled;
- it is what the store says: the follower reads the same as a follower made afresh.
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import shutil
import tempfile
from pathlib import Path

from case_meeting import PEOPLE, traff_4_with_zones
from hypothesis import note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule
from meeting_helpers import new_meeting

from dialogtui.display import visible
from dialogtui.errors import DialogtuiError
from dialogtui.export.pseudonymise import pseudonyms
from dialogtui.export.record import load_record
from dialogtui.records import ActionItem, NoteKind, RoomShows
from dialogtui.store import Store
from dialogtui.store.room import READING_AFTER_STEPS
from dialogtui.wall import view as wall_view
from dialogtui.wall.follow import Follower

FAMILY = ("Maja Lind", None, "")
HOSTILE = [
    "\x1b]0;TITLE\x07",
    "\x1b[2J\x1b[H",
    "[bold red]x[/]",
    "\x9b31m",
    "\u202eevil",
    "a\rb\x00",
]
CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f]")
SETS = {
    "samtidigt-traff-4": traff_4_with_zones(),
    "raseborg-klientmote": None,
    "hva-planlegging": None,
}


def texts(value: object) -> list[str]:
    """Every string a value holds, however deep."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [t for f in dataclasses.fields(value) for t in texts(getattr(value, f.name))]
    if isinstance(value, (tuple, list, frozenset, set)):
        return [t for v in value for t in texts(v)]
    return []


def set_notes(qs) -> list[str]:
    """The facilitators' notes of a set: never in the room's view."""
    found = [g.text for g in qs.guidance]
    for step in qs.steps:
        found += [t for t in (step.note, step.ours) if t]
        for q in step.questions:
            found += [t for t in (q.note, q.ours) if t]
    return found


class RoomMeeting(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="wall-"))
        self.db = self.folder / "db.sqlite3"
        self.store = Store.open(self.db)
        self.count = 0
        self.private: list[str] = []  # typed and never for the room
        self.typed: dict[str, tuple[int, int]] = {}  # each turn's text: (step, repetition)

    @initialize(set_id=st.sampled_from(sorted(SETS)))
    def open(self, set_id: str) -> None:
        people = [*PEOPLE, FAMILY] if set_id == "samtidigt-traff-4" else PEOPLE
        self.m = new_meeting(self.store, set_id, people, text=SETS[set_id])
        self.clock = self.m.clock
        self.m.start()
        self.room = Follower(self.db, self.m.id, wall_view.ROOM, self.clock)
        self.notes = [n for n in set_notes(self.m.qs) if len(n) > 12]
        note(f"set {set_id}")

    def tag(self) -> str:
        self.count += 1
        return f"Qz{self.count:03d}q"

    @rule(who=st.integers(0, 3), passed=st.booleans())
    def turn(self, who: int, passed: bool) -> None:
        said = self.tag()
        try:
            if self.m.step.is_round or who < 3:
                self.m.set_speaker(self.m.participants[who % len(self.m.participants)].id)
            if passed:
                self.m.pass_turn()
            else:
                self.m.submit(said)
                self.typed[said] = (self.m.step_index, self.m.pos.repetition)
        except DialogtuiError:
            pass

    @rule(kind=st.sampled_from(list(NoteKind)))
    def note(self, kind: NoteKind) -> None:  # f4, f5, ctrl+f
        said = self.tag()
        self.m.notes.add(kind, said)
        if kind is NoteKind.concern:
            self.private.append(said)

    @rule()
    def action(self) -> None:  # f3
        self.m.actions.add(ActionItem(self.tag(), who="Per Ek"))

    @rule(into_case=st.booleans())
    def consent(self, into_case: bool) -> None:
        said = self.tag()
        self.private.append(said)
        cases = [i for i, _ in enumerate(self.m.qs.steps) if self.m.qs.block_at(i) is not None]
        if into_case and cases and self.m.qs.block_at(self.m.step_index) is None:
            self.m.goto_step(cases[0])  # the case's first step, where its consent is taken
        if self.m.qs.block_at(self.m.step_index) is not None:
            self.m.consent.record_case(self.m.pos.repetition, said)
        else:
            self.m.consent.record(True, said)

    @rule()
    def name_case(self) -> None:
        with contextlib.suppress(DialogtuiError):
            self.m.cases.name_case(self.tag())

    @rule(index=st.integers(0, 12))
    def goto(self, index: int) -> None:
        with contextlib.suppress(DialogtuiError):
            self.m.goto_step(index % len(self.m.qs.steps))

    @rule()
    def next_case(self) -> None:
        with contextlib.suppress(DialogtuiError):
            self.m.repeat_block(name=self.tag())

    @rule()
    def typing(self) -> None:  # the text box's draft, kept every second
        said = self.tag()
        self.m.drafts.save(said)
        self.typed[said] = (self.m.step_index, self.m.pos.repetition)

    @rule(shows=st.sampled_from(list(RoomShows)))
    def show(self, shows: RoomShows) -> None:  # the scribe's ctrl+w
        self.m.room.show(shows)

    @rule(page=st.sampled_from([None, READING_AFTER_STEPS, 0, 1, 2, 3, 4, 5, 6]))
    def read_back(self, page: int | None) -> None:
        self.m.room.reading(page)

    @rule()
    def read_back_here(self) -> None:  # f10: the step under way, its item chosen
        self.m.room.reading(self.m.step_index, self.count % 4)

    @rule(hostile=st.sampled_from(HOSTILE))
    def hostile_turn(self, hostile: str) -> None:  # typed or pasted: escapes, controls
        said = self.tag()
        self.m.submit(hostile + said)
        self.typed[hostile + said] = (self.m.step_index, self.m.pos.repetition)

    @rule(seconds=st.integers(0, 400))
    def time_passes(self, seconds: int) -> None:
        self.clock.advance(seconds)

    @invariant()
    def the_room_sees_nothing_private(self) -> None:
        if not hasattr(self, "room"):
            return
        self.room.poll()
        content = self.room.shown.content
        assert content is not None
        # Whatever the scribe shows, the read-back page of the step under way and what is
        # written there, as the room would see them (the whole rule, at every step).
        readings, engine = wall_view.Readings(), self.room._engine
        here = [readings.reading(engine, self.m.step_index, n) for n in (0, 1, 2)]
        seen = "\n".join(texts(content) + texts(here) + texts(readings.items(engine)))
        for said in self.private:
            assert said not in seen, f"{said} is private"
        for text in self.notes:
            assert text not in seen, f"a facilitators' note: {text[:40]}"
        record = load_record(self.store, self.m.id)
        for name in pseudonyms(record, "sv").values():
            if len(name) > 3:
                assert name not in seen, f"a pseudonym: {name}"
        assert content.notes == () and content.speaking == () and content.next_step == ""
        # Nothing reaches the terminal (or the browser's) as a command: no control but a
        # line break, no escape.
        assert not CONTROL.search(seen), repr(CONTROL.search(seen))
        if content.shows is not RoomShows.notes:
            assert content.written == () and content.typing is None
        here = (self.m.step_index, self.m.pos.repetition)
        for said in content.written:
            typed = [t for t in self.typed if visible(t) == said.text]
            for text in typed:
                assert self.typed[text] == here, f"{said.text} misfiled"
        # What the follower shows is the store's: one made afresh reads the same.
        fresh = Follower(self.db, self.m.id, wall_view.ROOM, self.clock)
        fresh.poll()
        assert fresh.shown.content == content
        fresh.close()

    def teardown(self) -> None:
        if hasattr(self, "room"):
            self.room.close()
        self.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)


RoomMeeting.TestCase.settings = settings(max_examples=40, stateful_step_count=25)
test_the_room_never_sees_anything_private = RoomMeeting.TestCase
