"""An action-planning step: what, how, who, with whom, when, first step, in a table."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from dialogtui.errors import MeetingError
from dialogtui.i18n import _, date_text, time_text
from dialogtui.kinds.base import KindSpec

if TYPE_CHECKING:
    from collections.abc import Callable

    from dialogtui.questionset.model import QuestionSet, Step
    from dialogtui.records import ActionItem, PlanFrame


def made_in(
    qs: QuestionSet,
    items: list[ActionItem],
    group: Callable[[int], str],
    L: dict[str, str],
    cases: bool = True,
) -> tuple[list[str], Callable[[ActionItem], list[str]]]:
    """The plan's first columns where they say something: the case each action was made in
    (a block done more than once, Träff 4's cases; not where the actions stand under their
    case's own heading, `cases` False) and the group that made it (groups side by side,
    Träff 5's "Sätt er i grupper"). Their heads, and each action's cells."""
    heads: list[str] = []
    cells: list[Callable[[ActionItem], str]] = []
    if cases and any(a.repetition > 1 for a in items):
        blocks = [qs.block_at(a.step) for a in items if a.step is not None]
        each = next((b[0].each for b in blocks if b and b[0].each), None)
        heads.append(each or L["repetition"])
        cells.append(lambda a: str(a.repetition))
    if any(a.group_id is not None for a in items):
        heads.append(L["group_name"])
        cells.append(lambda a: group(a.group_id) if a.group_id is not None else "")
    return heads, lambda a: [cell(a) for cell in cells]


# A time as it is typed: "14:00", "14.00" (as Finnish and Danish write it), "9.30", "14",
# with the language's word for o'clock before it or not ("kl. 14", "klo 14").
_TYPED_TIME = re.compile(
    r"(?:(?:kl|klo|klockan|klokka|klokken|kello)\.?\s*)?([0-9]{1,2})(?:[:.]([0-9]{2}))?",
    re.IGNORECASE,
)


def typed_time(text: str) -> str:
    """The follow-up meeting's time as "HH:MM" ("" where nothing is written), or a
    MeetingError that says how to write it."""
    text = text.strip()
    if not text:
        return ""
    found = _TYPED_TIME.fullmatch(text)
    if found:
        hours, minutes = int(found[1]), int(found[2] or 0)
        if hours < 24 and minutes < 60:
            return f"{hours:02}:{minutes:02}"
    raise MeetingError(_("Write the time as 14:00, 14.00 or 14."))


def clock_time(at: str) -> dt.time | None:
    """A time the store keeps ("HH:MM"), or None where it is not one."""
    try:
        return dt.time.fromisoformat(at) if at else None
    except ValueError:
        return None


def clock_text(at: str, language: str) -> str:
    """A time kept as "HH:MM" as the language writes it (`i18n.time_text`): "14:00" in
    Swedish, Norwegian and English, "14.00" in Finnish and Danish."""
    time = clock_time(at)
    if time is None:
        return at  # not a time dialogtui wrote: shown as it is
    return time_text(time, language)


def day_at(day: str, at: str, language: str) -> str:
    """A date and a time as one, in the language's words: "10 mars 2027 kl. 14:00",
    "10. maaliskuuta 2027 klo 14.00", "March 10, 2027 at 2:00 PM" (CLDR's date at a time,
    in Babel from 2.19; before it, its plain date and time)."""
    from babel import Locale

    locale = Locale.parse(language)
    joined = getattr(locale, "datetime_formats_relative", {}).get("long")
    pattern = joined or locale.datetime_formats.get("long") or "{1} {0}"
    # CLDR quotes its literal words ("'kl'."); as Babel's own format_datetime, unquoted.
    return pattern.replace("'", "").replace("{1}", day).replace("{0}", at)


def frame_facts(
    plan: PlanFrame, L: dict[str, str], language: str
) -> list[tuple[str, list[tuple[str, bool]]]]:
    """The plan's frame as (label, value) where something was written, for the minutes and
    the read-back alike; each value in pieces (text, typed): what someone typed, which each
    place makes fit (escaped, names replaced), beside dialogtui's own words and dates."""
    meeting: list[tuple[str, bool]] = []
    day = date_text(plan.follow_up_on, "long", language) if plan.follow_up_on else ""
    at = clock_text(plan.follow_up_at, language) if plan.follow_up_at else ""
    if day or at:
        meeting.append((day_at(day, at, language) if day and at else day or at, False))
    if plan.follow_up_place:
        meeting += [(", " if meeting else "", False), (plan.follow_up_place, True)]
    if plan.follow_up_by:
        before, _, after = L["called_by"].partition("{name}")
        meeting += [(", " if meeting else "", False), (before, False)]
        meeting += [(plan.follow_up_by, True), (after, False)]
    facts = [
        (L["goal_own"], [(plan.goal_own, True)]),
        (L["goal_professionals"], [(plan.goal_professionals, True)]),
        (L["plan_owner"], [(plan.owner, True)]),
        (L["follow_up_meeting"], meeting),
        (L["by_others"], [(plan.by_others, True)]),
    ]
    return [
        (name, [(text, typed) for text, typed in value if text])
        for name, value in facts
        if any(text for text, _ in value)
    ]


def minutes(d: Any, n: int, step: Step, _rep: int | None) -> list:
    # The plan stands once, in the set's first action-planning step: its frame (goal,
    # owner, follow-up meeting), then its actions: each case's under its heading (in the
    # step's own case sections where the step is in the cases' block), then the others.
    if n != d.plan_step:
        return []
    return d.plan_frame() + d.plan_body(step, cases=n not in d.in_block)


SPEC = KindSpec(
    panel="dialogtui.tui.widgets.action_table:ActionTable",
    panel_id="actions",
    beside_table=True,
    minutes=minutes,
)
