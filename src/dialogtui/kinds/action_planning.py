"""An action-planning step: what, how, who, with whom, when, first step, in a table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogtui.kinds.base import KindSpec

if TYPE_CHECKING:
    from dialogtui.questionset.model import Step


def minutes(w: Any, n: int, step: Step, _rep: int | None) -> list[str]:
    # The plan stands once, in the set's first action-planning step.
    return w.action_table(w.r.actions, step) if n == w.plan_step else []


SPEC = KindSpec(
    owns=("columns",),
    panel="dialogtui.tui.widgets.action_table:ActionTable",
    panel_id="actions",
    beside_table=True,
    minutes=minutes,
)
