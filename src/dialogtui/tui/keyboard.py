"""A letter typed is text, never a command.

The scribe types whole sentences without looking up, so where the keys go is one rule:

- the text box has the keyboard whenever the scribe arrives at a step (start, resume, any
  key that changes the step, a new round or case, a skipped step, a resize);
- `escape` takes it to the step's list (f8: its turns) and back, and the list then says so
  (its border and the footer show its keys); a dialog gives it back to where it was;
- a printable key that the screen in front does not use is text: a dialog that only asks or
  lists (a deletion's question, the notes list, the go-to list, help) closes with its safe
  answer, and a list of the capture screen gives the keyboard back to the text box; the key
  is then typed there, and every key after it.

Both decisions are taken in the app, as the key is read (`route`, called from the app's
`on_event` before Textual forwards the key to the focused widget), and only after the keys
typed before it have landed: a widget passing a key on from its own queue would race the keys
already queued behind it, and a sentence would come out of order.

Nothing that deletes or overwrites is bound to a printable key: lists delete with `delete`
and correct with `enter`; a deletion is confirmed with `delete` again, and `enter`, `escape`
or any letter keeps what was there.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from textual import events
from textual.app import App
from textual.screen import Screen


@runtime_checkable
class GivesWay(Protocol):
    """A dialog that takes no text: a printable key it does not use closes it, safely (a
    question answered no, a list closed with nothing chosen)."""

    async def give_way(self) -> None: ...


@runtime_checkable
class TypingHome(Protocol):
    """A screen with a text box: a printable key that its focused list does not use is
    typed there; so is any key a dialog gave way to (`always`), whatever the list below
    would have made of it (the letter meant for a question is not the list's command)."""

    async def take_typing(self, key: str, always: bool = False) -> None: ...


class TakesNoText:
    """A dialog that takes no text (`GivesWay`): a letter typed at it closes it with its
    `safe_answer`, and the letter is text."""

    safe_answer: object = None

    async def give_way(self) -> None:
        assert isinstance(self, Screen)
        await self.dismiss(self.safe_answer)


def uses(screen: Screen, key: str) -> bool:
    """Whether a binding of the screen or of a widget on it (not the app's: "?" opens help
    only where it cannot be typed) takes this key now."""
    active = screen.active_bindings.get(key)
    return active is not None and active.node is not screen.app


async def route(app: App, event: events.Key) -> None:
    """Decide, before the key is forwarded, whether it goes to the text box."""
    if event.is_forwarded or not event.is_printable:
        return
    screen = app.screen
    gave_way = False
    # Dialogs over dialogs (a deletion asked from the notes list, help over it): all give
    # way, or the letter would be lost in the one below.
    while isinstance(screen, GivesWay) and not uses(screen, event.key):
        await screen.give_way()
        gave_way = True
        if app.screen is screen:  # it could not close: the key stays with it
            return
        screen = app.screen
    if isinstance(screen, TypingHome):
        await screen.take_typing(event.key, always=gave_way)
