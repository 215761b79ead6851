"""An ended meeting opened from the start screen (or `dialogtui resume`) shows its end screen
and stays ended: read back, exported, corrected; `escape` goes back to the list and lets the
meeting go, `b` opens it again into the capture screen (the new-user review's N17)."""

from __future__ import annotations

from meeting_helpers import new_meeting
from tui_helpers import START, run, screen_text, until, workers_done

from dialogtui.errors import MeetingLocked
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import MeetingStatus
from dialogtui.store import Store


def ended_meeting(db, title="Klientmöte – Lind", **info) -> int:
    store = Store.open(db)
    m = new_meeting(
        store,
        "raseborg-klientmote",
        [("Anna Lind", "familj")],
        FakeClock(START),
        title=title,
        **info,
    )
    m.start()
    m.submit("Anna berättar om fotbollen")
    m.finish()
    m.close()
    store.close()
    return m.id


def status_of(db, meeting_id) -> MeetingStatus:
    store = Store.open_reader(db)
    try:
        return store.meeting_row(meeting_id).status
    finally:
        store.close()


def still_ended_and_free(db, meeting_id) -> None:
    """Ended in the store, and the lock let go: another writer can take the meeting."""
    assert status_of(db, meeting_id) is MeetingStatus.finished
    store = Store.open(db)
    try:
        store.lock(meeting_id)
        store.unlock(meeting_id)
    finally:
        store.close()


def test_enter_on_an_ended_meeting_opens_its_end_screen_and_leaves_it_ended(tmp_path):
    from dialogtui.tui.screens.end import EndScreen
    from dialogtui.tui.screens.start import StartScreen

    db = tmp_path / "db"
    mid = ended_meeting(db)

    async def scenario(app, pilot):
        await until(pilot, lambda: "Klientmöte – Lind" in screen_text(app))
        for key in "lind":
            await pilot.press(key)
        await until(
            pilot, lambda: app.screen.query_one("#choices").highlighted_option.id == f"m{mid}"
        )
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        assert "Speaking time" in screen_text(app)
        assert status_of(db, mid) is MeetingStatus.finished
        # The meeting is held while its end screen is up: a second dialogtui is refused.
        other = Store.open(db)
        try:
            try:
                other.lock(mid)
            except MeetingLocked:
                pass
            else:
                raise AssertionError("a second window could take the meeting")
        finally:
            other.close()
        await pilot.press("e")  # every export works on it
        await until(pilot, lambda: workers_done(app) and bool(app.screen.exported))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await until(pilot, lambda: "Klientmöte – Lind" in screen_text(app))

    run(scenario, db=db)
    still_ended_and_free(db, mid)


def test_resume_of_an_ended_meeting_shows_its_end_and_b_opens_it_again(tmp_path):
    from dialogtui.tui.screens.capture import CaptureScreen
    from dialogtui.tui.screens.end import EndScreen, ReopenDialog

    db = tmp_path / "db"
    mid = ended_meeting(db)

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        assert status_of(db, mid) is MeetingStatus.finished
        await pilot.press("b")  # asks first: it was ended before
        await until(pilot, lambda: isinstance(app.screen, ReopenDialog))
        assert "Klientmöte – Lind" in screen_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        await until(pilot, lambda: status_of(db, mid) is MeetingStatus.open)
        # The capture screen holds it now: no end screen or host below it holds it twice.
        assert not any(isinstance(s, EndScreen) for s in app.screen_stack)
        assert len(app.screen_stack) == 2

    run(scenario, db=db, meeting_id=mid)
    assert status_of(db, mid) is MeetingStatus.open
    store = Store.open(db)
    store.lock(mid)  # let go when the app quit
    store.close()


def test_a_correction_read_back_on_an_ended_meeting_is_saved_and_it_stays_ended(tmp_path):
    from dialogtui.tui.screens.end import EndScreen
    from dialogtui.tui.screens.read_back import ReadBackScreen

    db = tmp_path / "db"
    mid = ended_meeting(db)

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        await pilot.press("r")
        await until(pilot, lambda: isinstance(app.screen, ReadBackScreen))
        await until(pilot, lambda: "fotbollen" in screen_text(app))
        # Opened from the list, not from the meeting: it says which meeting it reads.
        assert "Klientmöte – Lind (" in screen_text(app)
        assert "Klientmöte – Lind" in app.screen.sub_title
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        await pilot.press("escape")
        await until(pilot, lambda: len(app.screen_stack) == 1)

    run(scenario, db=db, meeting_id=mid)
    still_ended_and_free(db, mid)


def test_an_ended_meeting_another_window_has_is_refused_clearly(tmp_path):
    from dialogtui.tui.dialogs.alerts import ErrorDialog
    from dialogtui.tui.screens.start import StartScreen

    db = tmp_path / "db"
    mid = ended_meeting(db)
    holder = Store.open(db)
    holder.lock(mid)

    async def scenario(app, pilot):
        await until(pilot, lambda: "Klientmöte – Lind" in screen_text(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ErrorDialog))
        assert "open in another" in screen_text(app) or "another" in screen_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))

    run(scenario, db=db)
    holder.close()
    assert status_of(db, mid) is MeetingStatus.finished


def test_an_ended_meeting_is_never_opened_again_by_escape_or_unasked(tmp_path):
    """b on an ended meeting's end asks first; escape there keeps it ended; the end's header
    and summary say which meeting it is; f with no family says what to do in the app."""
    from dialogtui.tui.screens.end import EndScreen, ReopenDialog

    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(
        store, "raseborg-klientmote", [("Ola", "myndighet")], FakeClock(START), title="Berg"
    )
    m.start()
    m.submit("Ola berättar")
    m.finish()
    m.close()
    store.close()
    mid = m.id

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        assert "Berg" in app.screen.sub_title and "2026" in app.screen.sub_title
        assert "Berg · " in screen_text(app)
        await pilot.press("f")  # no family: what to do here, not the command line's flag
        said = lambda: " ".join(str(n.message) for n in app._notifications)  # noqa: E731
        await until(pilot, lambda: "journal note (j)" in said())
        assert "--for" not in said()
        await pilot.press("b")
        await until(pilot, lambda: isinstance(app.screen, ReopenDialog))
        assert status_of(db, mid) is MeetingStatus.finished
        await pilot.press("escape")  # keeps it ended
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        assert status_of(db, mid) is MeetingStatus.finished

    run(scenario, db=db, meeting_id=mid)
    still_ended_and_free(db, mid)


def test_escape_on_the_end_of_a_meeting_just_ended_leaves_it_ended(tmp_path):
    from dialogtui.tui.screens.end import EndScreen

    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "raseborg-klientmote", [("Anna Lind", "familj")], FakeClock(START))
    m.start()
    m.submit("Anna berättar")
    m.close()
    store.close()

    async def scenario(app, pilot):
        await until(pilot, lambda: "berättar" in screen_text(app))
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        await until(pilot, lambda: status_of(db, m.id) is MeetingStatus.finished)
        await pilot.press("escape")
        await pilot.press("x")  # anything after: the screen has taken escape
        assert isinstance(app.screen, EndScreen)
        assert status_of(db, m.id) is MeetingStatus.finished

    run(scenario, db=db, meeting_id=m.id)


def test_back_from_an_ended_meeting_of_a_series_the_cursor_is_on_it(tmp_path):
    from dialogtui.tui.screens.end import EndScreen
    from dialogtui.tui.screens.start import StartScreen

    db = tmp_path / "db"
    first = ended_meeting(db)
    store = Store.open(db)
    m = new_meeting(
        store,
        "raseborg-klientmote",
        [("Anna Lind", "familj")],
        FakeClock(START),
        title="Klientmöte – Lind",
        previous_id=first,
    )
    m.start()
    m.finish()
    m.close()
    store.close()

    def highlighted(app) -> str | None:
        option = app.screen.query_one("#choices").highlighted_option
        return option.id if option is not None else None

    async def scenario(app, pilot):
        await until(pilot, lambda: highlighted(app) is not None)
        assert (highlighted(app) or "").startswith("g")  # the series, folded
        await pilot.press("enter")  # opens it
        await until(pilot, lambda: "Klientmöte – Lind" in screen_text(app))
        await pilot.press("down")
        await until(pilot, lambda: (highlighted(app) or "").startswith("m"))
        chosen = highlighted(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await until(pilot, lambda: highlighted(app) == chosen)

    run(scenario, db=db)


def test_the_palette_goes_back_to_the_start_with_the_meeting_saved_and_open(tmp_path):
    from dialogtui.tui.screens.capture import CaptureScreen
    from dialogtui.tui.screens.help import HelpScreen, sections
    from dialogtui.tui.screens.start import StartScreen

    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(
        store, "raseborg-klientmote", [("Anna Lind", "familj")], FakeClock(START), title="Lind"
    )
    m.start()
    m.close()
    store.close()

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        await pilot.press("f1")
        await until(pilot, lambda: isinstance(app.screen, HelpScreen))
        said = [text for _, rows in sections(app.screen.under) for _, text in rows]
        assert any("Back to the start screen" in text for text in said)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        await pilot.press(*"halvt skrivet")
        await pilot.press("ctrl+p")
        await pilot.press(*"start screen")
        await until(pilot, lambda: "Back to the start screen" in screen_text(app))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, StartScreen))
        await until(pilot, lambda: "Lind" in screen_text(app))
        assert len(app.screen_stack) == 1

    run(scenario, db=db, meeting_id=m.id)
    assert status_of(db, m.id) is MeetingStatus.open
    store = Store.open(db)
    try:
        store.lock(m.id)  # let go
        store.unlock(m.id)
        assert "halvt skrivet" in MeetingEngine.open(store, m.id, FakeClock(START)).drafts.text()
    finally:
        store.close()
