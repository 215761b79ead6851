"""Plain records of a meeting, as stored and exported. No behaviour beyond small helpers."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


class ActionStatus(StrEnum):
    open = "open"
    done = "done"
    continued = "continued"
    dropped = "dropped"

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATUSES


# The statuses an action is still open in: one list, for Python and SQL alike.
OPEN_STATUSES = (ActionStatus.open, ActionStatus.continued)


class MeetingStatus(StrEnum):
    open = "open"
    finished = "finished"


class RoomShows(StrEnum):
    """What the scribe lets the room's view (`dialogtui wall`) show."""

    questions = "questions"  # the step, its question, whose turn, the clock
    notes = "notes"  # that, and what is written (as on a flipchart)
    blank = "blank"  # nothing: a pause


class NoteKind(StrEnum):
    decision = "decision"
    concern = "concern"
    standpoint = "standpoint"  # what the group agrees on, noted as it forms


def saved(record_id: int | None) -> int:
    """The id of a record read from the store: only a record not yet saved has none."""
    if record_id is None:
        raise ValueError("this record has not been saved yet")
    return record_id


@dataclass(slots=True)
class Participant:
    name: str
    role: str | None = None  # a role id from the question set
    organisation: str = ""
    pseudonym: str | None = None
    id: int | None = None
    position: int = 0
    group_step: int | None = None  # a group or pair formed at this step, not a person


@dataclass(slots=True)
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


@dataclass(slots=True)
class Position:
    """Where the meeting stands; saved with every move so that it resumes there."""

    step: int = 0
    question: int = 0
    speaker_id: int | None = None
    repetition: int = 1
    paused: bool = False


class Turn(NamedTuple):
    """One speaker's turn. A tuple, in the store's column order, because a long meeting
    reads thousands of them at once (the export) and a tuple is made fastest."""

    id: int
    step: int
    question: int | None
    participant_id: int | None  # None: the group, or nobody in particular
    text: str
    passed: bool = False
    repetition: int = 1
    edited: bool = False
    started_at: dt.datetime | None = None  # None only where a caller asked for no times
    ended_at: dt.datetime | None = None


@dataclass(slots=True)
class Revision:
    turn_id: int
    text: str
    replaced_at: dt.datetime
    action: str  # "edit", "move" (to another speaker) or "delete"
    at_read_back: bool = False  # corrected when the minutes were read back in the room
    participant_id: int | None = None  # who the turn was of before (kept since schema 16)


@dataclass(frozen=True, slots=True)
class Objection:
    """What a participant considers incorrect in a turn, noted beside it at read-back."""

    turn_id: int
    by: str
    text: str
    created_at: dt.datetime
    # The participant who objected, where `by` names one: whose statement it is, which
    # decides the copies it stands in (`dialogtui.export.recipients`).
    participant_id: int | None = None


def by_turn(objections: list[Objection]) -> dict[int, list[Objection]]:
    """The objections under the turns they are to, in the order they were noted."""
    out: dict[int, list[Objection]] = {}
    for o in objections:
        out.setdefault(o.turn_id, []).append(o)
    return out


@dataclass(frozen=True, slots=True)
class ReadBack:
    """The minutes read back in the room and accepted by the people named, at a time;
    `covered`: what the read-back showed, as (part, count) (`dialogtui.export.read_back`
    names the parts; an older read-back's is empty: not known); `reopened_at`: when the
    meeting was opened again after it, so that what was written after is not taken as
    read back and accepted."""

    accepted_by: str
    at: dt.datetime
    covered: list[tuple[str, int]] = field(default_factory=list, hash=False)  # a list: no hash
    reopened_at: dt.datetime | None = None


@dataclass(slots=True)
class Note:
    id: int
    kind: NoteKind
    step: int | None
    text: str
    created_at: dt.datetime
    repetition: int = 1  # the time through its step: in a block, the case it was noted in


@dataclass(slots=True)
class ScaleRating:
    step: int
    participant_id: int
    value: int
    comment: str = ""
    repetition: int = 1  # the time through its step: in a block, the case rated in


@dataclass(slots=True)
class Card:
    """An item written on a card or a sheet in a step of cards: a case, an obstacle or an
    activity given dots in a vote step; a need one actor puts to another, and its answer,
    in a needs step; a sheet on a timeline or a map. Kept per time through a block (a
    case's own needs)."""

    id: int
    step: int
    text: str
    votes: int = 0
    repetition: int = 1
    by: str = ""  # whose it is: the organisation (or person) putting a need
    to: str = ""  # whom it is put to: the one asked to answer the need
    answer: str = ""  # the asked one's answer ("" until it is answered)
    place: str = ""  # where it lies: its when on a timeline, its place on a map
    position: int = 0  # its place in the line, on a timeline


@dataclass(frozen=True, slots=True)
class CaseName:
    """What one time through a block is called: a child's case, by the card the vote kept
    for it ("Flicka 14, hemmasittare") or as the scribe typed it."""

    name: str
    card_id: int | None = None  # the vote's card it was chosen from, if it was


@dataclass(slots=True)
class ChoiceMark:
    step: int
    option_id: str
    rating: str  # "now" or "desired"
    participant_id: int | None = None  # None: the group's shared answer
    repetition: int = 1  # the time through its step: in a block, the case marked in


@dataclass(slots=True)
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
    repetition: int = 1  # the time through a block it was made in (a case's own plan)
    group_id: int | None = None  # the group that made it, in a step of groups side by side


@dataclass(slots=True)
class PlanFrame:
    """What a coordinated plan needs beside its actions (a SIP, an individual plan): the goal
    in the person's own words and in the professionals', who holds the plan as a whole, and
    the follow-up meeting: when, where, and who calls it; and what parties outside the
    meeting are to do (a clinic, a school not present), which the plan names though they
    are not in the room."""

    goal_own: str = ""
    goal_professionals: str = ""
    owner: str = ""
    follow_up_on: dt.date | None = None
    follow_up_by: str = ""
    by_others: str = ""
    # The follow-up meeting's time, "HH:MM" (as `kinds.action_planning.typed_time` makes
    # what was typed), or "": a day without a time; and its place, as typed.
    follow_up_at: str = ""
    follow_up_place: str = ""

    @property
    def empty(self) -> bool:
        texts = (self.goal_own, self.goal_professionals, self.owner, self.follow_up_by)
        where = (self.by_others, self.follow_up_at, self.follow_up_place)
        return not any(texts) and self.follow_up_on is None and not any(where)


@dataclass(slots=True)
class FollowUp:
    action_id: int
    status: ActionStatus
    comment: str = ""


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    """A meeting as lists show it, with what a scribe tells meetings apart by (the place,
    the people, its series) and what puts it in a series (`series`, `previous_id`)."""

    id: int
    set_id: str
    title: str
    date: str
    status: MeetingStatus
    turn_count: int
    open_actions: int
    place: str = ""
    series: str | None = None
    previous_id: int | None = None  # the meeting this one follows up
    participants: tuple[str, ...] = ()  # the people's names, in the meeting's order
    finished_at: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ActionRow:
    """An action item across meetings, with the meeting it belongs to."""

    action: ActionItem
    meeting_id: int
    meeting_title: str
    meeting_date: str


def name_key(text: str) -> str:
    """A name as people are told apart by it: spacing, case and Unicode form ignored (a
    name typed "Åsa" with a combining ring is Åsa)."""
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold()


@dataclass(frozen=True, slots=True)
class SeriesMeeting:
    """A meeting of a series, as the plan over time names it: its place in the series
    (`number`, from 1), its date, title, set and whether it has ended."""

    id: int
    number: int
    date: dt.date
    title: str
    set_id: str
    status: MeetingStatus


@dataclass(frozen=True, slots=True)
class FollowedUp:
    """What a later meeting of the series said of an action: its status then, and why."""

    meeting_id: int
    status: ActionStatus
    comment: str = ""


@dataclass(frozen=True, slots=True)
class ActionHistory:
    """An action with its story: agreed in its meeting (`action.meeting_id`, with who,
    when and what), then each follow-up in meeting order; `action.status` is its status now."""

    action: ActionItem
    follow_ups: tuple[FollowedUp, ...] = ()


@dataclass(frozen=True, slots=True)
class SeriesPlan:
    """The plan over time: the series' meetings in order and every action agreed in any of
    them, each with its history. A meeting of no series is a plan of one meeting."""

    series: str | None
    meetings: tuple[SeriesMeeting, ...]
    actions: tuple[ActionHistory, ...]

    def meeting(self, meeting_id: int) -> SeriesMeeting:
        return next(m for m in self.meetings if m.id == meeting_id)


class HitKind(StrEnum):
    """What a search found (`store.search`): a note's kind, or the row it is."""

    turn = "turn"
    decision = "decision"
    concern = "concern"
    standpoint = "standpoint"
    action = "action"
    card = "card"  # a vote's card, a need (with its answer), a sheet in the room
    participant = "participant"
    meeting = "meeting"  # its title, place, or who led and wrote it


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a search found its words in."""

    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    meeting_status: MeetingStatus
    kind: HitKind
    ref: int  # the turn's, note's, action's, card's or participant's id; a meeting: its id
    step: int | None  # the step it was written at; None: of the meeting as a whole
    repetition: int  # the time through a block (a case); 1 outside blocks
    speaker: str  # a turn: who spoke (a person or a group); an action: who; a card: by whom
    text: str  # what it says, its fields one per line (user text: data, never markup)
