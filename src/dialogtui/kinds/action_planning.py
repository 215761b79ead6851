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
    plan: PlanFrame, L: dict[str, str], language: str, text: Callable[[str], str]
) -> list[tuple[str, str]]:
    """The plan's frame as (label, value) where something was written, for the minutes and
    the read-back alike; `text` makes each user text fit where it goes (escaped, names
    replaced)."""
    meeting = date_text(plan.follow_up_on, "long", language) if plan.follow_up_on else ""
    if plan.follow_up_by:
        called = L["called_by"].format(name=text(plan.follow_up_by))
        meeting = f"{meeting}, {called}" if meeting else called
    facts = [
        (L["goal_own"], text(plan.goal_own)),
        (L["goal_professionals"], text(plan.goal_professionals)),
        (L["plan_owner"], text(plan.owner)),
        (L["follow_up_meeting"], meeting),
        (L["by_others"], text(plan.by_others)),
    ]
    return [(label, value) for label, value in facts if value]


def minutes(w: Any, n: int, step: Step, _rep: int | None) -> list[str]:
    # The plan stands once, in the set's first action-planning step: its frame (goal,
    # owner, follow-up meeting), then its actions.
    return w.plan_frame() + w.action_table(w.r.actions, step) if n == w.plan_step else []


SPEC = KindSpec(
    owns=("columns",),
    panel="dialogtui.tui.widgets.action_table:ActionTable",
    panel_id="actions",
    beside_table=True,
    minutes=minutes,
)
