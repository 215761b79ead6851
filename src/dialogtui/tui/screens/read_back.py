"""Read-back: what was written, step by step, calm and large enough to read aloud or to show
on the room's screen, so that everyone can correct it before it leaves the room.

Each turn can be corrected (an edit marked "corrected at read-back", the old text kept in
the history), a participant's objection noted beside it (never over it: "Om den enskilde
anser att någon uppgift i dokumentationen är oriktig ska detta antecknas", 11 kap. 6 § SoL),
and the minutes marked as accepted by the people named, with the time. The dialogs are the
meeting screen's: their text is kept every second, as every dialog's is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Protocol, runtime_checkable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from dialogtui.display import plain, visible
from dialogtui.export.labels import labels
from dialogtui.i18n import N_, _, date_text
from dialogtui.kinds.action_planning import frame_facts
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.model import StepKind
from dialogtui.records import Turn, by_turn
from dialogtui.tui.ordering import settle
from dialogtui.tui.screens.dialogs import Field, FieldsDialog, TextDialog
from dialogtui.tui.typed import DialogScreen
from dialogtui.tui.widgets.footer import KeyFooter


@runtime_checkable
class DialogHost(Protocol):
    """The meeting's screen: it opens a dialog whose text it keeps, and applies a change."""

    def open_kept(self, dialog: Any, done: Callable[[Any], None], key: str) -> Awaitable[Any]: ...

    def run(self, change: Callable[[], object], *, redraw: bool = True) -> bool: ...


class ReadBackScreen(DialogScreen[None]):
    """The steps that have turns, one page each; ↑↓ choose a turn, ←→ turn the page."""

    BINDINGS = [
        # Priority: they act on the turn the keys typed before them chose (tui/ordering.py).
        Binding("down", "move(1)", N_("Next turn"), show=False, priority=True),
        Binding("up", "move(-1)", N_("Previous turn"), show=False, priority=True),
        # ←→ are on the screen's own line: the footer keeps room for the rest at 60 columns.
        Binding("right,pagedown", "page(1)", N_("Next step"), show=False, priority=True),
        Binding("left,pageup", "page(-1)", N_("Previous step"), show=False, priority=True),
        Binding("e", "correct", N_("Correct"), priority=True),
        Binding("o", "object", N_("Objection"), priority=True),
        Binding("a", "accept", N_("Accepted"), priority=True),
        Binding("escape", "close", N_("Back"), priority=True),
    ]

    def __init__(self, engine: MeetingEngine, host: DialogHost, step: int | None = None):
        super().__init__()
        self.engine, self.host = engine, host
        self.steps = [step] if step is not None else engine.steps_written() or [engine.pos.step]
        self.page = 0
        self._turns: dict[str, Turn] = {}

    def compose(self) -> ComposeResult:
        with Vertical(id="read-back"):
            yield Label(id="read-back-title")
            yield OptionList(id="read-back-turns")
            yield Label(id="read-back-accepted")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("Read back")
        self.show()
        self.set_focus(self.query_one(OptionList))

    @property
    def step(self) -> int:
        return self.steps[self.page]

    def show(self) -> None:
        """The page of the current step: its questions, each turn under its question with
        its marks and the objections to it, the step's decisions and concerns."""
        engine, n = self.engine, self.step
        step = engine.qs.steps[n]
        title = _("Step {n}/{count}").format(n=n + 1, count=len(engine.qs.steps))
        self.query_one("#read-back-title", Label).update(plain(f"{title} · {step.title}"))
        L = labels(engine.qs.language.value)  # the minutes' own words
        corrected = engine.corrected_at_read_back()
        objections = by_turn(engine.objections())
        options: list[Option] = []
        self._turns = {}
        asked: tuple[int, int | None] | None = None
        for t in engine.turns(n):
            if (t.repetition, t.question) != asked and t.question is not None:
                asked = (t.repetition, t.question)
                if t.question < len(step.questions):
                    question = engine.text(step.questions[t.question].text)
                    options.append(Option(plain(question, style="bold"), disabled=True))
            options.append(Option(self._line(t, L, t.id in corrected, objections), id=str(t.id)))
            self._turns[str(t.id)] = t
        for note in engine.notes():
            if note.step == n:
                options.append(
                    Option(plain(f"{L[note.kind.value + 's']}: {note.text}"), disabled=True)
                )
        # The plan made in this step: its frame where the minutes show it, then its actions
        # as its table says them (what, who, when).
        if n == engine.qs.first_step_of(StepKind.action_planning):
            for label, value in frame_facts(engine.plan(), L, engine.qs.language.value):
                said = "".join(visible(text) if typed else text for text, typed in value)
                options.append(Option(plain(f"{label}: {said}"), disabled=True))
        for item in (a for a in engine.actions() if a.step == n):
            when = date_text(item.when, "medium", engine.qs.language.value) if item.when else ""
            said = " · ".join(x for x in (item.what, item.who, when) if x)
            options.append(Option(plain(f"{L['action_plan']}: {said}"), disabled=True))
        if not options:
            options.append(
                Option(Text(_("Nothing was written in this step."), style="dim"), disabled=True)
            )
        turns = self.query_one("#read-back-turns", OptionList)
        keep = turns.highlighted
        turns.set_options(options)
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        turns.highlighted = keep if keep is not None and keep < len(options) else first
        self._say_accepted()

    def _line(self, t: Turn, L: dict[str, str], corrected: bool, objections) -> Text:
        who = self.engine.participant(t.participant_id)
        line = Text()
        line.append(f"{visible(who.name) if who else L['group']}: ", style="bold")
        if t.passed:
            line.append(L["passed"], style="italic")
        else:
            line.append(visible(t.text))
        if corrected:
            line.append(f"  ({L['corrected']})", style="italic")
        for o in objections.get(t.id, []):
            said = L["objection"].format(name=visible(o.by))
            line.append(f"\n    {said}: ", style="italic")
            line.append(visible(o.text))
        return line

    def _say_accepted(self) -> None:
        accepted = self.engine.read_backs()
        said = "; ".join(
            _("accepted by {names} at {time}").format(
                names=visible(rb.accepted_by), time=f"{rb.at.astimezone():%H:%M}"
            )
            for rb in accepted
        )
        line = Text()
        if said:
            line.append(said + "\n", style="bold")  # names already made visible
        line.append(_("←→: another step · ↑↓: another turn"), style="dim")  # not in the footer
        self.query_one("#read-back-accepted", Label).update(line)

    @property
    def current(self) -> Turn | None:
        turns = self.query_one("#read-back-turns", OptionList)
        if turns.highlighted is None:
            return None
        return self._turns.get(turns.get_option_at_index(turns.highlighted).id or "")

    async def action_move(self, step: int) -> None:
        await settle(self)
        turns = self.query_one("#read-back-turns", OptionList)
        turns.action_cursor_down() if step > 0 else turns.action_cursor_up()

    async def action_page(self, step: int) -> None:
        await settle(self)
        page = self.page + step
        if 0 <= page < len(self.steps):
            self.page = page
            self.query_one("#read-back-turns", OptionList).highlighted = None
            self.show()

    async def action_correct(self) -> None:
        await settle(self)
        if (turn := self.current) is None or turn.passed:
            return
        dialog, done, key = correction(self.engine, self.host, turn, self.show)
        await self.host.open_kept(dialog, done, key)

    async def action_object(self) -> None:
        await settle(self)
        if (turn := self.current) is None:
            return
        dialog, done, key = objection(self.engine, turn, self.show)
        await self.host.open_kept(dialog, done, key)

    async def action_accept(self) -> None:
        await settle(self)
        dialog, done, key = acceptance(self.engine, self.host, self._say_accepted)
        await self.host.open_kept(dialog, done, key)

    async def action_close(self) -> None:
        await settle(self)
        self.dismiss(None)


# The read-back's dialogs, each with what saves it and the key its text is kept under: the
# read-back opens them, and the meeting's screen opens one again, with its text, when
# dialogtui stopped while it was open (a half-typed objection is an objection, not a turn).


def correction(engine: MeetingEngine, host: DialogHost, turn: Turn, then: Callable[[], None]):
    def done(text: str | None) -> None:
        if text is not None and text.strip() != turn.text:
            change = lambda: engine.edit_turn(turn.id, text, at_read_back=True)  # noqa: E731
            if host.run(change):
                then()

    dialog = TextDialog(_("Correct the turn, as read back"), turn.text)
    return dialog, done, f"read-back:{turn.id}"


def objection(engine: MeetingEngine, turn: Turn, then: Callable[[], None]):
    names = tuple(p.name for p in engine.participants)

    def check(texts: dict[str, str]) -> tuple[str, str]:
        engine.object_to(turn.id, texts["by"], texts["text"])  # raises: stays open
        return texts["by"], texts["text"]

    def done(result) -> None:
        if result is not None:
            then()

    fields = [Field("by", _("Who"), names=names), Field("text", _("What is incorrect"))]
    dialog = FieldsDialog(_("An objection, noted beside the turn"), fields, check)
    return dialog, done, f"objection:{turn.id}"


def acceptance(engine: MeetingEngine, host: DialogHost, then: Callable[[], None]):
    everyone = ", ".join(p.name for p in engine.participants)

    def done(text: str | None) -> None:
        if text is not None and host.run(lambda: engine.accept_read_back(text)):
            then()

    return TextDialog(_("Read back and accepted by"), everyone), done, "accepted"


def kept_dialog(engine: MeetingEngine, host: DialogHost, key: str):
    """The read-back's dialog kept under `key`, as (dialog, done), or None if it is not one
    of the read-back's or its turn is gone."""
    kind, _sep, arg = key.partition(":")
    if kind == "accepted":
        return acceptance(engine, host, lambda: None)[:2]
    if kind not in ("read-back", "objection") or not arg.isdigit():
        return None
    turn = next((t for t in engine.store.turns(engine.id) if t.id == int(arg)), None)
    if turn is None:
        return None
    if kind == "objection":
        return objection(engine, turn, lambda: None)[:2]
    return correction(engine, host, turn, lambda: None)[:2]
