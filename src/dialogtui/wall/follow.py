"""How the room's view follows a meeting that another process (the scribe's app) moves.

It reads the store through a reader (`Store.open_reader`: SQLite holds the file read-only,
and every write is refused), so it can change nothing, and it takes no meeting lock, so the
scribe's app can always open, close and open again the meeting it shows. It asks SQLite's
`data_version` a few times a second (it changes when another connection commits; asking is
almost free) and reads the meeting again only when it changed. Whether the scribe's app
runs it learns from the meeting lock file's holder, read without locking. Until there is a
meeting to show (no database yet, no meeting open, the scribe's app closed), it says why
it waits, and keeps showing the last it read.

Plain Python: no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from dialogtui.errors import DialogtuiError, NoStore, StoreOutOfDate, UnknownMeeting
from dialogtui.i18n import _
from dialogtui.meeting.clock import Clock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.loader import parse_question_set
from dialogtui.questionset.model import QuestionSet
from dialogtui.records import MeetingStatus
from dialogtui.store import Store, default_db_path
from dialogtui.store.lock import held, holder_alive
from dialogtui.wall import view as wall_view


@dataclass(frozen=True)
class Shown:
    """What the wall shows now: the meeting's content (None: none read yet), and why it
    waits ("" when the scribe's app runs the meeting shown)."""

    content: wall_view.Content | None
    waiting: str


class Follower:
    """Follows meeting `meeting` (None: the one open in dialogtui on this computer) of the
    database at `path` (None: dialogtui's own)."""

    def __init__(self, path: Path | None, meeting: int | None, view: str, clock: Clock):
        self.path = Path(path) if path else default_db_path()
        self.meeting, self.view, self._clock = meeting, view, clock
        self._store: Store | None = None
        self._engine: MeetingEngine | None = None
        self._sets: dict[str, QuestionSet] = {}  # parsed once per set text
        self._readings = wall_view.Readings()  # the read-back's pages, made once per change
        self._version: tuple[int | None, int, bool] | None = None
        self.shown = Shown(None, _("Waiting for the meeting…"))

    @property
    def following(self) -> int | None:
        """The meeting shown (or last shown)."""
        return self._engine.id if self._engine is not None else self.meeting

    def poll(self) -> bool:
        """Read again if anything changed; True when what is shown changed."""
        before = self.shown
        try:
            self._poll()
        except UnknownMeeting:  # deleted for good (`forget`): nothing of it stays shown
            gone, self._engine = self.following, None
            said = _("Meeting {id} is not in dialogtui (it was deleted).")
            self.shown = Shown(None, said.format(id=gone))
        except DialogtuiError as exc:  # the database moved, damaged, busy: say, go on
            self._close_store()
            self.shown = Shown(self.shown.content, str(exc))
        return self.shown != before

    def clock(self) -> wall_view.Clock | None:
        """The clocks now: no query, from the engine's timing (each second). While the
        scribe's app is closed they stand at the time last saved."""
        if self._engine is None or self.shown.content is None:
            return None
        return wall_view.clock(self._engine)

    def switch_view(self, view: str) -> None:
        """Show `view` from the next poll on (read again, though the store did not change)."""
        self.view, self._version = view, None

    def close(self) -> None:
        self._close_store()

    # -- the steps of a poll ------------------------------------------------------------------

    def _poll(self) -> None:
        store = self._open()
        if store is None:
            return
        locks = self.path.parent / "locks"
        meeting = self.meeting
        if meeting is None:
            open_now = held(locks)
            meeting = open_now[0] if open_now else self.following
        if meeting is None:
            self.shown = Shown(None, _("No meeting is open in dialogtui yet."))
            return
        alive = holder_alive(locks, meeting)
        version = (meeting, store.data_version(), alive)
        if version == self._version:
            return
        self._version = version
        engine = self._read(store, meeting, alive)
        finished = engine.status is MeetingStatus.finished
        waiting = (
            "" if alive or finished else _("The scribe's dialogtui is closed: waiting for it.")
        )
        # A read-back page left in the store by a scribe's app that died is not being read.
        content = wall_view.content(engine, self.view, self._readings, reading=alive)
        self.shown = Shown(content, waiting)

    def _open(self) -> Store | None:
        if self._store is not None:
            return self._store
        try:
            self._store = Store.open_reader(self.path)
        except NoStore:  # no meeting was ever saved here: one will be
            self.shown = Shown(None, _("No meeting is open in dialogtui yet."))
            return None
        except StoreOutOfDate:
            # The scribe's app brings the file up to date when it opens it; the wall never
            # writes, so it waits for that.
            self.shown = Shown(
                None, _("Waiting: open dialogtui once to bring the database up to date.")
            )
            return None
        except DialogtuiError as exc:
            self.shown = Shown(None, str(exc))
            return None
        return self._store

    def _read(self, store: Store, meeting: int, alive: bool) -> MeetingEngine:
        """An engine over the reader, made again from the store at each change: it neither
        locks nor writes. The step clock runs on from the store's `clock_since` while the
        scribe's app runs (after a crash it stands at the time last saved, as the scribe's
        app will find it)."""
        set_toml = store.meeting_row(meeting).set_toml
        qs = self._sets.get(set_toml)
        if qs is None:
            qs = self._sets[set_toml] = parse_question_set(set_toml, f"<meeting {meeting}>")
        engine = MeetingEngine(store, meeting, self._clock, qs)
        if alive and not engine.paused and engine.status is MeetingStatus.open:
            engine.timing.follow(store.clock_since(meeting))
        self._engine = engine
        return engine

    def _close_store(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = None
        self._version = None
