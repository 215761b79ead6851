"""A choice step (the Danish forms and models of collaboration): options marked now and
desired."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogtui.kinds.base import KindSpec

if TYPE_CHECKING:
    from dialogtui.questionset.model import QuestionSet, Step


def agenda(qs: QuestionSet, step: Step) -> list:
    from dialogtui.display import plain
    from dialogtui.questionset.agenda import hanging, indented

    assert step.choice is not None
    ratings = " / ".join(step.choice.ratings)
    out: list = []
    for opt in step.choice.options:
        out.append(hanging("○", plain(f"{opt.label} ({ratings})")))
        if opt.description:
            out.append(indented(plain(opt.description, style="dim")))
    return out


def minutes(w: Any, n: int, step: Step, _rep: int | None) -> list[str]:
    from dialogtui.export.escape import cell

    assert step.choice is not None
    L = w.L
    marks = [m for m in w.r.choices if m.step == n]
    if not marks:
        return []
    ratings = step.choice.ratings
    out = [
        f"| {L['option']} | " + " | ".join(L[r] for r in ratings) + " |",
        "|---|" + "---|" * len(ratings),
    ]
    for opt in step.choice.options:
        cells = []
        for rating in ratings:
            who = [m for m in marks if m.option_id == opt.id and m.rating == rating]
            cells.append(
                ", ".join(
                    "✓" if m.participant_id is None else w.speaker(m.participant_id) for m in who
                )
            )
        out.append(f"| {cell(opt.label)} | " + " | ".join(cells) + " |")
    return [*out, ""]


SPEC = KindSpec(
    needs="choice",
    owns=("choice",),
    panel="dialogtui.tui.widgets.choice_panel:ChoicePanel",
    panel_id="choice",
    agenda=agenda,
    minutes=minutes,
)
