"""The turns of the current step; in a block, of the current case (each case lists its own
turns). An OptionList draws only the visible lines, so a long step stays fast; earlier
steps are not shown at all (they are in the minutes).

It follows the meeting's state: another step, or a turn edited, moved or deleted, draws
the list again; a new turn is added below the others."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dialogtui.display import visible
from dialogtui.i18n import N_, _, number_text, time_text
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.state import MeetingState, TurnsVersion
from dialogtui.records import Turn
from dialogtui.tui.ordering import cursor_in_typed_order
from dialogtui.tui.widgets.observing import follow
from dialogtui.tui.widgets.step_panel import ConfirmWanted, ask, settled

# Turns of the current step put on screen when the step is shown (all of them are in the
# minutes): building the list costs ~0.2 ms a turn, paid on every step change, so only
# what a step change can afford; ↑ at the top of the list shows MORE earlier ones at a time.
SHOWN = 12
MORE = 50
ADDED = 3  # the newest turns read after a change that added some (one, as a rule)
SHOWN_CHARACTERS = 2_000  # of one turn


def _shown(state: MeetingState) -> object:
    """What the list shows of the meeting: the turns of this time through the step (a
    case's own), and the names they are shown under."""
    return (state.at.step, state.at.repetition, state.turns, state.people)


class Transcript(OptionList):
    HELP_TITLE = N_("Transcript (f8)")

    # Priority: the dialog each opens takes the keys typed after it (tui/ordering.py). No
    # printable key: a letter typed here is text, and goes to the text box (tui/keyboard.py).
    BINDINGS = [
        # Enter, delete and f6 are priority bindings: the arrows before them are too.
        *cursor_in_typed_order(OptionList.BINDINGS),
        Binding("escape", "screen.back", N_("Text box"), priority=True),
        Binding("enter", "edit", N_("Edit"), priority=True, tooltip=N_("Edit turn")),
        Binding("delete", "delete", N_("Delete"), priority=True, tooltip=N_("Delete turn")),
        Binding(
            "f6",
            "move",
            N_("Who said it"),
            priority=True,
            tooltip=N_("Move the turn to another speaker"),
        ),
    ]

    # On its frame, which it has only while it has the keyboard (f8), as the step's lists do.
    HINT = N_("enter: edit · delete: delete · f6: who said it · esc: text box")

    def on_mount(self) -> None:
        self.border_subtitle = _(self.HINT)
        # Only when the turns changed, or the names they are shown under (a group renamed):
        # a speaker change, a pause or a rating leaves it as it is (wrapping all shown turns
        # again cost up to a quarter of a second).
        follow(self, _shown, self._follow_turns)

    # ((step, time through it), its turns' version) on screen now: a case lists its own.
    _shown: tuple[tuple[int, int], TurnsVersion] | None = None
    _keep: str | None = None  # the turn to keep highlighted when next drawn (one moved)
    _people: str | None = None  # the names the turns on screen are shown under (a digest)
    _limit = SHOWN  # how many of the step's last turns are shown
    _earlier = 0  # turns of the step before the first one shown
    renders = 0  # how often the whole list was built (a test counts them)

    def keep(self, turn_id: int | None) -> None:
        """The next redraw keeps this turn highlighted, not the newest (None: the newest)."""
        self._keep = None if turn_id is None else str(turn_id)

    def _follow_turns(self, engine: MeetingEngine, state: MeetingState) -> None:
        was, now = self._shown, ((state.at.step, state.at.repetition), state.turns)
        renamed, self._people = self._people not in (None, state.people), state.people
        if (
            self._keep is None
            and not renamed
            and was is not None
            and was[0] == now[0]
            and was[1].revisions == now[1].revisions
            and self._add_newer(engine, was[1].newest)
        ):
            self._shown = now
            return
        keep, self._keep = self._keep, None
        self._show(engine, now, keep)

    def _add_newer(self, engine: MeetingEngine, shown: int) -> bool:
        """Only new turns: each added without redrawing the others, so that submitting stays
        fast however long the step is. False where the list must be drawn again."""
        if self.option_count >= self._limit + MORE:  # now and then, back to the last ones
            return False
        latest = engine.turns.in_step(last=ADDED)
        newer = [t for t in latest if t.id > shown]
        if len(newer) == len(latest):  # more may have come than these
            return False
        for turn in newer:
            self.add_option(self._option(engine, turn))
        self._follow()
        return True

    def _show(
        self,
        engine: MeetingEngine,
        shown: tuple[tuple[int, int], TurnsVersion],
        keep: str | None = None,
    ) -> None:
        """Draw the current step: its most recent turns, newest at the bottom (or the turn
        `keep` highlighted)."""
        if self._shown is None or shown[0] != self._shown[0]:
            self._limit = SHOWN  # another step: its last few turns, more on request
        self._shown = shown
        self._engine = engine
        self.renders += 1
        self._texts: dict[int, str] = {}
        turns = engine.turns.in_step(last=self._limit)
        options = []
        self._earlier = engine.turns.count() - len(turns)
        if self._earlier > 0:
            said = _("… {n} earlier turns of this step (↑ shows more; all are in the minutes)")
            note = Text(said.format(n=number_text(self._earlier)), style="italic dim")
            options.append(Option(note, disabled=True))
        options += [self._option(engine, t) for t in turns]
        self.set_options(options)
        if keep is None:
            self._follow()
        else:
            self.highlighted = self.get_option_index(keep)
            self.call_after_refresh(self.scroll_to_highlight)

    def action_cursor_up(self) -> None:
        """At the first turn shown, ↑ shows earlier turns of the step."""
        if self._earlier and self.highlighted == 1 and self.highlighted_option and self._shown:
            self._limit += MORE  # (option 0 is the note of the earlier turns)
            self._show(self._engine, self._shown, keep=self.highlighted_option.id)
            self.highlighted = max(0, (self.highlighted or 0) - 1)
            return
        super().action_cursor_up()

    def _option(self, engine: MeetingEngine, t: Turn) -> Option:
        who = engine.participant(t.participant_id)
        line = Text()
        if t.ended_at is not None:
            line.append(f"{time_text(t.ended_at)} ", style="dim")
        if t.question is not None and len(engine.step.questions) > 1:
            line.append(_("Q{n}").format(n=t.question + 1) + " ", style="dim")  # which it answers
        line.append(f"{visible(who.name) if who else '—'}: ", style="bold")
        if t.passed:
            line.append(_("(passed)"), style="italic dim")
        elif len(t.text) > SHOWN_CHARACTERS:
            # A huge paste is kept whole in the store and the minutes; on screen a glimpse.
            line.append(visible(t.text[:SHOWN_CHARACTERS]))
            more = _("(+{n} characters)").format(n=number_text(len(t.text) - SHOWN_CHARACTERS))
            line.append(" … " + more, style="dim")
        else:
            line.append(visible(t.text))
        if t.edited:
            line.append(" " + _("(edited)"), style="dim")
        self._texts[t.id] = t.text
        return Option(line, id=str(t.id))

    def _follow(self) -> None:
        if self.option_count:
            self.highlighted = self.option_count - 1
            # Once laid out as well: on a resume the list is filled before it has its size,
            # and the newest turns would stay below the edge until the next one.
            self.call_after_refresh(self.scroll_to_highlight)

    def on_resize(self, event: events.Resize) -> None:
        self.call_after_refresh(self.scroll_to_highlight)  # a smaller window keeps it in view
        if self._width == event.size.width:
            # Only its height changed (the question above is longer or shorter): the turns
            # are wrapped as they were. OptionList would measure every one of them again
            # (its own `_on_resize` empties its caches), a second time at each step change.
            event.prevent_default()
        self._width = event.size.width

    _width = 0

    def _selected(self) -> int | None:
        option = self.highlighted_option
        return int(option.id) if option is not None and option.id else None

    async def action_edit(self) -> None:
        await settled(self)
        turn_id = self._selected()
        if turn_id is not None:
            text = self._texts[turn_id]
            await ask(self, lambda screen: screen.edit_turn(turn_id, text))

    async def action_move(self) -> None:
        """f6 on a turn: it was someone else's (kept in the history, like an edit)."""
        await settled(self)
        turn_id = self._selected()
        if turn_id is not None:
            await ask(self, lambda screen: screen.move_turn(turn_id))

    async def action_delete(self) -> None:
        await settled(self)
        turn_id = self._selected()
        if turn_id is not None:
            question = _("Delete this turn? (It stays in the history.)")
            await ask(self, ConfirmWanted(question, lambda e: e.turns.delete(turn_id)))
