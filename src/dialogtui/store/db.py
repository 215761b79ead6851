"""The meeting database. All SQL lives here; callers get and give plain records.

Every write is its own transaction, committed with WAL and synchronous=FULL before the
method returns: when a caller is told a turn is saved, it is on disk.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import errno
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path

from dialogtui.errors import StoreError, UnknownMeeting, os_reason
from dialogtui.i18n import _
from dialogtui.paths import data_home, ensure_private_dir
from dialogtui.records import (
    OPEN_STATUSES,
    ActionItem,
    ActionRow,
    ActionStatus,
    Card,
    ChoiceMark,
    FollowUp,
    MeetingInfo,
    MeetingStatus,
    MeetingSummary,
    Note,
    NoteKind,
    Objection,
    Participant,
    PlanFrame,
    Position,
    ReadBack,
    Revision,
    ScaleRating,
    Turn,
)
from dialogtui.store.lock import MeetingLock
from dialogtui.store.migrations import LATEST, MIGRATIONS


def default_db_path() -> Path:
    return data_home() / "dialogtui.sqlite3"


def _ts(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _new_id(cur: sqlite3.Cursor) -> int:
    """The id SQLite gave the row just inserted."""
    assert cur.lastrowid is not None  # always set after an INSERT
    return cur.lastrowid


def _no_note(note: int, meeting: int) -> StoreError:
    said = _("note {id} does not exist in meeting {meeting}")
    return StoreError(said.format(id=note, meeting=meeting))


def _disk_full(path: Path) -> bool:
    """Whether the disk of `path` has no room left for SQLite's side files (a few pages)."""
    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False


def _explain(exc: sqlite3.Error, path: Path) -> str:
    text = str(exc).lower()
    if "disk is full" in text:
        return _("the disk is full; nothing new was saved, the last saved state is intact")
    if "disk i/o" in text and _disk_full(path):
        # SQLite says "disk I/O error" when it cannot make its -shm or -wal file on a full
        # disk, even to read: say what to do about it, not a file nobody touched.
        return _(
            "the disk holding {path} is full: free some space on it, then try again; "
            "nothing was changed"
        ).format(path=path)
    if "disk i/o" in text:
        return _(
            "cannot read or write {path} (a disk error, or its -wal file was moved or deleted "
            "while dialogtui ran); nothing new was saved"
        ).format(path=path)
    if "readonly" in text or "read-only" in text:
        return _("{path} cannot be written (read-only); nothing new was saved").format(path=path)
    if "locked" in text or "busy" in text:
        return _("the database is busy in another process; try again")
    if "not a database" in text or "malformed" in text:
        return _("{path} is not a dialogtui database or is damaged").format(path=path)
    if "unable to open" in text:
        if path.is_dir():
            return _("{path} is a folder, not a dialogtui database").format(path=path)
        if not os.access(path.parent, os.W_OK):
            return _(
                "cannot open {path}: its folder is read-only (dialogtui needs to write beside "
                "the database even to read it); copy the folder to a writable disk"
            ).format(path=path)
    return _("database error: {error}").format(error=exc)


class Store:
    """One SQLite file with every meeting. Open with `Store.open()`; close when done."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self._locks: dict[int, MeetingLock] = {}

    # -- opening, migrations, locks -------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None) -> Store:
        path = Path(path) if path else default_db_path()
        try:
            ensure_private_dir(path.parent)
        except OSError as exc:
            said = _("cannot create the data folder {folder}: {reason}")
            raise StoreError(said.format(folder=path.parent, reason=os_reason(exc))) from None
        if _emptied(path):
            # SQLite would quietly make a new database in an emptied file, and the meetings
            # would seem never to have been; say so instead and leave the file alone.
            said = _(
                "{path} is empty (0 bytes): the meetings it held are gone. Restore it from a"
                " backup, or move it away to start with a new database"
            )
            raise StoreError(said.format(path=path))
        old_umask = os.umask(0o077)  # the -wal and -shm files must be private too
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA busy_timeout = 2000")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA secure_delete = ON")
            store = cls(conn, path)
            store._migrate()
        except sqlite3.Error as exc:
            raise StoreError(_explain(exc, path)) from None
        finally:
            os.umask(old_umask)
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
        return store

    def _migrate(self) -> None:
        c = self.conn
        c.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = c.execute("SELECT version FROM schema_version").fetchone()
        version = row[0] if row else 0
        if version > LATEST:
            said = _(
                "{path} was written by a newer dialogtui (schema {version}, this one "
                "knows {latest}); upgrade dialogtui to open it"
            )
            raise StoreError(said.format(path=self.path, version=version, latest=LATEST))
        for n in range(version, LATEST):
            with self.tx():
                for statement in _split(MIGRATIONS[n]):
                    c.execute(statement)
                c.execute("DELETE FROM schema_version")
                c.execute("INSERT INTO schema_version VALUES (?)", (n + 1,))

    @property
    def schema_version(self) -> int:
        return self.conn.execute("SELECT version FROM schema_version").fetchone()[0]

    def close(self) -> None:
        for lock in list(self._locks.values()):
            lock.release()
        self._locks.clear()
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def lock(self, meeting_id: int) -> None:
        """Take the one-writer lock on a meeting; `MeetingLocked` if another process has it."""
        if meeting_id in self._locks:
            return
        try:
            folder = ensure_private_dir(self.path.parent / "locks")
        except OSError as exc:
            said = _("cannot create the lock folder {folder}: {reason}")
            folder = self.path.parent / "locks"
            raise StoreError(said.format(folder=folder, reason=os_reason(exc))) from None
        self._locks[meeting_id] = MeetingLock(folder, meeting_id).acquire()

    def unlock(self, meeting_id: int) -> None:
        lock = self._locks.pop(meeting_id, None)
        if lock:
            lock.release()

    @contextlib.contextmanager
    def tx(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One committed transaction; any SQLite failure becomes a clear `StoreError`.

        `durable=False` is for what is rewritten every second (the running clock, drafts
        kept while typing): it commits without an fsync (WAL with synchronous=NORMAL), so
        it survives the app being killed but not a power cut; the next durable commit (a
        turn, a move) syncs it along with its own. Turns and everything else are fsynced
        before the method returns.
        """
        c = self.conn
        try:
            if not durable:
                c.execute("PRAGMA synchronous = NORMAL")
            c.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            self._durable_again()
            raise StoreError(_explain(exc, self.path)) from None
        try:
            yield c
            c.execute("COMMIT")
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                c.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(_explain(exc, self.path)) from None
            if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
                raise StoreError(_("the disk is full; nothing new was saved")) from None
            if isinstance(exc, UnicodeEncodeError):  # a lone surrogate, from the API only
                said = _("this text cannot be saved: {reason}")
                raise StoreError(said.format(reason=exc.reason)) from None
            raise
        finally:
            if not durable:
                self._durable_again()

    def _durable_again(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.conn.execute("PRAGMA synchronous = FULL")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one consistent state of the database (an export)."""
        try:
            self.conn.execute("BEGIN DEFERRED")
        except sqlite3.Error as exc:
            raise StoreError(_explain(exc, self.path)) from None
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple = ()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(_explain(exc, self.path)) from None

    # -- meetings ------------------------------------------------------------------------

    def create_meeting(
        self, info: MeetingInfo, set_toml: str, language: str, now: dt.datetime
    ) -> int:
        with self.tx() as c:
            cur = c.execute(
                "INSERT INTO meetings (set_id, set_toml, title, date, place, language, asker,"
                " writer, series, previous_id, consent_given, consent_note, created_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    info.set_id,
                    set_toml,
                    info.title,
                    info.date.isoformat(),
                    info.place,
                    language,
                    info.asker,
                    info.writer,
                    info.series,
                    info.previous_id,
                    None if info.consent_given is None else int(info.consent_given),
                    info.consent_note,
                    _ts(now),
                ),
            )
            meeting_id = _new_id(cur)
            for n, p in enumerate(info.participants):
                _insert_participant(c, meeting_id, n, p)
        return meeting_id

    def meeting_row(self, meeting_id: int) -> sqlite3.Row:
        rows = self.query("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        if not rows:
            raise UnknownMeeting(
                _("no meeting with id {id}; `dialogtui meetings` lists them").format(id=meeting_id)
            )
        return rows[0]

    def meeting_info(self, meeting_id: int) -> MeetingInfo:
        r = self.meeting_row(meeting_id)
        return MeetingInfo(
            set_id=r["set_id"],
            title=r["title"],
            date=dt.date.fromisoformat(r["date"]),
            place=r["place"],
            asker=r["asker"],
            writer=r["writer"],
            series=r["series"],
            previous_id=r["previous_id"],
            participants=self.participants(meeting_id),
            consent_given=None if r["consent_given"] is None else bool(r["consent_given"]),
            consent_note=r["consent_note"],
        )

    def list_meetings(self) -> list[MeetingSummary]:
        rows = self.query(
            "SELECT m.id, m.set_id, m.title, m.date, m.status, "
            " (SELECT COUNT(*) FROM turns t WHERE t.meeting_id = m.id AND t.deleted_at IS NULL"
            "   AND t.passed = 0) AS turn_count,"
            " (SELECT COUNT(*) FROM actions a WHERE a.meeting_id = m.id"
            "   AND a.status IN (?, ?)) AS open_actions"
            " FROM meetings m ORDER BY m.date DESC, m.id DESC",
            OPEN_STATUSES,
        )
        return [
            MeetingSummary(r[0], r[1], r[2], r[3], MeetingStatus(r[4]), r[5], r[6]) for r in rows
        ]

    def set_position(self, meeting_id: int, pos: Position) -> None:
        with self.tx() as c:
            c.execute(
                "UPDATE meetings SET step_index=?, question_index=?, speaker_id=?, repetition=?,"
                " paused=? WHERE id=?",
                (
                    pos.step,
                    pos.question,
                    pos.speaker_id,
                    pos.repetition,
                    int(pos.paused),
                    meeting_id,
                ),
            )

    def position(self, meeting_id: int) -> Position:
        r = self.meeting_row(meeting_id)
        return Position(
            r["step_index"],
            r["question_index"],
            r["speaker_id"],
            r["repetition"],
            bool(r["paused"]),
        )

    def set_status(self, meeting_id: int, status: MeetingStatus, now: dt.datetime) -> None:
        column = "finished_at" if status is MeetingStatus.finished else "started_at"
        with self.tx() as c:
            c.execute(
                f"UPDATE meetings SET status=?, {column}=COALESCE({column}, ?) WHERE id=?",
                (status.value, _ts(now), meeting_id),
            )
            if status is MeetingStatus.open:  # reopening a finished meeting
                ended = c.execute(
                    "SELECT finished_at FROM meetings WHERE id=?", (meeting_id,)
                ).fetchone()
                c.execute("UPDATE meetings SET finished_at=NULL WHERE id=?", (meeting_id,))
                if ended is not None and ended[0] is not None:
                    # What is written from now on was not read back: the acceptance says so.
                    c.execute(
                        "UPDATE read_backs SET reopened_at=? WHERE meeting_id=?"
                        " AND reopened_at IS NULL",
                        (_ts(now), meeting_id),
                    )

    def set_series(self, meeting_id: int, series: str) -> None:
        with self.tx() as c:
            c.execute(
                "UPDATE meetings SET series=? WHERE id=? AND series IS NULL", (series, meeting_id)
            )
            c.execute(
                "UPDATE actions SET series=? WHERE meeting_id=? AND series IS NULL",
                (series, meeting_id),
            )

    def set_consent(self, meeting_id: int, given: bool, note: str) -> None:
        with self.tx() as c:
            c.execute(
                "UPDATE meetings SET consent_given=?, consent_note=? WHERE id=?",
                (int(given), note, meeting_id),
            )

    def forget(self, meeting_id: int) -> None:
        """Delete a meeting and everything in it, and scrub it from the file."""
        self.meeting_row(meeting_id)
        with self.tx() as c:
            c.execute("DELETE FROM meetings WHERE id=?", (meeting_id,))
        # secure_delete zeroes the freed pages; the checkpoint empties the WAL copy.
        busy = self.query("PRAGMA wal_checkpoint(TRUNCATE)")[0][0]
        if busy:
            said = _(
                "meeting {id} is deleted, but its text is still in the database file's log"
                " while another dialogtui reads it; the log is emptied when that window"
                " closes, so close it now"
            )
            raise StoreError(said.format(id=meeting_id))

    # -- participants --------------------------------------------------------------------

    @staticmethod
    def _participant(r: sqlite3.Row) -> Participant:
        return Participant(
            r["name"],
            r["role"],
            r["organisation"],
            r["pseudonym"],
            r["id"],
            r["position"],
            r["group_step"],
        )

    def participants(self, meeting_id: int) -> list[Participant]:
        """The people of a meeting (its groups apart: `groups`)."""
        return [
            self._participant(r)
            for r in self.query(
                "SELECT * FROM participants WHERE meeting_id=? AND group_step IS NULL"
                " ORDER BY position, id",
                (meeting_id,),
            )
        ]

    def earlier_participants(self, meeting_id: int) -> list[Participant]:
        """Everyone in the meetings before this one in its series, and in the meeting it
        follows up: the people its carried actions can name."""
        r = self.meeting_row(meeting_id)
        rows = self.query(
            "SELECT p.* FROM participants p JOIN meetings m ON m.id = p.meeting_id"
            " WHERE m.id <> ? AND (m.id = ? OR (m.series = ? AND m.id < ?))"
            " AND p.group_step IS NULL"
            " ORDER BY m.id, p.position, p.id",
            (meeting_id, r["previous_id"], r["series"], meeting_id),
        )
        return [self._participant(r) for r in rows]

    def add_participant(self, meeting_id: int, p: Participant) -> Participant:
        with self.tx() as c:
            pos = c.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM participants WHERE meeting_id=?",
                (meeting_id,),
            ).fetchone()[0]
            _insert_participant(c, meeting_id, pos, p)
        return p

    def add_group(self, meeting_id: int, step: int, name: str) -> Participant:
        """A group or pair formed at a step: it speaks (its outputs are its turns), but it
        is not one of the meeting's people."""
        return self.add_participant(meeting_id, Participant(name, group_step=step))

    def rename_group(self, meeting_id: int, group_id: int, name: str) -> None:
        with self.tx() as c:
            c.execute(
                "UPDATE participants SET name=? WHERE id=? AND meeting_id=?"
                " AND group_step IS NOT NULL",
                (name, group_id, meeting_id),
            )

    def set_case_consent(
        self, meeting_id: int, repetition: int, note: str, at: dt.datetime
    ) -> None:
        """How the guardians' consent for a case was given; an empty note: not given."""
        with self.tx() as c:
            if note:
                c.execute(
                    "INSERT OR REPLACE INTO case_consents VALUES (?,?,?,?)",
                    (meeting_id, repetition, note, _ts(at)),
                )
            else:
                c.execute(
                    "DELETE FROM case_consents WHERE meeting_id=? AND repetition=?",
                    (meeting_id, repetition),
                )

    def case_consents(self, meeting_id: int) -> dict[int, str]:
        """Per case (a block's time through), how its consent was given."""
        rows = self.query(
            "SELECT repetition, note FROM case_consents WHERE meeting_id=?", (meeting_id,)
        )
        return {r["repetition"]: r["note"] for r in rows}

    def last_repetition(self, meeting_id: int, first: int, last: int) -> int:
        """The latest time through steps first..last that has a turn (1 if none)."""
        rows = self.query(
            "SELECT MAX(repetition) FROM turns WHERE meeting_id=? AND step_index BETWEEN ? AND ?"
            " AND deleted_at IS NULL",
            (meeting_id, first, last),
        )
        return rows[0][0] or 1

    def groups(self, meeting_id: int) -> dict[int, list[Participant]]:
        """The groups formed at each step, in the order they were formed."""
        out: dict[int, list[Participant]] = {}
        for r in self.query(
            "SELECT * FROM participants WHERE meeting_id=? AND group_step IS NOT NULL"
            " ORDER BY position, id",
            (meeting_id,),
        ):
            out.setdefault(r["group_step"], []).append(self._participant(r))
        return out

    # -- turns ---------------------------------------------------------------------------

    def add_turn(self, meeting_id: int, turn: Turn) -> Turn:
        with self.tx() as c:
            cur = c.execute(
                "INSERT INTO turns (meeting_id, step_index, repetition, question_index,"
                " participant_id, text, passed, started_at, ended_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    meeting_id,
                    turn.step,
                    turn.repetition,
                    turn.question,
                    turn.participant_id,
                    turn.text,
                    int(turn.passed),
                    _ts(turn.started_at),
                    _ts(turn.ended_at),
                ),
            )
            c.execute("DELETE FROM drafts WHERE meeting_id=?", (meeting_id,))
        return turn._replace(id=_new_id(cur))

    def edit_turn(
        self,
        meeting_id: int,
        turn_id: int,
        text: str,
        now: dt.datetime,
        at_read_back: bool = False,
    ) -> None:
        with self.tx() as c:
            self._keep_revision(c, meeting_id, turn_id, "edit", now, at_read_back)
            c.execute("UPDATE turns SET text=? WHERE id=?", (text, turn_id))

    def move_turn(
        self, meeting_id: int, turn_id: int, participant_id: int | None, now: dt.datetime
    ) -> None:
        """The turn was someone else's: its speaker changes, the earlier one is kept."""
        with self.tx() as c:
            self._keep_revision(c, meeting_id, turn_id, "move", now)
            c.execute("UPDATE turns SET participant_id=? WHERE id=?", (participant_id, turn_id))

    def delete_turn(self, meeting_id: int, turn_id: int, now: dt.datetime) -> None:
        with self.tx() as c:
            self._keep_revision(c, meeting_id, turn_id, "delete", now)
            c.execute("UPDATE turns SET deleted_at=? WHERE id=?", (_ts(now), turn_id))

    def _keep_revision(
        self,
        c: sqlite3.Connection,
        meeting_id: int,
        turn_id: int,
        action: str,
        now: dt.datetime,
        at_read_back: bool = False,
    ) -> None:
        """The turn as it was (its text, its speaker), before it is edited, moved to another
        speaker or deleted: nothing is lost."""
        old = self._live_turn(c, meeting_id, turn_id)
        c.execute(
            "INSERT INTO turn_revisions"
            " (turn_id, text, replaced_at, action, at_read_back, participant_id)"
            " VALUES (?,?,?,?,?,?)",
            (turn_id, old["text"], _ts(now), action, int(at_read_back), old["participant_id"]),
        )

    # -- read-back -----------------------------------------------------------------------

    def add_objection(
        self,
        meeting_id: int,
        turn_id: int,
        by: str,
        text: str,
        now: dt.datetime,
        participant_id: int | None = None,
    ) -> None:
        with self.tx() as c:
            turn = self._live_turn(c, meeting_id, turn_id)  # of this meeting, not deleted
            if turn["passed"]:  # a pass says nothing to object to: the minutes show none
                raise StoreError(_("a pass has no words to consider incorrect"))
            c.execute(
                "INSERT INTO objections"
                " (meeting_id, turn_id, by_whom, text, created_at, participant_id)"
                " VALUES (?,?,?,?,?,?)",
                (meeting_id, turn_id, by, text, _ts(now), participant_id),
            )

    def objections(self, meeting_id: int) -> list[Objection]:
        return [
            Objection(r[0], r[1], r[2], dt.datetime.fromisoformat(r[3]), r[4])
            for r in self.query(
                "SELECT turn_id, by_whom, text, created_at, participant_id FROM objections"
                " WHERE meeting_id=? ORDER BY id",
                (meeting_id,),
            )
        ]

    def accept_read_back(
        self,
        meeting_id: int,
        accepted_by: str,
        now: dt.datetime,
        covered: Sequence[tuple[str, int]] = (),
    ) -> None:
        """`covered`: what the read-back showed, kept as a JSON list of [part, count]."""
        said = json.dumps([[part, int(n)] for part, n in covered], ensure_ascii=False)
        with self.tx() as c:
            c.execute(
                "INSERT INTO read_backs (meeting_id, accepted_by, at, covered) VALUES (?,?,?,?)",
                (meeting_id, accepted_by, _ts(now), said),
            )

    def read_backs(self, meeting_id: int) -> list[ReadBack]:
        return [
            ReadBack(r[0], dt.datetime.fromisoformat(r[1]), self._covered(r[2]), _dt(r[3]))
            for r in self.query(
                "SELECT accepted_by, at, covered, reopened_at FROM read_backs"
                " WHERE meeting_id=? ORDER BY id",
                (meeting_id,),
            )
        ]

    @staticmethod
    def _covered(text: str | None) -> list[tuple[str, int]]:
        """A read-back's `covered`: [] where it is not known (a read-back from before schema
        17 has ''), or where the column holds anything but such a list."""
        try:
            found = json.loads(text) if text else []
        except ValueError:
            return []
        if not isinstance(found, list):
            return []
        return [
            (x[0], x[1])
            for x in found
            if isinstance(x, list)
            and len(x) == 2
            and isinstance(x[0], str)
            and type(x[1]) is int  # not a bool, which JSON's true would give
        ]

    # -- the plan's frame ----------------------------------------------------------------

    def save_plan(self, meeting_id: int, plan: PlanFrame) -> None:
        with self.tx() as c:
            c.execute(
                "INSERT OR REPLACE INTO plans (meeting_id, goal_own, goal_professionals, owner,"
                " follow_up_on, follow_up_by, by_others, follow_up_at, follow_up_place)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    meeting_id,
                    plan.goal_own,
                    plan.goal_professionals,
                    plan.owner,
                    plan.follow_up_on.isoformat() if plan.follow_up_on else None,
                    plan.follow_up_by,
                    plan.by_others,
                    plan.follow_up_at,
                    plan.follow_up_place,
                ),
            )

    def plan(self, meeting_id: int) -> PlanFrame:
        rows = self.query(
            "SELECT goal_own, goal_professionals, owner, follow_up_on, follow_up_by, by_others,"
            " follow_up_at, follow_up_place FROM plans WHERE meeting_id=?",
            (meeting_id,),
        )
        if not rows:
            return PlanFrame()
        own, professionals, owner, on, by, others, at, place = rows[0]
        day = dt.date.fromisoformat(on) if on else None
        return PlanFrame(own, professionals, owner, day, by, others, at, place)

    def steps_with_turns(self, meeting_id: int) -> list[int]:
        rows = self.query(
            "SELECT DISTINCT step_index FROM turns WHERE meeting_id=? AND deleted_at IS NULL"
            " ORDER BY step_index",
            (meeting_id,),
        )
        return [r[0] for r in rows]

    def corrected_at_read_back(self, meeting_id: int) -> set[int]:
        """The turns whose text was corrected at read-back (marked so in every export)."""
        rows = self.query(
            "SELECT DISTINCT r.turn_id FROM turn_revisions r JOIN turns t ON t.id = r.turn_id"
            " WHERE t.meeting_id=? AND r.at_read_back=1 AND t.deleted_at IS NULL",
            (meeting_id,),
        )
        return {r[0] for r in rows}

    @staticmethod
    def _live_turn(c: sqlite3.Connection, meeting_id: int, turn_id: int) -> sqlite3.Row:
        row = c.execute(
            "SELECT * FROM turns WHERE id=? AND meeting_id=? AND deleted_at IS NULL",
            (turn_id, meeting_id),
        ).fetchone()
        if row is None:
            said = _("turn {id} does not exist in meeting {meeting}")
            raise StoreError(said.format(id=turn_id, meeting=meeting_id))
        return row

    def turns(
        self,
        meeting_id: int,
        step: int | None = None,
        *,
        last: int | None = None,
        times: bool = True,
        deleted: bool = False,
        edited: bool = True,
    ) -> list[Turn]:
        """Live turns in order (by step, then as they were said). `last` keeps only the most
        recent ones; `times=False` skips the timestamps, which an export does not need;
        `deleted=True` gives the deleted turns instead (with their text when deleted);
        `edited=False` leaves out whether each was edited (all read as not edited)."""
        # The columns in the order of the Turn tuple's fields.
        cols = "t.id, t.step_index, t.question_index, t.participant_id, t.text, t.passed,"
        # Whether each turn was edited costs a lookup per turn: only where it is shown.
        cols += " t.repetition,"
        cols += " t.id IN (SELECT turn_id FROM turn_revisions)," if edited else " 0,"
        cols += " t.started_at, t.ended_at" if times else " NULL, NULL"
        live = "IS NOT NULL" if deleted else "IS NULL"
        sql = f"SELECT {cols} FROM turns t WHERE t.meeting_id=? AND t.deleted_at {live}"
        params: tuple = (meeting_id,)
        if step is not None:
            sql += " AND t.step_index=?"
            params += (step,)
        if last is not None:
            sql = f"SELECT * FROM ({sql} ORDER BY t.id DESC LIMIT ?) ORDER BY 2, 1"
            params += (last,)
        else:
            sql += " ORDER BY t.step_index, t.id"
        try:
            cursor = self.conn.cursor()
            cursor.row_factory = None  # plain tuples: a long meeting has many turns
            rows = cursor.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(_explain(exc, self.path)) from None
        if not times:
            return list(map(Turn._make, rows))
        fromiso = dt.datetime.fromisoformat
        return [Turn._make((*r[:8], fromiso(r[8]), fromiso(r[9]))) for r in rows]

    def speaking_times(self, meeting_id: int) -> dict[int | None, tuple[int, float]]:
        """Per participant: how many turns they spoke (passes not counted) and for how many
        seconds, summed in SQL (the end screen of a 100k-turn meeting must not read every
        turn into Python). A clock set back counts as no time, not negative time."""
        rows = self.query(
            "SELECT participant_id, COUNT(*),"
            " SUM(MAX(0.0, (julianday(ended_at) - julianday(started_at)) * 86400.0))"
            " FROM turns WHERE meeting_id=? AND deleted_at IS NULL AND passed=0"
            " GROUP BY participant_id",
            (meeting_id,),
        )
        return {r[0]: (r[1], r[2] or 0.0) for r in rows}

    def round_marks(
        self, meeting_id: int, step: int, repetition: int, question: int | None
    ) -> dict[int, str]:
        """Who has spoken ("spoke") or only passed ("passed") on a question, in SQL: it is
        drawn every second, so it must not grow with the meeting."""
        sql = (
            "SELECT participant_id, MIN(passed) FROM turns WHERE meeting_id=? AND step_index=?"
            " AND repetition=? AND deleted_at IS NULL AND participant_id IS NOT NULL"
        )
        params: tuple = (meeting_id, step, repetition)
        if question is not None:
            sql += " AND question_index=?"
            params += (question,)
        rows = self.query(sql + " GROUP BY participant_id", params)
        return {r[0]: "passed" if r[1] else "spoke" for r in rows}

    def count_step_turns(self, meeting_id: int, step: int) -> int:
        return self.query(
            "SELECT COUNT(*) FROM turns WHERE meeting_id=? AND step_index=? AND deleted_at IS NULL",
            (meeting_id, step),
        )[0][0]

    def revisions(self, meeting_id: int) -> list[Revision]:
        return [
            Revision(
                r["turn_id"],
                r["text"],
                dt.datetime.fromisoformat(r["replaced_at"]),
                r["action"],
                bool(r["at_read_back"]),
                r["participant_id"],
            )
            for r in self.query(
                "SELECT r.* FROM turn_revisions r JOIN turns t ON t.id = r.turn_id"
                " WHERE t.meeting_id=? ORDER BY r.id",
                (meeting_id,),
            )
        ]

    # -- drafts --------------------------------------------------------------------------

    def save_draft(self, meeting_id: int, text: str, now: dt.datetime) -> None:
        with self.tx(durable=False) as c:
            if text:
                c.execute(
                    "INSERT INTO drafts (meeting_id, text, saved_at) VALUES (?,?,?)"
                    " ON CONFLICT(meeting_id) DO UPDATE SET text=excluded.text,"
                    " saved_at=excluded.saved_at",
                    (meeting_id, text, _ts(now)),
                )
            else:
                c.execute("DELETE FROM drafts WHERE meeting_id=?", (meeting_id,))

    def draft(self, meeting_id: int) -> str:
        rows = self.query("SELECT text FROM drafts WHERE meeting_id=?", (meeting_id,))
        return rows[0]["text"] if rows else ""

    def keep_text(self, meeting_id: int, key: str, text: str | None, now: dt.datetime) -> None:
        """Keep (or, with None, drop) the text of an open dialog, under the dialog's key."""
        with self.tx(durable=False) as c:
            if text is None:
                c.execute("DELETE FROM kept_texts WHERE meeting_id=? AND key=?", (meeting_id, key))
            else:
                c.execute(
                    "INSERT INTO kept_texts (meeting_id, key, text, saved_at) VALUES (?,?,?,?)"
                    " ON CONFLICT(meeting_id, key) DO UPDATE SET text=excluded.text,"
                    " saved_at=excluded.saved_at",
                    (meeting_id, key, text, _ts(now)),
                )

    def kept_texts(self, meeting_id: int) -> dict[str, str]:
        rows = self.query(
            "SELECT key, text FROM kept_texts WHERE meeting_id=? ORDER BY saved_at", (meeting_id,)
        )
        return {r["key"]: r["text"] for r in rows}

    # -- step times ----------------------------------------------------------------------

    def add_step_time(self, meeting_id: int, step: int, seconds: float) -> None:
        with self.tx(durable=False) as c:
            c.execute(
                "INSERT INTO step_times (meeting_id, step_index, elapsed_seconds) VALUES (?,?,?)"
                " ON CONFLICT(meeting_id, step_index) DO UPDATE SET"
                " elapsed_seconds = elapsed_seconds + excluded.elapsed_seconds",
                (meeting_id, step, seconds),
            )

    def set_skipped(self, meeting_id: int, step: int, skipped: bool, at: dt.datetime) -> None:
        with self.tx() as c:
            if skipped:
                c.execute(
                    "INSERT OR REPLACE INTO skipped_steps (meeting_id, step_index, skipped_at)"
                    " VALUES (?,?,?)",
                    (meeting_id, step, at.isoformat()),
                )
            else:
                c.execute(
                    "DELETE FROM skipped_steps WHERE meeting_id=? AND step_index=?",
                    (meeting_id, step),
                )

    def skipped_steps(self, meeting_id: int) -> set[int]:
        rows = self.query("SELECT step_index FROM skipped_steps WHERE meeting_id=?", (meeting_id,))
        return {r["step_index"] for r in rows}

    def choose_alternative(
        self, meeting_id: int, step: int, question: int, at: dt.datetime
    ) -> None:
        with self.tx() as c:
            c.execute(
                "INSERT OR REPLACE INTO chosen_alternatives"
                " (meeting_id, step_index, question_index, chosen_at) VALUES (?,?,?,?)",
                (meeting_id, step, question, at.isoformat()),
            )

    def chosen_alternatives(self, meeting_id: int) -> dict[int, int]:
        """Per step with alternative questions, the one the meeting asks."""
        rows = self.query(
            "SELECT step_index, question_index FROM chosen_alternatives WHERE meeting_id=?",
            (meeting_id,),
        )
        return {r["step_index"]: r["question_index"] for r in rows}

    def step_times(self, meeting_id: int) -> dict[int, float]:
        return {
            r["step_index"]: r["elapsed_seconds"]
            for r in self.query(
                "SELECT step_index, elapsed_seconds FROM step_times WHERE meeting_id=?",
                (meeting_id,),
            )
        }

    # -- notes, ratings, choices ----------------------------------------------------------

    def add_note(
        self, meeting_id: int, kind: NoteKind, step: int | None, text: str, now: dt.datetime
    ) -> Note:
        with self.tx() as c:
            cur = c.execute(
                "INSERT INTO notes (meeting_id, kind, step_index, text, created_at)"
                " VALUES (?,?,?,?,?)",
                (meeting_id, kind.value, step, text, _ts(now)),
            )
        return Note(_new_id(cur), kind, step, text, now)

    def edit_note(self, meeting_id: int, note_id: int, text: str) -> None:
        with self.tx() as c:
            cur = c.execute(
                "UPDATE notes SET text=? WHERE id=? AND meeting_id=?", (text, note_id, meeting_id)
            )
            if cur.rowcount == 0:
                raise _no_note(note_id, meeting_id)

    def delete_note(self, meeting_id: int, note_id: int) -> None:
        with self.tx() as c:
            cur = c.execute("DELETE FROM notes WHERE id=? AND meeting_id=?", (note_id, meeting_id))
            if cur.rowcount == 0:
                raise _no_note(note_id, meeting_id)

    def notes(self, meeting_id: int) -> list[Note]:
        return [
            Note(
                r["id"],
                NoteKind(r["kind"]),
                r["step_index"],
                r["text"],
                dt.datetime.fromisoformat(r["created_at"]),
            )
            for r in self.query("SELECT * FROM notes WHERE meeting_id=? ORDER BY id", (meeting_id,))
        ]

    def rate_scale(self, meeting_id: int, rating: ScaleRating, *, comment: bool = True) -> None:
        """Save a rating; with `comment=False` a rating given again keeps its comment."""
        keep = "comment" if not comment else "excluded.comment"
        with self.tx() as c:
            c.execute(
                "INSERT INTO scale_ratings (meeting_id, step_index, participant_id, value,"
                " comment) VALUES (?,?,?,?,?) ON CONFLICT(meeting_id, step_index,"
                f" participant_id) DO UPDATE SET value=excluded.value, comment={keep}",
                (meeting_id, rating.step, rating.participant_id, rating.value, rating.comment),
            )

    def add_card(self, meeting_id: int, card: Card, at: dt.datetime) -> Card:
        """A new card (its id is the store's); the card given is not changed."""
        with self.tx() as c:
            cur = c.execute(
                "INSERT INTO cards (meeting_id, step_index, repetition, text, votes, by_whom,"
                " to_whom, answer, place, position, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (meeting_id, card.step, card.repetition, *_card_values(card), _ts(at)),
            )
            return dataclasses.replace(card, id=_new_id(cur))

    def set_card(self, meeting_id: int, card: Card) -> None:
        """A card as it is now: its text, dots, who put it to whom, the answer, its place."""
        with self.tx() as c:
            c.execute(
                "UPDATE cards SET text=?, votes=?, by_whom=?, to_whom=?, answer=?, place=?,"
                " position=? WHERE id=? AND meeting_id=?",
                (*_card_values(card), card.id, meeting_id),
            )

    def delete_card(self, meeting_id: int, card_id: int) -> None:
        with self.tx() as c:
            c.execute("DELETE FROM cards WHERE id=? AND meeting_id=?", (card_id, meeting_id))

    def cards(
        self, meeting_id: int, step: int | None = None, repetition: int | None = None
    ) -> list[Card]:
        """The cards of the meeting (of one step's time through, if given), by step, in the
        order they were written."""
        where, params = "meeting_id=?", [meeting_id]
        if step is not None:  # a step's panel, redrawn at every change: its own cards only
            where += " AND step_index=? AND repetition=?"
            params += [step, repetition if repetition is not None else 1]
        return [
            Card(
                r["id"],
                r["step_index"],
                r["text"],
                r["votes"],
                r["repetition"],
                r["by_whom"],
                r["to_whom"],
                r["answer"],
                r["place"],
                r["position"],
            )
            for r in self.query(
                "SELECT id, step_index, text, votes, repetition, by_whom, to_whom, answer,"
                f" place, position FROM cards WHERE {where} ORDER BY step_index, id",
                tuple(params),
            )
        ]

    def scale_ratings(self, meeting_id: int) -> list[ScaleRating]:
        return [
            ScaleRating(r["step_index"], r["participant_id"], r["value"], r["comment"])
            for r in self.query(
                "SELECT s.* FROM scale_ratings s JOIN participants p ON p.id = s.participant_id"
                " WHERE s.meeting_id=? ORDER BY s.step_index, p.position",
                (meeting_id,),
            )
        ]

    def mark_choice(self, meeting_id: int, mark: ChoiceMark) -> None:
        with self.tx() as c:
            c.execute(
                "INSERT INTO choice_marks (meeting_id, step_index, rating, participant_key,"
                " option_id) VALUES (?,?,?,?,?) ON CONFLICT(meeting_id, step_index, rating,"
                " participant_key) DO UPDATE SET option_id=excluded.option_id",
                (meeting_id, mark.step, mark.rating, mark.participant_id or 0, mark.option_id),
            )

    def toggle_pick(self, meeting_id: int, mark: ChoiceMark) -> bool:
        """In a choice of several: mark the option, or unmark it if it was. True: marked."""
        key = (meeting_id, mark.step, mark.rating, mark.option_id)
        with self.tx() as c:
            gone = c.execute(
                "DELETE FROM choice_picks WHERE meeting_id=? AND step_index=? AND rating=?"
                " AND option_id=?",
                key,
            ).rowcount
            if not gone:
                c.execute("INSERT INTO choice_picks VALUES (?,?,?,?)", key)
        return not gone

    def choice_marks(self, meeting_id: int) -> list[ChoiceMark]:
        """The marks of choices of one and of several, by step."""
        one = [
            ChoiceMark(r["step_index"], r["option_id"], r["rating"], r["participant_key"] or None)
            for r in self.query(
                "SELECT * FROM choice_marks WHERE meeting_id=? ORDER BY step_index, rating",
                (meeting_id,),
            )
        ]
        several = [
            ChoiceMark(r["step_index"], r["option_id"], r["rating"], None)
            for r in self.query(
                "SELECT * FROM choice_picks WHERE meeting_id=? ORDER BY step_index, rating",
                (meeting_id,),
            )
        ]
        return sorted([*one, *several], key=lambda m: (m.step, m.rating))

    # -- actions and follow-up ------------------------------------------------------------

    def add_action(
        self, meeting_id: int, item: ActionItem, series: str | None, now: dt.datetime
    ) -> ActionItem:
        with self.tx() as c:
            # The series is read here, in the insert's own transaction: another window may
            # have just made this meeting part of one (by following it up).
            cur = c.execute(
                "INSERT INTO actions (meeting_id, step_index, repetition, group_id, series, what,"
                " how, who, with_whom, due, first_step, status, created_at, updated_at)"
                " VALUES (?,?,?,?,COALESCE((SELECT series FROM meetings WHERE id=?), ?),"
                " ?,?,?,?,?,?,?,?,?)",
                (
                    meeting_id,
                    item.step,
                    item.repetition,
                    item.group_id,
                    meeting_id,
                    series,
                    *_action_values(item),
                    _ts(now),
                    _ts(now),
                ),
            )
        item.id, item.meeting_id = _new_id(cur), meeting_id
        return item

    def update_action(self, meeting_id: int, item: ActionItem, now: dt.datetime) -> None:
        with self.tx() as c:
            cur = c.execute(
                "UPDATE actions SET what=?, how=?, who=?, with_whom=?, due=?, first_step=?,"
                " status=?, updated_at=? WHERE id=? AND meeting_id=?",
                (*_action_values(item), _ts(now), item.id, meeting_id),
            )
            if cur.rowcount != 1:
                said = _("action {id} does not exist in meeting {meeting}")
                raise StoreError(said.format(id=item.id, meeting=meeting_id))

    def delete_action(self, meeting_id: int, action_id: int) -> None:
        with self.tx() as c:
            c.execute("DELETE FROM actions WHERE id=? AND meeting_id=?", (action_id, meeting_id))

    @staticmethod
    def _action(r: sqlite3.Row) -> ActionItem:
        return ActionItem(
            r["what"],
            r["how"],
            r["who"],
            r["with_whom"],
            dt.date.fromisoformat(r["due"]) if r["due"] else None,
            r["first_step"],
            ActionStatus(r["status"]),
            r["id"],
            r["meeting_id"],
            r["step_index"],
            r["repetition"],
            r["group_id"],
        )

    def actions(self, meeting_id: int) -> list[ActionItem]:
        return [
            self._action(r)
            for r in self.query(
                "SELECT * FROM actions WHERE meeting_id=? ORDER BY id", (meeting_id,)
            )
        ]

    def carried_actions(self, meeting_id: int) -> list[ActionItem]:
        """Open actions from earlier meetings of this meeting's series, to follow up."""
        r = self.meeting_row(meeting_id)
        if not r["series"]:
            return []
        return [
            self._action(a)
            for a in self.query(
                "SELECT a.* FROM actions a JOIN meetings m ON m.id = a.meeting_id"
                " WHERE a.series=? AND a.meeting_id<>? AND m.id < ?"
                " AND (a.status IN (?, ?)"
                "      OR a.id IN (SELECT action_id FROM follow_ups WHERE meeting_id=?))"
                " ORDER BY a.id",
                (r["series"], meeting_id, meeting_id, *OPEN_STATUSES, meeting_id),
            )
        ]

    def all_actions(self) -> list[ActionRow]:
        rows = self.query(
            "SELECT a.*, m.title AS meeting_title, m.date AS meeting_date FROM actions a"
            " JOIN meetings m ON m.id = a.meeting_id ORDER BY a.due IS NULL, a.due, a.id"
        )
        return [
            ActionRow(self._action(r), r["meeting_id"], r["meeting_title"], r["meeting_date"])
            for r in rows
        ]

    def follow_up(self, meeting_id: int, fu: FollowUp, now: dt.datetime) -> None:
        if fu.action_id not in {a.id for a in self.carried_actions(meeting_id)}:
            said = _("action {id} is not an open action of an earlier meeting of this series")
            raise StoreError(said.format(id=fu.action_id))
        with self.tx() as c:
            c.execute(
                "INSERT INTO follow_ups (meeting_id, action_id, status, comment, created_at)"
                " VALUES (?,?,?,?,?) ON CONFLICT(meeting_id, action_id) DO UPDATE SET"
                " status=excluded.status, comment=excluded.comment",
                (meeting_id, fu.action_id, fu.status.value, fu.comment, _ts(now)),
            )
            c.execute(
                "UPDATE actions SET status=?, updated_at=? WHERE id=?",
                (fu.status.value, _ts(now), fu.action_id),
            )

    def follow_ups(self, meeting_id: int) -> list[FollowUp]:
        return [
            FollowUp(r["action_id"], ActionStatus(r["status"]), r["comment"])
            for r in self.query(
                "SELECT * FROM follow_ups WHERE meeting_id=? ORDER BY id", (meeting_id,)
            )
        ]


def _insert_participant(
    c: sqlite3.Connection, meeting_id: int, position: int, p: Participant
) -> None:
    cur = c.execute(
        "INSERT INTO participants"
        " (meeting_id, position, name, role, organisation, pseudonym, group_step)"
        " VALUES (?,?,?,?,?,?,?)",
        (meeting_id, position, p.name, p.role, p.organisation, p.pseudonym, p.group_step),
    )
    p.id, p.position = _new_id(cur), position


def _card_values(card: Card) -> tuple:
    """A card's own columns, in the order both INSERT and UPDATE name them."""
    return (card.text, card.votes, card.by, card.to, card.answer, card.place, card.position)


def _action_values(item: ActionItem) -> tuple:
    """An action's own columns, in the order both INSERT and UPDATE name them."""
    due = item.when.isoformat() if item.when else None
    return (item.what, item.how, item.who, item.with_whom, due, item.first_step, item.status.value)


def _split(script: str) -> list[str]:
    """The statements of a migration, split where SQLite itself says one is complete, so
    that a ';' inside a string or a trigger body does not cut a statement in two."""
    statements, current = [], ""
    for piece in script.split(";"):
        current += piece + ";"
        if sqlite3.complete_statement(current):
            if current.strip(" \n;"):
                statements.append(current.strip())
            current = ""
    return statements


def _emptied(path: Path) -> bool:
    """A database file that exists but holds nothing, with no log beside it to recover."""
    try:
        if path.stat().st_size != 0:
            return False
    except OSError:
        return False
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0
