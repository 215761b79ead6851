"""Who has the floor, as the scribe sees it and types it: the newcomer review's N2 and N4.

Each test presses the keys the review pressed and waits on what the screen shows (the
speaker strip, the question), then checks whom the store filed each answer under.
"""

from __future__ import annotations

from tui_helpers import run, seeded_meeting, text_of, type_text, until

from dialogtui.store import Store
from dialogtui.tui.dialogs.people import ParticipantDialog


async def shows(pilot, what, text: str) -> None:
    """Wait until `what()` (a widget's text) holds `text`; else fail, saying what it held."""
    try:
        await until(pilot, lambda: text in what())
    except AssertionError:
        raise AssertionError(f"{text!r} never shown; it shows:\n{what()}") from None


def panes(app):
    screen = app.screen
    strip = lambda: text_of(screen.query_one("#speakers"))  # noqa: E731
    question = lambda: text_of(screen.query_one("#question"))  # noqa: E731
    return strip, question


def last_turn(app) -> str:
    """The transcript's last line: the turn just saved."""
    transcript = app.screen.query_one("#transcript")
    if not transcript.option_count:
        return ""
    return str(transcript.get_option_at_index(transcript.option_count - 1).prompt)


def turns_by_name(db, meeting_id) -> list[tuple[str, str, bool]]:
    store = Store.open(db)
    try:
        names = {p.id: p.name for p in store.participants(meeting_id)}
        return [(names[t.participant_id], t.text, t.passed) for t in store.turns(meeting_id)]
    finally:
        store.close()


def test_f2_in_a_round_over_organisations_gives_the_floor_to_the_next_one(tmp_path):
    # N2: Träff 4's case map, F2 "Hur kan ni stödja barnet?": BUP passes; the fritid
    # leader's answer went under BUP, and the strip showed "▶4:BUP✓".
    db = tmp_path / "db"
    people = [("Ada", "skola", "Karis skola"), ("Cia", "socialtjanst"), ("Tove", None, "BUP")]
    people.append(("Fia", None, "Fritid"))
    mid = seeded_meeting(db, "samtidigt-traff-4", people, step="casekarta", consent_given=True)

    async def scenario(app, pilot):
        strip, question = panes(app)
        await pilot.press("alt+down")
        await shows(pilot, question, "Q2/2")
        await shows(pilot, strip, "▶1:Karis skola")
        await type_text(pilot, "Skolan erbjuder en mentor.")
        await pilot.press("enter")
        await shows(pilot, strip, "▶1:Karis skola✓")  # a turn keeps the floor
        await pilot.press("tab", "tab")
        await shows(pilot, strip, "▶3:BUP")
        await pilot.press("f2")
        await shows(pilot, strip, "3:BUP–  ▶4:Fritid")  # passed, shown as a pass
        await type_text(pilot, "Pojken kan börja i fotbollsgruppen på tisdagar.")
        await pilot.press("enter")
        await shows(pilot, strip, "3:BUP–  ▶4:Fritid✓")

    run(scenario, db=db, meeting_id=mid)
    assert turns_by_name(db, mid) == [
        ("Ada", "Skolan erbjuder en mentor.", False),
        ("Tove", "", True),
        ("Fia", "Pojken kan börja i fotbollsgruppen på tisdagar.", False),
    ]


def test_tab_in_a_round_of_each_person_goes_to_their_first_question(tmp_path):
    # N4 repro A: Raseborg's authorities. After Sara's F1, tab left Mikael on F2; after
    # Mikael's F4 the strip said "round complete" with Sara's F2–F4 unanswered.
    db = tmp_path / "db"
    people = [("Anna Lind", "familj"), ("Sara Holm", "myndighet"), ("Mikael Berg", "myndighet")]
    mid = seeded_meeting(db, "raseborg-klientmote", people, step="myndigheterna")

    async def scenario(app, pilot):
        strip, question = panes(app)
        await shows(pilot, strip, "▶1:Sara Holm  2:Mikael Berg")
        await type_text(pilot, "Jag har haft täta kontakter med skolan.")
        await pilot.press("enter")
        await shows(pilot, question, "Q2/4")
        await pilot.press("tab")
        await shows(pilot, strip, "▶2:Mikael Berg")
        await shows(pilot, question, "Q1/4")  # his first question, not Sara's next
        assert "1:Sara Holm  ▶2" in strip()  # Sara is not done: no ✓ yet
        for n in range(1, 5):
            await type_text(pilot, f"Mikaels svar {n}.")
            await pilot.press("enter")
            await shows(pilot, lambda: last_turn(app), f"Mikaels svar {n}.")
        await shows(pilot, strip, "▶1:Sara Holm  2:Mikael Berg✓")  # back to Sara, on F2
        await shows(pilot, question, "Q2/4")
        assert "round complete" not in strip()

    run(scenario, db=db, meeting_id=mid)
    assert [(name, text) for name, text, _ in turns_by_name(db, mid)] == [
        ("Sara Holm", "Jag har haft täta kontakter med skolan."),
        *[("Mikael Berg", f"Mikaels svar {n}.") for n in range(1, 5)],
    ]


def test_someone_added_with_ctrl_l_joins_the_round_on_their_first_question(tmp_path):
    # N4 repro B: Lisa joins a family round everyone has answered; it stayed "complete",
    # Lisa had no ▶, and f6 4 put her on the last question.
    db = tmp_path / "db"
    family = [("Anna Lind", "familj"), ("Erik Lind", "familj")]
    mid = seeded_meeting(db, "raseborg-klientmote", family)

    async def scenario(app, pilot):
        strip, question = panes(app)
        for n in range(10):
            await type_text(pilot, f"svar {n}")
            await pilot.press("enter")
        await shows(pilot, strip, "round complete")
        await pilot.press("ctrl+l")
        await until(pilot, lambda: isinstance(app.screen, ParticipantDialog))
        await type_text(pilot, "Lisa Nyberg")
        app.screen.query_one("#p-role").value = "familj"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not isinstance(app.screen, ParticipantDialog))
        strip, question = panes(app)
        await shows(pilot, strip, "▶3:Lisa Nyberg")
        await shows(pilot, question, "Q1/5")
        assert "round complete" not in strip()
        await type_text(pilot, "Att vi äter middag tillsammans.")
        await pilot.press("enter")
        await shows(pilot, question, "Q2/5")  # her next question, not the next person

    run(scenario, db=db, meeting_id=mid)
    assert turns_by_name(db, mid)[-1] == ("Lisa Nyberg", "Att vi äter middag tillsammans.", False)
