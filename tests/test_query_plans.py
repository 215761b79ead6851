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
