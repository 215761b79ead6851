"""What the scribe lets the room see on the room's view (`dialogtui wall`), and the read-back
page the scribe shows: both kept in the store, the only thing the room's view reads."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogtui.records import RoomShows

if TYPE_CHECKING:
    from dialogtui.store import RoomRepo

# The scribe's one key steps through these, in this order: from the usual state (the
# question only) a stray press blanks the room, which is harmless; showing what the scribe
# writes takes a second, deliberate press, through the blank.
ORDER = (RoomShows.questions, RoomShows.blank, RoomShows.notes)


class Room:
    def __init__(self, store: RoomRepo, meeting_id: int):
        self._store, self._id = store, meeting_id
        self.shows: RoomShows = store.room_setting(meeting_id).shows

    def show(self, shows: RoomShows) -> None:
        self._store.set_room_shows(self._id, shows)
        self.shows = shows

    def next(self) -> RoomShows:
        """The next of questions only, a blank pause, questions and notes; saved."""
        self.show(ORDER[(ORDER.index(self.shows) + 1) % len(ORDER)])
        return self.shows

    def reading(self, page: int | None, item: int = 0) -> None:
        """The scribe shows this read-back page (its step; `after_steps(n)`: a page after
        the steps) with this item chosen on it, or None: the read-back is closed."""
        self._store.set_room_reading(self._id, page, item)
