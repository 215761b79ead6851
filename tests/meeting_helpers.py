"""Shared set-up for tests that run meetings: a store in tmp, a fake clock, a set by id."""

from __future__ import annotations

import datetime as dt

from conftest import SETS

from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.loader import parse_question_set
from dialogtui.records import MeetingInfo, Participant


def consent_required_text() -> str:
    """Träff 4 as a set that requires consent (no shipped set does): for the tests of it."""
    text = (SETS / "samtidigt-traff-4.toml").read_text(encoding="utf-8")
    assert 'consent = "recommended"' in text
    return text.replace('consent = "recommended"', 'consent = "required"')


def new_meeting(store, set_id, participants, clock=None, text=None, **info) -> MeetingEngine:
    text = text or (SETS / f"{set_id}.toml").read_text(encoding="utf-8")
    qs = parse_question_set(text, set_id)
    clock = clock or FakeClock(dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC))
    meeting = MeetingInfo(
        set_id=set_id,
        title=info.pop("title", qs.title),
        date=info.pop("date", dt.date(2026, 1, 15)),
        participants=[Participant(*p) for p in participants],
        **info,
    )
    return MeetingEngine.create(store, qs, text, meeting, clock)
