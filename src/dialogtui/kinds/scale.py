"""A scale step (zones of concern): each participant rated with one digit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogtui.errors import MeetingError
from dialogtui.i18n import _
from dialogtui.kinds.base import KindSpec
from dialogtui.records import ScaleRating, saved

if TYPE_CHECKING:
    from dialogtui.kinds.context import KindContext
    from dialogtui.questionset.model import QuestionSet, Step


def rate(ctx: KindContext, pid: int, value: int, comment: str | None = None) -> None:
    """Rate someone on the step's scale; without a comment, one given earlier stays."""
    scale = ctx.step.scale
    if scale is None:
        raise MeetingError(_("this step has no scale"))
    values = [p.value for p in scale.points]
    if value not in values:
        raise MeetingError(
            _("{value} is not on the scale ({low}–{high})").format(
                value=value, low=values[0], high=values[-1]
            )
        )
    rating = ScaleRating(ctx.index, pid, value, comment or "", ctx.repetition)
    ctx.items.rate_scale(ctx.meeting_id, rating, comment=comment is not None)


def rate_speaker(ctx: KindContext, value: int) -> int:
    """The digit typed: the one whose turn it is rated, the round moving on. Their id."""
    speaker = ctx.speaker
    if speaker is None:
        raise MeetingError(_("Everyone has rated; tab chooses whose rating to change."))
    rater = saved(speaker.id)
    rate(ctx, rater, value)
    ctx.next_in_round()
    return rater


def ratings(ctx: KindContext) -> list[ScaleRating]:
    """The scale ratings given in the current step, this time through it (in a block: this
    case; each child's zones are its own)."""
    here = (ctx.index, ctx.repetition)
    return [r for r in ctx.items.scale_ratings(ctx.meeting_id) if (r.step, r.repetition) == here]


def agenda(qs: QuestionSet, step: Step) -> list:
    from rich.text import Text

    from dialogtui.display import hanging, indented, plain

    assert step.scale is not None
    out: list = [Text(_("Each participant rates."), style="green")]
    for point in step.scale.points:
        out.append(hanging(str(point.value), plain(f"{point.zone}: {point.description}")))
        if point.need:
            out.append(indented(hanging("⇒", plain(point.need, style="bold"))))
    return out


def minutes(d: Any, n: int, step: Step, rep: int | None) -> list:
    from dialogtui.export.document import Table, ours, said

    assert step.scale is not None
    L = d.L
    points = {p.value: p for p in step.scale.points}
    ratings = [x for x in d.r.ratings if x.step == n and rep in (None, x.repetition)]
    if not ratings:
        return []
    rows, whose = [], []
    for x in ratings:
        whose.append(d.whose_turn(x.participant_id))  # each rating its rater's
        point = points.get(x.value)
        # What the zone calls for, where the source says (Orons zoner: "Extra resurser
        # måste till omgående"), stands beside the zone: it is what the rating asks of
        # those who read the minutes.
        zone = "" if point is None else point.zone + (f" ({point.need})" if point.need else "")
        rows.append(
            [
                [said(d.speaker(x.participant_id))],
                [ours(str(x.value))],
                [said(zone)],
                [d.t(x.comment)],
            ]
        )
    heads = [[ours(L[k])] for k in ("name", "value", "zone", "comment")]
    return [Table(heads, rows, right=frozenset({1}), rows_whose=whose)]


SPEC = KindSpec(
    panel="dialogtui.tui.widgets.scale_panel:ScalePanel",
    panel_id="scale",
    agenda=agenda,
    minutes=minutes,
)
