"""A readable agenda of a question set, for `dialogtui show` and the start screen."""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dialogtui.display import plain, visible
from dialogtui.kinds import SPECS as KIND_SPECS
from dialogtui.questionset.model import QuestionSet, Step, format_minutes
from dialogtui.questionset.placeholders import resolve


def clock(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h}:{m:02d}"


def step_timing(step: Step) -> str:
    if step.minutes is not None and step.repeat:
        return f"{step.repeat.span} × {format_minutes(step.minutes)}"
    return format_minutes(step.minutes)


def render_agenda(qs: QuestionSet, date: dt.date) -> Group:
    parts: list[RenderableType] = []
    head = Text()
    head.append(visible(qs.title), style="bold")
    head.append(f"  [{visible(qs.id)}, {qs.language.value}]", style="dim")
    parts.append(head)
    meta = f"{qs.method}. Planned: "
    fewest = sum(
        (s.minutes or 0) * (s.repeat.min if s.repeat else 1) for s in qs.steps
    )  # a block repeated 3–4 times: 130–160 min, not just the most
    if qs.planned_minutes is not None and fewest != qs.planned_minutes:
        meta += f"{fewest}–"
    meta += format_minutes(qs.planned_minutes)
    if any(s.optional is not None for s in qs.steps) and qs.planned_minutes is not None:
        needed = sum(s.planned_minutes or 0 for s in qs.steps if s.optional is None)
        meta += f", {format_minutes(needed)} without the optional steps"
    if qs.break_minutes:
        meta += f", and {format_minutes(qs.break_minutes)} of breaks not in it"
    if qs.source.total:
        meta += f" (source: “{qs.source.total}”)"
    parts.append(plain(meta, style="dim"))
    if qs.description:
        parts.append(plain(qs.description, style="italic"))
    if qs.ours:
        parts.append(_ours(qs.ours))
    source = qs.source.document + (f", {qs.source.page}" if qs.source.page else "")
    parts.append(plain(f"Source: {source}", style="dim"))
    if qs.facilitators:
        parts.append(plain(f"Asks: {qs.facilitators.asker}. Writes: {qs.facilitators.writer}."))
    if qs.consent_mode == "required":
        parts.append(Text("Consent must be recorded before the meeting starts.", style="bold"))
    elif qs.consent_mode == "recommended":
        parts.append(Text("Consent is asked for; the meeting can start without it."))
    if qs.consent_text:
        parts.append(plain(f"Consent: {qs.consent_text}", style="italic"))
    if qs.guidance:
        parts.append(Text("Guidance from the source:", style="bold"))
        for g in qs.guidance:
            text = plain(g.text)
            where = [g.page] if g.page else []
            where += ["in every round"] if g.applies == "rounds" else []
            if where:
                text.append(f"  ({', '.join(where)})", style="dim")
            parts.append(indented(hanging("•", text)))
    parts.append(Text(""))
    elapsed = 0
    for n, step in enumerate(qs.steps, start=1):
        found = qs.block_at(n - 1)
        if found is not None and found[1] == n - 1:  # a block begins: say what it is
            block, first, last = found
            each = f" for each {block.each.lower()}" if block.each else ""
            said = (
                f"Steps {first + 1}–{last + 1} are done{each}, {block.repeat.span} times "
                "(ctrl+r begins the next; the times count one)."
            )
            parts.append(Padding(plain(said, style="bold green"), (0, 0, 0, 4), expand=False))
        line = Text()
        if step.planned_minutes is not None:
            end = elapsed + step.planned_minutes
            line.append(f"{clock(elapsed)}–{clock(end)} ", style="cyan")
            elapsed = end
        line.append(visible(step.title), style="bold")
        at = step.at.removeprefix("L") if step.at else ""
        lines = f", source {'lines' if '-' in at else 'line'} {at}" if at else ""
        line.append(f"  ({step.kind_label}, {step_timing(step)}{lines})", style="dim")
        # A long title wraps under itself, not under the step's number (review §3.4).
        parts.append(hanging(Text(f"{n:>2}.", style="bold"), line))
        details: list[RenderableType] = []
        if step.roles:
            names = ", ".join(qs.role(r).name for r in step.roles)
            details.append(plain(f"Asked: {names}", style="green"))
        if step.timebox:
            tb = step.timebox
            span = f"{tb.minutes}–{tb.max_minutes}" if tb.max_minutes else f"{tb.minutes}"
            details.append(Text(f"Timebox: {span} min per {tb.per}", style="green"))
        if step.ours:
            details.append(_ours(step.ours))
        if step.see:
            details.append(plain(f"Method: the set {step.see} (dialogtui show {step.see})"))
        if work := _work_form(qs, step):
            details.append(Text(work, style="green"))
        if step.is_round and step.by_organisation:
            details.append(Text(BY_ORGANISATION, style="green"))
        if step.optional is not None:
            details.append(plain(f"Optional: {step.optional}", style="bold"))
        if step.alternatives:
            details.append(Text(ALTERNATIVES, style="green"))
        elif step.is_round and len(step.questions) > 1:
            details.append(Text(ORDERS[step.order], style="green"))
        if step.text:
            details.append(plain(step.text, style="dim"))
        if step.note:
            details.append(_note(step.note))
        for n_q, q in enumerate(step.questions, start=1):
            t = plain(resolve(q.text, date, qs.horizon, qs.language))
            if q.to:
                t.append(visible(f"  → {', '.join(qs.role(r).name for r in q.to)}"), style="green")
            details.append(hanging(f"{n_q})" if step.alternatives else "•", t))
            for p in q.prompts:
                prompt = plain(resolve(p, date, qs.horizon, qs.language))
                details.append(indented(hanging("–", prompt)))
            if q.note:
                details.append(indented(_note(q.note)))
            if q.ours:
                details.append(indented(_ours(q.ours)))
        details += KIND_SPECS[step.kind].agenda(qs, step)  # the kind's own lines
        if details:
            parts.append(Padding(Group(*details), (0, 0, 0, 4), expand=False))
    return Group(*parts)


ALTERNATIVES = "Alternatives: the meeting asks one of these, chosen in the step (alt+↓)."
BY_ORGANISATION = (
    "Turns: organisation by organisation; any of its people speaks for it, and it keeps "
    "the floor until the next is given it."
)

# How a round with several questions goes round: central to an anticipation dialogue.
ORDERS = {
    "each_person": "Order: each person answers all the questions before the next person.",
    "each_question": "Order: everyone answers a question before the next question.",
}


def _note(text: str) -> Table:
    """A note for the facilitators (not read aloud): shown, where the screen folds it."""
    return hanging("Note:", plain(text, style="dim italic"))


FORMED = {
    "organisation": "a group per organisation",
    "number": "numbered",
    "choice": "as people choose them; the scribe names each (f6)",
}


def _work_form(qs: QuestionSet, step: Step) -> str:
    """How the step is worked, where it is not together in plenary."""
    spec = step.groups
    earlier = ""
    if spec is not None and spec.step is not None:
        n = qs.index_of(spec.step)
        earlier = f"the groups of step {n + 1}" if n is not None else f"the groups of '{spec.step}'"
    if step.form == "individual":
        return "Work: individually, each on their own."
    if step.in_groups:
        kind = "pairs" if step.form == "pairs" else "groups"
        formed = earlier or FORMED.get(spec.by if spec else "number", "numbered")
        return f"Work: in {kind} side by side ({formed}); each one's output under it."
    if earlier:
        return f"Turns: {earlier}, one at a time."
    return ""


def _ours(text: str) -> Table:
    """What the set adds to its source, marked as such wherever the set is shown."""
    return hanging("Not in the source:", plain(text, style="magenta"))


def indented(renderable: RenderableType) -> Padding:
    return Padding(renderable, (0, 0, 0, 2), expand=False)


def hanging(mark: str | Text, text: Text) -> Table:
    """A bullet with the text wrapped under itself, not under the bullet."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(mark, text)
    return grid
