"""Plain records of a meeting, as stored and exported. No behaviour beyond small helpers."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum


class ActionStatus(StrEnum):
    open = "open"
    done = "done"
    continued = "continued"
    dropped = "dropped"

    @property
    def is_open(self) -> bool:
        return self in (ActionStatus.open, ActionStatus.continued)


class NoteKind(StrEnum):
    decision = "decision"
    concern = "concern"


@dataclass
class Participant:
    name: str
    role: str | None = None  # a role id from the question set
    organisation: str = ""
    pseudonym: str | None = None
    id: int | None = None
    position: int = 0


@dataclass
class MeetingInfo:
    """What is entered on the start screen."""

    set_id: str
    title: str
    date: dt.date
    place: str = ""
    asker: str = ""
    writer: str = ""
    series: str | None = None
    previous_id: int | None = None
    participants: list[Participant] = field(default_factory=list)
    consent_given: bool | None = None
    consent_note: str = ""


@dataclass
class Position:
    """Where the meeting stands; saved with every move so that it resumes there."""

    step: int = 0
    question: int = 0
    speaker_id: int | None = None
    repetition: int = 1
    paused: bool = False


@dataclass
class Turn:
    id: int
    step: int
    question: int | None
    participant_id: int | None
    text: str
    started_at: dt.datetime
    ended_at: dt.datetime
    passed: bool = False
    repetition: int = 1
    edited: bool = False


@dataclass
class Revision:
    turn_id: int
    text: str
    replaced_at: dt.datetime
    action: str  # "edit" or "delete"


@dataclass
class Note:
    id: int
    kind: NoteKind
    step: int | None
    text: str
    created_at: dt.datetime


@dataclass
class ScaleRating:
    step: int
    participant_id: int
    value: int
    comment: str = ""


@dataclass
class ChoiceMark:
    step: int
    option_id: str
    rating: str  # "now" or "desired"
    participant_id: int | None = None  # None: the group's shared answer


@dataclass
class ActionItem:
    what: str
    how: str = ""
    who: str = ""
    with_whom: str = ""
    when: dt.date | None = None
    first_step: str = ""
    status: ActionStatus = ActionStatus.open
    id: int | None = None
    meeting_id: int | None = None
    step: int | None = None


@dataclass
class FollowUp:
    action_id: int
    status: ActionStatus
    comment: str = ""


@dataclass
class StepTime:
    step: int
    elapsed_seconds: float = 0.0
