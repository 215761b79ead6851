"""The footer of every screen and dialog: its keys, rebuilt only when they changed."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from dialogtui.i18n import _


class KeyFooter(Footer):
    """Textual's footer rebuilds all its keys (a widget each) whenever its screen says the
    bindings may have changed, which it says on every focus move: a step change moved the
    focus and rebuilt the footer several times over, most of the step change's CPU. This one
    rebuilds only when the keys it would show, their texts or their state differ."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: tuple | None = None

    def compose(self) -> ComposeResult:
        """Each key shown once, its description in the app's language (the bindings are
        made at import, before the language is chosen; they are translated here)."""
        if not self._bindings_ready:
            return
        shown: dict[str, tuple] = {}
        for binding, enabled, tooltip, node in _shown(self.screen):
            shown.setdefault(binding.action, (binding, enabled, tooltip, node))
        self._fit(shown)
        self.styles.grid_size_columns = len(shown)
        for binding, enabled, tooltip, _node in shown.values():
            yield FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                _(binding.description),
                binding.action,
                disabled=not enabled,
                tooltip=_(tooltip) if tooltip else "",
            ).data_bind(compact=Footer.compact)

    def bindings_changed(self, screen: Screen) -> None:
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            shown = _shown(screen)
            if shown == self._shown:
                return
            self._shown = shown
        super().bindings_changed(screen)

    def _fit(self, shown: dict[str, tuple]) -> None:
        """Where a list's keys come first and the row would run past the edge, the screen's
        last keys give way, so that the app's (f1: help, which lists them all) stay."""
        focused = self.screen.focused
        if not any(node is focused for *_rest, node in shown.values()):
            return  # the text box's row is made to fit as it is
        width = self.app.size.width

        def used() -> int:
            return sum(
                len(self.app.get_key_display(b)) + len(_(b.description)) + 2
                for b, *_rest in shown.values()
            )

        for action in reversed(list(shown)):
            if used() <= width:
                return
            node = shown[action][3]
            if node is not focused and node is not self.app:
                del shown[action]


def _shown(screen: Screen) -> tuple[tuple, ...]:
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
    return tuple((a.binding, a.enabled, a.tooltip, a.node) for a in active)
