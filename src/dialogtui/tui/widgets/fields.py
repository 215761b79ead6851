"""Fields whose editing keys take effect in the order they were typed, however fast.

Textual's Input and TextArea type a character in their own handler of its key, as the key
reaches them, but move the cursor and delete through bindings, which the app runs only once
the key has gone round the field and its containers and back to the app. By then the keys
typed after it have reached the field: `home`, "Y", `backspace` sent at once to the Place
field gave "…EkenäsY", the Y typed before the cursor went home,
and the backspace deleting nothing.

`InOrder` runs the field's own binding for a key in the field's handler of that key, in the
field's queue, where the characters before and after it are typed. The keys are the field's
own (`home`, `end`, the arrows, `backspace`, `delete`, `ctrl+left`, …, whatever its class
binds), so nothing is listed twice; a key bound by the screen with priority never reaches
the field, and one the field does not bind goes round as before.
"""

from __future__ import annotations

from textual import events
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select

from dialogtui.tui.ordering import settle
from dialogtui.tui.textual_internals import own_bindings, select_value_at


class InOrder:
    """Put first in the bases of an Input or a TextArea (or a subclass of either)."""

    async def _on_key(self, event: events.Key) -> None:
        # Textual calls this, then the widget class's own `_on_key` (handlers run per class):
        # a printable key is typed there, in this same queue.
        assert isinstance(self, Widget)
        if event.is_printable:
            return
        # The field's own bindings, as Textual keeps them (a screen's priority binding of
        # the same key, `delete` in the set-up's list, has had its turn and passed the key
        # on; `Screen.active_bindings` would name that one).
        for binding in own_bindings(self, event.key):
            if not binding.priority and await self.app.run_action(binding.action, self):
                event.stop()  # done: the app must not run it a second time
                return


class Field(InOrder, Input):
    """The app's one-line text field."""


class RoleSelect(Select[str]):
    """The Role field. A role chosen, the one shown or another, goes on to Organisation
    (the set-up's `_role_chosen`, the ctrl+l dialog's `action_enter`); Textual's Select
    would do so only when the role changed, leaving the focus on the closed list, where the
    organisation typed next was lost. With the keyboard its
    screen opens and chooses in typed order (`open`, `choose`); a click comes here as the
    drop-down's selection."""

    class Chosen(Message):
        """A role was chosen with the mouse."""

    @property
    def drop_down(self) -> OptionList:
        return self.query_one(OptionList)

    def watch_expanded(self, expanded: bool) -> None:
        # The drop-down takes the focus only while it is open. Textual gives it the focus by
        # a call queued behind the keys already read: once a fast typist has chosen a role
        # and typed on into Organisation, that call would take the focus back to the list.
        self.drop_down.can_focus = expanded

    def open(self) -> OptionList:
        self.action_show_overlay()
        return self.drop_down

    def choose(self, index: int | None) -> None:
        """The option at `index` of the drop-down (the blank one: no role) chosen; closed."""
        if index is not None:
            self.value = select_value_at(self, index)
        self.expanded = False

    async def take_enter(self, screen: Screen) -> bool | None:
        """enter on its screen, in typed order (after the keys before it): on this field
        it opens the list (False), in the list it chooses the role highlighted (True; the
        screen goes on to Organisation); elsewhere it is not this field's (None)."""
        if screen.focused is self:
            await settle(screen)
            screen.set_focus(self.open())  # at once: the keys after enter choose in it
            return False
        if screen.focused is self.drop_down:
            await settle(screen)  # the arrows typed before enter have moved in the list
            self.choose(self.drop_down.highlighted)
            return True
        return None

    async def take_arrow(self, screen: Screen, delta: int) -> bool:
        """up or down in typed order (the list's own arrows would run after an enter typed
        right after them): on the closed field they open it, as Textual's own do; in the
        list they move. False where the focus is elsewhere."""
        if screen.focused is self:
            await settle(screen)
            screen.set_focus(self.open())
            return True
        if screen.focused is self.drop_down:
            await settle(screen)
            (self.drop_down.action_cursor_down if delta > 0 else self.drop_down.action_cursor_up)()
            return True
        return False

    def on_select_overlay_update_selection(self, event) -> None:
        # Instead of Select's own handler (which would keep the focus here).
        event.stop()
        event.prevent_default()
        self.choose(event.option_index)
        self.post_message(self.Chosen())
