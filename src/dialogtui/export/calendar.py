"""The meeting's dates as a calendar file (.ics): the follow-up meeting, and each action's
date, as all-day events that Outlook, Google Calendar and Thunderbird import. Each event
keeps its UID from one export to the next, so importing the file again updates the events
instead of doubling them."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from icalendar import Calendar, Event

from dialogtui.export.document import plain_text
from dialogtui.export.labels import action_columns
from dialogtui.export.minutes import Minutes
from dialogtui.kinds.action_planning import frame_facts

if TYPE_CHECKING:
    from dialogtui.export.formats import Documents


def _event(uid: str, day: dt.date, summary: str, description: str, stamp: dt.datetime) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)  # a date: an all-day event, on that day wherever one is
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    event.add("transp", "TRANSPARENT")  # a due date does not make anyone busy
    return event


def render(m: Minutes, now: dt.datetime | None = None) -> bytes:
    r, L = m.r, m.L
    stamp = (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC)
    # Stable and telling nothing: the meeting's number and date, hashed.
    key = hashlib.sha256(f"{r.id}:{r.info.date}:{r.info.set_id}".encode()).hexdigest()[:16]

    # Each text one line, controls made visible: a calendar program shows what it is given.
    def one(text: str) -> str:
        return " ".join(plain_text([m.t(text)]).split())

    title = one(r.info.title)
    cal = Calendar()
    cal.add("prodid", "-//dialogtui//dialogtui//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", title)
    plan = r.plan
    if plan.follow_up_on:
        facts = frame_facts(plan, L, m.language)
        about = [
            f"{name}: " + "".join(one(x) if typed else x for x, typed in value)
            for name, value in facts
        ]
        summary = f"{L['follow_up_meeting']}: {title}"
        cal.add_component(
            _event(
                f"{key}-follow-up@dialogtui", plan.follow_up_on, summary, "\n".join(about), stamp
            )
        )
    # The action's other columns, as the set names them, in its description.
    cols = [c for c in action_columns(r.qs, None, m.language) if c[0] not in ("what", "when")]
    for a in r.actions:
        if a.when is None:
            continue
        about = []
        for f, name in cols:
            value = one(getattr(a, f))
            if value:
                about.append(f"{plain_text([m.q(name)])}: {value}")
        about.append(f"{L['action_plan']}: {title}")
        summary = one(a.what)
        cal.add_component(
            _event(f"{key}-action-{a.id}@dialogtui", a.when, summary, "\n".join(about), stamp)
        )
    return cal.to_ical()


def contents(docs: Documents) -> tuple[bytes]:
    return (render(docs.builder),)
