"""The read-back's pages at 80×24, one per kind of page (N13): a step's turns with its
decisions and concerns, the plan (its frame and an action of every field), a vote, the
needs and their answers. Everything on them fits the screen, or scrolls."""

from __future__ import annotations

import datetime as dt

from meeting_helpers import new_meeting
from test_snapshots import PEOPLE, app_with, steady

from dialogtui.kinds import needs, vote
from dialogtui.questionset.kinds import StepKind
from dialogtui.records import ActionItem, NoteKind, PlanFrame

SIZE = (80, 24)


def client_meeting(store, clock):
    """A Raseborg client meeting at its end: turns, a decision and a concern, and a plan
    with its frame and an action of every field."""
    people = [(name, "familj" if k < 2 else "myndighet") for k, (name, _, _) in enumerate(PEOPLE)]
    m = new_meeting(store, "raseborg-klientmote", people, clock=clock, title="Klientmöte")
    m.start()
    m.submit("Att Erik går till skolan varje dag och att vi äter middag tillsammans.")
    m.submit("Jag har börjat säga nej till extrajobb på helgerna.")
    m.notes.add(NoteKind.decision, "Familjen och skolan träffas varannan vecka.")
    m.notes.add(NoteKind.concern, "Pappan oroar sig för att skulden leder till vräkning.")
    m.goto_step(m.qs.first_step_of(StepKind.action_planning))
    m.actions.save_plan(
        PlanFrame(
            goal_own="Att bo kvar och att Erik går till skolan varje dag.",
            goal_professionals="Närvaro över 90 procent till våren; ingen vräkning.",
            owner="Maria Magdalena Eriksson",
            follow_up_on=dt.date(2027, 3, 10),
            follow_up_by="Maria Magdalena Eriksson",
            by_others="BUP: bedömning av koncentrationen.",
        )
    )
    m.actions.add(
        ActionItem(
            "Avbetalningsplan för hyresskulden",
            "Möte med hyresvärden och skuldrådgivningen",
            "Mohammed Abdulrahman Al-Hassan",
            "Anna-Karin Johansson-Lindqvist",
            dt.date(2027, 1, 15),
            "Ringa skuldrådgivningen på måndag",
        )
    )
    return m


def case_work(store, clock):
    """Träff 4 at its end: the cases' vote, and a case's needs, one answered."""
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE, clock=clock, title="Träff 4")
    m.start()
    m.goto_step(m.qs.index_of("urval"))
    for text, dots in (("Pojke 9, frånvaro och utbrott", 8), ("Flicka 14, hemmasittare", 5)):
        vote.give(m.kind_context(), m.cards.add(text).id, dots)
    m.cards.add("Pojke 12, konflikter på fritidsgården")
    m.goto_step(m.qs.index_of("samverkanskarta"))
    asked = needs.add(
        m.kind_context(), "Skola", "Socialtjänst", "Återkoppling inom en vecka efter en anmälan"
    )
    needs.add(m.kind_context(), "Socialtjänst", "Skola", "En kontaktperson per familj")
    needs.answer(m.kind_context(), asked.id, "Ja, med vårdnadshavarnas samtycke")
    return m


def page(n: int):
    """The end screen's read-back, turned to its n-th page (0: the first)."""

    async def run_before(pilot):
        await steady(pilot)
        await pilot.press("ctrl+o", "r", *["right"] * n)
        await steady(pilot)

    return run_before


def test_read_back_decisions_page(snap_compare, tmp_path):
    app = app_with(tmp_path, client_meeting)
    assert snap_compare(app, terminal_size=SIZE, run_before=page(0))


def test_read_back_plan_page(snap_compare, tmp_path):
    app = app_with(tmp_path, client_meeting)
    assert snap_compare(app, terminal_size=SIZE, run_before=page(1))


def test_read_back_vote_page(snap_compare, tmp_path):
    app = app_with(tmp_path, case_work)
    assert snap_compare(app, terminal_size=SIZE, run_before=page(0))


def test_read_back_needs_page(snap_compare, tmp_path):
    app = app_with(tmp_path, case_work)
    assert snap_compare(app, terminal_size=SIZE, run_before=page(1))
