"""The search across meetings in the app (issue 32): words typed find what was said in any
meeting, under its meeting, with its step and speaker; enter opens the meeting's read-back at
that turn (or note, or action); a deleted turn is never offered; a meeting open in another
dialogtui is said so, and the search stays."""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting
from tui_helpers import START, burst, handled, run, screen_text, type_text, until

from dialogtui.meeting.clock import FakeClock
from dialogtui.questionset.kinds import StepKind
from dialogtui.records import ActionItem, MeetingStatus, NoteKind
from dialogtui.store import Store

PEOPLE = [("Anna Lind", "familj"), ("Sara Berg", "myndighet")]


def a_series(db) -> dict[str, int]:
    """Two client meetings of the Lind family a week apart, the first ended: what was said of
    football in both, a decision and an action in the first; and a turn deleted later."""
    store = Store.open(db)
    ids: dict[str, int] = {}
    first = new_meeting(
        store, "raseborg-klientmote", PEOPLE, title="Klientmöte – Lind", date=dt.date(2026, 12, 5)
    )
    first.start()
    first.submit("Att Erik går till skolan varje dag.")
    ids["turn"] = first.submit("Att Erik får spela fotboll med laget på lördagar.").id
    ids["deleted"] = first.submit("Erik hatar simträningen.").id
    first.turns.delete(ids["deleted"])
    ids["decision"] = first.notes.add(NoteKind.decision, "Fotbollen är Eriks egen tid.").id
    first.goto_step(first.qs.first_step_of(StepKind.action_planning))
    ids["action"] = first.actions.add(ActionItem("Ringa fotbollstränaren", who="Sara Berg")).id
    first.finish()
    ids["first"] = first.id
    first.close()
    second = new_meeting(
        store,
        "raseborg-klientmote",
        PEOPLE,
        title="Klientmöte – Lind",
        date=dt.date(2026, 12, 12),
        previous_id=ids["first"],
    )
    second.start()
    ids["later"] = second.submit("Fotbollen går bra, Erik har börjat i ett nytt lag.").id
    ids["second"] = second.id
    second.close()
    store.close()
    return ids


async def searching(app, pilot, query: str = ""):
    """The search screen over the start screen, as ctrl+f opens it, with `query` typed."""
    from dialogtui.tui.screens.search import SearchScreen

    await app.push_screen(SearchScreen())
    await until(pilot, lambda: isinstance(app.screen, SearchScreen))
    if query:
        await type_text(pilot, query)
    await until(pilot, lambda: found(app) == query)
    return app.screen


def found(app) -> str | None:
    """The query whose hits the search screen shows."""
    shown = getattr(app.screen, "_found", None)
    return None if shown is None else shown.query


def flat(app) -> str:
    return " ".join(screen_text(app).split())


def test_words_typed_find_turns_notes_and_actions_under_their_meetings(tmp_path):
    db = tmp_path / "db"
    a_series(db)

    async def scenario(app, pilot):
        await searching(app, pilot, "fotb")
        shown = flat(app)
        # Newest meeting first, each hit with its step and who said it, the deleted turn not.
        assert shown.index("Dec 12, 2026 · Klientmöte – Lind") < shown.index("Dec 5, 2026")
        assert "unfinished" in shown.split("Dec 5, 2026")[0]
        assert "Anna Lind" in shown and "1. Frågor till familjemedlemmarna" in shown
        assert "Att Erik får spela fotboll med laget på lördagar." in shown
        assert "decision" in shown and "Fotbollen är Eriks egen tid." in shown
        assert "4 found" in shown

    run(scenario, db=db)


def test_enter_opens_the_read_back_at_the_turn_found(tmp_path):
    from dialogtui.tui.screens.end import EndScreen
    from dialogtui.tui.screens.read_back import ReadBackScreen
    from dialogtui.tui.screens.search import SearchScreen

    db = tmp_path / "db"
    ids = a_series(db)

    async def scenario(app, pilot):
        await searching(app, pilot, "lördagar")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen))
        read = app.screen
        assert read.current is not None and read.current.id == ids["turn"]
        assert "Step 1/" in flat(app) and "spela fotboll med laget på lördagar" in flat(app)
        # escape: back at the search, the meeting let go (its end screen never shown).
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        assert not any(isinstance(s, EndScreen) for s in app.screen_stack)

    run(scenario, db=db)
    store = Store.open(db)
    assert store.meeting_row(ids["first"]).status is MeetingStatus.finished  # not reopened
    store.close()


def test_a_decision_and_an_action_open_at_themselves(tmp_path):
    from dialogtui.tui.screens.read_back import ReadBackScreen

    db = tmp_path / "db"
    ids = a_series(db)

    async def scenario(app, pilot):
        for query, part, ref in (
            ("egen tid", "decisions", ids["decision"]),
            ("ringa", "actions", ids["action"]),
        ):
            await searching(app, pilot, query)
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, ReadBackScreen))
            entry = app.screen.current_entry
            assert entry is not None and (entry.part, entry.item) == (part, ref)
            await pilot.press("escape", "escape")  # read-back, search
            await until(pilot, lambda: len(app.screen_stack) == 1)

    run(scenario, db=db)


def test_a_deleted_turn_is_not_offered(tmp_path):
    db = tmp_path / "db"
    a_series(db)

    async def scenario(app, pilot):
        await searching(app, pilot, "simträningen")
        assert "No meeting says “simträningen”." in flat(app)
        assert "hatar" not in flat(app)

    run(scenario, db=db)


def test_an_unfinished_meeting_is_read_at_the_turn_its_clock_never_running(tmp_path):
    """A hit of an unfinished meeting: its read-back at the turn, and escape back to the
    search. Opened to read, the meeting is not resumed: ten minutes of reading are not ten
    minutes of its step, and it is let go (not locked) once the search is back."""
    from dialogtui.tui.screens.capture import CaptureScreen
    from dialogtui.tui.screens.read_back import ReadBackScreen
    from dialogtui.tui.screens.search import SearchScreen

    db = tmp_path / "db"
    ids = a_series(db)
    store = Store.open(db)
    before = store.step_times(ids["second"])
    store.close()
    clock = FakeClock(START)

    async def scenario(app, pilot):
        await searching(app, pilot, "nytt lag")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen))
        assert app.screen.current is not None and app.screen.current.id == ids["later"]
        assert not any(isinstance(s, CaptureScreen) for s in app.screen_stack)
        clock.advance(minutes=10)  # the scribe reads
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        app.store.lock(ids["second"])  # let go: it can be opened again
        app.store.unlock(ids["second"])

    run(scenario, db=db, clock=clock)
    store = Store.open(db)
    assert store.step_times(ids["second"]) == before
    assert store.meeting_row(ids["second"]).status is MeetingStatus.open
    store.close()


def test_a_participant_found_opens_the_meeting_itself(tmp_path):
    from dialogtui.tui.screens.end import EndScreen

    db = tmp_path / "db"
    a_series(db)

    async def scenario(app, pilot):
        await searching(app, pilot, "Berg")
        assert "participant" in flat(app)
        # The newest meeting's people first: its Sara Berg; ↓ to the first meeting's.
        await pilot.press("down", "enter")
        await until(pilot, lambda: isinstance(app.screen, EndScreen))

    run(scenario, db=db)


def test_a_meeting_open_in_another_dialogtui_is_said_and_the_search_stays(tmp_path):
    import subprocess
    import sys

    from dialogtui.tui.screens.search import SearchScreen

    db = tmp_path / "db"
    ids = a_series(db)
    # The lock is per process: another dialogtui holds the second meeting open.
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from dialogtui.store import Store; s = Store.open(sys.argv[1]);"
            " s.lock(int(sys.argv[2])); print('held', flush=True); sys.stdin.read()",
            str(db),
            str(ids["second"]),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"

    async def scenario(app, pilot):
        await searching(app, pilot, "nytt lag")
        await pilot.press("enter")
        await until(pilot, lambda: "open in another dialogtui" in flat(app))
        await pilot.press("escape")  # the dialog closed: the search is still there
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        assert "Fotbollen går bra" in flat(app)

    try:
        run(scenario, db=db)
    finally:
        holder.communicate("")


def test_typing_on_finds_again_and_enter_first_shows_what_is_typed(tmp_path):
    from dialogtui.tui.screens.search import SearchScreen

    db = tmp_path / "db"
    a_series(db)

    async def scenario(app, pilot):
        screen = await searching(app, pilot, "fotboll")
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await type_text(pilot, "zzz")
        await pilot.press("enter")  # what is listed is not what is typed: it is found first
        await until(pilot, lambda: found(app) == "fotzzz")
        assert app.screen is screen and isinstance(app.screen, SearchScreen)
        assert "No meeting says “fotzzz”." in flat(app)

    run(scenario, db=db, clock=FakeClock(START))


def test_ctrl_f_on_the_start_screen_searches_what_was_typed_and_help_says_how(tmp_path):
    from dialogtui.tui.screens.search import SearchScreen

    db = tmp_path / "db"
    a_series(db)

    async def scenario(app, pilot):
        await type_text(pilot, "lördagar")
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await until(pilot, lambda: found(app) == "lördagar")
        assert "Att Erik får spela fotboll med laget på lördagar." in flat(app)
        await type_text(pilot, " fot")  # what the start screen held goes on
        await until(pilot, lambda: found(app) == "lördagar fot")
        assert "1 found" in flat(app)
        await pilot.press("f1")
        await until(pilot, lambda: "The same search on the command line" in flat(app))
        assert "Each word typed finds the words that" in flat(app)
        await pilot.press("escape", "escape")  # help, then the search: the start again
        await until(pilot, lambda: len(app.screen_stack) == 1)

    run(scenario, db=db, size=(80, 40))  # the help whole, without scrolling


def test_what_a_search_finds_after_the_screen_closed_is_let_go(tmp_path):
    from dialogtui.tui.screens.search import Found, SearchScreen

    db = tmp_path / "db"
    a_series(db)

    async def scenario(app, pilot):
        screen = await searching(app, pilot, "fotb")
        await pilot.press("escape")
        await until(pilot, lambda: not isinstance(app.screen, SearchScreen))
        screen._show(Found("fotb", [], 0, []))  # as a worker's answer arriving late does
        await pilot.pause()
        assert len(app.screen_stack) == 1

    run(scenario, db=db)


KEYS = st.one_of(
    st.sampled_from(["fot", "b", "Lind", "lör", "ringa", "egen", "nytt", "ä", "o", " "]),
    st.just("<backspace>"),
    st.just("<enter>"),
    st.just("<wait>"),  # until what is typed is found and shown
)


@settings(max_examples=15)
@given(st.lists(KEYS, min_size=1, max_size=14))
@example(["fot", "<wait>", "ä", "<enter>"])  # the words before found, then a letter typed
def test_enter_opens_only_a_hit_of_what_is_typed(keys):
    """Whatever is typed, deleted and entered, at whatever pace the searches come back:
    enter opens a hit only where the words in the box find it, never one of the words
    typed before."""
    import tempfile
    from pathlib import Path

    from dialogtui.finding import matches

    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "db"
        a_series(db)
        opened: list[tuple[str, object]] = []

        async def scenario(app, pilot):
            screen = await searching(app, pilot)
            box = screen.query_one("#finding-query")
            open_at = app.open_at

            def recorded(hit):
                opened.append((box.value, hit))
                open_at(hit)

            app.open_at = recorded
            for key in keys:
                if key == "<wait>":
                    await until(pilot, lambda: found(app) == box.value)
                    continue
                # As a fast typist: each key the moment the one before it was handled, no
                # pause for a search to come back.
                burst(app, key)
                await handled(app)
                if key == "<enter>":
                    for _ in range(3):  # back from what it opened: the read-back, an end
                        if app.screen is screen:
                            break
                        await pilot.press("escape")
                        await pilot.pause()
                    if app.screen is not screen:  # an unfinished meeting's capture screen
                        return

        run(scenario, db=db)
        for typed, hit in opened:
            assert matches(typed, f"{hit.text} {hit.speaker}"), (typed, hit)


def test_long_hits_are_made_in_the_worker_and_marked_only_around_the_words(tmp_path, monkeypatch):
    """200 hits of 100 kB froze the app for 13 s: each was marked whole on the screen's
    thread before being cut. Now a hit's lines are made in the search's worker, from a window
    around the first word found, and the screen's thread marks nothing."""
    import threading

    import dialogtui.export.hits as hits_module
    import dialogtui.tui.screens.search as search_module
    from dialogtui.finding import marks

    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "raseborg-klientmote", PEOPLE, title="Klientmöte – Lind")
    m.start()
    text = "Fotboll lorem ipsum dolor sit amet. " * 2800  # 100 kB
    for _ in range(200):
        m.submit(text)
    m.close()
    store.close()
    marked: list[tuple[int, bool]] = []

    def counting(query: str, said: str) -> list[tuple[int, int]]:
        marked.append((len(said), threading.current_thread() is threading.main_thread()))
        return marks(query, said)

    monkeypatch.setattr(hits_module, "found_marks", counting, raising=False)
    monkeypatch.setattr(search_module, "marks", counting, raising=False)

    async def scenario(app, pilot):
        screen = await searching(app, pilot, "fotb")
        assert len(screen._found.hits) == 200
        assert "Fotboll lorem ipsum" in flat(app)
        await pilot.press("escape")
        await until(pilot, lambda: screen not in app.screen_stack)
        assert marked and not any(main for _n, main in marked)  # none on the screen's thread
        # A window of about two lines each, never the text: 200 × 100 kB would be 20 MB.
        assert sum(n for n, _main in marked) <= 3 * 200 * 2 * 200

    run(scenario, db=db)


@given(
    st.text(st.characters(codec="utf-8"), max_size=400),
    st.text(st.characters(codec="utf-8"), max_size=80),
    st.sampled_from(["fotb", "lag", "a", "ö x", "träff"]),
    st.integers(20, 200),
)
@example("000000000000000\n0", "\n0", "fotb", 20)  # a step's title of two lines
def test_a_hits_lines_fit_the_width_they_were_made_for(text, step, query, width):
    """Each line of a hit is within the list's width, never wrapped again by the list (a line
    it wrapped was measured short, and a hit's text went missing): one "where" line, at most
    two of its text."""
    from rich.cells import cell_len

    from dialogtui.records import Hit, HitKind
    from dialogtui.tui.screens.search import Found, SearchScreen

    hit = Hit(
        1, "Möte", dt.date(2026, 12, 5), MeetingStatus.open, HitKind.action, 7, 3, 1,
        "Sara Berg", text,
    )  # fmt: skip
    found = Found(query, [hit], 1, [step])
    lines = SearchScreen._hit_lines(hit, found, 0, width).plain.split("\n")
    assert 1 <= len(lines) <= 3
    assert all(cell_len(line) <= width for line in lines), lines
