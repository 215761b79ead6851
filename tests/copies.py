"""Generated meetings for the test of who may read what (`tests/test_copies.py`): a meeting
of a shipped question set, run through the engine with every kind of statement in it, each
text a tag naming its author and kind; the rule of which copies may hold each tag; and the
text of each exported format, read back.

THE RULE (the README, "Documents for each recipient": a copy for one recipient "holds only
its people's statements, since one person's file must not get statements about others",
and its table of what stands in which copies):

- A copy holds the statements of some people: everyone's copy, everyone's (the
  facilitators' copy too, which adds the method's notes: times, who passed); the family's
  (`--for family`), the family's, who are the people of the roles the set marks
  `family = true`, or, where it marks none, the people of no role and no organisation; an
  organisation's (`--for Skolan`), the people of that organisation or role, and the
  family's; participants named (`--for "Anna Lind, Erik Lind"`), exactly theirs; several
  of these, comma-separated, all of theirs.
- A participant's own statement — a turn, its correction at read-back, and in an export
  with history its earlier texts and its deletion; a scale rating and its comment; a mark
  on a choice — stands only in the copies that hold that participant's statements. A turn
  moved to another speaker is that speaker's, its earlier texts too. (Who passed is a note
  on the method: in the facilitators' copy only; never in a copy not holding them.)
- An objection at read-back is the objector's statement about the turn's speaker's: only
  the copies that hold both stand it. An objector whose name is no participant's is no
  one's own.
- A statement of a group or pair, of the room as a whole (no speaker), or of someone who is
  no participant is nobody's own: only everyone's copy holds it.
- What belongs to the whole meeting stands in every copy: the title and place, decisions,
  concerns and standpoints, vote cards and their dots, needs and their answers, sheets on a
  map or a timeline, actions with every field, the plan's frame, the actions carried from
  the meeting before and what this meeting said of them, the consent (the meeting's and
  each case's), who accepted the minutes as read back.
- Never in any copy: an earlier meeting's turns and notes; what was corrected or deleted
  and keeps no history (a note's, card's, action's or plan's text before it was changed);
  without history, a turn's earlier texts and deleted turns.

`tests/test_copies.py` checks, over meetings made here, that each copy in each format holds
exactly what this rule lets it hold: nothing more (a leak), and nothing less (the calendar
only what it carries: the title, the dated actions, the follow-up meeting).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conftest import SETS
from hypothesis import note
from hypothesis import strategies as st
from meeting_helpers import new_meeting

from dialogtui.errors import MeetingError
from dialogtui.kinds import board, choice, needs, scale, vote
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.kinds import StepKind
from dialogtui.questionset.loader import parse_question_set
from dialogtui.questionset.model import QuestionSet
from dialogtui.records import ActionItem, ActionStatus, NoteKind, PlanFrame
from dialogtui.store.db import Store

# A tag: "Zq", the kind of text, its author, a serial number, "Zq". Letters and digits only,
# so that no format escapes it, wraps it or (in a PDF) splits it; no name, so that nothing
# replaces it; its ends make one tag never part of another, even run together with others
# in a table's extracted text.
TAG = re.compile(r"Zq[A-Za-pr-z0-9]+Zq")

ALWAYS, HISTORY, NEVER = "always", "history", "never"

# The plan's frame as typed; the follow-up meeting's place where the records have it (they
# have since schema 17).
ACTION_CODES = {"what": "Aw", "how": "Ah", "who": "Ao", "with_whom": "Ai", "first_step": "Af"}
FRAME_FIELDS = {f.name for f in dataclasses.fields(PlanFrame)}
FRAME_TEXTS = {
    f: code
    for f, code in (
        ("goal_own", "Go"),
        ("goal_professionals", "Gp"),
        ("owner", "Ow"),
        ("follow_up_by", "Fb"),
        ("follow_up_place", "Fp"),
        ("by_others", "Bo"),
    )
    if f in FRAME_FIELDS
}
ROOM = "room"  # whose a statement of a group, of the room, or of no participant is


@dataclass
class Said:
    """One tagged text and the copies that may hold it."""

    tag: str
    what: str  # for the report: "Anna Lind's turn 3 (step 2)"
    whose: frozenset[int | str] | None  # None: the whole meeting's
    shown: str = ALWAYS  # ALWAYS, HISTORY (only in an export with history) or NEVER
    # False: only its absence from the copies that may not hold it is checked (for a
    # statement a copy may leave out; none is so today).
    sure: bool = True
    ics: bool = False  # the calendar file carries it too


@dataclass
class Person:
    id: int
    name: str
    role: str | None
    organisation: str
    code: str  # in tags: P1, P2, ...

    def label(self, role_names: dict[str, str]) -> str:
        """How the minutes name them beside what they said, `role_names` being what one
        person of each role is called: "Anna Lind (familjemedlem, BUP)"."""
        about = [x for x in (role_names.get(self.role or ""), self.organisation.strip()) if x]
        if len(about) == 2 and about[0].casefold() == about[1].casefold():
            about.pop()
        return f"{self.name} ({', '.join(about)})" if about else self.name


@dataclass
class Turn:
    id: int
    speaker: int | None
    step: int
    texts: list[Said] = field(default_factory=list)  # the current one last
    passed: bool = False
    deleted: bool = False
    objections: list[tuple[Said, int | None]] = field(default_factory=list)  # with whose


@dataclass(frozen=True)
class Copy:
    """A recipient's copy: `to` as the export takes it, whose statements it holds."""

    to: str | None
    holds: frozenset[int] | None  # None: everyone's

    @property
    def name(self) -> str:
        return "everyone's copy" if self.to is None else f"the copy for {self.to!r}"


def may_hold(said: Said, copy: Copy, history: bool) -> bool:
    """THE RULE, for one tag and one copy."""
    if said.shown == NEVER or (said.shown == HISTORY and not history):
        return False
    if said.whose is None or copy.holds is None:
        return True
    return said.whose <= copy.holds


def key(text: str) -> str:
    return " ".join(text.split()).casefold()


# -- the people and the copies --------------------------------------------------------------

NAMES = (
    "Anna Lind",
    "Erik Lind",
    "Sara Berg",
    "Lotta Holm",
    "Sven Ek",
    "Mona Dahl",
    "Kari Nord",
    "Ola Strand",
    "Aino Virta",
    "Jens Borg",
)
ORGANISATIONS = ("Skolan", "Socialtjänsten", "BUP", "Fritids", "Kommunen")
STRANGER = "Gun Gäst"  # an objector who is no participant
FACILITATORS = "facilitators"


@st.composite
def people(draw: Any, qs: QuestionSet) -> list[tuple[str, str | None, str]]:
    """The family (one to three) and two or three organisations, each of one or two named
    people: (name, role, organisation), in the order they sit."""
    family_role = next((r.id for r in qs.roles if r.family), None)
    other_roles = [r.id for r in qs.roles if not r.family]
    names = iter(draw(st.permutations(NAMES)))
    out: list[tuple[str, str | None, str]] = []
    for _ in range(draw(st.integers(1, 3))):
        out.append((next(names), family_role, ""))
    orgs = draw(st.lists(st.sampled_from(ORGANISATIONS), min_size=2, max_size=3, unique=True))
    for org in orgs:
        role = draw(st.sampled_from(other_roles)) if other_roles else None
        # Where the set's roles are organisations, one may be left empty: the role names it.
        typed = draw(st.sampled_from([org, ""])) if role is not None else org
        for _ in range(draw(st.integers(1, 2))):
            out.append((next(names), role, typed))
    return list(draw(st.permutations(out)))


def family_of(qs: QuestionSet, persons: Iterable[Person]) -> frozenset[int]:
    roles = {r.id for r in qs.roles if r.family}
    if roles:
        return frozenset(p.id for p in persons if p.role in roles)
    return frozenset(p.id for p in persons if p.role is None and not p.organisation.strip())


def copies(qs: QuestionSet, persons: Sequence[Person], draw: Any) -> list[Copy]:
    """Everyone's copy, the family's, each organisation's (or role's), each participant's,
    a combination of two of these, and the facilitators'."""
    family = family_of(qs, persons)
    role_names = {r.id: r.name for r in qs.roles}
    out = [Copy(None, None)]
    tokens: dict[str, frozenset[int]] = {}
    if family:
        tokens["family"] = family
    for p in persons:
        if p.id in family:
            continue
        org = p.organisation.strip() or role_names.get(p.role or "", "")
        members = frozenset(
            q.id
            for q in persons
            if key(q.organisation) == key(org) or key(role_names.get(q.role or "", "")) == key(org)
        )
        tokens.setdefault(org, members | family)
    for p in persons:
        tokens[p.name] = frozenset({p.id})
    out += [Copy(t, held) for t, held in tokens.items()]
    two = draw(st.lists(st.sampled_from(sorted(tokens)), min_size=2, max_size=2, unique=True))
    out.append(Copy(", ".join(two), tokens[two[0]] | tokens[two[1]]))
    # Everyone's with the method's notes (times, passes): of the statements, everyone's.
    out.append(Copy(FACILITATORS, None))
    return out


# -- the meeting, run by a scribe whose every move hypothesis draws ------------------------


class Scribe:
    """Runs a meeting through the engine as a scribe would, and notes each tag it writes:
    whose it is, and what became of it."""

    def __init__(self, draw: Callable[..., Any], store: Store, set_id: str):
        self.draw = draw
        self.store = store
        self.set_id = set_id
        self.serial = 0
        self.said: list[Said] = []  # every tag not of a turn
        self.turns: dict[int, Turn] = {}
        self.notes: dict[int, Said] = {}
        self.cards: dict[int, dict[str, Said]] = {}
        self.actions: dict[int, dict[str, Said]] = {}
        self.plan: list[Said] = []
        self.ratings: dict[tuple[int, int], Said] = {}
        self.follow_ups: dict[int, Said] = {}
        self.case_consents: dict[int, Said] = {}
        self.follow_up_on: dt.date | None = None
        self.persons: dict[int, Person] = {}
        self.role_names: dict[str, str] = {}

    # -- tags ------------------------------------------------------------------------------

    def tag(self, kind: str, who: str) -> str:
        self.serial += 1
        return f"Zq{kind}{who}n{self.serial:04d}Zq"

    def meeting_said(self, kind: str, what: str, **kw: Any) -> Said:
        said = Said(self.tag(kind, "M"), what, None, **kw)
        self.said.append(said)
        return said

    def code(self, pid: int | None) -> str:
        if pid in self.persons:
            return self.persons[pid].code
        return "R" if pid is None else f"G{pid}"

    def whose(self, pid: int | None) -> frozenset[int | str]:
        return frozenset({pid}) if pid in self.persons else frozenset({ROOM})

    def who(self, pid: int | None) -> str:
        if pid in self.persons:
            return self.persons[pid].name
        return "the room" if pid is None else f"group {pid}"

    def pick(self, items: Sequence[Any]) -> Any:
        return self.draw(st.sampled_from(items)) if items else None

    # -- the meeting ------------------------------------------------------------------------

    def run(self) -> MeetingEngine:
        text = (SETS / f"{self.set_id}.toml").read_text(encoding="utf-8")
        qs = parse_question_set(text, self.set_id)
        # What one person of each role is called: the minutes say it after their name.
        self.role_names = {r.id: r.person for r in qs.roles}
        seated = self.draw(people(qs))
        info = self.header()
        if self.draw(st.booleans()):
            info["previous_id"] = self.earlier(seated)
        engine = new_meeting(self.store, self.set_id, seated, **info)
        for n, p in enumerate(engine.participants, start=1):
            assert p.id is not None
            self.persons[p.id] = Person(p.id, p.name, p.role, p.organisation, f"P{n}")
        note(
            f"{self.set_id}: "
            + "; ".join(
                f"{p.code} {p.name} {p.role} {p.organisation!r}" for p in self.persons.values()
            )
        )
        self.consent(engine)
        engine.start()
        while True:
            for _ in range(self.draw(st.integers(0, 8))):
                self.move(engine)
            block = qs.block_at(engine.step_index)  # at its last step: the next case?
            last = block is not None and engine.step_index == block[2]
            if last and self.draw(st.booleans()) and engine.repeat_block():
                note(f"next case: {engine.pos.repetition}")
                continue
            if not engine.next_step():
                break
        engine.finish()
        for _ in range(self.draw(st.integers(0, 6))):  # the read-back
            getattr(self, self.draw(st.sampled_from(["correct", "object", "accept"])))(engine)
        engine.close()
        return engine

    def earlier(self, seated: list[tuple[str, str | None, str]]) -> int:
        """The meeting this one follows: its turns and notes stand in no copy of this one;
        its open actions are carried, and stand in every copy."""
        engine = new_meeting(self.store, self.set_id, seated, title="Förra mötet")
        engine.start()
        for p in engine.participants:
            if self.draw(st.booleans()):
                engine.set_speaker(p.id)
                said = Said(self.tag("Tu", "E"), "a turn of the earlier meeting", None, NEVER)
                engine.submit(said.tag)
                self.said.append(said)
        said = Said(self.tag("De", "E"), "a decision of the earlier meeting", None, NEVER)
        engine.notes.add(NoteKind.decision, said.tag)
        self.said.append(said)
        for _ in range(self.draw(st.integers(1, 2))):
            what = self.meeting_said("Cw", "a carried action's what")
            who = self.meeting_said("Cv", "a carried action's who")
            engine.actions.add(ActionItem(what.tag, who=who.tag, when=dt.date(2026, 1, 10)))
        engine.finish()
        engine.close()
        note(f"follows meeting {engine.id}")
        return engine.id

    def header(self) -> dict[str, Any]:
        """What the start screen takes: the title and place (in every copy, the title in
        the calendar too)."""
        title = self.meeting_said("Ti", "the title", ics=True)
        place = self.meeting_said("Pl", "the place")
        return {"title": title.tag, "place": place.tag}

    def consent(self, engine: MeetingEngine) -> None:
        if engine.qs.asks_consent:
            said = self.meeting_said("Cn", "the meeting's consent note")
            engine.consent.record(True, said.tag)

    # -- the moves --------------------------------------------------------------------------

    def move(self, engine: MeetingEngine) -> None:
        """One thing the scribe does: one of any step's, or one of this step's own kind
        (as often as all the others together, so that each kind is written in)."""
        kind = engine.step.kind
        moves = [
            "turn",
            "turn",
            "turn",
            "pass_",
            "edit",
            "correct",
            "delete",
            "move_turn",
            "object",
            "note",
            "change_note",
            "action",
            "change_action",
        ]
        if engine.actions.carried():
            moves += ["follow_up"]
        if any(b.consent for b in engine.qs.blocks) and engine.qs.block_at(engine.step_index):
            moves += ["case_consent"]
        own: list[str] = []
        if kind is StepKind.action_planning:
            own += ["plan_frame", "action"]
        if kind is StepKind.vote:
            own += ["card", "card", "dots", "change_card"]
        if kind is StepKind.needs:
            own += ["need", "need", "answer", "change_card"]
        if kind is StepKind.timeline:
            own += ["sheet", "sheet", "shift", "change_card"]
        if kind is StepKind.map:
            own += ["sheet", "sheet", "change_card"]
        if engine.step.scale is not None:
            own += ["rate"]
        if engine.step.choice is not None:
            own += ["choose"]
        if own and self.draw(st.booleans()):
            moves = own
        if engine.step.by_group and not engine.groups.of():
            moves = ["group"]  # groups of the scribe's choosing: named first
        try:
            getattr(self, self.draw(st.sampled_from(moves)))(engine)
        except MeetingError as exc:  # a move the engine refuses here: none was made
            note(f"  refused: {exc}")

    def live(self, spoken: bool = True) -> list[int]:
        return [t.id for t in self.turns.values() if not t.deleted and not (spoken and t.passed)]

    def give_floor(self, engine: MeetingEngine) -> int | None:
        choices: list[int | None] = [*self.persons, None]
        if engine.step.by_group:
            choices += [g.id for g in engine.groups.of()]
        engine.set_speaker(self.pick(choices))
        return engine.pos.speaker_id

    def turn(self, engine: MeetingEngine) -> None:
        pid = self.give_floor(engine)
        said = Said(self.tag("Tu", self.code(pid)), "", self.whose(pid))
        turn = engine.submit(said.tag)
        assert turn.participant_id == pid
        said.what = f"turn {turn.id} of {self.who(pid)} (step {turn.step + 1})"
        self.turns[turn.id] = Turn(turn.id, pid, turn.step, [said])
        note(f"  {said.what}: {said.tag}")

    def pass_(self, engine: MeetingEngine) -> None:
        pid = self.give_floor(engine)
        turn = engine.pass_turn()
        self.turns[turn.id] = Turn(turn.id, pid, turn.step, passed=True)
        note(f"  turn {turn.id}: {self.who(pid)} passes")

    def edit(self, engine: MeetingEngine, at_read_back: bool = False) -> None:
        tid = self.pick(self.live())
        if tid is None:
            return
        turn = self.turns[tid]
        kind = "Rb" if at_read_back else "Ed"
        said = Said(self.tag(kind, self.code(turn.speaker)), "", self.whose(turn.speaker))
        said.what = f"turn {tid} of {self.who(turn.speaker)}, " + (
            "corrected at read-back" if at_read_back else "edited"
        )
        engine.turns.edit(tid, said.tag, at_read_back=at_read_back)
        turn.texts[-1].shown = HISTORY
        turn.texts[-1].what += ", its earlier text"
        turn.texts.append(said)
        note(f"  {said.what}: {said.tag}")

    def correct(self, engine: MeetingEngine) -> None:
        self.edit(engine, at_read_back=True)

    def delete(self, engine: MeetingEngine) -> None:
        tid = self.pick(self.live(spoken=False))
        if tid is None:
            return
        engine.turns.delete(tid)
        turn = self.turns[tid]
        turn.deleted = True
        for said in turn.texts:
            said.shown = HISTORY
            said.what += ", deleted"
        note(f"  turn {tid} deleted")

    def move_turn(self, engine: MeetingEngine) -> None:
        tid = self.pick(self.live(spoken=False))
        if tid is None:
            return
        pid = self.pick(list(self.persons))
        engine.turns.move(tid, pid)
        turn = self.turns[tid]
        turn.speaker = pid
        for said in turn.texts:
            said.whose = self.whose(pid)
            said.what += f", moved to {self.who(pid)}"
        note(f"  turn {tid} moved to {self.who(pid)}")

    def object(self, engine: MeetingEngine) -> None:
        tid = self.pick(self.live())
        if tid is None:
            return
        person = self.persons[self.pick(list(self.persons))]
        way = self.draw(st.sampled_from(["as typed", "other case", "stranger"]))
        if way == "stranger":
            by, pid = STRANGER, None
        else:
            by, pid = person.name, person.id
            if way == "other case":
                by = f" {person.name.upper()}  "
        turn = self.turns[tid]
        said = Said(self.tag("Ob", self.code(pid) if pid else "X"), "", None)
        said.what = f"objection of {by.strip()!r} to turn {tid} of {self.who(turn.speaker)}"
        engine.read_back.object_to(tid, by, said.tag)
        turn.objections.append((said, pid))
        note(f"  {said.what}: {said.tag}")

    def accept(self, engine: MeetingEngine) -> None:
        said = self.meeting_said("Ab", "who accepted the minutes")
        engine.read_back.accept(said.tag)

    def note(self, engine: MeetingEngine) -> None:
        kind = self.draw(st.sampled_from(list(NoteKind)))
        said = self.meeting_said(kind.value[:2].title(), f"a {kind.value}")
        made = engine.notes.add(kind, said.tag)
        self.notes[made.id] = said
        note(f"  {said.what}: {said.tag}")

    def change_note(self, engine: MeetingEngine) -> None:
        nid = self.pick(sorted(self.notes))
        if nid is None:
            return
        old = self.notes.pop(nid)
        old.shown = NEVER
        old.what += ", changed or deleted"
        if self.draw(st.booleans()):
            engine.notes.delete(nid)
            note(f"  note {old.tag} deleted")
        else:
            said = self.meeting_said("Nx", "a note corrected")
            engine.notes.edit(nid, said.tag)
            self.notes[nid] = said
            note(f"  note {old.tag} corrected: {said.tag}")

    # -- actions, the plan, the follow-up ----------------------------------------------------

    def columns(self, engine: MeetingEngine) -> list[str]:
        """The action's fields the set writes (its plan's own columns, else all)."""
        own = next((s.columns for s in engine.qs.steps if s.columns), None)
        fields = [c.field for c in own] if own else []
        return fields or ["what", "how", "who", "with_whom", "when", "first_step"]

    def action_fields(self, engine: MeetingEngine, fields: list[str]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields:
            if f == "when":
                out[f] = self.draw(st.sampled_from([None, dt.date(2026, 3, 2)]))
            elif f == "what" or self.draw(st.booleans()):
                out[f] = self.meeting_said(ACTION_CODES[f], f"an action's {f}")
        return out

    def set_action(self, aid: int, values: dict[str, Any], dated: bool) -> None:
        fields = self.actions.setdefault(aid, {})
        for f, said in values.items():
            if isinstance(said, Said):
                old = fields.get(f)
                if old is not None:
                    old.shown = NEVER
                    old.what += ", changed"
                fields[f] = said
        for said in fields.values():
            said.ics = dated  # a dated action is an event, its fields its text

    def action(self, engine: MeetingEngine) -> None:
        values = self.action_fields(engine, self.columns(engine))
        item = ActionItem(**{f: (v.tag if isinstance(v, Said) else v) for f, v in values.items()})
        made = engine.actions.add(item)
        assert made.id is not None
        self.set_action(made.id, values, item.when is not None)
        note(f"  action {made.id}: {item}")

    def change_action(self, engine: MeetingEngine) -> None:
        item = self.pick(engine.actions.all())
        if item is None:
            return
        if self.draw(st.booleans()):
            engine.actions.delete(item.id)
            for said in self.actions.pop(item.id, {}).values():
                said.shown = NEVER
                said.what += ", deleted"
            note(f"  action {item.id} deleted")
            return
        fields = self.draw(st.lists(st.sampled_from(self.columns(engine)), min_size=1))
        values = self.action_fields(engine, sorted(set(fields)))
        for f, v in values.items():
            setattr(item, f, v.tag if isinstance(v, Said) else v)
        engine.actions.update(item)
        self.set_action(item.id, values, item.when is not None)
        note(f"  action {item.id} changed: {item}")

    def plan_frame(self, engine: MeetingEngine) -> None:
        when = self.draw(st.sampled_from([None, dt.date(2026, 4, 20)]))
        values: dict[str, Said | None] = {}
        for f, code in FRAME_TEXTS.items():
            typed = self.draw(st.booleans())
            values[f] = self.meeting_said(code, f"the plan's {f}") if typed else None
        for old in self.plan:
            old.shown = NEVER
            old.what += ", replaced"
        self.plan = [s for s in values.values() if s is not None]
        for said in self.plan:
            said.ics = when is not None  # the follow-up meeting's event says the frame
        texts: dict[str, Any] = {f: (s.tag if s else "") for f, s in values.items()}
        if "follow_up_at" in FRAME_FIELDS:
            texts["follow_up_at"] = self.draw(st.sampled_from(["", "14:00"]))
        engine.actions.save_plan(PlanFrame(follow_up_on=when, **texts))
        self.follow_up_on = when
        note(f"  plan's frame: {texts}, follow-up {when}")

    def follow_up(self, engine: MeetingEngine) -> None:
        item = self.pick(engine.actions.carried())
        if item is None:
            return
        said = self.meeting_said("Fu", f"follow-up comment on carried action {item.id}")
        status = self.draw(st.sampled_from(list(ActionStatus)))
        engine.actions.follow_up(item.id, status, said.tag)
        old = self.follow_ups.get(item.id)
        if old is not None:
            old.shown = NEVER
            old.what += ", replaced"
        self.follow_ups[item.id] = said
        note(f"  follow-up of {item.id}: {status} {said.tag}")

    def case_consent(self, engine: MeetingEngine) -> None:
        case = engine.pos.repetition
        said = self.meeting_said("Cc", f"consent of case {case}")
        engine.consent.record_case(case, said.tag)
        old = self.case_consents.get(case)
        if old is not None:
            old.shown = NEVER
            old.what += ", replaced"
        self.case_consents[case] = said
        note(f"  case {case}'s consent: {said.tag}")

    # -- the kinds' own: cards, needs, sheets, ratings, choices, groups ----------------------

    def card_said(self, card_id: int, part: str, said: Said) -> None:
        """A card's text, answer or when; one written again replaces it."""
        parts = self.cards.setdefault(card_id, {})
        old = parts.get(part)
        if old is not None:
            old.shown = NEVER
            old.what += ", replaced"
        parts[part] = said

    def card(self, engine: MeetingEngine) -> None:
        said = self.meeting_said("Ca", "a vote card")
        made = engine.cards.add(said.tag, by=engine.floor)
        self.card_said(made.id, "text", said)
        note(f"  card {made.id}: {said.tag}")

    def dots(self, engine: MeetingEngine) -> None:
        card = self.pick(engine.cards.all())
        if card is not None:
            vote.give(engine.kind_context(), card.id, self.draw(st.integers(-1, 3)))

    def need(self, engine: MeetingEngine) -> None:
        actors = engine.actors() or ["Skolan"]
        by = engine.floor or actors[0]
        to = self.pick([a for a in actors if key(a) != key(by)] or ["Kommunen"])
        said = self.meeting_said("Ne", f"a need of {by} to {to}")
        made = needs.add(engine.kind_context(), by, to, said.tag)
        self.card_said(made.id, "text", said)
        note(f"  need {made.id}: {said.tag}")

    def answer(self, engine: MeetingEngine) -> None:
        card = self.pick(engine.cards.all())
        if card is None:
            return
        said = self.meeting_said("An", f"the answer to need {card.id}")
        needs.answer(engine.kind_context(), card.id, said.tag)
        self.card_said(card.id, "answer", said)
        note(f"  answer to {card.id}: {said.tag}")

    def sheet(self, engine: MeetingEngine) -> None:
        said = self.meeting_said("Sh", "a sheet")
        if engine.step.kind is StepKind.timeline:
            when = self.meeting_said("Sw", "a sheet's when")
            made = board.put_up(engine.kind_context(), said.tag, when.tag, engine.floor or "Skolan")
            self.card_said(made.id, "when", when)
        else:
            made = engine.cards.add(said.tag)
            if self.draw(st.booleans()):
                places = engine.step.places or []
                board.lay(engine.kind_context(), made.id, self.draw(st.integers(1, len(places))))
        self.card_said(made.id, "text", said)
        note(f"  sheet {made.id}: {said.tag}")

    def shift(self, engine: MeetingEngine) -> None:
        card = self.pick(engine.cards.all())
        if card is not None:
            board.move(engine.kind_context(), card.id, self.draw(st.sampled_from([-1, 1])))

    def change_card(self, engine: MeetingEngine) -> None:
        card = self.pick(engine.cards.all())
        if card is None:
            return
        if self.draw(st.booleans()):
            engine.cards.delete(card.id)
            for old in self.cards.pop(card.id, {}).values():
                old.shown = NEVER
                old.what += ", deleted"
            note(f"  card {card.id} deleted")
            return
        said = self.meeting_said("Cx", "a card corrected")
        engine.cards.edit(card.id, said.tag)
        self.card_said(card.id, "text", said)
        note(f"  card {card.id} corrected: {said.tag}")

    def rate(self, engine: MeetingEngine) -> None:
        pid = self.pick(list(self.persons))
        assert engine.step.scale is not None
        value = self.pick([p.value for p in engine.step.scale.points])
        comment = None
        if self.draw(st.booleans()):
            said = Said(self.tag("Ra", self.code(pid)), "", self.whose(pid))
            said.what = f"{self.who(pid)}'s rating comment (step {engine.step_index + 1})"
            comment = said.tag
        scale.rate(engine.kind_context(), pid, value, comment)
        if comment is not None:
            old = self.ratings.get((engine.step_index, pid))
            if old is not None:
                old.shown = NEVER
                old.what += ", replaced"
            self.ratings[(engine.step_index, pid)] = said
            self.said.append(said)
        note(f"  {self.who(pid)} rated {value}: {comment}")

    def choose(self, engine: MeetingEngine) -> None:
        spec = engine.step.choice
        assert spec is not None
        if spec.continuum:
            choice.place(engine.kind_context(), self.draw(st.integers(1, spec.continuum)))
            return
        pid = self.pick([*self.persons, None])
        option = self.pick([o.id for o in spec.options])
        rating = self.pick(spec.ratings)
        choice.mark(engine.kind_context(), option, rating, pid)
        note(f"  {self.who(pid)} marks {option} {rating}")

    def group(self, engine: MeetingEngine) -> None:
        made = engine.groups.add(f"Grupp {len(engine.groups.of()) + 1}")
        note(f"  group {made.id}: {made.name}")

    # -- the result ---------------------------------------------------------------------------

    def statements(self) -> list[Said]:
        """Every tag written, with the copies that may hold it as the meeting left it."""
        out = list(self.said)
        for turn in self.turns.values():
            out += turn.texts
            for said, objector in turn.objections:
                said.whose = self.whose(turn.speaker) | self.whose(objector)
                said.shown = HISTORY if turn.deleted else ALWAYS
                out.append(said)
        return out

    def dated(self) -> bool:
        """Whether the meeting has a date for a calendar: a dated action, the follow-up."""
        dated = any(s.ics and s.shown == ALWAYS for f in self.actions.values() for s in f.values())
        return dated or self.follow_up_on is not None

    def speakers(self) -> dict[int, str]:
        """Per participant whose own statements are marked with their label only (a pass, a
        rating, a choice), the label: it stands only in copies that hold them."""
        return {
            pid: p.label(self.role_names)
            for pid, p in self.persons.items()
            if p.label(self.role_names) != p.name  # a bare name is in the list of people
        }


# -- each format read back as text ------------------------------------------------------------

_W_TEXT = re.compile(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|<w:tab/>|<w:br/>|</w:p>")


def docx_text(path: Path) -> str:
    """A DOCX's text from its XML: each paragraph's runs joined, as Word shows them; the
    document's properties (title, author) too."""
    out = []
    with zipfile.ZipFile(path) as z:
        for part in z.namelist():
            if not part.endswith(".xml"):
                continue
            xml = z.read(part).decode("utf-8")
            if part.startswith("docProps/"):
                out.append(html.unescape(re.sub(r"<[^>]+>", " ", xml)))
                continue
            for m in _W_TEXT.finditer(xml):
                out.append(html.unescape(m.group(1)) if m.group(1) is not None else "\n")
    return "".join(out)


def pdf_text(path: Path) -> str:
    import pypdf

    reader = pypdf.PdfReader(str(path))
    meta = [str(v) for v in (reader.metadata or {}).values()]
    return "\n".join([*meta, *(page.extract_text() for page in reader.pages)])


READERS: dict[str, Callable[[Path], str]] = {
    ".md": lambda p: p.read_text(encoding="utf-8"),
    ".txt": lambda p: p.read_text(encoding="utf-8"),
    ".ics": lambda p: p.read_text(encoding="utf-8"),
    ".docx": docx_text,
    ".pdf": pdf_text,
}


def read_back(folder: Path) -> dict[str, str]:
    """Per format (md, docx, pdf, txt, ics), the text of all its files in the folder, found
    by their extension (not their names, which may change)."""
    out: dict[str, list[str]] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix in READERS:
            out.setdefault(path.suffix[1:], []).append(READERS[path.suffix](path))
    return {fmt: "\n\x00\n".join(texts) for fmt, texts in out.items()}


def squeezed(text: str) -> str:
    """Without whitespace: a tag wrapped, folded (a calendar's lines) or spaced out by a
    PDF's extraction is whole again."""
    return "".join(text.split())
