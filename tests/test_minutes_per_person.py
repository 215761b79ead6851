"""Minutes of a round in which each person answers all its questions before the next person
(`order = "each_person"`, the Raseborg anticipation dialogue: "Man skiljer mellan talande och
lyssnande", each family member tells the good future whole): each person's account stands
whole under their name, in the order they spoke, never cut up question by question between
everyone else's (method-structure review F17), in every document made from the minutes."""

from __future__ import annotations

import contextlib
import datetime as dt

from documents import document_formats, document_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting

from dialogtui.errors import DialogtuiError
from dialogtui.export.document import Items, Section
from dialogtui.export.minutes import Minutes
from dialogtui.export.record import load_record
from dialogtui.export.write import export_meeting
from dialogtui.meeting.clock import FakeClock
from dialogtui.store import Store

START = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
FAMILY = [("Mamma", "familj"), ("Pappa", "familj"), ("Moster", "familj"), ("Elin", "familj")]
AUTHORITY = ("Sara Holm", "myndighet")


class _Traced(Minutes):
    """The minutes, knowing which turn each item of theirs is."""

    def __init__(self, record):
        super().__init__(record, pseudonymise=False)
        self.turn_of: dict[int, object] = {}
        self._held: list[object] = []  # the items kept alive while their ids are looked up

    def turn_lines(self, turns, named: bool = True):
        turns = list(turns)
        blocks = super().turn_lines(turns, named)
        for block in blocks:
            if isinstance(block, Items):
                self.turn_of.update((id(i), t) for i, t in zip(block.items, turns, strict=True))
                self._held += block.items
        return blocks


def turns_as_written(store: Store, meeting_id: int, step: int) -> list:
    """The turns of a step in the order the minutes write them."""
    m = _Traced(load_record(store, meeting_id))
    draft = m.minutes_draft()
    out = []

    def walk(parts) -> None:
        for p in parts:
            if isinstance(p, Section):
                walk(p.head)
                walk(p.body)
            elif isinstance(p, Items):
                out.extend(m.turn_of[id(i)] for i in p.items if id(i) in m.turn_of)

    walk(draft.parts)
    return [t for t in out if t.step == step]


def check_told_whole(written: list, kept: list) -> None:
    """Each turn once; each person's turns one run, the people in the order they first
    spoke, and each one's turns in the order spoken."""
    assert sorted(t.id for t in written) == sorted(t.id for t in kept), "a turn lost or doubled"
    people = [t.participant_id for t in written]
    runs = [p for n, p in enumerate(people) if n == 0 or people[n - 1] != p]
    assert len(runs) == len(set(runs)), f"a person's account is cut up: {runs}"
    first = {}
    for t in sorted(kept, key=lambda t: t.id):
        first.setdefault(t.participant_id, t.id)
    assert runs == sorted(runs, key=first.__getitem__), "not in the order they spoke"
    for pid in runs:
        ids = [t.id for t in written if t.participant_id == pid]
        assert ids == sorted(ids), "a person's answers not in the order spoken"


OPS = st.lists(
    st.one_of(
        st.tuples(st.just("say"), st.integers(0, 3)),
        st.tuples(st.just("say"), st.integers(0, 3)),  # answers are most of a round
        st.tuples(st.just("pass"), st.integers(0, 3)),
        st.tuples(st.just("speaker"), st.integers(0, 4)),
        st.tuples(st.just("question"), st.integers(0, 4)),
        st.tuples(st.just("tab"), st.sampled_from([-1, 1])),
    ),
    max_size=30,
)


@settings(
    max_examples=80,
    derandomize=True,  # the same rounds every run
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(people=st.integers(1, 4), authority=st.booleans(), ops=OPS)
def test_each_persons_account_is_written_whole_in_the_order_spoken(
    tmp_path_factory, people, authority, ops
):
    """Whatever the scribe does in the round (answers, passes, gives the floor to someone
    else, goes back to a question, tabs on), the minutes hold every turn once, each person's
    answers together under them, the people in the order they first spoke."""
    store = Store.open(tmp_path_factory.mktemp("told") / "db")
    try:
        present = FAMILY[:people] + ([AUTHORITY] if authority else [])
        m = new_meeting(store, "raseborg-klientmote", present, clock=FakeClock(START))
        m.start()
        assert m.step.order == "each_person"
        said = 0
        for op, n in ops:
            with contextlib.suppress(DialogtuiError):  # refused: the round goes on
                if op == "say":
                    said += 1
                    m.submit(f"svar {said}")
                elif op == "pass":
                    m.pass_turn()
                elif op == "speaker":
                    ids = [p.id for p in m.participants]
                    m.set_speaker(ids[n % len(ids)])
                elif op == "question":
                    m.goto_question(n)
                else:
                    m.cycle_speaker(n)
        kept = [t for t in store.turns(m.id) if t.step == 0]
        check_told_whole(turns_as_written(store, m.id, 0), kept)
    finally:
        store.close()


def test_a_family_members_story_is_one_piece_in_every_document(tmp_path):
    """Mamma's five answers, then Pappa's, in the Markdown, the Word document, the PDF and
    the journal note; each answer under its question, after its speaker's name."""
    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "raseborg-klientmote", [*FAMILY[:2], AUTHORITY], title="Familjen")
    m.start()
    for who in ("Mamma", "Pappa"):
        for q in range(5):
            assert m.speaker is not None and m.speaker.name == who
            assert m.pos.question == q
            m.submit(f"{who.lower()}svar{q + 1}")
    export_meeting(store, m.id, tmp_path / "out", formats=document_formats())
    store.close()
    texts = document_texts(tmp_path / "out")
    assert {"minutes.md", "minutes.docx", "minutes.pdf", "journal-note.txt"} <= set(texts)
    for kind, text in texts.items():
        if not kind.startswith(("minutes", "journal")):
            continue
        said = [w for w in text.replace("\n", " ").split() if "svar" in w]
        words = [w.strip(".,:;*") for w in said]
        order = [f"{who}svar{q}" for who in ("mamma", "pappa") for q in range(1, 6)]
        assert words == order, (kind, words)
        # No one else's words inside hers; each answer under its question, named.
        first, last = text.index("mammasvar1"), text.index("mammasvar5")
        assert "Pappa" not in text[first:last], kind
        assert "Pappa (familjemedlem)" in text[last : text.index("pappasvar1")], kind
        before = text[text.index("Vad fick din oro att minska?", first) : last]
        assert "Mamma (familjemedlem)" in before, kind
