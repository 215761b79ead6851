"""The meeting's state, as the screens watch it (dialogtui.meeting.state): the engine's view
and a store reader's view of the same meeting are the same, after whatever the scribe does;
and a read-only view of the room, in another connection, follows a meeting by polling."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting

from dialogtui.errors import DialogtuiError
from dialogtui.kinds import scale, vote
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.state import ENGINE_ONLY, MeetingState, read_state, state_of
from dialogtui.questionset.loader import parse_question_set
from dialogtui.records import ActionItem, NoteKind, Participant
from dialogtui.store import Store

START = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
PEOPLE = [("Anna Berg", "skola", "Skola"), ("Bo Ek", "skola", "Skola"), ("Cia Lind", None, "BUP")]
# Rounds over organisations with a vote and needs (Träff 4, its cases with their own
# consent), groups and a timeline (Träff 3), a scale, and a block repeated (reflecting team).
SETS = ["samtidigt-traff-4", "samtidigt-traff-3", "raseborg-orons-zoner", "reflekterande-team"]


def apply(engine, op: tuple) -> None:
    """One thing the scribe does, through the engine as the screen does it."""
    name, n = op
    turns = engine.turns.in_step()
    people = engine.speakers() or engine.participants
    if name == "submit":
        engine.submit(f"sagt {n}")
    elif name == "pass":
        engine.pass_turn()
    elif name == "next":
        engine.next_step()
    elif name == "prev":
        engine.prev_step()
    elif name == "goto":
        engine.goto_step(n % len(engine.qs.steps))
    elif name == "skip":
        engine.skip_step()
    elif name == "repeat":
        engine.repeat_step()
    elif name == "question":
        engine.goto_question(n % max(1, len(engine.step.questions)))
    elif name == "tab":
        engine.cycle_speaker(1 if n % 2 else -1)
    elif name == "speaker":
        engine.set_speaker(people[n % len(people)].id if people else None)
    elif name == "pause":
        engine.resume() if engine.paused else engine.pause()
    elif name == "note":
        engine.notes.add(list(NoteKind)[n % len(NoteKind)], f"not {n}")
    elif name == "edit_note" and engine.notes.all():
        engine.notes.edit(engine.notes.all()[n % len(engine.notes.all())].id, f"rättad {n}")
    elif name == "edit_turn" and turns:
        engine.turns.edit(turns[n % len(turns)].id, f"rättat {n}")
    elif name == "move_turn" and turns and engine.participants:
        who = engine.participants[n % len(engine.participants)].id
        engine.turns.move(turns[n % len(turns)].id, who)
    elif name == "delete_turn" and turns:
        engine.turns.delete(turns[n % len(turns)].id)
    elif name == "join":
        engine.add_participant(Participant(f"Ny {n}", organisation=f"Org {n % 2}"))
    elif name == "group":
        engine.groups.add(f"Grupp {n}")
    elif name == "rename_group" and engine.groups.all():
        engine.groups.rename(engine.groups.all()[n % len(engine.groups.all())].id, f"G {n}")
    elif name == "action":
        engine.actions.add(ActionItem(f"Göra {n}", who="Anna Berg"))
    elif name == "card":
        card = engine.cards.add(f"Kort {n}")
        if engine.step.vote is not None:
            vote.give(engine.kind_context(), card.id, 1)
    elif name == "rate" and engine.step.scale is not None:
        points = engine.step.scale.points
        scale.rate_speaker(engine.kind_context(), points[n % len(points)].value)
    elif name == "case_consent":
        engine.consent.record_case(1 + n % 2, "muntligt" if n % 3 else "")
    elif name == "read_back":
        engine.read_back.accept("Alla")
    elif name == "finish":
        engine.finish()
    elif name == "start":
        engine.start()


OPS = st.tuples(
    st.sampled_from(
        [
            *["submit"] * 6,  # the round's marks come from turns: most of what is done
            "pass",
            "next",
            "prev",
            "goto",
            "skip",
            "repeat",
            "question",
            "tab",
            "speaker",
            "pause",
            "note",
            "edit_note",
            "edit_turn",
            "move_turn",
            "delete_turn",
            "join",
            "group",
            "rename_group",
            "action",
            "card",
            "rate",
            "case_consent",
            "read_back",
            "finish",
            "start",
        ]
    ),
    st.integers(0, 20),
)


def shared(state: MeetingState) -> MeetingState:
    assert all(getattr(state.shared(), name) is None for name in ENGINE_ONLY)
    return state.shared()


@pytest.mark.parametrize("set_id", SETS)
@settings(
    max_examples=60,
    derandomize=True,  # the same sequences every run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(ops=st.lists(OPS, max_size=25))
def test_the_store_alone_gives_the_state_the_engine_gives(tmp_path_factory, set_id, ops):
    """After every call, whatever it did (or refused), a reader of the store sees what the
    screen sees, apart from the clock and what was last saved (the engine's alone)."""
    db = tmp_path_factory.mktemp("state") / "db"
    clock = FakeClock(START)
    store = Store.open(db)
    try:
        engine = new_meeting(store, set_id, PEOPLE, clock=clock, consent_given=True)
        qs = parse_question_set(store.meeting_row(engine.id).set_toml, set_id)
        engine.start()
        assert shared(state_of(engine)) == read_state(store, engine.id, qs), "started"
        for op in ops:
            with contextlib.suppress(DialogtuiError):  # refused: both must still agree
                apply(engine, op)
            clock.advance(seconds=7)
            assert shared(state_of(engine)) == read_state(store, engine.id, qs), op
    finally:
        store.close()


def test_every_kind_of_change_changes_the_state(tmp_path):
    """Each of these changes something on screen; the state (what the widgets compare)
    must differ after each, or a widget would not redraw."""
    clock = FakeClock(START)
    store = Store.open(tmp_path / "db")
    engine = new_meeting(store, "samtidigt-traff-4", PEOPLE, clock=clock, consent_given=True)
    engine.start()
    steps = [
        ("submit", 0),
        ("edit_turn", 0),
        ("move_turn", 2),
        ("delete_turn", 0),
        ("tab", 1),
        ("pause", 0),
        ("note", 0),
        ("edit_note", 0),
        ("join", 1),
        ("action", 0),
        ("case_consent", 1),
        ("read_back", 0),
        ("next", 0),
        ("finish", 0),
    ]
    for op in steps:
        before = state_of(engine)
        apply(engine, op)
        assert state_of(engine).shared() != before.shared(), op
    store.close()


class RoomView:
    """A test double of a read-only view of the meeting for the room: its own read-only
    connection (as another process would have), told by SQLite's `data_version` that the
    file changed, and then reading the meeting's state from the store alone."""

    def __init__(self, path, meeting_id: int):
        self.store = Store.open_reader(path)
        self.id = meeting_id
        row = self.store.meeting_row(meeting_id)
        self.qs = parse_question_set(row.set_toml, f"<meeting {meeting_id}>")
        self.reads = 0  # how often it read the meeting
        self._version: int | None = None
        self.state = self._read()

    def _read(self) -> MeetingState:
        self.reads += 1
        return read_state(self.store, self.id, self.qs)

    def poll(self) -> MeetingState | None:
        """The meeting's state if it changed since the last poll, else None (and nothing
        read where no other connection wrote)."""
        version = self.store.query("PRAGMA data_version")[0][0]
        if version == self._version:
            return None
        self._version = version
        state = self._read()
        if state == self.state:
            return None
        self.state = state
        return state


def test_a_read_only_view_of_the_room_follows_a_meeting_by_polling(tmp_path):
    db = tmp_path / "db"
    clock = FakeClock(START)
    writer = Store.open(db)
    engine = new_meeting(writer, "samtidigt-traff-4", PEOPLE, clock=clock, consent_given=True)
    engine.start()
    room = RoomView(db, engine.id)
    try:
        room.poll()  # from here on, only what changes
        assert room.poll() is None and room.reads == 2, "nothing written: nothing read"
        assert room.state.at.step == 0 and not room.state.finished

        engine.next_step()  # a step change
        seen = room.poll()
        assert seen is not None and seen.at.step == 1

        engine.submit("Vi har börjat samarbeta")  # a turn submitted
        seen = room.poll()
        assert seen is not None and seen.turns.newest == engine.turns.in_step()[-1].id

        engine.pause()
        seen = room.poll()
        assert seen is not None and seen.paused
        clock.advance(minutes=1)
        engine.timing.tick()  # the clock saved (paused: nothing to save): no change seen
        assert room.poll() is None

        engine.resume()
        seen = room.poll()  # (no walrus in an assert: pytest's rewriting evaluates it again)
        assert seen is not None and not seen.paused
        reads = room.reads
        clock.advance(seconds=6)
        engine.timing.tick()  # the step's clock folded into the store: read, but the same
        assert room.poll() is None and room.reads == reads + 1

        # The read-back: a turn corrected as it is read back, then the minutes accepted.
        turn = engine.turns.in_step()[-1]
        engine.turns.edit(turn.id, "Vi har börjat samarbeta, sa Anna", at_read_back=True)
        seen = room.poll()
        assert seen is not None and seen.turns.revisions == 1
        engine.read_back.accept("Anna Berg, Bo Ek, Cia Lind")
        seen = room.poll()
        assert seen is not None and seen.read_backs == 1

        engine.finish()  # the meeting ended
        seen = room.poll()
        assert seen is not None and seen.finished
        assert room.state == state_of(engine).shared()
    finally:
        room.store.close()
        writer.close()
