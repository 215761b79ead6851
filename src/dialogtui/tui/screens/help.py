"""Help: every key of the screen it was opened from, read from that screen's bindings."""

from __future__ import annotations

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

INTRO = (
    "dialogtui walks you through a question set. Type what each speaker says and press "
    "enter: the turn is saved to disk before it shows, and the round moves to the next "
    "speaker. Drafts are saved every second; quitting (ctrl+q) never loses a word, and the "
    "meeting resumes where it stopped. ctrl+p opens the command palette."
)


def _keys(screen: Screen) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    seen: set[str] = set()
    # The screen's own keys and those of dialogtui's widgets on it, then the app's; not the
    # generic scrolling keys every Textual container has.
    own = [w for w in screen.query("*") if type(w).__module__.startswith("dialogtui.")]
    nodes = [screen, *own, screen.app]
    for node in nodes:
        for binding in getattr(node, "BINDINGS", []):
            if not isinstance(binding, Binding) or not binding.description:
                continue
            key = binding.key_display or binding.key.replace(",", " / ")
            if key in seen:
                continue
            seen.add(key)
            rows.append((key, binding.description))
    return rows


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,f1,q", "dismiss", "Close help")]

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, description in _keys(self.under):
            table.add_row(key, description)
        with VerticalScroll(classes="dialog help"):
            yield Label("Help", classes="title")
            yield Static(INTRO, classes="intro")
            yield Static(table)
            yield Label("escape: close", classes="hint")
