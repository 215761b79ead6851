"""Decisions, concerns and the consent note can be seen, corrected and deleted after they
were saved — in the app (f7, the palette) and on the command line (the newcomer review's
defect 6) — and the minutes carry them in full."""

from __future__ import annotations

from meeting_helpers import new_meeting
from textual.widgets import TextArea
from tui_helpers import PEOPLE_THREE, burst, run, screen_text, seeded_meeting, until

from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.records import NoteKind
from dialogtui.store import Store
from dialogtui.tui.dialogs.base import TextDialog
from dialogtui.tui.dialogs.notes import NotesDialog
from dialogtui.tui.screens.capture import CaptureScreen


async def clear(pilot, app):
    """Empty the dialog's text box, as the scribe would, seeing it empty before typing.
    (Keys that a text box handles through its bindings, such as ctrl+u, are run only after
    they have gone round the app; typed in one burst with ctrl+s they would come too late.)"""
    box = app.screen.query_one(TextArea)
    burst(app, "<end>", "<ctrl+u>")
    await until(pilot, lambda: box.text == "")


def _notes(db, mid):
    store = Store.open(db)
    try:
        return [(n.kind, n.text) for n in store.notes(mid)]
    finally:
        store.close()


def test_f7_lists_corrects_and_deletes_decisions_and_concerns(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-5", PEOPLE_THREE, consent_given=True)

    async def scenario(app, pilot):
        capture = app.screen
        burst(app, "<f4>", "Nästa träf 21 april", "<ctrl+s>", "<f5>", "Fel oro", "<ctrl+s>")
        await until(pilot, lambda: len(capture.engine.notes.all()) == 2)
        # Correct the typo in the decision: f7, enter edits the first; what is typed right
        # after enter is in the box.
        burst(app, "<f7>", "<enter>", "!")
        await until(pilot, lambda: isinstance(app.screen, TextDialog))
        await until(pilot, lambda: app.screen.query_one(TextArea).text.endswith("april!"))
        await clear(pilot, app)
        burst(app, "Nästa träff 21 april", "<ctrl+s>")
        await until(pilot, lambda: capture.engine.notes.all()[0].text == "Nästa träff 21 april")
        await until(pilot, lambda: isinstance(app.screen, NotesDialog))  # back in the list
        await until(pilot, lambda: "Decision · step 1: Nästa träff 21 april" in screen_text(app))
        burst(app, "<down>", "<delete>", "<delete>")  # delete the concern, and say so
        await until(pilot, lambda: len(capture.engine.notes.all()) == 1)
        await until(pilot, lambda: isinstance(app.screen, NotesDialog))
        await until(pilot, lambda: "Fel oro" not in screen_text(app))
        burst(app, "<escape>", "Tur efter")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        await until(pilot, lambda: app.screen.query_one("#draft").text == "Tur efter")

    run(scenario, db=db, meeting_id=mid, size=(100, 30))
    assert _notes(db, mid) == [(NoteKind.decision, "Nästa träff 21 april")]


def test_the_consent_note_is_corrected_from_the_list_and_the_palette_finds_it(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(
        db, "samtidigt-traff-4", PEOPLE_THREE, consent_given=True, consent_note="muntligt"
    )

    async def scenario(app, pilot):
        commands = [c.title for c in app.screen.palette_commands()]
        assert "Decisions, concerns and consent…" in commands
        burst(app, "<f7>")
        await until(pilot, lambda: isinstance(app.screen, NotesDialog))
        assert "Consent (given): muntligt" in screen_text(app)
        burst(app, "<enter>")
        await until(pilot, lambda: isinstance(app.screen, TextDialog))
        await clear(pilot, app)
        burst(app, "Skriftligt samtycke 2027-01-10", "<ctrl+s>", "<escape>")
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))

    run(scenario, db=db, meeting_id=mid, size=(100, 30))
    store = Store.open(db)
    assert store.meeting_info(mid).consent_note == "Skriftligt samtycke 2027-01-10"
    assert "Skriftligt samtycke 2027-01-10" in render_minutes(load_record(store, mid))
    store.close()


def test_the_command_line_lists_corrects_and_deletes_notes(cli):
    store = Store.open()
    m = new_meeting(store, "raseborg-klientmote", [("Anna Lind", "familj")], consent_note="x")
    m.start()
    decision = m.notes.add(NoteKind.decision, "Uppföljning om ett halvar")
    concern = m.notes.add(NoteKind.concern, "Frånvaron")
    m.close()
    store.close()
    listed = cli("notes", m.id).out
    assert f"{decision.id:>4}  decision    step 1    Uppföljning om ett halvar" in listed
    assert cli("notes", m.id, "--edit", decision.id, "Uppföljning om ett halvår").code == 0
    assert cli("notes", m.id, "--delete", concern.id).code == 0
    assert cli("notes", m.id, "--consent", "Muntligt samtycke").code == 0
    listed = cli("notes", m.id).out
    assert "Uppföljning om ett halvår" in listed and "Frånvaron" not in listed
    assert "Muntligt samtycke" in listed
    wrong = cli("notes", m.id, "--delete", 999)
    assert wrong.code != 0 and "note 999 does not exist" in wrong.err
    assert "Traceback" not in wrong.err
    assert "new text" in cli("notes", m.id, "--edit", decision.id).err


def test_the_command_line_leaves_a_meeting_open_in_the_app_alone(cli):
    store = Store.open()
    m = new_meeting(store, "raseborg-klientmote", [("Anna Lind", "familj")])
    note = m.notes.add(NoteKind.decision, "Beslut")
    # `m` holds the meeting's lock, as the app does while the meeting is on screen.
    result = cli("notes", m.id, "--delete", note.id)
    assert result.code != 0 and "Traceback" not in result.err
    m.close()
    store.close()


def test_consent_noted_on_the_command_line_is_given_in_one_true_sentence(cli):
    # N14: `notes --consent "…gav muntligt samtycke"` gave "samtycke saknas (…gav…)".
    store = Store.open()
    m = new_meeting(store, "samtidigt-traff-4", [("Ada", "skola")])  # it asks for consent
    m.close()
    store.close()
    how = "Vårdnadshavarna gav muntligt samtycke 2026-12-01"
    assert cli("notes", m.id, "--consent", how).code == 0
    assert f"consent (given): {how}" in cli("notes", m.id).out
    store = Store.open()
    minutes = render_minutes(load_record(store, m.id))
    store.close()
    consent = [line for line in minutes.splitlines() if "Samtycke" in line]
    assert consent == [f"- **Samtycke:** vårdnadshavarnas samtycke finns: {how}"]


def test_each_cases_consent_is_listed_and_a_case_not_taken_up_says_nothing(cli):
    store = Store.open()
    m = new_meeting(store, "samtidigt-traff-4", [("Ada", "skola")])
    m.start()
    m.goto_step(m.qs.index_of("casekarta"))
    m.submit("Pojke 12 år")
    m.consent.record_case(1, "Skriftligt från mamman")
    m.close()
    store.close()
    assert "case 1: consent given: Skriftligt från mamman" in cli("notes", m.id).out
    store = Store.open()
    minutes = render_minutes(load_record(store, m.id))
    store.close()
    assert "samtycke saknas" not in minutes  # no second case was taken up
    assert "*Samtycke: vårdnadshavarnas samtycke finns: Skriftligt från mamman*" in minutes
