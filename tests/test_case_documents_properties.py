"""Over generated Träff 4 meetings with cases (a scribe's sequence of actions: turns,
actions noted with f3 or in the plan, needs, decisions, concerns and standpoints, ratings
and choices, consent and names per case, skips, the next case, steps gone to and fro; Träff
4 with a scale and a choice in its block, so that a case has ratings and marks), what must
always hold of the documents:

- one case's copy, for everyone, the family or the facilitators, in every format that
  holds text, holds nothing typed outside its case but the frame: no turn, action, need,
  note, rating's comment, consent or name of another case, nor anything said or written
  outside the cases (the opening and closing rounds, the case inventory, the vote's cards,
  the actions of no case), which can name other children; and its record no other case's
  mark of a choice;
- one case's copy holds its own case whole: everyone's, every text typed in the case; each
  recipient's, the case's plan;
- in the plan, every action stands under its own case's heading, and those made outside
  the cases under the heading of the others;
- where consent is taken per case, neither the minutes nor the plan has a meeting-level
  consent line, whatever the set-up's box said.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from case_meeting import PEOPLE, traff_4_with_zones
from hypothesis import event, note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule
from meeting_helpers import new_meeting

from dialogtui.errors import DialogtuiError
from dialogtui.export.cases import meeting_cases, only_case
from dialogtui.export.record import load_record
from dialogtui.export.write import export_meeting
from dialogtui.kinds import choice, needs, scale
from dialogtui.labels import labels
from dialogtui.questionset.kinds import StepKind
from dialogtui.records import ActionItem, NoteKind
from dialogtui.store import Store

FAMILY = ("Maja Lind", None, "")  # no role, no organisation: the family, in Träff 4
L = labels("sv")
SET = traff_4_with_zones()


class CaseMeeting(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="cases-"))
        self.store = Store.open(self.folder / "db.sqlite3")
        self.count = 0
        # Each text typed, by the case it was typed in: (block, repetition), None outside
        # the cases.
        self.typed: dict[str, object] = {}
        self.actions: dict[str, object] = {}
        self.marked: set[tuple[int, int]] = set()  # the cases a choice was marked in
        self.comments: dict[tuple[object, object], str] = {}  # each rating's, the latest
        self.replaced: set[str] = set()  # comments given again: no longer in the record
        self.names: dict[tuple[int, int], str] = {}  # each case's name, the latest
        self.consents: dict[int, str] = {}
        self.skipped: set[int] = set()  # the cases that skipped a step

    @initialize(box=st.sampled_from([None, False]), in_case=st.booleans())
    def open(self, box: bool | None, in_case: bool) -> None:
        people = [*PEOPLE, FAMILY]
        self.m = new_meeting(self.store, "samtidigt-traff-4", people, text=SET, consent_given=box)
        self.m.start()
        self.steps = len(self.m.qs.steps)
        self.block = [i for i in range(self.steps) if self.m.qs.block_at(i)]
        if in_case:  # most of what matters happens in the cases
            self.m.goto_step(self.block[0])

    def tag(self) -> str:
        self.count += 1
        return f"Qz{self.count:03d}q"

    @property
    def case(self) -> tuple[int, int] | None:
        found = self.m.qs.block_at(self.m.step_index)
        return None if found is None else (0, self.m.pos.repetition)

    @rule(index=st.integers(0, 8), in_case=st.booleans())  # the set's 9 steps, the closing too
    def goto(self, index: int, in_case: bool) -> None:
        self.m.goto_step(self.block[index % len(self.block)] if in_case else index % self.steps)

    def goto_kind(self, kind: StepKind) -> None:
        """To the case's step of that kind (its scale, its choice), in the same case."""
        at = self.m.qs.first_step_of(kind)
        assert at is not None
        self.m.goto_step(at, repetition=self.m.pos.repetition)

    @rule(where=st.sampled_from(["caseinventering", "urval", "avslutning"]))
    def outside(self, where: str) -> None:
        """Outside the cases, where other children are named: the inventory's round, the
        vote's cards (each a child's summary), the closing round."""
        self.m.goto_step(self.m.qs.step_ids.index(where))
        said = self.tag()
        if where == "urval":
            self.m.cards.add(said)
        else:
            self.m.set_speaker(self.m.participants[0].id)
            self.m.submit(said)
        self.typed[said] = None

    @rule(who=st.integers(0, 2))
    def turn(self, who: int) -> None:
        said = self.tag()
        try:
            self.m.set_speaker(self.m.participants[who].id)
            self.m.submit(said)
        except DialogtuiError:
            return
        self.typed[said] = self.case

    @rule()
    def action(self) -> None:  # f3, or a row of the plan: made where the scribe stands
        said = self.tag()
        self.m.actions.add(ActionItem(said, who="Per Ek"))
        self.typed[said] = self.actions[said] = self.case

    @rule(kind=st.sampled_from(list(NoteKind)), into=st.sampled_from([None, 0, 1, 3]))
    def note(self, kind: NoteKind, into: int | None) -> None:  # f4, f5, ctrl+f
        """A decision, a concern or a standpoint, where the scribe is or in a step of the
        cases (`into`: its place in the block)."""
        if into is not None:
            self.m.goto_step(self.block[into])
        said = self.tag()
        self.m.notes.add(kind, said)
        self.typed[said] = self.case

    @precondition(lambda self: self.case is not None)
    @rule(who=st.integers(0, 2), value=st.integers(1, 2))
    def rating(self, who: int, value: int) -> None:  # the child's worry, by each one
        self.goto_kind(StepKind.scale)
        said = self.tag()  # its comment: the rating's text
        pid = self.m.participants[who].id
        scale.rate(self.m.kind_context(), pid, value, said)
        self.typed[said] = self.case
        # Rated again in the same case, the new comment stands and the old one is gone.
        earlier = self.comments.get((self.case, pid))
        if earlier is not None:
            self.replaced.add(earlier)
        self.comments[(self.case, pid)] = said

    @precondition(lambda self: self.case is not None)
    @rule(option=st.sampled_from(["stafett", "lag"]), now=st.booleans(), who=st.integers(0, 3))
    def choose(self, option: str, now: bool, who: int) -> None:
        self.goto_kind(StepKind.choice)
        pid = self.m.participants[who].id if who < 3 else None  # 3: the room's own mark
        choice.mark(self.m.kind_context(), option, "now" if now else "desired", pid)
        if self.case is not None:
            self.marked.add(self.case)

    @precondition(lambda self: self.m.step.kind is StepKind.needs)
    @rule(answered=st.booleans())
    def need(self, answered: bool) -> None:
        said = self.tag()
        made = needs.add(self.m.kind_context(), "Socialtjänsten", "Karis skola", said)
        self.typed[said] = self.case
        if answered:
            answer = self.tag()
            needs.answer(self.m.kind_context(), made.id, answer)
            self.typed[answer] = self.case

    @precondition(lambda self: self.case is not None)
    @rule()
    def consent(self) -> None:
        said = self.tag()
        self.m.consent.record_case(self.m.pos.repetition, said)
        self.consents[self.m.pos.repetition] = said

    @precondition(lambda self: self.case is not None)
    @rule()
    def name(self) -> None:
        said = self.tag()
        self.m.cases.name_case(said)
        self.names[self.case] = said  # type: ignore[index]

    @precondition(lambda self: self.m.step.optional is not None)
    @rule()
    def skip(self) -> None:
        if self.case is not None:
            self.skipped.add(self.m.pos.repetition)
        self.m.skip_step()

    @precondition(lambda self: self.case is not None)
    @rule(named=st.booleans())
    def next_case(self, named: bool) -> None:
        said = self.tag() if named else ""
        if self.m.repeat_block(name=said) and said:
            self.names[self.case] = said  # type: ignore[index]

    def teardown(self) -> None:
        try:
            if hasattr(self, "m"):
                self.m.finish()
                self.check()
        finally:
            self.store.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -- what must hold ------------------------------------------------------------------

    def texts(self, name: str, **how) -> str:
        out = self.folder / name
        export_meeting(self.store, self.m.id, out, formats=("md", "txt", "ics"), **how)
        return "\n".join(p.read_text(encoding="utf-8") for p in sorted(out.iterdir()))

    def in_copy(self, key: tuple[int, int]) -> list[str]:
        """What the case's own copy for everyone must hold: every text typed in the case
        that still stands (not a rating's comment given again), its name, its consent."""
        return [t for t in self.of_case(key) if t not in self.replaced]

    def of_case(self, key: object) -> list[str]:
        """Everything typed in a case: its texts, its name, its consent."""
        said = [t for t, k in self.typed.items() if k == key]
        if isinstance(key, tuple):
            said += [self.names[key]] if key in self.names else []
            said += [self.consents[key[1]]] if key[1] in self.consents else []
        return said

    def cases(self) -> list[tuple[int, int]]:
        """The meeting's cases: each time through the block up to the last that holds
        anything (a text, a name, a consent, a choice's mark, a skip)."""
        keys = (*self.typed.values(), *self.names, *self.marked)
        reps = [k[1] for k in keys if isinstance(k, tuple)]
        last = max([*reps, *self.consents, *self.skipped], default=0)
        return [(0, rep) for rep in range(1, last + 1)]

    def check(self) -> None:
        cases = self.cases()
        note(f"cases: {cases}; typed: {self.typed}; names: {self.names}")
        everyone = self.texts("all")
        plan = everyone[everyone.index(f"# {L['action_plan']}:") :]
        self.check_plan(plan, bool(cases))
        for document in (everyone[: everyone.index(f"# {L['action_plan']}:")], plan):
            head = document.split("\n## ", 1)[0]
            assert L["consent"] not in head, head  # consent is per case in Träff 4
        record = load_record(self.store, self.m.id)
        event(f"cases: {len(cases)}")
        event(f"rated in a case: {bool(record.ratings)}")  # the scale is in the cases only
        event(f"marked in a case: {bool(self.marked)}")
        event(f"noted in a case: {any(n.step in self.block for n in record.notes)}")
        event(f"said in the closing round: {any(t.step == self.steps - 1 for t in record.turns)}")
        for case in cases:
            # Another case's, and what was said or written outside the cases.
            others = [t for c in [*cases, None] if c != case for t in self.of_case(c)]
            for to in ("everyone", "family", "facilitators"):
                text = self.texts(f"{to}-{case[1]}", to=to, case=str(case[1]))
                leaked = [t for t in others if t in text]
                assert not leaked, (case, to, leaked)
                # Nor is it empty: the case's own plan is all there, in every copy.
                missing = [a for a, k in self.actions.items() if k == case and a not in text]
                assert not missing, (case, to, missing)
                if to == "everyone":  # and everything typed in the case, in everyone's
                    missing = [t for t in self.in_copy(case) if t not in text]
                    assert not missing, (case, to, missing)
            # A choice's marks are no text typed: the case's copy is made of its own only.
            (found,) = [c for c in meeting_cases(record) if c.key == case]
            copy = only_case(record, found)
            reps = {x.repetition for x in [*copy.choices, *copy.ratings, *copy.notes]}
            assert reps <= {case[1]}, (case, reps)
            assert len(copy.choices) == sum(x.repetition == case[1] for x in record.choices)

    def check_plan(self, plan: str, has_cases: bool) -> None:
        for said, key in self.actions.items():
            at = plan.index(said)
            headings = re.findall(r"^## (.*)$", plan[:at], re.MULTILINE)
            if not has_cases:
                assert not headings, headings  # one table, as before cases
                continue
            assert headings, (said, key, "under no heading")
            if key is None:
                assert headings[-1] == L["other_actions"], (said, headings)
            else:
                rep = key[1]  # type: ignore[index]
                assert re.fullmatch(rf"Case {rep}(: .*)?", headings[-1]), (said, key, headings)


CaseMeeting.TestCase.settings = settings(max_examples=60, stateful_step_count=20)
test_case_documents_hold_their_own_case_only = CaseMeeting.TestCase
