"""The scribe's screens under Pilot: every interaction, checked against the store."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from exported import kinds, named
from meeting_helpers import consent_required_text, new_meeting
from tui_helpers import (
    START,
    burst,
    end_and_export,
    minutes_of,
    opened,
    run,
    screen_text,
    seeded_meeting,
    text_of,
    type_text,
    until,
)

from dialogtui.export.write import file_names
from dialogtui.kinds import board
from dialogtui.kinds import choice as choice_kind
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import ActionItem, ActionStatus, NoteKind
from dialogtui.store import Store
from dialogtui.tui.dialogs.actions import ActionDialog
from dialogtui.tui.dialogs.alerts import ErrorDialog
from dialogtui.tui.dialogs.base import TextDialog
from dialogtui.tui.dialogs.case import CaseDialog
from dialogtui.tui.dialogs.pick import JumpDialog
from dialogtui.tui.screens.capture import CaptureScreen
from dialogtui.tui.screens.end import EndScreen
from dialogtui.tui.screens.help import HelpScreen
from dialogtui.tui.screens.setup import SetupScreen
from dialogtui.tui.widgets.draft import DraftArea

PEOPLE = [("Ada", "skola"), ("Per", "socialtjanst"), ("Lena", "skola")]


def turns_in(db, meeting_id=1):
    store = Store.open(db)
    try:
        return [(t.participant_id, t.text, t.passed) for t in store.turns(meeting_id)]
    finally:
        store.close()


def ids_of(db, meeting_id, *names: str) -> list[int | None]:
    """The participants' ids, looked up by name, not assumed."""
    store = Store.open(db)
    by_name = {p.name: p.id for p in store.participants(meeting_id)}
    store.close()
    return [by_name[n] for n in names]


def test_start_screen_search_and_set_up_a_meeting(tmp_path):
    db = tmp_path / "db"

    async def scenario(app, pilot):
        # Typing searches at once; enter opens the set's set-up (the newcomer review's 11).
        burst(app, "traff 3", "<enter>")
        await until(pilot, lambda: isinstance(app.screen, SetupScreen))
        assert app.screen.qs.id == "samtidigt-traff-3"
        await type_text(pilot, "Skolan")
        app.screen.query_one("#p-name").focus()
        await type_text(pilot, "Ada")
        await pilot.press("enter")
        await type_text(pilot, "Per")
        app.screen.query_one("#p-pseudonym").value = "Kuratorn"
        await pilot.press("enter")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)

    run(scenario, db=db)
    store = Store.open(db)
    info = store.meeting_info(1)
    assert info.place == "Skolan" and [p.name for p in info.participants] == ["Ada", "Per"]
    assert [p.pseudonym for p in info.participants] == [None, "Kuratorn"]
    assert info.date == START.date()
    store.close()


def test_setup_reorder_remove_and_consent_required(tmp_path):
    db = tmp_path / "db"

    async def scenario(app, pilot):
        app.screen.query_one("#p-name").focus()
        for name in ["Ada", "Per", "Lena"]:
            await type_text(pilot, name)
            await pilot.press("enter")
        people = app.screen.query_one("#people")
        people.focus()
        people.highlighted = 2
        await pilot.press("alt+up")  # Lena before Per
        people.highlighted = 0
        await pilot.press("delete")  # Ada removed
        assert [p.name for p in app.screen.people] == ["Lena", "Per"]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)  # consent is missing
        app.screen.query_one("#consent").value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)

    required = tmp_path / "traff-4-required.toml"  # no shipped set requires consent
    required.write_text(consent_required_text(), encoding="utf-8")
    run(scenario, db=db, set_ref=str(required))
    store = Store.open(db)
    info = store.meeting_info(1)
    assert [p.name for p in info.participants] == ["Lena", "Per"] and info.consent_given
    store.close()


def test_recommended_consent_is_asked_at_set_up_and_the_meeting_starts_without_it(tmp_path):
    db = tmp_path / "db"

    async def scenario(app, pilot):
        assert "can start without it" in screen_text(app)
        assert "Det går också att arbeta avidentifierat." in " ".join(screen_text(app).split())
        app.screen.query_one("#p-name").focus()
        await type_text(pilot, "Ada")
        await pilot.press("enter", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))

    run(scenario, db=db, set_ref="samtidigt-traff-4")
    store = Store.open(db)
    assert store.meeting_info(1).consent_given is False  # asked, and recorded as not given
    store.close()


def test_setup_participants_are_corrected_in_place_with_keys_in_typed_order(tmp_path):
    # The newcomer review's 12: no row was highlighted on entering the list (the first x did
    # nothing), a participant could only be removed and added again.
    db = tmp_path / "db"

    async def scenario(app, pilot):
        screen = app.screen
        burst(app, "<ctrl+a>", "Ada", "<enter>", "Pre", "<enter>", "Lena", "<enter>", "Bo")
        burst(app, "<enter>", "<tab>", "<tab>", "<tab>")  # into the list: the newest highlighted
        people = screen.query_one("#people")
        await until(pilot, lambda: screen.focused is people and people.highlighted == 3)
        # up, up, enter: Per's row back in the fields; corrected, enter puts him in his place.
        # (Backspace is the field's own binding, run in typed order: widgets/fields.py.)
        burst(app, "<up>", "<up>", "<enter>", "<backspace>", "<backspace>", "er", "<enter>")
        await until(pilot, lambda: [p.name for p in screen.people] == ["Ada", "Per", "Lena", "Bo"])
        burst(app, "<tab>", "<tab>", "<tab>", "<down>", "<down>", "<delete>")  # Bo goes
        await until(pilot, lambda: [p.name for p in screen.people] == ["Ada", "Per", "Lena"])
        await until(pilot, lambda: people.highlighted == 2)  # the row after is highlighted
        burst(app, "<delete>")
        await until(pilot, lambda: [p.name for p in screen.people] == ["Ada", "Per"])
        assert not screen.query("#p-role")  # this set has no roles: no Role field

    run(scenario, db=db, set_ref="raseborg-temamote")


def test_setup_a_role_chosen_goes_on_to_the_organisation_where_enter_adds(tmp_path):
    # Enter on the role's drop-down opens it again: a scribe who chose a role and pressed
    # enter got the list back instead of the participant added.
    async def scenario(app, pilot):
        screen = app.screen
        screen.query_one("#p-name").focus()
        await type_text(pilot, "Ada")
        await pilot.press("tab", "enter")
        await until(pilot, lambda: screen.query_one("#p-role").expanded)
        await pilot.press("down", "enter")
        await until(pilot, lambda: screen.focused is screen.query_one("#p-org"))
        await type_text(pilot, "Skolan")
        await pilot.press("enter")
        await until(pilot, lambda: [p.name for p in screen.people] == ["Ada"])
        assert (screen.people[0].role, screen.people[0].organisation) == ("skola", "Skolan")
        assert screen.focused is screen.query_one("#p-name")

    run(scenario, db=tmp_path / "db", set_ref="samtidigt-traff-4")


def test_setup_edit_keeps_the_role_and_an_emptied_name_keeps_the_person(tmp_path):
    db = tmp_path / "db"

    async def scenario(app, pilot):
        screen = app.screen
        screen.query_one("#p-name").focus()
        await type_text(pilot, "Ada")
        screen.query_one("#p-role").value = "skola"
        await pilot.press("enter")
        screen.query_one("#people").focus()
        await pilot.press("enter")
        await until(pilot, lambda: screen.query_one("#p-name").value == "Ada")
        assert screen.query_one("#p-role").value == "skola" and screen.people == []
        screen.query_one("#p-name").value = ""
        screen.query_one("#consent").value = True
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))

    run(scenario, db=db, set_ref="samtidigt-traff-4")
    store = Store.open(db)
    assert [(p.name, p.role) for p in store.meeting_info(1).participants] == [("Ada", "skola")]
    store.close()


def test_typing_a_turn_saves_it_and_moves_the_round(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE)

    async def scenario(app, pilot):
        screen = app.screen
        assert isinstance(screen, CaptureScreen)
        assert screen.focused is screen.query_one(DraftArea)
        await type_text(pilot, "Ada, rektor")
        await pilot.press("enter")  # handled by the text box, then by the screen: waited on
        await until(pilot, lambda: screen.engine.speaker.name == "Per")
        assert "✓ saved" in text_of(screen.query_one("#speakers"))
        await pilot.press("f2")  # Per passes
        assert screen.engine.speaker.name == "Lena"
        await type_text(pilot, "rad ett")
        await pilot.press("ctrl+j")
        await type_text(pilot, "rad två")
        await pilot.press("enter")
        await until(pilot, lambda: screen.engine.round_complete)
        assert screen.query_one(DraftArea).text == ""

    run(scenario, db=db, meeting_id=mid)
    ada, per, lena = ids_of(db, mid, "Ada", "Per", "Lena")
    assert turns_in(db) == [
        (ada, "Ada, rektor", False),
        (per, "", True),
        (lena, "rad ett\nrad två", False),
    ]


def test_speaker_keys_tab_shift_tab_and_alt_number(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE)

    async def scenario(app, pilot):
        e = app.screen.engine
        await pilot.press("tab")
        assert e.speaker.name == "Per"
        await pilot.press("shift+tab", "shift+tab")
        assert e.speaker.name == "Lena"
        await pilot.press("alt+2")
        assert e.speaker.name == "Per"

    run(scenario, db=db, meeting_id=mid)


def test_steps_next_previous_and_jump(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", PEOPLE)

    async def scenario(app, pilot):
        e = app.screen.engine
        await pilot.press("ctrl+n")
        assert e.step_index == 1
        await pilot.press("ctrl+b")
        assert e.step_index == 0
        await pilot.press("ctrl+g")
        assert isinstance(app.screen, JumpDialog)
        await pilot.press("down", "down", "down", "enter")
        await pilot.pause()
        assert e.step_index == 3
        assert "Vad behöver du/ni" in text_of(app.screen.query_one("#question"))

    run(scenario, db=db, meeting_id=mid)


def test_quick_capture_action_decision_concern(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-5", PEOPLE, consent_given=True)

    async def scenario(app, pilot):
        await pilot.press("f3")
        assert isinstance(app.screen, ActionDialog)
        await type_text(pilot, "Ordna läxhjälp")
        await pilot.press("enter")  # how
        await pilot.press("enter")  # who
        await type_text(pilot, "Le")
        await pilot.press("enter")  # takes the suggestion "Lena"
        await pilot.press("enter")  # with whom
        await type_text(pilot, "not a date")
        await pilot.press("enter")
        await pilot.press("enter")  # first step: save -> refused, bad date
        await pilot.pause()
        assert isinstance(app.screen, ActionDialog)
        app.screen.query_one("#f-when").value = "2026-02-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CaptureScreen)
        await pilot.press("f4")
        assert isinstance(app.screen, TextDialog)
        await type_text(pilot, "Ny träff i mars")
        await pilot.press("ctrl+s")
        await pilot.press("f5")
        await type_text(pilot, "Oro för frånvaro")
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    [action] = store.actions(mid)
    assert (action.what, action.who, action.when) == ("Ordna läxhjälp", "Lena", dt.date(2026, 2, 1))
    assert [(n.kind, n.text) for n in store.notes(mid)] == [
        (NoteKind.decision, "Ny träff i mars"),
        (NoteKind.concern, "Oro för frånvaro"),
    ]
    store.close()


def test_action_planning_table_edit_and_delete(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-5", PEOPLE, consent_given=True)

    async def scenario(app, pilot):
        e = app.screen.engine
        e.actions.add(ActionItem("Gammal text", who="Ada"))
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # to the action-planning step
        table = app.screen.query_one("#actions")
        assert table.display and table.row_count == 1
        # Arriving at a step, the keyboard is in the text box; escape takes it to the plan.
        assert app.screen.focused is app.screen.query_one(DraftArea)
        await pilot.press("escape")
        assert app.screen.focused is table
        await pilot.press("enter")
        assert isinstance(app.screen, ActionDialog)
        app.screen.query_one("#f-what").value = "Ny text"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert e.actions.all()[0].what == "Ny text"
        assert app.screen.focused is table  # the dialog gave the keyboard back to the plan
        await pilot.press("delete", "y")  # a letter keeps it: deleting is never a letter
        await until(pilot, lambda: app.screen.query_one(DraftArea).text == "y")
        assert len(e.actions.all()) == 1
        await pilot.press("escape", "delete", "delete")  # the question, answered with delete
        await until(pilot, lambda: e.actions.all() == [])

    run(scenario, db=db, meeting_id=mid)


def test_ctrl_k_skips_an_optional_step_and_is_the_text_boxs_own_elsewhere(tmp_path):
    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "samtidigt-traff-4", [("Ada", "skola")])
    optional = next(i for i, s in enumerate(m.qs.steps) if s.id == "samverkanskarta")
    m.goto_step(optional - 2)  # a round, then the action plan, then the optional step
    m.close()
    store.close()

    async def scenario(app, pilot):
        engine = app.screen.engine
        await type_text(pilot, "kvar och bort")
        await pilot.press("home", "ctrl+k")  # not optional: the text box deletes the line
        await until(pilot, lambda: app.screen.query_one(DraftArea).text == "")
        await pilot.press("ctrl+n", "ctrl+n")
        await until(pilot, lambda: engine.step_index == optional)
        assert "Optional (ctrl+k skips it): Om ni valt gamla case" in screen_text(app)
        await pilot.press("ctrl+k")
        await until(pilot, lambda: engine.step_index == optional + 1)
        await pilot.press("ctrl+b")
        await until(pilot, lambda: "Skipped (ctrl+k takes it in again)" in screen_text(app))
        await pilot.press("ctrl+k")
        await until(pilot, lambda: "Optional (ctrl+k skips it)" in screen_text(app))
        assert engine.skipped == set() and engine.step_index == optional

    run(scenario, db=db, meeting_id=m.id)


def test_scale_step_one_key_per_participant(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-orons-zoner", [("Anna", None), ("Bo", None)])

    async def scenario(app, pilot):
        screen = app.screen
        assert screen.focused is screen.query_one(DraftArea)
        await pilot.press("escape")  # to the scale, whose digits rate
        assert screen.focused is screen.query_one("#scale")
        assert screen.engine.speaker.name == "Anna"  # the first rater is chosen
        await pilot.press("4", "6")
        await pilot.press("c")  # a comment on the last rating (Bo's 6)
        await type_text(pilot, "ingen ork")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Anna" in text_of(screen.query_one("#scale"))
        # A zone's need (the source's row under the zones) is shown before its description.
        assert "⇒ Extra resurser måste till omgående" in text_of(screen.query_one("#scale"))

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    anna, bo = ids_of(db, mid, "Anna", "Bo")
    ratings = [(r.participant_id, r.value, r.comment) for r in store.scale_ratings(mid)]
    assert ratings == [(anna, 4, ""), (bo, 6, "ingen ork")]
    store.close()


def test_choice_step_now_and_desired(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "dialogredskab-3-samarbejdsrelationer", [("Mette", None)])

    async def scenario(app, pilot):
        await pilot.press("escape")  # from the text box to the options
        assert app.screen.focused is app.screen.query_one("#choice")
        await pilot.press("down", "n", "down", "down", "d")
        await pilot.pause()

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    marks = {(m.option_id, m.rating) for m in store.choice_marks(mid)}
    assert marks == {("stafet", "now"), ("fodboldhold", "desired")}
    store.close()


def test_follow_up_of_the_previous_meeting(tmp_path):
    db = tmp_path / "db"
    store = Store.open(db)
    first = new_meeting(store, "samtidigt-traff-5", PEOPLE, consent_given=True)
    old = first.actions.add(ActionItem("Kartlägga frånvaro", who="Lena"))
    first.finish()
    first.close()
    second = new_meeting(
        store, "samtidigt-traff-5", PEOPLE, consent_given=True, previous_id=first.id
    )
    second.goto_step(1)
    second.close()
    store.close()

    async def scenario(app, pilot):
        table = app.screen.query_one("#follow-up")
        assert app.screen.focused is app.screen.query_one(DraftArea) and table.row_count == 1
        await pilot.press("escape")  # to the list
        assert app.screen.focused is table
        await pilot.press("escape")  # and back to the text box
        assert app.screen.focused is app.screen.query_one(DraftArea)
        await pilot.press("escape")
        assert app.screen.focused is table
        await pilot.press("d")
        await type_text(pilot, "Klart")
        await pilot.press("ctrl+s")
        await pilot.pause()

    run(scenario, db=db, meeting_id=second.id)
    store = Store.open(db)
    [fu] = store.follow_ups(second.id)
    assert (fu.action_id, fu.status, fu.comment) == (old.id, ActionStatus.done, "Klart")
    store.close()


def test_edit_and_delete_a_turn_from_the_transcript(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Anna", None)])

    async def scenario(app, pilot):
        await type_text(pilot, "fel")
        await pilot.press("enter")
        await pilot.press("f8", "enter")
        assert isinstance(app.screen, TextDialog)
        app.screen.query_one("TextArea").text = "rätt"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [t.text for t in app.screen.engine.turns.in_step()] == ["rätt"]
        await pilot.press("f8", "delete", "delete")
        await until(pilot, lambda: app.screen.engine.turns.in_step() == [])
        await pilot.press("escape")
        assert app.screen.focused is app.screen.query_one(DraftArea)

    run(scenario, db=db, meeting_id=mid)


def test_timers_pause_overrun_and_turn_timebox(tmp_path):
    db = tmp_path / "db"
    clock = FakeClock(START)
    mid = seeded_meeting(db, "samtidigt-traff-3", [("Kari", "skola"), ("Ola", None)], clock=clock)

    async def scenario(app, pilot):
        screen = app.screen
        screen.run(lambda: screen.engine.goto_step(2))  # 20 minutes per organisation
        screen.run(lambda: clock.advance(minutes=21))
        strip = text_of(screen.query_one("#speakers"))
        assert "21:00 / 20:00" in strip and "TIME" in strip
        assert screen.query_one("#speakers").has_class("overtime")
        await pilot.press("ctrl+t")
        assert screen.engine.paused
        assert "PAUSED" in text_of(screen.query_one("#step-header"))

    run(scenario, db=db, meeting_id=mid, clock=clock)


def test_step_overrun_and_projected_end_in_header(tmp_path):
    db = tmp_path / "db"
    clock = FakeClock(START)
    mid = seeded_meeting(db, "samtidigt-traff-3", PEOPLE, clock=clock)

    async def scenario(app, pilot):
        app.screen.run(lambda: clock.advance(minutes=30))
        header = app.screen.query_one("#step-header")
        text = text_of(header)
        assert "OVER +10:00" in text and "ends ~12:40 (+10 min" in text  # the fika still ahead
        assert header.has_class("overrun")
        await pilot.press("ctrl+g")  # the agenda says where to cut 10 minutes
        options = app.screen.query_one("OptionList")
        lines = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert lines[0] == "1. Startrunda  (20 min)  spent 30 min"
        assert lines[2] == "3. Tidslinje  (60 min → 56 min to end on time)"
        cuts = [int(line.split("→ ")[1].split()[0]) for line in lines if "→" in line]
        assert sum(cuts) == 160 - 10  # the later steps' 160 minutes, less the overrun

    run(scenario, db=db, meeting_id=mid, clock=clock)


def test_quit_keeps_the_draft_and_resume_restores_it(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-1", PEOPLE)

    async def first(app, pilot):
        await type_text(pilot, "Hej")
        await pilot.press("enter")
        await pilot.press("ctrl+n", "ctrl+n")
        await type_text(pilot, "halv mening")
        await pilot.press("ctrl+q")

    run(first, db=db, meeting_id=mid)

    async def second(app, pilot):
        screen = app.screen
        assert screen.engine.step_index == 2
        assert screen.query_one(DraftArea).text == "halv mening"

    run(second, db=db, meeting_id=mid)


def test_autosave_tick_saves_the_draft(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Anna", None)])

    async def scenario(app, pilot):
        await type_text(pilot, "pågående")
        app.screen.autosave()  # what each clock tick does
        store = Store.open(db)
        assert store.draft(mid) == "pågående"
        store.close()

    run(scenario, db=db, meeting_id=mid)


def test_a_locked_meeting_shows_a_dialog_not_a_crash(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Anna", None)])
    import subprocess
    import sys

    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from dialogtui.store import Store; s = Store.open(sys.argv[1]);"
            " s.lock(int(sys.argv[2])); print('locked', flush=True); time.sleep(30)",
            str(db),
            str(mid),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"

        async def scenario(app, pilot):
            await pilot.pause()
            assert isinstance(app.screen, ErrorDialog)
            assert "open in another dialogtui" in app.screen.message
            await pilot.press("enter")

        run(scenario, db=db, meeting_id=mid)
    finally:
        holder.kill()
        holder.wait()


def test_end_screen_summary_and_export(tmp_path, private_home):
    db = tmp_path / "db"
    clock = FakeClock(START)
    store = Store.open(db)
    m = new_meeting(store, "samtidigt-traff-5", PEOPLE, clock=clock, consent_given=True)
    m.start()
    clock.advance(minutes=25)
    m.submit("Ada talar")
    m.actions.add(ActionItem("Utan ägare"))
    m.actions.add(ActionItem("Boka uppföljning", who="Ada", when=dt.date(2026, 2, 1)))  # dated
    m.close()
    store.close()

    async def scenario(app, pilot):
        await pilot.press("ctrl+o")
        assert isinstance(app.screen, EndScreen)
        summary = text_of(app.screen.query_one("#summary"))
        assert "Utan ägare" in summary and "who, when" in summary
        end = app.screen
        await pilot.press("e")  # the end screen's own key: it runs after the focused widget's
        await until(pilot, lambda: "Written:" in text_of(end.query_one("#export-status")))
        # For everyone, in every format: the reference, the office's, the participants',
        # the journal's and the calendar's.
        assert kinds(app.screen.exported) == [
            *("minutes.md", "action-plan.md", "minutes.docx", "action-plan.docx"),
            *("minutes.pdf", "action-plan.pdf", "journal-note.txt", "calendar.ics"),
        ]
        status = text_of(app.screen.query_one("#export-status"), width=200)
        assert str(app.screen.exported[0]) in status
        await opened(pilot, "b", CaptureScreen)

    run(scenario, db=db, meeting_id=m.id, clock=clock)
    assert named(private_home / "exports" / f"möte-{m.id}", "minutes.md").exists()


def test_help_lists_the_screens_keys(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Anna", None)])

    async def scenario(app, pilot):
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        shown = text_of(app.screen.query_one("#keys"), width=120)
        for key, what in [
            ("f2", "Pass"),
            ("ctrl+n", "Next step"),
            ("enter", "Save turn"),
            ("f3", "Action"),
            ("ctrl+q", "Quit"),
            ("ctrl+t", "Pause clock"),
            ("tab", "Next speaker"),  # the footer says "Who"; help says it whole
            ("ctrl+o", "End meeting"),
            ("f7", "Decisions"),
            ("?", "Help"),  # not "question_mark" (the newcomer review's 21)
        ]:
            assert any(line.split()[:1] == [key] and what in line for line in shown.splitlines()), (
                key
            )
        await opened(pilot, "escape", CaptureScreen)  # help's own key

    run(scenario, db=db, meeting_id=mid)


def test_command_palette_offers_the_meeting_commands(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Anna", None)])

    async def scenario(app, pilot):
        screen = app.screen  # not `app.screen`: the palette may still be in front
        titles = [c.title for c in app.get_system_commands(screen)]
        assert {"Next step", "Add action item", "End meeting", "Pass"} <= set(titles)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Next step")
        await pilot.press("enter")  # run the command, as a user would
        await until(pilot, lambda: app.screen is screen and screen.engine.step_index == 1)

    run(scenario, db=db, meeting_id=mid)


def test_store_errors_become_dialogs(tmp_path, monkeypatch):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Anna", None)])

    async def scenario(app, pilot):
        from dialogtui.errors import StoreError

        def full(*args, **kwargs):
            raise StoreError("the disk is full; nothing new was saved")

        screen = app.screen
        monkeypatch.setattr(screen.engine.store, "add_turn", full)
        await type_text(pilot, "viktigt")
        await pilot.press("enter")  # through the text box to the screen, which fails
        await until(pilot, lambda: isinstance(app.screen, ErrorDialog))
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is screen)
        assert screen.query_one(DraftArea).text == "viktigt"  # nothing lost

    run(scenario, db=db, meeting_id=mid)


def test_unknown_set_on_the_command_line(cli):
    result = cli("run", "nope")
    assert result.code == 1 and "no question set" in result.err


def test_resume_without_meetings(cli):
    result = cli("resume")
    assert result.code == 1 and "no unfinished meeting" in result.err


def test_an_each_person_round_typed_in_the_ui_is_the_engines_round(tmp_path):
    """What the screen shows of a round is what the engine and the store hold."""
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-klientmote", [("Anna", "familj"), ("Sara", "myndighet")])

    async def scenario(app, pilot):
        for _ in range(5):
            await type_text(pilot, "svar")
            await pilot.press("enter")

        transcript = app.screen.query_one("#transcript")
        last = str(transcript.get_option_at_index(transcript.option_count - 1).prompt)
        assert last.endswith("Q5 Anna: svar")  # an each-person round: which answer is which

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    engine = MeetingEngine.open(store, mid, FakeClock(START))
    assert engine.round_complete and engine.speaker is None  # Anna answered all five
    anna = engine.participants[0].id
    assert [(t.participant_id, t.question, t.text) for t in engine.turns.in_step()] == [
        (anna, q, "svar") for q in range(5)
    ]
    engine.close()
    store.close()


def test_following_up_a_meeting_brings_its_participants(tmp_path):
    db = tmp_path / "db"
    first = seeded_meeting(
        db, "samtidigt-traff-4", [("Ada", "skola", "Rektor", "A")], consent_given=True
    )

    async def scenario(app, pilot):
        app.screen.query_one("#previous").value = first
        await pilot.pause()
        [p] = app.screen.people
        assert (p.name, p.role, p.organisation, p.pseudonym) == ("Ada", "skola", "Rektor", "A")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert [a.what for a in app.screen.engine.actions.carried()] == []

    run(scenario, db=db, set_ref="samtidigt-traff-5")
    store = Store.open(db)
    info = store.meeting_info(2)
    assert info.previous_id == first and info.series == store.meeting_info(first).series
    assert [p.name for p in info.participants] == ["Ada"]
    store.close()


def test_someone_joins_during_the_meeting(tmp_path):
    from dialogtui.tui.dialogs.people import ParticipantDialog

    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", [("Ada", "skola")])

    async def scenario(app, pilot):
        await pilot.press("ctrl+l")
        assert isinstance(app.screen, ParticipantDialog)
        await type_text(pilot, "Per")
        app.screen.query_one("#p-role").value = "socialtjanst"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "2:Per" in text_of(app.screen.query_one("#speakers"))
        await type_text(pilot, "Ada här")
        await pilot.press("enter")
        await until(pilot, lambda: app.screen.engine.speaker.name == "Per")  # in the round

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    assert [(p.name, p.role) for p in store.participants(mid)] == [
        ("Ada", "skola"),
        ("Per", "socialtjanst"),
    ]
    store.close()


def test_question_mark_is_text_where_it_can_be_typed_and_f1_opens_help(tmp_path):
    async def scenario(app, pilot):
        start = app.screen
        await pilot.press("question_mark")  # the search box has the focus: it is text
        await until(pilot, lambda: start.query_one("#search").value == "?")
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "down", "up")  # help's escape is its own key, run late
        await until(pilot, lambda: app.screen is start)
        await until(pilot, lambda: start.query_one("#search").value == "?")

    run(scenario, db=tmp_path / "db")


def test_export_to_a_chosen_folder_and_a_bad_one(tmp_path):
    from dialogtui.tui.dialogs.folder import FolderDialog

    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Anna", None)])
    target = tmp_path / "delat" / "möte"
    blocked = tmp_path / "a-file"
    blocked.write_text("keep")

    async def scenario(app, pilot):
        # `o` is the end screen's own key: it runs only after the focused widget's turn.
        end = await opened(pilot, "ctrl+o", EndScreen)
        folder = await opened(pilot, "o", FolderDialog)
        folder.query_one("#folder").value = str(target)
        await pilot.press("enter")
        await until(pilot, lambda: app.screen is end)
        await until(pilot, lambda: "Written:" in text_of(end.query_one("#export-status")))
        assert {p.parent for p in end.exported} == {target}
        folder = await opened(pilot, "o", FolderDialog)
        folder.query_one("#folder").value = str(blocked)
        await pilot.press("enter")
        await until(pilot, lambda: "Export failed" in text_of(end.query_one("#export-status")))

    run(scenario, db=db, meeting_id=mid)
    assert named(target, "minutes.md").exists() and blocked.read_text() == "keep"


def test_export_to_a_folder_asks_before_replacing_and_can_pseudonymise(tmp_path, monkeypatch):
    # The newcomer review's 13: `o` started in the current folder, replaced minutes.md there
    # without asking, and had no pseudonymised variant.
    from dialogtui.tui.dialogs.folder import FolderDialog

    home = tmp_path / "home"
    (home / "Documents").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Zlatan Holm", None)])
    shared = tmp_path / "delat"
    shared.mkdir()
    store = Store.open(db)
    minutes = shared / file_names(store, mid, ("md",), pseudonymise=True)[0]
    store.close()
    minutes.write_text("the minutes of an earlier export")

    async def scenario(app, pilot):
        end = await opened(pilot, "ctrl+o", EndScreen)
        folder = await opened(pilot, "o", FolderDialog)
        assert folder.query_one("#folder").value == str(home / "Documents")
        folder.query_one("#folder").value = str(shared)
        burst(app, "<tab>", "<space>", "<enter>")  # pseudonymised; enter
        await until(pilot, lambda: "already in" in screen_text(app))
        assert minutes.read_text() == "the minutes of an earlier export"
        burst(app, "<enter>")  # yes, replace them
        # Not "no folder dialog in front": the question is in front of it for a while.
        await until(pilot, lambda: app.screen is end)
        await until(pilot, lambda: "Written:" in text_of(end.query_one("#export-status")))

    run(scenario, db=db, meeting_id=mid)
    text = minutes.read_text()
    assert "Zlatan" not in text and "pseudonymer" in text


def test_ticking_pseudonymised_and_enter_in_one_burst_writes_pseudonymised_files(tmp_path):
    from dialogtui.tui.dialogs.folder import FolderDialog

    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Zlatan Holm", None)])
    fresh = tmp_path / "ny"

    async def scenario(app, pilot):
        end = await opened(pilot, "ctrl+o", EndScreen)
        folder = await opened(pilot, "o", FolderDialog)
        folder.query_one("#folder").value = str(fresh)
        burst(app, "<tab>", "<space>", "<enter>")
        await until(pilot, lambda: app.screen is end)
        await until(pilot, lambda: "Written:" in text_of(end.query_one("#export-status")))

    run(scenario, db=db, meeting_id=mid)
    assert "Zlatan" not in named(fresh, "minutes.md").read_text()


def test_export_to_a_folder_in_another_languages_labels(tmp_path):
    # `o` offers the headings' language: the meeting's highlighted, a recipient's chosen with
    # the arrow keys, typed in one burst with the rest.
    from dialogtui.tui.dialogs.folder import FolderDialog

    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Anna", None)])
    out = tmp_path / "till-familjen"

    async def scenario(app, pilot):
        end = await opened(pilot, "ctrl+o", EndScreen)
        folder = await opened(pilot, "o", FolderDialog)
        assert folder.query_one("#labels").highlighted == 0  # svenska, the meeting's
        folder.query_one("#folder").value = str(out)
        burst(app, "<tab>", "<tab>", "<down>", "<enter>")  # suomi
        await until(pilot, lambda: app.screen is end)
        await until(pilot, lambda: "Written:" in text_of(end.query_one("#export-status")))

    run(scenario, db=db, meeting_id=mid)
    minutes = named(out, "minutes.md").read_text("utf-8")
    assert minutes.startswith("# Muistio: ") and "Anna" in minutes


def test_end_screen_warns_of_unreviewed_actions_and_b_says_the_meeting_is_open(tmp_path):
    # The newcomer review's 20 (b reopened a finished meeting silently) and 23 (no word of
    # the previous meeting's actions that were never followed up).
    db = tmp_path / "db"
    store = Store.open(db)
    first = new_meeting(store, "samtidigt-traff-4", [("Ada", "skola")], consent_given=True)
    first.actions.add(ActionItem("Kartlägga frånvaro", who="Ada"))
    first.finish()
    first.close()
    store.close()
    mid = seeded_meeting(
        db, "samtidigt-traff-5", [("Ada", "skola")], consent_given=True, previous_id=first.id
    )

    async def scenario(app, pilot):
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        await until(pilot, lambda: "not followed up" in screen_text(app))
        assert "Kartlägga frånvaro" in screen_text(app)
        await pilot.press("h")  # the minutes with their history, in their own folder
        await until(
            pilot, lambda: "med-historik" in text_of(app.screen.query_one("#export-status"))
        )
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        # Said in the strip, the scribe's status line, not in a notice that stacks.
        await until(pilot, lambda: "open again · ctrl+o ends the meeting" in screen_text(app))

    run(scenario, db=db, meeting_id=mid, size=(100, 40))


def test_hints_on_the_last_step_point_to_ctrl_o_and_the_agenda_says_no_empty_shrink(tmp_path):
    # The newcomer review's 19: "ctrl+n next step" on the last step, where it did nothing;
    # the go-to list's "5 min → 5 min to end on time".
    from dialogtui.meeting.timers import agenda_lines

    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", [("Ada", "skola")])

    async def scenario(app, pilot):
        said: list[str] = []
        notify = app.screen.notify
        app.screen.notify = lambda message, **kw: (said.append(message), notify(message, **kw))
        engine = app.screen.engine
        app.screen.run(lambda: engine.goto_step(len(engine.qs.steps) - 1))
        await pilot.press("ctrl+n")
        await until(pilot, lambda: any("ctrl+o ends the meeting" in m for m in said))
        if engine.step.is_round:
            burst(app, "Tack", "<enter>")
            await until(pilot, lambda: "ctrl+o ends the meeting" in screen_text(app))
        for line in agenda_lines(engine.qs, engine.timing.projection(), engine.timing.elapsed):
            planned = re.search(r"\((\d+ min) → (\d+ min)", line)
            assert not planned or planned.group(1) != planned.group(2), line

    run(scenario, db=db, meeting_id=mid)


def test_after_a_resume_and_a_resize_the_newest_turns_are_in_view(tmp_path):
    # The newcomer review's 8: after a resume the two newest turns were not visible, and
    # after resizing to 60×20 the transcript stayed scrolled to the top.
    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "samtidigt-traff-2", [("Ada", "skola"), ("Per", "socialtjanst")])
    m.start()
    for n in range(1, 41):
        m.submit(f"Inlägg nummer {n}")
    m.close()
    store.close()

    async def scenario(app, pilot):
        await until(pilot, lambda: "Inlägg nummer 40" in screen_text(app))
        assert "Inlägg nummer 39" in screen_text(app)
        await pilot.resize_terminal(60, 20)
        await until(pilot, lambda: "Inlägg nummer 40" in screen_text(app))

    run(scenario, db=db, meeting_id=m.id, size=(80, 24))


def test_tables_and_choices_speak_the_sets_language(tmp_path):
    # The newcomer review's 17, as far as the tables go: "status", "open", "[NOW]" stood in
    # Swedish and Danish screens. (The rest of the screens' language is issue 14's.)
    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "samtidigt-traff-5", [("Ada", "skola")], consent_given=True)
    m.actions.add(ActionItem("Boka lokal", who="Ada"))
    m.goto_step(3)
    m.close()
    d = new_meeting(store, "dialogredskab-3-samarbejdsrelationer", [("Mette", None)])
    choice_kind.mark(d.kind_context(), "stafet", "now")
    d.close()
    store.close()

    async def swedish(app, pilot):
        await until(pilot, lambda: "öppen" in screen_text(app))
        row = next(line for line in screen_text(app).splitlines() if "Boka lokal" in line)
        assert "öppen" in row and " open" not in row and "Status" in screen_text(app)

    async def danish(app, pilot):
        await until(pilot, lambda: "[NU]" in screen_text(app))
        assert "NOW" not in screen_text(app)

    run(swedish, db=db, meeting_id=m.id, size=(100, 30))
    run(danish, db=db, meeting_id=d.id, size=(100, 30))


def test_setup_corrects_someone_entered_without_a_role(tmp_path):
    # Found in the tmux trial: correcting a participant without a role crashed the app.
    from textual.widgets import Select

    async def scenario(app, pilot):
        screen = app.screen
        screen.query_one("#p-name").focus()
        await type_text(pilot, "Bo")
        await pilot.press("enter")
        screen.query_one("#people").focus()
        await pilot.press("enter")
        await until(pilot, lambda: screen.query_one("#p-name").value == "Bo")
        assert screen.query_one("#p-role").value is Select.NULL and screen.people == []
        await type_text(pilot, "rje")
        await pilot.press("enter")
        await until(pilot, lambda: [p.name for p in screen.people] == ["Borje"])

    run(scenario, db=tmp_path / "db", set_ref="samtidigt-traff-4")


def meeting_with_turns(db, count: int) -> int:
    """A Träff 2 meeting whose first step holds `count` turns, "Inlägg 0" onwards."""
    store = Store.open(db)
    m = new_meeting(store, "samtidigt-traff-2", [("Ada", "skola"), ("Per", "socialtjanst")])
    m.start()
    for n in range(count):
        m.submit(f"Inlägg {n}")
    m.close()
    store.close()
    return m.id


def test_a_speaker_change_pause_or_rating_does_not_rebuild_the_transcript(tmp_path):
    # The performance review's risk 1: every refresh re-wrapped all 500 shown turns.
    from dialogtui.tui.widgets.transcript import Transcript

    db = tmp_path / "db"
    meeting = meeting_with_turns(db, 600)

    async def scenario(app, pilot):
        screen = app.screen
        transcript = screen.query_one(Transcript)
        await until(pilot, lambda: "Inlägg 599" in screen_text(app))
        before = transcript.renders
        await pilot.press("tab", "tab", "shift+tab", "ctrl+t", "ctrl+t", "f9", "f9")
        burst(app, "<f6>", "2")
        # While the burst is read the speaker dialog is `app.screen`, without an engine.
        await until(pilot, lambda: app.screen is screen and screen.engine.speaker.name == "Per")
        assert transcript.renders == before  # the strip changed, not the transcript
        burst(app, "Ny tur", "<enter>")  # a new turn is appended, not rebuilt either
        await until(pilot, lambda: "Ny tur" in screen_text(app))
        assert transcript.renders == before
        await pilot.press("ctrl+n")  # another step: its own turns
        await until(pilot, lambda: transcript.renders == before + 1)

    run(scenario, db=db, meeting_id=meeting)


def test_a_step_shows_its_last_turns_and_up_at_the_top_shows_earlier_ones(tmp_path):
    # A step change builds only the last few turns (each costs CPU on every step change);
    # the earlier ones are there on request.
    from dialogtui.tui.widgets import transcript as transcript_module
    from dialogtui.tui.widgets.transcript import Transcript

    db = tmp_path / "db"
    meeting = meeting_with_turns(db, 80)
    shown, more = transcript_module.SHOWN, transcript_module.MORE

    def texts(t: Transcript) -> list[str]:
        return [str(t.get_option_at_index(i).prompt) for i in range(t.option_count)]

    async def scenario(app, pilot):
        t = app.screen.query_one(Transcript)
        await until(pilot, lambda: "Inlägg 79" in screen_text(app))
        assert len(texts(t)) == shown + 1 and f"{80 - shown:,} earlier turns" in texts(t)[0]
        await pilot.press("f8")
        await until(pilot, lambda: t.has_focus)
        for _ in range(shown - 1):
            await pilot.press("up")
        await until(pilot, lambda: t.highlighted == 1)  # the first turn shown
        await pilot.press("up")  # at the top: earlier turns come
        await until(pilot, lambda: len(texts(t)) == shown + more + 1)
        first_before = 80 - shown
        assert f"Inlägg {first_before - 1}" in texts(t)[t.highlighted], texts(t)[t.highlighted]
        await pilot.press("up", "up")
        for _ in range(more):
            await pilot.press("up")
        await until(pilot, lambda: "Inlägg 0" in texts(t)[0])  # all 80, no note left

    run(scenario, db=db, meeting_id=meeting)


def test_the_footer_is_rebuilt_only_when_its_keys_change(tmp_path):
    # Textual's footer rebuilt all its keys on every focus move: most of a step change's CPU.
    from dialogtui.tui.widgets.footer import KeyFooter

    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Ada", None), ("Bo", None)])

    def shown(footer: KeyFooter) -> list[str]:
        return [description for _key, description in footer.keys]

    def wanted(screen) -> list[str]:
        return [b.description for _, b, _, _ in screen.active_bindings.values() if b.show]

    async def scenario(app, pilot):
        footer = app.screen.query_one(KeyFooter)
        await until(pilot, lambda: shown(footer) == wanted(app.screen) != [])
        rebuilt = []
        original = footer.recompose
        footer.recompose = lambda: (rebuilt.append(1), original())[1]  # type: ignore[method-assign]
        # To the action plan (the table has the focus), by the follow-up before it, and back.
        for _ in range(3):
            for key, kind in (
                ("ctrl+n", "follow_up"),
                ("ctrl+n", "action_planning"),
                ("ctrl+b", "follow_up"),
                ("ctrl+b", "round"),
            ):
                await pilot.press(key)
                await until(pilot, lambda kind=kind: app.screen.engine.step.kind.value == kind)
        await pilot.press("tab", "tab", "ctrl+t", "ctrl+t")
        await until(pilot, lambda: shown(footer) == wanted(app.screen))
        assert len(rebuilt) <= 12, rebuilt  # once per step change at most, not several times
        # And it does follow its keys: a dialog's footer shows the dialog's.
        await pilot.press("f4")
        await until(pilot, lambda: isinstance(app.screen, TextDialog))
        dialog_footer = app.screen.query_one(KeyFooter)
        await until(pilot, lambda: shown(dialog_footer) == wanted(app.screen) != shown(footer))

    run(scenario, db=db, meeting_id=mid)


def test_a_resume_that_cannot_open_leaves_a_filled_start_screen(tmp_path):
    # The start screen waits to list the sets while a meeting opens on top of it; when the
    # meeting cannot open (another window has it), it must still fill in.
    from dialogtui.tui.dialogs.alerts import ErrorDialog
    from dialogtui.tui.screens.start import StartScreen

    db = tmp_path / "db"
    store = Store.open(db)
    holder = new_meeting(store, "samtidigt-traff-2", [("Ada", "skola")])  # holds the lock

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, ErrorDialog))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await until(pilot, lambda: "Framtidsdialog" in screen_text(app))

    run(scenario, db=db, meeting_id=holder.id)
    holder.close()
    store.close()


def test_a_meeting_that_is_not_there_leaves_a_filled_start_screen(tmp_path):
    # An error said in a notice, with nothing on top of the start screen: it fills in too.
    from dialogtui.tui.screens.start import StartScreen

    db = tmp_path / "db"
    Store.open(db).close()

    async def scenario(app, pilot):
        said = lambda: any("no meeting with id 7" in str(n.message) for n in app._notifications)  # noqa: E731
        await until(pilot, said)
        await until(pilot, lambda: "New meeting from a question set" in screen_text(app))
        assert isinstance(app.screen, StartScreen)

    run(scenario, db=db, meeting_id=7)


def test_a_round_over_organisations_in_the_ui(tmp_path):
    # Träff 3's timeline, organisation by organisation, 20 minutes each (review 3.8, F2).
    db = tmp_path / "db"
    clock = FakeClock(START)
    people = [("Anna", "skola"), ("Cia", "socialtjanst"), ("Bo", "skola"), ("Kim", None, "BUP")]
    mid = seeded_meeting(db, "samtidigt-traff-3", people, clock=clock)

    async def scenario(app, pilot):
        screen = app.screen
        engine = screen.engine
        await pilot.press("ctrl+n", "ctrl+n")
        await until(pilot, lambda: engine.step.id == "tidslinje")
        strip = lambda: text_of(screen.query_one("#speakers"))  # noqa: E731
        await until(pilot, lambda: "▶1:Skola  2:Socialtjänst  3:BUP" in strip())
        assert "Speaking: Skola (Anna) 00:00 / 20:00" in strip()
        assert screen.focused is screen.query_one(DraftArea)  # arriving: the text box
        await type_text(pilot, "Anmälan till elevhälsan")
        await pilot.press("enter")
        await until(pilot, lambda: "✓ saved" in strip())
        assert "▶1:Skola✓" in strip() and "Skola (Anna)" in strip()  # Skola keeps the floor
        await pilot.press("f6")  # Bo goes on for Skola
        await until(pilot, lambda: "3. Bo (Skola)" in screen_text(app))
        await pilot.press("3")
        await until(pilot, lambda: "Skola (Bo)" in strip())
        screen.run(lambda: clock.advance(minutes=21))
        await until(pilot, lambda: "21:00 / 20:00" in strip() and "TIME" in strip())
        await pilot.press("tab")
        await until(pilot, lambda: "Speaking: Socialtjänst (Cia) 00:00" in strip())
        assert "1:Skola✓  ▶2:Socialtjänst" in strip()

    run(scenario, db=db, meeting_id=mid, clock=clock)


def test_a_temamote_asks_the_theme_chosen_and_its_minutes_have_only_that(tmp_path, private_home):
    # Raseborg's temamöte: one of the source's two example themes (review T2, top defect 3).
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Ada", None), ("Bo", None)])

    async def scenario(app, pilot):
        screen = app.screen
        question = lambda: text_of(screen.query_one("#question"))  # noqa: E731
        await until(pilot, lambda: "Alternative 1 of 2 (alt+↓ another)" in question())
        assert "Vad behövs för att vi i samverkan" in question()
        await pilot.press("alt+down")
        await until(pilot, lambda: "Alternative 2 of 2" in question())
        assert "Hur kan avdelningen för social service" in question()
        for said in ("Samverkan mellan enheterna", "Chefens roll"):
            await type_text(pilot, said)
            await pilot.press("enter")
        strip = lambda: text_of(screen.query_one("#speakers"))  # noqa: E731
        await until(pilot, lambda: "round complete" in strip())
        assert "Alternative 2 of 2" in question()  # the other theme is not asked next
        await pilot.press("ctrl+n")
        await until(pilot, lambda: screen.engine.step_index == 1)
        await pilot.press("f3")
        await type_text(pilot, "Träff med enhetscheferna")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: bool(screen.engine.actions.all()))
        await end_and_export(app, pilot)

    run(scenario, db=db, meeting_id=mid)
    minutes = minutes_of(private_home, mid)
    assert "**Hur kan avdelningen för social service" in minutes
    assert "Vad behövs för att vi i samverkan" not in minutes
    assert "- **Bo:** Chefens roll" in minutes and "Träff med enhetscheferna" in minutes


def test_guidance_and_what_is_ours_are_in_the_notes_and_the_header(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", [("Ada", "skola")])
    pass_rule = "Guidance: I alla rundor är det helt ok att passa"

    async def scenario(app, pilot):
        screen = app.screen
        question = lambda: " ".join(text_of(screen.query_one("#question"), 120).split())  # noqa: E731
        await pilot.press("f9")
        await until(pilot, lambda: pass_rule in question())
        assert "Guidance: När pilotverkstaden träffas bör man sitta i hästsko" in question()
        await pilot.press("ctrl+n")  # the stakeholder map, a discussion: not a round
        await until(pilot, lambda: screen.engine.step_index == 1)
        assert "Guidance:" not in question()
        await pilot.press("ctrl+n")  # the resource round: the pass rule again, not the room
        await until(pilot, lambda: pass_rule in question())
        assert "hästsko" not in question()

    run(scenario, db=db, meeting_id=mid, size=(120, 40))

    goda = tmp_path / "goda"
    mid = seeded_meeting(goda, "goda-samtal-medborgarmote", [("Ada", "medborgare")])

    async def ours(app, pilot):
        screen = app.screen
        header = text_of(screen.query_one("#step-header"), 120)
        assert "(brief, ours (f9))" in header
        await pilot.press("f9")
        await until(
            pilot,
            lambda: "Not in the source: Minuterna" in text_of(screen.query_one("#question"), 120),
        )

    run(ours, db=goda, meeting_id=mid, size=(120, 40))


def test_groups_side_by_side_and_a_group_named_at_the_step(tmp_path):
    # Hva-planlegging's mulighetsanalyse in groups (review N10, F1): the scribe types each
    # group's output under it, and forms another group by typing its name in f6.
    db = tmp_path / "db"
    people = [("Kari", None), ("Ola", None), ("Siri", None)]
    mid = seeded_meeting(db, "hva-planlegging", people, step="mulighetsanalyse")

    async def scenario(app, pilot):
        screen = app.screen
        strip = lambda: text_of(screen.query_one("#speakers"))  # noqa: E731
        await until(pilot, lambda: "▶1:Gruppe 1  2:Gruppe 2" in strip())
        assert "(group work" in text_of(screen.query_one("#step-header"))
        await type_text(pilot, "Flere møteplasser")
        await pilot.press("enter")
        await until(pilot, lambda: "▶1:Gruppe 1✓" in strip())  # it keeps the floor
        assert "saved" in strip() and "Gruppe 1 " in strip().splitlines()[1]  # its whole name
        await pilot.press("f6")
        await until(pilot, lambda: "Which group?" in screen_text(app))
        burst(app, "Ungdom 2")  # at once, as a fast scribe types: its digit is in the name
        await pilot.press("enter")
        await until(pilot, lambda: "3:Ungdom 2" in strip() and "Output of Ungdom 2" in strip())
        await type_text(pilot, "Ungdomsråd")
        await pilot.press("enter")
        await until(pilot, lambda: "▶3:Ungdom 2✓" in strip())
        # Who is in the first group: written with its name, from f7.
        await pilot.press("f7")
        await until(pilot, lambda: "Group: Gruppe 1" in screen_text(app))
        await pilot.press("delete")  # a group is corrected, never deleted: nothing asked
        await pilot.press("enter")
        await until(pilot, lambda: "who is in it" in screen_text(app))
        await type_text(pilot, ": Kari, Ola")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Group: Gruppe 1: Kari, Ola" in screen_text(app))
        await pilot.press("escape")
        await until(pilot, lambda: "Kari, Ola" in strip())

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    assert [g.name for gs in store.groups(mid).values() for g in gs] == [
        "Gruppe 1: Kari, Ola",
        "Gruppe 2",
        "Ungdom 2",
    ]
    store.close()


def test_traff_4_without_consent_with_two_cases_end_to_end(tmp_path, private_home):
    # Set up without consent (the source allows it), the case map for one case, ctrl+r for
    # the second, then the end and the minutes with both cases (review 4.1, 4.8, 4.13, F7).
    db = tmp_path / "db"

    async def scenario(app, pilot):
        app.screen.query_one("#p-name").focus()
        await type_text(pilot, "Ada")
        await pilot.press("enter", "ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        screen = app.screen
        engine = screen.engine
        header = lambda: text_of(screen.query_one("#step-header"))  # noqa: E731
        await pilot.press("ctrl+n", "ctrl+n", "ctrl+n")  # past the inventory and its vote
        await until(pilot, lambda: engine.step.id == "casekarta")
        # The engine moves before the header is redrawn: wait on what the screen shows.
        await until(pilot, lambda: "Case 1" in header() and "ctrl+r: next case" in header())
        await type_text(pilot, "Pojke 12 år: skolan stöttar med mentor")
        await pilot.press("enter")
        await until(pilot, lambda: engine.turns.count() == 1)
        await pilot.press("ctrl+r")  # which case: no vote was taken, so no cards; no name
        await until(pilot, lambda: isinstance(app.screen, CaseDialog))
        await pilot.press("enter")
        await until(pilot, lambda: "Case 2" in header())
        assert engine.step.id == "casekarta"
        await type_text(pilot, "Flicka 9 år: socialtjänsten har kontakt")
        await pilot.press("enter")
        await until(pilot, lambda: len(engine.turns.in_step(engine.step_index)) == 2)
        await end_and_export(app, pilot)

    run(scenario, db=db, set_ref="samtidigt-traff-4", size=(80, 24))
    minutes = minutes_of(private_home, 1)
    assert minutes.index("### Case 1") < minutes.index("Pojke 12 år") < minutes.index("### Case 2")
    assert minutes.index("### Case 2") < minutes.index("Flicka 9 år")


def test_a_vote_step_takes_cards_and_dots_from_the_keyboard(tmp_path):
    db = tmp_path / "db"
    people = [("Ada", "skola"), ("Per", "socialtjanst")]
    mid = seeded_meeting(db, "samtidigt-traff-4", people, step="urval")

    async def scenario(app, pilot):
        screen = app.screen
        cards = lambda: screen_text(app)  # noqa: E731
        await until(pilot, lambda: "No cards yet: a adds one" in cards())
        assert screen.focused is screen.query_one(DraftArea)  # arriving: the text box
        await pilot.press("escape")  # the step is worked in its list
        assert screen.focused is screen.query_one("#cards")
        await pilot.press("tab")  # Ada presents her sheets: they are hers
        await until(pilot, lambda: "Speaking: Ada" in cards())
        for text in ("Pojke 12 år", "Flicka 9 år"):
            await pilot.press("a")
            await until(pilot, lambda: isinstance(app.screen, TextDialog))
            await type_text(pilot, text)
            await pilot.press("ctrl+s")
            await until(pilot, lambda t=text: t in cards())
        await pilot.press("down", "plus", "plus", "plus")  # three crosses for the girl
        await until(pilot, lambda: screen.engine.cards.all()[1].votes == 3)
        lines = [line for line in cards().splitlines() if "│" in line and " år" in line]
        assert "Flicka 9 år" in lines[0] and "3" in lines[0]  # ranked first
        await pilot.press("delete")
        await until(pilot, lambda: "Delete the card" in screen_text(app))
        await pilot.press("escape")  # not deleted
        assert len(screen.engine.cards.all()) == 2
        assert {c.by for c in screen.engine.cards.all()} == {"Ada"}

    run(scenario, db=db, meeting_id=mid)


def test_a_needs_step_puts_each_need_to_an_organisation_and_takes_its_answer(
    tmp_path, private_home
):
    # Träff 2's collaboration map at 80×24: Skola has the floor and says what it needs of
    # Socialtjänst; then Socialtjänst answers whether it can meet it (F6).
    db = tmp_path / "db"
    people = [("Ada", "skola"), ("Per", "socialtjanst")]
    mid = seeded_meeting(db, "samtidigt-traff-2", people, step="behov")

    async def scenario(app, pilot):
        screen = app.screen
        await until(pilot, lambda: "No needs yet: a writes one" in screen_text(app))
        await pilot.press("escape")  # from the text box to the needs
        assert screen.focused is screen.query_one("#needs")
        await pilot.press("a")
        await until(pilot, lambda: "A need" in screen_text(app))
        # The first letters and enter take the organisation; the need; ctrl+s (it is Skola's:
        # Skola has the floor).
        await type_text(pilot, "so")
        await pilot.press("enter")
        await type_text(pilot, "Snabb återkoppling")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Snabb återkoppling" in screen_text(app))
        card = screen.engine.cards.all()[0]
        assert (card.by, card.to) == ("Skola", "Socialtjänst")
        await pilot.press("a")  # said wrong: to itself; the form stays, with what was typed
        await until(pilot, lambda: "A need" in screen_text(app))
        said: list[str] = []
        notify = app.screen.notify
        app.screen.notify = lambda message, **kw: (said.append(message), notify(message, **kw))
        await type_text(pilot, "sk")
        await pilot.press("enter")
        await type_text(pilot, "Fel")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: said == ["a need is put to another actor, not to Skola itself"])
        assert "Fel" in screen_text(app)  # still in the form, to be put right
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is screen)
        await pilot.press("enter")  # the answer, when Socialtjänst's turn comes
        await until(pilot, lambda: "Socialtjänst answers Skola" in screen_text(app))
        await type_text(pilot, "Ja, inom en vecka")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Ja, inom en vecka" in screen_text(app))
        assert len(screen.engine.cards.all()) == 1
        await end_and_export(app, pilot)

    run(scenario, db=db, meeting_id=mid, size=(80, 24))
    minutes = minutes_of(private_home, mid)
    assert "| Socialtjänst | Skola | Snabb återkoppling | Ja, inom en vecka |" in minutes


def test_a_timeline_and_a_map_take_their_sheets_from_the_keyboard(tmp_path, private_home):
    # Träff 3's timeline at 80×24: Skola puts up two sheets, Socialtjänst one that goes
    # between them (F4); then Träff 2's map, its sheets laid with their number keys.
    db = tmp_path / "db"
    people = [("Ada", "skola"), ("Per", "socialtjanst")]
    mid = seeded_meeting(db, "samtidigt-traff-3", people, step="tidslinje")

    async def put_up(app, pilot, text: str, when: str) -> None:
        await pilot.press("a")
        await until(pilot, lambda: "A sheet on the timeline" in screen_text(app))
        await type_text(pilot, text)
        await pilot.press("enter")
        await type_text(pilot, when)
        await pilot.press("enter", "enter")  # whose: the organisation with the floor
        await until(pilot, lambda: text in screen_text(app) and "A sheet" not in screen_text(app))

    async def scenario(app, pilot):
        screen = app.screen
        await until(pilot, lambda: "No sheets yet: a writes one" in screen_text(app))
        await pilot.press("escape")  # from the text box to the sheets
        await put_up(app, pilot, "Elevhälsan", "ht 2023")
        await put_up(app, pilot, "Åtgärdsprogram", "vt 2024")
        await pilot.press("tab")  # Socialtjänst's turn
        await until(pilot, lambda: "Speaking: Socialtjänst" in screen_text(app))
        await put_up(app, pilot, "Orosanmälan", "dec 2023")
        await pilot.press("less_than_sign")  # between Skola's two
        await until(
            pilot,
            lambda: [c.text for c in board.line(screen.engine.cards.all())][1] == "Orosanmälan",
        )
        await end_and_export(app, pilot)

    run(scenario, db=db, meeting_id=mid, size=(80, 24))
    minutes = minutes_of(private_home, mid)
    assert "| 2 | dec 2023 | Socialtjänst | Orosanmälan |" in minutes
    assert "| 3 | vt 2024 | Skola | Åtgärdsprogram |" in minutes

    db2 = tmp_path / "db2"
    mid = seeded_meeting(db2, "samtidigt-traff-2", people, step="intressentkarta")

    async def the_map(app, pilot):
        screen = app.screen
        await until(pilot, lambda: "No sheets yet: a writes one as it is laid" in screen_text(app))
        await pilot.press("escape")  # from the text box to the sheets
        for text in ("Elevhälsan", "Polisen"):
            await pilot.press("a")
            await until(pilot, lambda: isinstance(app.screen, TextDialog))
            await type_text(pilot, text)
            await pilot.press("ctrl+s")
            await until(pilot, lambda t=text: t in screen_text(app))
        await pilot.press("3")  # the police: peripheral
        await until(pilot, lambda: "3. Perifer" in screen_text(app))
        assert [c.place for c in board.line(screen.engine.cards.all())] == ["", "Perifer"]

    run(the_map, db=db2, meeting_id=mid, size=(80, 24))


def test_the_approach_continuum_takes_its_point_from_a_digit(tmp_path):
    # The Danish approach between its two ends (D1.3, F11), at 80×24.
    db = tmp_path / "db"
    mid = seeded_meeting(db, "dialogredskab-1-rammer", [("Ada", None)], step="tilgang")

    async def scenario(app, pilot):
        screen = app.screen
        await until(pilot, lambda: "Offentlig tilgang  ○ ○ ○ ○ ○  Civilsamfund" in screen_text(app))
        assert "1–5: where you stand" in screen_text(app)
        await pilot.press("escape", "4", "9")  # 9: not a point of it, nothing happens
        await until(pilot, lambda: "Offentlig tilgang  ○ ○ ○ ● ○  Civilsamfund" in screen_text(app))
        assert [m.option_id for m in choice_kind.marks(screen.engine.kind_context())] == ["4"]

    run(scenario, db=db, meeting_id=mid, size=(80, 24))


def test_traff_6_three_reflecting_team_rounds_end_to_end(tmp_path, private_home):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-6", [("Ada", "skola"), ("Per", "socialtjanst")])

    async def scenario(app, pilot):
        screen = app.screen
        engine = screen.engine
        header = lambda: text_of(screen.query_one("#step-header"))  # noqa: E731
        await pilot.press("ctrl+g")
        await until(pilot, lambda: isinstance(app.screen, JumpDialog))
        await pilot.press("down", "down", "enter")
        await until(pilot, lambda: engine.step.id == "reflekterande-team")
        await pilot.press("f9")
        await until(
            pilot,
            lambda: "Method: the set reflekterande-team" in screen_text(app).replace("\n", " "),
        )
        for round_ in (1, 2, 3):
            await until(pilot, lambda r=round_: f"round {r} of 3–4" in header())
            await type_text(pilot, f"Teamet reflekterar, omgång {round_}")
            await pilot.press("enter")
            await until(pilot, lambda r=round_: engine.turns.count() == r)
            if round_ < 3:
                await pilot.press("ctrl+r")
        await end_and_export(app, pilot)

    run(scenario, db=db, meeting_id=mid, size=(80, 24))
    minutes = minutes_of(private_home, mid)
    assert minutes.index("### Omgång 2") < minutes.index("omgång 2") < minutes.index("### Omgång 3")


def test_traff_1_goal_area_groups_named_at_the_step_then_present(tmp_path, private_home):
    # Träff 1: OPERA points to its set; "Var och en väljer det område de brinner mest för":
    # the scribe names a group per goal area; the groups then present (review 1.6–1.9).
    db = tmp_path / "db"
    people = [("Ada", "skola"), ("Per", "socialtjanst"), ("Sten", "styrgrupp")]
    mid = seeded_meeting(db, "samtidigt-traff-1", people)

    async def scenario(app, pilot):
        screen = app.screen
        engine = screen.engine
        strip = lambda: text_of(screen.query_one("#speakers"))  # noqa: E731
        await pilot.press("ctrl+n", "ctrl+n")
        await until(pilot, lambda: engine.step.id == "opera")
        await pilot.press("f9")
        await until(pilot, lambda: "Method: the set opera" in screen_text(app))
        await pilot.press("f9", "ctrl+n")
        await until(pilot, lambda: "No groups yet: f6" in strip())
        for area in ("Närvaro", "Trygghet"):
            await pilot.press("f6")
            await until(pilot, lambda: "Which group?" in screen_text(app))
            burst(app, area, "<enter>")
            await until(pilot, lambda a=area: f"Output of {a}" in strip())
            await type_text(pilot, f"Mål och indikatorer för {area.lower()}")
            await pilot.press("enter")
            await until(pilot, lambda a=area: f"{a}✓" in strip())
        await pilot.press("ctrl+n")
        await until(pilot, lambda: engine.step.id == "dragning")
        assert "▶1:Närvaro  2:Trygghet" in strip()  # the same groups, one at a time
        await type_text(pilot, "Närvaron ska öka till 95 %")
        await pilot.press("enter")
        await end_and_export(app, pilot)

    run(scenario, db=db, meeting_id=mid, size=(80, 24))
    minutes = minutes_of(private_home, mid)
    assert "***Trygghet***\n\n- Mål och indikatorer för trygghet" in minutes
    assert "***Närvaro***\n\n- Närvaron ska öka till 95 %" in minutes  # its presentation


def test_setup_says_what_the_organisation_is_for_where_rounds_go_by_it(tmp_path):
    async def scenario(app, pilot):
        assert "whom they speak for in rounds by organisation" in screen_text(app)

    run(scenario, db=tmp_path / "db", set_ref="samtidigt-traff-3")

    async def none(app, pilot):
        assert "rounds by organisation" not in screen_text(app)

    run(none, db=tmp_path / "db2", set_ref="raseborg-klientmote")


def test_a_cases_consent_is_recorded_from_the_notes_list(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", [("Ada", "skola")], step="casekarta")

    async def scenario(app, pilot):
        screen = app.screen
        question = lambda: text_of(screen.query_one("#question"))  # noqa: E731
        await until(pilot, lambda: "Case 1: its consent is not recorded (f7)" in question())
        await pilot.press("f7")
        await until(pilot, lambda: "Consent, Case 1 (not recorded)" in screen_text(app))
        await pilot.press("down")  # past the meeting's own consent row
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, TextDialog))
        await type_text(pilot, "Muntligt, båda vårdnadshavarna")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Consent, Case 1 (given: Muntligt" in screen_text(app))
        await pilot.press("escape")
        await until(pilot, lambda: "its consent is not recorded" not in question())

    run(scenario, db=db, meeting_id=mid, size=(100, 30))
    store = Store.open(db)
    assert store.case_consents(mid) == {1: "Muntligt, båda vårdnadshavarna"}
    store.close()


def test_a_step_without_question_or_text_shows_no_blank_first_row(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", [("Ada", "skola")], step="urval")

    async def scenario(app, pilot):
        panel = text_of(app.screen.query_one("#question"))
        assert panel.startswith("Optional (ctrl+k skips it): Om ett urval")

    run(scenario, db=db, meeting_id=mid)


def test_end_screen_family_copy_and_a_chosen_organisations_journal_note(tmp_path, private_home):
    from dialogtui.tui.dialogs.pick import PickDialog

    db = tmp_path / "db"
    people = [("Anna", "familj"), ("Sara", "myndighet", "Skolan"), ("Kim", "myndighet", "BUP")]
    store = Store.open(db)
    m = new_meeting(store, "raseborg-klientmote", people, clock=FakeClock(START))
    m.start()
    m.submit("Anna säger sitt.")  # the family's round: Anna only
    m.next_step()
    for p in m.participants[1:]:
        m.set_speaker(p.id)
        m.submit(f"{p.name} från {p.organisation} säger sitt.")
    m.actions.add(ActionItem("Ringa skolan", who="Anna", when=dt.date(2026, 2, 1)))  # dated
    m.close()
    store.close()

    async def scenario(app, pilot):
        end = await opened(pilot, "ctrl+o", EndScreen)
        await pilot.press("f")  # the family's copy: a PDF and the dates (the screen's own key)
        await until(pilot, lambda: "Written:" in text_of(end.query_one("#export-status")))
        assert kinds(app.screen.exported) == [
            "minutes.pdf",
            "action-plan.pdf",
            "calendar.ics",
        ]
        assert app.screen.exported[0].parent.name == f"möte-{m.id}-familjen"
        await pilot.press("j")  # two organisations present: which one's journal
        await until(pilot, lambda: isinstance(app.screen, PickDialog))
        await pilot.press("down", "enter")
        await until(pilot, lambda: app.screen is end)
        await until(pilot, lambda: "clipboard" in text_of(end.query_one("#export-status")))
        names = kinds(app.screen.exported)
        assert names == ["journal-note.txt", "minutes.docx", "action-plan.docx"]
        note = app.screen.exported[0].read_text(encoding="utf-8")
        assert "Kim från BUP säger sitt." in note and "Anna säger sitt." in note
        assert "Sara från Skolan" not in note  # the other organisation's statement
        assert app.clipboard == note  # ready to paste into the journal
        status = text_of(app.screen.query_one("#export-status"), width=200)
        assert "clipboard" in status

    run(scenario, db=db, meeting_id=m.id)


@pytest.mark.parametrize("key", ["enter", "down", "escape", "ctrl+f"])
def test_a_key_read_before_the_first_screen_opens_does_not_stop_the_app(tmp_path, monkeypatch, key):
    # The meeting opens just after the app's start, over a start screen still hidden (not
    # built): a key that reached that screen first ran its list's keys on widgets it does
    # not have yet, and stopped the app.
    from textual import events

    from dialogtui.tui.app import DialogApp
    from dialogtui.tui.screens.capture import CaptureScreen

    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Ada", None), ("Bo", None)])
    opened = DialogApp.on_mount

    def key_first(self):
        event = events.Key(key, None)
        event.set_sender(self)
        self.post_message(event)  # as a key the terminal sent during the start
        opened(self)

    monkeypatch.setattr(DialogApp, "on_mount", key_first)

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))

    app = run(scenario, db=db, meeting_id=mid)
    assert app.return_code in (None, 0)
