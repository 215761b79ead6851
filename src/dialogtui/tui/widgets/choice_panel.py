"""A choice step: the options, and which one the group chose now and desires."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from dialogtui.display import visible
from dialogtui.i18n import N_, _
from dialogtui.kinds import choice as choice_kind
from dialogtui.labels import labels
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.tui.widgets.step_panel import TO_TEXT_BOX, EngineChange, StepPanel


class ChoicePanel(OptionList, StepPanel):
    HELP_TITLE = N_("Choice list")
    # Unscoped, so that a rule can name the capture screen on a short terminal above it.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    ChoicePanel { height: auto; max-height: 8; }
    ChoicePanel:focus { border: round $primary; }
    CaptureScreen.-short ChoicePanel { max-height: 5; }
    """

    # Their hint is on the list's border, for the ratings the step has (help lists both);
    # the footer keeps its room for the screen's keys.
    BINDINGS = [
        *TO_TEXT_BOX,
        Binding("n", "mark('now')", N_("Mark now"), show=False),
        Binding("d", "mark('desired')", N_("Mark desired"), show=False),
        *[Binding(str(n), f"point({n})", show=False) for n in range(1, 10)],
    ]
    HINTS = {"now": N_("n: now"), "desired": N_("d: desired")}
    # What the keys may mark, as the step last shown has it: its ratings (n, d), the points
    # of its continuum (1–9; 0: it has none).
    _ratings: tuple[str, ...] = ()
    _points = 0

    def show(self, engine: MeetingEngine) -> None:
        choice = engine.step.choice
        if choice is None:
            self.clear_options()
            return
        self._ratings = tuple(choice.ratings)
        hints = " · ".join(_(self.HINTS[r]) for r in choice.ratings if r in self.HINTS)
        self.border_subtitle = _("{keys} on the highlighted option").format(keys=hints)
        if choice.several:
            self.border_subtitle += " " + _("(several: again unmarks)")
        marks = choice_kind.marks(engine.kind_context())
        L = labels(engine.qs.language.value)
        keep = self.highlighted
        options = []
        self._points = choice.continuum or 0
        if choice.continuum:
            # The scale between the two ends, and where the group stands on it.
            self._ratings = ()
            said = _("1–{points}: where you stand, 1 at the first end")
            self.border_subtitle = said.format(points=choice.continuum)
            first, last = choice.options
            at = choice_kind.point(engine.step, marks)
            line = Text(f"{L[choice.ratings[0]].upper()}  ", style="bold")
            line.append(visible(first.label), style="bold")
            line.append(f"  {choice_kind.line(choice.continuum, at)}  ", style="bold")
            line.append(visible(last.label), style="bold")
            options.append(Option(line, id="continuum"))
        for opt in choice.options:
            line = Text()
            for rating in self._ratings:
                chosen = any(m.option_id == opt.id and m.rating == rating for m in marks)
                tag = L[rating].upper()  # "NU", "ØNSKET": the set's language
                line.append(f"[{tag if chosen else ' ' * len(tag)}] ", style="bold")
            line.append(visible(opt.label), style="bold")
            if opt.description:
                line.append(f" – {visible(opt.description)}", style="dim")
            options.append(Option(line, id=opt.id))
        self.set_options(options)
        self.highlighted = keep if keep is not None else 0

    def action_point(self, n: int) -> None:
        if n <= self._points:
            self.post_message(EngineChange(lambda e: choice_kind.place(e.kind_context(), n)))

    def action_mark(self, rating: str) -> None:
        option = self.highlighted_option
        if option is not None and option.id and rating in self._ratings:
            option_id = option.id
            self.post_message(
                EngineChange(lambda e: choice_kind.mark(e.kind_context(), option_id, rating))
            )
