"""How a widget follows the meeting: it watches its screen's `state` (a `MeetingState`,
made once after every change) and redraws itself from the engine when the part it shows
has changed, and only then."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, cast

from textual.widget import Widget

from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.state import MeetingState


class MeetingScreen(Protocol):
    """A screen of a live meeting: its engine, and the state its widgets watch."""

    engine: MeetingEngine
    state: MeetingState | None


class Follower:
    """Redraws `widget` (through `redraw`) when `part` of the screen's state changes; a
    widget hidden (a step panel of another kind) waits until it is shown again, then
    redraws only if its part changed meanwhile."""

    _NEVER = object()

    def __init__(
        self,
        widget: Widget,
        part: Callable[[MeetingState], object],
        redraw: Callable[[MeetingEngine, MeetingState], None],
    ):
        self.widget, self.part, self.redraw = widget, part, redraw
        self.shown: object = self._NEVER  # the part as it is on screen
        self.screen = cast(MeetingScreen, widget.screen)
        # At once too, should the screen already have a state (init).
        widget.watch(widget.screen, "state", self.changed)

    def changed(self, state: MeetingState | None) -> None:
        if state is None or not self.widget.display:
            return
        part = self.part(state)
        if part != self.shown:
            self.shown = part
            self.redraw(self.screen.engine, state)

    def again(self) -> None:
        """Redraw now, whatever changed (the widget's size, a setting of the screen's)."""
        self.shown = self._NEVER
        self.changed(self.screen.state)


def follow(
    widget: Widget,
    part: Callable[[MeetingState], object],
    redraw: Callable[[MeetingEngine, MeetingState], None],
) -> Follower:
    return Follower(widget, part, redraw)
