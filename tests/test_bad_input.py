"""Bad input and faults get a clear error (exit 1, one line), never a traceback or exit 70,
and the user's data is untouched: the adversarial review's reproductions, one test each
(numbers are the review's)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys

import pytest
from conftest import posix_only
from exported import kinds, named
from meeting_helpers import new_meeting

from dialogtui.errors import DialogtuiError, StoreError
from dialogtui.meeting.clock import FakeClock
from dialogtui.records import ActionItem
from dialogtui.store import Store


def one_line_error(result, *words: str) -> None:
    assert result.code == 1, result
    assert "Traceback" not in result.err and "internal error" not in result.err, result.err
    for word in words:
        assert word in result.err, result.err


def test_L4_exit_1_not_70(cli, tmp_path, monkeypatch, private_home):
    # 9.1: a date whose horizon passes the calendar
    one_line_error(cli("show", "raseborg-klientmote", "--date", "9999-06-01"), "too far")
    # O.2: an id too large for SQLite
    for command in ("export", "resume", "forget"):
        one_line_error(cli(command, "99999999999999999999"), "not a meeting id")
    # 2.10: the locks folder is a file
    store = Store.open()
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.close()
    store.close()
    shutil.rmtree(private_home / "locks")
    (private_home / "locks").write_text("")
    one_line_error(cli("forget", str(m.id), "--yes"), "lock folder")
    # 3.1: the data folder is a file
    monkeypatch.setenv("DIALOGTUI_HOME", str(private_home / "locks"))
    one_line_error(cli("new", "x"), "cannot create")
    one_line_error(cli("forget", "1", "--yes"), "cannot create the data folder")
    one_line_error(cli("meetings"), "there is no dialogtui database at")  # reads, makes none
    # 3.7: an unknown user's home
    monkeypatch.setenv("DIALOGTUI_HOME", "~nosuchuser-dialogtui/x")
    one_line_error(cli("meetings"), "home folder is unknown")
    # O.3: a set file that does not exist, before any screen opens
    one_line_error(cli("run", str(tmp_path / "nonexist.toml")), "no such file")


def test_5_10_a_console_that_cannot_show_a_character_is_not_an_error(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "DIALOGTUI_HOME": str(tmp_path / "h")}
    out = tmp_path / "ut ☃"
    store = Store.open(tmp_path / "h" / "dialogtui.sqlite3")
    new_meeting(store, "raseborg-temamote", [("Åsa", None)], title="Möte ☃").close()
    store.close()
    for args in (["meetings"], ["sets"], ["export", "1", "--out", str(out)]):
        run = subprocess.run(
            [sys.executable, "-m", "dialogtui", *args], env=env, capture_output=True, text=True
        )
        assert run.returncode == 0, (args, run.stderr)
    assert named(out, "minutes.md").exists()


@posix_only
def test_1_6_1_7_pipes_and_devices_in_the_sets_folder_are_skipped(cli, private_home):
    folder = private_home / "question_sets"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "fifo.toml")
    (folder / "zero.toml").symlink_to("/dev/zero")
    from dialogtui.questionset.library import listings

    broken = {e.path.name: e.problem for e in listings() if e.problem}
    assert "not a regular file" in broken["fifo.toml"]
    assert "not a regular file" in broken["zero.toml"]
    assert cli("sets").code == 0
    assert cli("show", "raseborg-temamote").code == 0


def test_1_10_a_description_with_a_line_starting_with_a_bracket(cli, private_home):
    folder = private_home / "question_sets"
    folder.mkdir(parents=True)
    (folder / "d.toml").write_text(
        'id = "desc-set"\ntitle = "T"\nlanguage = "sv"\nmethod = "m"\n'
        'description = """\n[1] first\n"""\n\n[source]\ndocument = "x"\n\n'
        '[[steps]]\nkind = "discussion"\ntitle = "S"\n',
        encoding="utf-8",
    )
    assert cli("validate", str(folder / "d.toml")).code == 0
    shown = cli("show", "desc-set")
    assert shown.code == 0 and "[1] first" in shown.out


def test_2_1_an_emptied_database_is_not_silently_a_new_one(cli, private_home):
    store = Store.open()
    new_meeting(store, "raseborg-temamote", [("Anna", None)]).close()
    store.close()
    db = private_home / "dialogtui.sqlite3"
    for companion in ("-wal", "-shm"):
        db.with_name(db.name + companion).unlink(missing_ok=True)
    db.write_bytes(b"")
    one_line_error(cli("meetings"), "is empty (0 bytes)")
    assert db.stat().st_size == 0  # left as it was, for a backup to be put back


@posix_only
def test_3_6_an_existing_shared_folder_keeps_its_mode(cli, tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)
    monkeypatch.setenv("DIALOGTUI_HOME", str(shared))
    assert cli("meetings").code == 0  # reads: makes no database
    assert cli("forget", "1", "--yes").code == 1  # opens it to write: there is no meeting 1
    assert stat.S_IMODE(shared.stat().st_mode) == 0o1777
    assert stat.S_IMODE((shared / "dialogtui.sqlite3").stat().st_mode) == 0o600


@posix_only
def test_5_6_5_8_export_folders_are_private_and_leftover_temp_files_go(cli, private_home):
    store = Store.open()
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.close()
    store.close()
    assert cli("export", str(m.id)).code == 0
    folder = private_home / "exports" / f"möte-{m.id}"
    leftover = folder / ".minutes.md.abc123.dialogtui-tmp"
    leftover.write_text("the whole minutes, from an export that was killed")
    assert cli("export", str(m.id)).code == 0
    assert not leftover.exists()
    assert stat.S_IMODE((private_home / "exports").stat().st_mode) == 0o700
    assert sorted(kinds(folder.iterdir())) == ["action-plan.md", "minutes.md"]


def test_5_9_a_half_done_export_says_what_was_replaced(tmp_path, monkeypatch):
    from dialogtui import atomic

    real = os.replace

    def second_fails(src, dst):
        if str(dst).endswith("b.md"):
            raise PermissionError(1, "Operation not permitted")
        real(src, dst)

    monkeypatch.setattr(atomic.os, "replace", second_fails)
    (tmp_path / "b.md").write_text("old b")
    with pytest.raises(DialogtuiError, match=r"a\.md replaced; b\.md not"):
        atomic.write_atomic_many({tmp_path / "a.md": "new a", tmp_path / "b.md": "new b"})
    assert (tmp_path / "b.md").read_text() == "old b"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]  # no temp left


def test_7_7_forget_says_when_a_reader_keeps_the_text_in_the_log(cli, private_home):
    store = Store.open()
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.start()
    m.submit("hemlig text")
    m.close()
    store.close()
    reader = sqlite3.connect(private_home / "dialogtui.sqlite3")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM turns").fetchall()
    one_line_error(cli("forget", str(m.id), "--yes"), "still in the database file's log")
    reader.close()  # the last other connection: SQLite checkpoints and empties the log
    result = cli("forget", str(m.id), "--yes")
    assert result.code == 1 and "no meeting" in result.err  # deleted the first time
    raw = b"".join(p.read_bytes() for p in private_home.iterdir() if p.is_file())
    assert b"hemlig text" not in raw


def test_7_8_an_action_added_after_another_window_set_up_the_follow_up_is_carried(tmp_path):
    db = tmp_path / "db"
    a, b = Store.open(db), Store.open(db)
    first = new_meeting(a, "raseborg-klientmote", [("Anna", "familj")])
    new_meeting(b, "raseborg-klientmote", [("Anna", "familj")], previous_id=first.id).close()
    first.actions.add(ActionItem("after the follow-up was set up"))
    first.close()
    assert [x.what for x in b.carried_actions(2)] == ["after the follow-up was set up"]
    a.close()
    b.close()


def test_9_4_a_clock_set_back_never_gives_negative_times(tmp_path):
    store = Store.open(tmp_path / "db")
    clock = FakeClock()
    m = new_meeting(store, "samtidigt-traff-2", [("Anna", None)], clock=clock)
    m.start()
    clock.advance(minutes=-120)
    assert m.timing.turn_elapsed() == 0 and m.timing.elapsed(0) >= 0
    store.close()


def test_4_7_text_that_cannot_be_stored_is_a_clear_error(tmp_path):
    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.start()
    with pytest.raises(StoreError, match="cannot be saved"):
        m.submit("lone \ud800 surrogate")
    store.close()


def test_an_action_of_another_meeting_cannot_be_changed_from_this_one(tmp_path):
    store = Store.open(tmp_path / "db")
    one = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    other = new_meeting(store, "raseborg-temamote", [("Bo", None)])
    item = one.actions.add(ActionItem("ours"))
    other.actions.delete(item.id)
    assert [a.what for a in one.actions.all()] == ["ours"]
    with pytest.raises(StoreError):
        other.actions.update(item)
    store.close()


def test_9_2_a_date_too_far_ahead_is_refused_at_set_up(tmp_path):
    from tui_helpers import run, type_text

    async def scenario(app, pilot):
        app.screen.query_one("#date").value = ""
        app.screen.set_focus(app.screen.query_one("#date"))
        await type_text(pilot, "9999-06-01")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"  # still there, with a message

    run(scenario, db=tmp_path / "db", set_ref="raseborg-klientmote")
    store = Store.open(tmp_path / "db")
    assert store.list_meetings() == []
    store.close()


def test_engine_refuses_such_a_date_too(tmp_path):
    import datetime as dt

    store = Store.open(tmp_path / "db")
    with pytest.raises(DialogtuiError, match="too far"):
        new_meeting(store, "raseborg-klientmote", [], date=dt.date(9999, 6, 1))
    store.close()
