"""The plan over time (issue 32, item 3; newcomer review N18): every action of a series with
its history, from the store, on the command line, in the app and as a document for each
recipient."""

from __future__ import annotations

import datetime as dt

from conftest import SETS
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule
from meeting_helpers import new_meeting
from tui_helpers import START, run, screen_text, until
from typer.testing import CliRunner

from dialogtui.cli import app as cli_app
from dialogtui.errors import DialogtuiError
from dialogtui.export.markdown import render
from dialogtui.export.series import export_series, series_document
from dialogtui.questionset.kinds import StepKind
from dialogtui.records import ActionItem, ActionStatus, FollowUp, MeetingInfo
from dialogtui.store import Store
from dialogtui.tui.screens.plan_history import PlanHistoryScreen

PEOPLE = [("Anna Lind", "familj"), ("Sara Holm", "myndighet")]
DAYS = [dt.date(2026, 12, 5), dt.date(2026, 12, 12), dt.date(2026, 12, 19)]


def series_of_three(store: Store) -> list[int]:
    """Three client meetings a week apart: "Ringa skolan" agreed in 1, continued in 2 with
    a comment, done in 3; "Boka läkartid" agreed in 1, dropped in 2; "Söka stöd" agreed in 2."""
    ids: list[int] = []
    agreed: dict[str, int] = {}
    for n, day in enumerate(DAYS):
        m = new_meeting(
            store,
            "raseborg-klientmote",
            PEOPLE,
            title="Familjen Lind",
            date=day,
            previous_id=ids[-1] if ids else None,
        )
        m.start()
        m.goto_step(m.qs.first_step_of(StepKind.follow_up))
        if n == 1:
            m.actions.follow_up(agreed["call"], ActionStatus.continued, "kontakt tagen")
            m.actions.follow_up(agreed["book"], ActionStatus.dropped)
        if n == 2:
            m.actions.follow_up(agreed["call"], ActionStatus.done)
        m.goto_step(m.qs.first_step_of(StepKind.action_planning))
        if n == 0:
            call = ActionItem("Ringa skolan", who="Sara Holm", when=dt.date(2026, 12, 10))
            agreed["call"] = m.actions.add(call).id
            agreed["book"] = m.actions.add(ActionItem("Boka läkartid", who="Anna Lind")).id
        if n == 1:
            m.actions.add(ActionItem("Söka stöd", who="Anna Lind"))
        m.finish()
        ids.append(m.id)
        m.close()
    return ids


def test_the_series_plan_holds_each_actions_history_in_meeting_order(tmp_path):
    store = Store.open(tmp_path / "db")
    ids = series_of_three(store)
    for asked in ids:  # the same plan from any meeting of the series
        plan = store.series_plan(asked)
        assert [m.id for m in plan.meetings] == ids
        assert [m.number for m in plan.meetings] == [1, 2, 3]
        assert [m.date for m in plan.meetings] == DAYS
        stories = {
            h.action.what: (
                h.action.meeting_id,
                [(f.meeting_id, f.status, f.comment) for f in h.follow_ups],
                h.action.status,
            )
            for h in plan.actions
        }
        assert stories == {
            "Ringa skolan": (
                ids[0],
                [
                    (ids[1], ActionStatus.continued, "kontakt tagen"),
                    (ids[2], ActionStatus.done, ""),
                ],
                ActionStatus.done,
            ),
            "Boka läkartid": (ids[0], [(ids[1], ActionStatus.dropped, "")], ActionStatus.dropped),
            "Söka stöd": (ids[1], [], ActionStatus.open),
        }
    store.close()


def test_a_meeting_of_no_series_is_a_plan_of_one_meeting(tmp_path):
    store = Store.open(tmp_path / "db")
    series_of_three(store)
    m = new_meeting(store, "raseborg-klientmote", PEOPLE, title="Familjen Berg")
    m.start()
    m.actions.add(ActionItem("Ringa BUP"))
    plan = store.series_plan(m.id)
    assert [x.id for x in plan.meetings] == [m.id] and plan.series is None
    assert [h.action.what for h in plan.actions] == ["Ringa BUP"]
    m.close()
    store.close()


# -- the rule over generated series -------------------------------------------------------

SET_TOML = (SETS / "raseborg-klientmote.toml").read_text(encoding="utf-8")
NOW = dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC)


class SeriesWalk(RuleBasedStateMachine):
    """Meetings that follow one another up, actions agreed, earlier actions followed up
    (again, in the same meeting, as the scribe corrects a status): the plan's history of
    every action is what the follow-ups say, in meeting order, and its status the last."""

    def __init__(self):
        super().__init__()
        import tempfile
        from pathlib import Path

        self.dir = tempfile.TemporaryDirectory()
        self.store = Store.open(Path(self.dir.name) / "db")
        self.meetings: list[int] = []
        # The model: each action's meeting, and its follow-ups by meeting, in order.
        self.agreed: dict[int, int] = {}
        self.said: dict[int, dict[int, tuple[ActionStatus, str]]] = {}

    def teardown(self):
        self.store.close()
        self.dir.cleanup()

    @rule()
    def new_meeting(self):
        previous = self.meetings[-1] if self.meetings else None
        series = None
        if previous is not None:  # as the engine does: following up makes a series
            series = self.store.meeting_info(previous).series or f"series-{previous}"
            self.store.set_series(previous, series)
        info = MeetingInfo(
            "raseborg-klientmote",
            "Möte",
            dt.date(2026, 12, 5) + dt.timedelta(days=7 * len(self.meetings)),
            series=series,
            previous_id=previous,
        )
        self.meetings.append(self.store.create_meeting(info, SET_TOML, "sv", NOW))

    @precondition(lambda self: self.meetings)
    @rule(what=st.text(min_size=1, max_size=5))
    def agree(self, what):
        m = self.meetings[-1]
        series = self.store.meeting_info(m).series
        item = self.store.add_action(m, ActionItem(what), series, NOW)
        self.agreed[item.id] = m
        self.said[item.id] = {}

    @precondition(lambda self: self.meetings)
    @rule(
        pick=st.integers(0, 20),
        status=st.sampled_from([s for s in ActionStatus if s is not ActionStatus.open]),
        comment=st.sampled_from(["", "kontakt tagen", "ny tid"]),
    )
    def follow_up(self, pick, status, comment):
        m = self.meetings[-1]
        carried = self.store.carried_actions(m)
        if not carried:
            return
        a = carried[pick % len(carried)]
        self.store.follow_up(m, FollowUp(a.id, status, comment), NOW)
        self.said[a.id][m] = (status, comment)  # a second one in a meeting replaces it

    @invariant()
    def the_history_is_what_the_follow_ups_say(self):
        if not self.meetings:
            return
        plan = self.store.series_plan(self.meetings[-1])
        assert [m.id for m in plan.meetings] == self.meetings
        assert {h.action.id: h.action.meeting_id for h in plan.actions} == self.agreed
        order = {m: n for n, m in enumerate(self.meetings)}
        for h in plan.actions:
            assert h.action.id is not None
            said = self.said[h.action.id]
            expected = [(m, *said[m]) for m in sorted(said, key=order.__getitem__)]
            assert [(f.meeting_id, f.status, f.comment) for f in h.follow_ups] == expected
            # Follow-ups only in later meetings, and the status now is the last one's.
            assert all(order[f.meeting_id] > order[h.action.meeting_id] for f in h.follow_ups)
            now = expected[-1][1] if expected else ActionStatus.open
            assert h.action.status is now
            # And each meeting's own follow-ups say the same.
        for m in self.meetings:
            theirs = {(f.action_id, f.status, f.comment) for f in self.store.follow_ups(m)}
            mine = {(a, *s[m]) for a, s in self.said.items() if m in s}
            assert theirs == mine


SeriesWalk.TestCase.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
test_the_history_of_every_action_is_what_its_follow_ups_say = SeriesWalk.TestCase


# -- the document, for each recipient ------------------------------------------------------


def test_the_document_tells_each_actions_story_in_the_meetings_language(tmp_path):
    store = Store.open(tmp_path / "db")
    ids = series_of_three(store)
    doc, _ = series_document(store, ids[2])
    text = render(doc)
    assert text.startswith("# Handlingsplan över tid: Familjen Lind")
    assert "| 2 | 12 dec. 2026 | Familjen Lind |" in text
    call = text[text.index("**Ringa skolan**") : text.index("**Boka läkartid**")]
    assert "fortsätter 12 dec. 2026 (möte 2): kontakt tagen" in call
    assert "genomförd 19 dec. 2026 (möte 3)" in call
    assert "överenskommen 5 dec. 2026 (möte 1)" in call
    assert "struken 12 dec. 2026 (möte 2)" in text
    assert "överenskommen 12 dec. 2026 (möte 2)" in text  # "Söka stöd", agreed in 2
    store.close()


def test_the_familys_copy_holds_the_plan_as_the_minutes_plan_does_and_no_names_hidden(
    tmp_path,
):
    # The plan and what became of it are the whole meeting's, in every copy (the minutes'
    # rule); a pseudonymised copy names nobody, the title neither.
    store = Store.open(tmp_path / "db")
    ids = series_of_three(store)
    everyone = render(series_document(store, ids[2])[0])
    family = render(series_document(store, ids[2], to="family")[0])
    assert family == everyone
    hidden = render(series_document(store, ids[1], pseudonymise=True, to="family")[0])
    for name in ("Anna", "Sara", "Lind", "Holm"):
        assert name not in hidden
    assert "kontakt tagen" in hidden and "Ringa skolan" in hidden
    store.close()


def test_one_cases_copy_holds_that_cases_actions_alone(tmp_path):
    store = Store.open(tmp_path / "db")
    people = [("Anna Lind", None), ("Sara Holm", None)]
    m = new_meeting(store, "samtidigt-traff-4", people, title="Träff 4")
    m.start()
    block = m.qs.blocks[0]
    first = m.qs.index_of(block.steps[0])
    plan_step = next(
        i for i in range(first, len(m.qs.steps)) if m.qs.steps[i].kind is StepKind.action_planning
    )
    m.goto_step(plan_step)
    m.actions.add(ActionItem("Första barnets åtgärd"))
    m.goto_step(first)
    m.repeat_block()
    m.goto_step(plan_step)
    m.actions.add(ActionItem("Andra barnets åtgärd"))
    whole = render(series_document(store, m.id)[0])
    assert "Första barnets åtgärd" in whole and "Andra barnets åtgärd" in whole
    one = render(series_document(store, m.id, case="2")[0])
    assert "Andra barnets åtgärd" in one and "Första barnets åtgärd" not in one
    m.close()
    store.close()


def test_each_format_is_written_privately_for_the_recipient(tmp_path):
    store = Store.open(tmp_path / "db")
    ids = series_of_three(store)
    out = tmp_path / "out"
    exported = export_series(store, ids[2], out, formats=("md", "docx", "pdf", "txt"), to="family")
    assert not exported.failed
    names = sorted(p.name for p in exported.paths)
    assert names == [
        f"2026-12-19 Familjen Lind – handlingsplan över tid (familjen).{ext}"
        for ext in ("docx", "md", "pdf", "txt")
    ]
    assert (out.stat().st_mode & 0o077) == 0
    assert "kontakt tagen" in (out / names[3]).read_text(encoding="utf-8")
    store.close()


# -- the command line ----------------------------------------------------------------------


def test_actions_series_tells_each_story_and_writes_the_document(tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOGTUI_HOME", str(tmp_path))
    store = Store.open(tmp_path / "dialogtui.sqlite3")
    ids = series_of_three(store)
    store.close()
    runner = CliRunner()
    said = runner.invoke(cli_app, ["--lang", "en", "actions", "--series", str(ids[1])])
    assert said.exit_code == 0, said.output
    lines = said.output.splitlines()
    assert lines[0].split() == ["#", "date", "meeting", "set", "status"]
    assert "1  Dec 5, 2026" in said.output and "3: Familjen Lind" in said.output
    story = (
        "agreed Dec 5, 2026 (1) → continued Dec 12, 2026 (2): “kontakt tagen”"
        " → done Dec 19, 2026 (3)"
    )
    assert f"Ringa skolan (Sara Holm, Dec 10, 2026)\n  {story}" in said.output
    assert "agreed Dec 12, 2026 (2) → now open" in said.output
    wrote = runner.invoke(
        cli_app, ["actions", "--series", str(ids[0]), "--for", "family", "--format", "txt"]
    )
    assert wrote.exit_code == 0, wrote.output
    assert "handlingsplan över tid (familjen).txt" in wrote.output
    # A wrong call is a clear sentence (the entry point prints it), never a traceback.
    for args, said_ in [
        (["--series", str(ids[0]), "--format", "ics"], "md, docx, pdf, txt"),
        (["--series", "99"], "no meeting with id 99"),
        (["--format", "md"], "go with --series"),
    ]:
        bad = runner.invoke(cli_app, ["actions", *args])
        assert isinstance(bad.exception, DialogtuiError) and said_ in str(bad.exception), args


# -- the app -------------------------------------------------------------------------------


def seeded(db) -> list[int]:
    store = Store.open(db)
    ids = series_of_three(store)
    store.close()
    return ids


def test_the_view_lists_the_meetings_and_each_story_and_exports(tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOGTUI_HOME", str(tmp_path))
    db = tmp_path / "db"
    ids = seeded(db)

    async def scenario(app, pilot):
        await app.push_screen(PlanHistoryScreen(db, ids[1]))
        await until(pilot, lambda: "Ringa skolan" in screen_text(app))
        text = screen_text(app)
        assert "kontakt tagen" in text and "Söka stöd" in text
        screen = app.screen
        await pilot.press("f")
        await until(pilot, lambda: screen.exported)
        assert [p.suffix for p in screen.exported] == [".pdf"]
        assert "(familjen)" in screen.exported[0].name

    run(scenario, db=db, size=(100, 40))


def test_the_plan_over_time(snap_compare, tmp_path):
    from dialogtui.meeting.clock import FakeClock
    from dialogtui.tui.app import build_app

    db = tmp_path / "db"
    ids = seeded(db)
    app = build_app(db_path=db, clock=FakeClock(START))

    async def shown(pilot):
        from tui_helpers import first_screen

        await first_screen(pilot)
        await pilot.app.push_screen(PlanHistoryScreen(db, ids[2]))
        await until(pilot, lambda: "Ringa skolan" in screen_text(pilot.app))

    assert snap_compare(app, terminal_size=(80, 24), run_before=shown)


def test_the_end_screen_and_the_palette_open_the_plan_over_time(tmp_path, monkeypatch):
    from dialogtui.tui.screens.capture import CaptureScreen
    from dialogtui.tui.screens.end import EndScreen

    monkeypatch.setenv("DIALOGTUI_HOME", str(tmp_path))
    db = tmp_path / "db"
    ids = seeded(db)
    store = Store.open(db)
    fourth = new_meeting(
        store, "raseborg-klientmote", PEOPLE, title="Familjen Lind", previous_id=ids[2]
    )
    fourth_id = fourth.id
    fourth.close()
    store.close()

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        capture = app.screen
        await pilot.press("ctrl+p")
        await pilot.press(*"plan over time")
        await until(pilot, lambda: "The plan over time…" in screen_text(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, PlanHistoryScreen))
        await until(pilot, lambda: "kontakt tagen" in screen_text(app))
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is capture)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, PlanHistoryScreen))
        await until(pilot, lambda: "Söka stöd" in screen_text(app))
        assert app.screen.meeting_id == fourth_id

    run(scenario, db=db, size=(100, 40), meeting_id=fourth_id)


def test_hostile_text_is_written_as_typed_in_every_format_and_on_screen(tmp_path):
    # A title, an action and a follow-up's comment typed with controls, markup and
    # Markdown: each format writes them as text (controls made visible), the view as data.
    import re

    from documents import document_texts

    raw = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
    evil = "[b]fet[/b] \x1b[2J **inte fet** | {nb}"
    store = Store.open(tmp_path / "db")
    m1 = new_meeting(store, "raseborg-klientmote", PEOPLE, title=f"Titel {evil}")
    m1.start()
    m1.goto_step(m1.qs.first_step_of(StepKind.action_planning))
    a = m1.actions.add(ActionItem(f"Åtgärd {evil}", who="Anna Lind"))
    m1.finish()
    m1.close()
    m2 = new_meeting(store, "raseborg-klientmote", PEOPLE, title="Två", previous_id=m1.id)
    m2.start()
    m2.goto_step(m2.qs.first_step_of(StepKind.follow_up))
    m2.actions.follow_up(a.id, ActionStatus.continued, f"Kommentar {evil}")
    m2.close()
    exported = export_series(store, m2.id, tmp_path / "out", formats=("md", "docx", "pdf", "txt"))
    store.close()
    assert not exported.failed and len(exported.paths) == 4
    for name, text in document_texts(tmp_path / "out").items():
        assert not raw.search(text.replace("\n", "").replace("\t", "")), name
        text = " ".join(text.replace("\ufffd", "␛").split())
        for said in ("Åtgärd", "Kommentar"):
            assert f"{said} [b]fet[/b] ␛[2J **inte fet** | {{nb}}" in text, (name, said)

    async def scenario(app, pilot):
        await app.push_screen(PlanHistoryScreen(tmp_path / "db", m2.id))
        await until(pilot, lambda: "Kommentar" in screen_text(app))
        svg = app.export_screenshot()
        assert not raw.search(svg.replace("\n", ""))
        assert "[b]fet[/b] ␛[2J **inte fet**" in screen_text(app)

    run(scenario, db=tmp_path / "db", size=(120, 40))
