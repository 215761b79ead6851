"""The start screen: every meeting (the unfinished to resume, then the ended, a series as one
line that opens to its meetings) and the question sets to start a new one, with a preview."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from rich.console import Group, RenderableType
from rich.text import Text
from textual import work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from dialogtui import finding
from dialogtui.display import hanging, one_line, plain, visible
from dialogtui.errors import DialogtuiError, NoStore
from dialogtui.i18n import N_, NAMES, _, current, date_text, ngettext, number_text
from dialogtui.questionset.library import Listing, grouped, listings
from dialogtui.records import MeetingStatus, MeetingSummary
from dialogtui.store import Store
from dialogtui.tui.ordering import settle
from dialogtui.tui.typed import DialogScreen
from dialogtui.tui.widgets.footer import KeyFooter

# -- the meetings as the list holds them (no widgets: tests/test_start_list.py) ----------------


@dataclass(frozen=True)
class Series:
    """Meetings that follow up one another (the same `series`, or linked by `previous_id`),
    in the order they were held."""

    meetings: tuple[MeetingSummary, ...]

    @property
    def key(self) -> int:
        """The series' id in the list: its first meeting's."""
        return self.meetings[0].id

    @property
    def unfinished(self) -> bool:
        return any(m.status is MeetingStatus.open for m in self.meetings)

    @property
    def open_actions(self) -> int:
        # An action carried from one meeting to the next stays the first one's: no twice.
        return sum(m.open_actions for m in self.meetings)

    @property
    def name(self) -> str:
        """As the scribe named it: a series named when it was made, else its first title
        (one made by following up a meeting is named by the id it was given)."""
        named = self.meetings[0].series or ""
        if named and not named.startswith("series-"):
            return named
        return self.meetings[0].title


Entry = MeetingSummary | Series


def _newest(entry: Entry) -> tuple[str, int]:
    last = entry.meetings[-1] if isinstance(entry, Series) else entry
    return (last.date, last.id)


def in_series(meetings: Iterable[MeetingSummary]) -> list[Entry]:
    """The meetings, each series as one entry: the unfinished first (a series with an
    unfinished meeting among them), then the ended, each part newest first."""
    meetings = list(meetings)
    parent = {m.id: m.id for m in meetings}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(a: int, b: int) -> None:
        parent[root(a)] = root(b)

    named: dict[str, int] = {}
    for m in meetings:
        if m.previous_id is not None and m.previous_id in parent:
            join(m.id, m.previous_id)
        if m.series:
            join(m.id, named.setdefault(m.series, m.id))
    groups: dict[int, list[MeetingSummary]] = {}
    for m in meetings:
        groups.setdefault(root(m.id), []).append(m)
    entries: list[Entry] = []
    for group in groups.values():
        group.sort(key=lambda m: (m.date, m.id))
        entries.append(Series(tuple(group)) if len(group) > 1 else group[0])
    entries.sort(key=_newest, reverse=True)
    return [e for e in entries if _unfinished(e)] + [e for e in entries if not _unfinished(e)]


def _unfinished(entry: Entry) -> bool:
    if isinstance(entry, Series):
        return entry.unfinished
    return entry.status is MeetingStatus.open


class Findable:
    """A meeting's words as `finding.matches` compares them, made once: the list is
    filtered again at every key typed, over thousands of meetings. `matches` is
    finding.matches (tests/test_start_list.py checks them against each other)."""

    def __init__(self, text: str):
        folded = [_folded(w) for w in finding.words(text)]
        # " w1 w2 …": a word begins where " " and the key do; no word holds a space.
        self._plain = " " + " ".join(p for p, _s in folded)
        self._spelt = " " + " ".join(s for _p, s in folded)

    def matches(self, wanted: Sequence[tuple[bool, str]]) -> bool:
        return all(
            (" " + key) in (self._spelt if strict else self._plain) for strict, key in wanted
        )


@functools.lru_cache(maxsize=65536)
def _folded(word: str) -> tuple[str, str]:
    """A word as `finding` compares it, plain and spelt out; made once per word, as the
    meetings' names, places, dates and sets are mostly the same few words."""
    return finding.plain(word), finding.spelt(word)


def wanted(query: str) -> list[tuple[bool, str]]:
    """What was typed, word by word, as `finding.matches` looks for it: a word typed with a
    Nordic letter finds only words with it."""
    return [
        (True, finding.spelt(w)) if finding.nordic(w) else (False, finding.plain(w))
        for w in finding.words(query)
    ]


def findable_text(m: MeetingSummary, set_title: str = "") -> str:
    """What a meeting is found by: its title, its set (id and title), its date as shown and
    as ISO, its place and its people's names."""
    return " ".join(
        [m.title, m.set_id, set_title, m.date, date_text(m.date), m.place, *m.participants]
    )


@dataclass(frozen=True)
class Row:
    """A line of the list's meetings: a heading, a series, or a meeting (`depth` 1: in its
    series, opened)."""

    kind: str  # "heading", "series", "meeting"
    entry: Entry | None = None
    depth: int = 0
    heading: str = ""


def meeting_rows(
    entries: Sequence[Entry],
    shown: Callable[[MeetingSummary], bool] | None,
    opened: Callable[[Series], bool],
    limit: int | None = None,
) -> tuple[list[Row], int]:
    """The list's lines for `entries` (from `in_series`): `shown` says which meetings match
    what was typed (None: nothing typed, all of them); a series is listed if one of its
    meetings is, and opened (`opened`) it lists those of them. At most `limit` entries (a
    series is one) are listed; returns the lines and how many meetings found are not."""
    rows: list[Row] = []
    heading_done = {True: False, False: False}
    listed = more = 0
    for entry in entries:
        unfinished = _unfinished(entry)
        if isinstance(entry, Series):
            members = [m for m in entry.meetings if shown is None or shown(m)]
            if not members:
                continue
            if limit is not None and listed >= limit:
                more += len(members)
                continue
            lines = [Row("series", entry)]
            if opened(entry):
                lines += [Row("meeting", m, 1) for m in members]
        elif shown is None or shown(entry):
            if limit is not None and listed >= limit:
                more += 1
                continue
            lines = [Row("meeting", entry)]
        else:
            continue
        listed += 1
        if not heading_done[unfinished]:
            heading_done[unfinished] = True
            heading = N_("Resume") if unfinished else N_("Ended meetings")
            rows.append(Row("heading", heading=heading))
        rows += lines
    return rows, more


def follow_up_lines(
    meetings: Sequence[MeetingSummary], set_titles: dict[str, str]
) -> list[tuple[Text, int]]:
    """The set-up's "Follows up" list: each series (newest first) under its name, its
    latest meeting first; each meeting with its date, title, set, people and open actions,
    on one line."""
    out: list[tuple[Text, int]] = []
    for entry in sorted(in_series(meetings), key=_newest, reverse=True):
        series = entry if isinstance(entry, Series) else None
        members = list(reversed(entry.meetings)) if isinstance(entry, Series) else [entry]
        for m in members:
            line = Text()
            if series is not None:
                number = series.meetings.index(m) + 1
                line.append(plain(f"{series.name} › ", style="bold"))
                line.append(plain(f"{number}. {date_text(m.date)}"))
                if m.title != series.name:
                    line.append(plain(f"  {m.title}"))
            else:
                line.append(plain(f"{date_text(m.date)}  {m.title}"))
            set_title = set_titles.get(m.set_id, m.set_id)
            details = [] if _says_the_set(m.title, set_title) else [set_title]
            details.append(_people_short(m.participants))
            if m.open_actions:
                details.append(
                    ngettext("{n} open action", "{n} open actions", m.open_actions).format(
                        n=number_text(m.open_actions)
                    )
                )
            said = one_line(" · ".join(d for d in details if d))
            if said:
                line.append(plain(" · " + said, style="dim"))
            out.append((line, m.id))
    return out


def _people_short(names: Sequence[str]) -> str:
    """ "Anna, Per +3": the first two by their first names, and how many more."""
    firsts = [one_line(n).split()[0] for n in names if one_line(n).split()]
    if len(firsts) <= 2:
        return ", ".join(firsts)
    return ", ".join(firsts[:2]) + f" +{len(firsts) - 2}"


def _lines(first: str, second: str | None = None) -> Text:
    """One or two lines (the second dim), each cut with an ellipsis, never wrapped."""
    text = plain(first)
    if second is not None:
        text.append("\n")
        text.append(plain(second, style="dim"))
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def _wrapped(text: Text) -> RenderableType:
    """A line of the list that wraps (a table, as Rich lays it out), where the meetings'
    lines are cut: what it says is read whole, and there are only a few of them."""
    from rich.table import Table

    grid = Table.grid()
    grid.add_column()
    grid.add_row(text)
    return grid


def _says_the_set(title: str, set_title: str) -> bool:
    """Whether a meeting's title says its set: a word of it of five letters or more
    ("Klientmöte", "Casearbete") begins a word of the set's title."""
    return any(len(w) >= 5 and finding.matches(w, set_title) for w in finding.words(title))


def _counts(turns: int, open_actions: int) -> str:
    """ "12 turns, 2 open actions" (none open: not said)."""
    said = ngettext("{n} turn", "{n} turns", turns).format(n=number_text(turns))
    if open_actions:
        said += ", " + ngettext("{n} open action", "{n} open actions", open_actions).format(
            n=number_text(open_actions)
        )
    return said


def _days(first: str, last: str) -> str:
    """ "5.–19.12.2026": the days a series met, as the language writes a span of days."""
    if first == last:
        return date_text(first)
    try:
        start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(last)
    except ValueError:
        return f"{date_text(first)}–{date_text(last)}"
    from babel.dates import format_interval

    return format_interval(start, end, "yMMMd", locale=current())


class StartScreen(DialogScreen[None]):
    """Typing filters at once (the search box keeps the focus), the arrow keys move in the
    list, enter opens what is highlighted: an unfinished meeting where it stopped, an ended
    one at its end, a series' meetings, a set's set-up, or the search of what was said."""

    # Priority bindings that first let the keys typed before them land (tui/ordering.py).
    # Under 100 columns the list takes two thirds (app.tcss): at 80, half of it cut titles
    # ("Klientmöte – fami…"), and a family's meetings looked like any other's.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    BINDINGS = [
        Binding("enter", "choose", N_("Open"), priority=True),
        Binding("down", "move('cursor_down')", N_("Next"), show=False, priority=True),
        Binding("up", "move('cursor_up')", N_("Previous"), show=False, priority=True),
        Binding("pagedown", "move('page_down')", N_("Page down"), show=False, priority=True),
        Binding("pageup", "move('page_up')", N_("Page up"), show=False, priority=True),
        # On a series (elsewhere they move in the search box):
        Binding("right", "series(True)", N_("Open the series"), show=False, priority=True),
        Binding("left", "series(False)", N_("Fold the series"), show=False, priority=True),
        Binding("escape", "clear", N_("Clear search"), priority=True),
        Binding(
            "ctrl+f",
            "search",
            N_("Search what was said"),
            tooltip=N_("Search every meeting's turns, notes, actions, cards and people"),
            priority=True,
        ),
    ]

    # In help, under the screen's keys: what typing finds.
    HELP_MORE = [
        (
            "abc",
            N_(
                "Typing finds meetings by title, set, date, place and people, and sets by "
                "name: each word typed finds the words that begin with it, \u201ctraff\u201d "
                "finds \u201cTräff\u201d"
            ),
        ),
    ]

    def __init__(self, hidden: bool = False):
        super().__init__()
        # Another screen opens on top at once (a resumed meeting): this one is built and
        # filled only when it is first shown, so as not to slow down the screen wanted.
        self._hidden = hidden
        self._covered = False  # another screen has been on top of it
        self._entries: list[Listing] = []
        self._meetings: dict[int, MeetingSummary] = {}
        self._listed: list[Entry] = []  # the meetings, series as one, in the list's order
        self._series: dict[int, Series] = {}  # by its key
        self._member_of: dict[int, int] = {}  # a meeting's series' key
        self._findable: dict[int, Findable] = {}
        self._toggled: set[int] = set()  # series opened or folded by hand, since the last key
        self._query = ""

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
        # The width's class before the widgets are styled (Textual sets it at the first
        # resize, which would style the screen again), as the capture screen does.
        width = self.app.size.width
        fits = next(c for at, c in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True) if width >= at)
        self.update_classes({c: c == fits for _, c in self.HORIZONTAL_BREAKPOINTS}, update=False)
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
        """Also on first display: the list of meetings is read fresh each time."""
        if self.app.screen is not self or (self._hidden and not self._covered):
            # A meeting or a set opens on top at once (DialogApp opens it just after its
            # start): built and filled when it is shown (`reveal`), or uncovered.
            return
        await self.reveal()

    def on_screen_suspend(self) -> None:
        self._covered = True

    async def reveal(self) -> None:
        """Show the screen, built and filled if it was hidden; the list of meetings is read
        fresh each time."""
        if self._hidden:
            self._hidden = False
            await self.recompose()
            self.set_focus(self.query_one("#search", Input))
        if not self._entries:
            self._entries = listings()
        try:
            self._take(self._read())
        except DialogtuiError as exc:
            self.app.report(exc)
        # Back from a meeting opened here: the cursor on that meeting, its series opened
        # to show it (not on the series' line, where ten families look alike).
        keep, self._back_to = self._back_to, None
        key = self._member_of.get(int(keep[1:])) if keep is not None else None
        if key is not None and not self._opened(self._series[key]):
            self._toggled ^= {key}
        self._fill(self.query_one("#search", Input).value, keep=keep)
        # Once the list is drawn, the words each meeting is found by, made before the first
        # key (which would otherwise make them: 60 ms at 2,000 meetings).
        self.call_after_refresh(self._fold, self._findable, list(self._meetings.values()))

    @work(thread=True, exclusive=True, group="fold")
    def _fold(self, findable: dict[int, Findable], meetings: list[MeetingSummary]) -> None:
        """Fill `findable` (the screen's, or one a newer read has replaced: then nothing is
        lost but the time); a key typed meanwhile makes the ones it needs itself."""
        worker = get_current_worker()
        for m in meetings:
            if worker.is_cancelled:
                return
            if m.id not in findable:
                text = findable_text(m, self._set_titles.get(m.set_id, ""))
                findable.setdefault(m.id, Findable(text))

    def _read(self) -> list[MeetingSummary]:
        """Read through a reader of its own: a list takes no write lock, waits for another
        window's write only briefly, and makes no file before a meeting is made."""
        try:
            reader = Store.open_for_reading(self.app.db_path)
        except NoStore:
            return []  # nothing saved yet: the file is made with the first meeting
        try:
            return reader.list_meetings()
        finally:
            reader.close()

    def _take(self, meetings: list[MeetingSummary]) -> None:
        self._meetings = {m.id: m for m in meetings}
        self._prompts = {}
        self._listed = in_series(meetings)
        self._series = {e.key: e for e in self._listed if isinstance(e, Series)}
        self._member_of = {m.id: s.key for s in self._series.values() for m in s.meetings}
        titles = {e.id: e.title for e in reversed(self._entries)}  # an original's, first
        self._set_titles = titles
        self._findable = {}  # made after the first frame (`_fold`), or at a key

    _set_titles: dict[str, str] = {}
    _back_to: str | None = None  # the meeting opened from here, highlighted on return

    # Meetings and series listed at once, unless asked for more: each listed costs a
    # little at every key typed, and thousands would be felt (`scripts/bench`).
    LISTED = 200
    _limit: int | None = LISTED

    def _found(self, m: MeetingSummary) -> Findable:
        found = self._findable.get(m.id)
        if found is None:
            text = findable_text(m, self._set_titles.get(m.set_id, ""))
            found = self._findable[m.id] = Findable(text)
        return found

    def _opened(self, series: Series) -> bool:
        """Folded unless something is typed (then opened at what matches) or it has a
        meeting to resume; a series opened or folded by hand stays so until the next key."""
        default = bool(self._query.strip()) or series.unfinished
        return default != (series.key in self._toggled)

    def _fill(self, query: str, keep: str | None = None) -> None:
        """The list for what is typed; `keep`: the line to highlight (by its id), if it
        is still there."""
        self._query = query
        typed = one_line(query).strip()
        looked_for = wanted(typed)
        shown = None
        if looked_for:
            shown = lambda m: self._found(m).matches(looked_for)  # noqa: E731
        options: list[Option] = []
        rows, more = meeting_rows(self._listed, shown, self._opened, self._limit)
        for row in rows:
            options.append(self._option(row))
        if more:
            said = ngettext(
                "… and {n} more meeting: type to narrow the list, or enter to list it",
                "… and {n} more meetings: type to narrow the list, or enter to list them all",
                more,
            ).format(n=number_text(more))
            options.append(Option(_wrapped(plain(said, style="italic")), id="rest"))
        found_meetings = bool(options)
        sets = [
            (n, e)
            for n, e in enumerate(self._entries)
            if not typed
            or finding.matches(typed, f"{e.id} {e.title} {e.method} {NAMES.get(e.language, '')}")
        ]
        if sets:
            heading = Text(_("New meeting from a question set"), style="bold")
            options.append(Option(_wrapped(heading), disabled=True))
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
        if typed:
            if not found_meetings and not sets:
                nothing = _("Nothing matches “{query}”.").format(query=typed)
                options.append(
                    Option(_wrapped(plain(nothing, style="bold")), id="nothing", disabled=True)
                )
            # What was said in the meetings is searched on its own screen (ctrl+f).
            said = _("Search what was said for “{query}” (ctrl+f)").format(query=typed)
            options.append(Option(_wrapped(plain(said, style="italic")), id="find"))
        choices = self.query_one("#choices", OptionList)
        choices.set_options(options)
        choices.highlighted = self._first(options, keep)
        # After the list is on screen: the preview's first use loads pydantic, which would
        # otherwise hold up the first frame.
        self.call_after_refresh(self._preview)

    def _first(self, options: list[Option], keep: str | None) -> int | None:
        """The line highlighted: the one kept, else the first that can be chosen; on a
        series opened, its meeting to resume, or (something typed) its first found."""
        ids = [o.id for o in options]
        if keep is not None and keep in ids:
            return ids.index(keep)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        if first is None or not (ids[first] or "").startswith("g"):
            return first
        series = self._series[int((ids[first] or "g0")[1:])]
        members = [i for i in range(first + 1, len(ids)) if self._in(ids[i], series)]
        if not members:
            return first
        for i in members:
            if self._meetings[int((ids[i] or "m0")[1:])].status is MeetingStatus.open:
                return i
        return members[0] if self._query.strip() else first

    def _in(self, option_id: str | None, series: Series) -> bool:
        return (
            option_id is not None
            and option_id.startswith("m")
            and self._member_of.get(int(option_id[1:])) == series.key
        )

    def _option(self, row: Row) -> Option:
        if row.kind == "heading":
            return Option(_wrapped(Text(_(row.heading), style="bold")), disabled=True)
        entry = row.entry
        assert entry is not None
        opened = isinstance(entry, Series) and self._opened(entry)
        key = (entry.key if isinstance(entry, Series) else entry.id, row.depth, opened)
        prompt = self._prompts.get(key)
        if prompt is None:
            prompt = self._prompts[key] = self._prompt(row, opened)
        return Option(prompt, id=f"g{entry.key}" if isinstance(entry, Series) else f"m{entry.id}")

    # The lines shown, made once: thousands of meetings are listed again at every key.
    _prompts: dict[tuple[int, int, bool], Text] = {}

    def _prompt(self, row: Row, opened: bool) -> Text:
        """A series or a meeting as the list shows it: a line or two, each cut short where
        it is too long (the preview says it all). Lines that wrap would have to be laid out
        for every meeting listed, at every key."""
        if isinstance(row.entry, Series):
            s = row.entry
            n = len(s.meetings)
            said = ngettext("{n} meeting", "{n} meetings", n).format(n=number_text(n))
            said += ", " + _days(s.meetings[0].date, s.meetings[-1].date)
            if s.open_actions:
                said += " · " + ngettext(
                    "{n} open action", "{n} open actions", s.open_actions
                ).format(n=number_text(s.open_actions))
            return _lines(("▾ " if opened else "▸ ") + one_line(s.name), "  " + said)
        assert isinstance(row.entry, MeetingSummary)
        m = row.entry
        series = self._series.get(self._member_of.get(m.id, -1)) if row.depth else None
        details = []
        if series is None:
            first = f"  {date_text(m.date)}  {one_line(m.title)}"
            set_title = self._set_titles.get(m.set_id, m.set_id)
            if not _says_the_set(m.title, set_title):
                details.append(set_title)
            details += [m.place, _people_short(m.participants)]
        else:  # the series' line above says its name, and its preview the rest
            first = f"    {series.meetings.index(m) + 1}. {date_text(m.date)}"
            if m.title != series.name:
                first += f"  {one_line(m.title)}"
        details.append(_counts(m.turn_count, m.open_actions))
        if series is not None and m.status is MeetingStatus.open:
            details.append(_("unfinished"))
        said = one_line(" · ".join(d for d in details if d))
        if series is not None:
            return _lines(first + " · " + said)
        return _lines(first, "    " + said)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._toggled.clear()
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
        elif option.id == "rest":
            preview.update(plain(_("enter: list every meeting found")))
        elif option.id == "find":
            preview.update(
                plain(
                    _(
                        "enter: search what was said in every meeting: turns, decisions, "
                        "concerns, actions, cards and people"
                    )
                )
            )
        elif option.id.startswith("g"):
            preview.update(self._series_preview(self._series[int(option.id[1:])]))
        else:
            preview.update(self._meeting_preview(self._meetings[int(option.id[1:])]))

    def _meeting_preview(self, m: MeetingSummary) -> Text:
        set_title = self._set_titles.get(m.set_id, m.set_id)
        lines = [m.title, f"{date_text(m.date)} · {set_title}"]
        if m.place:
            lines.append(m.place)
        if m.participants:
            lines.append(", ".join(m.participants))
        lines.append(_counts(m.turn_count, m.open_actions))
        lines.append("")
        if m.status is MeetingStatus.open:
            lines.append(_("enter: resume where it stopped"))
        else:
            if m.finished_at is not None:
                lines.append(_("Ended {date}").format(date=date_text(m.finished_at.date())))
            lines.append(
                _("enter: its end: read it back, export it; it stays ended (b there opens it)")
            )
        return plain("\n".join(visible(line) for line in lines))

    def _series_preview(self, s: Series) -> Text:
        """The series: its set, place and people, its open actions, and each meeting."""
        first = s.meetings[0]
        lines = [s.name, f"{self._set_titles.get(first.set_id, first.set_id)}"]
        places = list(dict.fromkeys(m.place for m in s.meetings if m.place))
        if places:
            lines.append(", ".join(places))
        people = list(dict.fromkeys(name for m in s.meetings for name in m.participants))
        if people:
            lines.append(", ".join(people))
        if s.open_actions:
            lines.append(
                ngettext("{n} open action", "{n} open actions", s.open_actions).format(
                    n=number_text(s.open_actions)
                )
            )
        lines.append("")
        for n, m in enumerate(s.meetings, start=1):
            line = f"{n}. {date_text(m.date)}"
            if m.title != s.name:
                line += f"  {m.title}"
            if m.status is MeetingStatus.open:
                line += "  (" + _("unfinished") + ")"
            lines.append(one_line(line))
        lines += ["", _("enter, →: its meetings · ←: fold")]
        return plain("\n".join(visible(line) for line in lines))

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
        """What was said in every meeting, searched on its own screen, for what is typed."""
        await settle(self)
        self._search()

    def _search(self) -> None:
        from dialogtui.tui.screens.search import SearchScreen

        self.app.push_screen(SearchScreen(one_line(self.query_one("#search", Input).value)))

    async def action_move(self, action: str) -> None:
        await settle(self)
        getattr(self.query_one("#choices", OptionList), f"action_{action}")()

    async def action_series(self, opening: bool) -> None:
        """right opens the series highlighted, left folds it (from one of its meetings
        too); anywhere else they move in the search box."""
        await settle(self)
        choices = self.query_one("#choices", OptionList)
        option = choices.highlighted_option
        key = None
        if option is not None and option.id is not None:
            if option.id.startswith("g"):
                key = int(option.id[1:])
            elif option.id.startswith("m") and not opening:
                key = self._member_of.get(int(option.id[1:]))
        if key is None or self._opened(self._series[key]) == opening:
            raise SkipAction()
        self._toggle(key)

    def _last_listed(self) -> str | None:
        """The last meeting or series listed before the line of more."""
        choices = self.query_one("#choices", OptionList)
        ids = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        return next((i for i in reversed(ids) if i and i[0] in "gm"), None)

    def _toggle(self, key: int) -> None:
        self._toggled ^= {key}
        self._fill(self._query, keep=f"g{key}")

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
            if option.id == "find":
                self._search()
                return
            if option.id.startswith("g"):
                self._toggle(int(option.id[1:]))
                return
            if option.id == "rest":
                self._limit = None
                self._fill(self._query, keep=self._last_listed())
                return
            if option.id.startswith("m"):
                self.app.open_meeting(int(option.id[1:]))
                self._back_to = option.id
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
