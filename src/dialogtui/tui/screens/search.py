"""The search across meetings (ctrl+f on the start screen): what was said, decided and
agreed in any meeting, found as it is typed, and opened at the place it was written.

The search box keeps the keyboard (as the start screen's); ↑↓ move through the hits, enter
opens the meeting at the one highlighted: its read-back at that turn, note or action, only
read (an unfinished meeting is not resumed, an ended one not reopened), and escape from it
back here; a participant or the meeting's title opens the meeting itself. The hits are
grouped under their meeting, newest meeting first, each with its step and speaker, its text
with the words found marked.

Each search runs in a worker over a reader of its own (no lock, no wait on the meeting
open in another window), a moment after the typing stops; what it finds is shown only if
it is still what the box says.
"""

from __future__ import annotations

import io
from itertools import groupby

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.containers import Lines
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.css.query import NoMatches
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from dialogtui.display import one_line
from dialogtui.errors import DialogtuiError, NoStore
from dialogtui.export.hits import Places, around, kind_name, said
from dialogtui.finding import words
from dialogtui.i18n import N_, _, date_text, number_text
from dialogtui.records import Hit, HitKind, MeetingStatus
from dialogtui.store import Store
from dialogtui.tui.ordering import settle
from dialogtui.tui.typed import DialogScreen
from dialogtui.tui.widgets.footer import KeyFooter

LIMIT = 200  # hits listed; the line above them says how many there are in all
QUIET = 0.15  # seconds without typing before the search runs: not one per key typed
MARK = "bold underline"  # the words found: seen without colour too
# Wraps a hit's text into the lines the list shows, in the worker (never written to).
_MEASURE = Console(width=1000, color_system=None, legacy_windows=False, file=io.StringIO())


class Found:
    """One search's answer, made in the worker and shown on the screen's thread: the hits,
    and each hit's lines finished there (cut, wrapped and marked), so that showing them on
    the screen's thread costs only the list."""

    def __init__(self, query: str, hits: list[Hit], total: int, steps: list[str]):
        self.query, self.hits, self.total, self.steps = query, hits, total, steps
        self.lines: list[Text] = []
        self.width = 0  # the width the lines were made for


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
        self._search(self._query, self._width())

    def on_screen_resume(self) -> None:
        # Back from a meeting, where a turn may have been corrected or deleted: found again.
        if self._found is not None:
            self._search(self.query_one("#finding-query", Input).value, self._width())

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        query = event.value
        self._timer = self.set_timer(QUIET, lambda: self._search(query, self._width()))

    def on_resize(self) -> None:
        if self._found is not None and self._found.width != self._width():
            self._search(self._found.query, self._width())

    def _width(self) -> int:
        """The cells a hit's line has: the list's, its scrollbar's kept (the list's gutter
        is stable, so a line made before the scrollbar appears still fits after)."""
        hits = self.query_one("#finding-hits", OptionList)
        if not (room := hits.scrollable_content_region.width):  # not laid out yet: as it will be
            room = self.app.size.width - 2 - hits.styles.scrollbar_size_vertical
        return max(20, room - 1)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, query: str, width: int = 0) -> None:
        """Find `query` through a reader of this thread's own, make its hits' lines here, and
        show them if they are still what was asked for."""
        found = Found(query, [], 0, [])
        if words(query):
            try:
                found = self._find(query)
            except DialogtuiError as exc:
                self.app.call_from_thread(self.app.report, exc)
                return
        found.width = width = width or 80
        for n, hit in enumerate(found.hits):
            if get_current_worker().is_cancelled:
                return
            found.lines.append(self._hit_lines(hit, found, n, width))
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
        try:
            box = self.query_one("#finding-query", Input)
            hits = self.query_one("#finding-hits", OptionList)
        except NoMatches:
            return  # being taken down (the app quitting) while the search ran
        if found.query != box.value:
            return  # typed on since: the newer search shows its own
        self._found = found
        keep = hits.highlighted_option.id if hits.highlighted_option is not None else None
        options: list[Option] = []
        for _key, group in groupby(enumerate(found.hits), key=lambda nh: nh[1].meeting_id):
            mine = list(group)
            options.append(Option(self._meeting_line(mine[0][1]), disabled=True))
            for n, _hit in mine:
                options.append(Option(found.lines[n], id=str(n)))
        hits.set_options(options)
        ids = [o.id for o in options]
        first = next((k for k, o in enumerate(options) if not o.disabled), None)
        hits.highlighted = ids.index(keep) if keep is not None and keep in ids else first
        self.query_one("#finding-said", Label).update(self._count(found))
        if found.hits and found.width != self._width():  # laid out since it was asked for
            self._search(found.query, self._width())

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
        """Where it was written (step · what · who) on one line, cut with "…" where it is
        longer; then its text, the words found marked: two lines of it at most, around them,
        each indented and within `width` (the list never wraps them again: a line it wrapped
        was measured one line short, and a hit's text or its last word went missing)."""
        who = "" if hit.kind is HitKind.participant else one_line(hit.speaker)
        step = one_line(found.steps[n])
        rest = " · ".join(x for x in (kind_name(hit.kind), who) if x)
        room = width - 2 - (cell_len(" · " + rest) if rest else 0)
        if step and rest and cell_len(step) > room:  # the step cut first: who and what stay
            step = set_cell_size(step, max(6, room - 1)).rstrip() + "…"
        where = " · ".join(x for x in (step, rest) if x)
        out = Text()
        if where:
            line = Text("  " + where, style="dim")
            line.truncate(width, overflow="ellipsis")
            out.append_text(line)
            out.append("\n")
        text, spans = around(found.query, said(hit), 2 * (width - 2) - 2)
        body = Text(text)
        for a, b in spans:
            body.stylize(MARK, a, b)
        lines = body.wrap(_MEASURE, width - 2, overflow="fold")
        if len(lines) > 2:  # what does not fit in two lines is cut, and said so
            last = lines[1]
            last.rstrip()
            if cell_len(last.plain) >= width - 2:
                last.truncate(width - 3)
            last.append("…")
            lines = Lines(lines[:2])
        for k, part in enumerate(lines):
            part.rstrip()
            out.append("  ")
            out.append_text(part)
            if k < len(lines) - 1:
                out.append("\n")
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
            self._search(query, self._width())
            return
        option = self.query_one("#finding-hits", OptionList).highlighted_option
        if option is None or option.id is None:
            return
        try:
            self.app.open_at(self._found.hits[int(option.id)])
        except DialogtuiError as exc:  # another dialogtui has the meeting open, or it is gone
            self.app.report(exc)
