"""What a step's panel asks of the capture screen, whatever its kind: a change to the
meeting, a text typed in a dialog (or a form of the kind's own), a yes or no. The screen runs
each through the engine (and redraws), so that a new kind's panel needs no handler of its own
on the screen.

A change is a message: the screen takes it in the order the keys were typed. A dialog is
opened at once instead (`ask`), from a priority binding, after the keys typed before it have
landed: the keys typed after it are then the dialog's, as a fast scribe types "a" and the
card's text in one go (a message would open it only once those keys had reached the table,
where "e" corrects and "x" deletes). See `tui/ordering.py`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from dialogtui.i18n import N_
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.tui.ordering import settle


class EngineChange(Message):
    def __init__(self, change: Callable[[MeetingEngine], object]):
        super().__init__()
        self.change = change


@dataclass(frozen=True)
class TextWanted:
    """A text to type (a new card, a card corrected), kept under `key` while its dialog is
    open, then given to `then`."""

    title: str
    then: Callable[[MeetingEngine, str], object]
    text: str = ""
    key: str | None = None


@dataclass(frozen=True)
class DialogWanted:
    """A form of the kind's own to fill in (a need: from whom, to whom, what), kept under
    `key` while it is open; its result is given to `then`."""

    dialog: Any
    then: Callable[[MeetingEngine, Any], object]
    key: str


@dataclass(frozen=True)
class ConfirmWanted:
    question: str
    then: Callable[[MeetingEngine], object]


Request = TextWanted | DialogWanted | ConfirmWanted


class PanelHost(Protocol):
    """The screen a panel is on: it opens what the panel asks for."""

    def want(self, request: Request) -> Awaitable[None]: ...


async def ask(panel: Widget, request: Request | Callable[[Any], Awaitable[None]]) -> None:
    """Open what a panel's key asks for, in typed order (from a priority binding): a request
    the screen knows, or one of the screen's own dialogs (`lambda screen: …`)."""
    screen: Any = panel.screen
    await settle(screen)
    if callable(request):
        await request(screen)
    else:
        host: PanelHost = screen
        await host.want(request)


async def settled(panel: Widget) -> None:
    """Wait until the keys typed before this one have landed (the table shows the card
    just written, the cursor is where the arrow keys took it)."""
    await settle(panel.screen)


def key(keys: str, action: str, description: str) -> Binding:
    """A panel's key: run the moment it is read, in typed order (see the module's doc)."""
    return Binding(keys, action, description, show=False, priority=True)


# On every list of a step: the footer's first key while the list has the keyboard, saying
# how to go back to the text box (the screen's own escape does it; tui/keyboard.py).
TO_TEXT_BOX = [
    Binding(
        "escape", "screen.back", N_("Text box"), priority=True, tooltip=N_("Back to the text box")
    )
]
