"""Read-back: what was written, step by step, calm and large enough to read aloud or to show
on the room's screen, so that everyone can correct it before it leaves the room.

Its pages are the minutes' own sections (`dialogtui.export.read_back`): every step with
anything written, with its turns under their questions, the kind's own part (a vote's cards,
the needs and their answers, the sheets, ratings, choices), its decisions, concerns and
standpoints, and, in the plan's step, the plan's frame and every field of each action;
then the earlier meeting's actions where no step follows them up. What the minutes then
say was read back and accepted is what the room was shown.

Each turn can be corrected (an edit marked "corrected at read-back", the old text kept in
the history), a participant's objection noted beside it (never over it: "Om den enskilde
anser att någon uppgift i dokumentationen är oriktig ska detta antecknas", 11 kap. 6 § SoL),
and the minutes marked as accepted by the people named, with the time and what was read.
What is not a turn is corrected where it was written, which the screen says for each. The
dialogs (`tui/dialogs/read_back.py`) open on the meeting's screen, which keeps their text
every second, as every dialog's. A search's hit (`app.open_at`) opens it at the page and the
item where the hit stands (`export.read_back.place_of`).
"""

from __future__ import annotations

from types import EllipsisType

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from dialogtui.display import one_line, plain, visible
from dialogtui.errors import DialogtuiError
from dialogtui.export.document import Line, plain_text, text_lines
from dialogtui.export.read_back import Entry, Page, covered, pages, place_of
from dialogtui.export.record import load_record
from dialogtui.i18n import N_, _, date_text, time_text
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import Hit, RoomShows, Turn
from dialogtui.store.room import after_steps
from dialogtui.tui.dialogs.read_back import acceptance, correction, objection
from dialogtui.tui.keeping import DialogHost
from dialogtui.tui.ordering import settle
from dialogtui.tui.textual_internals import option_lines
from dialogtui.tui.typed import DialogScreen
from dialogtui.tui.widgets.footer import KeyFooter

# Where what is not a turn is corrected, by what it is (an entry's part).
ELSEWHERE = {
    "decisions": N_("Decisions, concerns and standpoints: corrected with f7 in the meeting."),
    "concerns": N_("Decisions, concerns and standpoints: corrected with f7 in the meeting."),
    "standpoints": N_("Decisions, concerns and standpoints: corrected with f7 in the meeting."),
    "actions": N_("Actions are corrected in the plan's step, its frame there with p."),
    "plan": N_("Actions are corrected in the plan's step, its frame there with p."),
    "follow_ups": N_("Earlier actions are followed up in the meeting's follow-up step."),
}
IN_ITS_STEP = N_("This is corrected in its own step of the meeting; e and o are for turns.")
ROOM_BLANK = N_("The room's view is blank (ctrl+w)")  # the meeting screen's words for it


def line_text(line: Line) -> Text:
    """A line of the minutes as the screen shows it: each piece as typed (no markup, no
    control), in its bold or italics; a turn's own lines kept."""
    out = Text()
    for span in line:
        style = " ".join(s for s, on in (("bold", span.bold), ("italic", span.italic)) if on)
        out.append(("\n" if span.lines else "").join(text_lines(span)), style=style)
    return out


def entry_text(entry: Entry) -> Text:
    """What stands above an entry, what it says, and what is noted beside it, indented."""
    out = Text()
    for line in [*entry.head, *entry.lines]:
        if out:
            out.append("\n")
        out.append_text(line_text(line))
    for line in entry.under:
        out.append("\n    ")
        out.append_text(line_text(line))
    out.append("\n")  # a blank line between two items, calm to read (and to find one's place)
    return out


class ReadBackScreen(DialogScreen[None]):
    """The steps with anything written, a page each; ↑↓ choose an item, ←→ turn the page."""

    BINDINGS = [
        # Priority: they act on the item the keys typed before them chose (tui/ordering.py).
        Binding("down", "move(1)", N_("Next item"), show=False, priority=True),
        Binding("up", "move(-1)", N_("Previous item"), show=False, priority=True),
        # ←→ are on the screen's own line: the footer keeps room for the rest at 60 columns.
        Binding("right,pagedown", "page(1)", N_("Next step"), show=False, priority=True),
        Binding("left,pageup", "page(-1)", N_("Previous step"), show=False, priority=True),
        Binding("e", "correct", N_("Correct"), priority=True),
        Binding("o", "object", N_("Objection"), priority=True),
        Binding("a", "accept", N_("Accepted"), priority=True),
        Binding("escape", "close", N_("Back"), priority=True),
        # The room's view shows the page read (`dialogtui wall`) unless the scribe blanked
        # it: here the key blanks it, or shows the page again.
        Binding(
            "ctrl+w",
            "room",
            N_("Room's view"),
            show=False,
            priority=True,
            tooltip=N_("The room's view: blank, or this page again"),
        ),
    ]

    def __init__(
        self,
        engine: MeetingEngine,
        host: DialogHost,
        step: int | None = None,
        at: Hit | None = None,
    ):
        super().__init__()
        self.engine, self.host = engine, host
        self.only = [step] if step is not None else None  # f10: the step under way
        self.at = at  # a search's hit: opened at its page, on it
        # Opened from a search (or, set by the end screen, from the list of meetings): the
        # scribe did not come from the meeting, so its title says which one it is.
        self.names_meeting = at is not None
        self._start_item: int | None = None
        self.pages: list[Page] = []
        self.page = 0
        self.seen: set[int] = set()  # the pages shown, by their place: what `a` covers
        # The page the store says the room's view shows (`dialogtui wall`); `...`: not
        # known (nothing said yet, or saying it failed).
        self._room_page: tuple[int, int] | None | EllipsisType = ...
        self._room_problem = False  # a failure to say it was said once

    def compose(self) -> ComposeResult:
        with Vertical(id="read-back"):
            yield Label(id="read-back-title")
            yield OptionList(id="read-back-turns")
            yield Label(id="read-back-accepted")
        yield KeyFooter()

    def on_mount(self) -> None:
        info = self.engine.info
        meeting = f"{visible(one_line(info.title).strip())} ({date_text(info.date)})"
        self.sub_title = f"{_('Read back')} · {meeting}"
        self.load()
        self.show()
        self.set_focus(self.query_one(OptionList))

    def load(self) -> None:
        """The pages as the minutes now say them (again after a correction)."""
        engine = self.engine
        record = load_record(engine.store, engine.id)
        # Nothing written anywhere yet: the step under way, which says so.
        self.pages = pages(record, self.only) or pages(record, [engine.pos.step])
        self.page = min(self.page, len(self.pages) - 1)
        if self.at is not None:  # only the first time: a correction keeps the place read
            place = place_of(self.pages, self.at)
            if place is not None:
                self.page, self._start_item = place
            self.at = None

    @property
    def entries(self) -> list[Entry]:
        return self.pages[self.page].entries

    def show(self) -> None:
        """The current page: each entry an item of the list, with what stands above it."""
        page = self.pages[self.page]
        self.seen.add(self.page)
        if page.step is not None:
            count = len(self.engine.qs.steps)
            title = _("Step {n}/{count}").format(n=page.step + 1, count=count)
            step = self.engine.qs.steps[page.step]
            said = f"{title} · {self.engine.text(step.title)}"
        else:
            said = plain_text(page.title)
        if self.names_meeting:
            info = self.engine.info
            said = f"{one_line(info.title).strip()} ({date_text(info.date)}) · {said}"
        self.query_one("#read-back-title", Label).update(plain(said))
        options = [Option(entry_text(e), id=str(k)) for k, e in enumerate(page.entries)]
        if not options:
            nothing = Text(_("Nothing was written in this step."), style="dim")
            options.append(Option(nothing, disabled=True))
        items = self.query_one("#read-back-turns", OptionList)
        keep = items.highlighted if self._start_item is None else self._start_item
        self._start_item = None
        items.set_options(options)
        items.highlighted = keep if keep is not None and keep < len(page.entries) else 0
        self._tell_room(self._room_place())
        self._say_accepted()

    def _say_accepted(self) -> None:
        """Who accepted, when (read from the store again: after `a`)."""
        self._accepted = "; ".join(
            _("accepted by {names} at {time}").format(
                names=visible(rb.accepted_by), time=time_text(rb.at)
            )
            for rb in self.engine.read_back.all()
        )
        self._say_where()

    _accepted = ""
    _said: tuple[str, str, str, str] | None = None

    def _say_where(self) -> None:
        """Who accepted; which page of how many; and, on what is not a turn, where it is
        corrected. Written again only when it changes: ↑↓ through a long page would
        otherwise lay the screen out again at every key."""
        keys = _("←→: another step ({page} of {pages}) · ↑↓: another item")
        keys = keys.format(page=self.page + 1, pages=len(self.pages))
        entry = self.current_entry
        where = _(ELSEWHERE.get(entry.part, IN_ITS_STEP)) if entry and entry.turn is None else ""
        # The room's view shows this page, unless it is blank: said only then, as on the
        # meeting's screen.
        blank = _(ROOM_BLANK) if self.engine.room.shows is RoomShows.blank else ""
        said = (self._accepted, keys, where, blank)
        if said == self._said:
            return
        self._said = said
        line = Text()
        if self._accepted:
            line.append(self._accepted + "\n", style="bold")  # names already made visible
        line.append(keys, style="dim")
        if blank:
            line.append("\n" + blank, style="bold")
        if where:
            line.append("\n" + where, style="italic")
        self.query_one("#read-back-accepted", Label).update(line)

    def on_option_list_option_highlighted(self) -> None:
        self._tell_room(self._room_place())  # the room's view follows the item read
        self._say_where()

    @property
    def current_entry(self) -> Entry | None:
        items = self.query_one("#read-back-turns", OptionList)
        if items.highlighted is None or not self.pages:
            return None
        found = self.entries
        return found[items.highlighted] if items.highlighted < len(found) else None

    @property
    def current(self) -> Turn | None:
        entry = self.current_entry
        return entry.turn if entry is not None else None

    async def action_move(self, step: int) -> None:
        await settle(self)
        items = self.query_one("#read-back-turns", OptionList)
        if items.highlighted is None or not self._scroll_within(items, step):
            # At either end it stays: a list read aloud does not start over.
            at = (items.highlighted or 0) + step
            if 0 <= at < len(self.entries):
                items.highlighted = at

    @staticmethod
    def _scroll_within(items: OptionList, step: int) -> bool:
        """An item taller than the list (a long turn, an action of many fields) is read
        to its end before ↓ goes on, and back to its top before ↑ does."""
        at = items.highlighted
        if at is None:
            return False
        top, height = option_lines(items, at)
        view, shown = round(items.scroll_y), items.scrollable_content_region.height
        if step > 0 and top + height > view + shown:
            items.scroll_to(y=min(view + shown - 1, top + height - shown), animate=False)
            return True
        if step < 0 and top < view:
            items.scroll_to(y=max(top, view - shown + 1), animate=False)
            return True
        return False

    async def action_page(self, step: int) -> None:
        await settle(self)
        page = self.page + step
        if 0 <= page < len(self.pages):
            self.page = page
            self.query_one("#read-back-turns", OptionList).highlighted = None
            self.show()

    def again(self) -> None:
        """After a correction or an objection: the pages as the minutes now say them."""
        self.load()
        self.show()

    async def action_correct(self) -> None:
        await settle(self)
        if not self._a_turn():
            return
        turn = self.current
        if turn is None or turn.passed:
            return
        await self.host.open_dialog(correction(self.engine, self.host, turn, self.again))

    async def action_object(self) -> None:
        await settle(self)
        if not self._a_turn() or (turn := self.current) is None or turn.passed:
            return  # a pass has no words to object to, as none to correct
        await self.host.open_dialog(objection(self.engine, turn, self.again))

    def _a_turn(self) -> bool:
        """Whether a turn is chosen; if not, where what is chosen is corrected."""
        entry = self.current_entry
        if entry is not None and entry.turn is None:
            said = _(ELSEWHERE.get(entry.part, IN_ITS_STEP))
            self.notify(said, severity="warning", markup=False)
            return False
        return entry is not None

    def covered(self) -> list[tuple[str, int]]:
        """What the pages shown so far cover, for the acceptance."""
        return covered([p for k, p in enumerate(self.pages) if k in self.seen])

    def unseen(self) -> list[str]:
        """The pages not shown yet, as the title says them (a step's number)."""
        return [
            str(p.step + 1) if p.step is not None else plain_text(p.title)
            for k, p in enumerate(self.pages)
            if k not in self.seen
        ]

    async def action_accept(self) -> None:
        await settle(self)
        accepted = acceptance(
            self.engine, self.host, self._say_accepted, self.covered(), self.unseen()
        )
        await self.host.open_dialog(accepted)

    async def action_close(self) -> None:
        await settle(self)
        self._tell_room(None)
        self.dismiss(None)

    # -- the room's view follows the page ------------------------------------------------

    def _room_place(self) -> tuple[int, int]:
        """The page shown (its step, or a page after the steps: each its own) and the item
        chosen on it, as the store keeps them for the room's view."""
        page = self.pages[self.page]
        after = [p for p in self.pages if p.step is None]
        where = page.step if page.step is not None else after_steps(after.index(page))
        item = self.query_one("#read-back-turns", OptionList).highlighted or 0
        return where, item

    def _tell_room(self, page: tuple[int, int] | None, *, say: bool = True) -> None:
        """The store says which page the room's view shows (None: none, the read-back is
        closed). It never stops the read-back: a failure is said once, as a notice (`say`:
        not while the screen is being taken down)."""
        if page == self._room_page:
            return
        try:
            self.engine.room.reading(*(page or (None,)))
        except DialogtuiError as exc:
            self._room_page = ...
            if say and not self._room_problem:
                self._room_problem = True
                said = _("The room's view could not be told which page is read back: {problem}")
                self.notify(visible(said.format(problem=exc)), severity="warning", markup=False)
            return
        self._room_page = page

    async def action_room(self) -> None:
        """ctrl+w: the room's view blank, or showing this page again (saved first, as the
        meeting screen's ctrl+w; a failure is said as any other)."""
        await settle(self)
        room = self.engine.room
        shows = RoomShows.questions if room.shows is RoomShows.blank else RoomShows.blank
        try:
            room.show(shows)
        except DialogtuiError as exc:
            self.app.report(exc)
            return
        said = N_("The room sees this page.") if shows is RoomShows.questions else ROOM_BLANK
        self.notify(_(said), timeout=4, markup=False)
        self._say_where()

    def save_and_release(self) -> str | None:
        """On quit, or a crash, with the read-back open (before the store is closed): the
        room's view shows no page of it any more."""
        self._tell_room(None, say=False)
        return None

    def on_unmount(self) -> None:
        # Closed in any other way (the end screen's, an app that pops it): the same.
        self._tell_room(None, say=False)
