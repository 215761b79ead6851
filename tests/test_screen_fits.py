"""At 80×24 and 60×20, with five long names and the longest step title, the capture screen
keeps its essential lines: the step and its clock, the question, whose turn it is, what was
saved last, the text box and the footer's keys (the newcomer review's defects 3, 4, 21, 24)."""

from __future__ import annotations

import re

import pytest
from tui_helpers import burst, run, screen_text, seeded_meeting, until

LONG = [
    "Anna-Karin Johansson-Lindqvist",
    "Mohammed Abdulrahman Al-Hassan",
    "Kristoffer Gustafsson-Bergström",
    "Maria Magdalena Eriksson",
    "Per-Olof Andersson Nyström",
]
# (set, role of everyone, step to go to, what the step asks or shows)
STEPS = [
    ("samtidigt-traff-2", "skola", 0, "En startrunda"),
    ("samtidigt-traff-6", "skola", 2, "Reflekterande team"),  # a long title
    ("hva-planlegging", None, 1, "Hva er det du håper"),  # the longest title
    ("raseborg-orons-zoner", None, 0, "Press 1–7"),  # a scale
    ("dialogredskab-3-samarbejdsrelationer", None, 0, "Hvad kendetegner"),  # a choice
    ("samtidigt-traff-2", "skola", 4, "Finns det områden"),  # the action plan
    ("samtidigt-traff-4", "skola", 5, "Vad behöver du/ni"),  # optional: its condition below
    ("samtidigt-traff-4", "skola", 2, "Om ett urval behöver ske"),  # a vote: its cards
]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
@pytest.mark.parametrize(("set_id", "role", "step", "asks"), STEPS, ids=[s[0] for s in STEPS])
def test_the_essential_lines_stay_on_screen(tmp_path, size, set_id, role, step, asks):
    db = tmp_path / "db"
    # Each of their own organisation: a round over organisations (Träff 4) has them all.
    people = [(name, role, f"Förvaltning {n}") for n, name in enumerate(LONG, start=1)]
    mid = seeded_meeting(db, set_id, people, consent_given=True)

    async def scenario(app, pilot):
        screen = app.screen

        def arrive() -> None:
            screen.engine.goto_step(step)
            screen.engine.set_speaker(screen.engine.speakers()[1].id)

        screen.run(arrive)
        burst(app, "<f4>", "Ett beslut", "<ctrl+s>")  # something saved, in every kind of step
        await until(pilot, lambda: "✓ saved decision" in screen_text(app))
        lines = screen_text(app).splitlines()
        assert lines[0].startswith(f" Step {step + 1}/"), lines[0]
        # A case has a line of its own, but in a short window.
        first = 2 if screen.engine.qs.block_at(step) is not None and size[1] >= 24 else 1
        assert lines[first].startswith(" Time "), lines[first]
        assert any(asks in line for line in lines[first + 1 : first + 4]), lines[first + 1 :]
        strip = next(n for n, line in enumerate(lines) if re.search(r"1:\S.*▶2:\S", line))
        status = lines[strip + 1]
        # Who speaks, shortened as the width needs (in a round over organisations, after
        # the organisation whose floor it is).
        assert "✓ saved decision" in status and re.search(r"Speaking: .*(Mohammed|MAAH)", status)
        assert any("enter saves" in line for line in lines), "the text box"
        assert "tab Who" in lines[-1] or "Mark" in lines[-1], lines[-1]
        if size[0] >= 80:
            assert "^o End" in lines[-1] and "f1 Help" in lines[-1], lines[-1]

    run(scenario, db=db, meeting_id=mid, size=size)
