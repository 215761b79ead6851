"""The journal note: the meeting as a journal entry of a case record takes it (a title
that says what it is, who wrote it and when, what was said and agreed, and the plan), built
from the minutes' parts."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from dialogtui.export.document import Draft, Heading, Items, Line, Part, ours, said
from dialogtui.export.minutes import fact
from dialogtui.i18n import date_text

if TYPE_CHECKING:
    from dialogtui.export.minutes import Minutes
    from dialogtui.export.record import MeetingRecord


def journal_draft(m: Minutes) -> Draft:
    """A journal entry, as a case record takes it: titled as one, with the meeting and
    its date; who wrote it and when; the meeting, who took part, what was said and
    agreed, and the plan — not the minutes' tables of times and people, nor the
    method's notes (a journal holds no more than the case needs)."""
    r, L = m.r, m.L
    day = date_text(r.info.date, "short", m.language)
    name: Line = [ours(f"{L['journal']} – "), m.t(r.info.title), ours(f" {day}")]
    title: list[Part] = [Heading(1, name)]
    when = date_text(r.info.date, "long", m.language)
    when += f", {m.clock_times()}" if m.clock_times() else ""
    people: Line = []
    for k, p in enumerate(r.info.participants):
        people += [ours(", ")] if k else []
        people.append(said(m.speaker(p.id)))
    # By whom and when (FL 27 §, SOSFS 2014:5): the writer's name, or where names are
    # hidden their role, and the day the minutes were finished.
    writer = m.named(r.info.writer) or [said(m.facilitator_labels[1])]
    written = date_text(written_on(r), "long", m.language)
    facts: list[tuple[str, Line]] = [
        (L["written_by"], [*writer, ours(f", {written}")]),
        (L["date"], [ours(when)]),
        (L["method"], [m.q(r.qs.method)] if r.qs.method else []),
        (L["place"], [m.t(r.info.place)] if r.info.place else []),
        (L["present"], people),
        (L["follows_up"], m.follows_up()),
        (L["read_back"], m.read_back()),
        (L["consent"], m.consent()),
    ]
    title.append(Items([fact(k, v) for k, v in facts if v]))
    return m.draft("journal", title + m.copy_notes() + m.steps(), name)


def written_on(r: MeetingRecord) -> dt.date:
    """The day the minutes were written: the last day they were finished or accepted
    at read-back (a meeting opened again and finished later, that day), else the
    meeting's date."""
    times = [t for t in (r.finished_at, *(b.at for b in r.read_backs)) if t]
    return max(t.astimezone() for t in times).date() if times else r.info.date
