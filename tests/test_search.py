"""Every meeting findable: the search index (migration 22) and its Nordic rule.

The rules that must always hold, checked over generated meetings and edits:
- the index is always what indexing the live rows afresh would make: no word of a deleted
  turn, a deleted note or card, an edited turn's old text or a forgotten meeting is found,
  and no word written is missed, whatever the order of the writes;
- the index and the lists filtered in memory (`dialogtui.finding.matches`) say the same.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    rule,
)
from store_helpers import NOW, fill

from dialogtui import finding
from dialogtui.records import ActionItem, Card, HitKind, NoteKind, Participant, Turn
from dialogtui.store import Store
from dialogtui.store.migrations import _found_sql

FIXTURES = Path(__file__).parent / "fixtures"


def said(person: int | None, text: str) -> Turn:
    """A turn at the first step's first question."""
    return Turn(0, 0, 0, person, text, False, 1, False, NOW, NOW)


# -- what a user is promised ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "text", "found"),
    [
        ("traff", "Träff 4", True),  # typed without the marks: found with them
        ("TRÄFF", "träff", True),  # case never matters
        ("träff", "Traff", False),  # typed with them: only with them
        ("for", "Vi gör det för barnet", True),
        ("för", "for de till stan", False),
        ("amoben", "Amøben", True),
        ("Sören", "Søren", True),  # ö and ø are one letter, as ä and æ are
        ("bær", "bär", True),
        ("bö", "boendet", False),  # ö is a letter, not "oe" spelt out
        ("Jö", "Joel", False),
        ("ål", "Aalto", False),
        ("Ål", "Åland", True),
        ("strasse", "Straße", False),  # ß is a letter of its own, as in the index
        ("🙂", "Glad 🙂", False),  # something typed without a word finds nothing
        ("cafe", "café", True),  # other accents never matter
        ("café", "cafe", True),
        ("möte", "mötet i mars", True),  # a word finds the words it begins
        ("fotb", "spelar fotboll", True),
        ("boll", "spelar fotboll", False),  # not the middle of a word
        ("skola mars", "skolan i mars", True),  # every word typed, anywhere
        ("skola april", "skolan i mars", False),
    ],
)
def test_the_nordic_rule(tmp_path, typed, text, found):
    assert finding.matches(typed, text) is found
    store = Store.open(tmp_path / "db")
    f = fill(store, "Möte")
    store.add_note(f.meeting, NoteKind.concern, 0, text, NOW)
    hits = [h for h in store.search(typed) if h.kind is HitKind.concern]
    assert (hits != []) is found
    store.close()


def test_a_word_is_found_in_a_turn_an_action_a_card_and_a_name_newest_meeting_first(tmp_path):
    store = Store.open(tmp_path / "db")
    march = fill(store, "Klientmöte mars")
    store.add_turn(march.meeting, said(march.person, "Han spelar fotboll på tisdagar"))
    may = fill(store, "Klientmöte maj", previous=march.meeting)
    store.add_action(may.meeting, ActionItem("Anmäla till fotbollsskolan", who="Bo"), None, NOW)
    store.add_card(may.meeting, Card(0, 1, "Fotboll med pappa"), NOW)
    store.add_participant(may.meeting, Participant("Lisa Fotbollsson", organisation="skolan"))
    # Made last, but the earliest: found last.
    april = fill(store, "Klientmöte april")
    store.conn.execute("UPDATE meetings SET date='2026-04-10' WHERE id=?", (april.meeting,))
    store.conn.execute("UPDATE meetings SET date='2026-03-10' WHERE id=?", (march.meeting,))
    store.conn.execute("UPDATE meetings SET date='2026-05-10' WHERE id=?", (may.meeting,))
    store.add_turn(april.meeting, said(april.person, "Ingen fotboll i april"))

    hits = store.search("fotboll")
    assert [(h.meeting_title, h.kind) for h in hits] == [
        ("Klientmöte maj", HitKind.participant),
        ("Klientmöte maj", HitKind.action),
        ("Klientmöte maj", HitKind.card),
        ("Klientmöte april", HitKind.turn),
        ("Klientmöte mars", HitKind.turn),
    ]
    assert hits[3].speaker == "Anna" and hits[3].step == 0
    assert hits[1].speaker == "Bo" and hits[1].text == "Anmäla till fotbollsskolan"
    assert hits[0].text == "Lisa Fotbollsson\nskolan"
    assert store.search_count("fotboll") == 5
    assert [h.meeting_title for h in store.search("fotboll", limit=2)] == ["Klientmöte maj"] * 2
    store.close()


def test_deleted_and_corrected_words_and_forgotten_meetings_are_never_found(tmp_path):
    store = Store.open(tmp_path / "db")
    kept = fill(store, "Behålls")
    gone = fill(store, "Glöms")
    turn = store.add_turn(kept.meeting, said(kept.person, "Mamma heter Zelda Qvist"))
    store.edit_turn(kept.meeting, turn.id, "Mamma var med", NOW, at_read_back=True)
    other = store.add_turn(kept.meeting, said(kept.person, "Pappa Xerxes ringde"))
    store.delete_turn(kept.meeting, other.id, NOW)
    store.add_turn(gone.meeting, said(gone.person, "Morfar Ygdrasil hälsar"))
    assert store.search("Ygdrasil") != []
    store.forget(gone.meeting)

    # A note, an action and a card deleted, a note corrected: gone from the file too, as
    # SQLite's secure_delete makes them everywhere else.
    note = store.add_note(kept.meeting, NoteKind.concern, 0, "Oro för Wilmerdingen", NOW)
    store.delete_note(kept.meeting, note.id)
    note = store.add_note(kept.meeting, NoteKind.concern, 0, "Oro för Vortigern", NOW)
    store.edit_note(kept.meeting, note.id, "Oro för skolan")
    action = store.add_action(kept.meeting, ActionItem("Ringa Quasimodus"), None, NOW)
    store.delete_action(kept.meeting, action.id)
    card = store.add_card(kept.meeting, Card(0, 1, "Kort om Zebulonia"), NOW)
    store.delete_card(kept.meeting, card.id)

    for word in ("Zelda", "Xerxes", "Ygdrasil", "Glöms", "Wilmerdingen", "Vortigern"):
        assert store.search(word) == [] and store.search_count(word) == 0, word
    assert [h.ref for h in store.search("Mamma")] == [turn.id]
    store.close()
    # Nor does the file keep them in the index's pages, where it holds them lower-cased.
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.is_file())
    gone = [b"ygdrasil", b"wilmerdingen", b"vortigern", b"quasimodus", b"zebulonia"]
    assert [word for word in gone if word in raw] == []


def test_an_old_store_is_indexed_when_it_is_migrated(tmp_path):
    for fixture, word, title in [
        ("store-schema-5.sqlite3", "Holm", "Gammalt möte: SamTidigt"),
        ("store-schema-18.sqlite3", "kuratorn", "Två case"),
    ]:
        path = tmp_path / fixture
        shutil.copyfile(FIXTURES / fixture, path)  # never the fixture itself
        store = Store.open(path)
        hits = store.search(word)
        assert hits and all(h.meeting_title.startswith(title) for h in hits), fixture
        assert store.search("säger sitt" if "5" in fixture else "berättar") != []
        store.close()


@pytest.fixture(scope="module")
def one_store(tmp_path_factory):
    """One store for the generated examples: made once, as opening one migrates it."""
    store = Store.open(tmp_path_factory.mktemp("search") / "db")
    yield store, fill(store, "Möte")
    store.close()


@given(typed=st.text(max_size=30))
@settings(max_examples=300)
def test_nothing_typed_is_a_syntax_error_or_a_traceback(one_store, typed):
    # Quotes, stars, AND/OR/NOT/NEAR, colons, brackets: what is typed is only words.
    store, _ = one_store
    store.search(typed)
    store.search_count(typed)


# -- the index is always the live rows' --------------------------------------------------

NORDIC_TEXT = st.text(alphabet="abdefgiklmnoprstuvåäöøæéAÅÄÖØÆ  .,'-1", min_size=0, max_size=24)
WORD = st.text(alphabet="abdefgiklmnoprstuvåäöøæé", min_size=1, max_size=3)
# Letters where a rule of folding could differ between the index and the lists: a
# combining mark, ß, a ligature, a superscript, fullwidth and dotted capitals, a symbol.
# (Not an emoji: a symbol newer than SQLite's Unicode tables is a letter to its tokenizer.)
ODD = "aoeAOÅÄÖØÆß\u0308\u030aﬁ²ｱİ€ "
ODD_TEXT = st.text(alphabet=ODD, max_size=12)


def _fresh_index(store: Store) -> set[tuple]:
    """The index that indexing today's live rows afresh makes, as (term, row, column)."""
    c = store.conn
    c.execute("DROP TABLE IF EXISTS temp.found_check")
    c.execute("DROP TABLE IF EXISTS temp.found_check_terms")
    made = _found_sql()[0].replace("TABLE found ", "TABLE temp.found_check ")
    c.execute(made)
    for statement in _found_sql()[1:]:
        if statement.startswith("INSERT INTO found (rowid"):
            c.execute(statement.replace("INSERT INTO found ", "INSERT INTO temp.found_check ", 1))
    c.execute("CREATE VIRTUAL TABLE temp.found_check_terms USING fts5vocab(found_check, instance)")
    return set(c.execute("SELECT term, doc, col FROM temp.found_check_terms"))


def _index(store: Store) -> set[tuple]:
    c = store.conn
    c.execute(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.found_terms USING fts5vocab(main, found, instance)"
    )
    return set(c.execute("SELECT term, doc, col FROM temp.found_terms"))


def _live_texts(store: Store) -> dict[tuple[str, int], str]:
    """What each live row says, as a search shows it, by (kind, id)."""
    q = store.conn.execute
    out: dict[tuple[str, int], str] = {}
    for i, kind, text in q("SELECT id, 'turn', text FROM turns WHERE deleted_at IS NULL"):
        out[(kind, i)] = text
    for i, kind, text in q("SELECT id, kind, text FROM notes"):
        out[(kind, i)] = text
    for i, *parts in q("SELECT id, what, how, who, with_whom, first_step FROM actions"):
        out[("action", i)] = " ".join(parts)
    for i, *parts in q("SELECT id, text, by_whom, to_whom, answer, place FROM cards"):
        out[("card", i)] = " ".join(parts)
    people = "SELECT id, name, COALESCE(role, ''), organisation FROM participants"
    for i, *parts in q(people + " WHERE group_step IS NULL"):
        out[("participant", i)] = " ".join(parts)
    for i, *parts in q("SELECT id, title, place, asker, writer FROM meetings"):
        out[("meeting", i)] = " ".join(parts)
    return out


class Writes(RuleBasedStateMachine):
    """Meetings written, corrected, deleted and forgotten in any order."""

    meetings = Bundle("meetings")
    turns = Bundle("turns")
    notes = Bundle("notes")
    actions = Bundle("actions")
    cards = Bundle("cards")

    def __init__(self) -> None:
        super().__init__()
        import tempfile

        self.dir = Path(tempfile.mkdtemp())
        self.store = Store.open(self.dir / "db")
        self.words: list[str] = []
        self.gone: set[int] = set()

    def teardown(self) -> None:
        self.store.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def _said(self, text: str) -> str:
        self.words += finding.words(text)[:2]
        return text

    @rule(target=meetings, title=NORDIC_TEXT, name=NORDIC_TEXT)
    def meeting(self, title, name):
        f = fill(self.store, self._said(title) or "x")
        self.store.add_participant(f.meeting, Participant(self._said(name) or "y"))
        return (f.meeting, f.person)

    @rule(target=turns, m=meetings, text=NORDIC_TEXT)
    def turn(self, m, text):
        if m[0] in self.gone:
            return (m[0], None)
        t = self.store.add_turn(m[0], said(m[1], self._said(text)))
        return (m[0], t.id)

    @rule(t=turns, text=NORDIC_TEXT)
    def edit(self, t, text):
        if t[1] is not None and t[0] not in self.gone:
            self.store.edit_turn(t[0], t[1], self._said(text), NOW)

    @rule(t=consumes(turns))
    def delete(self, t):
        if t[1] is not None and t[0] not in self.gone:
            self.store.delete_turn(t[0], t[1], NOW)

    @rule(target=notes, m=meetings, text=NORDIC_TEXT, kind=st.sampled_from(list(NoteKind)))
    def note(self, m, text, kind):
        if m[0] in self.gone:
            return (m[0], None)
        return (m[0], self.store.add_note(m[0], kind, 0, self._said(text), NOW).id)

    @rule(n=notes, text=NORDIC_TEXT)
    def edit_note(self, n, text):
        if n[1] is not None and n[0] not in self.gone:
            self.store.edit_note(n[0], n[1], self._said(text))

    @rule(n=consumes(notes))
    def delete_note(self, n):
        if n[1] is not None and n[0] not in self.gone:
            self.store.delete_note(n[0], n[1])

    @rule(target=actions, m=meetings, what=NORDIC_TEXT, who=NORDIC_TEXT)
    def action(self, m, what, who):
        if m[0] in self.gone:
            return (m[0], None)
        item = ActionItem(self._said(what), who=self._said(who), when=dt.date(2027, 1, 1))
        return (m[0], self.store.add_action(m[0], item, None, NOW))

    @rule(a=actions, how=NORDIC_TEXT)
    def edit_action(self, a, how):
        if a[1] is not None and a[0] not in self.gone:
            a[1].how = self._said(how)
            self.store.update_action(a[0], a[1], NOW)

    @rule(a=consumes(actions))
    def delete_action(self, a):
        if a[1] is not None and a[0] not in self.gone:
            self.store.delete_action(a[0], a[1].id)

    @rule(target=cards, m=meetings, text=NORDIC_TEXT)
    def card(self, m, text):
        if m[0] in self.gone:
            return (m[0], None)
        return (m[0], self.store.add_card(m[0], Card(0, 1, self._said(text)), NOW))

    @rule(c=cards, answer=NORDIC_TEXT)
    def answer(self, c, answer):
        if c[1] is not None and c[0] not in self.gone:
            self.store.set_card(c[0], Card(c[1].id, 1, c[1].text, answer=self._said(answer)))

    @rule(c=consumes(cards))
    def delete_card(self, c):
        if c[1] is not None and c[0] not in self.gone:
            self.store.delete_card(c[0], c[1].id)

    @rule(m=consumes(meetings))
    def forget(self, m):
        self.store.forget(m[0])
        self.gone.add(m[0])

    @invariant()
    def the_index_is_the_live_rows(self):
        assert _index(self.store) == _fresh_index(self.store)

    @invariant()
    def a_search_finds_what_the_rule_says(self):
        live = _live_texts(self.store)
        for word in [*self.words[-3:], "a", "ö"]:
            want = {key for key, text in live.items() if finding.matches(word, text)}
            got = {(h.kind.value, h.ref) for h in self.store.search(word, limit=10**6)}
            assert got == want, word
            assert self.store.search_count(word) == len(want)


Writes.TestCase.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
test_the_index_is_always_the_live_rows = Writes.TestCase


@given(
    typed=st.one_of(st.lists(WORD, min_size=1, max_size=2).map(" ".join), ODD_TEXT),
    text=st.one_of(NORDIC_TEXT, ODD_TEXT),
)
@settings(max_examples=400)
def test_the_index_and_the_lists_follow_one_rule(one_store, typed, text):
    assume(typed.strip())  # nothing typed: a list is not filtered, and nothing is searched
    store, f = one_store
    note = store.add_note(f.meeting, NoteKind.concern, 0, text, NOW)
    try:
        found = any(h.ref == note.id for h in store.search(typed) if h.kind is HitKind.concern)
        assert found == finding.matches(typed, text)
    finally:
        store.delete_note(f.meeting, note.id)


def test_forgetting_while_another_window_writes_keeps_the_index_whole(tmp_path):
    # The index is merged when a meeting is forgotten. Merged in steps, each its own
    # transaction, with another window's saves landing between the steps, SQLite 3.40's
    # FTS5 damaged it ("vtable constructor failed"): every save after was refused. The
    # merge is one transaction; another window saves before it or after it.
    import threading

    from dialogtui.errors import StoreError

    path = tmp_path / "db"
    store = Store.open(path)
    meetings = [fill(store, f"Möte {n}") for n in range(40)]
    for f in meetings:
        for n in range(60):
            store.add_turn(f.meeting, said(f.person, f"Tur {n} om skolan och fotbollen"))
    live = meetings[0]
    other = Store.open(path)
    other.lock(live.meeting)  # a meeting open in another window
    done, failed = threading.Event(), []

    def saves() -> None:
        n = 0
        while not done.is_set() or n < 5:
            try:
                other.add_note(live.meeting, NoteKind.concern, 0, f"Oro {n}", NOW)
            except StoreError as exc:
                failed.append(exc)
                return
            n += 1
            # A save every few milliseconds: faster than any scribe, and room for this
            # window's own writes (a loop without a pause would keep them out). What is
            # checked holds however the saves fall.
            done.wait(0.005)

    writer = threading.Thread(target=saves)
    writer.start()
    for f in meetings[1:6]:
        note = store.add_note(f.meeting, NoteKind.decision, 0, "Beslut", NOW)
        store.delete_note(f.meeting, note.id)
        store.forget(f.meeting)
    done.set()
    writer.join()
    other.close()
    assert failed == []
    store.conn.execute("INSERT INTO found (found, rank) VALUES ('integrity-check', 0)")
    assert store.search("fotbollen") and store.search_count("Oro") >= 5
    store.close()


def test_a_forgotten_meetings_number_is_never_given_again(tmp_path):
    # The next meeting took the forgotten one's number, and with it its export folder
    # ("möte-14") and whatever note said "meeting 14".
    store = Store.open(tmp_path / "db")
    first = fill(store, "Första").meeting
    last = fill(store, "Glöms").meeting
    store.forget(last)
    again = fill(store, "Ny familj").meeting
    assert again == last + 1 and first < last
    store.forget(again)
    store.close()
    store = Store.open(tmp_path / "db")  # kept in the file, not in memory
    assert fill(store, "Nästa").meeting == again + 1
    store.close()
