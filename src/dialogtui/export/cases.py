"""A meeting's cases: each time through a block of the set (Träff 4's "Case") is a case, a
child, with a name where the scribe gave it one. The documents head each case's part with
the block's word, its number and its name ("Case 2: Flicka 14"), give each its own plan and
consent, and can be one case's copy (`only_case`): the meeting's frame, that case's
material and the plan's frame, and nothing else."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dialogtui.errors import ExportError
from dialogtui.i18n import _
from dialogtui.records import PlanFrame, name_key

if TYPE_CHECKING:
    from dialogtui.export.record import MeetingRecord
    from dialogtui.questionset.model import QuestionSet
    from dialogtui.records import ChoiceMark, Note, ScaleRating

CaseKey = tuple[int, int]  # (the block's index in the set, the time through it, from 1)


@dataclass(frozen=True)
class Case:
    block: int
    repetition: int
    number: int  # its place among the meeting's cases, from 1 (the repetition, in one block)
    name: str = ""  # as the scribe named it; "" where it has none

    @property
    def key(self) -> CaseKey:
        return self.block, self.repetition


def block_steps(qs: QuestionSet) -> dict[int, int]:
    """Each step of a block, by its index: the block's index in the set."""
    out: dict[int, int] = {}
    for b, block in enumerate(qs.blocks):
        at = [i for i in map(qs.index_of, block.steps) if i is not None]
        if at:
            out.update((i, b) for i in range(at[0], at[-1] + 1))
    return out


def case_of(qs: QuestionSet, step: int | None, repetition: int) -> CaseKey | None:
    """The case something made in step `step`'s time `repetition` is of; None outside."""
    if step is None:
        return None
    b = block_steps(qs).get(step)
    return None if b is None else (b, repetition)


def consent_block(qs: QuestionSet) -> int | None:
    """The block whose cases each record their guardians' consent (`consent = true`)."""
    return next((b for b, block in enumerate(qs.blocks) if block.consent), None)


def meeting_cases(record: MeetingRecord) -> list[Case]:
    """The meeting's cases, block by block: each time through a block up to the last that
    holds anything (a turn, a card, an action, a note, a rating, a choice's mark, a skip, a
    name, a consent); one before it
    is a case whether or not anything was written in it."""
    qs = record.qs
    steps = block_steps(qs)
    last: dict[int, int] = {}

    def seen(step: int | None, rep: int) -> None:
        b = steps.get(step) if step is not None else None
        if b is not None:
            last[b] = max(last.get(b, 0), rep)

    for t in record.turns:
        seen(t.step, t.repetition)
    for c in record.cards:
        seen(c.step, c.repetition)
    for a in record.actions:
        seen(a.step, a.repetition)
    made: list[Note | ScaleRating | ChoiceMark] = [*record.notes, *record.ratings, *record.choices]
    for x in made:
        seen(x.step, x.repetition)
    for step, rep in record.skipped:
        seen(step, rep)
    for b, rep in record.cases:
        if b < len(qs.blocks):
            last[b] = max(last.get(b, 0), rep)
    held = consent_block(qs)
    if held is not None and record.case_consents:
        last[held] = max(last.get(held, 0), *record.case_consents)
    out: list[Case] = []
    for b in sorted(last):
        for rep in range(1, last[b] + 1):
            name = " ".join(record.cases.get((b, rep), "").split())
            out.append(Case(b, rep, len(out) + 1, name))
    return out


def case_choices(cases: list[Case], each: dict[int, str]) -> list[str]:
    """Each case as a list to choose from says it: "Case 1: Flicka 14", "Case 2"."""
    out = []
    for c in cases:
        said = f"{each.get(c.block, '')} {c.repetition}".strip()
        out.append(f"{said}: {c.name}" if c.name else said)
    return out


def each_word(qs: QuestionSet, fallback: str) -> dict[int, str]:
    """What each block calls one time through it ("Case"), or `fallback` where it says none."""
    return {b: block.each or fallback for b, block in enumerate(qs.blocks)}


def find_case(record: MeetingRecord, typed: str) -> Case:
    """The case `typed` names: its number among the meeting's cases, or its name (case and
    spacing ignored); an error that lists the meeting's cases if none is."""
    cases = meeting_cases(record)
    listed = ", ".join(f"{c.number} ({c.name})" if c.name else str(c.number) for c in cases)
    if not cases:
        raise ExportError(_("this meeting has no cases: leave out --case"))
    token = typed.strip()
    if token.isdigit():
        found = [c for c in cases if c.number == int(token)]
    else:
        found = [c for c in cases if c.name and name_key(c.name) == name_key(token)]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        said = _("{n} cases are called “{name}”: name the case by its number: {cases}")
        raise ExportError(said.format(n=len(found), name=typed, cases=listed))
    said = _("“{name}” is no case of this meeting; choose {cases}")
    raise ExportError(said.format(name=typed, cases=listed))


def only_case(record: MeetingRecord, case: Case) -> MeetingRecord:
    """The meeting as one case's copy sees it, for the child's family or anyone: the
    meeting's frame (title, date, place, set, who was there), that case's own material (its
    steps' turns, cards, needs, actions, notes, ratings, choices and skips, its name and
    consent) and the follow-up meeting (one for all the children). Nothing said or
    written outside the case: the steps outside the cases can name other children (the
    case inventory's turns, the vote's cards, each a child's summary, the opening and
    closing rounds), and so can an earlier meeting's actions followed up here (its case 2
    need not be this one's); nor the plan's goals and owner, nor the meeting's consent
    line, nor how much was read back."""
    steps = block_steps(record.qs)
    mine = case.key

    def kept(step: int | None, rep: int) -> bool:
        return step is not None and (steps.get(step), rep) == mine

    held = consent_block(record.qs)
    consents = {rep: how for rep, how in record.case_consents.items() if (held, rep) == mine}
    info = record.info
    if held is not None:
        # Consent taken per case: the meeting's own consent line (ticked at set-up, noted
        # about whichever guardian) is no case's, and may name another child's family.
        info = dataclasses.replace(info, consent_given=None, consent_note="")
    # The plan's frame is one per meeting, typed in whichever case's plan step: its goals
    # and owner speak of one child. A child's copy keeps only the follow-up meeting, the
    # same for all of them.
    plan = record.plan
    frame = PlanFrame(
        follow_up_on=plan.follow_up_on,
        follow_up_by=plan.follow_up_by,
        follow_up_at=plan.follow_up_at,
        follow_up_place=plan.follow_up_place,
    )
    # What was read back is counted over the whole meeting: those counts would tell a
    # child's family how much more was said of other children. Who accepted it, and when,
    # stays.
    read_backs = [dataclasses.replace(rb, covered=[]) for rb in record.read_backs]
    return dataclasses.replace(
        record,
        info=info,
        plan=frame,
        read_backs=read_backs,
        turns=[t for t in record.turns if kept(t.step, t.repetition)],
        deleted=[t for t in record.deleted if kept(t.step, t.repetition)],
        cards=[c for c in record.cards if kept(c.step, c.repetition)],
        actions=[a for a in record.actions if kept(a.step, a.repetition)],
        carried=[],
        follow_ups=[],
        notes=[x for x in record.notes if kept(x.step, x.repetition)],
        ratings=[x for x in record.ratings if kept(x.step, x.repetition)],
        choices=[x for x in record.choices if kept(x.step, x.repetition)],
        skipped={(s, rep) for s, rep in record.skipped if kept(s, rep)},
        cases={k: v for k, v in record.cases.items() if k == mine},
        case_cards={k: v for k, v in record.case_cards.items() if k == mine},
        case_consents=consents,
    )
