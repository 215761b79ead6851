"""Durability, migrations, permissions, locks and failure modes of the SQLite store."""

from __future__ import annotations

import hashlib
import os
import random
import select
import signal
import sqlite3
import stat
import time

import pytest
from conftest import posix_only
from meeting_helpers import new_meeting

from dialogtui.errors import StoreError, UnknownMeeting
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.timing import CLOCK_SAVED_EVERY
from dialogtui.records import ActionItem
from dialogtui.store import Store
from dialogtui.store.migrations import LATEST


@posix_only
def test_files_and_folders_are_private(private_home):
    store = Store.open()
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.start()
    m.submit("hemligt")
    assert stat.S_IMODE(private_home.stat().st_mode) == 0o700
    for path in private_home.rglob("*"):
        expected = 0o700 if path.is_dir() else 0o600
        assert stat.S_IMODE(path.stat().st_mode) == expected, path
    m.close()
    store.close()


def test_wal_and_full_sync(tmp_path):
    store = Store.open(tmp_path / "db")
    assert store.query("PRAGMA journal_mode")[0][0] == "wal"
    assert store.query("PRAGMA synchronous")[0][0] == 2  # FULL
    store.close()


def test_a_clock_or_draft_save_leaves_the_next_turn_fsynced(tmp_path):
    # The clock and the draft commit with synchronous=NORMAL (no fsync); if FULL were not
    # restored after them, every turn after the first clock save would show "✓ saved"
    # before it is on disk, and nothing else would notice.
    store = Store.open(tmp_path / "db")
    clock = FakeClock()
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)], clock=clock)
    m.start()
    full = 2

    def synchronous() -> int:
        return store.query("PRAGMA synchronous")[0][0]

    clock.advance(seconds=CLOCK_SAVED_EVERY)
    m.timing.tick()
    assert store.step_times(m.id) == {0: CLOCK_SAVED_EVERY}  # the clock was saved
    assert synchronous() == full
    m.drafts.save("halvfärdig mening")
    assert synchronous() == full
    m.submit("halvfärdig mening, färdig")
    assert synchronous() == full
    m.drafts.keep("note:decision", "ett beslut")
    assert synchronous() == full
    store.close()


def test_an_older_database_is_upgraded(tmp_path):
    path = tmp_path / "db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_version (version INTEGER NOT NULL)")
    conn.execute("INSERT INTO schema_version VALUES (0)")
    conn.commit()
    conn.close()
    store = Store.open(path)
    assert store.schema_version == LATEST
    assert store.list_meetings() == []
    store.close()


def test_a_newer_database_is_refused_untouched(tmp_path):
    path = tmp_path / "db"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = 999")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer dialogtui"):
        Store.open(path)
    assert path.read_bytes() == before


def test_not_a_database(tmp_path):
    path = tmp_path / "db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a dialogtui database"):
        Store.open(path)


def test_read_only_folder_gives_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root writes anywhere")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(StoreError):
        Store.open(folder / "sub" / "db")


def test_full_disk_keeps_the_last_good_state(tmp_path):
    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.start()
    m.submit("first")
    page_count = store.query("PRAGMA page_count")[0][0]
    store.query(f"PRAGMA max_page_count = {page_count}")  # the file cannot grow: a full disk
    with pytest.raises(StoreError, match="disk is full"):
        m.submit("x" * 1_000_000)
    store.query("PRAGMA max_page_count = 1073741823")
    assert [t.text for t in m.turns.in_step()] == ["first"]
    assert store.query("PRAGMA integrity_check")[0][0] == "ok"
    m.submit("after the disk has room again")
    assert len(m.turns.in_step()) == 2
    store.close()


def test_forget_removes_everything_for_good(tmp_path):
    path = tmp_path / "db"
    store = Store.open(path)
    m = new_meeting(store, "raseborg-temamote", [("Zlatan Hemligsson", None)])
    m.start()
    m.submit("Ett mycket känsligt uttalande om familjen")
    m.close()
    keep = new_meeting(store, "raseborg-temamote", [("Other", None)])
    store.forget(m.id)
    with pytest.raises(UnknownMeeting):
        store.meeting_row(m.id)
    assert [m.id for m in store.list_meetings()] == [keep.id]
    store.close()
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    assert b"Hemligsson" not in raw and "känsligt".encode() not in raw


def test_an_action_is_changed_only_through_its_own_meeting(tmp_path):
    # Action ids are unique across meetings, so only the meeting id in the UPDATE keeps an
    # id from elsewhere (a stale item, a caller's slip) from rewriting another family's
    # plan; the store refuses it out loud rather than changing nothing silently.
    store = Store.open(tmp_path / "db")
    clock = FakeClock()
    one = new_meeting(store, "raseborg-temamote", [("Anna", None)], clock=clock)
    other = new_meeting(store, "raseborg-temamote", [("Bo", None)], clock=clock)
    ours = one.actions.add(ActionItem("Ringa skolan", who="Anna"))
    theirs = other.actions.add(ActionItem("Boka möte", who="Bo"))
    before = store.query("SELECT * FROM actions ORDER BY id")
    clock.advance(minutes=1)
    hijack = ActionItem("Ändrat från fel möte", who="Bo", id=ours.id)
    with pytest.raises(StoreError, match=f"action {ours.id} does not exist in meeting {other.id}"):
        other.actions.update(hijack)
    with pytest.raises(StoreError, match="does not exist"):
        store.update_action(other.id, hijack, clock.now())
    assert [tuple(r) for r in store.query("SELECT * FROM actions ORDER BY id")] == [
        tuple(r) for r in before
    ]
    # Through its own meeting the same change goes through.
    one.actions.update(hijack)
    assert [a.what for a in one.actions.all()] == ["Ändrat från fel möte"]
    assert [a.what for a in other.actions.all()] == [theirs.what]
    store.close()


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _writer(path, meeting_id, fd):
    """Child process: autosave a draft, then submit it as a turn (and now and then an
    action), as fast as it can, reporting each durable step with a hash of its text:
    "D n -" for draft n, "T id hash" for a turn, "A id hash" for an action."""
    store = Store.open(path)
    engine = MeetingEngine.open(store, meeting_id, FakeClock())
    engine.start()
    n = 0
    while True:
        engine.drafts.save(f"draft {n}")
        os.write(fd, f"D {n} -\n".encode())
        text = f"turn {n} " + "ord " * random.randint(1, 200) + "slut"
        turn = engine.submit(text)
        os.write(fd, f"T {turn.id} {_digest(text)}\n".encode())
        if n % 5 == 0:
            what = f"action {n} " + "x" * random.randint(1, 50)
            action = engine.actions.add(ActionItem(what))
            os.write(fd, f"A {action.id} {_digest(what)}\n".encode())
        n += 1


def _kill_at_random(path, meeting_id, rng) -> list[tuple[str, int, str]]:
    """Fork a writer, let it run a random while, SIGKILL it; return what it reported."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child never returns into pytest
        os.close(r)
        try:
            _writer(path, meeting_id, w)
        finally:
            os._exit(0)
    os.close(w)
    buf = b""
    # The random while runs from the child's first durable step, not from the fork: on a
    # loaded machine its start-up alone could take the whole while, and the children would
    # then write too little for the check at the end (a race with the machine's load).
    while b"\n" not in buf:
        ready, _, _ = select.select([r], [], [], 30)
        chunk = os.read(r, 65536) if ready else b""
        assert chunk, "the writer never saved its first draft"
        buf += chunk
    deadline = time.monotonic() + rng.uniform(0.02, 0.2)
    while time.monotonic() < deadline:
        ready, _, _ = select.select([r], [], [], max(0.0, deadline - time.monotonic()))
        if ready:
            buf += os.read(r, 65536)
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(r, 65536):
        buf += chunk
    os.close(r)
    events = []
    for line in buf.decode().splitlines():
        kind, value, digest = [*line.split(" "), "", ""][:3]
        if value.isdigit() and digest in ("-", digest[:16]) and len(digest) in (1, 16):
            events.append((kind, int(value), digest))  # a line cut by the kill is not one
    return events


@posix_only
def test_sigkill_at_random_points_loses_no_saved_turn_or_draft(tmp_path):
    path = tmp_path / "db"
    store = Store.open(path)
    meeting = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    meeting.close()
    store.close()
    rng = random.Random(1234)
    reported: dict[str, dict[int, str]] = {"T": {}, "A": {}}
    for _ in range(100):
        events = _kill_at_random(path, meeting.id, rng)
        for kind, value, digest in events:
            if kind in reported:
                reported[kind][value] = digest
        drafts = [v for k, v, _ in events if k == "D"]
        store = Store.open(path)
        try:
            # Every turn and action reported saved is there, with the very text reported
            # (a hash of it): a row committed with a placeholder or a late text would fail.
            turns = {t.id: _digest(t.text) for t in store.turns(meeting.id)}
            actions = {a.id: _digest(a.what) for a in store.actions(meeting.id)}
            assert {i: turns.get(i) for i in reported["T"]} == reported["T"]
            assert {i: actions.get(i) for i in reported["A"]} == reported["A"]
            draft = store.draft(meeting.id)
            if drafts:
                # The draft is the last one reported saved, or a newer one, or none because
                # a submit (which empties it) committed: never an older draft.
                last = drafts[-1]
                assert draft in ("", f"draft {last}", f"draft {last + 1}"), (draft, last)
                if events[-1][:2] == ("D", last):
                    assert draft in (f"draft {last}", ""), (draft, last)
            assert store.query("PRAGMA integrity_check")[0][0] == "ok"
        finally:
            store.close()
    assert len(reported["T"]) > 100  # the children really did write
    assert len(reported["A"]) > 10


def test_a_full_disk_is_named_as_such_not_as_a_moved_wal_file(tmp_path, monkeypatch):
    # A4: SQLite says "disk I/O error" when a full disk has no room for its side files.
    import shutil
    import sqlite3

    from dialogtui.store.connection import _explain

    path = tmp_path / "dialogtui.sqlite3"
    error = sqlite3.OperationalError("disk I/O error")
    assert "-wal" in _explain(error, path)
    monkeypatch.setattr(shutil, "disk_usage", lambda _: shutil._ntuple_diskusage(10**9, 10**9, 0))
    said = _explain(error, path)
    assert "full" in said and "-wal" not in said and str(path) in said
