"""The step kinds, each with its spec: one line here per kind (and its member in
`StepKind`, which a test keeps in step with this table)."""

from __future__ import annotations

from dialogtui.kinds import action_planning, board, choice, follow_up, needs, scale, vote
from dialogtui.kinds.base import PLAIN, ROUND, KindSpec

SPECS: dict[str, KindSpec] = {
    "opening_round": ROUND,
    "closing_round": ROUND,
    "round": ROUND,
    "discussion": PLAIN,
    "group_work": PLAIN,
    "presentation": PLAIN,
    "reflecting_team": PLAIN,
    "brief": PLAIN,
    "break": PLAIN,
    "scale": scale.SPEC,
    "choice": choice.SPEC,
    "action_planning": action_planning.SPEC,
    "follow_up": follow_up.SPEC,
    "vote": vote.SPEC,
    "needs": needs.SPEC,
    "timeline": board.TIMELINE,
    "map": board.MAP,
}


def spec(kind: str) -> KindSpec:
    return SPECS[kind]
