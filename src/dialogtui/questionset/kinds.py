"""The step kinds as the format knows them: each kind's name and its shape, one line a kind.

The shape is what a set file's step of the kind must and may hold, and how the meeting
walks it: whether everyone asked answers in turn, the step table it needs, the fields only
it may have, whether its items are cards. The model validates a file with it alone, so
that reading a set never needs what the kinds do (their panels, their lines in `show` and
in the minutes: `dialogtui.kinds`, which looks a kind up here and never the other way
round).

A new kind is a member of `StepKind` here, with its shape; a field of its own on `Step`
(as `scale` or `places`) is the one thing it still adds to the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from dialogtui.i18n import N_


@dataclass(frozen=True)
class KindShape:
    # The kind's name as lists show it, marked for the catalogues and translated where
    # it is shown.
    label: str
    round: bool = False  # everyone asked answers in turn, the round moving on after a turn
    needs: str | None = None  # the step field a step of this kind must have ("scale")
    owns: tuple[str, ...] = ()  # step fields only this kind may have ("scale", "columns")
    # Its items are cards (dialogtui.records.Card), kept per time through a block; its
    # section of the minutes is then written for each time through, under its heading.
    cards: bool = False


# A comment, not a docstring: pydantic would put a docstring into the JSON Schema.
class StepKind(StrEnum):
    shape: KindShape

    def __new__(cls, value: str, shape: KindShape) -> StepKind:
        member = str.__new__(cls, value)
        member._value_ = value
        member.shape = shape
        return member

    opening_round = "opening_round", KindShape(N_("opening round"), round=True)
    closing_round = "closing_round", KindShape(N_("closing round"), round=True)
    round = "round", KindShape(N_("round"), round=True)
    discussion = "discussion", KindShape(N_("discussion"))
    group_work = "group_work", KindShape(N_("group work"))
    presentation = "presentation", KindShape(N_("presentation"))
    reflecting_team = "reflecting_team", KindShape(N_("reflecting team"))
    brief = "brief", KindShape(N_("brief"))
    break_ = "break", KindShape(N_("break"))
    scale = "scale", KindShape(N_("scale"), round=True, needs="scale", owns=("scale",))
    choice = "choice", KindShape(N_("choice"), needs="choice", owns=("choice",))
    action_planning = "action_planning", KindShape(N_("action planning"), owns=("columns",))
    follow_up = "follow_up", KindShape(N_("follow up"))
    vote = "vote", KindShape(N_("vote"), cards=True, needs="vote", owns=("vote",))
    needs = "needs", KindShape(N_("needs"), round=True, cards=True)
    timeline = "timeline", KindShape(N_("timeline"), round=True, cards=True)
    map = "map", KindShape(N_("map"), cards=True, needs="places", owns=("places",))
