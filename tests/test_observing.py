"""The capture screen's widgets follow its state (dialogtui.meeting.state): each redraws
when the part it shows changed, and the clock is not drawn where it cannot be seen."""

from __future__ import annotations

from tui_helpers import START, burst, run, screen_text, seeded_meeting, text_of, until

from dialogtui.meeting.clock import FakeClock
from dialogtui.tui.screens.capture import Tick
from dialogtui.tui.screens.end import EndScreen

PEOPLE = [("Ada", "skola"), ("Per", "socialtjanst"), ("Lena", "skola")]


def test_the_clock_is_not_drawn_under_the_end_screen_but_is_under_a_dialog(tmp_path):
    db = tmp_path / "db"
    clock = FakeClock(START)
    mid = seeded_meeting(db, "samtidigt-traff-3", PEOPLE, clock=clock)

    async def scenario(app, pilot):
        capture = app.screen
        header, strip = capture.query_one("#step-header"), capture.query_one("#speakers")
        drawn: list[str] = []
        for widget in (header, strip):
            show = widget.show
            widget.show = lambda *args, _show=show, _id=widget.id: (
                drawn.append(_id),
                _show(*args),
            )[1]
        ticks: list[int] = []
        autosave = capture.autosave

        def counted() -> bool:
            ticks.append(1)
            return autosave()

        capture.autosave = counted

        async def tick() -> None:  # one tick, handled (it saves, whatever it draws)
            seen = len(ticks)
            capture.post_message(Tick())
            await until(pilot, lambda: len(ticks) > seen)

        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        drawn.clear()
        for _ in range(3):
            clock.advance(seconds=20)
            await tick()
        assert drawn == []  # covered by the end screen: its clocks are not drawn
        await pilot.press("b")  # back to the meeting (open again): drawn at once
        await until(pilot, lambda: app.screen is capture and drawn != [])
        await pilot.press("f4")  # a dialog over the screen, which shows under it
        await until(pilot, lambda: app.screen is not capture)
        clock.advance(minutes=1)
        await tick()
        assert "Time 01:00" in text_of(header)

    run(scenario, db=db, meeting_id=mid, clock=clock)


def test_a_speaker_change_redraws_neither_the_turns_nor_the_question(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE)

    async def scenario(app, pilot):
        capture = app.screen
        question, transcript = capture.query_one("#question"), capture.query_one("#transcript")
        shown: list[object] = []
        show = question.show
        question.show = lambda *args: (shown.append(args), show(*args))[1]
        renders = transcript.renders
        before = capture.engine.pos.speaker_id
        await pilot.press("tab")
        await until(pilot, lambda: capture.engine.pos.speaker_id != before)
        assert shown == [] and transcript.renders == renders
        await pilot.press("f9")  # the notes shown: the question panel, and only it
        await until(pilot, lambda: len(shown) == 1)
        assert transcript.renders == renders

    run(scenario, db=db, meeting_id=mid)


def test_a_group_renamed_is_renamed_in_the_turns_shown(tmp_path):
    # The transcript followed the turns alone: a group renamed in f7 stayed under its old
    # name in the turns on screen (and in f8's list) until the step was left and come back to.
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-1", PEOPLE, step="grupparbete")

    async def scenario(app, pilot):
        burst(app, "<f6>", "Grupp A", "<enter>", "Vi tycker", "<enter>")
        await until(pilot, lambda: "Grupp A: Vi tycker" in screen_text(app))
        burst(app, "<f7>", "<end>", "<enter>", "X", "<ctrl+s>", "<escape>")
        await until(pilot, lambda: "Grupp AX" in screen_text(app))
        await until(pilot, lambda: "Grupp AX: Vi tycker" in screen_text(app))

    run(scenario, db=db, meeting_id=mid)
