"""An action-planning step: what, how, who, with whom, when, first step, in a table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogtui.kinds.base import KindSpec

if TYPE_CHECKING:
    from collections.abc import Callable

    from dialogtui.questionset.model import QuestionSet, Step
    from dialogtui.records import ActionItem


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
