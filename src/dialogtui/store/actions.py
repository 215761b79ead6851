"""The action plan: actions, their follow-up in later meetings of a series, and the plan's
frame (the goals, who owns the plan, when it is followed up)."""

from __future__ import annotations

import datetime as dt
import sqlite3

from dialogtui.errors import StoreError
from dialogtui.i18n import _
from dialogtui.records import (
    OPEN_STATUSES,
    ActionHistory,
    ActionItem,
    ActionRow,
    ActionStatus,
    FollowedUp,
    FollowUp,
    MeetingStatus,
    PlanFrame,
    SeriesMeeting,
    SeriesPlan,
)
from dialogtui.store.connection import StoreBase, _new_id, _ts


class ActionsRepo(StoreBase):
    """What the meeting agreed to do, and what became of it."""

    def add_action(
        self, meeting_id: int, item: ActionItem, series: str | None, now: dt.datetime
    ) -> ActionItem:
        with self.tx() as c:
            # The series is read here, in the insert's own transaction: another window may
            # have just made this meeting part of one (by following it up).
            cur = c.execute(
                "INSERT INTO actions (meeting_id, step_index, repetition, group_id, series, what,"
                " how, who, with_whom, due, first_step, status, created_at, updated_at)"
                " VALUES (?,?,?,?,COALESCE((SELECT series FROM meetings WHERE id=?), ?),"
                " ?,?,?,?,?,?,?,?,?)",
                (
                    meeting_id,
                    item.step,
                    item.repetition,
                    item.group_id,
                    meeting_id,
                    series,
                    *_action_values(item),
                    _ts(now),
                    _ts(now),
                ),
            )
        item.id, item.meeting_id = _new_id(cur), meeting_id
        return item

    def update_action(self, meeting_id: int, item: ActionItem, now: dt.datetime) -> None:
        with self.tx() as c:
            cur = c.execute(
                "UPDATE actions SET what=?, how=?, who=?, with_whom=?, due=?, first_step=?,"
                " status=?, updated_at=? WHERE id=? AND meeting_id=?",
                (*_action_values(item), _ts(now), item.id, meeting_id),
            )
            if cur.rowcount != 1:
                said = _("action {id} does not exist in meeting {meeting}")
                raise StoreError(said.format(id=item.id, meeting=meeting_id))

    def delete_action(self, meeting_id: int, action_id: int) -> None:
        with self.tx() as c:
            c.execute("DELETE FROM actions WHERE id=? AND meeting_id=?", (action_id, meeting_id))

    def actions(self, meeting_id: int) -> list[ActionItem]:
        return [
            _action(r)
            for r in self.query(
                "SELECT * FROM actions WHERE meeting_id=? ORDER BY id", (meeting_id,)
            )
        ]

    def carried_actions(self, meeting_id: int) -> list[ActionItem]:
        """Open actions from earlier meetings of this meeting's series, to follow up."""
        series = self._meeting_row(meeting_id)["series"]
        if not series:
            return []
        return [
            _action(a)
            for a in self.query(
                "SELECT a.* FROM actions a JOIN meetings m ON m.id = a.meeting_id"
                " WHERE a.series=? AND a.meeting_id<>? AND m.id < ?"
                " AND (a.status IN (?, ?)"
                "      OR a.id IN (SELECT action_id FROM follow_ups WHERE meeting_id=?))"
                " ORDER BY a.id",
                (series, meeting_id, meeting_id, *OPEN_STATUSES, meeting_id),
            )
        ]

    def all_actions(self) -> list[ActionRow]:
        rows = self.query(
            "SELECT a.*, m.title AS meeting_title, m.date AS meeting_date FROM actions a"
            " JOIN meetings m ON m.id = a.meeting_id ORDER BY a.due IS NULL, a.due, a.id"
        )
        return [
            ActionRow(_action(r), r["meeting_id"], r["meeting_title"], r["meeting_date"])
            for r in rows
        ]

    def follow_up(self, meeting_id: int, fu: FollowUp, now: dt.datetime) -> None:
        if fu.action_id not in {a.id for a in self.carried_actions(meeting_id)}:
            said = _("action {id} is not an open action of an earlier meeting of this series")
            raise StoreError(said.format(id=fu.action_id))
        with self.tx() as c:
            c.execute(
                "INSERT INTO follow_ups (meeting_id, action_id, status, comment, created_at)"
                " VALUES (?,?,?,?,?) ON CONFLICT(meeting_id, action_id) DO UPDATE SET"
                " status=excluded.status, comment=excluded.comment",
                (meeting_id, fu.action_id, fu.status.value, fu.comment, _ts(now)),
            )
            c.execute(
                "UPDATE actions SET status=?, updated_at=? WHERE id=?",
                (fu.status.value, _ts(now), fu.action_id),
            )

    def follow_ups(self, meeting_id: int) -> list[FollowUp]:
        return [
            FollowUp(r["action_id"], ActionStatus(r["status"]), r["comment"])
            for r in self.query(
                "SELECT * FROM follow_ups WHERE meeting_id=? ORDER BY id", (meeting_id,)
            )
        ]

    def series_plan(self, meeting_id: int) -> SeriesPlan:
        """The plan over time of the meeting's series: its meetings in the order they were
        held (the order a follow-up can follow: only a later meeting follows an action up)
        and every action agreed in any of them, each with its follow-ups in meeting order.
        A meeting of no series: its own actions. One snapshot, three queries."""
        with self.snapshot():  # one consistent state (an export's own, inside one)
            series = self._meeting_row(meeting_id)["series"]
            where, args = ("m.series = ?", (series,)) if series else ("m.id = ?", (meeting_id,))
            rows = self.query(
                f"SELECT m.id, m.date, m.title, m.set_id, m.status FROM meetings m WHERE {where}"
                " ORDER BY m.id",
                args,
            )
            actions = self.query(
                f"SELECT a.* FROM actions a JOIN meetings m ON m.id = a.meeting_id WHERE {where}"
                " ORDER BY a.meeting_id, a.id",
                args,
            )
            done = self.query(
                "SELECT f.meeting_id, f.action_id, f.status, f.comment FROM follow_ups f"
                f" JOIN actions a ON a.id = f.action_id JOIN meetings m ON m.id = a.meeting_id"
                f" WHERE {where} ORDER BY f.meeting_id, f.id",
                args,
            )
        meetings = tuple(
            SeriesMeeting(
                r["id"],
                n,
                dt.date.fromisoformat(r["date"]),
                r["title"],
                r["set_id"],
                MeetingStatus(r["status"]),
            )
            for n, r in enumerate(rows, 1)
        )
        said: dict[int, list[FollowedUp]] = {}
        for r in done:
            fu = FollowedUp(r["meeting_id"], ActionStatus(r["status"]), r["comment"] or "")
            said.setdefault(r["action_id"], []).append(fu)
        histories = tuple(ActionHistory(_action(a), tuple(said.get(a["id"], ()))) for a in actions)
        return SeriesPlan(series or None, meetings, histories)

    # -- the plan's frame ----------------------------------------------------------------

    def save_plan(self, meeting_id: int, plan: PlanFrame) -> None:
        with self.tx() as c:
            c.execute(
                "INSERT OR REPLACE INTO plans (meeting_id, goal_own, goal_professionals, owner,"
                " follow_up_on, follow_up_by, by_others, follow_up_at, follow_up_place)"
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    meeting_id,
                    plan.goal_own,
                    plan.goal_professionals,
                    plan.owner,
                    plan.follow_up_on.isoformat() if plan.follow_up_on else None,
                    plan.follow_up_by,
                    plan.by_others,
                    plan.follow_up_at,
                    plan.follow_up_place,
                ),
            )

    def plan(self, meeting_id: int) -> PlanFrame:
        rows = self.query(
            "SELECT goal_own, goal_professionals, owner, follow_up_on, follow_up_by, by_others,"
            " follow_up_at, follow_up_place FROM plans WHERE meeting_id=?",
            (meeting_id,),
        )
        if not rows:
            return PlanFrame()
        own, professionals, owner, on, by, others, at, place = rows[0]
        day = dt.date.fromisoformat(on) if on else None
        return PlanFrame(own, professionals, owner, day, by, others, at, place)


def _action(r: sqlite3.Row) -> ActionItem:
    return ActionItem(
        r["what"],
        r["how"],
        r["who"],
        r["with_whom"],
        dt.date.fromisoformat(r["due"]) if r["due"] else None,
        r["first_step"],
        ActionStatus(r["status"]),
        r["id"],
        r["meeting_id"],
        r["step_index"],
        r["repetition"],
        r["group_id"],
    )


def _action_values(item: ActionItem) -> tuple:
    """An action's own columns, in the order both INSERT and UPDATE name them."""
    due = item.when.isoformat() if item.when else None
    return (item.what, item.how, item.who, item.with_whom, due, item.first_step, item.status.value)
