"""A scale step (zones of concern): each participant rated with one digit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogtui.kinds.base import KindSpec

if TYPE_CHECKING:
    from dialogtui.questionset.model import QuestionSet, Step


def agenda(qs: QuestionSet, step: Step) -> list:
    from rich.text import Text

    from dialogtui.display import plain
    from dialogtui.questionset.agenda import hanging, indented

    assert step.scale is not None
    out: list = [Text("Each participant rates.", style="green")]
    for point in step.scale.points:
        out.append(hanging(str(point.value), plain(f"{point.zone}: {point.description}")))
        if point.need:
            out.append(indented(hanging("⇒", plain(point.need, style="bold"))))
    return out


def minutes(w: Any, n: int, step: Step, _rep: int | None) -> list[str]:
    from dialogtui.export.escape import cell

    assert step.scale is not None
    L = w.L
    points = {p.value: p for p in step.scale.points}
    ratings = [x for x in w.r.ratings if x.step == n]
    if not ratings:
        return []
    out = [
        f"| {L['name']} | {L['value']} | {L['zone']} | {L['comment']} |",
        "|---|---:|---|---|",
    ]
    for x in ratings:
        point = points.get(x.value)
        # What the zone calls for, where the source says (Orons zoner: "Extra resurser
        # måste till omgående"), stands beside the zone: it is what the rating asks of
        # those who read the minutes.
        zone = "" if point is None else point.zone + (f" ({point.need})" if point.need else "")
        out.append(
            f"| {w.speaker(x.participant_id)} | {x.value} | {cell(zone)} | {w.c(x.comment)} |"
        )
    return [*out, ""]


SPEC = KindSpec(
    round=True,
    needs="scale",
    owns=("scale",),
    panel="dialogtui.tui.widgets.scale_panel:ScalePanel",
    panel_id="scale",
    agenda=agenda,
    minutes=minutes,
)
