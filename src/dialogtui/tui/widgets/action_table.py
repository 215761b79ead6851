"""An action-planning step: the plan as an editable table (what, how, who, …)."""

from __future__ import annotations

from dialogtui.export.labels import action_columns, labels
from dialogtui.i18n import N_, _, date_text
from dialogtui.kinds.action_planning import made_in
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.model import StepKind
from dialogtui.records import ActionItem, PlanFrame, saved
from dialogtui.tui.screens.dialogs import Field, FieldsDialog, typed_day
from dialogtui.tui.widgets.item_table import ItemTable
from dialogtui.tui.widgets.step_panel import (
    TO_TEXT_BOX,
    ConfirmWanted,
    DialogWanted,
    ask,
    key,
    settled,
)


def columns_for(engine: MeetingEngine) -> list[tuple[str, str]]:
    """The columns of this action-planning step, or of the set's plan elsewhere."""
    step = engine.step if engine.step.kind is StepKind.action_planning else None
    return action_columns(engine.qs, step)


def plan_frame_wanted(engine: MeetingEngine) -> DialogWanted:
    """The plan's frame as a form, in the minutes' own words; its text is kept as any
    dialog's is."""
    L, plan = labels(engine.qs.language.value), engine.plan()
    names = tuple(p.name for p in engine.participants)
    fields = [
        Field("goal_own", L["goal_own"], plan.goal_own),
        Field("goal_professionals", L["goal_professionals"], plan.goal_professionals),
        Field("owner", L["plan_owner"], plan.owner, names),
        Field(
            "follow_up_on",
            L["follow_up_meeting"],
            plan.follow_up_on.isoformat() if plan.follow_up_on else "",
            hint=_("YYYY-MM-DD"),
        ),
        Field("follow_up_by", L["called_by"].format(name="…"), plan.follow_up_by, names),
        Field("by_others", L["by_others"], plan.by_others),
    ]

    def check(texts: dict[str, str]) -> PlanFrame:
        on = typed_day(texts["follow_up_on"])
        goals = texts["goal_own"], texts["goal_professionals"]
        return PlanFrame(*goals, texts["owner"], on, texts["follow_up_by"], texts["by_others"])

    dialog = FieldsDialog(_("The plan: its goal, owner and follow-up meeting"), fields, check)
    return DialogWanted(dialog, lambda e, plan: e.save_plan(plan), "plan")


def value(item: ActionItem, field: str, language: str) -> str:
    v = getattr(item, field)
    return date_text(v, "medium", language) if field == "when" and v else (v or "")


class ActionTable(ItemTable):
    HELP_TITLE = N_("Action plan")

    # Their hint is on the table's border; help lists them.
    BINDINGS = [
        *TO_TEXT_BOX,
        key("enter", "edit", N_("Edit action")),
        key("a", "add", N_("Add action")),
        key("delete", "remove", N_("Delete action")),
        key("p", "frame", N_("Goal, owner, follow-up")),
    ]
    HINT = N_("a: add · enter: edit · delete: delete · p: goal, owner, follow-up")

    def show(self, engine: MeetingEngine) -> None:
        cols = columns_for(engine)
        items = engine.actions()
        L = labels(engine.qs.language.value)  # the set's headings are in its language: all are
        group = lambda gid: p.name if (p := engine.participant(gid)) else "?"  # noqa: E731
        first, made = made_in(engine.qs, items, group, L)
        rows = (
            [
                *made(item),
                *(value(item, f, engine.qs.language.value) for f, _ in cols),
                L[item.status.value],
            ]
            for item in items
        )
        self.fill([*first, *(label for _, label in cols), L["status"]], items, rows)

    async def action_edit(self) -> None:
        await settled(self)  # on the row the keys before it reached
        item = self.current
        await ask(self, lambda screen: screen.edit_action(item))

    async def action_add(self) -> None:
        await ask(self, lambda screen: screen.edit_action(None))

    async def action_frame(self) -> None:
        """What a coordinated plan needs beside its actions (a SIP): the goal in the
        person's own words and the professionals', its owner, the follow-up meeting."""
        await ask(self, lambda screen: screen.want(plan_frame_wanted(screen.engine)))

    async def action_remove(self) -> None:
        await settled(self)
        if (item := self.current) is not None:
            action_id = saved(item.id)
            question = _("Delete the action '{what}'?").format(what=item.what)
            await ask(self, ConfirmWanted(question, lambda e: e.delete_action(action_id)))
