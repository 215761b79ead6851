"""A meeting's action plan: its actions, what it said of earlier meetings' actions, and
the plan's frame (goal, owner, the follow-up meeting)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dialogtui.errors import MeetingError
from dialogtui.i18n import _
from dialogtui.kinds.action_planning import typed_time
from dialogtui.records import FollowUp, PlanFrame

if TYPE_CHECKING:
    from dialogtui.meeting.clock import Clock
    from dialogtui.records import ActionItem, ActionStatus, MeetingInfo, Position
    from dialogtui.store import ActionsRepo


class Actions:
    """The actions of one meeting. One made here is stamped with where the engine is
    (`here`) and the group with the floor (`group`), in a step worked in groups."""

    def __init__(
        self,
        store: ActionsRepo,
        meeting_id: int,
        clock: Clock,
        info: MeetingInfo,
        here: Callable[[], Position],
        group: Callable[[], int | None],
    ):
        self._store, self._id, self._clock, self._info = store, meeting_id, clock, info
        self._here, self._group = here, group

    def add(self, item: ActionItem) -> ActionItem:
        if not item.what.strip():
            raise MeetingError(_("an action item needs at least a 'what'"))
        if item.step is None:  # made here: in this case, by the group with the floor
            here = self._here()
            item.step, item.repetition = here.step, here.repetition
            group = self._group()
            if group is not None:
                item.group_id = group
        # In a series the action carries over to the next meeting while it is open.
        return self._store.add_action(self._id, item, self._info.series, self._clock.now())

    def update(self, item: ActionItem) -> None:
        if not item.what.strip():
            raise MeetingError(_("an action item needs at least a 'what'"))
        self._store.update_action(self._id, item, self._clock.now())

    def delete(self, action_id: int) -> None:
        self._store.delete_action(self._id, action_id)

    def all(self) -> list[ActionItem]:
        return self._store.actions(self._id)

    def carried(self) -> list[ActionItem]:
        """The open actions of the earlier meetings of this one's series."""
        return self._store.carried_actions(self._id)

    def follow_up(self, action_id: int, status: ActionStatus, comment: str = "") -> None:
        self._store.follow_up(self._id, FollowUp(action_id, status, comment), self._clock.now())

    def follow_ups(self) -> list[FollowUp]:
        """What this meeting said about earlier actions."""
        return self._store.follow_ups(self._id)

    def plan(self) -> PlanFrame:
        return self._store.plan(self._id)

    def save_plan(self, plan: PlanFrame) -> None:
        """The plan's goal, owner and follow-up meeting (a coordinated plan's fields); its
        time kept as "HH:MM", whichever way it was typed ("14.00", "14")."""
        self._store.save_plan(
            self._id,
            PlanFrame(
                plan.goal_own.strip(),
                plan.goal_professionals.strip(),
                plan.owner.strip(),
                plan.follow_up_on,
                plan.follow_up_by.strip(),
                plan.by_others.strip(),
                typed_time(plan.follow_up_at),
                plan.follow_up_place.strip(),
            ),
        )
