"""The current question, its prompts and (when expanded) the facilitators' notes.

Redrawn when the question, the step or the time through it changes, or what is written
(a case's consent recorded), or when the notes are shown or hidden (f9)."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from dialogtui.display import visible
from dialogtui.i18n import _
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.state import MeetingState
from dialogtui.questionset.notes import facilitators_notes
from dialogtui.questionset.shapes import pairs_of
from dialogtui.tui.widgets.observing import follow


def _shown(state: MeetingState) -> object:
    at = state.at
    return (at.step, at.repetition, at.question, state.skipped, state.items)


class QuestionPanel(Static):
    notes = False  # the facilitators' notes shown (the screen's f9)

    def on_mount(self) -> None:
        follower = follow(self, _shown, lambda engine, _state: self.show(engine, self.notes))

        def notes(shown: bool) -> None:
            self.notes = shown
            follower.again()

        self.watch(self.screen, "show_notes", notes, init=False)

    def show(self, engine: MeetingEngine, notes: bool) -> None:
        step = engine.step
        q = engine.question
        out = Text()
        if q is not None:
            count = len(step.questions)
            if step.alternatives:
                # One of them is asked: which, and how to ask another instead.
                said = _("Alternative {n} of {count} (alt+↓ another)")
                out.append(said.format(n=engine.pos.question + 1, count=count) + "  ", style="dim")
            elif count > 1:
                said = _("Q{n}/{count}").format(n=engine.pos.question + 1, count=count)
                out.append(said + "  ", style="dim")
            out.append(visible(engine.text(q.text)), style="bold")
            for prompt in q.prompts:
                out.append("\n  – " + visible(engine.text(prompt)))
            if q.to:
                names = ", ".join(engine.qs.role(r).name for r in q.to)
                out.append(f"\n  → {visible(names)}", style="italic")
            if q.asked == "one":  # one answers once, then the round goes on
                said = _("One person answers (tab or f6: who), then the round goes on.")
                out.append("\n" + said, style="italic")
            elif q.asked == "plenary":  # the room's: nobody's turn
                said = _("The room together: what is said is nobody's; alt+↓ goes on.")
                out.append("\n" + said, style="italic")
        elif step.text:
            out.append(visible(step.text))
        if step.scale is not None:
            low, high = step.scale.points[0].value, step.scale.points[-1].value
            said = _(
                "Press {low}–{high} to rate the current speaker (then the next one); c "
                "comments the last rating; tab or f6 chooses who."
            )
            out.append(("\n" if out else "") + said.format(low=low, high=high), style="italic")
        # Why the step is optional, folded under f9 after its first question: the
        # facilitators decided at the first, and the lines go to the step's list (a needs
        # table's needs stay in sight at 80×24).
        folded = step.optional is not None and engine.pos.question > 0 and not notes
        if step.optional is not None:
            # After the question, which a short window must not lose to it; the facilitators
            # decide here whether to do the step.
            if (engine.step_index, engine.pos.repetition) in engine.skipped:
                said = _("Skipped (ctrl+k takes it in again).")
                out.append("\n" + said + " ", style="bold")
            elif folded:
                out.append("\n" + _("Optional (ctrl+k skips it).") + " ", style="bold")
            else:
                out.append("\n" + _("Optional (ctrl+k skips it):") + " ", style="bold")
            if not folded:
                out.append(visible(step.optional), style="italic")
        if (alternative := engine.alternatives.at(engine.step_index)) is not None:
            # Run instead of the other alternatives, which a long title must not hide.
            said = _("Alternative step {n} of {of} (ctrl+e runs another instead).")
            out.append("\n" + said.format(n=alternative[0], of=alternative[1]), style="bold")
        if step.groups is not None and step.groups.meet == "pairs":
            # Who meets whom, each pair at its own table: the strip has the groups alone.
            pairs = pairs_of(engine.groups.of())
            met = " · ".join(" + ".join(visible(g.name) for g in pair) for pair in pairs)
            said = _("The groups meet two by two, side by side: {pairs}.")
            out.append("\n" + said.format(pairs=met), style="italic")
        # Folded away unless asked for: the step's instructions (when a question is shown
        # instead of them) and the facilitators' notes.
        found_notes = facilitators_notes(engine.qs, engine.step_index, q)
        found = engine.qs.block_at(engine.step_index)
        if found is not None and found[0].consent:
            case = engine.pos.repetition
            if case not in engine.consent.of_cases():
                # The case by its name too: the scribe sees which child it is.
                word = visible(engine.cases.label(engine.step_index, case))
                said = _("{case}: its consent is not recorded (f7)").format(case=word)
                out.append("\n" + said, style="italic")
        if engine.qs.standpoints:  # the set asks for them: the key says where they go
            out.append("\n" + _("ctrl+f notes the agreed standpoint"), style="italic dim")
        if notes:
            for text in found_notes.notes:
                out.append("\n" + visible(engine.text(text)), style="italic dim")
            for text in found_notes.ours:
                out.append("\n" + _("Not in the source:") + " " + visible(text), style="italic")
            for text in found_notes.guidance:
                out.append("\n" + _("Guidance:") + " " + visible(text), style="italic dim")
            for text in found_notes.whole:
                out.append("\n" + _("Not in the source:") + " " + visible(text), style="italic")
        elif found_notes or folded:
            out.append("  " + _("[f9: notes]"), style="dim")
        if out.plain.startswith("\n"):  # no question nor text (a vote): no blank first row
            out = out[1:]
        self.update(out)
