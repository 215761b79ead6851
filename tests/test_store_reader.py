"""The store's reader: opened read-only, it reads all a writer reads and writes nothing (no
row, no migration, no folder, no umask, no file mode), even beside a writer at work."""

from __future__ import annotations

import datetime as dt
import inspect
import os
import shutil
import sqlite3
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

import pytest
from conftest import posix_only
from store_helpers import NOW, SET_ID, Filled, fill, rows_of, tables

from dialogtui.errors import MeetingLocked, NoStore, StoreError, StoreOutOfDate
from dialogtui.export.record import load_record
from dialogtui.records import (
    ActionItem,
    ActionStatus,
    Card,
    ChoiceMark,
    FollowUp,
    MeetingInfo,
    MeetingStatus,
    NoteKind,
    Participant,
    PlanFrame,
    Position,
    RoomShows,
    ScaleRating,
    Turn,
)
from dialogtui.store import (
    ActionsRepo,
    ItemsRepo,
    MeetingsRepo,
    RoomRepo,
    SearchRepo,
    StepsRepo,
    Store,
    StoreBase,
    TurnsRepo,
)
from dialogtui.store.lock import MeetingLock
from dialogtui.store.migrations import LATEST

FIXTURE = Path(__file__).parent / "fixtures" / "store-schema-5.sqlite3"


class Three(NamedTuple):
    first: Filled
    second: Filled  # follows the first up: one series
    alone: Filled  # of no series


Two = Three  # what every call below is given

# Every write of every repository, called as a writer would with ids that exist, so that
# the only reason for it to fail on a reader is that the reader cannot write.
WRITES: dict[str, Callable[[Store, Two], object]] = {
    "tx": lambda s, m: s.tx().__enter__(),
    "lock": lambda s, m: s.lock(m[1].meeting),
    # meetings and participants
    "create_meeting": lambda s, m: s.create_meeting(
        MeetingInfo(SET_ID, "Ny", dt.date(2026, 2, 1)), "", "sv", NOW
    ),
    "set_status": lambda s, m: s.set_status(m[1].meeting, MeetingStatus.finished, NOW),
    "set_series": lambda s, m: s.set_series(m.alone.meeting, "annan"),
    "set_consent": lambda s, m: s.set_consent(m[1].meeting, False, ""),
    "forget": lambda s, m: s.forget(m[1].meeting),
    "add_participant": lambda s, m: s.add_participant(m[1].meeting, Participant("Cia")),
    "add_group": lambda s, m: s.add_group(m[1].meeting, 1, "Grupp 2"),
    "rename_group": lambda s, m: s.rename_group(m[1].meeting, m[1].group, "Par"),
    "set_case_consent": lambda s, m: s.set_case_consent(m[1].meeting, 1, "", NOW),
    # turns, read-back, drafts
    "add_turn": lambda s, m: s.add_turn(
        m[1].meeting, Turn(0, 0, 0, m[1].person, "nytt", False, 1, False, NOW, NOW)
    ),
    "edit_turn": lambda s, m: s.edit_turn(m[1].meeting, m[1].turn, "ändrat", NOW),
    "move_turn": lambda s, m: s.move_turn(m[1].meeting, m[1].turn, None, NOW),
    "delete_turn": lambda s, m: s.delete_turn(m[1].meeting, m[1].turn, NOW),
    "add_objection": lambda s, m: s.add_objection(m[1].meeting, m[1].turn, "Bo", "nej", NOW),
    "accept_read_back": lambda s, m: s.accept_read_back(m[1].meeting, "Anna", NOW),
    "save_draft": lambda s, m: s.save_draft(m[1].meeting, "", NOW),
    "keep_text": lambda s, m: s.keep_text(m[1].meeting, "note:decision", None, NOW),
    # position and clocks
    "set_position": lambda s, m: s.set_position(m[1].meeting, Position()),
    "add_step_time": lambda s, m: s.add_step_time(m[1].meeting, 0, 1.0),
    "set_skipped": lambda s, m: s.set_skipped(m[1].meeting, 2, False, NOW),
    "name_case": lambda s, m: s.name_case(m[1].meeting, 0, 2, "Flicka 14", None, NOW),
    "choose_alternative": lambda s, m: s.choose_alternative(m[1].meeting, 1, 0, NOW),
    # notes and kind items
    "add_note": lambda s, m: s.add_note(m[1].meeting, NoteKind.concern, None, "oro", NOW),
    "edit_note": lambda s, m: s.edit_note(m[1].meeting, m[1].note, "annat"),
    "delete_note": lambda s, m: s.delete_note(m[1].meeting, m[1].note),
    "add_card": lambda s, m: s.add_card(m[1].meeting, Card(0, 1, "kort"), NOW),
    "set_card": lambda s, m: s.set_card(m[1].meeting, Card(m[1].card, 1, "annat")),
    "delete_card": lambda s, m: s.delete_card(m[1].meeting, m[1].card),
    "rate_scale": lambda s, m: s.rate_scale(m[1].meeting, ScaleRating(1, m[1].person, 1)),
    "mark_choice": lambda s, m: s.mark_choice(m[1].meeting, ChoiceMark(1, "b", "now")),
    "toggle_pick": lambda s, m: s.toggle_pick(m[1].meeting, ChoiceMark(1, "b", "desired")),
    # actions, follow-ups, the plan
    "add_action": lambda s, m: s.add_action(m[1].meeting, ActionItem("mer"), None, NOW),
    "update_action": lambda s, m: s.update_action(
        m[1].meeting, ActionItem("annat", id=m[1].action), NOW
    ),
    "delete_action": lambda s, m: s.delete_action(m[1].meeting, m[1].action),
    "follow_up": lambda s, m: s.follow_up(
        m[1].meeting, FollowUp(m[0].action, ActionStatus.done), NOW
    ),
    "save_plan": lambda s, m: s.save_plan(m[1].meeting, PlanFrame(owner="Bo")),
    # the room's view
    "set_clock_since": lambda s, m: s.set_clock_since(m[1].meeting, NOW),
    "set_room_shows": lambda s, m: s.set_room_shows(m[1].meeting, RoomShows.notes),
    "set_room_reading": lambda s, m: s.set_room_reading(m[1].meeting, 0),
}

# Every read, with arguments that find something.
READS: dict[str, Callable[[Store, Two], object]] = {
    "meeting_row": lambda s, m: s.meeting_row(m[1].meeting),
    "meeting_info": lambda s, m: s.meeting_info(m[1].meeting),
    "list_meetings": lambda s, m: s.list_meetings(),
    "participants": lambda s, m: s.participants(m[1].meeting),
    "earlier_participants": lambda s, m: s.earlier_participants(m[1].meeting),
    "groups": lambda s, m: s.groups(m[1].meeting),
    "case_consents": lambda s, m: s.case_consents(m[1].meeting),
    "turns": lambda s, m: s.turns(m[1].meeting),
    "steps_with_turns": lambda s, m: s.steps_with_turns(m[1].meeting),
    "count_step_turns": lambda s, m: s.count_step_turns(m[1].meeting, 0),
    "speaking_times": lambda s, m: s.speaking_times(m[1].meeting),
    "round_marks": lambda s, m: s.round_marks(m[1].meeting, 0, 1, 0),
    "revisions": lambda s, m: s.revisions(m[1].meeting),
    "objections": lambda s, m: s.objections(m[1].meeting),
    "read_backs": lambda s, m: s.read_backs(m[1].meeting),
    "corrected_at_read_back": lambda s, m: s.corrected_at_read_back(m[1].meeting),
    "draft": lambda s, m: s.draft(m[1].meeting),
    "kept_texts": lambda s, m: s.kept_texts(m[1].meeting),
    "position": lambda s, m: s.position(m[1].meeting),
    "last_repetition": lambda s, m: s.last_repetition(m[1].meeting, 0, 3),
    "step_times": lambda s, m: s.step_times(m[1].meeting),
    "skipped_steps": lambda s, m: s.skipped_steps(m[1].meeting),
    "written_at": lambda s, m: s.written_at(m[1].meeting, 0),
    "case_names": lambda s, m: s.case_names(m[1].meeting),
    "chosen_alternatives": lambda s, m: s.chosen_alternatives(m[1].meeting),
    "notes": lambda s, m: s.notes(m[1].meeting),
    "cards": lambda s, m: s.cards(m[1].meeting),
    "scale_ratings": lambda s, m: s.scale_ratings(m[1].meeting),
    "choice_marks": lambda s, m: s.choice_marks(m[1].meeting),
    "actions": lambda s, m: s.actions(m[1].meeting),
    "carried_actions": lambda s, m: s.carried_actions(m[1].meeting),
    "all_actions": lambda s, m: s.all_actions(),
    "follow_ups": lambda s, m: s.follow_ups(m[1].meeting),
    "series_plan": lambda s, m: s.series_plan(m[1].meeting),
    "plan": lambda s, m: s.plan(m[1].meeting),
    "schema_version": lambda s, m: s.schema_version,
    "room_setting": lambda s, m: s.room_setting(m[1].meeting),
    "clock_since": lambda s, m: s.clock_since(m[1].meeting),
    "data_version": lambda s, m: s.data_version(),
    "search": lambda s, m: s.search("sagt"),
    "search_count": lambda s, m: s.search_count("sagt"),
}

# Opening and closing, and the ways in that take a whole statement: not reads of a meeting.
DOORS = {"open", "open_reader", "open_for_reading", "close", "unlock", "snapshot", "query"}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, Two]:
    """A file with two meetings of one series and one alone, everything in each: made
    once, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "dialogtui.sqlite3"
    store = Store.open(path)
    first = fill(store, "Första")
    second = fill(store, "Andra", previous=first.meeting)
    alone = fill(store, "Ensamt")
    store.close()
    return path, Three(first, second, alone)


@pytest.fixture
def filled(template, tmp_path) -> tuple[Path, Two]:
    path = tmp_path / "data" / "dialogtui.sqlite3"
    path.parent.mkdir()
    shutil.copyfile(template[0], path)
    return path, template[1]


def everything(path: Path, two: Two) -> dict:
    conn = sqlite3.connect(path)
    ids = conn.execute("SELECT id FROM meetings ORDER BY id").fetchall()
    conn.close()
    return {m.meeting: rows_of(path, m.meeting) for m in two} | {
        "tables": tables(path),
        "meetings": ids,
    }


def test_every_public_method_is_known_as_a_read_or_a_write():
    # A new method of a repository must be put in one list or the other, so that a write
    # is checked below against the reader, and a read is checked to work there.
    public = {n for n in dir(Store) if not n.startswith("_")}
    assert public == set(WRITES) | set(READS) | DOORS


@pytest.mark.parametrize("write", sorted(WRITES))
def test_a_reader_cannot_write(filled, write):
    path, two = filled
    before = everything(path, two)
    reader = Store.open_reader(path)
    try:
        with pytest.raises(StoreError, match="opened only to read; nothing was written"):
            WRITES[write](reader, two)
    finally:
        reader.close()
    assert everything(path, two) == before
    assert not (path.parent / "locks").exists()  # no meeting taken, not even its folder
    # The same call through a writer does change the file: the call above was a real write.
    writer = Store.open(path)
    try:
        if write != "tx":  # an open transaction, which the writer would then hold
            WRITES[write](writer, two)
    finally:
        writer.close()
    if write not in ("tx", "lock"):
        assert everything(path, two) != before


def test_a_reader_refuses_a_statement_that_writes(filled):
    path, two = filled
    reader = Store.open_reader(path)
    try:
        with pytest.raises(StoreError, match="cannot be written"):
            reader.query("DELETE FROM turns")
    finally:
        reader.close()
    assert len(rows_of(path, two[1].meeting)["turns"]) == 2


def test_a_reader_reads_what_a_writer_reads(filled):
    path, two = filled
    writer, reader = Store.open(path), Store.open_reader(path)
    try:
        for name, read in READS.items():
            assert read(reader, two) == read(writer, two), name
        assert load_record(reader, two[1].meeting, history=True) == load_record(
            writer, two[1].meeting, history=True
        )
    finally:
        reader.close()
        writer.close()


def test_each_repository_can_be_handed_on_alone():
    # What a repository offers is its aggregate's methods and the connection's: code given
    # an ItemsRepo cannot add a turn (mypy refuses it too), and none grows past 40 methods.
    base = {n for n in dir(StoreBase) if not n.startswith("_")}
    offered: dict[type, set[str]] = {}
    repos = (MeetingsRepo, TurnsRepo, StepsRepo, ItemsRepo, ActionsRepo, RoomRepo, SearchRepo)
    for repo in repos:
        offered[repo] = {n for n in dir(repo) if not n.startswith("_")} - base
        instance_attributes = {"conn", "path", "read_only"}
        assert len(offered[repo] | base | instance_attributes) < 40, repo
    assert "add_turn" in offered[TurnsRepo] and "add_turn" not in offered[ItemsRepo]
    # Each of the store's methods has one home.
    homes = [name for names in offered.values() for name in names]
    assert sorted(homes) == sorted(set(homes))
    assert set(homes) | base == {n for n in dir(Store) if not n.startswith("_")}
    assert inspect.signature(Store.open_reader).parameters["path"].default is None


def test_a_reader_does_not_migrate_an_old_store(tmp_path):
    path = tmp_path / "dialogtui.sqlite3"
    shutil.copyfile(FIXTURE, path)
    before = path.read_bytes()
    with pytest.raises(StoreOutOfDate, match="older dialogtui") as refused:
        Store.open_reader(path)
    assert str(path) in str(refused.value) and f"this one knows {LATEST}" in str(refused.value)
    assert path.read_bytes() == before
    # The helper for read commands brings it up to date once, then only reads.
    reader = Store.open_for_reading(path)
    try:
        assert reader.read_only and reader.schema_version == LATEST
        assert len(reader.list_meetings()) == 2
    finally:
        reader.close()
    again = Store.open_for_reading(path)  # now up to date: no writer is opened for it
    again.close()


def test_the_helper_for_read_commands_opens_no_writer_for_an_up_to_date_store(filled, monkeypatch):
    path, _ = filled

    def no_writer(*args, **kwargs):
        raise AssertionError("an up-to-date store was opened for writing")

    monkeypatch.setattr(Store, "open", classmethod(no_writer))
    Store.open_for_reading(path).close()


def test_a_reader_refuses_a_newer_store_untouched(filled):
    path, _ = filled
    conn = sqlite3.connect(path)
    conn.execute("UPDATE schema_version SET version = 999")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    for opening in (Store.open_reader, Store.open_for_reading):
        with pytest.raises(StoreError, match="newer dialogtui"):
            opening(path)
    assert path.read_bytes() == before


def test_a_missing_store_is_named_and_not_made(tmp_path):
    path = tmp_path / "nowhere" / "dialogtui.sqlite3"
    for opening in (Store.open_reader, Store.open_for_reading):
        with pytest.raises(NoStore, match="no dialogtui database at") as refused:
            opening(path)
        assert str(path) in str(refused.value)
    assert not path.parent.exists()


@pytest.mark.parametrize("what", ["folder", "not sqlite", "another sqlite file", "empty"])
def test_what_is_not_a_store_is_named(tmp_path, what):
    path = tmp_path / "dialogtui.sqlite3"
    if what == "folder":
        path.mkdir()
    elif what == "not sqlite":
        path.write_bytes(b"this is not sqlite" * 100)
    elif what == "another sqlite file":
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
        conn.close()
    else:
        path.write_bytes(b"")
    said = {
        "folder": "is a folder",
        "not sqlite": "not a dialogtui database",
        "another sqlite file": "not a dialogtui database",
        "empty": "is empty",
    }[what]
    with pytest.raises(StoreError, match=said) as refused:
        Store.open_reader(path)
    assert str(path) in str(refused.value)


@posix_only
def test_a_reader_leaves_the_umask_and_the_files_mode_alone(filled, monkeypatch):
    path, two = filled
    path.chmod(0o640)
    calls: list[int] = []
    real_umask = os.umask
    monkeypatch.setattr(os, "umask", lambda mask: calls.append(mask) or real_umask(mask))
    monkeypatch.setattr(os, "chmod", lambda *a, **k: calls.append(-1))
    reader = Store.open_reader(path)
    try:
        assert reader.turns(two[1].meeting)
    finally:
        reader.close()
    assert calls == []  # the process's umask is everyone's: a reader has no business there
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


WRITER = """
import sys
from dialogtui.store import Store
store = Store.open(sys.argv[1])
meeting = int(sys.argv[2])
store.lock(meeting)
with store.tx() as c:
    c.execute("UPDATE turns SET text = 'skrivs nu' WHERE meeting_id = ?", (meeting,))
    print("writing", flush=True)
    sys.stdin.readline()
print("written", flush=True)
sys.stdin.readline()
store.close()
"""


def test_a_reader_reads_while_a_writer_holds_the_meeting_and_writes(filled):
    path, two = filled
    meeting = two[1].meeting
    first_look = Store.open_reader(path)
    said = [t.text for t in first_look.turns(meeting)]
    first_look.close()
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), str(meeting)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdin and writer.stdout
    try:
        assert writer.stdout.readline() == "writing\n"
        with pytest.raises(MeetingLocked):  # the meeting is the writer's
            MeetingLock(path.parent / "locks", meeting).acquire()
        reader = Store.open_reader(path)  # opened, and read, in the midst of the write
        try:
            assert [t.text for t in reader.turns(meeting)] == said
            assert load_record(reader, meeting).turns  # an export's reading, as one snapshot
            writer.stdin.write("\n")
            writer.stdin.flush()
            assert writer.stdout.readline() == "written\n"
            assert {t.text for t in reader.turns(meeting)} == {"skrivs nu"}
        finally:
            reader.close()
    finally:
        writer.stdin.write("\n")
        writer.stdin.close()
        assert writer.wait(timeout=30) == 0
