"""Where the files go: a folder, pseudonymised or not, and the headings' language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Checkbox, Input, Label, OptionList
from textual.widgets.option_list import Option

from dialogtui import i18n
from dialogtui.display import one_line, plain, visible
from dialogtui.i18n import N_, _, date_text
from dialogtui.tui.dialogs.base import FormDialog, ListKeys
from dialogtui.tui.ordering import settle
from dialogtui.tui.widgets.tick import TickBox


def meeting_named(title: str, day: dt.date) -> str:
    """ "“Framtidsdialog” (5 Dec 2026)": a meeting, short enough for a dialog's line (the
    folder dialog's, the end screen's and the plan over time's)."""
    title = one_line(title).strip()
    title = title if len(title) <= 40 else title[:39].rstrip() + "…"
    return f"“{title}” ({date_text(day)})"


class FolderDialog(ListKeys, FormDialog[tuple[Path, bool, str]]):
    """Ask for a folder to write the files into (created if missing), whether to
    pseudonymise them, and the language of their headings and dates (the meeting's, or a
    recipient's). Files already there are replaced only after a second enter, with a
    question that names the meeting they are of (`meeting`). `names(pseudonymised,
    labels)` gives the names the files would have: they say the meeting's title (or its
    pseudonymised one) in the words of the headings' language."""

    # Space ticks the box in typed order (the box's own space runs after an enter typed
    # just after it, which would write the files with names).
    BINDINGS = [
        Binding("space", "tick", N_("Tick"), show=False, priority=True),
        *ListKeys.LIST_BINDINGS,
    ]

    def __init__(
        self,
        title: str,
        default: str,
        names: Callable[[bool, str], Sequence[str]] | Sequence[str] = (),
        labels: str = "en",
        meeting: str = "",
    ):
        super().__init__()
        self.title_text, self.default, self.names = title, default, names
        self.labels = labels  # the meeting's language, chosen unless another is
        self.meeting = meeting  # "Framtidsdialog, 5 dec. 2026", for the question
        # The folder, pseudonymised or not, and language whose files enter again replaces.
        self._replace_in: tuple[str, bool, str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(plain(self.title_text), classes="title")
            with Horizontal(classes="row"):
                yield Label(_("Folder"), classes="field-label")
                yield Input(visible(self.default), id="folder", compact=True)
            yield TickBox(
                _("Pseudonymised, to share outside the meeting"),  # whole at 80 columns
                id="pseudonymise",
                compact=True,
            )
            with Horizontal(classes="row"):
                yield Label(_("Headings in"), classes="field-label")
                languages = [Option(i18n.NAMES[code], id=code) for code in i18n.LANGUAGES]
                yield OptionList(*languages, id="labels", compact=True)
            yield Label(
                _("enter: write the files · tab: pseudonymised, language · escape: cancel"),
                id="hint",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#labels", OptionList).highlighted = i18n.LANGUAGES.index(self.labels)
        self.query_one("#hint", Label).styles.width = "100%"  # a long question wraps

    def on_input_changed(self) -> None:
        super().on_input_changed()
        self._replace_in = None  # another folder: ask again

    def action_list(self, action: str) -> None:
        if isinstance(self.focused, OptionList):  # the folder's field has no use for them
            super().action_list(action)

    async def action_tick(self) -> None:
        box = self.focused
        if not isinstance(box, Checkbox):
            raise SkipAction()  # a space in the folder's name
        await settle(self)
        box.toggle()

    async def action_enter(self) -> None:
        if isinstance(self.focused, Checkbox | OptionList):  # enter writes; space ticks
            await settle(self)
            self.save()
            return
        await super().action_enter()

    def save(self) -> None:
        value = self.query_one("#folder", Input).value.strip()
        if not value:
            return
        folder = Path(value).expanduser()
        chosen = self.query_one("#labels", OptionList).highlighted
        labels = i18n.LANGUAGES[chosen] if chosen is not None else self.labels
        pseudonymise = self.query_one("#pseudonymise", Checkbox).value
        names = self.names(pseudonymise, labels) if callable(self.names) else self.names
        there = [n for n in names if (folder / n).exists()]
        if there and self._replace_in != (value, pseudonymise, labels):
            self._replace_in = (value, pseudonymise, labels)
            # Short enough for 80 columns: whose files they are, not each file's name.
            said = _(
                "Files of {meeting} are already in this folder: enter again replaces them, "
                "or choose another folder."
            )
            self.query_one("#hint", Label).update(
                plain(said.format(meeting=self.meeting), style="bold")
            )
            return
        self.dismiss((folder, pseudonymise, labels))
