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

from abc import abstractmethod
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, runtime_checkable

from textual.binding import Binding
from textual.message import Message
from textual.widget import Widget

from dialogtui.i18n import N_
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.state import MeetingState
from dialogtui.records import ActionItem
from dialogtui.tui.dialogs.base import FormDialog, KeepKey, KeepKind, TextDialog
from dialogtui.tui.keeping import Opening
from dialogtui.tui.ordering import settle
from dialogtui.tui.widgets.observing import follow

T = TypeVar("T")

# How the screen applies a change to the meeting: it reports what went wrong (False), or
# shows the meeting as it now is (True).
Run = Callable[[Callable[[], object]], bool]


class EngineChange(Message):
    def __init__(self, change: Callable[[MeetingEngine], object]):
        super().__init__()
        self.change = change


def given(
    engine: MeetingEngine, run: Run, then: Callable[[MeetingEngine, T], object]
) -> Callable[[T | None], None]:
    """A dialog's result, given to the engine through `then` (nothing if cancelled)."""

    def done(result: T | None) -> None:
        if result is not None:
            run(lambda: then(engine, result))

    return done


@runtime_checkable
class Request(Protocol):
    """What a panel asks the screen to open: a dialog whose result goes to the engine."""

    def opening(self, engine: MeetingEngine, run: Run) -> Opening: ...


@dataclass(frozen=True)
class TextWanted:
    """A text to type (a new card, a card corrected), kept under `key` while its dialog is
    open, then given to `then`."""

    title: str
    then: Callable[[MeetingEngine, str], object]
    text: str = ""
    key: KeepKey | None = None

    def opening(self, engine: MeetingEngine, run: Run) -> Opening:
        dialog = TextDialog(self.title, self.text)
        return Opening(dialog, given(engine, run, self.then), self.key)


@dataclass(frozen=True)
class DialogWanted(Generic[T]):
    """A form of the kind's own to fill in (a need: from whom, to whom, what), kept under
    `key` while it is open; what it gives is given to `then`."""

    dialog: FormDialog[T]
    then: Callable[[MeetingEngine, T], object]
    key: KeepKey

    def opening(self, engine: MeetingEngine, run: Run) -> Opening:
        return Opening(self.dialog, given(engine, run, self.then), self.key)


@dataclass(frozen=True)
class ConfirmWanted:
    question: str
    then: Callable[[MeetingEngine], object]

    def opening(self, engine: MeetingEngine, run: Run) -> Opening:
        from dialogtui.tui.dialogs.alerts import ConfirmDialog  # only when deleting

        def done(yes: bool | None) -> None:
            if yes:
                run(lambda: self.then(engine))

        return Opening(ConfirmDialog(self.question), done)


@runtime_checkable
class PanelHost(Protocol):
    """The screen a panel (or the turns list) is on: it opens what the panel asks for, and
    the dialogs of its own that a list opens too: f3's action form, a turn's correction and
    who said it."""

    engine: MeetingEngine

    def want(self, request: Request) -> Awaitable[None]: ...

    def edit_action(self, item: ActionItem | None) -> Awaitable[None]: ...

    def edit_turn(self, turn_id: int, text: str) -> Awaitable[None]: ...

    def move_turn(self, turn_id: int) -> Awaitable[None]: ...


async def ask(panel: Widget, request: Request | Callable[[PanelHost], Awaitable[None]]) -> None:
    """Open what a panel's key asks for, in typed order (from a priority binding): a request,
    or one of the screen's own dialogs (`lambda host: …`)."""
    host = panel.screen
    if not isinstance(host, PanelHost):
        raise TypeError(f"{type(panel).__name__} is on a screen that opens no dialogs")
    await settle(host)
    if isinstance(request, Request):
        await host.want(request)
    else:
        await request(host)


# How one of a panel's kept dialogs opens again: the request it made, from what its key is
# about (a card's id, "new"); None where its subject is gone.
PanelReopen = Callable[[MeetingEngine, str], Request | None]


def _shown(state: MeetingState) -> object:
    """What a step's panel shows of the meeting: the step's items and people, and whose
    floor it is (a sheet or a need written now is theirs)."""
    at = state.at
    return (at.step, at.repetition, at.speaker, state.people, state.items)


class StepPanel(Widget):
    """What the capture screen knows of a step kind's panel, which `KindSpec.panel` names.

    A panel subclasses its Textual widget first and this last (`class VotePanel(ItemTable,
    StepPanel)`): Textual takes a widget's CSS from its first base. Its keys that open a
    dialog or read the list are `key()`s, priority bindings whose actions `settled` first
    (or `ask`, which does); its CSS is its `DEFAULT_CSS`."""

    HELP_TITLE: str  # help's heading for its keys (marked N_, translated there)
    HINT: str = ""  # its keys, on its border where it shows them (marked N_)

    def on_mount(self) -> None:
        # It watches the screen's state, and is drawn again (`show`) while it is shown and
        # when its part changed (every panel's own class has its own on_mount besides).
        follow(self, _shown, lambda engine, _state: self.show(engine))

    @abstractmethod
    def show(self, engine: MeetingEngine) -> None:
        """Draw the step's part from the meeting as the engine has it now."""

    @classmethod
    def kept(cls) -> Mapping[KeepKind, PanelReopen]:
        """The kinds of dialog it opens whose text is kept, and how each opens again after
        a restart (on its step only: the capture screen sees to that)."""
        return {}


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
