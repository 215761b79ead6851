"""The plan over time of a series with children's cases (Träff 4's, each with its own
consent): one case's copy, for whoever it is, holds that case's actions alone, in the app, on
the command line and over generated series; the view says each action's case; the view's
keys (pseudonymised, to a folder) and its words are the app's."""

from __future__ import annotations

import datetime as dt

from case_meeting import BOY, GIRL, PEOPLE, goto, traff_4_with_cases
from conftest import SETS
from hypothesis import given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting
from tui_helpers import opened, run, screen_text, text_of, until

from dialogtui.errors import DialogtuiError
from dialogtui.export import text as text_format
from dialogtui.export.recipients import organisations
from dialogtui.export.series import series_document
from dialogtui.meeting.clock import FakeClock
from dialogtui.records import ActionItem, ActionStatus
from dialogtui.store import Store
from dialogtui.tui.dialogs.folder import FolderDialog
from dialogtui.tui.dialogs.pick import PickDialog
from dialogtui.tui.screens.end import EndScreen
from dialogtui.tui.screens.plan_history import PlanHistoryScreen

BOYS = ("Fotbollsgrupp tisdagar", "Anpassad studiegång")
GIRLS = ("Hembesök",)


def series_with_cases(store: Store) -> tuple[int, int]:
    """Träff 4 with two children's cases, then a meeting that follows it up (a client
    meeting of no cases): the follow-up continues the boy's football with a comment."""
    first = traff_4_with_cases(store, series="träffar")
    later = new_meeting(
        store, "samtidigt-traff-4", PEOPLE, title="Uppföljning", series="träffar",
        previous_id=first.id, date=dt.date(2026, 1, 22),
    )  # fmt: skip
    later.start()
    football = next(a for a in later.actions.carried() if a.what == BOYS[0])
    later.actions.follow_up(football.id, ActionStatus.continued, "går varje vecka")
    later.finish()
    later.close()
    return first.id, later.id


def test_the_journal_copy_of_the_plan_holds_the_case_chosen_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOGTUI_HOME", str(tmp_path))
    db = tmp_path / "db"
    store = Store.open(db)
    first, later = series_with_cases(store)
    store.close()

    async def scenario(app, pilot):
        await app.push_screen(PlanHistoryScreen(db, later))
        await until(pilot, lambda: BOYS[0] in screen_text(app))
        # Each action says the child's case it was agreed in; one of no case says none.
        assert f"Case 1: {BOY}" in screen_text(app) and f"Case 2: {GIRL}" in screen_text(app)
        screen = app.screen
        await pilot.press("j")  # two children's cases in the series: which child's record
        await until(pilot, lambda: isinstance(app.screen, PickDialog))
        assert f"Case 2: {GIRL}" in screen_text(app)
        await pilot.press("down", "enter")
        await until(pilot, lambda: "Socialtjänsten" in screen_text(app))  # whose journal
        await pilot.press("enter")  # Karis skola
        await until(pilot, lambda: screen.exported)
        assert sorted(p.suffix for p in screen.exported) == [".docx", ".txt"]
        note = next(p for p in screen.exported if p.suffix == ".txt").read_text("utf-8")
        assert "Hembesök" in note
        for other in (*BOYS, BOY, "går varje vecka", "Boka nästa pilotverkstad"):
            assert other not in note, other

    run(scenario, db=db, size=(100, 40))


def test_the_familys_copy_without_a_family_says_what_to_do_in_the_app(tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOGTUI_HOME", str(tmp_path))
    db = tmp_path / "db"
    store = Store.open(db)
    # Professionals alone, no children's cases: there is no family whose copy it could be.
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE, title="Träff 4")
    m.start()
    goto(m, "avslutning")
    m.actions.add(ActionItem("Boka nästa pilotverkstad"))
    m.finish()
    m.close()
    store.close()
    said: list[str] = []

    async def scenario(app, pilot):
        app.report = lambda exc: said.append(str(exc))
        await app.push_screen(PlanHistoryScreen(db, m.id))
        await until(pilot, lambda: "Boka nästa pilotverkstad" in screen_text(app))
        await pilot.press("f")
        await until(pilot, lambda: said)
        assert "--for" not in said[0] and "journal note (j)" in said[0], said
        assert not app.screen.exported

    run(scenario, db=db, size=(100, 40))


def test_the_view_writes_pseudonymised_and_to_a_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOGTUI_HOME", str(tmp_path))
    db = tmp_path / "db"
    store = Store.open(db)
    first, later = series_with_cases(store)
    store.close()
    folder = tmp_path / "delad"

    async def scenario(app, pilot):
        await app.push_screen(PlanHistoryScreen(db, later))
        await until(pilot, lambda: BOYS[0] in screen_text(app))
        screen = app.screen
        await pilot.press("p")
        await until(pilot, lambda: len(screen.exported) == 4)
        hidden = {p.suffix: p for p in screen.exported}
        assert "pseudonym" in str(hidden[".md"].parent)
        text = hidden[".txt"].read_text("utf-8")
        assert "Per Ek" not in text and "Lena Ström" not in text and BOYS[0] in text
        screen.exported = []
        dialog = await opened(pilot, "o", FolderDialog)
        assert "Uppföljning" in screen_text(app)  # the meeting the files are of
        dialog.query_one("#folder").value = str(folder)
        await pilot.press("enter")
        await until(pilot, lambda: screen.exported)
        assert {p.parent for p in screen.exported} == {folder}
        assert sorted(p.suffix for p in screen.exported) == [".docx", ".md", ".pdf", ".txt"]

    run(scenario, db=db, size=(100, 40))


def test_the_end_screens_line_of_keys_says_t(tmp_path, monkeypatch):
    monkeypatch.setenv("DIALOGTUI_HOME", str(tmp_path))
    db = tmp_path / "db"
    store = Store.open(db)
    mid = traff_4_with_cases(store, finish=False).id
    store.close()

    async def scenario(app, pilot):
        end = await opened(pilot, "ctrl+o", EndScreen)
        assert "t: the plan over time" in text_of(end.query_one("#export-status"))

    run(scenario, db=db, meeting_id=mid, size=(120, 40))


def test_actions_series_case_on_the_command_line(cli, tmp_path):
    store = Store.open()
    first, later = series_with_cases(store)
    store.close()
    out = tmp_path / "out"
    result = cli("actions", "--series", first, "--case", "2", "--format", "txt", "--out", out)
    assert result.code == 0, result.err
    [path] = out.iterdir()
    text = path.read_text("utf-8")
    assert "Hembesök" in text and BOY not in text and BOYS[0] not in text
    assert "ärende 2" in path.name
    # The same errors as export --case: a case the meeting has not, a meeting of none.
    wrong = cli("actions", "--series", first, "--case", "Flicka 15", "--out", out)
    assert wrong.code != 0 and "Traceback" not in wrong.err
    assert f"“Flicka 15” is no case of this meeting; choose 1 ({BOY}), 2 ({GIRL})" in wrong.err
    none = cli("actions", "--series", later, "--case", "1", "--out", out)
    assert none.code != 0 and "this meeting has no cases: leave out --case" in none.err
    # Printed, each action says its case, as the view does.
    said = cli("--lang", "en", "actions", "--series", later)
    assert said.code == 0, said.err
    assert f"Hembesök (Per Ek, Jan 20, 2027)\n  Case 2: {GIRL}\n  agreed" in said.out
    alone = cli("actions", "--case", "1")
    assert alone.code != 0 and "go with --series" in alone.err


def test_the_text_of_the_plan_reads_as_the_minutes_text(tmp_path):
    store = Store.open(tmp_path / "db")
    first, later = series_with_cases(store)
    text = text_format.render(series_document(store, later)[0])
    assert "1. Datum: 15 jan. 2026; Möte: Träff 4; Metod: SamTidigt pilotverkstad" in text
    assert "2. Datum: 22 jan. 2026; Möte: Uppföljning" in text
    assert ".;" not in text
    store.close()


# -- over generated series ------------------------------------------------------------------

SET = (SETS / "samtidigt-traff-4.toml").read_text(encoding="utf-8")
# Where in a case an action is noted: the case map (f3) or the plan.
PLACES = ("casekarta", "handlingsplan")


@st.composite
def series_plans(draw):
    """Meetings of Träff 4 in a series, each with one or two cases (its most), each case's actions
    (numbered: a text is one action's alone), some outside the cases, and follow-ups with
    comments in the meetings after."""
    meetings = []
    for _ in range(draw(st.integers(1, 2))):
        cases = [
            [draw(st.sampled_from(PLACES)) for _ in range(draw(st.integers(0, 2)))]
            for _ in range(draw(st.integers(1, 2)))
        ]
        outside = draw(st.integers(0, 1))
        follow = draw(st.lists(st.integers(0, 20), max_size=3))
        meetings.append((cases, outside, follow))
    return meetings


def build(store: Store, plan) -> tuple[dict[str, tuple[int, int] | None], int]:
    """The series, made as the scribe makes it: each action's text, its (meeting, case
    number) or None outside the cases; and the last meeting."""
    whose: dict[str, tuple[int, int] | None] = {}
    previous = None
    clock = FakeClock(dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC))
    for n, (cases, outside, follow) in enumerate(plan):
        m = new_meeting(
            store, "samtidigt-traff-4", PEOPLE, clock=clock, text=SET, title=f"Träff {n}",
            series="s", previous_id=previous, date=dt.date(2026, 12, 5) + dt.timedelta(7 * n),
        )  # fmt: skip
        m.start()
        carried = m.actions.carried()
        for k, pick in enumerate(follow):
            if carried:
                a = carried[pick % len(carried)]
                m.actions.follow_up(a.id, ActionStatus.continued, f"kommentar-{n}-{k}")
        for c, places in enumerate(cases, 1):
            if c > 1:
                goto(m, "samverkanskarta")
                assert m.repeat_block(name=f"Barn {n}-{c}")
            else:
                goto(m, "casekarta")
                m.cases.name_case(f"Barn {n}-{c}")
            m.consent.record_case(c, "muntligt")
            for k, place in enumerate(places):
                goto(m, place)
                what = f"åtgärd-{n}-{c}-{k}"
                m.actions.add(ActionItem(what, who="Per Ek"))
                whose[what] = (m.id, c)
        goto(m, "avslutning")
        for k in range(outside):
            what = f"utanför-{n}-{k}"
            m.actions.add(ActionItem(what))
            whose[what] = None
        m.finish()
        m.close()
        previous = m.id
    assert previous is not None
    return whose, previous


@settings(max_examples=12)
@given(plan=series_plans())
def test_a_cases_copy_never_holds_another_cases_actions(tmp_path_factory, plan):
    from dialogtui.export.series import series_cases, series_records

    store = Store.open(tmp_path_factory.mktemp("series") / "db")
    try:
        whose, last = build(store, plan)
        series = store.series_plan(last)
        records = series_records(store, series)
        for chosen in series_cases(series, records):
            record = records[chosen.meeting.id]
            people = organisations(record.qs, record.info.participants)
            for to in ("everyone", "facilitators", "family", *people):
                doc, _ = series_document(
                    store, chosen.meeting.id, to=to, case=str(chosen.case.number)
                )
                text = text_format.render(doc)
                mine = (chosen.meeting.id, chosen.case.number)
                for what, case in whose.items():
                    if case != mine:
                        assert what not in text, (to, mine, what)
    except DialogtuiError as exc:  # a generated series the app itself refuses: none is
        raise AssertionError(exc) from None
    finally:
        store.close()


def test_the_plan_over_time_of_a_series_with_cases(snap_compare, tmp_path):
    from tui_helpers import START, first_screen

    from dialogtui.tui.app import build_app

    db = tmp_path / "db"
    store = Store.open(db)
    first, later = series_with_cases(store)
    store.close()
    app = build_app(db_path=db, clock=FakeClock(START))

    async def shown(pilot):
        await first_screen(pilot)
        await pilot.app.push_screen(PlanHistoryScreen(db, later))
        await until(pilot, lambda: "Hembesök" in screen_text(pilot.app))

    assert snap_compare(app, terminal_size=(80, 24), run_before=shown)
