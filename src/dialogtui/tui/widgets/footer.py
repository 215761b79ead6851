"""The footer of every screen and dialog: its keys, rebuilt only when they changed."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer


class KeyFooter(Footer):
    """Textual's footer rebuilds all its keys (a widget each) whenever its screen says the
    bindings may have changed, which it says on every focus move: a step change moved the
    focus and rebuilt the footer several times over, most of the step change's CPU. This one
    rebuilds only when the keys it would show, their texts or their state differ."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: tuple | None = None

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = tuple(
                (binding, enabled, tooltip)
                for _node, binding, enabled, tooltip in screen.active_bindings.values()
                if binding.show
            )
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)
