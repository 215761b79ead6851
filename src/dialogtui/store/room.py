"""What the room's view (`dialogtui wall`, another process, a reader) needs from the store
beyond what the scribe's screen reads: what the scribe lets the room see, the read-back page
being read, and whether anything changed at all. (The step clock's running part, which it
needs too, is the steps' own: `StepsRepo.clock_since`.)"""

from __future__ import annotations

from dataclasses import dataclass

from dialogtui.records import RoomShows
from dialogtui.store.connection import StoreBase

# The read-back's pages after the steps (the earlier meeting's actions, the plan of a set
# without a plan step) are kept as -1, -2, …: the first after the steps, the second.
READING_AFTER_STEPS = -1


def after_steps(n: int) -> int:
    """How the store keeps the n-th page (from 0) after the steps."""
    return READING_AFTER_STEPS - n


@dataclass(frozen=True)
class RoomSetting:
    shows: RoomShows
    # The read-back page on the scribe's screen: its step, a page after the steps (negative,
    # `after_steps`), or None when the scribe is not reading back.
    reading: int | None
    item: int = 0  # the item the scribe has chosen on that page, from 0


class RoomRepo(StoreBase):
    """The room's view's part of a meeting's row."""

    def set_room_shows(self, meeting_id: int, shows: RoomShows) -> None:
        with self.tx() as c:
            c.execute("UPDATE meetings SET room_shows=? WHERE id=?", (shows.value, meeting_id))

    def set_room_reading(self, meeting_id: int, page: int | None, item: int = 0) -> None:
        """The read-back page the scribe shows (its step, or a page after the steps) and the
        item chosen on it (from 0); None: the read-back is closed. Not fsynced: a crash
        loses nothing the room needs."""
        with self.tx(durable=False) as c:
            c.execute(
                "UPDATE meetings SET room_reading=?, room_item=? WHERE id=?",
                (page, item if page is not None else 0, meeting_id),
            )

    def room_setting(self, meeting_id: int) -> RoomSetting:
        r = self._meeting_row(meeting_id)
        try:
            shows = RoomShows(r["room_shows"])
        except ValueError:  # a value of a later dialogtui: the room sees the least
            shows = RoomShows.questions
        return RoomSetting(shows, r["room_reading"], r["room_item"])

    def data_version(self) -> int:
        """A number that changes whenever another connection commits to the file (SQLite's
        own `PRAGMA data_version`): a reader polls it for almost nothing, and reads the
        meeting again only when it changed."""
        return int(self.query("PRAGMA data_version")[0][0])
