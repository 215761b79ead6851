"""The read-back covers everything its acceptance covers (the newcomer review's N13): every
step with anything written, each turn under its question, the kind's own part (cards and
dots, needs and answers, sheets, ratings and comments, choices), the step's decisions,
concerns and standpoints, the plan's frame and every field of each action, the earlier
meeting's actions with their follow-up; who objects is one of the participants; and the
acceptance keeps what was read.

The invariant, over generated texts: every text written anywhere in a meeting appears on
some page of the read-back, as the screen shows it."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tui_helpers import START, burst, run, screen_text, until

from dialogtui.meeting.clock import FakeClock
from dialogtui.records import ActionItem, ActionStatus, NoteKind, PlanFrame
from dialogtui.store import Store

# A set with a step of every kind that holds something written (and a follow-up step, for
# an earlier meeting's actions): the read-back must show each kind's own part.
EVERY_KIND = """
id = "every-kind"
title = "Varje slag"
language = "sv"
method = "Prov"
[source]
document = "x"
[[roles]]
id = "familj"
name = "Familj"
[[roles]]
id = "skola"
name = "Skola"
[[steps]]
title = "Runda"
kind = "round"
[[steps.questions]]
text = "Vad går bra?"
[[steps.questions]]
text = "Vad oroar?"
[[steps]]
title = "Skala"
kind = "scale"
[steps.scale]
points = [
    { value = 1, zone = "Grön", description = "Ingen oro" },
    { value = 2, zone = "Röd", description = "Stor oro" },
]
[[steps]]
title = "Val"
kind = "choice"
[steps.choice]
options = [
    { id = "a", label = "Alternativ A", description = "a" },
    { id = "b", label = "Alternativ B", description = "b" },
]
[[steps]]
title = "Urval"
kind = "vote"
vote = { dots = 3 }
[[steps]]
title = "Behov"
kind = "needs"
over = "organisation"
[[steps.questions]]
text = "Vad behöver ni av de andra?"
[[steps]]
title = "Tidslinje"
kind = "timeline"
text = "Verksamheterna sätter upp sina lappar."
[[steps]]
title = "Karta"
kind = "map"
places = ["Nära", "Perifer"]
[[steps]]
title = "Grupper"
kind = "group_work"
form = "groups"
[[steps.questions]]
text = "Vad kom gruppen fram till?"
[[steps]]
title = "Uppföljning"
kind = "follow_up"
[[steps]]
title = "Plan"
kind = "action_planning"
"""

PEOPLE = [("Anna Lind", "familj", ""), ("Sara Berg", "skola", "Skolan")]

# The action's and the plan frame's free texts: every field but the dates and the follow-up
# meeting's time, which are a date and a clock time, not text.
NOT_TEXT = {"status", "when", "follow_up_on", "follow_up_at"}
ACTION_TEXTS = [
    f.name for f in dataclasses.fields(ActionItem) if f.type == "str" and f.name not in NOT_TEXT
]
FRAME_TEXTS = [
    f.name for f in dataclasses.fields(PlanFrame) if f.type == "str" and f.name not in NOT_TEXT
]


def every_kind_meeting(db, say) -> tuple[int, list[str]]:
    """An earlier meeting with an action, then a meeting that writes something in every
    step of EVERY_KIND, each text from `say(what)`; its id and every text written."""
    from dialogtui.kinds import board, choice, needs, scale, vote
    from dialogtui.meeting.engine import MeetingEngine
    from dialogtui.questionset.loader import parse_question_set
    from dialogtui.records import MeetingInfo, Participant

    store = Store.open(db)
    clock = FakeClock(START)
    qs = parse_question_set(EVERY_KIND, "every-kind.toml")
    written: list[str] = []

    def text(what: str) -> str:
        written.append(said := say(what))
        return said

    def meeting(previous=None) -> MeetingEngine:
        info = MeetingInfo(
            set_id=qs.id,
            title="Möte",
            date=dt.date(2026, 1, 15),
            previous_id=previous,
            participants=[Participant(*p) for p in PEOPLE],
        )
        return MeetingEngine.create(store, qs, EVERY_KIND, info, clock)

    first = meeting()
    first.goto_step(len(qs.steps) - 1)  # the plan
    first.actions.add(ActionItem(text("an earlier action"), who="Sara Berg"))
    first.close()
    m = meeting(previous=first.id)
    m.start()
    anna, sara = (p.id for p in m.participants)
    for question in range(2):  # the round: each answers each question; Anna passes once
        m.goto_question(question)
        m.set_speaker(anna)
        m.submit(text("Anna's turn")) if question == 0 else m.pass_turn()
        m.set_speaker(sara)
        m.submit(text("Sara's turn"))
    m.notes.add(NoteKind.decision, text("a decision"))
    m.notes.add(NoteKind.concern, text("a concern"))
    m.notes.add(NoteKind.standpoint, text("a standpoint"))
    m.next_step()  # the scale: a rating with its comment
    scale.rate(m.kind_context(), anna, 2, text("a rating's comment"))
    scale.rate(m.kind_context(), sara, 1)
    m.next_step()  # the choice
    choice.mark(m.kind_context(), "a", "now", anna)
    m.next_step()  # the vote: cards and their dots
    card = m.cards.add(text("a card"))
    vote.give(m.kind_context(), card.id, 3)
    m.cards.add(text("a card without dots"))
    m.next_step()  # the needs: one put by an organisation to another, answered
    need = needs.add(m.kind_context(), text("who needs"), text("who is asked"), text("a need"))
    needs.answer(m.kind_context(), need.id, text("an answer"))
    m.next_step()  # the timeline: a sheet with its when and whose
    board.put_up(m.kind_context(), text("a sheet"), text("its when"), text("whose sheet"))
    m.next_step()  # the map: a sheet laid in a place, one not laid yet
    board.lay(m.kind_context(), m.cards.add(text("a sheet on the map")).id, 2)
    m.cards.add(text("a sheet not laid"))
    m.next_step()  # groups side by side: a group's turn under its name
    m.set_speaker(m.groups.add(text("a group's name")).id)
    m.submit(text("a group's turn"))
    m.next_step()  # the follow-up of the earlier meeting's action
    (carried,) = m.actions.carried()
    m.actions.follow_up(carried.id, ActionStatus.continued, text("a follow-up's comment"))
    m.next_step()  # the plan: its frame, and an action with every field
    item = ActionItem(**{f: text(f"an action's {f}") for f in ACTION_TEXTS})
    item.when = dt.date(2026, 2, 2)
    m.actions.add(item)
    frame = PlanFrame(**{f: text(f"the plan's {f}") for f in FRAME_TEXTS})
    m.actions.save_plan(dataclasses.replace(frame, follow_up_on=dt.date(2026, 3, 2)))
    mid = m.id
    m.close()
    store.close()
    return mid, written


async def read_every_page(app, pilot, each=None) -> list[str]:
    """From the end screen: `r`, then → through every page, the title and each item as
    the screen lists it (an item taller than the screen whole, not cut where it ends);
    `each(app)` on every page. The last page is the one → leaves as it is (nothing here
    knows the screen's insides)."""
    from textual.widgets import Label, OptionList

    from dialogtui.tui.ordering import settle

    await pilot.press("ctrl+o")
    await until(pilot, lambda: "Time per step" in screen_text(app))
    await pilot.press("r")
    await until(pilot, lambda: "Step " in screen_text(app))
    shown: list[str] = []
    while True:
        screen = app.screen
        title = str(screen.query_one("#read-back-title", Label).render())
        items = screen.query_one("#read-back-turns", OptionList)
        shown += [title] + [str(o.prompt) for o in items.options]
        if each is not None:
            each(app)
        await pilot.press("right")
        await settle(screen)  # the key is handled: the next page, or none
        await pilot.pause()
        if str(screen.query_one("#read-back-title", Label).render()) == title:
            return shown


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_kind_of_thing_written_is_read_back(tmp_path):
    db = tmp_path / "db"
    mid, written = every_kind_meeting(db, lambda what: f"<{what}>")
    pages: list[str] = []

    async def scenario(app, pilot):
        pages.extend(await read_every_page(app, pilot))

    run(scenario, db=db, meeting_id=mid)
    shown = flat("\n".join(pages))
    missing = [t for t in written if flat(t) not in shown]
    assert not missing, f"not read back: {missing}\n{shown}"
    # Each in the way it is read: the choice marked by whom, the vote's dots, the need's
    # answer, the map's place, the action a field to a line, the follow-up's status.
    assert "Alternativ A Nu: Anna Lind" in shown
    assert "1. <a card> (3)" in shown
    assert "Svar: <an answer>" in shown
    assert "Perifer: <a sheet on the map>" in shown
    assert "Vad: <an action's what> Hur: <an action's how>" in shown
    assert "När: 2 feb. 2026" in shown
    assert "Uppföljningsmöte: 2 mars 2026" in shown
    assert "fortsätter" in shown


TEXT = st.text(
    alphabet=st.characters(
        codec="utf-8", categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x85"
    ),
    min_size=1,
    max_size=30,
).filter(lambda s: s.strip())


@settings(
    max_examples=4,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(texts=st.lists(TEXT, min_size=40, max_size=40))
def test_every_text_written_anywhere_is_on_some_page(tmp_path_factory, texts):
    """Whatever was typed, markup-like brackets, letters of any script and all, every text
    written in the meeting is on some page of the read-back, as the screen lists it."""
    db = tmp_path_factory.mktemp("every") / "db"
    counter = iter(range(len(texts)))
    # Each text marked with its own number, so that it is found as itself, never inside
    # another's or a label.
    mid, written = every_kind_meeting(
        db, lambda what: f"«{(k := next(counter))}» {texts[k % len(texts)]}"
    )
    pages: list[str] = []

    async def scenario(app, pilot):
        pages.extend(await read_every_page(app, pilot))

    run(scenario, db=db, meeting_id=mid)
    shown = flat("\n".join(pages))
    missing = [t for t in written if flat(t) not in shown]
    assert not missing, f"not read back: {missing}"


def test_hostile_text_is_read_back_as_typed_and_no_control_reaches_the_screen(
    tmp_path, private_home
):
    # The adversarial review's set and meetings (test_hostile_text.py): markup and escape
    # sequences in every field a user types.
    from test_hostile_text import HOSTILE, RAW, SET, hostile_meetings

    (private_home / "question_sets").mkdir(parents=True)
    (path := private_home / "question_sets" / "hostile.toml").write_text(SET, "utf-8")
    db = tmp_path / "db"
    mid = hostile_meetings(db, FakeClock(START), path)
    pages: list[str] = []

    def no_control(app) -> None:
        assert not RAW.search(app.export_screenshot().replace("\n", "")), "a control"

    async def scenario(app, pilot):
        pages.extend(await read_every_page(app, pilot, no_control))

    run(scenario, db=db, meeting_id=mid)
    shown = flat("\n".join(pages))
    for said in ("Tur [/x]", "Beslut [/]", "Ring skolan [/x]", "Kommentar [/] ␛]0;PWNED"):
        assert said in shown, said
    assert "[b]fet[/b]" in shown and "\x1b" not in shown and HOSTILE not in shown


# -- who objects ---------------------------------------------------------------------------


def objections(db) -> list[tuple[str, int | None]]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT by_whom, participant_id FROM objections ORDER BY id").fetchall()


def test_who_objects_is_chosen_among_the_participants_and_a_slip_is_never_nobodys(tmp_path):
    from test_read_back import a_client_meeting

    db = tmp_path / "db"
    mid = a_client_meeting(db)  # Anna Lind (family) and Sara Berg (authority)
    store = Store.open(db)
    ids = {p.name: p.id for p in store.meeting_info(mid).participants}
    store.close()

    async def scenario(app, pilot):
        await until(pilot, lambda: "Anna Lind" in screen_text(app))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: "Time per step" in screen_text(app))
        await pilot.press("r")
        await until(pilot, lambda: "Step 1/4" in screen_text(app))
        # The first letters and enter: the participant they begin (the dialog lists them).
        burst(app, "o")
        await until(pilot, lambda: "Participants: Anna Lind, Sara Berg" in screen_text(app))
        burst(app, "sa", "<enter>", "Det var i mars.", "<ctrl+s>")
        await until(pilot, lambda: len(objections(db)) == 1)
        # A slip of the keys is refused, saying so; saved again, it is someone else's.
        burst(app, "<down>", "o", "Sra", "<enter>", "Fel datum.", "<ctrl+s>")
        await until(pilot, lambda: "Sra is no participant" in screen_text(app))
        assert len(objections(db)) == 1
        burst(app, "<ctrl+s>")
        await until(pilot, lambda: len(objections(db)) == 2)
        # A word of a name, saved at once: the one participant with it.
        burst(app, "o", "berg", "<tab>", "Fel ord.", "<ctrl+s>")
        await until(pilot, lambda: len(objections(db)) == 3)

    run(scenario, db=db, meeting_id=mid)
    assert objections(db) == [
        ("Sara Berg", ids["Sara Berg"]),
        ("Sra", None),
        ("Sara Berg", ids["Sara Berg"]),
    ]


# -- what was read, with the acceptance ----------------------------------------------------


def read_backs(db) -> list[list]:
    with sqlite3.connect(db) as c:
        rows = c.execute("SELECT covered FROM read_backs ORDER BY id").fetchall()
    return [json.loads(r[0]) for r in rows]


def said(app) -> str:
    """What the acceptance dialog says was read ("" until it is open)."""
    found = app.screen.query(".said")
    return str(found.first().render()) if found else ""


def test_the_acceptance_keeps_what_the_read_back_showed(tmp_path):
    from test_read_back import a_client_meeting, opened

    db = tmp_path / "db"
    mid = a_client_meeting(db)  # two turns in step 1
    with opened(db, mid) as m:
        m.notes.add(NoteKind.decision, "Familjen och skolan träffas varannan vecka.")
        m.notes.add(NoteKind.concern, "Skulden kan leda till vräkning.")
        m.goto_step(len(m.qs.steps) - 1)  # the plan, after the follow-up
        m.actions.add(ActionItem("Avbetalningsplan", who="Erik Lind"))
        m.actions.add(ActionItem("Ringa skolan", who="Sara Berg"))
        m.actions.save_plan(PlanFrame(owner="Sara Berg"))

    async def scenario(app, pilot):
        await until(pilot, lambda: "Anna Lind" in screen_text(app))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: "Time per step" in screen_text(app))
        await pilot.press("r")
        await until(pilot, lambda: "Step 1/4" in screen_text(app))
        # Accepted after the first page only: the dialog says what was read, and what not.
        burst(app, "a")
        await until(
            pilot,
            lambda: (
                said(app) == ("Read back: 2 turns, 1 decision and 1 concern. Not shown yet: 4.")
            ),
        )
        burst(app, "<ctrl+s>")
        await until(pilot, lambda: len(read_backs(db)) == 1)
        burst(app, "<right>", "a")
        await until(pilot, lambda: said(app).endswith("2 actions and the plan's frame."))
        burst(app, "<ctrl+s>")
        await until(pilot, lambda: len(read_backs(db)) == 2)

    run(scenario, db=db, meeting_id=mid)
    first = [["turns", 2], ["decisions", 1], ["concerns", 1]]
    assert read_backs(db) == [first, [*first, ["actions", 2], ["plan", 1]]]
    store = Store.open(db)
    assert [rb.covered for rb in store.read_backs(mid)][1][-2:] == [("actions", 2), ("plan", 1)]
    store.close()


def test_a_read_back_from_before_schema_17_or_a_bad_column_covered_nothing_known(tmp_path):
    db = tmp_path / "db"
    from test_read_back import a_client_meeting, opened

    mid = a_client_meeting(db)
    with opened(db, mid) as m:
        m.read_back.accept("Anna Lind")
        m.read_back.accept("Anna Lind", [("turns", 2)])
    with sqlite3.connect(db) as c:
        ids = [r[0] for r in c.execute("SELECT id FROM read_backs ORDER BY id")]
        c.execute("UPDATE read_backs SET covered = '' WHERE id = ?", (ids[0],))
    for bad in ("{", '{"turns": 2}', '[["turns", "2"], ["plan", true], 3]'):
        with sqlite3.connect(db) as c:
            c.execute("UPDATE read_backs SET covered = ? WHERE id = ?", (bad, ids[1]))
        store = Store.open(db)
        assert [rb.covered for rb in store.read_backs(mid)] == [[], []], bad
        store.close()


# -- the acceptance line -------------------------------------------------------------------


def test_what_was_read_is_said_in_each_language_in_the_form_its_count_takes():
    from dialogtui.export.read_back import PARTS
    from dialogtui.labels import covered_text, labels

    read = [("turns", 42), ("decisions", 2), ("concerns", 1), ("actions", 3), ("plan", 1)]
    assert covered_text(read, labels("en")) == (
        "42 turns, 2 decisions, 1 concern, 3 actions and the plan's frame"
    )
    assert covered_text([("turns", 1)], labels("en")) == "1 turn"
    assert covered_text([], labels("en")) == ""
    assert covered_text([("a kind added later", 2)], labels("en")) == "2 other entries"
    for language in ("sv", "fi", "da", "nb", "en"):
        L = labels(language)
        for part in PARTS:  # a word of its own for each part, in both of its forms
            one, many = covered_text([(part, 1)], L), covered_text([(part, 7)], L)
            assert one and many and "{" not in one + many, (language, part)
            if part != "plan":
                assert one.startswith("1") and many.startswith("7"), (language, part)
        assert f" {L['and']} " in covered_text(read, L)


def test_each_language_says_a_count_of_one_in_one_form_and_any_other_in_the_other():
    # covered_text picks a label's form by n == 1: true of every language dialogtui speaks
    # (a language with more forms would need its own labels, and this fails for it).
    from dialogtui.i18n import LANGUAGES, translations

    for language in LANGUAGES:
        plural = getattr(translations(language), "plural", lambda n: int(n != 1))
        assert [plural(n) for n in (0, 1, 2, 5, 11, 21, 101)] == [1, 0, 1, 1, 1, 1, 1], language


def test_a_set_without_a_plan_or_follow_up_step_has_their_pages_last(tmp_path):
    # Träff 1 has neither: an action noted with f3 and the earlier meeting's action stand
    # after the steps in the minutes, and so on the read-back's last pages.
    from meeting_helpers import new_meeting

    from dialogtui.export.document import plain_text
    from dialogtui.export.read_back import covered, pages
    from dialogtui.export.record import load_record

    store = Store.open(tmp_path / "db")
    people = [("Ada", "skola"), ("Bo", "socialtjanst")]
    first = new_meeting(store, "samtidigt-traff-1", people)
    first.actions.add(ActionItem("Boka lokal", who="Ada"))
    first.close()
    m = new_meeting(store, "samtidigt-traff-1", people, previous_id=first.id)
    m.start()
    m.submit("Jag hoppas på samarbete.")
    m.actions.add(ActionItem("Skicka inbjudan", how="Per e-post", who="Bo"))
    (carried,) = m.actions.carried()
    m.actions.follow_up(carried.id, ActionStatus.done, "Lokalen är bokad.")
    read = pages(load_record(store, m.id))
    store.close()
    titles = [plain_text(p.title) for p in read]
    assert titles == ["1. Varför är vi här?", "Uppföljning av tidigare åtgärder", "Handlingsplan"]
    texts = [[plain_text(line) for e in p.entries for line in e.lines] for p in read]
    assert texts[1] == [
        "Vad: Boka lokal",
        "Vem: Ada",
        "Status: genomförd",
        "Kommentar: Lokalen är bokad.",
    ]
    assert texts[2] == ["Vad: Skicka inbjudan", "Hur: Per e-post", "Vem: Bo"]
    assert covered(read) == [("turns", 1), ("follow_ups", 1), ("actions", 1)]


def test_an_acceptance_open_at_a_crash_comes_back_with_what_was_read(tmp_path):
    from test_read_back import a_client_meeting, opened

    from dialogtui.tui.dialogs.read_back import acceptance, acceptance_again

    mid = a_client_meeting(tmp_path / "db")
    with opened(tmp_path / "db", mid) as m:
        read = [("turns", 2), ("decisions", 1)]
        key = acceptance(m, None, lambda: None, read, ["3"]).key
        again = acceptance_again(m, None, key.about)
        assert again.dialog.read == "Read back: 2 turns and 1 decision."
