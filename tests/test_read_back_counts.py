"""The acceptance line of a read-back ("read: 19 statements, 4 actions, …") stands in every
copy of the minutes: over generated meetings of the shipped sets, the whole meeting read
page by page covers each statement once (a pass is no statement), each action once, each
earlier action followed up once — never a turn counted twice, nor a meeting's actions once
per case.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from copies import Scribe
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_copies import SCRATCH, SETS

from dialogtui.export import read_back
from dialogtui.export.record import load_record
from dialogtui.store import Store


@pytest.mark.parametrize("set_id", SETS)
@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_the_whole_meeting_read_back_covers_each_thing_once(set_id, data):
    with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
        store = Store.open(Path(tmp) / "dialogtui.sqlite3")
        try:
            engine = Scribe(data.draw, store, set_id).run()
            record = load_record(store, engine.id)
            pages = read_back.pages(record)
            turns = [e.turn.id for p in pages for e in p.entries if e.turn and not e.turn.passed]
            assert sorted(turns) == sorted(t.id for t in record.turns if not t.passed)
            covered = dict(read_back.covered(pages))
            assert covered.get("turns", 0) == len(turns)
            assert covered.get("actions", 0) == len(record.actions)
            assert covered.get("follow_ups", 0) == len(record.carried)
        finally:
            store.close()
