"""A case is a child, in the documents: Träff 4 with two named cases (the newcomer's run,
N3, N10, N11; the method review's F2, F3). Each document names a case by its name under
the block's word; a skip is said for the case that skipped, never for the whole step; the
plan has a section per case with its own consent and the actions made in it (f3's too), and
no meeting-level "samtycke saknas"; one case's copy holds nothing of the other case."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from case_meeting import BOY, GIRL, PEOPLE, traff_4_with_cases
from documents import document_texts
from exported import kinds, named
from meeting_helpers import new_meeting
from pypdf import PdfReader
from tui_helpers import opened, run, screen_text, text_of, until

from dialogtui.errors import ExportError
from dialogtui.export.markdown import render_action_plan, render_minutes
from dialogtui.export.read_back import pages
from dialogtui.export.record import load_record
from dialogtui.export.write import export_meeting
from dialogtui.records import NoteKind, PlanFrame
from dialogtui.store import Store
from dialogtui.tui.dialogs.pick import PickDialog
from dialogtui.tui.screens.end import EndScreen

# What each case alone holds: none of it may be in the other case's copy.
OF_BOY = [BOY, "muntligt samtycke, mamma", "Pojken bor med mamma", "Fotbollsgrupp tisdagar"]
OF_BOY += ["Anpassad studiegång", "Snabbare återkoppling", "Ja, inom en vecka"]
OF_GIRL = [GIRL, "Flickan har inte varit i skolan", "Hembesök"]


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db.sqlite3")
    yield s
    s.close()


@pytest.fixture
def meeting(store):
    return traff_4_with_cases(store, consent_given=False).id


def section(md: str, heading: str) -> str:
    """The Markdown from `heading` (a whole line) to the next heading of its level or above."""
    level = len(heading) - len(heading.lstrip("#"))
    start = md.index(heading + "\n")
    after = re.search(rf"^#{{1,{level}}} ", md[start + len(heading) :], re.MULTILINE)
    return md[start : start + len(heading) + (after.start() if after else len(md))]


def test_a_step_skipped_in_case_2_is_skipped_there_only(store, meeting):
    md = render_minutes(load_record(store, meeting), method=True)
    row = next(line for line in md.splitlines() if line.startswith("| 6. Samverkanskarta"))
    assert "överhoppat" not in row  # case 1 made its collaboration map
    assert f"| 6. Case 2: {GIRL} | överhoppat |" in md  # under the step, for case 2
    step = section(md, "## 6. Samverkanskarta")
    assert "*Överhoppat:" not in step and "*Valfritt: Om ni valt gamla case" in step
    boy = section(step, f"### Case 1: {BOY}")
    assert "Snabbare återkoppling" in boy  # the needs stand under their case
    assert section(step, f"### Case 2: {GIRL}").split("\n", 1)[1].strip() == "*Överhoppat*"
    assert step.index(f"### Case 1: {BOY}") < step.index(f"### Case 2: {GIRL}")


def test_every_document_names_each_case_by_its_name(store, meeting, tmp_path):
    folder = tmp_path / "out"
    export_meeting(store, meeting, folder, formats=("md", "docx", "pdf", "txt", "ics"))
    for kind, text in document_texts(folder).items():
        said = " ".join(text.split())
        for case in (f"Case 1: {BOY}", f"Case 2: {GIRL}"):
            assert case in said, (kind, case)
    calendar = named(folder, "calendar.ics").read_text(encoding="utf-8")
    home_visit = calendar[calendar.index("SUMMARY:Hembesök") :].split("END:VEVENT")[0]
    assert "Case 2: Flicka 14\\, hemmasittare" in home_visit.replace("\r\n ", "")
    # The read-back reads the minutes' own sections: each case under its name.
    heads = [
        "".join(s.text for s in line)
        for page in pages(load_record(store, meeting))
        for entry in page.entries
        for line in entry.head
    ]
    assert any(f"Case 2: {GIRL}" in h for h in heads)


def test_the_plan_has_a_section_per_case_with_its_consent_and_its_actions(store, meeting):
    r = load_record(store, meeting)
    plan = render_action_plan(r)
    boy, girl = section(plan, f"## Case 1: {BOY}"), section(plan, f"## Case 2: {GIRL}")
    assert "muntligt samtycke, mamma" in boy and "samtycke saknas" in girl
    assert "Fotbollsgrupp tisdagar" in boy  # noted with f3 in case 1's case map
    assert "Anpassad studiegång" in boy and "Hembesök" in girl
    assert "Hembesök" not in boy and "Fotbollsgrupp" not in girl
    others = section(plan, "## Övriga åtgärder")
    assert "Boka nästa pilotverkstad" in others and "Hembesök" not in others
    # No meeting-level consent line above the cases, though the set-up's box was left empty.
    for text in (plan, render_minutes(r)):
        head = text.split("\n## ", 1)[0]
        assert "Samtycke" not in head, head
    minutes = render_minutes(r)
    step = section(minutes, "## 5. Handlingsplan")
    assert "Fotbollsgrupp" in section(step, f"### Case 1: {BOY}")
    assert "| Case |" not in plan + minutes  # each action is under its case's heading


def test_the_familys_copy_of_one_case_holds_nothing_of_the_other(store, meeting, tmp_path):
    folder = tmp_path / "girl"
    done = export_meeting(
        store, meeting, folder, formats=("md", "docx", "pdf", "txt", "ics"), to="family", case="2"
    )
    assert not done.failed
    texts = document_texts(folder)
    texts["calendar"] = named(folder, "calendar.ics").read_text(encoding="utf-8")
    everything = " ".join(" ".join(t.split()) for t in texts.values())
    for said in OF_BOY:
        assert said not in everything, said
    assert "Hembesök" in everything and f"Case 2: {GIRL}" in everything
    # Named for a case by its number, never by its name.
    assert all("ärende 2" in p.name and "Flicka" not in p.name for p in done.paths)
    by_name = export_meeting(store, meeting, tmp_path / "boy", to="family", case=BOY.upper())
    boy = named(tmp_path / "boy", "minutes.md").read_text(encoding="utf-8")
    assert by_name.paths and "Pojken bor med mamma" not in boy  # the family's: not the school's
    assert "muntligt samtycke, mamma" in boy and "Flick" not in boy
    # None of the family was there: the copy says that what each said is left out, or an
    # empty case map reads as though nothing was said.
    assert "inga deltagares uttalanden" in " ".join(boy.split())


def test_the_default_folder_of_a_case_copy_says_the_case(store, meeting, private_home):
    done = export_meeting(store, meeting, to="family", case="1")
    assert done.paths[0].parent.name == f"möte-{meeting}-familjen-ärende-1"


@pytest.mark.parametrize(
    ("case", "said"),
    [("3", "“3” is no case of this meeting"), ("Pojke", "choose 1 (Pojke 9"), ("0", "no case")],
)
def test_an_unknown_case_is_a_clear_error(store, meeting, tmp_path, case, said):
    with pytest.raises(ExportError, match=re.escape(said)):
        export_meeting(store, meeting, tmp_path, to="family", case=case)


def test_a_meeting_without_cases_says_so(store, tmp_path):
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.start()
    m.submit("Något.")
    with pytest.raises(ExportError, match="no cases"):
        export_meeting(store, m.id, tmp_path, case="1")


def test_a_pseudonymised_copy_calls_a_case_by_its_number_only(store, meeting, tmp_path):
    folder = tmp_path / "out"
    export_meeting(store, meeting, folder, pseudonymise=True, formats=("md", "txt", "ics"))
    texts = {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}
    every = " ".join(texts.values())
    assert "Case 2" in every
    # The vote's cards say what was written on them; a case is never called by its name.
    assert re.search(r"^### Case 2$", every, re.MULTILINE)
    assert not re.search(r"Case \d: ", every)


def test_the_end_screens_family_copy_asks_which_case(tmp_path, private_home):
    db = tmp_path / "db"
    store = Store.open(db)
    mid = traff_4_with_cases(store, finish=False).id
    store.close()

    async def scenario(app, pilot):
        end = await opened(pilot, "ctrl+o", EndScreen)
        await pilot.press("f")  # two children's cases: whose copy
        await until(pilot, lambda: isinstance(app.screen, PickDialog))
        shown = screen_text(app)
        assert f"Case 1: {BOY}" in shown and f"Case 2: {GIRL}" in shown
        await pilot.press("down", "enter")
        await until(pilot, lambda: "Written:" in text_of(end.query_one("#export-status")))
        assert kinds(end.exported) == ["minutes.pdf", "action-plan.pdf", "calendar.ics"]
        assert end.exported[0].parent.name == f"möte-{mid}-familjen-ärende-2"

    run(scenario, db=db, meeting_id=mid)
    folder = private_home / "exports" / f"möte-{mid}-familjen-ärende-2"
    pdf = PdfReader(str(named(folder, "action-plan.pdf")))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "Hembesök" in text and "Fotbollsgrupp" not in text and "Pojke" not in text


def test_export_case_on_the_command_line(cli, tmp_path):
    store = Store.open()
    mid = traff_4_with_cases(store).id
    store.close()
    result = cli("export", mid, "--for", "family", "--case", "2", "--out", tmp_path)
    assert result.code == 0, result.err
    text = named(tmp_path, "minutes.md").read_text(encoding="utf-8")
    assert GIRL in text and BOY not in text
    wrong = cli("export", mid, "--for", "family", "--case", "Flicka 15", "--out", tmp_path)
    assert wrong.code != 0 and "Traceback" not in wrong.err
    assert f"“Flicka 15” is no case of this meeting; choose 1 ({BOY}), 2 ({GIRL})" in wrong.err


def test_a_case_copy_of_a_later_meeting_holds_no_earlier_cases_actions(store, tmp_path):
    first = traff_4_with_cases(store, series="träffar")
    later = new_meeting(store, "samtidigt-traff-4", PEOPLE, series="träffar", previous_id=first.id)
    later.start()
    later.goto_step(later.qs.index_of("casekarta"))
    later.submit("Ett nytt barn.")
    carried = {a.what for a in later.actions.carried()}
    assert {"Fotbollsgrupp tisdagar", "Boka nästa pilotverkstad"} <= carried
    export_meeting(store, later.id, tmp_path, to="everyone", case="1")
    text = named(tmp_path, "minutes.md").read_text(encoding="utf-8")
    # The earlier meeting's case 1 was another child: its actions are not this case's; nor
    # is what it did outside its cases (a child's copy holds that child's case only).
    assert "Fotbollsgrupp" not in text and "Hembesök" not in text
    assert "Boka nästa pilotverkstad" not in text and "Ett nytt barn." in text


def test_the_end_screens_journal_note_is_for_one_organisation_and_one_case(tmp_path, private_home):
    db = tmp_path / "db"
    store = Store.open(db)
    mid = traff_4_with_cases(store, finish=False).id
    store.close()

    async def scenario(app, pilot):
        end = await opened(pilot, "ctrl+o", EndScreen)
        await pilot.press("j")  # two organisations: whose journal
        await until(pilot, lambda: isinstance(app.screen, PickDialog))
        await pilot.press("down", "enter")  # Socialtjänsten
        await until(pilot, lambda: f"Case 1: {BOY}" in screen_text(app))  # which child's
        await pilot.press("enter")
        await until(pilot, lambda: "clipboard" in text_of(end.query_one("#export-status")))
        note = end.exported[0].read_text(encoding="utf-8")
        assert "Anpassad studiegång" in note and "Hembesök" not in note and GIRL not in note
        assert app.clipboard == note

    run(scenario, db=db, meeting_id=mid)


def test_another_languages_labels_call_a_childs_case_a_case(store, meeting, tmp_path):
    export_meeting(store, meeting, tmp_path, labels="fi")
    plan = named(tmp_path, "action-plan.md").read_text(encoding="utf-8")
    # The set's own word is Swedish; in Finnish labels a child's case is "Tapaus", its name
    # as it was typed.
    assert f"## Tapaus 2: {GIRL}" in plan and "Kierros" not in plan


def test_a_childs_copy_holds_its_case_and_the_frames_only(store, meeting, tmp_path):
    # A decision and a concern noted in each case, a decision outside them, the plan's frame.
    now = store.meeting_row(meeting).started_at
    store.add_note(meeting, NoteKind.decision, 3, "Beslut om pojken", now, 1)
    store.add_note(meeting, NoteKind.concern, 4, "Oro för flickan", now, 2)
    store.add_note(meeting, NoteKind.decision, 0, "Beslut i startrundan", now)
    store.save_plan(
        meeting,
        PlanFrame(goal_own="Att gå i skolan", owner="Per Ek", follow_up_on=dt.date(2027, 2, 1)),
    )
    store.set_consent(meeting, True, "Mamma till pojken har samtyckt")
    minutes = render_minutes(load_record(store, meeting))
    # In the minutes each case's note stands under its case, as its turns do.
    assert "Beslut om pojken" in section(section(minutes, "## 4. Casekarta"), f"### Case 1: {BOY}")
    assert "Oro för flickan" in section(
        section(minutes, "## 5. Handlingsplan"), f"### Case 2: {GIRL}"
    )
    export_meeting(store, meeting, tmp_path, formats=("md", "txt", "ics"), case="2")
    girl = " ".join(" ".join(t.split()) for t in document_texts(tmp_path).values())
    for said in [*OF_BOY, "Beslut om pojken"]:  # nothing of the other child
        assert said not in girl, said
    # Nor what was said or written outside the cases: the opening round, the vote's cards
    # (each another child's summary), the closing round, an action of no case.
    outside = ["Jag heter Lena", "Jag tar med mig casekartan", "Beslut i startrundan"]
    for said in [*outside, "Boka nästa pilotverkstad"]:
        assert said not in girl, said
    # Its own case whole, the meeting's frame and the follow-up meeting (one for all); not
    # the plan's goal and owner, nor the meeting's consent note: one per meeting, typed in
    # whichever case, they speak of one child.
    for said in [*OF_GIRL, "Oro för flickan", "Träff 4", "Lena Ström", "2027"]:
        assert said in girl, said
    for said in ["Att gå i skolan", "Mamma till pojken"]:
        assert said not in girl, said
