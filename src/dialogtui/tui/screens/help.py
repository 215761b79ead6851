"""Help: every key of the screen it was opened from, read from that screen's bindings."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from dialogtui.i18n import N_, _
from dialogtui.tui.dialogs.base import DIALOG_FRAME
from dialogtui.tui.keyboard import TakesNoText

INTRO = N_(
    "dialogtui walks you through a question set. Type what each speaker says and press "
    "enter: the turn is saved to disk before it shows, and the round moves to the next "
    "speaker. Drafts are saved every second; quitting (ctrl+q) never loses a word, and the "
    "meeting resumes where it stopped. ctrl+p opens the command palette."
)


def _bindings(node) -> list[Binding]:
    """The node's bindings, its dialogtui base classes' included (escape of every dialog),
    but not Textual's own widgets' (which their own documentation lists)."""
    seen: set[str] = set()
    found = []
    for cls in type(node).__mro__:
        if not cls.__module__.startswith("dialogtui."):
            continue
        for binding in vars(cls).get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.key not in seen:
                seen.add(binding.key)
                found.append(binding)
    return found


def _rows(node) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    speaker_keys = 0
    for binding in _bindings(node):
        if not binding.description:
            continue
        if binding.key.startswith("alt+") and binding.key[4:].isdigit():
            speaker_keys += 1  # nine of a kind read better as one row
            continue
        key = binding.key_display or binding.key.replace(",", " / ")
        rows.append((key, _(binding.tooltip or binding.description)))  # the footer's is short
    if speaker_keys:
        said = _("Speaker 1–{n}").format(n=speaker_keys)
        rows.append((f"alt+1…{speaker_keys}", said))
    return rows


def sections(screen: Screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """The keys that apply now, grouped: the screen's own, those of each of dialogtui's
    widgets shown on it (the text box, the transcript, …), then the app's."""
    # A screen's HELP_MORE: what is not one of its keys but belongs with them (another
    # key's work that its own key does elsewhere, a command to run beside it).
    more = [(key, _(said)) for key, said in getattr(screen, "HELP_MORE", ())]
    out = [(_("This screen"), _rows(screen) + more)]
    for widget in screen.query("*"):
        title = getattr(widget, "HELP_TITLE", None)
        if title and widget.display and _rows(widget):
            out.append((_(title), _rows(widget)))
    out.append((_("Everywhere"), _rows(screen.app)))
    return [(title, rows) for title, rows in out if rows]


class HelpScreen(TakesNoText, ModalScreen[None]):  # typing closes it: text
    DEFAULT_CSS = DIALOG_FRAME  # framed as a dialog is
    BINDINGS = [Binding("escape,f1", "dismiss", N_("Close help"))]

    def __init__(self, under: Screen):
        super().__init__()
        self.under = under

    def intro(self) -> str:
        """What stands above the keys (another app's help says what it is)."""
        return _(INTRO)

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        return sections(self.under)

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=False, padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for title, rows in self.sections():
            table.add_row(Text(title, style="underline"), "")
            for key, description in rows:
                table.add_row(key, description)
        with VerticalScroll(classes="dialog help"):
            yield Label(_("Help"), classes="title")
            yield Static(self.intro(), classes="intro", markup=False)
            yield Static(table, id="keys")
            yield Label(_("escape: close"), classes="hint")
