"""Each thing the README promises, tried the way its user would (the code review's list of
README behaviours without a test)."""

from __future__ import annotations

import re

import pytest
from exported import named
from meeting_helpers import new_meeting
from tui_helpers import PEOPLE_THREE, START, run, screen_text, seeded_meeting, type_text, until

from dialogtui.records import ActionItem, ActionStatus
from dialogtui.store import Store
from dialogtui.tui.dialogs.actions import ActionDialog
from dialogtui.tui.dialogs.base import TextDialog
from dialogtui.tui.screens.capture import CaptureScreen
from dialogtui.tui.widgets.draft import DraftArea


def test_next_and_previous_question_alt_down_and_up(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-myndighetsmote", [("Anna", None)])

    async def scenario(app, pilot):
        e = app.screen.engine
        assert e.pos.question == 0 and "Q1/3" in screen_text(app)
        await pilot.press("alt+down")
        assert e.pos.question == 1
        await until(pilot, lambda: "Q2/3" in screen_text(app))  # drawn in its own time
        await type_text(pilot, "svar")
        await pilot.press("enter")  # through the text box to the screen: waited on
        await until(pilot, lambda: e.pos.question == 2)  # Anna's next question: she answers all
        await pilot.press("alt+up")
        assert e.pos.question == 1

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    assert [(t.question, t.text) for t in store.turns(mid)] == [(1, "svar")]
    store.close()


def test_repeat_block_ctrl_r_and_its_rounds_in_the_minutes(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-6", PEOPLE_THREE, consent_given=True)

    async def scenario(app, pilot):
        e = app.screen.engine
        await pilot.press("ctrl+g")
        index = next(i for i, s in enumerate(e.qs.steps) if s.repeat)
        for _ in range(index):
            await pilot.press("down")
        await pilot.press("enter")
        await until(pilot, lambda: e.step.repeat is not None)
        await type_text(pilot, "första")
        await pilot.press("enter")
        await pilot.press("ctrl+r")
        assert e.pos.repetition == 2
        await until(pilot, lambda: "round 2 of 3–4" in screen_text(app))
        await type_text(pilot, "andra")
        await pilot.press("enter")
        for _ in range(5):  # no more than the set's maximum
            await pilot.press("ctrl+r")
        assert e.pos.repetition == 4

    run(scenario, db=db, meeting_id=mid, size=(120, 40))
    from dialogtui.export.markdown import render_minutes
    from dialogtui.export.record import load_record

    store = Store.open(db)
    minutes = render_minutes(load_record(store, mid))
    store.close()
    assert "### Omgång 1" in minutes and "### Omgång 2" in minutes
    assert minutes.index("första") < minutes.index("### Omgång 2") < minutes.index("andra")


def test_notes_f9_shows_and_hides_the_facilitators_notes(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", [("Anna", None)])
    note = "I alla rundor är det helt ok att passa"

    async def scenario(app, pilot):
        assert note not in screen_text(app) and "f9: notes" in screen_text(app)
        # What the screen shows is laid out in its own time, after the key: waited on.
        await pilot.press("f9")
        await until(pilot, lambda: note in screen_text(app))
        await pilot.press("f9")
        await until(pilot, lambda: note not in screen_text(app))

    run(scenario, db=db, meeting_id=mid, size=(120, 40))


def test_p_on_the_end_screen_writes_pseudonymised_minutes_apart(tmp_path, private_home):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Zlatan Hemlig", None)])

    async def scenario(app, pilot):
        await type_text(pilot, "Zlatans idé")
        await pilot.press("enter", "ctrl+o")
        await until(pilot, lambda: "Time per step" in screen_text(app))
        await pilot.press("p")
        await until(pilot, lambda: "Written" in screen_text(app))

    run(scenario, db=db, meeting_id=mid)
    folder = private_home / "exports" / f"möte-{mid}-pseudonymiserat"
    text = named(folder, "minutes.md").read_text() + named(folder, "action-plan.md").read_text()
    assert "Deltagare" in text and not re.search("Zlatan|Hemlig", text)


@pytest.mark.parametrize(
    ("key", "status"), [("c", ActionStatus.continued), ("x", ActionStatus.dropped)]
)
def test_follow_up_c_continues_and_x_drops(tmp_path, key, status):
    db = tmp_path / "db"
    store = Store.open(db)
    first = new_meeting(store, "samtidigt-traff-5", PEOPLE_THREE, consent_given=True)
    old = first.actions.add(ActionItem("Kartlägga frånvaro", who="Lena"))
    first.close()
    second = new_meeting(
        store, "samtidigt-traff-5", PEOPLE_THREE, consent_given=True, previous_id=first.id
    )
    second.goto_step(1)
    second.close()
    store.close()

    async def scenario(app, pilot):
        await pilot.press("escape", key)  # escape: from the text box to the list
        await until(pilot, lambda: isinstance(app.screen, TextDialog))
        await type_text(pilot, "Mer tid")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))

    run(scenario, db=db, meeting_id=second.id)
    store = Store.open(db)
    [fu] = store.follow_ups(second.id)
    assert (fu.action_id, fu.status, fu.comment) == (old.id, status, "Mer tid")
    assert [a.status for a in store.actions(first.id)] == [status]
    store.close()


def test_the_action_tables_a_adds_an_action(tmp_path):
    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.goto_step(len(m.qs.steps) - 1)  # the action plan
    m.close()
    store.close()

    async def scenario(app, pilot):
        assert app.screen.focused is app.screen.query_one("#draft")  # arriving: the text box
        await pilot.press("escape", "a")  # to the plan, and a new action
        await until(pilot, lambda: isinstance(app.screen, ActionDialog))
        await type_text(pilot, "Boka lokal")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "✓ saved action item" in screen_text(app))
        # The table fits its columns to what they hold, not to their headings (newcomer 5).
        await until(pilot, lambda: "Boka lokal" in screen_text(app))

    run(scenario, db=db, meeting_id=m.id)
    store = Store.open(db)
    assert [a.what for a in store.actions(m.id)] == ["Boka lokal"]
    store.close()


def test_resume_from_the_start_screen(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Anna", None)], title="Mötet i mars")
    store = Store.open(db)
    store.save_draft(mid, "där vi slutade", START)
    store.close()

    async def scenario(app, pilot):
        await until(pilot, lambda: "Mötet i mars" in screen_text(app))
        await pilot.press("enter")  # the first entry: the meeting to resume
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        await until(pilot, lambda: app.screen.query_one(DraftArea).text == "där vi slutade")

    run(scenario, db=db)


def test_resume_by_id_on_the_command_line(cli, monkeypatch):
    store = Store.open()
    first = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    new_meeting(store, "raseborg-temamote", [("Bo", None)])
    first.close()
    store.close()
    launched = {}
    monkeypatch.setattr("dialogtui.tui.launch.launch", lambda **kw: launched.update(kw))
    assert cli("resume", str(first.id)).code == 0
    assert launched == {"meeting_id": first.id}
    assert cli("resume").code == 0 and launched == {"meeting_id": 2}  # the latest open one
    result = cli("resume", "7")
    assert result.code == 1 and "no meeting with id 7" in result.err


COMMANDS = ["run", "resume", "sets", "show", "validate", "schema", "new", "meetings",
            "export", "actions", "forget"]  # fmt: skip


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_help_works_on_every_command(cli, command):
    result = cli(*([command] if command else []), "--help")
    assert result.code == 0 and "Usage:" in result.out
    if command is None:
        for name in COMMANDS:
            assert name in result.out


def test_dialogtui_debug_shows_the_traceback_of_a_bug(cli, monkeypatch):
    def bug():
        raise RuntimeError("a bug")

    monkeypatch.setattr("dialogtui.questionset.library.scan", bug)
    result = cli("sets")
    assert result.code == 70 and "internal error (RuntimeError: a bug)" in result.err
    assert "Traceback" not in result.err and len(result.err.strip().splitlines()) <= 2
    monkeypatch.setenv("DIALOGTUI_DEBUG", "1")
    with pytest.raises(RuntimeError, match="a bug"):
        cli("sets")


def test_the_set_up_screen_checks_the_date(tmp_path):
    async def scenario(app, pilot):
        app.screen.query_one("#date").value = "15.1.2026"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert type(app.screen).__name__ == "SetupScreen"
        assert app.screen.focused is app.screen.query_one("#date")
        app.screen.query_one("#date").value = "2026-01-15"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))

    run(scenario, db=tmp_path / "db", set_ref="raseborg-temamote")
    store = Store.open(tmp_path / "db")
    assert store.meeting_info(1).date.isoformat() == "2026-01-15"
    store.close()


def test_help_in_a_dialog_lists_its_keys_inherited_ones_too(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "raseborg-temamote", [("Anna", None)])

    async def scenario(app, pilot):
        await pilot.press("f3")
        await until(pilot, lambda: isinstance(app.screen, ActionDialog))
        await pilot.press("f1")
        await until(pilot, lambda: "This screen" in screen_text(app))
        shown = screen_text(app)
        assert "Cancel" in shown and "Save" in shown  # escape and ctrl+s of every form

    run(scenario, db=db, meeting_id=mid, size=(120, 40))


def test_a_long_step_title_never_hides_the_clock_at_80_columns(tmp_path):
    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "samtidigt-traff-6", PEOPLE_THREE, consent_given=True)
    m.goto_step(next(i for i, s in enumerate(m.qs.steps) if s.repeat))  # the longest header
    m.close()
    store.close()

    async def scenario(app, pilot):
        header = screen_text(app).splitlines()[:2]
        assert header[0].startswith(" Step 3/") and "…" in header[0]
        assert header[1].lstrip().startswith("Time ")

    run(scenario, db=db, meeting_id=m.id, size=(80, 24))


def test_the_language_for_one_run_opens_the_app_in_it(cli, monkeypatch):
    # "dialogtui opens the app; --lang da overrides the language for one run": with only the
    # language given, the app opens in it (it was "Error: Missing command").
    from dialogtui import i18n

    spoken = []
    monkeypatch.setattr("dialogtui.tui.launch.launch", lambda **kw: spoken.append(i18n.current()))
    assert cli("--lang", "da").code == 0 and cli("--lang=sv").code == 0
    assert spoken == ["da", "sv"]
    assert cli("--lang", "da", "nosuchcommand").code == 2  # a command still goes to the CLI
