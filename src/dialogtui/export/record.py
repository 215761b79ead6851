"""Everything an export needs about one meeting, read from the store in one go."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from dialogtui.questionset.loader import parse_question_set
from dialogtui.questionset.model import QuestionSet
from dialogtui.questionset.shapes import chosen_steps, passed_over
from dialogtui.records import (
    ActionItem,
    Card,
    ChoiceMark,
    FollowUp,
    MeetingInfo,
    Note,
    Objection,
    Participant,
    PlanFrame,
    ReadBack,
    ScaleRating,
    Turn,
    by_turn,
)
from dialogtui.store.db import Store


@dataclass
class MeetingRecord:
    id: int
    qs: QuestionSet
    info: MeetingInfo
    status: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    turns: list[Turn]
    step_seconds: dict[int, float]
    notes: list[Note]
    ratings: list[ScaleRating]
    choices: list[ChoiceMark]
    actions: list[ActionItem]
    carried: list[ActionItem]
    follow_ups: list[FollowUp]
    # The meeting this one follows up: its date (written as the document's language writes
    # a date) and its title.
    previous: tuple[dt.date, str] | None = None
    # People of earlier meetings of the series: their names can be in carried actions.
    earlier_participants: list[Participant] = field(default_factory=list)
    groups: dict[int, list[Participant]] = field(default_factory=dict)  # formed per step
    cards: list[Card] = field(default_factory=list)  # of the vote steps
    case_consents: dict[int, str] = field(default_factory=dict)  # per case: how it was given
    # The history, read only for an export "with history": earlier texts of edited turns
    # by turn id, and the deleted turns.
    revisions: dict[int, list[str]] = field(default_factory=dict)
    deleted: list[Turn] = field(default_factory=list)
    # Optional steps the meeting left out, each in one time through it: (step index,
    # repetition); in a block, a skip is one case's only.
    skipped: set[tuple[int, int]] = field(default_factory=set)
    # The set's alternative steps (`[[alternatives]]`) the meeting did not run: the
    # documents leave them out, as if the set had only the one chosen.
    passed_over: set[int] = field(default_factory=set)
    # The cases named: (block index among the set's blocks, repetition) → the case's name.
    cases: dict[tuple[int, int], str] = field(default_factory=dict)
    # The vote's card each named case was chosen from, where it was: same keys → card id.
    case_cards: dict[tuple[int, int], int] = field(default_factory=dict)
    # The read-back in the room: turns corrected there, objections beside their turns, and
    # who accepted the minutes, when.
    corrected: set[int] = field(default_factory=set)
    objections: dict[int, list[Objection]] = field(default_factory=dict)
    read_backs: list[ReadBack] = field(default_factory=list)
    plan: PlanFrame = field(default_factory=PlanFrame)  # goal, owner, follow-up meeting

    @property
    def language(self) -> str:
        return self.qs.language.value


def load_record(store: Store, meeting_id: int, history: bool = False) -> MeetingRecord:
    """The meeting as one consistent snapshot, even while the meeting is being written."""
    with store.snapshot():
        return _load(store, meeting_id, history)


def _load(store: Store, meeting_id: int, history: bool) -> MeetingRecord:
    row = store.meeting_row(meeting_id)
    cases = store.case_names(meeting_id)
    previous = None
    if row.previous_id is not None:
        earlier = store.meeting_row(row.previous_id)
        previous = (earlier.date, earlier.title)
    qs = parse_question_set(row.set_toml, f"<meeting {meeting_id}>")
    chosen = chosen_steps(store.chosen_alternatives(meeting_id))
    return MeetingRecord(
        id=meeting_id,
        qs=qs,
        info=store.meeting_info(meeting_id),
        status=row.status,
        started_at=row.started_at,
        finished_at=row.finished_at,
        turns=store.turns(meeting_id, times=False, edited=history),  # marks only with history
        step_seconds=store.step_times(meeting_id),
        notes=store.notes(meeting_id),
        ratings=store.scale_ratings(meeting_id),
        choices=store.choice_marks(meeting_id),
        actions=store.actions(meeting_id),
        carried=store.carried_actions(meeting_id),
        follow_ups=store.follow_ups(meeting_id),
        previous=previous,
        earlier_participants=store.earlier_participants(meeting_id),
        groups=store.groups(meeting_id),
        cards=store.cards(meeting_id),
        case_consents=store.case_consents(meeting_id),
        skipped=store.skipped_steps(meeting_id),
        passed_over=passed_over(qs, chosen),
        cases={key: case.name for key, case in cases.items()},
        case_cards={k: c.card_id for k, c in cases.items() if c.card_id is not None},
        corrected=store.corrected_at_read_back(meeting_id),
        objections=by_turn(store.objections(meeting_id)),
        read_backs=store.read_backs(meeting_id),
        plan=store.plan(meeting_id),
        revisions=_earlier_texts(store, meeting_id) if history else {},
        deleted=store.turns(meeting_id, times=False, deleted=True) if history else [],
    )


def _earlier_texts(store: Store, meeting_id: int) -> dict[int, list[str]]:
    """The earlier texts of each edited turn, oldest first (its deletion is shown apart); a
    turn moved to another speaker has the one it was filed under, before its text then."""
    names = {p.id: p.name for p in store.participants(meeting_id)}
    names.update({g.id: g.name for gs in store.groups(meeting_id).values() for g in gs})
    out: dict[int, list[str]] = {}
    for r in store.revisions(meeting_id):
        if r.action == "edit":
            out.setdefault(r.turn_id, []).append(r.text)
        elif r.action == "move":
            said = f"{names.get(r.participant_id, '—')}: {r.text}"
            out.setdefault(r.turn_id, []).append(said)
    return out
