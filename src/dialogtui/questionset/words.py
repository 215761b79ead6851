"""How a set's parts are said where they are listed: planned minutes, a step's kind.

Presentation, kept out of the model so that a change of wording never touches the format.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogtui.i18n import _
from dialogtui.questionset.kinds import StepKind

if TYPE_CHECKING:
    from dialogtui.questionset.model import Step


def format_minutes(
    minutes: int | None, unit: str = "min", untimed: str = "untimed", hours: bool = False
) -> str:
    """Planned minutes as every list shows them: "45 min", or "1 h 05 min" with `hours`."""
    if minutes is None:
        return untimed
    if hours and minutes >= 60:
        h, m = divmod(minutes, 60)
        return f"{h} h {m:02d} {unit}"
    return f"{minutes} {unit}"


def kind_label(step: Step) -> str:
    """The step's kind as lists show it, in the app's language, its work form where it has
    one ("group work" done by each on their own is "individual work")."""
    forms = {"individual": _("individual work"), "pairs": _("work in pairs")}
    forms["groups"] = _("group work")
    kind = _(step.kind.shape.label)
    if step.kind is not StepKind.group_work and step.form in ("pairs", "groups"):
        # "action planning in groups": a plan per group
        said = _("{kind} in pairs") if step.form == "pairs" else _("{kind} in groups")
        return said.format(kind=kind)
    return forms.get(step.form or "", kind)
