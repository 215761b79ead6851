"""A follow-up step: last meeting's open actions, each marked done, continued or dropped."""

from __future__ import annotations

from dialogtui.i18n import N_, _, date_text, status_name
from dialogtui.labels import labels
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import ActionItem, ActionStatus, saved
from dialogtui.tui.dialogs.base import KeepKind
from dialogtui.tui.widgets.item_table import ItemTable
from dialogtui.tui.widgets.step_panel import (
    TO_TEXT_BOX,
    PanelReopen,
    Request,
    StepPanel,
    TextWanted,
    ask,
    key,
    settled,
)

FOLLOW_UP = KeepKind("follow")  # the comment on an earlier action marked: "{id}:{status}"


class FollowUpTable(ItemTable, StepPanel):
    HELP_TITLE = N_("Follow-up")

    # Their hint is on the table's border; help lists them.
    BINDINGS = [
        *TO_TEXT_BOX,
        key("d", "mark('done')", N_("Done")),
        key("c", "mark('continued')", N_("Continues")),
        key("x", "mark('dropped')", N_("Dropped")),
    ]
    HINT = N_("d: done · c: continues · x: dropped")

    def show(self, engine: MeetingEngine) -> None:
        items = engine.actions.carried()
        reviewed = {f.action_id: f for f in engine.actions.follow_ups()}
        L = labels(engine.qs.language.value)  # as the minutes will say it
        rows = (
            [
                item.what,
                item.who,
                date_text(item.when, "medium", engine.qs.language.value) if item.when else "",
                L[reviewed[item.id].status.value] if item.id in reviewed else L["to_review"],
                reviewed[item.id].comment if item.id in reviewed else "",
            ]
            for item in items
        )
        heads = [L[key] for key in ("what", "who", "when", "status", "comment")]
        self.fill(heads, items, rows)
        self.show_header = bool(items)
        if not items:
            # Nothing carried over (a first meeting): said whole, in a column as wide as the
            # saying, not cut to the width of the empty table's first heading.
            said = [
                _("(no open actions from an earlier meeting in this series;"),
                _(" choose the previous meeting at set-up to follow it up)"),
            ]
            self.clear(columns=True)
            self.add_column("", width=max(len(line) for line in said))
            for line in said:
                self.add_row(line)

    async def action_mark(self, status: str) -> None:
        await settled(self)  # on the row the keys before it reached
        if (item := self.current) is not None:
            await ask(self, _commenting(item, ActionStatus(status)))

    @classmethod
    def kept(cls) -> dict[KeepKind, PanelReopen]:
        return {FOLLOW_UP: _comment_again}


def _commenting(item: ActionItem, marked: ActionStatus) -> TextWanted:
    action_id = saved(item.id)
    status = status_name(marked.value)  # the screen's word for it, as the title is
    title = _("{status}: {what} — comment (optional)").format(
        status=status[:1].upper() + status[1:], what=item.what
    )
    then = lambda e, comment: e.actions.follow_up(action_id, marked, comment)  # noqa: E731
    return TextWanted(title, then, key=FOLLOW_UP.key(f"{action_id}:{marked.value}"))


def _comment_again(engine: MeetingEngine, about: str) -> Request | None:
    """The comment on an earlier action being marked when dialogtui stopped."""
    action_id, _sep, status = about.partition(":")
    item = next((a for a in engine.actions.carried() if str(a.id) == action_id), None)
    if item is None or status not in [s.value for s in ActionStatus]:
        return None
    return _commenting(item, ActionStatus(status))
