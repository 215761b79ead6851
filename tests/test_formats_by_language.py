"""Times of day, dates and counts as each language writes them (Babel's CLDR data), shown and
typed: Finnish and Danish write a time "13.28"; a Finn types a date "15.1.2027", a Dane or a
Norwegian "15.01.2027", and every date field takes that as well as ISO, and says which field
is wrong, with the language's own example, when it cannot read one."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from babel.dates import format_date, format_time
from hypothesis import given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting
from tui_helpers import START, burst, run, screen_text, seeded_meeting, until

from dialogtui import i18n
from dialogtui.cli.sets import _parse_date
from dialogtui.errors import DialogtuiError, MeetingError
from dialogtui.export.minutes import Minutes
from dialogtui.export.record import load_record
from dialogtui.labels import labels
from dialogtui.records import ActionItem, ReadBack
from dialogtui.store import Store
from dialogtui.tui.dialogs.base import typed_day

LANGUAGES = list(i18n.LANGUAGES)
# The Babel locale each language's times are written as: English as in Europe, 24-hour
# beside its readers' colleagues ("13:28", not "1:28 PM").
TIME_LOCALE = {"sv": "sv", "fi": "fi", "da": "da", "nb": "nb", "en": "en_150"}
EXAMPLE = dt.date(2027, 1, 15)  # the example a refused date shows
DAYS = st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31))  # every year written whole
TIMES = st.times().map(lambda t: t.replace(microsecond=0))
LETTERS = "the letters for year, month and day in a date field"


def short_form(day: dt.date, language: str) -> str:
    """The language's short date, as Babel (CLDR) writes it; English types ISO, as its CLDR
    form is the United States' ("1/15/27")."""
    return day.isoformat() if language == "en" else format_date(day, "short", locale=language)


def advice(language: str) -> str:
    """How the UI (in `language`) says to write a date, with the language's own example."""
    example, iso = short_form(EXAMPLE, language), EXAMPLE.isoformat()
    if example == iso:
        return i18n._("write the date as {iso}").format(iso=iso)
    return i18n._("write the date as {example} or {iso}").format(example=example, iso=iso)


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# -- typed dates ------------------------------------------------------------------------------


@settings(max_examples=400, derandomize=True)
@given(language=st.sampled_from(LANGUAGES), day=DAYS)
def test_the_short_form_shown_is_read_back_and_iso_always_is(language, day):
    i18n.use(language)
    try:
        shown = short_form(day, language)
        # A form's field and the command line read the same: what is shown, and ISO.
        assert typed_day(shown) == day, shown
        assert _parse_date(shown) == day, shown
        assert typed_day(day.isoformat()) == day
        assert _parse_date(day.isoformat()) == day
        # And a date field shows that form: what the app writes into it, it reads back.
        assert i18n.date_field_text(day) == shown
    finally:
        i18n.use("en")


@settings(max_examples=400, derandomize=True)
@given(language=st.sampled_from(LANGUAGES), day=st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
def test_a_date_a_field_takes_it_shows_and_takes_again(language, day):
    # Whatever a field takes, ISO or the language's form, it shows in a form it takes back
    # unchanged: a form saved again as it was is never refused ("15.1.0207" was taken, then
    # shown as "15.1.207", which the same field refused).
    i18n.use(language)
    try:
        for typed in (day.isoformat(), short_form(day, language)):
            try:
                taken = typed_day(typed)
            except MeetingError:
                continue
            assert taken == day, typed
            assert typed_day(i18n.date_field_text(taken)) == taken, typed
    finally:
        i18n.use("en")


REFUSED = [
    "31.2.2027",  # no such day
    "1.13.2027",  # no 13th month: never read as the 13th of January
    "15.1.27",  # a two-figure year
    "15.1.",  # no year
    "15.1.2027 klo 14",  # more than a date
    "15/1/2027",  # no Nordic language's form
    "2027-02-30",  # ISO, but no such day
    "tomorrow",
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("text", REFUSED)
def test_a_refused_date_names_its_field_and_shows_the_languages_own_form(language, text):
    i18n.use(language)
    try:
        with pytest.raises(MeetingError) as refused:
            typed_day(text)  # a form that names the field itself (the plan's) puts it first
        assert str(refused.value) == capitalised(advice(language))
        with pytest.raises(MeetingError) as refused:
            typed_day(text, "När")  # the action's form: its field's label, then how
        assert str(refused.value) == f"När: {advice(language)}"
        with pytest.raises(DialogtuiError) as refused:
            _parse_date(text)
        said = i18n._("{option}: not a date: '{text}' ({advice})")
        assert str(refused.value) == said.format(
            option="--date", text=text, advice=advice(language)
        )
    finally:
        i18n.use("en")


# What a person might type: near-dates in every form and separator, and anything at all.
NEAR = st.builds(
    "{}{}{}{}{}".format,
    st.integers(0, 99999).map(str),
    st.sampled_from([".", "-", "/", " ", ". ", ""]),
    st.integers(0, 99999).map(str),
    st.sampled_from([".", "-", "/", " ", ". ", ""]),
    st.integers(0, 99999).map(str),
)


@settings(max_examples=400, derandomize=True)
@given(language=st.sampled_from(LANGUAGES), text=st.one_of(NEAR, st.text(max_size=20)))
def test_whatever_is_typed_is_a_date_nothing_or_how_to_write_one(language, text):
    i18n.use(language)
    try:
        try:
            day = typed_day(text)
        except MeetingError as exc:
            assert str(exc) == capitalised(advice(language))
            return
        assert day is None or isinstance(day, dt.date)
        if day is not None and not re.fullmatch(r"\s*[0-9]{4}-?[0-9]{1,2}-?[0-9]{1,2}\s*", text):
            # Read in the language's own order, never day and month swapped to fit.
            numbers = [int(n) for n in re.findall(r"[0-9]+", text)]
            assert numbers == [day.day, day.month, day.year], (text, day)
    finally:
        i18n.use("en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_fields_hint_is_the_languages_form_in_its_letters(language):
    i18n.use(language)
    try:
        year, month, day = i18n.pgettext(LETTERS, "YMD")
        pattern = "y-MM-dd" if language == "en" else i18n.date_patterns(language)[0]
        expected = re.sub(r"y+", year * 4, pattern)
        expected = re.sub(r"M+", month * 2, re.sub(r"d+", day * 2, expected))
        assert i18n.date_hint() == expected
        assert len(i18n.date_hint()) == len("YYYY-MM-DD")  # the plan's date field's room
    finally:
        i18n.use("en")


# -- times of day -----------------------------------------------------------------------------


def test_times_in_the_minutes_are_babels_short_time_in_the_documents_language(tmp_path):
    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "raseborg-myndighetsmote", [("Anna Lind", None)])
    m.start()
    m.close()
    record = load_record(store, m.id)
    store.close()

    @settings(max_examples=200, derandomize=True)
    @given(language=st.sampled_from(LANGUAGES), times=st.lists(TIMES, min_size=4, max_size=4))
    def check(language, times):
        day = dt.date(2026, 1, 15)
        start, end, accepted, reopened = (
            dt.datetime.combine(day, t, tzinfo=dt.UTC) for t in times
        )  # the tests' time zone is UTC: the clock reads these
        read_back = ReadBack("Anna Lind", accepted, [], reopened)
        r = dataclasses.replace(record, started_at=start, finished_at=end, read_backs=[read_back])
        short = [format_time(t, "short", locale=TIME_LOCALE[language]) for t in times]
        minutes = Minutes(r, False, language=language)
        # With the word the language writes before a time of day ("klo 13.02–14.31").
        clock = labels(language)["clock"]
        assert minutes.clock_times() == clock.format(time=f"{short[0]}–{short[1]}")
        line = "".join(span.text for span in minutes.read_back())
        assert f"({clock.format(time=short[2])}" in line and short[3] in line, line

    check()


@settings(max_examples=300, derandomize=True)
@given(language=st.sampled_from(LANGUAGES), t=TIMES)
def test_every_time_is_babels_short_time_and_its_medium_with_seconds(language, t):
    assert i18n.time_text(t, language) == format_time(t, "short", locale=TIME_LOCALE[language])
    with_seconds = format_time(t, "medium", locale=TIME_LOCALE[language])
    assert i18n.time_text(t, language, seconds=True) == with_seconds
    moment = dt.datetime.combine(dt.date(2026, 1, 15), t, tzinfo=dt.UTC)
    assert i18n.time_text(moment, language) == i18n.time_text(t, language)


def test_the_follow_up_time_is_written_as_the_language_writes_a_time():
    from dialogtui.kinds.action_planning import clock_text

    for language in LANGUAGES:
        expected = format_time(dt.time(9, 5), "short", locale=TIME_LOCALE[language])
        assert clock_text("09:05", language) == expected


PEOPLE = [("Anna Lind", "skola", "Rektor"), ("Per Berg", "socialtjanst", "IFO")]


def test_a_finnish_screen_shows_the_turns_time_and_the_saved_time_as_finland_writes_them(
    tmp_path,
):
    db = tmp_path / "db"
    meeting = seeded_meeting(db, "samtidigt-traff-2", PEOPLE)
    i18n.use("fi")
    at = START.time()  # the fake clock stands still: the turn ends at the start
    short, seconds = (format_time(at, form, locale="fi") for form in ("short", "medium"))

    async def scenario(app, pilot):
        burst(app, "Vi hoppas på en bra dag", "<enter>")
        await until(pilot, lambda: seconds in screen_text(app))
        shown = screen_text(app)
        assert short != at.strftime("%H:%M")  # "9.00", not "09:00"
        assert any(line.lstrip("│ ").startswith(f"{short} ") for line in shown.splitlines())
        end = app.screen.engine.timing.projection().projected_end
        if end is not None:  # the header's end of the meeting, if it is timed
            ends = format_time(end.astimezone().time(), "short", locale="fi")
            assert f"~{ends}" in shown

    run(scenario, db=db, meeting_id=meeting)


# -- the date fields of the screens -----------------------------------------------------------


def told(app) -> list[str]:
    """The notices the app has shown (and still shows)."""
    return [str(n.message) for n in app._notifications]


def test_a_finnish_action_date_is_typed_as_finland_writes_it_and_a_wrong_one_named(tmp_path):
    from dialogtui.tui.dialogs.actions import ActionDialog
    from dialogtui.tui.widgets.action_table import columns_for

    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "samtidigt-traff-5", PEOPLE, consent_given=True)
    m.start()
    m.goto_step(3)
    m.actions.add(ActionItem("Gemensam föräldraträff", who="Anna Lind"))
    meeting = m.id
    m.close()
    store.close()
    i18n.use("fi")

    async def scenario(app, pilot):
        burst(app, "<f3>", "Boka tid", "<enter>", "<enter>", "<enter>", "<enter>")
        await until(pilot, lambda: isinstance(app.screen, ActionDialog))
        dialog = app.screen
        when = dialog.query_one("#f-when")
        await until(pilot, lambda: dialog.focused is when)
        assert when.placeholder == i18n.date_hint()
        burst(app, "31.2.2027", "<ctrl+s>")  # no such day: refused, the form stays
        said = f"När: {advice('fi')}"
        await until(pilot, lambda: said in told(app))
        assert app.screen is dialog and dialog.focused is when  # the wrong field keeps it
        when.value = "15.1.2027"
        burst(app, "<ctrl+s>")
        await until(pilot, lambda: app.screen is not dialog)
        saved = [a for a in app.screen.engine.actions.all() if a.what == "Boka tid"]
        assert [a.when for a in saved] == [dt.date(2027, 1, 15)]
        # Opened again, the date stands in its field as Finland writes it.
        await app.push_screen(ActionDialog(columns_for(app.screen.engine), [], saved[0]))
        await until(pilot, lambda: isinstance(app.screen, ActionDialog))
        assert app.screen.query_one("#f-when").value == "15.1.2027"

    run(scenario, db=db, meeting_id=meeting)


def test_the_set_ups_date_is_in_the_languages_form_and_a_wrong_one_named(tmp_path):
    from dialogtui.tui.screens.capture import CaptureScreen

    db = tmp_path / "db"
    i18n.use("fi")

    async def scenario(app, pilot):
        screen = app.screen
        date = screen.query_one("#date")
        assert date.value == format_date(START.date(), "short", locale="fi")  # 15.1.2026
        date.value = "32.1.2026"
        screen.query_one("#p-name").focus()
        burst(app, "Ada", "<enter>", "<ctrl+s>")
        said = f"{i18n._('Date')}: {advice('fi')}"
        await until(pilot, lambda: said in told(app))
        assert app.screen is screen and screen.focused is date  # where to put it right
        date.value = "16.1.2026"
        burst(app, "<ctrl+s>")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))

    run(scenario, db=db, set_ref="raseborg-temamote")
    store = Store.open(db)
    assert store.meeting_info(1).date == dt.date(2026, 1, 16)
    store.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_plans_form_shows_its_date_and_time_as_the_language_writes_them(tmp_path, language):
    """What the plan's form is filled with, saved again unchanged, is the same plan."""
    from dialogtui.records import PlanFrame
    from dialogtui.tui.widgets.action_table import plan_frame_wanted

    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "samtidigt-traff-5", PEOPLE, consent_given=True)
    m.goto_step(3)
    plan = PlanFrame("Fler träffar", follow_up_on=dt.date(2027, 3, 10), follow_up_at="09:30")
    m.actions.save_plan(plan)
    i18n.use(language)
    try:
        dialog = plan_frame_wanted(m).dialog
        texts = {f.id: f.value for f in dialog.field_list}
        assert texts["follow_up_on"] == short_form(dt.date(2027, 3, 10), language)
        nine = format_time(dt.time(9, 30), "short", locale=TIME_LOCALE[language])
        assert texts["follow_up_at"] == nine  # "9.30" in Finnish
        assert dialog.check(texts) == m.actions.plan()
    finally:
        i18n.use("en")
        m.close()
        store.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_a_document_writes_is_in_its_language(tmp_path, language):
    # The meeting's own date, the one it follows up and an action's: each as the document's
    # language writes a date, never the store's ISO form.
    from dialogtui.export.markdown import render_minutes

    store = Store.open(tmp_path / "db")
    people = [("Anna Lind", "familj")]
    first = new_meeting(store, "raseborg-klientmote", people, title="Första")
    first.close()
    second = new_meeting(store, "raseborg-klientmote", people, title="Andra", previous_id=first.id)
    second.start()
    second.actions.add(ActionItem(what="Ringa skolan", who="Anna Lind", when=EXAMPLE))
    second.close()
    minutes = render_minutes(load_record(store, second.id), language=language)
    store.close()
    assert not re.findall(r"\d{4}-\d\d-\d\d", minutes), minutes
    assert f"{i18n.date_text(dt.date(2026, 1, 15), 'long', language)} Första" in minutes


def test_a_time_of_day_in_a_document_has_its_languages_word_before_it():
    # "Aika: klo 13.34–13.35", "Tid: kl. 13:34–13:35": as each language writes a time in a
    # text; English has no such word.
    said = {lang: labels(lang)["clock"].format(time="T") for lang in LANGUAGES}
    assert said == {"sv": "kl. T", "fi": "klo T", "da": "kl. T", "nb": "kl. T", "en": "T"}
