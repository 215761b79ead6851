"""Keys take effect in the order they were typed, even when one of them moves the focus.

Textual sends each key to the widget that has the focus when the app reads the key, and
each widget handles its keys in its own queue. Two races follow, and a fast typist (or a
busy laptop, or a paste of keys) hits both: a key typed just after one that moves the focus
lands in the old field, because `Widget.focus()` only takes effect later; and a binding
that runs in the app can run before the text typed just before it has reached its field.

So every key that moves the focus or reads the fields is a priority binding of its screen
(the app runs it the moment it reads the key, before it looks at the next one) whose action
first `settle`s, waiting until everything typed before it has been handled, and then moves
the focus at once with `Screen.set_focus`. The app handles one key at a time, so every key
after it goes where the focus now is.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses

from textual.binding import Binding, BindingType
from textual.message_pump import MessagePump
from textual.screen import Screen

from dialogtui.i18n import N_

# Far longer than a queue takes to drain; it only guards against waiting forever on a
# widget that was removed with the marker still in its queue.
_LIMIT_SECONDS = 5.0


async def drain(pump: MessagePump | None) -> None:
    """Wait until `pump` has handled every message queued to it before this call."""
    if pump is None:
        return
    done = asyncio.get_running_loop().create_future()

    def mark() -> None:
        if not done.done():
            done.set_result(None)

    if pump.call_later(mark):
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done, _LIMIT_SECONDS)


async def settle(screen: Screen) -> None:
    """Wait until the keys typed so far are handled: by the focused widget, then by the
    screen (which receives what the widget made of them, e.g. a saved turn)."""
    await drain(screen.focused)
    await drain(screen)


CURSOR_KEYS = ("up", "down", "pageup", "pagedown", "home", "end", "ctrl+home", "ctrl+end")


def cursor_in_typed_order(bindings: list[BindingType]) -> list[BindingType]:
    """A list's own cursor keys (from its Textual class's `bindings`) as priority bindings of
    the list: they run the moment they are read. As the list's plain bindings they ran only
    once the key had gone round the app, after a priority key typed just after them (delete,
    +), which then acted on the row the cursor was leaving."""
    return [
        # Without Textual's (English) words: help lists the app's own keys, not a list's.
        dataclasses.replace(b, priority=True, description="")
        for b in bindings
        if isinstance(b, Binding) and b.key in CURSOR_KEYS
    ]


class OrderedFocus:
    """For a screen of fields: tab and shift+tab move the focus in typed order too (Textual's
    own tab is an app binding, run only once the key has gone round the widgets)."""

    FOCUS_BINDINGS = [
        Binding("tab", "focus_field(1)", N_("Next field"), show=False, priority=True),
        Binding("shift+tab", "focus_field(-1)", N_("Previous field"), show=False, priority=True),
    ]

    async def action_focus_field(self, step: int) -> None:
        assert isinstance(self, Screen)
        await settle(self)
        if step > 0:
            self.focus_next()
        else:
            self.focus_previous()
