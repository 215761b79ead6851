"""What a new user found on the capture screen in Träff 4's block (cases, a question the
room answers together): what the speaker strip says, the needs kept in sight, the ctrl+r
refusal after the last case, the header at 80 columns, and a turn of nobody's floor."""

from __future__ import annotations

import pytest
from meeting_helpers import new_meeting
from tui_helpers import START, run, screen_text, text_of, until

from dialogtui.kinds import needs
from dialogtui.meeting.clock import FakeClock
from dialogtui.store import Store

PEOPLE = [
    ("Lena Ström", "skola"),
    ("Per Berg", "socialtjanst"),
    ("Anna Ek", "skola"),
    ("Kim Lund", None, "BUP"),
    ("Eva Dahl", "socialtjanst"),
]
NEEDS = [("Skola", "BUP", "Veta vad BUP gör"), ("Socialtjänst", "Skola", "Närvarolistor")]


def seeded(db, setup) -> int:
    store = Store.open(db)
    m = setup(store, FakeClock(START))
    mid = m.id
    m.close()
    store.close()
    return mid


def at_the_collaboration_map(store, clock):
    """Träff 4's collaboration map, two needs written at its first question."""
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE, clock=clock, title="Träff 4")
    m.start()
    m.goto_step(m.qs.index_of("samverkanskarta"))
    for by, to, text in NEEDS:
        needs.add(m.kind_context(), by, to, text)
    m.submit("Skolan behöver veta vad BUP gör")
    return m


def test_at_the_rooms_question_the_strip_says_so_and_the_needs_stay_in_sight(tmp_path):
    db = tmp_path / "db"
    mid = seeded(db, at_the_collaboration_map)

    async def scenario(app, pilot):
        engine = app.screen.engine
        strip = lambda: text_of(app.screen.query_one("#speakers"))  # noqa: E731
        await until(pilot, lambda: engine.step.id == "samverkanskarta")
        await pilot.press("alt+down")  # "Var det något som förvånade?", the room's
        await until(pilot, lambda: "The room answers together" in strip())
        assert "No participants yet" not in strip() and "Nobody speaks" not in strip()
        await pilot.pause()
        shown = screen_text(app)
        assert all(text in shown for _by, _to, text in NEEDS), shown  # not lost at 80×24
        # A turn of the room's: the strip still shows it saved.
        await pilot.press("O", "k", "enter")
        await until(pilot, lambda: "✓ saved" in strip())
        assert "The room answers together" in strip()

    run(scenario, db=db, meeting_id=mid)


def in_the_last_case(store, clock):
    """Träff 4's block (at most 2 cases) in its second case, at the case map."""
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE, clock=clock, title="Träff 4")
    m.start()
    m.goto_step(m.qs.index_of("casekarta"))
    m.cases.name_case("Pojke 9")
    m.repeat_block("Flicka 14")
    return m


def test_ctrl_r_after_the_last_case_says_how_many_the_set_plans(tmp_path):
    db = tmp_path / "db"
    mid = seeded(db, in_the_last_case)

    async def scenario(app, pilot):
        engine = app.screen.engine
        header = lambda: text_of(app.screen.query_one("#step-header"), width=200)  # noqa: E731
        await until(pilot, lambda: "Case 2: Flicka 14" in header())
        assert "ctrl+r: next case;" in header()  # the block's word, in running text
        await pilot.press("ctrl+r")
        said = lambda: [str(n.message) for n in app._notifications]  # noqa: E731
        await until(pilot, lambda: said())
        assert said() == ["The meeting's plan has at most 2 case."]
        assert engine.pos.repetition == 2

    run(scenario, db=db, meeting_id=mid)


@pytest.mark.parametrize("language", ["sv", "fi", "da", "nb", "en"])
def test_the_headers_block_part_fits_80_columns(tmp_path, monkeypatch, language):
    """Each of Träff 4's block steps (the longest kinds, optional and ours among them), the
    case named at length: the keys and how many cases are never cut at 80 columns."""
    from dialogtui import i18n

    db = tmp_path / "db"

    def named(store, clock):
        m = new_meeting(store, "samtidigt-traff-4", PEOPLE, clock=clock, title="Träff 4")
        m.start()
        m.goto_step(m.qs.index_of("casekarta"))
        m.cases.name_case("Pojke 9, frånvaro och utbrott sedan höstlovet i årskurs tre")
        return m

    mid = seeded(db, named)
    monkeypatch.setenv("DIALOGTUI_LANG", language)
    i18n.use(language)
    hint = i18n._("{span} in all; ctrl+r: next {word}; f12: name")
    keys = hint.format(span="1–2", word="case")
    try:

        async def scenario(app, pilot):
            engine = app.screen.engine
            block = range(engine.step_index, engine.qs.index_of("samverkanskarta") + 1)
            for index in block:
                engine.goto_step(index)
                app.screen.observe()
                await until(pilot, lambda i=index: engine.step_index == i)
                await pilot.pause()
                rows = screen_text(app).splitlines()[:3]  # the header's
                assert any(f"({keys})" in row for row in rows), rows
                assert any("Case 1: Pojke 9" in row for row in rows), rows
                assert not rows[0].endswith("…"), rows  # the step's kind, optional, ours

        run(scenario, db=db, meeting_id=mid)
    finally:
        i18n.use("en")
