"""The follow-up meeting's time and place (the newcomer review's N20): typed as the language
writes a time, kept as "HH:MM", written in each language's own way, a timed event with its
place in the calendar; a wrong field named and keeping the keyboard (N19); no calendar
where nothing is dated, and no word of actions at the end of a set without a plan."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar
from meeting_helpers import new_meeting
from tui_helpers import burst, opened, run, screen_text, seeded_meeting, text_of, until

from dialogtui.display import visible
from dialogtui.errors import MeetingError
from dialogtui.export import calendar
from dialogtui.export.formats import Documents
from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.kinds import action_planning
from dialogtui.kinds.action_planning import frame_facts
from dialogtui.labels import labels
from dialogtui.records import ActionItem, PlanFrame
from dialogtui.store import Store
from dialogtui.tui.dialogs.base import FieldsDialog
from dialogtui.tui.screens.capture import CaptureScreen
from dialogtui.tui.screens.end import EndScreen

PEOPLE = [("Anna Lind", "familj"), ("Sara Holm", "myndighet")]
EXAMPLES = settings(max_examples=150, deadline=None, derandomize=True)


def plan_meeting(store, **plan):
    """A Raseborg client meeting at its plan, with the frame given."""
    m = new_meeting(store, "raseborg-klientmote", PEOPLE, title="Familjen Lind")
    m.goto_step(len(m.qs.steps) - 1)  # the action plan
    m.actions.save_plan(PlanFrame(**plan))
    return m


# -- the time as it is typed ------------------------------------------------------------


@EXAMPLES
@given(
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from([":", "."]),
    st.sampled_from(["", "kl. ", "kl ", "klo ", "KL. ", "kello "]),
    st.booleans(),
)
def test_a_time_is_taken_as_each_language_writes_it(hours, minutes, sep, word, padded):
    # "14:00", "14.00", "9.30", "kl. 14", "klo 9.30": one time, kept as HH:MM.
    hh = f"{hours:02}" if padded else str(hours)
    assert (
        action_planning.typed_time(f" {word}{hh}{sep}{minutes:02} ") == f"{hours:02}:{minutes:02}"
    )
    assert action_planning.typed_time(f"{word}{hh}") == f"{hours:02}:00"


@EXAMPLES
@given(st.text(alphabet="0123456789:. klo\n\x00-", max_size=8))
def test_a_time_is_kept_as_hh_mm_or_refused_with_how_to_write_it(text):
    try:
        kept = action_planning.typed_time(text)
    except MeetingError as exc:
        assert "14:00, 14.00" in str(exc)
        return
    if not text.strip():
        assert kept == ""
        return
    assert re.fullmatch(r"([01][0-9]|2[0-3]):[0-5][0-9]", kept)
    assert action_planning.typed_time(kept) == kept  # kept as it is read again


@pytest.mark.parametrize("text", ["24", "14:60", "9:5", "14,00", "2 pm", "14:00:00", "kl."])
def test_a_time_that_is_not_one_is_refused(text):
    with pytest.raises(MeetingError, match="14:00, 14.00 or 14"):
        action_planning.typed_time(text)


# -- kept and written --------------------------------------------------------------------


def test_the_follow_up_meetings_time_and_place_are_kept_and_written(tmp_path):
    store = Store.open(tmp_path / "db")
    m = plan_meeting(
        store,
        follow_up_on=dt.date(2027, 3, 10),
        follow_up_by="Sara Holm",
        follow_up_at="14.00",  # as Finland writes it
        follow_up_place=" Familjecentralen ",
    )
    m.close()
    store.close()
    store = Store.open(tmp_path / "db")  # read again from the file
    plan = store.plan(m.id)
    assert (plan.follow_up_at, plan.follow_up_place) == ("14:00", "Familjecentralen")
    minutes = render_minutes(load_record(store, m.id))
    store.close()
    said = "- **Uppföljningsmöte:** 10 mars 2027 kl. 14:00, Familjecentralen, kallas av Sara Holm"
    assert said in minutes
    # Each language its own way of writing a time, from Babel's (CLDR's) locale data.
    written = {
        "sv": "10 mars 2027 kl. 14:00, Familjecentralen",
        "fi": "10. maaliskuuta 2027 klo 14.00, Familjecentralen",
        "da": "10. marts 2027 kl. 14.00, Familjecentralen",
        "nb": "10. mars 2027 kl. 14:00, Familjecentralen",
        "en": "March 10, 2027 at 14:00, Familjecentralen",  # as English is in Europe
    }
    for language, text in written.items():
        facts = dict(frame_facts(plan, labels(language), language))
        meeting = "".join(x for x, _ in facts[labels(language)["follow_up_meeting"]])
        assert meeting.startswith(text), (language, meeting)


def test_a_time_or_a_place_alone_is_written_too():
    L = labels("sv")
    alone = [
        (PlanFrame(follow_up_at="09:30"), "09:30"),
        (PlanFrame(follow_up_place="Skolan"), "Skolan"),
        (PlanFrame(follow_up_at="09:30", follow_up_place="Skolan"), "09:30, Skolan"),
    ]
    for plan, said in alone:
        assert not plan.empty
        assert dict(frame_facts(plan, L, "sv"))[L["follow_up_meeting"]]
        pieces = dict(frame_facts(plan, L, "sv"))[L["follow_up_meeting"]]
        assert "".join(x for x, _ in pieces) == said
        assert ("Skolan", True) in pieces or "Skolan" not in said  # the place is typed text


# -- the plan's form ---------------------------------------------------------------------


def test_a_wrong_time_in_the_plans_form_is_named_and_keeps_the_keyboard(tmp_path):
    db = tmp_path / "db"
    store = Store.open(db)
    m = plan_meeting(store)
    m.close()
    store.close()

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        burst(app, "<escape>", "p")
        await until(pilot, lambda: isinstance(app.screen, FieldsDialog))
        form = app.screen
        await until(pilot, lambda: bool(form.query("#f-follow_up_at")))
        # goal, goal, owner; then the date, the time and the place on one line
        burst(app, "<enter>", "<enter>", "<enter>", "2027-03-10", "<enter>", "25.00")
        burst(app, "<enter>", "Familjecentralen", "<enter>", "Sa", "<enter>", "<ctrl+s>")
        hint = lambda: text_of(form.query_one("#hint"))  # noqa: E731
        await until(pilot, lambda: "Uppföljningsmöte, tid: write the time as" in hint())
        assert isinstance(app.screen, FieldsDialog)
        assert app.focused is form.query_one("#f-follow_up_at")
        # What is typed next puts the wrong field right, nothing else.
        burst(app, *["<backspace>"] * 5, "14.00", "<ctrl+s>")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))

    run(scenario, db=db, meeting_id=m.id)
    store = Store.open(db)
    plan = store.plan(m.id)
    store.close()
    assert plan.follow_up_on == dt.date(2027, 3, 10)
    assert (plan.follow_up_at, plan.follow_up_place) == ("14:00", "Familjecentralen")
    assert plan.follow_up_by == "Sara Holm"


def test_a_wrong_date_in_the_plans_form_is_named_and_keeps_the_keyboard(tmp_path):
    db = tmp_path / "db"
    store = Store.open(db)
    m = plan_meeting(store, goal_own="Skolan")
    m.close()
    store.close()

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        burst(app, "<escape>", "p")
        await until(pilot, lambda: isinstance(app.screen, FieldsDialog))
        form = app.screen
        await until(pilot, lambda: bool(form.query("#f-follow_up_on")))
        form.query_one("#f-follow_up_on").value = "2027-13-10"
        form.query_one("#f-follow_up_at").value = "14"
        form.query_one("#f-follow_up_place").focus()
        burst(app, "<ctrl+s>")
        await until(pilot, lambda: "Uppföljningsmöte, datum:" in screen_text(app))
        assert app.focused is form.query_one("#f-follow_up_on")
        burst(app, "<ctrl+s>")  # nothing put right: refused again, the form stays
        await until(pilot, lambda: app.focused is form.query_one("#f-follow_up_on"))
        assert isinstance(app.screen, FieldsDialog)
        burst(app, "<escape>")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))

    run(scenario, db=db, meeting_id=m.id)


# -- the calendar --------------------------------------------------------------------------


def ics_of(record, zone=None) -> bytes | None:
    return calendar.render(Documents(record).builder, dt.datetime(2026, 1, 15, tzinfo=dt.UTC), zone)


@pytest.fixture
def in_helsinki(monkeypatch):
    """The computer's clock set to Finland's time."""
    if not hasattr(time, "tzset"):
        pytest.skip("the process's zone is set with TZ and tzset")
    monkeypatch.setenv("TZ", "Europe/Helsinki")
    time.tzset()
    yield
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def test_a_follow_up_meeting_with_a_time_is_a_timed_event_at_its_place(tmp_path, in_helsinki):
    store = Store.open(tmp_path / "db")
    on = dt.date(2027, 3, 10)
    m = plan_meeting(store, follow_up_on=on, follow_up_at="14.00", follow_up_place="Skolan")
    record = load_record(store, m.id)
    store.close()
    (event,) = Calendar.from_ical(ics_of(record)).walk("VEVENT")
    # 14.00 in Helsinki in March (UTC+2), in UTC: every calendar shows it at 14.00 there.
    assert event.decoded("dtstart") == dt.datetime(2027, 3, 10, 12, 0, tzinfo=dt.UTC)
    assert event.decoded("dtend") == dt.datetime(2027, 3, 10, 13, 0, tzinfo=dt.UTC)
    assert str(event["location"]) == "Skolan" and str(event["transp"]) == "OPAQUE"
    assert "kl. 14:00, Skolan" in str(event["description"])
    summer = dataclasses.replace(record.plan, follow_up_on=dt.date(2027, 6, 10))
    (event,) = Calendar.from_ical(ics_of(dataclasses.replace(record, plan=summer))).walk("VEVENT")
    assert event.decoded("dtstart") == dt.datetime(2027, 6, 10, 11, 0, tzinfo=dt.UTC)  # UTC+3
    untimed = dataclasses.replace(record.plan, follow_up_at="")
    (event,) = Calendar.from_ical(ics_of(dataclasses.replace(record, plan=untimed))).walk("VEVENT")
    assert event.decoded("dtstart") == on and event.decoded("dtend") == on + dt.timedelta(1)
    assert str(event["transp"]) == "TRANSPARENT"  # a day's marker, as before


def test_a_calendar_with_nothing_dated_is_not_written(tmp_path):
    store = Store.open(tmp_path / "db")

    def written(meeting) -> bool:
        (ics,) = calendar.contents(Documents(load_record(store, meeting.id)))
        return ics is not None

    assert not written(new_meeting(store, "raseborg-orons-zoner", PEOPLE))  # no plan at all
    planned = plan_meeting(store, follow_up_place="Skolan", follow_up_at="14")  # no day
    planned.actions.add(ActionItem("Ringa skolan", who="Sara Holm"))  # no date
    assert not written(planned)
    dated = plan_meeting(store)
    dated.actions.add(ActionItem("Ringa skolan", when=dt.date(2027, 2, 1)))
    assert written(dated)
    store.close()


# Property names a calendar of dialogtui's has: a line that starts with anything else was
# put there by text typed into the plan.
KNOWN = {
    "BEGIN", "END", "PRODID", "VERSION", "X-WR-CALNAME", "UID", "DTSTAMP", "DTSTART",
    "DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "TRANSP",
}  # fmt: skip
HOSTILE = st.text(
    alphabet=st.sampled_from('Skoln åÖ,;:\\"\r\n\t\x00\x1b\u2028\u0085BEGIN:VEVENT'),
    max_size=30,
)
TIMES = st.builds(
    lambda h, m, sep: f"{h}{sep}{m:02}",
    st.integers(0, 23),
    st.integers(0, 59),
    st.sampled_from(":."),
)


@pytest.fixture(scope="module")
def base_record(tmp_path_factory):
    store = Store.open(tmp_path_factory.mktemp("calendar") / "db")
    m = plan_meeting(store)
    record = load_record(store, m.id)
    store.close()
    return record


@EXAMPLES
@given(
    day=st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))),
    at=st.one_of(st.just(""), TIMES),
    place=HOSTILE,
    by=HOSTILE,
    whens=st.lists(st.one_of(st.none(), st.dates()), max_size=4),
    what=HOSTILE,
    zone=st.sampled_from(["Europe/Helsinki", "Europe/Stockholm", "UTC"]),
)
def test_the_calendar_holds_exactly_the_dated_events_and_nothing_injected(
    base_record, day, at, place, by, whens, what, zone
):
    kept = action_planning.typed_time(at)  # as the engine keeps what was typed
    plan = PlanFrame(follow_up_on=day, follow_up_at=kept, follow_up_place=place, follow_up_by=by)
    actions = [ActionItem(what or "x", when=when, id=n) for n, when in enumerate(whens, 1)]
    record = dataclasses.replace(base_record, plan=plan, actions=actions)
    ics = ics_of(record, ZoneInfo(zone))
    dated = [a for a in actions if a.when is not None]
    if day is None and not dated:
        assert ics is None  # nothing dated: no calendar
        return
    assert ics is not None
    text = ics.decode("utf-8")
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    assert unfolded.endswith("\r\n") and "\n" not in unfolded.replace("\r\n", "")
    for line in unfolded.split("\r\n")[:-1]:
        assert re.match(r"[A-Z-]+", line) and re.match(r"[A-Z-]+", line)[0] in KNOWN, line
    assert unfolded.count("BEGIN:VEVENT\r\n") == (day is not None) + len(dated)
    events = {str(e["uid"]).split("@")[0].split("-", 1)[1]: e for e in
              Calendar.from_ical(ics).walk("VEVENT")}  # fmt: skip
    follow_up = {"follow-up"} if day is not None else set()
    assert set(events) == follow_up | {f"action-{a.id}" for a in dated}
    for a in dated:
        assert events[f"action-{a.id}"].decoded("dtstart") == a.when
    if day is None:
        return
    event = events["follow-up"]
    # The place on one line, its controls made visible, as the minutes show it; none: none.
    assert str(event.get("location", "")) == " ".join(visible(place).split())
    if at:
        hours, minutes = map(int, re.split(r"[:.]", at))
        local = dt.datetime.combine(day, dt.time(hours, minutes), ZoneInfo(zone))
        assert event.decoded("dtstart") == local.astimezone(dt.UTC)
        assert event.decoded("dtend") - event.decoded("dtstart") == dt.timedelta(hours=1)
    else:
        assert event.decoded("dtstart") == day


# -- the end screen ------------------------------------------------------------------------


def test_the_end_of_a_set_without_a_plan_says_nothing_of_actions(tmp_path):
    db = tmp_path / "db"
    zones = seeded_meeting(db, "raseborg-orons-zoner", PEOPLE)
    plan = seeded_meeting(db, "raseborg-temamote", PEOPLE)

    async def without_plan(app, pilot):
        end = await opened(pilot, "ctrl+o", EndScreen)
        summary = text_of(end.query_one("#summary"))
        assert "Speaking time" in summary
        assert "action" not in summary.lower()  # no "0 action items, each with owner and date."

    async def with_plan(app, pilot):
        end = await opened(pilot, "ctrl+o", EndScreen)
        summary = text_of(end.query_one("#summary"))
        assert "No actions." in summary and "0 action" not in summary

    run(without_plan, db=db, meeting_id=zones)
    run(with_plan, db=db, meeting_id=plan)
