"""A case is a child, on the capture screen: ctrl+r asks which of the vote's cards the next
case is (or a name), f12 names the current one, the header says "Case 2: Flicka 14", and
each case lists its own turns (newcomer review N10)."""

from __future__ import annotations

import pytest
from meeting_helpers import new_meeting
from test_snapshots import START, app_with, steady
from tui_helpers import run, screen_text, text_of, type_text, until

from dialogtui.meeting.clock import FakeClock
from dialogtui.records import ActionItem
from dialogtui.store import Store
from dialogtui.tui.dialogs.actions import ActionDialog
from dialogtui.tui.dialogs.case import CaseDialog
from dialogtui.tui.screens.capture import CaptureScreen

PEOPLE = [("Lena Ström", "skola"), ("Per Berg", "socialtjanst")]
CARDS = [("Pojke 9, frånvaro och utbrott", 8), ("Flicka 14, hemmasittare", 5), ("Pojke 12", 2)]


def at_the_case_map(store, clock, *, named: bool = True):
    """Träff 4 after its vote: case 1 at the case map, named by the vote's first card, with
    one turn."""
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE, clock=clock, title="Träff 4")
    m.start()
    m.goto_step(m.qs.index_of("urval"))
    for text, dots in CARDS:
        card = m.cards.add(text)
        card.votes = dots
        m.cards.save(card)
    m.goto_step(m.qs.index_of("casekarta"))
    if named:
        first = m.cases.cards()[0][1]
        m.cases.name_case(first.text, first.id)
    # On the question every organisation answers (the first is the briefing's).
    m.goto_question(1)
    m.submit("Pojken bor med mamma och två syskon, stor frånvaro")
    return m


def in_case_2(store, clock):
    m = at_the_case_map(store, clock)
    card = m.cases.cards(2)[0][1]
    m.repeat_block(card.text, card.id)
    m.goto_question(1)
    m.submit("Flickan har inte varit i skolan sedan oktober")
    return m


def seeded(db, setup) -> int:
    store = Store.open(db)
    m = setup(store, FakeClock(START))
    mid = m.id
    m.close()
    store.close()
    return mid


def header(app) -> str:
    return text_of(app.screen.query_one("#step-header"), width=200)


def test_ctrl_r_offers_the_votes_cards_and_the_next_case_is_the_card_chosen(tmp_path):
    db = tmp_path / "db"
    mid = seeded(db, at_the_case_map)

    async def scenario(app, pilot):
        screen = app.screen
        engine = screen.engine
        # At 80 columns the name is cut before the keys are.
        await until(pilot, lambda: "Case 1: Pojke 9, frånvaro" in header(app))
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, CaseDialog))
        shown = screen_text(app)
        # The cards not yet chosen, ranked as the vote ranked them; the first case's left out.
        assert "2. Flicka 14, hemmasittare (5)" in shown and "3. Pojke 12 (2)" in shown
        assert "Pojke 9" not in shown.split("Case 2")[1]
        await pilot.press("enter")  # the card highlighted: the first
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        await until(pilot, lambda: "Case 2: Flicka 14, hemmasittare" in header(app))
        assert engine.pos.repetition == 2 and engine.step.id == "casekarta"
        # Case 2 lists its own turns: none yet, not case 1's.
        assert "Pojken bor med mamma" not in screen_text(app)
        await type_text(pilot, "Flickan har inte varit i skolan")
        await pilot.press("enter")
        await until(pilot, lambda: "Flickan har inte varit i skolan" in screen_text(app))
        assert "Pojken bor med mamma" not in screen_text(app)
        # Back in case 1, its own turns again.
        # ctrl+b at case 2's first step: case 1's last step, its header saying so.
        await pilot.press("ctrl+b")
        await until(
            pilot, lambda: (engine.step.id, engine.pos.repetition) == ("samverkanskarta", 1)
        )
        await until(pilot, lambda: "Case 1: Pojke 9" in header(app))
        engine.goto_step(engine.qs.index_of("casekarta"), repetition=1)
        screen.observe()
        await until(pilot, lambda: "Pojken bor med mamma" in screen_text(app))
        assert "Flickan har inte" not in screen_text(app)

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    names = {key: c.name for key, c in store.case_names(mid).items()}
    store.close()
    assert names == {(0, 1): "Pojke 9, frånvaro och utbrott", (0, 2): "Flicka 14, hemmasittare"}


def test_a_name_typed_instead_of_a_card_and_the_case_renamed_with_f12(tmp_path):
    db = tmp_path / "db"
    mid = seeded(db, lambda s, c: at_the_case_map(s, c, named=False))

    async def scenario(app, pilot):
        engine = app.screen.engine
        await until(pilot, lambda: "Case 1 (" in header(app))
        assert "f12: name" in header(app)
        await pilot.press("f12")  # the current case, named
        await until(pilot, lambda: isinstance(app.screen, CaseDialog))
        await pilot.press("down", "enter")  # the second card
        await until(pilot, lambda: "Case 1: Flicka 14, hemmasittare" in header(app))
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, CaseDialog))
        await type_text(pilot, "Pojke 11")
        await pilot.press("enter")
        await until(pilot, lambda: "Case 2: Pojke 11" in header(app))
        await pilot.press("f12")  # renamed: the typed name is there to be corrected
        await until(pilot, lambda: isinstance(app.screen, CaseDialog))
        await pilot.press("backspace", "2")
        await pilot.press("enter")
        await until(pilot, lambda: "Case 2: Pojke 12" in header(app))
        assert engine.cases.names[(0, 2)].card_id is None
        await pilot.press("ctrl+r")  # the last case (1–2): no dialog, a notice
        said = lambda: any("at most 2 case." in str(n.message) for n in app._notifications)  # noqa: E731
        await until(pilot, said)
        assert not isinstance(app.screen, CaseDialog)

    run(scenario, db=db, meeting_id=mid)


def test_escape_leaves_the_case_as_it_was(tmp_path):
    db = tmp_path / "db"
    mid = seeded(db, at_the_case_map)

    async def scenario(app, pilot):
        engine = app.screen.engine
        await until(pilot, lambda: "Case 1:" in header(app))
        await pilot.press("ctrl+r")
        await until(pilot, lambda: isinstance(app.screen, CaseDialog))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        assert engine.pos.repetition == 1

    run(scenario, db=db, meeting_id=mid)


def test_f12_outside_a_block_does_nothing_and_is_not_offered(tmp_path):
    db = tmp_path / "db"
    mid = seeded(db, at_the_case_map)

    async def scenario(app, pilot):
        screen = app.screen
        await until(pilot, lambda: "Case 1:" in header(app))
        await pilot.press("ctrl+b")
        await until(pilot, lambda: screen.engine.step.id == "urval")
        assert screen.check_action("name_case", ()) is False
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)

    run(scenario, db=db, meeting_id=mid)


SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]


@pytest.mark.parametrize("size", SIZES)
def test_case_dialog(snap_compare, tmp_path, size):
    async def run_before(pilot):
        await steady(pilot)
        await pilot.press("ctrl+r")
        await steady(pilot)

    assert snap_compare(
        app_with(tmp_path, at_the_case_map), terminal_size=size, run_before=run_before
    )


@pytest.mark.parametrize("size", SIZES)
def test_capture_in_case_2(snap_compare, tmp_path, size):
    assert snap_compare(app_with(tmp_path, in_case_2), terminal_size=size, run_before=steady)


def test_each_cases_plan_lists_the_actions_made_in_it_f3_included(tmp_path):
    # N11: "Fotbollsgrupp tisdagar", noted with f3 during case 1's case map, is case 1's.
    db = tmp_path / "db"

    def two_cases(store, clock):
        m = at_the_case_map(store, clock)
        m.actions.add(ActionItem("Fotbollsgrupp tisdagar", who="Lena Ström"))
        m.repeat_block("Flicka 14, hemmasittare")
        m.actions.add(ActionItem("Kontakt med BUP", who="Per Berg"))
        m.goto_step(m.qs.index_of("handlingsplan"))
        return m

    mid = seeded(db, two_cases)

    async def scenario(app, pilot):
        engine = app.screen.engine
        await until(pilot, lambda: "Kontakt med BUP" in screen_text(app))
        assert "Fotbollsgrupp" not in screen_text(app)
        await pilot.press("f3")  # one more, in case 2's plan
        await until(pilot, lambda: isinstance(app.screen, ActionDialog))
        await type_text(pilot, "Skolbesök")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Skolbesök" in screen_text(app))
        engine.goto_step(engine.step_index, repetition=1)
        app.screen.observe()
        await until(pilot, lambda: "Fotbollsgrupp tisdagar" in screen_text(app))
        assert "Kontakt med BUP" not in screen_text(app) and "Skolbesök" not in screen_text(app)

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    made = {a.what: a.repetition for a in store.actions(mid)}
    store.close()
    assert made == {"Fotbollsgrupp tisdagar": 1, "Kontakt med BUP": 2, "Skolbesök": 2}


def test_help_in_a_block_lists_f12(tmp_path):
    from dialogtui.tui.screens.help import HelpScreen

    db = tmp_path / "db"
    mid = seeded(db, at_the_case_map)

    async def scenario(app, pilot):
        await until(pilot, lambda: "Case 1:" in header(app))
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        await until(pilot, lambda: "Name the case" in screen_text(app).replace("\n", " "))

    run(scenario, db=db, meeting_id=mid, size=(80, 60))


def test_a_step_skipped_in_case_2_reads_as_skipped_there_only(tmp_path):
    # N3: the collaboration map made for case 1, skipped for case 2.
    db = tmp_path / "db"
    mid = seeded(db, in_case_2)

    async def scenario(app, pilot):
        engine = app.screen.engine
        optional = engine.qs.index_of("samverkanskarta")
        await until(pilot, lambda: "Case 2:" in header(app))
        await pilot.press("ctrl+n", "ctrl+n")
        await until(pilot, lambda: engine.step_index == optional)
        await until(pilot, lambda: "Optional (ctrl+k skips it)" in screen_text(app))
        await pilot.press("ctrl+k")
        await until(pilot, lambda: engine.step_index == optional + 1)
        await pilot.press("ctrl+b")
        await until(pilot, lambda: "Skipped (ctrl+k takes it in again)" in screen_text(app))
        assert ", skipped" in header(app)
        engine.goto_step(optional, repetition=1)  # case 1's map: not skipped
        app.screen.observe()
        await until(pilot, lambda: "Case 1:" in header(app))
        assert "Optional (ctrl+k skips it)" in screen_text(app)
        assert ", optional" in header(app)

    run(scenario, db=db, meeting_id=mid)


def test_the_consent_line_and_its_f7_row_name_the_case(tmp_path):
    # The scribe records a child's consent by the child's case, not by a bare number.
    db = tmp_path / "db"
    mid = seeded(db, in_case_2)

    async def scenario(app, pilot):
        await until(pilot, lambda: "Case 2:" in header(app))
        said = "Case 2: Flicka 14, hemmasittare: its consent is not recorded (f7)"
        await until(pilot, lambda: said in screen_text(app).replace("\n", " "))
        await pilot.press("f7")
        await until(pilot, lambda: "Consent, Case 2: Flicka 14" in screen_text(app))
        assert "Consent, Case 1: Pojke 9, frånvaro och utbrott" in screen_text(app)

    run(scenario, db=db, meeting_id=mid, size=(120, 40))
