"""The wall's one screen: what `dialogtui.wall.view` says the room (or the asker) sees,
large and calm for a projector, and its help.

It only draws: the follower (`dialogtui.wall.follow`) reads the store, a few times a second
and only where it changed, and the screen is drawn again only when what it shows changed.
Every text of the meeting is data, never markup (`Text`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical, VerticalScroll
from textual.css.scalar import Scalar
from textual.geometry import Size
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Digits, Label, Static

from dialogtui.i18n import N_, _, ngettext
from dialogtui.records import RoomShows
from dialogtui.tui.screens.help import HelpScreen, sections
from dialogtui.tui.widgets.footer import KeyFooter
from dialogtui.wall.view import ASKER, ROOM

if TYPE_CHECKING:
    from dialogtui.wall.follow import Follower
    from dialogtui.wall.view import Clock, Content, Reading

# The parts of the main column that share its rows, the most important first: the
# question, whose turn it is, who answers, the groups, the prompts.
SHARED = ("#question", "#seats", "#how", "#groups", "#prompts")
# What is written keeps at least its rule, the row above it and two lines.
WRITTEN_ROWS = 4

# From this width the asker's panel stands beside the question (a projector's 160 columns);
# below it, under it.
WIDE = 120

ELLIPSIS = "…"

# Wraps text as the terminal will show it (its width is given at each wrap).
_WRAPPER = Console(width=80, color_system=None)

INTRO = N_(
    "The room's view shows the meeting the scribe's dialogtui runs, for a projector or a "
    "second screen: the step, its question, whose turn it is and the clock. It only reads: "
    "nothing typed here changes the meeting. The scribe chooses what the room sees with "
    "ctrl+w on the capture screen: the questions only, the questions and the notes being "
    "written, or a blank pause. The asker's view (v) adds the next step, the facilitators' "
    "notes, the projected end and each participant's speaking time."
)
# A room wall's: no key here shows the asker's view (dialogtui wall --view asker does).
ROOM_INTRO = N_(
    "The room's view shows the meeting the scribe's dialogtui runs, for a projector or a "
    "second screen: the step, its question, whose turn it is and the clock. It only reads: "
    "nothing typed here changes the meeting. The scribe chooses what the room sees with "
    "ctrl+w on the capture screen: the questions only, the questions and the notes being "
    "written, or a blank pause. The facilitator who asks opens their own view in another "
    "window: dialogtui wall --view asker."
)


def view_name(view: str) -> str:
    return _("Asker's view") if view == ASKER else _("Room's view")


def shows_name(shows: RoomShows) -> str:
    return {
        RoomShows.questions: _("questions only"),
        RoomShows.notes: _("questions and notes"),
        RoomShows.blank: _("a blank pause"),
    }[shows]


class Fitted(Widget):
    """Text wrapped to its width and, where its rows run out (a long question at 80×24),
    cut with an ellipsis, never silently: at its end, or, for what is written (the newest
    last), at its start. Text given as pieces (the round's seats) breaks between pieces,
    never inside one that fits a line."""

    DEFAULT_CSS = "Fitted { height: auto; }"

    def __init__(self, *, keep_end: bool = False, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keep_end = keep_end
        self._pieces: tuple[Text, ...] = ()

    @property
    def text(self) -> Text:
        return Text(GAP).join(self._pieces)

    def show(self, text: Text) -> None:
        """Shown where it says anything; drawn again only where it changed."""
        self.show_pieces((text,) if text.plain.strip() else ())

    def show_pieces(self, pieces: tuple[Text, ...]) -> None:
        self.display = bool(pieces)
        if [(p.plain, p.spans) for p in pieces] != [(p.plain, p.spans) for p in self._pieces]:
            self._pieces = pieces
            self.refresh(layout=True)

    def rows(self, width: int) -> int:
        """The rows it needs to be shown whole at this width."""
        return len(packed(self._pieces, width))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.rows(width)

    def render(self) -> Text:
        size = self.content_size
        lines = packed(self._pieces, size.width)
        return Text("\n").join(fit(lines, size.width, size.height, self.keep_end))


# Between the pieces of a line (the seats of a round).
GAP = "   "


def wrapped(text: Text, width: int) -> list[Text]:
    """The text's lines as the terminal shows them at this width (a long word folded)."""
    if width <= 0:
        return []
    return list(text.wrap(_WRAPPER, width, overflow="fold"))


def packed(pieces: tuple[Text, ...], width: int) -> list[Text]:
    """The pieces in lines of `width` cells, as many to a line as fit, a gap between them;
    a piece wider than a line wrapped on lines of its own."""
    if len(pieces) == 1:
        return wrapped(pieces[0], width)
    lines: list[Text] = []
    for piece in pieces:
        if lines and lines[-1].cell_len + len(GAP) + piece.cell_len <= width:
            lines[-1].append(GAP)
            lines[-1].append_text(piece)
        elif piece.cell_len <= width:
            line = Text()  # a piece's own style stays its own, not the line's
            line.append_text(piece)
            lines.append(line)
        else:
            lines += wrapped(piece, width)
    return lines


def fit(lines: list[Text], width: int, rows: int, keep_end: bool = False) -> list[Text]:
    """`lines` in `rows` rows of `width` cells: all of them where they fit; else the first
    rows, the last ending in an ellipsis, or (`keep_end`) an ellipsis and the last rows."""
    if rows <= 0 or len(lines) <= rows:
        return lines
    if keep_end:
        return [Text(ELLIPSIS, style="dim"), *lines[len(lines) - rows + 1 :]]
    lines = [line.copy() for line in lines[:rows]]
    last = lines[-1]
    last.rstrip()
    if last.cell_len >= width:
        last.truncate(max(width - 1, 0))
    last.append(ELLIPSIS)
    return lines


def _said(who: str, text: str, typing: bool = False, heading: bool = False) -> Text:
    if heading:  # which question the turns after it answer
        return Text(text, style="bold dim")
    line = Text.assemble((who, "bold"), ": ", text)
    if typing:
        line.append("  " + _("(being typed)"), style="italic")
    return line


def _seats(content: Content) -> tuple[Text, ...]:
    """The round's order, a piece each: ✓ spoke, – passed, ▶ has the floor."""
    if not content.seats:
        if not content.floor:
            return ()
        return (Text.assemble((_("Has the floor:") + " ", "dim"), ("▶ " + content.floor, "bold")),)
    pieces = []
    for seat in content.seats:
        if seat.now:
            pieces.append(Text("▶ " + seat.name, style="bold reverse"))
        elif seat.mark == "spoke":
            pieces.append(Text("✓ " + seat.name))
        elif seat.mark == "passed":
            pieces.append(Text("– " + seat.name, style="dim"))
        else:
            pieces.append(Text("· " + seat.name, style="dim"))
    return tuple(pieces)


def _written(content: Content) -> Text:
    """What is written at the step, the newest last: its turns (under the question they
    answer), the turn being typed, then the step's own items (cards, needs, sheets …)."""
    lines = [_said(s.who, s.text, heading=s.heading) for s in content.written]
    if content.typing is not None:
        lines.append(_said(content.typing.who, content.typing.text, typing=True))
    lines += [Text(item) for item in content.items]
    return Text("\n").join(lines)


def more_above(n: int) -> str:
    return ngettext("↑ {n} more", "↑ {n} more", n).format(n=n)


def more_below(n: int) -> str:
    return ngettext("↓ {n} more", "↓ {n} more", n).format(n=n)


def reading_lines(reading: Reading, width: int, rows: int) -> list[Text]:
    """The read-back window in `rows` rows of `width` cells: the entry the scribe has
    chosen marked (▶, reversed) and always shown, from its first line; what lies above or
    below, on the page or cut here, said in a line of its own ("↑ 12 more")."""
    if width <= 0 or rows <= 0:
        return []
    lines: list[Text] = []
    first = last = -1  # the chosen entry's lines
    for n, entry in enumerate(reading.entries):
        if lines:
            lines.append(Text())
        if n == reading.at:
            first = len(lines)
            mark = Text("▶ ", style="bold")
            mark.append_text(Text(entry, style="reverse"))
            lines += wrapped(mark, width)
            last = len(lines) - 1
        else:
            lines += wrapped(Text("  " + entry.replace("\n", "\n  ")), width)
    start, end = 0, len(lines)  # the lines shown: [start, end)

    def room() -> int:  # the rows left for lines, less those saying what is cut
        return rows - (start > 0 or reading.before > 0) - (end < len(lines) or reading.after > 0)

    while end - start > max(room(), 1):
        # Cut from the bottom while the chosen entry stays whole, then from the top.
        if end - 1 > last and (last >= 0 or start == 0):
            end -= 1
        elif start < first or first < 0:
            start += 1
        else:
            end -= 1  # the chosen entry itself is longer than the rows: its start shows
    shown = lines[start:end]
    cut_above = sum(1 for n in range(start) if _starts_entry(lines, n))
    cut_below = sum(1 for n in range(end, len(lines)) if _starts_entry(lines, n))
    above, below = reading.before + cut_above, reading.after + cut_below
    if above or start > 0:
        shown.insert(0, Text(more_above(above) if above else ELLIPSIS, style="dim"))
    if below or end < len(lines):
        shown.append(Text(more_below(below) if below else ELLIPSIS, style="dim"))
    for line in shown:  # a narrow screen: a word cut, never a line run off
        line.truncate(width, overflow="ellipsis")
    return shown[:rows]


def _starts_entry(lines: list[Text], n: int) -> bool:
    """Whether line `n` is an entry's first (an entry's lines follow a blank one)."""
    return bool(lines[n].plain) and (n == 0 or not lines[n - 1].plain)


def _state(state: str) -> str:
    return {
        "not_started": _("The meeting has not started yet"),
        "paused": _("Paused"),
        "ended": _("The meeting has ended"),
    }.get(state, "")


class ReadingView(Widget):
    """The read-back page the scribe shows: a window of its entries around the one chosen,
    which is always shown (`reading_lines`)."""

    DEFAULT_CSS = "ReadingView { height: 1fr; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading: Reading | None = None

    def show(self, reading: Reading | None) -> None:
        self.display = reading is not None
        if reading != self.reading:
            self.reading = reading
            self.refresh()

    def render(self) -> Text:
        if self.reading is None:
            return Text()
        size = self.content_size
        return Text("\n").join(reading_lines(self.reading, size.width, size.height))


class WallScreen(Screen[None]):
    """What the room (or the asker) sees of the meeting, followed as it moves."""

    BINDINGS = [
        Binding("v", "switch_view", N_("Room/asker view")),
        # The asker's panel scrolls from the keyboard, whatever has the focus (nothing
        # else on the wall takes keys); said in the help (HELP_MORE), not the footer.
        Binding("down", "scroll_aside('scroll_down')", show=False),
        Binding("up", "scroll_aside('scroll_up')", show=False),
        Binding("pagedown", "scroll_aside('scroll_page_down')", show=False),
        Binding("pageup", "scroll_aside('scroll_page_up')", show=False),
        Binding("home", "scroll_aside('scroll_home')", show=False),
        Binding("end", "scroll_aside('scroll_end')", show=False),
    ]

    def __init__(self, follower: Follower, poll_seconds: float) -> None:
        super().__init__()
        self.follower = follower
        self.poll_seconds = poll_seconds
        # A wall started as the room's never shows the asker's view (the facilitators' notes):
        # a stray key in the room, or in the browser showing it, must not. The asker's wall
        # may look at what the room sees, and back.
        self.started_as = follower.view

    @property
    def HELP_MORE(self) -> list[tuple[str, str]]:  # noqa: N802 (the help reads it by name)
        if self.follower.view != ASKER:
            return []
        return [("↓ ↑ pagedown pageup", N_("Scroll the asker's panel"))]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "switch_view":
            return self.started_as == ASKER
        if action == "scroll_aside":
            return self.follower.view == ASKER
        return True

    def action_scroll_aside(self, how: str) -> None:
        getattr(self.query_one("#aside", VerticalScroll), how)(animate=False)

    # -- layout --------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="view-line", markup=False)
        yield Static(id="waiting", markup=False)
        with Horizontal(id="top"):
            with Vertical(id="where"):
                yield Fitted(id="step")
                yield Static(id="case", markup=False)
                yield Static(id="state", markup=False)
            with Horizontal(id="clock-box"):
                yield Digits(id="clock")
                yield Static(id="clock-word", markup=False)
        with Container(id="body"):
            with Vertical(id="main"):
                yield Static(id="reading-title", markup=False)
                yield Fitted(id="question")
                yield Fitted(id="prompts")
                yield Fitted(id="how")
                yield Fitted(id="seats")
                yield Fitted(id="groups")
                yield Fitted(id="written", keep_end=True)
                yield ReadingView(id="reading")
            with VerticalScroll(id="aside"):
                # Time and equal voice first: what the asker glances at.
                yield Static(id="ends", markup=False)
                yield Static(id="next", markup=False)
                yield Static(id="speaking", markup=False)
                yield Static(id="notes", markup=False)
        with Vertical(id="still"):
            yield Label(id="still-word", markup=False)
            yield Label(id="still-title", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        self.poll()
        self.set_interval(self.poll_seconds, self.poll)
        self.set_interval(1, self.tick)

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")
        self.call_after_refresh(self._share_rows)

    # -- following -----------------------------------------------------------------------------

    def poll(self) -> None:
        """Read the store again where it changed, and draw again where what it shows did."""
        if self.follower.poll():
            self.draw()

    def tick(self) -> None:
        """Each second: the clocks, from the engine's timing (no query)."""
        clock = self.follower.clock()
        if clock is not None:
            self._clock(clock)

    def action_switch_view(self) -> None:
        self.follower.switch_view(ASKER if self.follower.view == ROOM else ROOM)
        self.poll()
        self.draw()  # the view line says the new view even while it waits

    # -- drawing -------------------------------------------------------------------------------

    def draw(self) -> None:
        shown = self.follower.shown
        content = shown.content
        view = self.follower.view
        self.set_class(bool(shown.waiting), "-waiting")
        self.set_class(view == ASKER, "-asker")
        waiting = self.query_one("#waiting", Static)
        waiting.display = bool(shown.waiting)
        waiting.update(Text(shown.waiting))
        # Which view and what the room sees first: where the line is cut, the title is.
        line = view_name(view)
        if content is not None:
            line = f"{line} · {shows_name(content.shows)} · {content.title}"
        self.query_one("#view-line", Static).update(Text(line))
        still = self._still(content, view)
        self.set_class(still is not None, "-still")
        if still is not None:
            word, title = still
            self.query_one("#still-word", Label).update(Text(word))
            self.query_one("#still-title", Label).update(Text(title))
            return
        assert content is not None
        self._content(content)
        self.tick()

    def _still(self, content: Content | None, view: str) -> tuple[str, str] | None:
        """What a screen with nothing else on it says: (its word, the meeting's title)."""
        if content is None:  # nothing read yet: the banner says why
            return (view_name(view), "dialogtui")
        # A read-back after the end is the meeting's last part: the room reads it.
        if content.state == "ended" and content.reading is None:
            return (_("The meeting has ended"), content.title)
        # The scribe's blank pause hides everything from the room, a read-back too.
        if content.shows is RoomShows.blank and view == ROOM:
            return (_("Pause"), content.title)
        return None

    def _content(self, content: Content) -> None:
        self._fit("#step", Text(content.step, style="bold"))
        self._set("#case", Text(content.case))
        self._set("#state", Text(_state(content.state)))
        self.set_class(content.state == "paused", "-paused")
        self.set_class(content.state == "not_started", "-not-started")
        reading = content.reading is not None
        self.set_class(reading, "-reading")
        title = self.query_one("#reading-title", Static)
        title.display = reading
        if content.reading is not None:
            title.update(Text(_("Read back:") + " " + content.reading.title))
        self.query_one("#reading", ReadingView).show(content.reading)
        question = Text(content.question or content.text)
        if content.counter and content.question:
            question = Text.assemble((content.counter + "  ", "dim"), question)
        self._fit("#question", question if not reading else Text())
        prompts = Text("\n").join(Text("– " + p) for p in content.prompts)
        self._fit("#prompts", prompts if not reading else Text())
        self._fit("#how", Text(content.how) if not reading else Text())
        self.query_one("#seats", Fitted).show_pieces(_seats(content) if not reading else ())
        groups = Text()
        if content.groups and not reading:
            groups = Text.assemble((_("Groups:") + " ", "dim"), " · ".join(content.groups))
        self._fit("#groups", groups)
        self._fit("#written", _written(content) if not reading else Text())
        self._aside(content)
        self.call_after_refresh(self._share_rows)

    def _share_rows(self) -> None:
        """The main column's rows, shared among its parts, the most important first, so
        that none runs off the screen unseen: a part given fewer rows than it needs ends in
        an ellipsis, and every part shown gets a row at least. What is written takes the
        rest (its newest lines)."""
        main = self.query_one("#main")
        rows, width = main.content_size.height, main.content_size.width
        if rows <= 0 or width <= 0:
            return  # not laid out yet: again after the next resize
        parts = [p for s in SHARED if (p := self.query_one(s, Fitted)).display]
        written = self.query_one("#written", Fitted)
        left = rows - (WRITTEN_ROWS if written.display else 0)
        for n, part in enumerate(parts):
            margin = part.styles.margin.top
            later = sum(1 + p.styles.margin.top for p in parts[n + 1 :])
            most = left - margin - later
            if n == 0:  # the question: the most, never all (whose turn it is must show)
                most = min(most, max(3, rows * 3 // 5))
            given = max(1, min(part.rows(width), most))
            if part.styles.max_height != Scalar.from_number(given):
                part.styles.max_height = given
            left -= given + margin

    def _aside(self, content: Content) -> None:
        aside = self.query_one("#aside")
        aside.display = content.view == ASKER
        if content.view != ASKER:
            return
        nexts = []
        if content.next_question:
            nexts.append(Text.assemble((_("Next question:") + " ", "bold"), content.next_question))
        if content.next_step:
            nexts.append(Text.assemble((_("Next step:") + " ", "bold"), content.next_step))
        self._set("#next", Text("\n").join(nexts))
        notes = [Text(_("Facilitator notes"), style="bold")]
        notes += [Text(n) for n in content.notes]
        self._set("#notes", Text("\n").join(notes) if content.notes else Text())
        table = Table(box=None, show_header=False, padding=(0, 1), expand=False)
        table.add_column(overflow="ellipsis", no_wrap=True)
        table.add_column(no_wrap=True)
        for name, said in content.speaking:
            table.add_row(Text(name), Text(said))
        speaking = self.query_one("#speaking", Static)
        speaking.display = bool(content.speaking)
        speaking.border_title = _("Speaking time")
        speaking.update(table)

    def _clock(self, clock: Clock) -> None:
        content = self.follower.shown.content
        box = self.query_one("#clock-box")
        box.display = content is not None and content.state in ("running", "paused")
        over = bool(clock.over)
        box.set_class(over, "-over")
        if over:
            value, word = clock.over, _("over")
        elif clock.left:
            value, word = clock.left, _("left")
        else:
            value, word = clock.elapsed, _("so far")
        self.query_one("#clock", Digits).update(value)
        self.query_one("#clock-word", Static).update(Text(word))
        if content is not None and content.view == ASKER:
            ends = []
            if clock.ends:
                ends.append(_("Projected end: {time}").format(time=clock.ends))
            if clock.late:
                ends.append(_("{n} min late").format(n=clock.late))
            if clock.planned:
                ends.append(
                    _("Step: {elapsed} of {planned}").format(
                        elapsed=clock.elapsed, planned=clock.planned
                    )
                )
            self._set("#ends", Text(" · ".join(ends)))

    def _set(self, selector: str, text: Text) -> None:
        widget = self.query_one(selector, Static)
        widget.display = bool(text.plain.strip())
        widget.update(text)

    def _fit(self, selector: str, text: Text) -> None:
        self.query_one(selector, Fitted).show(text)


class WallHelp(HelpScreen):
    """The wall's help: what it is, that it only reads, how the scribe chooses what it
    shows, and its keys (read from its bindings, as the app's help reads them)."""

    def intro(self) -> str:
        room = getattr(self.under, "started_as", ASKER) == ROOM
        return _(ROOM_INTRO if room else INTRO)

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        # A room wall has no key to the asker's view: its help does not offer one.
        if getattr(self.under, "started_as", ASKER) != ROOM:
            return sections(self.under)
        switch = _("Room/asker view")
        return [
            (title, [r for r in rows if r[1] != switch]) for title, rows in sections(self.under)
        ]
