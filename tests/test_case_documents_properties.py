"""Over generated Träff 4 meetings with cases (a scribe's sequence of actions: turns,
actions noted with f3 or in the plan, needs, decisions, consent and names per case, skips,
the next case, steps gone to and fro), what must always hold of the documents:

- one case's copy, for everyone, the family or the facilitators, in every format that
  holds text, holds nothing typed in another case: no turn, action, need, consent or name
  of it; nor what a case's step holds that records no case (a decision noted there);
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

from case_meeting import PEOPLE
from hypothesis import note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule
from meeting_helpers import new_meeting

from dialogtui.errors import DialogtuiError
from dialogtui.export.write import export_meeting
from dialogtui.kinds import needs
from dialogtui.labels import labels
from dialogtui.questionset.kinds import StepKind
from dialogtui.records import ActionItem, NoteKind
from dialogtui.store import Store

FAMILY = ("Maja Lind", None, "")  # no role, no organisation: the family, in Träff 4
UNKNOWN = "unknown"  # typed in a case's step, in a record that keeps no case
L = labels("sv")


class CaseMeeting(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="cases-"))
        self.store = Store.open(self.folder / "db.sqlite3")
        self.count = 0
        # Each text typed, by the case it was typed in: (block, repetition), None outside
        # the cases, UNKNOWN for a decision noted in a case's step.
        self.typed: dict[str, object] = {}
        self.actions: dict[str, object] = {}
        self.names: dict[tuple[int, int], str] = {}  # each case's name, the latest
        self.consents: dict[int, str] = {}
        self.skipped: set[int] = set()  # the cases that skipped a step

    @initialize(box=st.sampled_from([None, False]), in_case=st.booleans())
    def open(self, box: bool | None, in_case: bool) -> None:
        self.m = new_meeting(self.store, "samtidigt-traff-4", [*PEOPLE, FAMILY], consent_given=box)
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

    @rule(index=st.integers(0, 6), in_case=st.booleans())
    def goto(self, index: int, in_case: bool) -> None:
        self.m.goto_step(self.block[index % len(self.block)] if in_case else index % self.steps)

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

    @rule()
    def decision(self) -> None:
        said = self.tag()
        self.m.notes.add(NoteKind.decision, said)
        self.typed[said] = UNKNOWN if self.case is not None else None

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

    def of_case(self, key: object) -> list[str]:
        """Everything typed in a case: its texts, its name, its consent."""
        said = [t for t, k in self.typed.items() if k == key]
        if isinstance(key, tuple):
            said += [self.names[key]] if key in self.names else []
            said += [self.consents[key[1]]] if key[1] in self.consents else []
        return said

    def cases(self) -> list[tuple[int, int]]:
        """The meeting's cases: each time through the block up to the last that holds
        anything (a text, a name, a consent, a skip)."""
        reps = [k[1] for k in (*self.typed.values(), *self.names) if isinstance(k, tuple)]
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
        for case in cases:
            others = [t for c in cases if c != case for t in self.of_case(c)]
            others += self.of_case(UNKNOWN)
            for to in ("everyone", "family", "facilitators"):
                text = self.texts(f"{to}-{case[1]}", to=to, case=str(case[1]))
                leaked = [t for t in others if t in text]
                assert not leaked, (case, to, leaked)
                # Nor is it empty: the case's own plan is all there, in every copy.
                missing = [a for a, k in self.actions.items() if k == case and a not in text]
                assert not missing, (case, to, missing)

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


CaseMeeting.TestCase.settings = settings(max_examples=40, stateful_step_count=14)
test_case_documents_hold_their_own_case_only = CaseMeeting.TestCase
