"""A readable agenda of a question set, for `dialogtui show` and the start screen.

Above both the format and the kinds: each step's own lines come from its kind's spec.
"""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from dialogtui.display import hanging, indented, plain, visible
from dialogtui.i18n import N_, _
from dialogtui.kinds import SPECS as KIND_SPECS
from dialogtui.questionset.model import QuestionSet, Step
from dialogtui.questionset.placeholders import resolve
from dialogtui.questionset.words import format_minutes, kind_label


def clock(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h}:{m:02d}"


def step_timing(step: Step) -> str:
    if step.minutes is not None and step.repeat:
        return f"{step.repeat.span} × {minutes_of(step.minutes)}"
    return minutes_of(step.minutes)


def minutes_of(minutes: int | None) -> str:
    """Planned minutes in the app's language ("45 min", "untimed")."""
    return format_minutes(minutes, _("min"), _("untimed"))


def render_agenda(qs: QuestionSet, date: dt.date) -> Group:
    def r(text: str) -> str:
        """A text of the set as the meeting will show it: its time placeholders resolved
        ("Det er nå {future_year}" in a note as in a question)."""
        return resolve(text, date, qs.horizon, qs.language)

    parts: list[RenderableType] = []
    head = Text()
    head.append(visible(qs.title), style="bold")
    head.append(f"  [{visible(qs.id)}, {qs.language.value}]", style="dim")
    parts.append(head)
    meta = f"{qs.method}. " + _("Planned:") + " "
    run = [s for n, s in enumerate(qs.steps) if n not in qs.alternatives_left_out]
    fewest = sum(
        (s.minutes or 0) * (s.repeat.min if s.repeat else 1) for s in run
    )  # a block repeated 3–4 times: 130–160 min, not just the most; one of alternatives
    if qs.planned_minutes is not None and fewest != qs.planned_minutes:
        meta += f"{fewest}–"
    meta += minutes_of(qs.planned_minutes)
    if any(s.optional is not None for s in qs.steps) and qs.planned_minutes is not None:
        kept = [s for s in run if s.optional is None]
        needed = sum(s.planned_minutes or 0 for s in kept)
        least = sum((s.minutes or 0) * (s.repeat.min if s.repeat else 1) for s in kept)
        span = f"{least}–" if least != needed else ""  # as the whole: a block's range
        said = _("{minutes} without the optional steps").format(minutes=span + minutes_of(needed))
        meta += ", " + said
    if qs.break_minutes:
        breaks = _("and {minutes} of breaks not in it").format(minutes=minutes_of(qs.break_minutes))
        meta += ", " + breaks
    if qs.source.total:
        meta += " (" + _("source: “{total}”").format(total=qs.source.total) + ")"
    parts.append(plain(meta, style="dim"))
    if qs.description:
        parts.append(plain(r(qs.description), style="italic"))
    if qs.ours:
        parts.append(_ours(r(qs.ours)))
    source = qs.source.document + (f", {qs.source.page}" if qs.source.page else "")
    parts.append(plain(_("Source: {source}").format(source=source), style="dim"))
    if qs.facilitators:
        f = qs.facilitators
        parts.append(
            plain(_("Asks: {asker}. Writes: {writer}.").format(asker=f.asker, writer=f.writer))
        )
    if qs.consent_mode == "required":
        said = _("Consent must be recorded before the meeting starts.")
        parts.append(Text(said, style="bold"))
    elif qs.consent_mode == "recommended":
        parts.append(Text(_("Consent is asked for; the meeting can start without it.")))
    if qs.consent_text:
        parts.append(plain(_("Consent: {text}").format(text=r(qs.consent_text)), style="italic"))
    if qs.guidance:
        parts.append(Text(_("Guidance from the source:"), style="bold"))
        for g in qs.guidance:
            text = plain(r(g.text))
            where = [g.page] if g.page else []
            where += [_("in every round")] if g.applies == "rounds" else []
            if where:
                text.append(f"  ({', '.join(where)})", style="dim")
            parts.append(indented(hanging("•", text)))
    parts.append(Text(""))
    elapsed = 0
    began: dict[int, int] = {}  # a group of alternatives: where each of them begins
    for n, step in enumerate(qs.steps, start=1):
        group = qs.alternatives_of(n - 1)
        if group is not None:
            steps = qs.alternative_steps(group)
            elapsed = began.setdefault(group, elapsed)  # each begins where the first does
            if steps[0] == n - 1:  # the group begins: say what it is
                parts.append(_alternatives_line(qs, group, r))
        found = qs.block_at(n - 1)
        if found is not None and found[1] == n - 1:  # a block begins: say what it is
            block, first, last = found
            each = block.each.lower() if block.each else ""
            said = (
                (
                    _("Steps {first}–{last} are done for each {each}, {times} times").format(
                        first=first + 1, last=last + 1, each=each, times=block.repeat.span
                    )
                    if each
                    else _("Steps {first}–{last} are done {times} times").format(
                        first=first + 1, last=last + 1, times=block.repeat.span
                    )
                )
                + " "
                + _("(ctrl+r begins the next; the times count one).")
            )
            parts.append(Padding(plain(said, style="bold green"), (0, 0, 0, 4), expand=False))
        line = Text()
        if step.planned_minutes is not None:
            end = elapsed + step.planned_minutes
            line.append(f"{clock(elapsed)}–{clock(end)} ", style="cyan")
            elapsed = end
        if group is not None and steps[-1] == n - 1:  # after the group: its longest
            longest = max((qs.steps[i].planned_minutes or 0) for i in steps)
            elapsed = began[group] + longest
        line.append(visible(step.title), style="bold")
        at = step.at.removeprefix("L") if step.at else ""
        found_at = (_("source lines {at}") if "-" in at else _("source line {at}")).format(at=at)
        lines = f", {found_at}" if at else ""
        line.append(f"  ({kind_label(step)}, {step_timing(step)}{lines})", style="dim")
        # A long title wraps under itself, not under the step's number.
        parts.append(hanging(Text(f"{n:>2}.", style="bold"), line))
        details: list[RenderableType] = []
        if step.roles:
            names = ", ".join(qs.role(r).name for r in step.roles)
            details.append(plain(_("Asked: {names}").format(names=names), style="green"))
        if step.timebox:
            tb = step.timebox
            span = f"{tb.minutes}–{tb.max_minutes}" if tb.max_minutes else f"{tb.minutes}"
            per = {"person": _("per person"), "organisation": _("per organisation")}
            said = _("Timebox: {span} min {per}").format(
                span=span, per=per.get(tb.per, _("per group"))
            )
            if step.groups is not None and step.groups.meet == "pairs":
                # Two groups in a pair, one at a time; the pairs side by side.
                pair = f"{2 * tb.minutes}–{2 * tb.max_minutes}" if tb.max_minutes else ""
                said += "; " + _(
                    "a pair of groups meets for {span} min, the pairs side by side"
                ).format(span=pair or 2 * tb.minutes)
            details.append(Text(said, style="green"))
        if step.ours:
            details.append(_ours(r(step.ours)))
        if step.see:
            said = _("Method: the set {id} (dialogtui show {id})").format(id=step.see)
            details.append(plain(said))
        if work := _work_form(qs, step):
            details.append(Text(work, style="green"))
        if step.is_round and step.by_organisation:
            details.append(Text(_(BY_ORGANISATION), style="green"))
        if step.optional is not None:
            details.append(
                plain(_("Optional: {condition}").format(condition=r(step.optional)), style="bold")
            )
        if step.alternatives:
            details.append(Text(_(ALTERNATIVES), style="green"))
        elif step.is_round and len(step.questions) > 1:
            details.append(Text(_(ORDERS[step.order]), style="green"))
        if step.text:
            details.append(plain(r(step.text), style="dim"))
        if step.note:
            details.append(_note(r(step.note)))
        for n_q, q in enumerate(step.questions, start=1):
            t = plain(r(q.text))
            if q.asked != "all":
                t.append(f"  ({_(ASKED[q.asked])})", style="green")
            if q.to:
                t.append(visible(f"  → {', '.join(qs.role(r).name for r in q.to)}"), style="green")
            details.append(hanging(f"{n_q})" if step.alternatives else "•", t))
            for p in q.prompts:
                prompt = plain(r(p))
                details.append(indented(hanging("–", prompt)))
            if q.note:
                details.append(indented(_note(r(q.note))))
            if q.ours:
                details.append(indented(_ours(r(q.ours))))
        details += KIND_SPECS[step.kind].agenda(qs, step)  # the kind's own lines
        if details:
            parts.append(Padding(Group(*details), (0, 0, 0, 4), expand=False))
    return Group(*parts)


# Marked for the catalogues (N_), translated where they are shown (_).
ALTERNATIVES = N_("Alternatives: the meeting asks one of these, chosen in the step (alt+↓).")
BY_ORGANISATION = N_(
    "Turns: organisation by organisation; any of its people speaks for it, and it keeps "
    "the floor until the next is given it."
)

# Who answers a question that is not asked of each in turn.
ASKED = {
    "one": N_("one person answers it, given the floor by the scribe: f6 or tab"),
    "plenary": N_("the room together, not one by one"),
}

# How a round with several questions goes round: central to an anticipation dialogue.
ORDERS = {
    "each_person": N_("Order: each person answers all the questions before the next person."),
    "each_question": N_("Order: everyone answers a question before the next question."),
}


def _note(text: str) -> Table:
    """A note for the facilitators (not read aloud): shown, where the screen folds it."""
    return hanging(_("Note:"), plain(text, style="dim italic"))


FORMED = {
    "organisation": N_("a group per organisation"),
    "number": N_("numbered"),
    "choice": N_("as people choose them; the scribe names each (f6)"),
}


def _work_form(qs: QuestionSet, step: Step) -> str:
    """How the step is worked, where it is not together in plenary."""
    spec = step.groups
    earlier = ""
    if spec is not None and spec.step is not None:
        n = qs.index_of(spec.step)
        earlier = (
            _("the groups of step {n}").format(n=n + 1)
            if n is not None
            else _("the groups of '{id}'").format(id=spec.step)
        )
    if step.form == "individual":
        return _(
            "Work: individually, each on their own; what one writes is filed under them "
            "(tab, f6), else as individual work."
        )
    if step.in_groups:
        formed = earlier or _(FORMED.get(spec.by if spec else "number", FORMED["number"]))
        said = (
            _("Work: in pairs side by side ({formed}); each one's output under it.")
            if step.form == "pairs"
            else _("Work: in groups side by side ({formed}); each one's output under it.")
        )
        return said.format(formed=formed)
    if earlier and spec is not None and spec.meet == "pairs":
        said = _(
            "Turns: {groups} meet two by two, the pairs side by side; in each pair one group "
            "at a time (an odd one out joins the last pair)."
        )
        return said.format(groups=earlier)
    if earlier:
        return _("Turns: {groups}, one at a time.").format(groups=earlier)
    return ""


def _alternatives_line(qs: QuestionSet, group: int, r) -> RenderableType:
    """Where a group of alternative steps begins: which they are, and that one is run."""
    steps = qs.alternative_steps(group)
    numbers = ", ".join(str(i + 1) for i in steps[:-1])
    said = _(
        "Steps {steps} and {last} are alternatives: the meeting runs one of them, the first "
        "unless the scribe chooses another (ctrl+e at it)."
    ).format(steps=numbers, last=steps[-1] + 1)
    out: list[RenderableType] = [plain(said, style="bold green")]
    if ours := qs.alternatives[group].ours:
        out.append(_ours(r(ours)))
    return Padding(Group(*out), (0, 0, 0, 4), expand=False)


def _ours(text: str) -> Table:
    """What the set adds to its source, marked as such wherever the set is shown."""
    return hanging(_("Not in the source:"), plain(text, style="magenta"))
