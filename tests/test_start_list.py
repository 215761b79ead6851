"""The start screen holds every meeting (the new-user review's N17): the unfinished, then the
ended, a series as one line that opens to its meetings; what is typed filters them with
`finding.matches`, the rule of the search (a meeting never twice, never lost from its
series); nothing found says so and offers the search of what was said. And the set-up's
"Follows up" list tells meetings apart (N18)."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting
from tui_helpers import START, run, screen_text, until

from dialogtui import finding
from dialogtui.meeting.clock import FakeClock
from dialogtui.records import ActionItem, MeetingStatus, MeetingSummary
from dialogtui.store import Store

# -- generated meetings, filtered by the screen itself ---------------------------------------

LETTERS = "abcdefgiklnoprstuvåäöøæéüABCÅÄÖØÆÉ"
WORD = st.text(alphabet=LETTERS, min_size=1, max_size=7)
TEXT = st.lists(WORD, min_size=1, max_size=3).map(" ".join)
SETS = ["raseborg-klientmote", "samtidigt-traff-4", "goda-samtal"]


@st.composite
def meetings(draw) -> list[MeetingSummary]:
    count = draw(st.integers(1, 12))
    out: list[MeetingSummary] = []
    for n in range(1, count + 1):
        earlier = [m.id for m in out]
        out.append(
            MeetingSummary(
                id=n,
                set_id=draw(st.sampled_from(SETS)),
                title=draw(TEXT),
                date=(
                    dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 60)))
                ).isoformat(),
                status=draw(st.sampled_from(list(MeetingStatus))),
                turn_count=draw(st.integers(0, 3)),
                open_actions=draw(st.integers(0, 2)),
                place=draw(st.one_of(st.just(""), TEXT)),
                series=draw(st.sampled_from([None, None, "series-1", "Lind"])),
                previous_id=draw(st.one_of(st.none(), st.sampled_from(earlier)))
                if earlier
                else None,
                participants=tuple(draw(st.lists(TEXT, max_size=4))),
            )
        )
    return out


@st.composite
def query_for(draw, listed: list[MeetingSummary]) -> str:
    """A word (or its beginning) of a meeting, with or without its Nordic letters, or two;
    or anything."""
    said = [
        w for m in listed for w in finding.words(f"{m.title} {m.place} {' '.join(m.participants)}")
    ]
    picked = []
    for _ in range(draw(st.integers(1, 2))):
        word = draw(st.sampled_from(said)) if said and draw(st.booleans()) else draw(WORD)
        word = word[: draw(st.integers(1, len(word)))]
        if draw(st.booleans()):
            word = finding.plain(word)  # typed without its marks
        if draw(st.booleans()):
            word = word.upper()
        picked.append(word)
    return " ".join(picked)


def listed_ids(screen) -> list[str]:
    choices = screen.query_one("#choices")
    return [choices.get_option_at_index(i).id for i in range(choices.option_count)]


def check_the_list(screen, listed: list[MeetingSummary], query: str, toggled: list[int]) -> None:
    screen._take(listed)
    screen._fill(query)
    series = {key for key in toggled if key in screen._series}
    if series:
        screen._toggled = set(series)
        screen._fill(query)
    check_shown(screen, listed, query)


def check_shown(screen, listed: list[MeetingSummary], query: str) -> None:
    """The list as the screen shows it now, for `query` typed."""
    from dialogtui.tui.screens.start import Series, findable_text

    ids = listed_ids(screen)
    note(f"{query=} {ids=}")
    words = finding.words(query)
    wanted = {
        m.id
        for m in listed
        if finding.matches(query, findable_text(m, screen._set_titles.get(m.set_id, "")))
    }
    shown = [int(i[1:]) for i in ids if i and i.startswith("m")]
    assert len(shown) == len(set(shown)), "a meeting listed twice"
    folded: set[int] = set()
    for i in ids:
        if i and i.startswith("g"):
            s: Series = screen._series[int(i[1:])]
            assert len(s.meetings) > 1
            if not screen._opened(s):
                folded |= {m.id for m in s.meetings if m.id in wanted}
    assert not set(shown) & folded
    if "rest" in ids:  # more than are listed at once: some of them, the rest a key away
        assert set(shown) | folded < wanted
    else:
        # Exactly the meetings that the rule finds: listed, or in a series listed folded.
        assert set(shown) | folded == wanted
    # A meeting of a series is listed under its series' line, never on its own.
    owner = None
    for i in ids:
        if i and i.startswith("g"):
            owner = int(i[1:])
        elif i and i.startswith("m"):
            key = screen._member_of.get(int(i[1:]))
            if key is not None:
                assert owner == key, (i, key, owner)
        else:
            owner = None
    # Something typed: the search of what was said is offered last; nothing found, said.
    if words:
        assert ids[-1] == "find"
        found_anything = any(i and i[0] in "gms" for i in ids)
        said = "nothing" in ids
        assert said == (not found_anything)
    else:
        assert "find" not in ids


def test_the_list_holds_exactly_the_meetings_the_rule_finds(tmp_path):
    """Generated meetings (Nordic letters in titles, places, names; series by name and by
    the meeting followed up), generated queries and series opened or folded by hand: the
    screen's own list, checked against `finding.matches`."""
    from dialogtui.tui.screens.start import StartScreen

    async def scenario(app, pilot):
        await until(pilot, lambda: "New meeting from a question set" in screen_text(app))
        screen = app.screen
        assert isinstance(screen, StartScreen)

        @settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
        @given(data=st.data())
        def check(data) -> None:
            listed = data.draw(meetings())
            query = data.draw(st.one_of(st.just(""), query_for(listed)))
            toggled = data.draw(st.lists(st.sampled_from([m.id for m in listed]), max_size=3))
            check_the_list(screen, listed, query, toggled)

        check()

    run(scenario, db=tmp_path / "db")


def test_typing_opening_and_folding_in_any_order_keep_the_list_whole(tmp_path):
    """A scribe's keys in any order: typing (each key a new filter), a series opened or
    folded, the rest of a long list asked for; after each, the list holds exactly what
    the rule finds (with 3 entries listed at once, so that the rest is asked for)."""
    from hypothesis.stateful import (
        RuleBasedStateMachine,
        initialize,
        invariant,
        rule,
        run_state_machine_as_test,
    )

    from dialogtui.tui.screens.start import StartScreen

    async def scenario(app, pilot):
        await until(pilot, lambda: "New meeting from a question set" in screen_text(app))
        screen = app.screen
        assert isinstance(screen, StartScreen)

        class Keys(RuleBasedStateMachine):
            @initialize(data=st.data())
            def meetings_listed(self, data) -> None:
                self.listed = data.draw(meetings())
                self.query = ""
                screen._limit = 3
                screen._toggled.clear()
                screen._take(self.listed)
                screen._fill("")

            @rule(data=st.data())
            def typed(self, data) -> None:
                # As the search box's change does: a new filter, series as they fall.
                self.query = data.draw(st.one_of(st.just(""), query_for(self.listed)))
                screen._toggled.clear()
                screen._fill(self.query)

            @rule(data=st.data())
            def series_opened_or_folded(self, data) -> None:
                series = [i for i in listed_ids(screen) if i and i.startswith("g")]
                if series:
                    screen._toggle(int(data.draw(st.sampled_from(series))[1:]))

            @rule()
            def the_rest_asked_for(self) -> None:
                if "rest" in listed_ids(screen):
                    screen._limit = None
                    screen._fill(screen._query)

            @invariant()
            def whole(self) -> None:
                if hasattr(self, "listed"):
                    check_shown(screen, self.listed, self.query)

        run_state_machine_as_test(
            Keys,
            settings=settings(
                max_examples=60,
                stateful_step_count=12,
                suppress_health_check=[HealthCheck.too_slow],
            ),
        )

    run(scenario, db=tmp_path / "db")


@settings(max_examples=300)
@given(text=st.lists(st.one_of(WORD, st.text(max_size=6)), max_size=6).map(" ".join), query=TEXT)
def test_the_list_finds_as_finding_matches(text, query):
    """The list's words, folded once per meeting, find what `finding.matches` finds."""
    from dialogtui.tui.screens.start import Findable, wanted

    assert Findable(text).matches(wanted(query)) == finding.matches(query, text)


def test_every_meeting_is_in_the_list_once_series_as_one(tmp_path):
    """Nothing typed: each meeting once, a series' meetings under its one line."""
    from dialogtui.tui.screens.start import Series, in_series

    listed = [
        MeetingSummary(1, "s", "Klientmöte – Lind", "2026-12-05", MeetingStatus.finished, 3, 1),
        MeetingSummary(
            2, "s", "Klientmöte – Lind", "2026-12-12", MeetingStatus.finished, 2, 1, previous_id=1
        ),
        MeetingSummary(
            3, "s", "Klientmöte – Lind", "2026-12-19", MeetingStatus.open, 1, 0, previous_id=2
        ),
        MeetingSummary(4, "t", "Träff 4", "2026-12-20", MeetingStatus.finished, 0, 0),
        MeetingSummary(5, "t", "Träff 4", "2026-12-05", MeetingStatus.finished, 0, 0, series="x"),
        MeetingSummary(6, "t", "Träff 5", "2026-12-06", MeetingStatus.finished, 0, 0, series="x"),
    ]
    entries = in_series(listed)
    assert isinstance(entries[0], Series) and [m.id for m in entries[0].meetings] == [1, 2, 3]
    assert entries[0].open_actions == 2
    assert entries[1].id == 4  # ended, newest first
    assert isinstance(entries[2], Series) and [m.id for m in entries[2].meetings] == [5, 6]


# -- on the screen -----------------------------------------------------------------------


def series_of_three(db, clock=None) -> list[int]:
    """Three Klientmöten with Anna Lind, a week apart, the last unfinished; and two Träff 4s
    of one day, ended, with different people."""
    store = Store.open(db)
    clock = clock or FakeClock(START)
    ids, previous = [], None
    people = [("Anna Lind", "familj"), ("Per Ström", "myndighet")]
    for n, day in enumerate([5, 12, 19], start=1):
        m = new_meeting(
            store,
            "raseborg-klientmote",
            people,
            clock,
            title="Klientmöte – Lind",
            date=dt.date(2026, 12, day),
            place="Ekenäs",
            previous_id=previous,
        )
        m.start()
        m.submit("Anna berättar om fotbollen")
        if n < 3:
            m.actions.add(ActionItem("Boka tid hos kuratorn", who="Per Ström"))
            m.finish()
        previous = m.id
        ids.append(m.id)
        m.close()
    for people in ([("Ada Berg", "skola")], [("Olle Holm", "skola")]):
        m = new_meeting(
            store,
            "samtidigt-traff-4",
            people,
            clock,
            title="Träff 4 - Casearbete",
            date=dt.date(2026, 12, 5),
            place="Karis skola",
        )
        m.start()
        m.finish()
        ids.append(m.id)
        m.close()
    store.close()
    return ids


def test_a_series_opens_and_folds_and_a_name_finds_its_meeting(tmp_path):
    from dialogtui.tui.screens.start import StartScreen

    db = tmp_path / "db"
    ids = series_of_three(db)

    async def scenario(app, pilot):
        await until(pilot, lambda: "Ended meetings" in screen_text(app))
        screen = app.screen
        assert isinstance(screen, StartScreen)
        # The series has the meeting to resume: opened at it.
        assert listed_ids(screen)[:5] == [
            None,
            f"g{ids[0]}",
            f"m{ids[0]}",
            f"m{ids[1]}",
            f"m{ids[2]}",
        ]
        assert screen.query_one("#choices").highlighted_option.id == f"m{ids[2]}"
        await pilot.press("left")  # from one of its meetings: folded, at its line
        await until(pilot, lambda: f"m{ids[0]}" not in listed_ids(screen))
        assert screen.query_one("#choices").highlighted_option.id == f"g{ids[0]}"
        assert "3 meetings" in screen_text(app)
        await pilot.press("right")
        await until(pilot, lambda: f"m{ids[0]}" in listed_ids(screen))
        await pilot.press("enter")  # enter on the series' line folds it too
        await until(pilot, lambda: f"m{ids[0]}" not in listed_ids(screen))
        # The two Träff 4s of one day are told apart by their people.
        assert "Ada" in screen_text(app) and "Olle" in screen_text(app)
        for key in "olle":
            await pilot.press(key)
        await until(pilot, lambda: f"m{ids[3]}" not in listed_ids(screen))
        assert f"m{ids[4]}" in listed_ids(screen)
        await pilot.press("escape")
        await until(pilot, lambda: f"m{ids[3]}" in listed_ids(screen))
        # A participant's name, typed without its mark, finds the series, opened at it.
        for key in "strom":
            await pilot.press(key)
        await until(pilot, lambda: f"m{ids[0]}" in listed_ids(screen))
        assert listed_ids(screen)[-1] == "find"
        assert f"m{ids[3]}" not in listed_ids(screen)

    run(scenario, db=db)


def test_nothing_found_says_so_and_ctrl_f_searches_what_was_said(tmp_path):
    from dialogtui.tui.screens.search import SearchScreen

    db = tmp_path / "db"
    series_of_three(db)

    async def scenario(app, pilot):
        await until(pilot, lambda: "Ended meetings" in screen_text(app))
        for key in "fotboll":
            await pilot.press(key)
        await until(pilot, lambda: "Nothing matches “fotboll”." in screen_text(app))
        assert listed_ids(app.screen) == ["nothing", "find"]
        said = " ".join(screen_text(app).replace("▊", " ").replace("▎", " ").split())
        assert "Search what was said for “fotboll”" in said
        await pilot.press("enter")  # on the search line, the only one to choose
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        assert app.screen.query_one("#finding-query").value == "fotboll"
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, SearchScreen))
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))

    run(scenario, db=db)


def test_the_follows_up_list_tells_meetings_apart(tmp_path):
    """N18: the series' name first, its latest meeting first; the people and open actions
    tell two Träff 4s of one day apart."""
    from dialogtui.tui.screens.setup import SetupScreen

    db = tmp_path / "db"
    ids = series_of_three(db)

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, SetupScreen))
        select = app.screen.query_one("#previous")
        options = [(str(prompt), value) for prompt, value in select._options[1:]]
        values = [v for _p, v in options]
        # Newest first: the series (its last meeting the 19th), then the Träff 4s.
        assert values[:3] == [ids[2], ids[1], ids[0]]
        assert all(p.startswith("Klientmöte – Lind › ") for p, _v in options[:3])
        assert options[1][0].startswith("Klientmöte – Lind › 2. Dec 12, 2026")
        assert "1 open action" in options[1][0]
        träff = [p for p, _v in options[3:]]
        assert (
            len(set(träff)) == 2 and "Ada" in träff[0] + träff[1] and "Olle" in träff[0] + träff[1]
        )

    run(scenario, db=db, set_ref="raseborg-klientmote")
