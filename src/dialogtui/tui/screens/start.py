"""The start screen: resume an unfinished meeting, or pick a question set (with preview)."""

from __future__ import annotations

import unicodedata

from rich.console import Group, RenderableType
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from dialogtui.display import hanging, plain, visible
from dialogtui.errors import DialogtuiError, NoStore
from dialogtui.i18n import N_, NAMES, _, date_text, number_text
from dialogtui.questionset.library import Listing, grouped, listings
from dialogtui.records import MeetingStatus, MeetingSummary
from dialogtui.store import Store
from dialogtui.tui.ordering import settle
from dialogtui.tui.typed import DialogScreen
from dialogtui.tui.widgets.footer import KeyFooter


def fold(text: str) -> str:
    """For search: case and accents ignored, so "traff" finds "Träff" and "amobe" "Amøben"."""
    text = unicodedata.normalize("NFKD", text.casefold()).replace("ø", "o").replace("æ", "ae")
    return "".join(c for c in text if not unicodedata.combining(c))


class StartScreen(DialogScreen[None]):
    """Typing searches at once (the search box keeps the focus), the arrow keys move in the
    list, enter opens what is highlighted: a set's set-up, or an unfinished meeting."""

    # Priority bindings that first let the keys typed before them land (tui/ordering.py).
    BINDINGS = [
        Binding("enter", "choose", N_("Set up / resume"), priority=True),
        Binding("down", "move('cursor_down')", N_("Next"), show=False, priority=True),
        Binding("up", "move('cursor_up')", N_("Previous"), show=False, priority=True),
        Binding("pagedown", "move('page_down')", N_("Page down"), show=False, priority=True),
        Binding("pageup", "move('page_up')", N_("Page up"), show=False, priority=True),
        Binding("escape", "clear", N_("Clear search"), priority=True),
        Binding("ctrl+f", "search", N_("Search"), show=False, priority=True),
    ]

    def __init__(self, hidden: bool = False):
        super().__init__()
        # Another screen opens on top at once (a resumed meeting): this one is built and
        # filled only when it is first shown, so as not to slow down the screen wanted.
        self._hidden = hidden
        self._covered = False  # another screen has been on top of it
        self._entries: list[Listing] = []
        self._meetings: list[MeetingSummary] = []

    @property
    def hidden(self) -> bool:
        """Not built yet: a meeting or a set opens on top of it at once."""
        return self._hidden

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Hidden, it has no list or search box: its keys wait until it is shown.
        return not self._hidden

    def compose(self) -> ComposeResult:
        if self._hidden:
            return
        with Horizontal(id="start"):
            with Vertical(id="start-left"):
                yield Input(
                    placeholder=_("Search sets and meetings; ↑↓, enter"),
                    id="search",
                    compact=True,
                )
                yield OptionList(id="choices")
            with VerticalScroll(id="preview"):
                yield Static(id="preview-text")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Start a meeting")
        if not self._hidden:
            self.set_focus(self.query_one("#search", Input))

    async def on_screen_resume(self) -> None:
        """Also on first display: the list of unfinished meetings is read fresh each time."""
        if self.app.screen is not self or (self._hidden and not self._covered):
            # A meeting or a set opens on top at once (DialogApp opens it just after its
            # start): built and filled when it is shown (`reveal`), or uncovered.
            return
        await self.reveal()

    def on_screen_suspend(self) -> None:
        self._covered = True

    async def reveal(self) -> None:
        """Show the screen, built and filled if it was hidden; the list of unfinished
        meetings is read fresh each time."""
        if self._hidden:
            self._hidden = False
            await self.recompose()
            self.set_focus(self.query_one("#search", Input))
        if not self._entries:
            self._entries = listings()
        try:
            self._meetings = self._unfinished()
        except DialogtuiError as exc:
            self.app.report(exc)
        self._fill(self.query_one("#search", Input).value)

    def _unfinished(self) -> list[MeetingSummary]:
        """Read through a reader of its own: a list takes no write lock, waits for another
        window's write only briefly, and makes no file before a meeting is made."""
        try:
            reader = Store.open_for_reading(self.app.db_path)
        except NoStore:
            return []  # nothing saved yet: the file is made with the first meeting
        try:
            return [m for m in reader.list_meetings() if m.status is MeetingStatus.open]
        finally:
            reader.close()

    def _fill(self, query: str) -> None:
        q = fold(query)
        options: list[Option | None] = []
        meetings = [
            m
            for m in self._meetings
            if q in fold(f"{m.title} {m.set_id} {m.date} {date_text(m.date)}")
        ]
        if meetings:
            options.append(Option(Text(_("Resume"), style="bold"), disabled=True))
            for m in meetings:
                label = plain(f"  {date_text(m.date)}  {m.title}")
                turns = _("({n} turns)").format(n=number_text(m.turn_count))
                label.append("  " + turns, style="dim")
                options.append(Option(label, id=f"m{m.id}"))
        sets = [
            (n, e)
            for n, e in enumerate(self._entries)
            if q in fold(f"{e.id} {e.title} {e.method} {NAMES.get(e.language, '')}")
        ]
        if sets:
            options.append(
                Option(Text(_("New meeting from a question set"), style="bold"), disabled=True)
            )
            # A set's translations right under it, and where a set has one, each of them
            # marked with its language ("suomi"), which the titles alone do not say.
            translated = {e.listed_under for _, e in sets if e.listed_under}
            for (n, e), depth in grouped(sets, lambda item: (item[1].id, item[1].listed_under)):
                label = plain(e.title)
                if depth or e.id in translated or e.translation_of:
                    label.append("  " + NAMES.get(e.language, e.language), style="dim")
                if e.problem:
                    label.append("  " + _("(has problems)"), style="bold")
                # A long title wraps under itself, so that a translation's stays under it.
                indent = Text(" " * (1 + 2 * depth) + ("↳" if depth else ""))
                options.append(Option(hanging(indent, label), id=f"s{n}"))
        choices = self.query_one("#choices", OptionList)
        choices.set_options([o for o in options if o is not None])
        first = next((i for i, o in enumerate(options) if o and not o.disabled), None)
        choices.highlighted = first
        # After the list is on screen: the preview's first use loads pydantic, which would
        # otherwise hold up the first frame.
        self.call_after_refresh(self._preview)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_option_list_option_highlighted(self, _: OptionList.OptionHighlighted) -> None:
        self._preview()

    def on_option_list_option_selected(self, _: OptionList.OptionSelected) -> None:
        self._choose()  # a click

    def _preview(self) -> None:
        option = self.query_one("#choices", OptionList).highlighted_option
        preview = self.query_one("#preview-text", Static)
        if option is None or option.id is None:
            preview.update("")
        elif option.id.startswith("s"):
            entry = self._entries[int(option.id[1:])]
            if entry.problem:
                said = _("This set has problems:") + f"\n{entry.problem}"
                preview.update(plain(said, style="bold"))
            else:
                self._agenda(entry, preview)
        else:
            m = next(m for m in self._meetings if f"m{m.id}" == option.id)
            preview.update(
                plain(
                    f"{m.title}\n{date_text(m.date)} · {m.set_id}\n"
                    + _("{turns} turns · {actions} open actions").format(
                        turns=m.turn_count, actions=m.open_actions
                    )
                    + "\n\n"
                    + _("enter: resume where it stopped")
                )
            )

    @work(thread=True, exclusive=True)
    def _agenda(self, entry: Listing, preview: Static) -> None:
        """Validating and laying out a set takes a moment (pydantic's first import most of
        all), so the list is usable at once and the preview follows. The preview's widget
        is found on the UI thread and handed in: the DOM is not to be queried from here."""
        from dialogtui.agenda import render_agenda
        from dialogtui.questionset.library import find

        body: RenderableType
        try:
            qs = find(str(entry.path))  # as the set-up will read it: what it translates too
            body = Group(
                Text(_("enter: set up a meeting with this set") + "\n", style="bold"),
                render_agenda(qs, self.app.clock.now().date()),
            )
        except DialogtuiError as exc:
            body = plain(_("This set has problems:") + f"\n{exc}", style="bold")
        if not get_current_worker().is_cancelled:  # a newer preview has taken its place
            self.app.call_from_thread(preview.update, body)

    async def action_search(self) -> None:
        await settle(self)
        self.set_focus(self.query_one("#search", Input))

    async def action_move(self, action: str) -> None:
        await settle(self)
        getattr(self.query_one("#choices", OptionList), f"action_{action}")()

    async def action_clear(self) -> None:
        await settle(self)
        search = self.query_one("#search", Input)
        search.value = ""
        self.set_focus(search)

    async def action_choose(self) -> None:
        await settle(self)  # the search typed before enter has filtered the list
        self._choose()

    def _choose(self) -> None:
        option = self.query_one("#choices", OptionList).highlighted_option
        if option is None or option.id is None:
            return
        try:
            if option.id.startswith("m"):
                self.app.open_meeting(int(option.id[1:]))
                return
            entry = self._entries[int(option.id[1:])]
            if entry.problem:
                self.notify(
                    visible(
                        _("{file} has problems; `dialogtui validate` lists them.").format(
                            file=entry.path.name
                        )
                    ),
                    severity="error",
                    markup=False,
                )
            else:
                self.app.setup_meeting(str(entry.path))
        except DialogtuiError as exc:
            self.app.report(exc)
