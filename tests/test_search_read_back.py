"""Where a search's hit opens the read-back (issue 32): at its own turn, note or action,
whichever step's page the minutes put it on; a card or a need at the entry that says it, in
its case; a participant or the meeting's title at none (the meeting itself opens)."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting

from dialogtui.errors import MeetingError
from dialogtui.export.document import plain_text
from dialogtui.export.read_back import pages, place_of
from dialogtui.export.record import load_record
from dialogtui.kinds import needs, vote
from dialogtui.records import ActionItem, HitKind, NoteKind
from dialogtui.store import Store

PEOPLE = [("Anna Lind", "familj"), ("Sara Berg", "myndighet")]
KINDS = ["turn", "decision", "concern", "standpoint", "action"]
WORDS = ["skolan", "fotboll", "Träff", "mötet", "Åsa", "kväll", "hyran", "läxor"]


def said(entry) -> str:
    return " ".join(plain_text(line) for line in entry.lines)


def entry_of(read, hit):
    place = place_of(read, hit)
    assert place is not None, hit
    return read[place[0]].entries[place[1]]


@settings(max_examples=30)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(KINDS),
            st.integers(0, 3),  # the step it is written at (f3's actions anywhere)
            st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_every_turn_note_and_action_found_opens_at_itself(written):
    """For a client meeting with turns, notes and actions written at any of its steps, the
    search for each one's own word finds it, and the read-back opens at that very item."""
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "db")
        m = new_meeting(store, "raseborg-klientmote", PEOPLE, title="Klientmöte")
        m.start()
        made: dict[str, tuple[str, int]] = {}  # its own word → (kind, id)
        for k, (kind, step, words) in enumerate(written):
            m.goto_step(step)
            text = " ".join([*words, f"ord{k}"])
            try:
                if kind == "turn":
                    made[f"ord{k}"] = ("turn", m.submit(text).id)
                elif kind == "action":
                    made[f"ord{k}"] = ("action", m.actions.add(ActionItem(text, who="Sara")).id)
                else:
                    made[f"ord{k}"] = (kind, m.notes.add(NoteKind(kind), text).id)
            except MeetingError:  # a step that takes no turn typed (the follow-up's list)
                continue
        read = pages(load_record(store, m.id))
        for word, (kind, ref) in made.items():
            (hit,) = store.search(word)
            assert (hit.kind.value, hit.ref) == (kind, ref)
            entry = entry_of(read, hit)
            if kind == "turn":
                assert entry.turn is not None and entry.turn.id == ref
            else:
                assert (entry.part, entry.item) == (
                    "actions" if kind == "action" else kind + "s",
                    ref,
                )
        m.close()
        store.close()


def test_cards_and_needs_open_at_the_entry_that_says_them_and_people_at_none(tmp_path):
    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE, title="Träff 4", date=dt.date(2026, 12, 5))
    m.start()
    m.goto_step(m.qs.index_of("urval"))
    for text, dots in (("Pojke 9, frånvaro och utbrott", 8), ("Flicka 14, hemmasittare", 5)):
        vote.give(m.kind_context(), m.cards.add(text).id, dots)
    m.goto_step(m.qs.index_of("samverkanskarta"))
    asked = needs.add(m.kind_context(), "Skola", "Socialtjänst", "En kontaktperson per familj")
    needs.answer(m.kind_context(), asked.id, "Ja, med vårdnadshavarnas samtycke")
    read = pages(load_record(store, m.id))

    (card,) = store.search("hemmasittare")
    assert card.kind is HitKind.card
    assert "Flicka 14, hemmasittare" in said(entry_of(read, card))
    assert read[place_of(read, card)[0]].step == m.qs.index_of("urval")  # type: ignore[index]
    (need,) = store.search("kontaktperson")
    assert "En kontaktperson per familj" in said(entry_of(read, need))
    assert read[place_of(read, need)[0]].step == m.qs.index_of("samverkanskarta")  # type: ignore[index]
    for hit in store.search("lind") + store.search("träff"):
        if hit.kind in (HitKind.participant, HitKind.meeting):
            assert place_of(read, hit) is None
    m.close()
    store.close()
