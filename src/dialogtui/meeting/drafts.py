"""What is being typed and not yet saved: the turn in the text box, and the text of each
open dialog, kept every second so that a crash or a quit loses none of it."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dialogtui.meeting.clock import Clock
    from dialogtui.store import TurnsRepo


class Drafts:
    def __init__(self, store: TurnsRepo, meeting_id: int, clock: Clock):
        self._store, self._id, self._clock = store, meeting_id, clock

    def save(self, text: str) -> None:
        """The turn being typed, as it stands now."""
        self._store.save_draft(self._id, text, self._clock.now())

    def text(self) -> str:
        """The turn that was being typed when the meeting was last left."""
        return self._store.draft(self._id)

    def keep(self, key: str, text: str | None) -> None:
        """Keep the text of an open dialog under its key (None: the dialog was closed)."""
        self._store.keep_text(self._id, key, text, self._clock.now())

    def kept(self) -> dict[str, str]:
        """Dialog texts kept from a run that ended with the dialog open."""
        return self._store.kept_texts(self._id)
