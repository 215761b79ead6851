"""The meeting's dates as a calendar file (.ics) that Outlook, Google Calendar, Apple's and
the phones' calendars and Thunderbird import: the follow-up meeting, at its time and place
where it has them, and each action's date as an all-day event. Each event keeps its UID
from one export to the next, so importing the file again updates the events instead of
doubling them. A meeting with nothing dated has no calendar.

A time is written in UTC, converted from the computer's local time on that day (summer
time included): every calendar program shows a UTC time right, in its user's own zone,
without a VTIMEZONE. The alternatives are worse: a floating time (no zone) is read as UTC
by some of Outlook's imports, an hour or two off in the Nordic countries; a TZID needs the
zone's IANA name, which Windows does not give, and its VTIMEZONE rules written out."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from typing import TYPE_CHECKING

from icalendar import Calendar, Event, vText

from dialogtui.export.document import plain_text
from dialogtui.export.minutes import Minutes
from dialogtui.kinds.action_planning import clock_time, frame_facts
from dialogtui.labels import action_columns

if TYPE_CHECKING:
    from dialogtui.export.formats import Documents


MEETING_LENGTH = dt.timedelta(hours=1)  # a follow-up meeting's, where no end is written


class _Text(vText):
    """A text as RFC 5545 escapes it, exactly: icalendar's own escaping first turns a "\\N"
    in the text into a line break, so that a place typed "C:\\Nya" would lose its backslash
    and break in two."""

    def to_ical(self) -> bytes:
        text = str(self).replace("\r\n", "\n").replace("\r", "\n")
        for char, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\n", "\\n")):
            text = text.replace(char, escaped)
        return text.encode("utf-8")


def _event(
    uid: str,
    start: dt.date | dt.datetime,
    summary: str,
    description: str,
    stamp: dt.datetime,
    location: str = "",
) -> Event:
    """An all-day event on a date (a due date, which makes no one busy), or a meeting of
    an hour from a time (in UTC), which does."""
    timed = isinstance(start, dt.datetime)
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", start)  # a date: an all-day event, on that day wherever one is
    # On the calendar's last day there is no end: a start alone is a day long, or an instant.
    with contextlib.suppress(OverflowError):
        event.add("dtend", start + (MEETING_LENGTH if timed else dt.timedelta(days=1)))
    event.add("summary", _Text(summary))
    if description:
        event.add("description", _Text(description))
    if location:
        event.add("location", _Text(location))
    event.add("transp", "OPAQUE" if timed else "TRANSPARENT")
    return event


def _start(day: dt.date, at: str, zone: dt.tzinfo | None) -> dt.date | dt.datetime:
    """The follow-up meeting's start: its day and time in UTC (the time read in `zone`,
    the computer's own by default), or its day alone where it has no time."""
    time = clock_time(at)
    if time is None:
        return day
    local = dt.datetime.combine(day, time)
    try:
        # A naive time's astimezone() reads it in the system's zone with that day's rules.
        aware = local.replace(tzinfo=zone) if zone is not None else local.astimezone()
        return aware.astimezone(dt.UTC)
    except (OverflowError, ValueError, OSError):
        return day  # at the calendar's very ends there is no UTC for it: the day alone


def render(
    m: Minutes, now: dt.datetime | None = None, zone: dt.tzinfo | None = None
) -> bytes | None:
    """The calendar, or None where nothing is dated."""
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
    cal.add("x-wr-calname", _Text(title))
    plan = r.plan
    if plan.follow_up_on:
        facts = frame_facts(plan, L, m.language)
        about = [
            f"{name}: " + "".join(one(x) if typed else x for x, typed in value)
            for name, value in facts
        ]
        summary = f"{L['follow_up_meeting']}: {title}"
        start = _start(plan.follow_up_on, plan.follow_up_at, zone)
        uid, where = f"{key}-follow-up@dialogtui", one(plan.follow_up_place)
        cal.add_component(_event(uid, start, summary, "\n".join(about), stamp, where))
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
        case = m.action_case(a)
        if case is not None:  # "Case 2: Flicka 14": whose plan it is, of several children
            about.append(" ".join(plain_text(m.case_line(case)).split()))
        about.append(f"{L['action_plan']}: {title}")
        summary = one(a.what)
        cal.add_component(
            _event(f"{key}-action-{a.id}@dialogtui", a.when, summary, "\n".join(about), stamp)
        )
    # Nothing dated: no file, rather than one that imports as nothing (a set without a
    # plan, as Orons zoner).
    return cal.to_ical() if cal.walk("VEVENT") else None


def contents(docs: Documents) -> tuple[bytes | None]:
    return (render(docs.builder),)
