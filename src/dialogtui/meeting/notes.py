"""A meeting's decisions and concerns, each noted in the step the meeting is at."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dialogtui.errors import MeetingError
from dialogtui.i18n import _

if TYPE_CHECKING:
    from dialogtui.meeting.clock import Clock
    from dialogtui.records import Note, NoteKind, Position
    from dialogtui.store import ItemsRepo


class Notes:
    """The notes of one meeting, stamped with the step where the engine is (`here`)."""

    def __init__(
        self, store: ItemsRepo, meeting_id: int, clock: Clock, here: Callable[[], Position]
    ):
        self._store, self._id, self._clock, self._here = store, meeting_id, clock, here

    def add(self, kind: NoteKind, text: str) -> Note:
        if not text.strip():
            raise MeetingError(_("the note is empty; write it, or escape"))
        here = self._here()  # its step and time through it: in a block, the case it is of
        now = self._clock.now()
        return self._store.add_note(self._id, kind, here.step, text.strip(), now, here.repetition)

    def all(self) -> list[Note]:
        """The meeting's decisions and concerns, in the order they were noted."""
        return self._store.notes(self._id)

    def edit(self, note_id: int, text: str) -> None:
        if not text.strip():
            raise MeetingError(_("the note is empty; delete it instead"))
        self._store.edit_note(self._id, note_id, text.strip())

    def delete(self, note_id: int) -> None:
        self._store.delete_note(self._id, note_id)
