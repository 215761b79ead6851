"""The footer of every screen and dialog: its keys, rebuilt only when they changed."""

from __future__ import annotations

from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import ScrollableContainer
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from dialogtui.i18n import _


class Key(NamedTuple):
    """One key as the footer shows it, from the screen's `active_bindings`."""

    binding: Binding
    enabled: bool
    tooltip: str
    node: DOMNode


class KeyLabel(Widget):
    """One key of the footer: its label, bold in the theme's key colour, and what it does;
    dimmed where it does nothing now. A click on it is the key pressed."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"key-label--key", "key-label--description"}
    DEFAULT_CSS = """
    KeyLabel {
        width: auto;
        height: 1;
        margin-right: 1;
        text-wrap: nowrap;
        background: $footer-item-background;
        .key-label--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-label--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        &:hover {
            pointer: pointer;
            color: $footer-key-foreground;
            background: $block-hover-background;
        }
        &.-disabled {
            text-style: dim;
        }
    }
    """

    def __init__(self, key: Key, display: str) -> None:
        super().__init__(classes="" if key.enabled else "-disabled")
        self.key = key
        self.display_key = display
        self.description = _(key.binding.description)
        # Keys past the right edge are cut off, not squeezed (the row is as Textual's
        # footer lays it out).
        self.set_reactive(Widget.shrink, False)
        if key.tooltip:
            self.tooltip = _(key.tooltip)

    def render(self) -> Text:
        label = Text.assemble((self.display_key, self.get_component_rich_style("key-label--key")))
        if self.description:
            said = self.get_component_rich_style("key-label--description")
            label.append(" " + self.description, said)
        label.stylize_before(self.rich_style)
        return label

    def on_mouse_down(self) -> None:
        if self.key.enabled:
            self.app.simulate_key(self.key.binding.key)
        else:
            self.app.bell()


class KeyFooter(ScrollableContainer, can_focus=False, can_focus_children=False):
    """A row of the screen's keys, each shown once, made from the screen's public
    `active_bindings` and looking as Textual's compact footer does. Textual's own footer
    rebuilt all its keys whenever its screen said the bindings may have changed, which it
    says on every focus move: a step change rebuilt it several times over, most of the step
    change's CPU. This one is rebuilt only when the keys it shows, their texts or their
    state differ."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyFooter {
        layout: horizontal;
        color: $footer-foreground;
        background: $footer-background;
        dock: bottom;
        height: 1;
        scrollbar-size: 0 0;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple[Key, ...] | None = None  # none until the screen says its keys

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        # While the terminal does not have the focus the keys stay as they are, as in
        # Textual's footer (the focus is gone, not the keys).
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = _shown(screen)
            if shown != self._shown:
                self._shown = shown
                self.call_after_refresh(self.recompose)

    def compose(self) -> ComposeResult:
        """Each key shown once, its description in the app's language (the bindings are
        made at import, before the language is chosen; they are translated here). Read
        from the screen as the row is made, after the change that asked for it."""
        if self._shown is None:
            return
        for key in self._fit(_shown(self.screen)):
            yield KeyLabel(key, self.app.get_key_display(key.binding))

    @property
    def keys(self) -> list[tuple[str, str]]:
        """The keys shown: each one's label and what it does, as the footer says it."""
        return [(label.display_key, label.description) for label in self.query(KeyLabel)]

    def _fit(self, keys: tuple[Key, ...]) -> list[Key]:
        """Each action's first key. Where a list's keys come first and the row would run
        past the edge, the screen's last keys give way, so that the app's (f1: help, which
        lists them all) stay."""
        shown: dict[str, Key] = {}
        for key in keys:
            shown.setdefault(key.binding.action, key)
        focused = self.screen.focused
        if not any(key.node is focused for key in shown.values()):
            return list(shown.values())  # the text box's row is made to fit as it is
        width = self.app.size.width

        def used() -> int:
            return sum(
                len(self.app.get_key_display(k.binding)) + len(_(k.binding.description)) + 2
                for k in shown.values()
            )

        for action in reversed(list(shown)):
            if used() <= width:
                break
            node = shown[action].node
            if node is not focused and node is not self.app:
                del shown[action]
        return list(shown.values())


def _shown(screen: Screen) -> tuple[Key, ...]:
    """The keys to show: first those of the focused widget (a list with the keyboard says
    so, and how to go back to the text box), then the screen's and the app's."""
    active = [a for a in screen.active_bindings.values() if a.binding.show]
    focused = screen.focused

    # Stable: within each, in the order they are bound; a list's escape (back to the text
    # box) leads its keys.
    def place(a) -> tuple[bool, bool]:
        own = focused is not None and a.node is focused
        return (not own, not (own and a.binding.key == "escape"))

    active.sort(key=place)
    return tuple(Key(a.binding, a.enabled, a.tooltip, a.node) for a in active)
