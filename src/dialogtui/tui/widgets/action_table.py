"""An action-planning step: the plan as an editable table (what, how, who, …)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label

from dialogtui.display import plain, visible
from dialogtui.errors import DialogtuiError, MeetingError
from dialogtui.i18n import N_, _, current, date_field_text, date_hint, date_text
from dialogtui.kinds.action_planning import clock_text, made_in, typed_time
from dialogtui.labels import action_columns, labels
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.kinds import StepKind
from dialogtui.records import ActionItem, PlanFrame, saved
from dialogtui.tui.dialogs.base import Field, FieldsDialog, KeepKind, typed_day
from dialogtui.tui.widgets.item_table import ItemTable
from dialogtui.tui.widgets.step_panel import (
    TO_TEXT_BOX,
    ConfirmWanted,
    DialogWanted,
    PanelReopen,
    StepPanel,
    ask,
    key,
    settled,
)

T = TypeVar("T")

PLAN = KeepKind("plan")  # the plan's frame: its goals, owner and follow-up meeting


def columns_for(engine: MeetingEngine) -> list[tuple[str, str]]:
    """The columns of this action-planning step, or of the set's plan elsewhere."""
    step = engine.step if engine.step.kind is StepKind.action_planning else None
    return action_columns(engine.qs, step)


class WrongField(MeetingError):
    """What is wrong with a form, and in which of its fields."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


class PlanDialog(FieldsDialog[PlanFrame]):
    """The plan's frame. The follow-up meeting's date, time and place share one line under
    one label, so that the form still fits a 24-line terminal with its hint line (the
    message of a wrong field) in view; a wrong field keeps the keyboard, so that what is
    typed next puts it right (after a refused date, a new user's next
    three corrections went into other fields, and nothing said which one was wrong)."""

    ONE_LINE = ("follow_up_on", "follow_up_at", "follow_up_place")
    # Each as wide as what it takes ("ÅÅÅÅ-MM-DD", "TT:MM"), the place the rest; set on the
    # fields themselves, over the form's `.dialog.form Input` (1fr).
    WIDTHS = {"follow_up_on": 11, "follow_up_at": 6}

    def __init__(
        self,
        title: str,
        fields: list[Field],
        check: Callable[[dict[str, str]], PlanFrame],
        one_line_label: str,
    ):
        def checked(texts: dict[str, str]) -> PlanFrame:
            try:
                return check(texts)
            except WrongField as exc:
                self.set_focus(self.query_one(f"#f-{exc.field}", Input))
                raise

        super().__init__(title, fields, checked)
        self.one_line_label = one_line_label

    def compose(self) -> ComposeResult:
        def field(f: Field) -> Input:
            names = SuggestFromList(f.names, case_sensitive=False) if f.names else None
            value = visible(f.value)
            return Input(value, placeholder=f.hint, id=f"f-{f.id}", compact=True, suggester=names)

        by_id = {f.id: f for f in self.field_list}
        with Vertical(classes="dialog form"):
            yield Label(plain(self.title_text), classes="title")
            for f in self.field_list:
                if f.id == self.ONE_LINE[0]:
                    yield Label(plain(self.one_line_label), classes="stacked-label")
                    with Horizontal() as line_of_three:
                        line_of_three.styles.height = "auto"
                        for one in self.ONE_LINE:
                            line = field(by_id[one])
                            if one in self.WIDTHS:
                                line.styles.width = self.WIDTHS[one]
                                line.styles.margin = (0, 1, 0, 0)
                            yield line
                elif f.id not in self.ONE_LINE:
                    yield Label(plain(f.label), classes="stacked-label")
                    yield field(f)
            yield Label(
                _("enter: next field · ctrl+s: save · escape: cancel"), classes="hint", id="hint"
            )


def plan_frame_wanted(engine: MeetingEngine) -> DialogWanted[PlanFrame]:
    """The plan's frame as a form, in the minutes' own words; its text is kept as any
    dialog's is."""
    L, plan = labels(engine.qs.language.value), engine.actions.plan()
    names = tuple(p.name for p in engine.participants)
    meeting = L["follow_up_meeting"]
    # "Uppföljningsmöte, tid": what a message about the field calls it.
    date, time, place = (f"{meeting}, {L[k].lower()}" for k in ("date", "time", "place"))
    fields = [
        Field("goal_own", L["goal_own"], plan.goal_own),
        Field("goal_professionals", L["goal_professionals"], plan.goal_professionals),
        Field("owner", L["plan_owner"], plan.owner, names),
        Field(
            "follow_up_on",
            date,
            date_field_text(plan.follow_up_on) if plan.follow_up_on else "",
            hint=date_hint(),
        ),
        # As the UI's language writes a time ("14.00" in Finnish), which typed_time reads.
        Field("follow_up_at", time, clock_text(plan.follow_up_at, current()), hint=_("HH:MM")),
        Field("follow_up_place", place, plan.follow_up_place, hint=L["place"]),
        Field("follow_up_by", L["called_by"].format(name="…"), plan.follow_up_by, names),
        Field("by_others", L["by_others"], plan.by_others),
    ]
    label = {f.id: f.label for f in fields}

    def read(texts: dict[str, str], field: str, parse: Callable[[str], T]) -> T:
        # The message names the field as the form labels it ("Uppföljningsmöte, tid: …").
        try:
            return parse(texts[field])
        except DialogtuiError as exc:
            said = str(exc)  # a sentence of its own, now after the field's name
            raise WrongField(field, f"{label[field]}: {said[:1].lower()}{said[1:]}") from None

    def check(texts: dict[str, str]) -> PlanFrame:
        on = read(texts, "follow_up_on", typed_day)
        at = read(texts, "follow_up_at", typed_time)
        goals = texts["goal_own"], texts["goal_professionals"]
        by, others, place = texts["follow_up_by"], texts["by_others"], texts["follow_up_place"]
        return PlanFrame(*goals, texts["owner"], on, by, others, at, place)

    title = _("The plan: its goal, owner and follow-up meeting")
    # "Uppföljningsmöte: datum, tid, plats" over the line of the three.
    when = f"{meeting}: " + ", ".join(L[k].lower() for k in ("date", "time", "place"))
    then = lambda e, p: e.actions.save_plan(p)  # noqa: E731
    return DialogWanted(PlanDialog(title, fields, check, when), then, PLAN.key())


def value(item: ActionItem, field: str, language: str) -> str:
    v = getattr(item, field)
    return date_text(v, "medium", language) if field == "when" and v else (v or "")


class ActionTable(ItemTable, StepPanel):
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
        items = engine.actions.all()
        if (block := engine.qs.block_at(engine.step_index)) is not None:
            # A case's own plan (a child's): the actions made in this case of the block, f3's
            # in its other steps too; the other cases' stand in theirs.
            case, steps = engine.pos.repetition, range(block[1], block[2] + 1)
            items = [a for a in items if a.step in steps and a.repetition == case]
        L = labels(engine.qs.language.value)  # the set's headings are in its language: all are
        group = lambda gid: p.name if (p := engine.participant(gid)) else "?"  # noqa: E731
        first, made = made_in(engine.qs, items, group, L, cases=block is None)
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
        await ask(self, lambda host: host.edit_action(item))

    async def action_add(self) -> None:
        await ask(self, lambda host: host.edit_action(None))

    async def action_frame(self) -> None:
        """What a coordinated plan needs beside its actions (a SIP): the goal in the
        person's own words and the professionals', its owner, the follow-up meeting."""
        await ask(self, lambda host: host.want(plan_frame_wanted(host.engine)))

    @classmethod
    def kept(cls) -> dict[KeepKind, PanelReopen]:
        return {PLAN: lambda engine, _about: plan_frame_wanted(engine)}

    async def action_remove(self) -> None:
        await settled(self)
        if (item := self.current) is not None:
            action_id = saved(item.id)
            question = _("Delete the action '{what}'?").format(what=item.what)
            await ask(self, ConfirmWanted(question, lambda e: e.actions.delete(action_id)))
