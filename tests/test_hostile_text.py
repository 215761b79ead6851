"""User text is data, everywhere it is shown: the adversarial review's hostile inputs (H1,
M2, 1.11–1.14, 4.4, 4.8, 4.10–4.17) through every screen and every CLI command.

Brackets must show as typed (never read as markup, never crash), and no control character
may reach the terminal (no ESC, no C1): they show as visible marks (␛) instead.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from exported import named
from hypothesis import given
from hypothesis import strategies as st
from meeting_helpers import new_meeting
from tui_helpers import run, screen_text, until

from dialogtui.display import plain, visible
from dialogtui.kinds import scale as scale_kind
from dialogtui.meeting.clock import FakeClock
from dialogtui.records import ActionItem, ActionStatus, NoteKind
from dialogtui.store import Store

ESC_TITLE = "\x1b]0;PWNED\x1b\\"
CLEAR = "\x1b[2J"
CLIPBOARD = "\x1b]52;c;SGVsbG8=\x07"
LINK = "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\"
C1 = "\x9b2J\x9d0;X\x9c"
HOSTILE = f"[/] [b]fet[/b] {ESC_TITLE}{CLEAR}{CLIPBOARD}{LINK}{C1}\x00\x07 :smile:"
RAW = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def assert_shown_as_data(app, *literals: str) -> str:
    """The screen shows each literal as typed and holds no raw control character."""
    svg = app.export_screenshot()
    assert not RAW.search(svg.replace("\n", "")), "a control character reached the screen"
    text = screen_text(app)
    for literal in literals:
        assert literal in text, f"{literal!r} not on screen:\n{text}"
    return text


SET = r'''
id = "hostile"
title = "Set [/] \u001b]0;SET-PWNED\u001b\\ x"
language = "sv"
method = "Metod [/x] \u001b[2J"
description = """
[1] first line starts with a bracket
"""
consent_required = true
consent_text = "Samtycke [/] krävs"
[source]
document = "x"
[[roles]]
id = "r"
name = "Roll [/]"
[[steps]]
title = "Steg [/x] \u001b]0;STEP-PWNED\u001b\\"
kind = "round"
[[steps.questions]]
text = "Fråga [b]fet[/b]?"
prompts = ["Prompt [/]"]
[[steps]]
title = "Skala [/]"
kind = "scale"
[steps.scale]
points = [
    { value = 1, zone = "Zon [/]", description = "Beskrivning [/x]" },
    { value = 2, zone = "Zon 2", description = "Två" },
]
[[steps]]
title = "Val"
kind = "choice"
[steps.choice]
options = [
    { id = "a", label = "Alternativ [/]", description = "[b]" },
    { id = "b", label = "B", description = "b" },
]
[[steps]]
title = "Plan"
kind = "action_planning"
columns = [{ field = "what", label = "Vad [/]" }, { field = "who", label = "Vem [/x]" }]
[[steps]]
title = "Uppföljning"
kind = "follow_up"
'''


@pytest.fixture
def hostile_set(private_home):
    folder = private_home / "question_sets"
    folder.mkdir(parents=True)
    path = folder / "hostile.toml"
    path.write_text(SET, encoding="utf-8")
    return path


def hostile_meetings(db, clock, set_path):
    """An earlier meeting and a follow-up, with hostile text in every field a user types."""
    store = Store.open(db)
    text = set_path.read_text(encoding="utf-8")
    from dialogtui.meeting.engine import MeetingEngine
    from dialogtui.questionset.loader import parse_question_set
    from dialogtui.records import MeetingInfo, Participant

    qs = parse_question_set(text, "hostile.toml")

    def meeting(title, previous=None):
        people = [Participant("P [/]", "r"), Participant("Anna [mamma]", "r", "Org [/]")]
        info = MeetingInfo(
            set_id=qs.id,
            title=title,
            date=dt.date(2026, 1, 15),
            place=f"Plats {HOSTILE}",
            previous_id=previous,
            participants=people,
            consent_given=True,
        )
        return MeetingEngine.create(store, qs, text, info, clock)

    first = meeting(f"T [/] {ESC_TITLE}")
    first.actions.add(ActionItem("Ring skolan [/x]", who="Anna [mamma]"))
    first.close()
    m = meeting(f"Möte [/] {HOSTILE}", previous=first.id)
    m.start()
    m.submit(f"Tur [/x] {HOSTILE}")
    m.notes.add(NoteKind.decision, f"Beslut [/] {HOSTILE}")
    m.actions.add(ActionItem(f"Ring skolan [/x] {CLEAR}", who="P [/]", how="[b]"))
    (carried,) = m.actions.carried()
    m.actions.follow_up(carried.id, ActionStatus.continued, f"Kommentar [/] {ESC_TITLE}")
    m.goto_step(1)
    scale_kind.rate(m.kind_context(), m.participants[0].id, 1, f"Kommentar [/x] {CLEAR}")
    m.goto_step(0)
    m.close()
    store.close()
    return m.id


def test_every_screen_shows_hostile_text_as_typed(tmp_path, hostile_set):
    db = tmp_path / "db"
    clock = FakeClock(dt.datetime(2026, 1, 15, 9, tzinfo=dt.UTC))
    mid = hostile_meetings(db, clock, hostile_set)

    async def scenario(app, pilot):
        from dialogtui.tui.screens.capture import CaptureScreen

        # The start screen: the meetings' titles and the set's, and its preview.
        await until(pilot, lambda: "Möte [/]" in screen_text(app))
        assert_shown_as_data(app, "Möte [/]", "Set [/] ␛]0;SET-PWNED␛\\ x")
        await pilot.press(*"set-pwned")  # the set (the meetings made from it are found too)
        choices = app.screen.query_one("#choices")
        for _ in range(5):  # past the meetings, to the set
            if (choices.highlighted_option.id or "").startswith("s"):
                break
            await pilot.press("down")
        await until(pilot, lambda: "Steg [/x]" in screen_text(app))
        assert_shown_as_data(app, "Steg [/x] ␛]0;STEP-PWNED", "Fråga [b]fet[/b]?")
        # Set-up: consent text, roles, and the earlier meeting in "Follows up".
        await pilot.press("enter")
        await until(pilot, lambda: "Samtycke [/] krävs" in screen_text(app))
        setup = app.screen
        setup.query_one("#previous").expanded = True
        await pilot.pause()
        assert_shown_as_data(app, "T [/] ␛]0;PWNED")
        setup.query_one("#previous").expanded = False
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is not setup)
        # The meeting itself, step by step.
        app.open_meeting(mid)
        await until(pilot, lambda: "Tur [/x]" in screen_text(app))
        capture = app.screen
        assert isinstance(capture, CaptureScreen)
        assert_shown_as_data(app, "Tur [/x] [/] [b]fet[/b] ␛]0;PWNED", "P [/]", "Steg [/x]")
        await pilot.press("ctrl+n")  # the scale: zones, descriptions, raters
        assert_shown_as_data(app, "Zon [/]", "Beskrivning [/x]", "P [/]")
        await pilot.press("c")  # the comment dialog of the last rating, titled with a name
        await pilot.press("escape")
        await pilot.press("ctrl+n")  # the choice
        assert_shown_as_data(app, "Alternativ [/]")
        await pilot.press("ctrl+n")  # the plan: columns and cells
        assert_shown_as_data(app, "Vad [/]", "Vem [/x]", "Ring skolan [/x] ␛[2J")
        await pilot.press("ctrl+n")  # the follow-up of the earlier meeting's action
        assert_shown_as_data(app, "Ring skolan [/x]", "Anna [mamma]", "Kommentar [/] ␛]0;")
        await pilot.press("ctrl+g")  # the go-to list: step titles
        assert_shown_as_data(app, "Skala [/]")
        await pilot.press("escape")
        await pilot.press("f1")
        assert_shown_as_data(app)
        await pilot.press("escape")
        await pilot.press("ctrl+o")  # the end: times, speaking time, loose actions
        await until(pilot, lambda: "Time per step" in screen_text(app))
        assert_shown_as_data(app, "Steg [/x]", "P [/]", "Anna [mamma]", "Ring skolan [/x]")
        await pilot.press("p")  # pseudonymised export of a follow-up: no crash
        await until(pilot, lambda: "Written" in screen_text(app))
        assert capture.engine.status == "finished"

    run(scenario, db=db, clock=clock, size=(120, 40))


def test_the_command_line_prints_hostile_text_as_typed(cli, tmp_path, hostile_set):
    db_home = tmp_path / "home"
    clock = FakeClock(dt.datetime(2026, 1, 15, 9, tzinfo=dt.UTC))
    hostile_meetings(db_home / "dialogtui.sqlite3", clock, hostile_set)
    results = {
        "sets": cli("sets"),
        "show": cli("show", "hostile"),
        "validate": cli("validate", str(hostile_set)),
        "meetings": cli("meetings"),
        "actions": cli("actions"),
        "export": cli("export", "2", "--pseudonymise"),
    }
    for name, result in results.items():
        assert result.code == 0, (name, result)
        assert not RAW.search(result.out + result.err), name
    assert "Set [/] ␛]0;SET-PWNED" in results["sets"].out
    assert "Steg [/x]" in results["show"].out and "[1] first line" in results["show"].out
    assert "Möte [/]" in results["meetings"].out and "T [/]" in results["meetings"].out
    assert "Ring skolan [/x]" in results["actions"].out
    assert "möte-2-pseudonymiserat" in results["export"].out


def test_a_path_with_markup_is_printed_as_it_is(cli, tmp_path, monkeypatch):
    home = tmp_path / "home [/] x"
    monkeypatch.setenv("DIALOGTUI_HOME", str(home))
    (home / "question_sets").mkdir(parents=True)
    (home / "question_sets" / "[bold red]evil.toml").write_text("id = ", encoding="utf-8")
    result = cli("sets")
    assert result.code == 0
    assert "[bold red]evil.toml" in result.err and "home [/] x" in result.out


def test_validate_reports_keys_with_controls_visibly(cli, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('id = "x"\n"k\\u001b]0;PWNED\\u0007" = 1\n', encoding="utf-8")
    result = cli("validate", str(path))
    assert result.code == 1
    assert "␛]0;PWNED␇" in result.err and not RAW.search(result.err)


def test_minutes_keep_set_texts_with_line_breaks_and_c1_controls_in_their_place(tmp_path):
    from dialogtui.export.markdown import render_minutes
    from dialogtui.export.record import load_record

    store = Store.open(tmp_path / "db")
    m = new_meeting(
        store,
        "raseborg-temamote",
        [("Anna", None)],
        title="Titel\n+ lista\n---",
        place="Plats\n1. lista",
    )
    m.start()
    m.submit("Tur med C1 \x85 och \x9b2J")
    m.close()
    minutes = render_minutes(load_record(store, m.id))
    store.close()
    head = minutes.split("## ")[0]
    assert "# Mötesanteckningar: Titel + lista ---" in head
    assert "\n+ lista" not in head and "\n1. lista" not in head and "\n---" not in head
    assert not RAW.search(minutes.replace("\n", ""))


@given(st.text(alphabet=st.sampled_from("ab [/]\x1b\x07\x9b\x00\n\r\t:e"), max_size=40))
def test_plain_text_is_exactly_the_text_with_controls_made_visible(text):
    shown = plain(text)
    assert shown.plain == visible(text)  # never parsed as markup
    assert not RAW.search(shown.plain)
    assert shown.plain.replace("␛", "\x1b").replace("␇", "\x07").replace("␀", "\x00").replace(
        "\ufffd", "\x9b"
    ) == text.replace("\r\n", "\n").replace("\r", "\n")


def test_every_document_format_holds_hostile_text_as_typed_and_no_control(tmp_path):
    # A turn, a title and an action typed with controls, markup and Markdown: each format
    # writes them as text (controls made visible), and a DOCX stays valid XML.
    from documents import document_formats, document_texts

    from dialogtui.export.formats import FORMATS, files_of
    from dialogtui.export.write import export_meeting
    from dialogtui.records import ActionItem

    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "raseborg-klientmote", [("Anna", "familj")], title=f"Titel {HOSTILE}")
    m.start()
    m.submit(f"Tur {HOSTILE} **inte fet** | ingen tabell\n# ingen rubrik\ufffe")
    # "{nb}" is what fpdf2 replaces with the page count where it writes text itself.
    m.actions.add(ActionItem(f"Åtgärd {CLEAR} {{nb}}", who="Anna", when=dt.date(2026, 3, 1)))
    m.close()
    export_meeting(store, m.id, tmp_path / "out", formats=tuple(FORMATS))
    store.close()
    texts = document_texts(tmp_path / "out")
    assert set(texts) == set(files_of(document_formats()))  # each file of every format
    for name, text in texts.items():
        assert not RAW.search(text.replace("\n", "").replace("\t", "")), name
        if name.endswith(".pdf"):  # its font has no pictures of controls: a mark instead
            text = text.replace("\ufffd", "␛")
        text = " ".join(text.split())
        assert "Titel [/] [b]fet[/b] ␛]0;PWNED␛" in text, name
        if name.startswith(("minutes", "journal")):
            assert "**inte fet** | ingen tabell" in text, name
            assert "# ingen rubrik" in text, name
        if name.startswith("action-plan"):
            assert "{nb}" in text, name
    calendar = named(tmp_path / "out", "calendar.ics").read_text(encoding="utf-8")
    assert not RAW.search(calendar.replace("\r\n", "")) and "Åtgärd ␛[2J" in calendar


def test_a_recipients_copy_names_its_people_as_typed_in_every_format(tmp_path):
    # A copy says whose statements it holds: the names are text someone typed, escaped
    # by each format (Markdown markup stays as typed, controls made visible, the DOCX
    # stays valid XML), like every other name.
    from documents import document_formats, document_texts

    from dialogtui.export.formats import files_of
    from dialogtui.export.write import export_meeting

    store = Store.open(tmp_path / "db")
    name = f"Anna *fet* [x](y) {CLEAR}"
    m = new_meeting(store, "raseborg-klientmote", [(name, "familj"), ("Kim", "myndighet")])
    m.start()
    m.submit("Jag säger något.")
    m.close()
    formats = document_formats()
    export_meeting(store, m.id, tmp_path / "out", formats=formats, to="family")
    store.close()
    texts = document_texts(tmp_path / "out")
    assert set(texts) == set(files_of(formats))
    for doc, text in texts.items():
        assert not RAW.search(text.replace("\n", "").replace("\t", "")), doc
        if doc.startswith("minutes"):
            shown = " ".join(text.split())
            if doc.endswith(".pdf"):  # its font has no picture of a control: a mark
                shown = shown.replace("\ufffd", "␛")
            assert "Anna *fet* [x](y) ␛[2J" in shown, doc


@given(st.text(max_size=30), st.booleans())
def test_a_docx_run_is_well_formed_xml_whatever_its_text(text, lines):
    # The DOCX body is written as text into the file, unparsed: every text a span can
    # hold must make well-formed XML, shown as typed (controls as their pictures).
    from lxml import etree

    from dialogtui.export.document import Span
    from dialogtui.export.word import _paragraph, _runs

    xml = _paragraph(_runs([Span(text, lines=lines), Span(text, bold=True)]))
    ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    p = etree.fromstring(f'<w:body xmlns:w="{ns}">{xml}</w:body>')
    assert not RAW.search("".join(p.itertext()).replace("\n", "").replace("\t", ""))
