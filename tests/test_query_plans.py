"""The queries that run every second or on every screen read indexes, never a scan of a
table that grows with the meetings (the performance review's §7: the meetings list scanned
every action per meeting; "who has spoken" read every row of the step's turns).

The SQL checked is the SQL the store runs: it is caught with SQLite's trace callback while
the store's own methods run, then explained."""

from __future__ import annotations

import pytest
from meeting_helpers import new_meeting

from dialogtui.records import ActionItem
from dialogtui.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db")
    m = new_meeting(s, "samtidigt-traff-2", [("Ada", "skola"), ("Per", "socialtjanst")])
    m.start()
    m.submit("Ett inlägg")
    m.actions.add(ActionItem("Boka lokal"))
    m.close()
    yield s
    s.close()


def statements(store, call) -> list[str]:
    seen: list[str] = []
    store.conn.set_trace_callback(seen.append)
    try:
        call()
    finally:
        store.conn.set_trace_callback(None)
    return [s for s in seen if s.lstrip().upper().startswith("SELECT")]


def plans(store, call) -> list[list[str]]:
    out = []
    for sql in statements(store, call):
        out.append([row[3] for row in store.conn.execute(f"EXPLAIN QUERY PLAN {sql}")])
    assert out, "the call ran no query"
    return out


# (what, the store's call, what every plan must say, beyond "no scan")
HOT = [
    ("meetings list", lambda s: s.list_meetings(), None),
    ("who has spoken", lambda s: s.round_marks(1, 0, 1, 0), "COVERING INDEX"),
    ("who has spoken, all questions", lambda s: s.round_marks(1, 0, 1, None), "COVERING INDEX"),
    ("turns in the step", lambda s: s.count_step_turns(1, 0), "COVERING INDEX"),
    ("the step's last turns", lambda s: s.turns(1, 0, last=500), None),
    ("a meeting's actions", lambda s: s.actions(1), None),
    ("a meeting's people", lambda s: s.participants(1), None),
]


@pytest.mark.parametrize(("name", "call", "must"), HOT, ids=[h[0] for h in HOT])
def test_hot_queries_read_an_index(store, name, call, must):
    for steps in plans(store, lambda: call(store)):
        # Scanning the meetings is the list itself; nothing else is read whole.
        # (A subquery's few rows are read whole, as they must be.)
        scans = [
            s
            for s in steps
            if s.startswith("SCAN")
            and s not in ("SCAN m", "SCAN meetings")
            and not s.startswith("SCAN (subquery")
        ]
        assert not scans, (name, steps)
        if must and any("turns" in s for s in steps):
            assert any(must in s for s in steps), (name, steps)


def test_the_plan_test_would_see_a_scan(store):
    [steps] = plans(store, lambda: store.query("SELECT * FROM actions WHERE what = ?", ("x",)))
    assert any(s.startswith("SCAN") for s in steps), steps


def vm_steps(store, call) -> int:
    """The SQLite instructions a call runs: what it reads, counted, not timed."""
    steps = 0

    def count() -> int:
        nonlocal steps
        steps += 1
        return 0  # go on

    store.conn.set_progress_handler(count, 1)
    try:
        call()
    finally:
        store.conn.set_progress_handler(None, 1)
    return steps


def add_turns(store, n: int, passed: int = 0) -> None:
    with store.tx() as c:
        c.executemany(
            "INSERT INTO turns (meeting_id, step_index, repetition, question_index,"
            " participant_id, text, passed, started_at, ended_at)"
            " VALUES (1, 0, 1, 0, 1, 'x', ?, '2026-01-15T09:00:00', '2026-01-15T09:00:00')",
            [(passed,)] * n,
        )


@pytest.mark.parametrize("question", [0, None])
def test_who_has_spoken_costs_the_same_however_long_the_step(store, question):
    # Read at every resume and each time through a step: an index seek per person, not a
    # read of every turn of the step (a step of 100,000 turns took 20 ms).
    before = store.round_marks(1, 0, 1, question)
    few = vm_steps(store, lambda: store.round_marks(1, 0, 1, question))
    add_turns(store, 3_000)
    add_turns(store, 3_000, passed=1)
    many = vm_steps(store, lambda: store.round_marks(1, 0, 1, question))
    assert store.round_marks(1, 0, 1, question) == before  # Ada had spoken already
    assert many <= few + 20, (few, many)
