"""A follow-up step: the previous meeting's open actions, each marked done or not."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dialogtui.kinds.base import KindSpec

if TYPE_CHECKING:
    from dialogtui.questionset.model import Step


def minutes(d: Any, n: int, step: Step, _rep: int | None) -> list:
    return d.follow_up(heading=False) if n == d.follow_up_step else []


SPEC = KindSpec(
    panel="dialogtui.tui.widgets.follow_up_table:FollowUpTable",
    panel_id="follow-up",
    beside_table=True,
    minutes=minutes,
)
