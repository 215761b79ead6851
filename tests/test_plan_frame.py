"""The plan as a coordinated plan needs it (issue 15, Deliver 2): its goal in the person's
own words and the professionals', its owner, the follow-up meeting and who calls it —
written at the plan's step, kept, and in the minutes and the action plan."""

from __future__ import annotations

import datetime as dt

from meeting_helpers import new_meeting
from tui_helpers import burst, run, screen_text, until

from dialogtui.export.markdown import render_action_plan, render_minutes
from dialogtui.export.record import load_record
from dialogtui.records import PlanFrame
from dialogtui.store import Store
from dialogtui.tui.dialogs.base import FieldsDialog


def test_the_plans_frame_is_kept_and_written_before_its_actions(tmp_path):
    store = Store.open(tmp_path / "db")
    m = new_meeting(
        store, "raseborg-klientmote", [("Anna Lind", "familj"), ("Sara Berg", "myndighet")]
    )
    assert m.actions.plan().empty
    assert "Huvudansvarig" not in render_action_plan(load_record(store, m.id))  # as before
    m.actions.save_plan(
        PlanFrame(
            " Att Erik trivs i skolan ",
            "Regelbunden skolgång",
            "Sara Berg",
            dt.date(2026, 3, 2),
            "Sara Berg",
            "BUP: bedömning före påsk",
        )
    )
    m.close()
    store.close()
    store = Store.open(tmp_path / "db")  # read again from the file
    record = load_record(store, m.id)
    plan = render_action_plan(record)
    minutes = render_minutes(record)
    pseudonymised = render_action_plan(record, pseudonymise=True)
    store.close()
    frame = [
        "- **Mål, med egna ord:** Att Erik trivs i skolan",
        "- **Mål, som de professionella uttrycker det:** Regelbunden skolgång",
        "- **Huvudansvarig för planen (övergripande ansvar):** Sara Berg",
        "- **Uppföljningsmöte:** 2 mars 2026, kallas av Sara Berg",
        "- **Insatser av aktörer utanför mötet:** BUP: bedömning före påsk",
    ]
    assert "\n".join(frame) in plan and "\n".join(frame) in minutes
    assert plan.index("Uppföljningsmöte") < plan.index("| Vad |") if "| Vad |" in plan else True
    assert "Sara" not in pseudonymised


def test_p_in_the_plan_writes_its_goal_owner_and_follow_up(tmp_path):
    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "raseborg-temamote", [("Anna", None), ("Sara", None)])
    m.goto_step(len(m.qs.steps) - 1)  # the action plan
    m.close()
    store.close()

    async def scenario(app, pilot):
        await until(pilot, lambda: "p: goal, owner, follow-up" in screen_text(app))
        # As typed: escape to the plan, then each enter to the next field, a name completes.
        burst(app, "<escape>", "p", "Fler träffar", "<enter>", "Samverkan", "<enter>", "Sa")
        burst(app, "<enter>")
        burst(app, "2026-13-01", "<ctrl+s>")  # no such month: refused, the form stays
        field = "#f-follow_up_on"
        await until(pilot, lambda: ": write the date as 2027-01-15" in screen_text(app))
        assert isinstance(app.screen, FieldsDialog)
        assert app.screen.query_one("#f-goal_own").value == "Fler träffar"
        app.screen.query_one(field).value = "2026-04-01"
        app.screen.query_one("#f-by_others").value = "Psykiatrin: läkarbedömning"
        burst(app, "<ctrl+s>")
        await until(pilot, lambda: "p: goal, owner, follow-up" in screen_text(app))

    run(scenario, db=db, meeting_id=m.id)
    store = Store.open(db)
    assert store.plan(m.id) == PlanFrame(
        "Fler träffar", "Samverkan", "Sara", dt.date(2026, 4, 1), "", "Psykiatrin: läkarbedömning"
    )
    store.close()


def test_the_plans_form_is_kept_every_second_and_reopened(tmp_path):
    from dialogtui.tui.screens.capture import CaptureScreen, Tick

    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.goto_step(len(m.qs.steps) - 1)  # the action plan
    m.close()
    store.close()

    async def first(app, pilot):
        capture = app.screen
        await until(pilot, lambda: "p: goal, owner, follow-up" in screen_text(app))
        burst(app, "<escape>", "p", "Eget mål")  # escape: to the plan, whose p it is
        await until(pilot, lambda: isinstance(app.screen, FieldsDialog))
        # The form shows before its fields are mounted: look for the field, not at it.
        goal = lambda: [f.value for f in app.screen.query("#f-goal_own")]  # noqa: E731
        await until(pilot, lambda: goal() == ["Eget mål"])
        capture.post_message(Tick())  # what the clock does every second
        kept = Store.open(db)
        await until(pilot, lambda: "Eget mål" in str(kept.kept_texts(m.id)))
        kept.close()
        app.exit()  # not through quit: as if the process died after the last tick

    run(first, db=db, meeting_id=m.id)

    async def second(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, FieldsDialog))
        # The form shows before its fields are mounted: look for the field, not at it.
        goal = lambda: [f.value for f in app.screen.query("#f-goal_own")]  # noqa: E731
        await until(pilot, lambda: goal() == ["Eget mål"])
        burst(app, "<ctrl+s>")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))

    run(second, db=db, meeting_id=m.id)
    store = Store.open(db)
    assert store.plan(m.id).goal_own == "Eget mål"
    store.close()
