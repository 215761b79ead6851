"""The search across meetings (ctrl+f on the start screen): what was said, decided and
agreed in any meeting, found as it is typed, and opened at the place it was written.

The search box keeps the keyboard (as the start screen's); ↑↓ move through the hits, enter
opens the meeting at the one highlighted: its read-back at that turn, note or action (the
meeting's own screen under it, where escape from the read-back returns); a participant or
the meeting's title opens the meeting itself. The hits are grouped under their meeting,
newest meeting first, each with its step and speaker, its text with the words found marked.

Each search runs in a worker over a reader of its own (no lock, no wait on the meeting
open in another window), a moment after the typing stops; what it finds is shown only if
it is still what the box says.
"""

from __future__ import annotations

from itertools import groupby

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from dialogtui.display import one_line
from dialogtui.errors import DialogtuiError, NoStore
from dialogtui.export.hits import Places, kind_name, said, snippet
from dialogtui.finding import marks, words
from dialogtui.i18n import N_, _, date_text, number_text
from dialogtui.records import Hit, HitKind, MeetingStatus
from dialogtui.store import Store
from dialogtui.tui.ordering import settle
from dialogtui.tui.typed import DialogScreen
from dialogtui.tui.widgets.footer import KeyFooter

LIMIT = 200  # hits listed; the line above them says how many there are in all
QUIET = 0.15  # seconds without typing before the search runs: not one per key typed
MARK = "bold underline"  # the words found: seen without colour too


class Found:
    """One search's answer, made in the worker and shown on the screen's thread."""

    def __init__(self, query: str, hits: list[Hit], total: int, steps: list[str]):
        self.query, self.hits, self.total, self.steps = query, hits, total, steps


class SearchScreen(DialogScreen[None]):
    """Words typed find what was said in every meeting; enter opens the one highlighted."""

    BINDINGS = [
        # Priority bindings that first let the keys typed before them land (tui/ordering.py).
        Binding("enter", "open", N_("Open"), priority=True),
        Binding("down", "move('cursor_down')", N_("Next"), show=False, priority=True),
        Binding("up", "move('cursor_up')", N_("Previous"), show=False, priority=True),
        Binding("pagedown", "move('page_down')", N_("Page down"), show=False, priority=True),
        Binding("pageup", "move('page_up')", N_("Page up"), show=False, priority=True),
        Binding("escape", "back", N_("Back"), priority=True),
    ]

    # In help, under the screen's keys: how words typed find, and the same on the command line.
    HELP_MORE = [
        (
            "a–ö",  # words typed
            N_(
                "Each word typed finds the words that begin with it, case never matters; "
                "typed without å, ä, ö, ø or æ it finds them too (\u201ctraff\u201d finds "
                "\u201cTräff\u201d), typed with them only them. All the words must be found"
            ),
        ),
        ("dialogtui search", N_("The same search on the command line")),
    ]

    def __init__(self, query: str = ""):
        super().__init__()
        self._query = query
        self._found: Found | None = None  # what the list shows
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="finding"):
            yield Input(
                self._query,
                placeholder=_("Search what was said in every meeting; ↑↓, enter"),
                id="finding-query",
                compact=True,
                # What the start screen's search held goes on, not typed over: "lind", then
                # ctrl+f, then " skolan".
                select_on_focus=False,
            )
            yield Label(id="finding-said")
            yield OptionList(id="finding-hits")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Search every meeting")
        self.set_focus(self.query_one("#finding-query", Input))
        self._search(self._query)

    def on_screen_resume(self) -> None:
        # Back from a meeting, where a turn may have been corrected or deleted: found again.
        if self._found is not None:
            self._search(self.query_one("#finding-query", Input).value)

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(QUIET, lambda: self._search(query))

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str) -> None:
        """Find `query` through a reader of this thread's own, and show it if it is still
        what was asked for."""
        found = Found(query, [], 0, [])
        if words(query):
            try:
                found = self._find(query)
            except DialogtuiError as exc:
                self.app.call_from_thread(self.app.report, exc)
                return
        if not get_current_worker().is_cancelled:  # a newer search has taken its place
            self.app.call_from_thread(self._show, found)

    def _find(self, query: str) -> Found:
        try:
            reader = Store.open_reader(self.app.db_path)
        except NoStore:
            return Found(query, [], 0, [])  # nothing saved yet: nothing is said anywhere
        try:
            hits = reader.search(query, LIMIT)
            total = reader.search_count(query) if len(hits) >= LIMIT else len(hits)
            places = Places(reader)
            return Found(query, hits, total, [places.step(h) for h in hits])
        finally:
            reader.close()

    def _show(self, found: Found) -> None:
        """The hits under their meetings, and above them how many there are."""
        if self not in self.app.screen_stack:
            return  # closed while the search ran: nothing to show it on
        if found.query != self.query_one("#finding-query", Input).value:
            return  # typed on since: the newer search shows its own
        self._found = found
        hits = self.query_one("#finding-hits", OptionList)
        keep = hits.highlighted_option.id if hits.highlighted_option is not None else None
        width = max(20, (hits.scrollable_content_region.width or self.size.width) - 4)
        options: list[Option] = []
        for _key, group in groupby(enumerate(found.hits), key=lambda nh: nh[1].meeting_id):
            mine = list(group)
            options.append(Option(self._meeting_line(mine[0][1]), disabled=True))
            for n, hit in mine:
                options.append(Option(self._hit_lines(hit, found, n, width), id=str(n)))
        hits.set_options(options)
        ids = [o.id for o in options]
        first = next((k for k, o in enumerate(options) if not o.disabled), None)
        hits.highlighted = ids.index(keep) if keep is not None and keep in ids else first
        self.query_one("#finding-said", Label).update(self._count(found))

    @staticmethod
    def _count(found: Found) -> Text:
        if not words(found.query):
            said = _("Type a word: turns, notes, actions, cards and names of every meeting.")
            return Text(said, style="dim")
        if not found.hits:
            said = _("No meeting says \u201c{query}\u201d.").format(query=one_line(found.query))
            return Text(said, style="bold")
        if len(found.hits) < found.total:
            said = _("{shown} of {total} shown; more words find fewer.").format(
                shown=number_text(len(found.hits)), total=number_text(found.total)
            )
            return Text(said, style="dim")
        return Text(_("{n} found").format(n=number_text(found.total)), style="dim")

    @staticmethod
    def _meeting_line(hit: Hit) -> Text:
        """ "19 Dec 2026 · Klientmöte – Lind", and whether it is unfinished."""
        line = Text(date_text(hit.meeting_date) + " · ", style="bold")
        line.append(one_line(hit.meeting_title), style="bold")
        if hit.meeting_status is MeetingStatus.open:
            line.append(" · " + _("unfinished"), style="italic")
        return line

    @staticmethod
    def _hit_lines(hit: Hit, found: Found, n: int, width: int) -> Text:
        """Where it was written (step · what · who), then its text, the words found marked:
        two lines of it at most, around them."""
        who = "" if hit.kind is HitKind.participant else one_line(hit.speaker)
        where = [x for x in (found.steps[n], kind_name(hit.kind), who) if x]
        out = Text("  " + " · ".join(where) + "\n", style="dim") if where else Text()
        text = said(hit)
        text, spans = snippet(text, marks(found.query, text), 2 * width - 8)
        body = Text("  " + text)
        for a, b in spans:
            body.stylize(MARK, a + 2, b + 2)
        out.append_text(body)
        return out

    # -- keys ------------------------------------------------------------------------------

    async def action_move(self, action: str) -> None:
        await settle(self)
        getattr(self.query_one("#finding-hits", OptionList), f"action_{action}")()

    async def action_back(self) -> None:
        await settle(self)
        self.dismiss(None)

    async def action_open(self) -> None:
        """The meeting at the hit highlighted. Typed since the list was found: the list
        found again first, and nothing opened (enter then opens what it shows)."""
        await settle(self)
        query = self.query_one("#finding-query", Input).value
        if self._found is None or self._found.query != query:
            if self._timer is not None:
                self._timer.stop()
            self._search(query)
            return
        option = self.query_one("#finding-hits", OptionList).highlighted_option
        if option is None or option.id is None:
            return
        try:
            self.app.open_at(self._found.hits[int(option.id)])
        except DialogtuiError as exc:  # another dialogtui has the meeting open, or it is gone
            self.app.report(exc)
