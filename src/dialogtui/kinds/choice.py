"""A choice step (the Danish forms and models of collaboration): options marked now and
desired; or, as a continuum (the Danish approach that "kan ses som en skala"), the point
between its two options where the group stands."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogtui.errors import MeetingError
from dialogtui.i18n import _
from dialogtui.kinds.base import KindSpec
from dialogtui.records import ChoiceMark

if TYPE_CHECKING:
    from dialogtui.kinds.context import KindContext
    from dialogtui.questionset.model import QuestionSet, Step


def marks(ctx: KindContext) -> list[ChoiceMark]:
    """The choices marked in the current step, this time through it (in a block: this case)."""
    here = (ctx.index, ctx.repetition)
    return [m for m in ctx.items.choice_marks(ctx.meeting_id) if (m.step, m.repetition) == here]


def mark(ctx: KindContext, option_id: str, rating: str, participant_id: int | None = None) -> None:
    """An option marked now or desired; in a choice of several, marked again: unmarked."""
    choice = ctx.step.choice
    if choice is None:
        raise MeetingError(_("this step has no choice"))
    if choice.continuum is not None:
        raise MeetingError(_("this choice is a scale between its two options: mark its point"))
    if option_id not in {o.id for o in choice.options}:
        raise MeetingError(_("unknown option '{id}'").format(id=option_id))
    if rating not in choice.ratings:
        said = _("this choice is rated {ratings}, not {rating}")
        raise MeetingError(said.format(ratings=" / ".join(choice.ratings), rating=rating))
    chosen = ChoiceMark(ctx.index, option_id, rating, participant_id, ctx.repetition)
    if choice.several:
        ctx.items.toggle_pick(ctx.meeting_id, chosen)  # one of several: on, or off again
    else:
        ctx.items.mark_choice(ctx.meeting_id, chosen)


def place(ctx: KindContext, point: int) -> None:
    """The group's point on a continuum, 1 at its first option's end (marked again: moved)."""
    choice = ctx.step.choice
    if choice is None or choice.continuum is None:
        raise MeetingError(_("this step has no continuum to mark a point on"))
    if not 1 <= point <= choice.continuum:
        raise MeetingError(_("this continuum has points 1–{n}").format(n=choice.continuum))
    mark = ChoiceMark(ctx.index, str(point), choice.ratings[0], None, ctx.repetition)
    ctx.items.mark_choice(ctx.meeting_id, mark)


def point(step: Step, marks: list) -> int | None:
    """The point marked on a continuum step, or None."""
    found = [m for m in marks if m.option_id.isdigit()]
    return int(found[-1].option_id) if found and step.choice and step.choice.continuum else None


def line(points: int, at: int | None) -> str:
    """The continuum as a line of points, the one marked filled: "○ ○ ● ○ ○"."""
    return " ".join("●" if n == at else "○" for n in range(1, points + 1))


def agenda(qs: QuestionSet, step: Step) -> list:
    from dialogtui.display import hanging, indented, plain

    assert step.choice is not None
    names = {"now": _("now"), "desired": _("desired")}
    ratings = " / ".join(names[r] for r in step.choice.ratings)
    out: list = []
    if step.choice.continuum:
        first, last = step.choice.options
        ends = f"{first.label} {line(step.choice.continuum, None)} {last.label}"
        said = _("{ends} (a point, {ratings})").format(ends=ends, ratings=ratings)
        out.append(hanging("↔", plain(said)))
        ratings = _("one end")
    for opt in step.choice.options:
        out.append(hanging("○", plain(f"{opt.label} ({ratings})")))
        if opt.description:
            out.append(indented(plain(opt.description, style="dim")))
    return out


def minutes(d: Any, n: int, step: Step, rep: int | None) -> list:
    from dialogtui.export.document import OF_MEETING, Paragraph, Table, label, ours, said

    assert step.choice is not None
    L = d.L
    marks = [m for m in d.r.choices if m.step == n and rep in (None, m.repetition)]
    if not marks:
        return []
    ratings = step.choice.ratings
    if step.choice.continuum:
        at = point(step, marks)
        first, last = (d.q(o.label) for o in step.choice.options)
        where = f" ({at} {L['of']} {step.choice.continuum})"
        drawn = ours(f" {line(step.choice.continuum, at)} ")
        # Where the room stands on the line: the meeting's, as all marked it together.
        at_line = [label(f"{L[ratings[0]]}:"), ours(" "), first, drawn, last, ours(where)]
        return [Paragraph(at_line, OF_MEETING)]
    rows = []
    for opt in step.choice.options:
        row = [[said(opt.label)]]
        for rating in ratings:
            who = [m for m in marks if m.option_id == opt.id and m.rating == rating]
            marked = []
            for k, m in enumerate(who):
                # Each mark its marker's: a copy holds the marks of its own people only;
                # the room's mark (no one's, "✓") is what the meeting chose.
                pid = m.participant_id
                mark = OF_MEETING if pid is None else d.whose_turn(pid)
                marked += [ours(", ")._replace(whose=mark)] if k else []
                shown = ours("✓") if pid is None else said(d.speaker(pid))
                marked.append(shown._replace(whose=mark))
            row.append(marked)
        rows.append(row)
    heads = [[ours(L["option"])]] + [[ours(L[r])] for r in ratings]
    return [Table(heads, rows, whose=OF_MEETING)]


SPEC = KindSpec(
    panel="dialogtui.tui.widgets.choice_panel:ChoicePanel",
    panel_id="choice",
    agenda=agenda,
    minutes=minutes,
)
