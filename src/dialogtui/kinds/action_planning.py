"""An action-planning step: what, how, who, with whom, when, first step, in a table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogtui.i18n import date_text
from dialogtui.kinds.base import KindSpec

if TYPE_CHECKING:
    from collections.abc import Callable

    from dialogtui.questionset.model import QuestionSet, Step
    from dialogtui.records import ActionItem, PlanFrame


def made_in(
    qs: QuestionSet, items: list[ActionItem], group: Callable[[int], str], L: dict[str, str]
) -> tuple[list[str], Callable[[ActionItem], list[str]]]:
    """The plan's first columns where they say something: the case each action was made in
    (a block done more than once, Träff 4's cases) and the group that made it (groups side
    by side, Träff 5's "Sätt er i grupper"). Their heads, and each action's cells."""
    heads: list[str] = []
    cells: list[Callable[[ActionItem], str]] = []
    if any(a.repetition > 1 for a in items):
        blocks = [qs.block_at(a.step) for a in items if a.step is not None]
        each = next((b[0].each for b in blocks if b and b[0].each), None)
        heads.append(each or L["repetition"])
        cells.append(lambda a: str(a.repetition))
    if any(a.group_id is not None for a in items):
        heads.append(L["group_name"])
        cells.append(lambda a: group(a.group_id) if a.group_id is not None else "")
    return heads, lambda a: [cell(a) for cell in cells]


def frame_facts(
    plan: PlanFrame, L: dict[str, str], language: str
) -> list[tuple[str, list[tuple[str, bool]]]]:
    """The plan's frame as (label, value) where something was written, for the minutes and
    the read-back alike; each value in pieces (text, typed): what someone typed, which each
    place makes fit (escaped, names replaced), beside dialogtui's own words and dates."""
    meeting: list[tuple[str, bool]] = []
    if plan.follow_up_on:
        meeting.append((date_text(plan.follow_up_on, "long", language), False))
    if plan.follow_up_by:
        before, _, after = L["called_by"].partition("{name}")
        meeting += [(", " if meeting else "", False), (before, False)]
        meeting += [(plan.follow_up_by, True), (after, False)]
    facts = [
        (L["goal_own"], [(plan.goal_own, True)]),
        (L["goal_professionals"], [(plan.goal_professionals, True)]),
        (L["plan_owner"], [(plan.owner, True)]),
        (L["follow_up_meeting"], meeting),
        (L["by_others"], [(plan.by_others, True)]),
    ]
    return [
        (name, [(text, typed) for text, typed in value if text])
        for name, value in facts
        if any(text for text, _ in value)
    ]


def minutes(d: Any, n: int, step: Step, _rep: int | None) -> list:
    # The plan stands once, in the set's first action-planning step: its frame (goal,
    # owner, follow-up meeting), then its actions.
    return d.plan_frame() + d.action_table(d.r.actions, step) if n == d.plan_step else []


SPEC = KindSpec(
    owns=("columns",),
    panel="dialogtui.tui.widgets.action_table:ActionTable",
    panel_id="actions",
    beside_table=True,
    minutes=minutes,
)
