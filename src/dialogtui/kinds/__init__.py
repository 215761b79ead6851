"""What each step kind does: one line here per kind that does something of its own. Its
shape (what a set file's step of it holds) is its member of `StepKind`, which the format
validates with alone (`dialogtui.questionset.kinds`)."""

from __future__ import annotations

from dialogtui.kinds import action_planning, board, choice, follow_up, needs, scale, vote
from dialogtui.kinds.base import PLAIN, KindSpec
from dialogtui.questionset.kinds import StepKind

# Every kind not named here is worked in the text box alone (PLAIN).
SPECS: dict[StepKind, KindSpec] = {kind: PLAIN for kind in StepKind} | {
    StepKind.scale: scale.SPEC,
    StepKind.choice: choice.SPEC,
    StepKind.action_planning: action_planning.SPEC,
    StepKind.follow_up: follow_up.SPEC,
    StepKind.vote: vote.SPEC,
    StepKind.needs: needs.SPEC,
    StepKind.timeline: board.TIMELINE,
    StepKind.map: board.MAP,
}
