"""The one connection every repository of the store shares: opening (as the writer that
migrates, or as a reader that cannot write), the pragmas, transactions, locks, closing.

Every write is its own transaction, committed with WAL and synchronous=FULL before the
method returns: when a caller is told a turn is saved, it is on disk.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Self

from dialogtui.errors import NoStore, StoreError, StoreOutOfDate, UnknownMeeting, os_reason
from dialogtui.i18n import _
from dialogtui.paths import data_home, ensure_private_dir
from dialogtui.store.lock import MeetingLock, held
from dialogtui.store.migrations import DATA_STEPS, LATEST, MIGRATIONS

# A reader waits this long for a writer's lock before it says the database is busy: short,
# because a reader runs on the UI thread (the start screen's list) and must not freeze it.
READER_BUSY_MS = 200


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


def _newer(path: Path, version: int) -> StoreError:
    said = _(
        "{path} was written by a newer dialogtui (schema {version}, this one "
        "knows {latest}); upgrade dialogtui to open it"
    )
    return StoreError(said.format(path=path, version=version, latest=LATEST))


def _emptied_error(path: Path) -> StoreError:
    # SQLite would quietly make a new database in an emptied file, and the meetings would
    # seem never to have been; say so instead and leave the file alone.
    said = _(
        "{path} is empty (0 bytes): the meetings it held are gone. Restore it from a"
        " backup, or move it away to start with a new database"
    )
    return StoreError(said.format(path=path))


class StoreBase:
    """One SQLite file with every meeting, over one connection. The repositories (meetings,
    turns, steps, items, actions) are mixins over this base; `Store` composes them all.

    Open the writer with `open()` (it migrates), a reader with `open_reader()` (it cannot
    write), or `open_for_reading()` for a read command that must also read an older file.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path, *, read_only: bool = False):
        self.conn = conn
        self.path = path
        self.read_only = read_only
        self._locks: dict[int, MeetingLock] = {}

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | None = None) -> Self:
        """The writer: makes the private data folder and the file, migrates it to this
        dialogtui's schema."""
        path = Path(path) if path else default_db_path()
        try:
            ensure_private_dir(path.parent)
        except OSError as exc:
            said = _("cannot create the data folder {folder}: {reason}")
            raise StoreError(said.format(folder=path.parent, reason=os_reason(exc))) from None
        if _emptied(path):
            raise _emptied_error(path)
        old_umask = os.umask(0o077)  # the -wal and -shm files must be private too
        try:
            if not path.exists():
                try:
                    _create(path)
                except OSError as exc:
                    said = _("cannot create {path}: {reason}")
                    raise StoreError(said.format(path=path, reason=os_reason(exc))) from None
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

    @classmethod
    def open_reader(cls, path: Path | None = None) -> Self:
        """A reader: the file opened read-only, as it is. It creates no folder and no
        database (SQLite itself may make the `-wal` and `-shm` files beside it, which a reader
        of a WAL database shares with its writer; they take the database's own mode),
        changes neither the process's umask nor the file's mode, never migrates, waits for
        a writer only briefly, and refuses every write with a `StoreError`. A file that is
        missing (`NoStore`), older (`StoreOutOfDate`) or newer than this dialogtui is
        refused with a sentence naming it; nothing is changed."""
        path = Path(path) if path else default_db_path()
        if path.is_dir():
            raise NoStore(_("{path} is a folder, not a dialogtui database").format(path=path))
        if not path.exists():
            said = _("there is no dialogtui database at {path}: no meeting was saved there")
            raise NoStore(said.format(path=path))
        if _emptied(path):
            raise _emptied_error(path)
        try:
            # A URI, so that SQLite itself holds the file read-only (mode=ro); as_uri quotes
            # the characters ('?', '#', '%') that a folder's name may hold.
            uri = path.absolute().as_uri() + "?mode=ro"
            conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(_explain(exc, path)) from None
        try:
            conn.row_factory = sqlite3.Row
            conn.execute(f"PRAGMA busy_timeout = {READER_BUSY_MS}")
            conn.execute("PRAGMA query_only = ON")  # a second lock on the door: no write
            store = cls(conn, path, read_only=True)
            version = store._version()
        except sqlite3.Error as exc:
            conn.close()
            if "no such table" in str(exc):  # an SQLite file, but not one of ours
                said = _("{path} is not a dialogtui database or is damaged")
                raise StoreError(said.format(path=path)) from None
            raise StoreError(_explain(exc, path)) from None
        if version != LATEST:
            conn.close()
            if version > LATEST:
                raise _newer(path, version)
            said = _(
                "{path} was written by an older dialogtui (schema {version}, this one knows"
                " {latest}); open it once with this dialogtui to bring it up to date"
            )
            raise StoreOutOfDate(said.format(path=path, version=version, latest=LATEST))
        return store

    @classmethod
    def open_for_reading(cls, path: Path | None = None) -> Self:
        """A reader for a read command (a listing, an export) that must also read a file
        written by an older dialogtui, as the app itself would: such a file is brought up to
        date once, through a writer that is closed at once, and then read. Everything else
        `open_reader` refuses stays refused, and an up-to-date file is never opened for
        writing. Not for a worker thread: the writer sets the process's umask while it
        opens (a worker next to an open meeting uses `open_reader`; the meeting's writer has
        already brought the file up to date)."""
        try:
            return cls.open_reader(path)
        except StoreOutOfDate:
            cls.open(path).close()
            return cls.open_reader(path)

    def _version(self) -> int:
        row = self.conn.execute("SELECT version FROM schema_version").fetchone()
        return row[0] if row else 0

    def _migrate(self) -> None:
        c = self.conn
        c.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        if self._version() > LATEST:
            raise _newer(self.path, self._version())
        migrated = False
        while self._version() < LATEST:
            migrated = True
            with self.tx():
                # Read again under the write lock: another dialogtui opening the same file
                # at the same moment may have taken this step already.
                n = self._version()
                if n >= LATEST:
                    break
                for statement in _split(MIGRATIONS[n]):
                    c.execute(statement)
                if n + 1 in DATA_STEPS:
                    DATA_STEPS[n + 1](c)
                c.execute("DELETE FROM schema_version")
                c.execute("INSERT INTO schema_version VALUES (?)", (n + 1,))
            # Each step's pages into the database at once, so that the log is written over
            # by the next step rather than grown by it: a new file needs the disk space of
            # its largest step, not of every step (the search index's triggers are many).
            c.execute("PRAGMA wal_checkpoint(PASSIVE)")
        if migrated:
            # Each migration's pages (the schema's rewritten each time) stay in the -wal file
            # until a checkpoint: moved into the database now, so that a new or upgraded file
            # does not begin with the disk space of every step it went through.
            c.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @property
    def schema_version(self) -> int:
        return self.conn.execute("SELECT version FROM schema_version").fetchone()[0]

    def close(self) -> None:
        if not self.read_only:
            # The words of what was deleted here leave the index's pages before the file
            # is let go; while a meeting is written in another window, that one does it
            # when it closes (its saves are not to wait). Never a reason not to close (the
            # last thing a crash does too): any failure leaves it due next time.
            with contextlib.suppress(Exception):
                if not self._others_writing():
                    self._tidy_index()
        for lock in list(self._locks.values()):
            lock.release()
        self._locks.clear()
        with contextlib.suppress(sqlite3.Error):
            self.conn.close()

    def _others_writing(self) -> bool:
        """Whether another running dialogtui has a meeting of this file open."""
        return bool(set(held(self.path.parent / "locks")) - set(self._locks))

    def _tidy_index(self) -> None:
        """Merge the search index (migration 22) so that no deleted or changed row's
        words are left in its pages: only when one was deleted or changed. One
        transaction, FTS5's `optimize` (0.6 s at 200,000 turns): merging in smaller steps
        between another window's writes damaged the index with SQLite 3.40's FTS5."""
        if not self.query("SELECT 1 FROM found_untidy"):
            return
        with self.tx() as c:
            c.execute("INSERT INTO found (found) VALUES ('optimize')")
            c.execute("DELETE FROM found_untidy")

    # -- locks ---------------------------------------------------------------------------

    def lock(self, meeting_id: int) -> None:
        """Take the one-writer lock on a meeting; `MeetingLocked` if another process has it."""
        if meeting_id in self._locks:
            return
        self._writable()  # a reader takes no meeting: it would keep the writer out
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

    # -- transactions and reads ----------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            # SQLite would refuse the statement too, but only once a transaction is open,
            # and with its own words; the caller's mistake is named here, before anything.
            said = _("{path} was opened only to read; nothing was written")
            raise StoreError(said.format(path=self.path))

    @contextlib.contextmanager
    def tx(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One committed transaction; any SQLite failure becomes a clear `StoreError`.

        `durable=False` is for what is rewritten every second (the running clock, drafts
        kept while typing): it commits without an fsync (WAL with synchronous=NORMAL), so
        it survives the app being killed but not a power cut; the next durable commit (a
        turn, a move) syncs it along with its own. Turns and everything else are fsynced
        before the method returns.
        """
        self._writable()
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
        """Reads inside see one consistent state of the database (an export). Inside
        another snapshot (or a transaction) it is that one's."""
        if self.conn.in_transaction:
            yield
            return
        try:
            self.conn.execute("BEGIN DEFERRED")
        except sqlite3.Error as exc:
            raise StoreError(_explain(exc, self.path)) from None
        try:
            yield
        finally:
            with contextlib.suppress(sqlite3.Error):
                self.conn.execute("COMMIT")

    def query(self, sql: str, params: tuple | dict[str, object] = ()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(_explain(exc, self.path)) from None

    def _meeting_row(self, meeting_id: int) -> sqlite3.Row:
        """The meeting's row, for the repositories' own use; `UnknownMeeting` if none."""
        rows = self.query("SELECT * FROM meetings WHERE id = ?", (meeting_id,))
        if not rows:
            raise UnknownMeeting(
                _("no meeting with id {id}; `dialogtui meetings` lists them").format(id=meeting_id)
            )
        return rows[0]


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


def _create(path: Path) -> None:
    """A new database file, made whole beside it and linked into place: another dialogtui
    opening the same path at the same moment finds either no file or a whole one, never the
    empty file SQLite starts with, which would read as a database whose meetings are gone."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.new")
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute("PRAGMA journal_mode = WAL")  # writes the header: no longer empty
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        finally:
            conn.close()
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another dialogtui made it first: use theirs
        except OSError:
            # A file system without hard links (FAT on a USB stick): created in place, as
            # SQLite would, with the narrow window this function closes elsewhere.
            if not path.exists():
                os.replace(tmp, path)
    finally:
        for leftover in (tmp, tmp.with_name(tmp.name + "-wal"), tmp.with_name(tmp.name + "-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()


def _emptied(path: Path) -> bool:
    """A database file that exists but holds nothing, with no log beside it to recover."""
    try:
        if path.stat().st_size != 0:
            return False
    except OSError:
        return False
    wal = path.with_name(path.name + "-wal")
    return not wal.exists() or wal.stat().st_size == 0
