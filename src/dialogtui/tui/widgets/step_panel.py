"""What a step's panel asks of the capture screen, whatever its kind: a change to the
meeting, a text typed in a dialog (or a form of the kind's own), a yes or no. The screen
runs each through the engine (and redraws), so that a new kind's panel needs no handler of
its own on the screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.message import Message

from dialogtui.meeting.engine import MeetingEngine


class EngineChange(Message):
    def __init__(self, change: Callable[[MeetingEngine], object]):
        super().__init__()
        self.change = change


class TextWanted(Message):
    """A text to type (a new card, a card corrected), kept under `key` while its dialog is
    open, then given to `then`."""

    def __init__(
        self,
        title: str,
        then: Callable[[MeetingEngine, str], object],
        text: str = "",
        key: str | None = None,
    ):
        super().__init__()
        self.title, self.then, self.text, self.key = title, then, text, key


class DialogWanted(Message):
    """A form of the kind's own to fill in (a need: from whom, to whom, what), kept under
    `key` while it is open; its result is given to `then`."""

    def __init__(self, dialog: Any, then: Callable[[MeetingEngine, Any], object], key: str):
        super().__init__()
        self.dialog, self.then, self.key = dialog, then, key


class ConfirmWanted(Message):
    def __init__(self, question: str, then: Callable[[MeetingEngine], object]):
        super().__init__()
        self.question, self.then = question, then
