"""What the store's writes promise beyond their own rows: a write through one meeting never
changes another's, durability is back after every quick commit, and a migration's
statements are cut where SQLite says they end."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from store_helpers import NOW, Filled, fill, rows_by_meeting

from dialogtui.errors import StoreError
from dialogtui.records import (
    ActionItem,
    ActionStatus,
    Card,
    FollowUp,
    ScaleRating,
)
from dialogtui.store import Store
from dialogtui.store import connection as store_connection

FULL = 2  # PRAGMA synchronous: fsync at every commit

# The writes that take the id of a row as well as the meeting's: each must find the row in
# that meeting or leave it alone. Given (store, meeting, id, a participant's id).
Write = Callable[[Store, int, int, int], object]
WRITES_BY_ID: dict[str, Write] = {
    "edit_turn": lambda s, m, i, p: s.edit_turn(m, i, "ändrad", NOW),
    "move_turn": lambda s, m, i, p: s.move_turn(m, i, p, NOW),
    "delete_turn": lambda s, m, i, p: s.delete_turn(m, i, NOW),
    "add_objection": lambda s, m, i, p: s.add_objection(m, i, "Bo", "fel", NOW, p),
    "edit_note": lambda s, m, i, p: s.edit_note(m, i, "ändrad"),
    "delete_note": lambda s, m, i, p: s.delete_note(m, i),
    "set_card": lambda s, m, i, p: s.set_card(m, Card(i, 1, "ändrat", votes=3)),
    "delete_card": lambda s, m, i, p: s.delete_card(m, i),
    "update_action": lambda s, m, i, p: s.update_action(m, ActionItem("ändrad", id=i), NOW),
    "delete_action": lambda s, m, i, p: s.delete_action(m, i),
    "rename_group": lambda s, m, i, p: s.rename_group(m, i, "omdöpt"),
    "rate_scale": lambda s, m, i, p: s.rate_scale(m, ScaleRating(1, i, 1, "ny")),
    "follow_up": lambda s, m, i, p: s.follow_up(m, FollowUp(i, ActionStatus.done), NOW),
}
# Which of a meeting's ids each write is given.
KIND_OF_ID = {
    "turn": ["edit_turn", "move_turn", "delete_turn", "add_objection"],
    "note": ["edit_note", "delete_note"],
    "card": ["set_card", "delete_card"],
    "action": ["update_action", "delete_action", "follow_up"],
    "group": ["rename_group"],
    "person": ["rate_scale"],
}


def test_every_write_by_id_is_drawn():
    assert sorted(w for ws in KIND_OF_ID.values() for w in ws) == sorted(WRITES_BY_ID)


@pytest.fixture(scope="module")
def three(tmp_path_factory) -> tuple[Path, list[Filled]]:
    """A file with two meetings of one series and a third alone, everything in each."""
    template = tmp_path_factory.mktemp("three") / "dialogtui.sqlite3"
    store = Store.open(template)
    first = fill(store, "Första")
    meetings = [first, fill(store, "Andra", previous=first.meeting), fill(store, "Ensamt")]
    store.close()
    return template, meetings


def _kind(name: str) -> str:
    return next(k for k, ws in KIND_OF_ID.items() if name in ws)


@pytest.mark.parametrize("first_write", sorted(WRITES_BY_ID))
def test_a_write_through_one_meeting_never_changes_another(three, tmp_path, first_write):
    # Ids are unique across the file, not per meeting: only the meeting's id in each write
    # keeps a stale or mistyped id from rewriting another family's turns, notes or plan.
    template, meetings = three
    first = meetings[0]

    def call(names: st.SearchStrategy[str]) -> st.SearchStrategy[tuple]:
        return names.flatmap(
            lambda name: st.tuples(
                st.just(name),
                st.sampled_from(meetings),  # the meeting written through
                # mostly an id of one of the meetings' (its own or another's), else of none
                st.sampled_from([getattr(m, _kind(name)) for m in meetings]) | st.integers(-1, 40),
                st.sampled_from([m.person for m in meetings]),
            )
        )

    path = tmp_path / "dialogtui.sqlite3"
    crossed: list[bool] = []  # whether the write was tried on another meeting's row

    @settings(max_examples=25, derandomize=True)
    @given(
        call(st.just(first_write)),
        st.lists(call(st.sampled_from(sorted(WRITES_BY_ID))), max_size=3),  # and then
    )
    def check(once, then):
        shutil.copyfile(template, path)  # every example from the same file: none deleted
        store = Store.open(path)
        look = sqlite3.connect(path)  # past the store: its own slip cannot hide in its reads
        try:
            before = rows_by_meeting(look)
            for n, (name, through, row_id, person) in enumerate([once, *then]):
                others = [m for m in meetings if m is not through]
                if n == 0:
                    crossed.append(row_id in {getattr(m, _kind(name)) for m in others})
                own = {r[0] for r in before[through.meeting]["actions"]}
                # Refused out loud is as good as untouched, if it is untouched.
                with contextlib.suppress(StoreError):
                    WRITES_BY_ID[name](store, through.meeting, row_id, person)
                now = rows_by_meeting(look)
                for m in others:
                    after, was = now[m.meeting], before[m.meeting]
                    # The two ways a write reaches another meeting, both by design: the
                    # meeting that follows the first up sets the status of the first's
                    # action; an action deleted by its own meeting takes its follow-ups.
                    if name == "follow_up" and m is first and through is meetings[1]:
                        was["actions"] = after["actions"]
                    if name == "delete_action" and row_id in own:
                        was["follow_ups"] = [r for r in was["follow_ups"] if r[2] != row_id]
                    assert after == was, (name, through.meeting, row_id)
                before = now
        finally:
            look.close()
            store.close()

    check()
    assert any(crossed)  # it was tried on another meeting's row


def test_an_action_followed_up_is_one_of_an_earlier_meeting_of_the_series(tmp_path):
    # The exception above, held to its rule: a meeting of no series, or the earlier
    # meeting itself, cannot set another's action.
    store = Store.open(tmp_path / "dialogtui.sqlite3")
    try:
        first = fill(store, "Första")
        second = fill(store, "Andra", previous=first.meeting)
        alone = fill(store, "Ensamt")
        for through, action in [(alone, first.action), (first, second.action)]:
            with pytest.raises(StoreError, match="not an open action of an earlier meeting"):
                store.follow_up(through.meeting, FollowUp(action, ActionStatus.done), NOW)
        store.follow_up(second.meeting, FollowUp(first.action, ActionStatus.done), NOW)
        assert store.actions(first.meeting)[0].status is ActionStatus.done
    finally:
        store.close()


# The writes that commit without an fsync (rewritten every few seconds while typing).
QUICK: dict[str, Callable[[Store, int], object]] = {
    "save_draft": lambda s, m: s.save_draft(m, "halv mening", NOW),
    "keep_text": lambda s, m: s.keep_text(m, "note:decision", "öppen", NOW),
    "add_step_time": lambda s, m: s.add_step_time(m, 0, 5.0),
}


@pytest.mark.parametrize("quick", sorted(QUICK))
def test_after_a_quick_commit_the_next_commit_is_fsynced_again(tmp_path, quick):
    # If FULL were not restored after a commit without fsync, every turn after the first
    # clock save would show "✓ saved" before it is on disk, and nothing else would notice.
    store = Store.open(tmp_path / "dialogtui.sqlite3")
    try:
        m = fill(store, "Möte").meeting
        assert store.query("PRAGMA synchronous")[0][0] == FULL
        QUICK[quick](store, m)
        assert store.query("PRAGMA synchronous")[0][0] == FULL
        # And when the quick commit fails half-way (a full disk, a bad text).
        with pytest.raises(StoreError), store.tx(durable=False) as c:
            c.execute("INSERT INTO no_such_table VALUES (1)")
        assert store.query("PRAGMA synchronous")[0][0] == FULL
    finally:
        store.close()


SCRIPT = """
    CREATE TABLE said (text TEXT NOT NULL);
    CREATE TABLE echo (text TEXT NOT NULL);
    -- a ';' inside a string literal, and two statements inside a trigger's body
    INSERT INTO said VALUES ('först; sedan');
    CREATE TRIGGER said_echo AFTER INSERT ON said BEGIN
        INSERT INTO echo VALUES (new.text || ';');
        INSERT INTO echo VALUES ('och; mer');
    END;
    INSERT INTO said VALUES ('igen');
"""


def test_a_migration_is_cut_where_sqlite_says_a_statement_ends(tmp_path, monkeypatch):
    # Cut at every ';', the string and the trigger above would each become broken halves.
    path = tmp_path / "dialogtui.sqlite3"
    Store.open(path).close()
    latest = store_connection.LATEST
    monkeypatch.setattr(store_connection, "MIGRATIONS", [*store_connection.MIGRATIONS, SCRIPT])
    monkeypatch.setattr(store_connection, "LATEST", latest + 1)
    store = Store.open(path)
    try:
        assert store.schema_version == latest + 1
        assert [r[0] for r in store.query("SELECT text FROM said")] == ["först; sedan", "igen"]
        assert [r[0] for r in store.query("SELECT text FROM echo")] == ["igen;", "och; mer"]
    finally:
        store.close()
    conn = sqlite3.connect(path)
    trigger = conn.execute("SELECT sql FROM sqlite_master WHERE name='said_echo'").fetchone()
    conn.close()
    assert trigger[0].count(";") == 4  # the trigger whole, as written


def test_dates_are_kept_as_written(tmp_path):
    # The typed meeting row reads back what was written (a date, the times, the status).
    store = Store.open(tmp_path / "dialogtui.sqlite3")
    try:
        m = fill(store, "Möte").meeting
        row = store.meeting_row(m)
        assert row.date == dt.date(2026, 1, 15) and row.created_at == NOW
        assert row.started_at is None and row.status == "open" and row.consent_given is True
    finally:
        store.close()
