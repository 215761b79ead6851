"""The documents for each recipient, read back as their readers' programs read them:
python-docx for the DOCX, a PDF text extractor and a renderer for the PDF, icalendar for the
calendar. Each carries what the Markdown minutes (the reference) carry; a recipient's copy
never carries the statements left out for it, in any format."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections import Counter

import docx
import pypdf
import pytest
from documents import document_formats, document_texts, markdown_text, pdf_text, words
from exported import kinds, named
from icalendar import Calendar
from meeting_helpers import new_meeting

from dialogtui.errors import ExportError
from dialogtui.export.formats import files_of
from dialogtui.export.write import export_meeting
from dialogtui.labels import labels
from dialogtui.meeting.clock import FakeClock
from dialogtui.records import ActionItem, NoteKind, PlanFrame
from dialogtui.store import Store

PEOPLE = [
    ("Anna Lind", "familj"),
    ("Erik Lind", "familj"),
    ("Sara Berg", "myndighet", "Skolan"),
    ("Kim Ahl", "myndighet", "Socialtjänsten"),
]
# What each said, planted to be found (or not) in each copy: the school's and the social
# services' turns name third persons, who must not reach another organisation's file.
SAID = {
    "Anna Lind": "Att Erik går till skolan varje dag – även på måndagar.",
    "Erik Lind": "Sara hjälpte mig med matten.",
    "Sara Berg": "Lärarna oroar sig också för Kalle Nyström i samma klass.",
    "Kim Ahl": "Vi har kontakt med Mira Öberg om boendet.",
}


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db.sqlite3")
    yield s
    s.close()


def client_meeting(store) -> int:
    """A Raseborg client meeting read back: one turn corrected, one objection, accepted;
    a plan with its frame and two dated actions."""
    clock = FakeClock(dt.datetime(2026, 1, 15, 13, 0, tzinfo=dt.UTC))
    m = new_meeting(
        store,
        "raseborg-klientmote",
        PEOPLE,
        clock=clock,
        place="Ekenäs familjecenter",
        asker="Maria Holm",
        writer="Jonas Ek",
        title="Framtidsdialog för familjen Lind",
    )
    m.start()
    ids = {}
    for p in m.participants:  # step 1 asks the family, step 2 the authorities
        if p.name in ("Anna Lind", "Erik Lind"):
            m.set_speaker(p.id)
            ids[p.name] = m.submit(SAID[p.name])
    m.next_step()
    for p in m.participants:
        if p.name in ("Sara Berg", "Kim Ahl"):
            m.set_speaker(p.id)
            ids[p.name] = m.submit(SAID[p.name])
    m.notes.add(NoteKind.concern, "Frånvaron på måndagar")
    m.next_step()
    m.actions.save_plan(
        PlanFrame(
            goal_own="Erik vill gå i skolan varje dag.",
            goal_professionals="Närvaro över 90 procent till våren.",
            owner="Kim Ahl, Socialtjänsten",
            follow_up_on=dt.date(2026, 4, 21),
            follow_up_by="Kim Ahl",
        )
    )
    m.actions.add(ActionItem("Ringa hem vid frånvaro", who="Sara Berg", when=dt.date(2026, 2, 1)))
    m.actions.add(ActionItem("Boka möte med elevhälsan", who="Anna Lind", when=dt.date(2026, 2, 9)))
    m.actions.add(ActionItem("Fråga mormor om skjuts", who="Erik Lind"))
    m.turns.edit(ids["Anna Lind"].id, SAID["Anna Lind"] + " Och fredagar.", at_read_back=True)
    m.read_back.object_to(ids["Sara Berg"].id, "Anna Lind", "Kalle går inte i Eriks klass.")
    m.read_back.accept("Anna Lind, Erik Lind, Sara Berg, Kim Ahl")
    m.finish()
    return m.id


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_format_carries_the_markdowns_content(store, tmp_path):
    mid = client_meeting(store)
    export_meeting(store, mid, tmp_path, formats=document_formats())
    texts = document_texts(tmp_path)
    assert set(texts) == set(files_of(document_formats()))
    for doc in ("minutes", "action-plan"):
        reference = words(texts[f"{doc}.md"])
        assert len(reference) > 40
        others = [name.partition(".")[2] for name in texts if name.startswith(f"{doc}.")]
        for suffix in (s for s in others if s != "md"):
            got = Counter(words(texts[f"{doc}.{suffix}"]))
            assert not Counter(reference) - got, (doc, suffix)  # nothing missing
            # Nothing added but a table's headings, which a PDF repeats on a new page.
            heads = {"Vad", "Hur", "Vem", "Med", "vem", "När", "Första", "steg"}
            heads |= {"Namn", "Roll", "Organisation"}
            extra = got - Counter(reference)
            assert set(extra) <= heads and suffix == "pdf" or not extra, (doc, suffix, extra)
    # The journal note is a journal entry: who wrote it, when, the meeting, who took part,
    # every statement and the plan; not the minutes' tables of people and times, nor the
    # method's notes on what a set adds to its source.
    note = flat(texts["journal-note.txt"])
    assert note.startswith("Journalanteckning – Framtidsdialog för familjen Lind 2026-01-15")
    written_by = labels("sv")["written_by"]
    assert f"{written_by}: Jonas Ek, 15 januari 2026" in note
    assert "Datum: 15 januari 2026" in note
    assert "Närvarande: Anna Lind (familjemedlem), Erik Lind (familjemedlem)" in note
    for text in [*SAID.values(), "Frånvaron på måndagar", "Fråga mormor om skjuts"]:
        assert flat(text) in note or text == SAID["Anna Lind"], text
    assert "Närvaro över 90 procent till våren." in note
    for method in ("Tider", "Planerat", "Tillagt, inte i källan", "Namn; Roll"):
        assert method not in note, method
    # The read-back's marks are in every one of them.
    for name in (n for n in texts if n.startswith(("minutes.", "journal-note."))):
        said = flat(texts[name])
        assert "(rättat vid uppläsningen)" in said, name
        assert "Anna Lind anser att uppgiften är oriktig: Kalle går inte i Eriks klass." in said
        assert "Uppläst och godkänt av: Anna Lind, Erik Lind, Sara Berg, Kim Ahl" in said


def test_the_docx_has_real_headings_tables_and_the_sets_plan_columns(store, tmp_path):
    mid = client_meeting(store)
    export_meeting(store, mid, tmp_path, formats=("docx",))
    d = docx.Document(str(named(tmp_path, "minutes.docx")))
    headings = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith("Head")]
    assert headings[0] == ("Heading 1", "Mötesanteckningar: Framtidsdialog för familjen Lind")
    assert ("Heading 2", "1. Frågor till familjemedlemmarna") in headings
    turns = [p for p in d.paragraphs if p.text.startswith("Erik Lind (familjemedlem):")]
    assert turns[0].style.name == "List Bullet" and turns[0].runs[0].bold
    plan = docx.Document(str(named(tmp_path, "action-plan.docx")))
    table = plan.tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    # The set's own columns, as the screen shows them, and the dates as the language writes.
    assert rows[0] == ["Vad", "Hur", "Vem", "Med vem", "När", "Första steg"]
    assert rows[1][:5] == ["Ringa hem vid frånvaro", "", "Sara Berg", "", "1 feb. 2026"]
    assert [r[0] for r in rows[1:]] == [
        "Ringa hem vid frånvaro",
        "Boka möte med elevhälsan",
        "Fråga mormor om skjuts",
    ]
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeated on each page
    section = plan.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    lang = plan.styles["Normal"].element.xpath("./w:rPr/w:lang/@w:val")
    assert lang == ["sv-SE"]
    footer = section.footer.paragraphs[0]._p.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Sida " in footer
    assert plan.core_properties.title == "Handlingsplan: Framtidsdialog för familjen Lind"
    assert plan.core_properties.author == "Jonas Ek"
    facts = [p.text for p in plan.paragraphs]
    assert "Huvudansvarig för planen (övergripande ansvar): Kim Ahl, Socialtjänsten" in facts
    assert "Uppföljningsmöte: 21 april 2026, kallas av Kim Ahl" in facts


def test_the_docx_body_is_put_in_python_docxs_file_whole_and_well_formed(store, tmp_path):
    # The body is written as text into the file python-docx wrote around a placeholder:
    # every part python-docx writes is there (and the footer), compressed, and the main
    # part is XML whose body holds the document and ends with the page's settings.
    from lxml import etree

    mid = client_meeting(store)
    export_meeting(store, mid, tmp_path, formats=("docx",))
    blank = io.BytesIO()
    docx.Document().save(blank)
    with zipfile.ZipFile(blank) as z:
        names = z.namelist()
    with zipfile.ZipFile(named(tmp_path, "minutes.docx")) as z:
        assert set(names) < set(z.namelist())  # and the footer's
        assert {i.compress_type for i in z.infolist()} == {zipfile.ZIP_DEFLATED}
        assert z.testzip() is None
        main = z.read("word/document.xml")
    assert b"dialogtui:body" not in main
    body = etree.fromstring(main)[0]
    assert etree.QName(body[-1]).localname == "sectPr"
    assert len(body) > 20 and all(etree.QName(e).localname in ("p", "tbl") for e in body[:-1])


def test_the_pdf_is_a4_numbered_in_the_meetings_language_with_nordic_letters(store, tmp_path):
    mid = client_meeting(store)
    export_meeting(store, mid, tmp_path, formats=("pdf",))
    reader = pypdf.PdfReader(str(named(tmp_path, "minutes.pdf")))
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (
            595,
            842,
        )
    pages = len(reader.pages)
    raw = [page.extract_text() for page in reader.pages]
    for n, text in enumerate(raw, start=1):
        assert f"Sida {n} av {pages}" in text
    assert reader.metadata.title == "Mötesanteckningar: Framtidsdialog för familjen Lind"
    assert reader.trailer["/Root"]["/Lang"] == "sv"
    text = flat(pdf_text(named(tmp_path, "minutes.pdf")))
    # Letters and dashes as typed: å ä ö, the en dash, "–" in the times.
    assert "Att Erik går till skolan varje dag – även på måndagar. Och fredagar." in text
    assert "Vi har kontakt med Mira Öberg om boendet." in text
    # Rendered, the first page has text on it, in its margins: a page a printer takes.
    import pypdfium2

    image = pypdfium2.PdfDocument(str(named(tmp_path, "minutes.pdf")))[0].render(scale=1).to_pil()
    grey = image.convert("L")
    ink = sum(grey.histogram()[:128]) / (grey.width * grey.height)
    assert 0.01 < ink < 0.2
    left = grey.crop((0, 0, 50, grey.height))  # the left margin (about 18 mm) stays white
    assert left.getextrema()[0] > 200
    image.save(tmp_path / "page-1.png")


def test_the_pdfs_fonts_carry_no_table_a_pdf_drops():
    # `scripts/slim-fonts` took them out (fpdf2 drops them from what it embeds; reading
    # GSUB and GPOS to drop them took a tenth of each PDF export): new font files need it.
    from fontTools.ttLib import TTFont

    from dialogtui.export.pdf_fonts import _FILES, FONTS, UNUSED_TABLES

    for name in _FILES.values():
        font = TTFont(FONTS / f"{name}.ttf", lazy=True)
        assert not [tag for tag in UNUSED_TABLES if tag in font], name
        assert len(font.getBestCmap()) > 5000, name  # every character as before


def test_the_european_cut_of_each_face_has_its_characters_glyphs_and_widths():
    # What `scripts/slim-fonts` cuts; a document of these characters is set in the cut.
    from fontTools.ttLib import TTFont

    from dialogtui.export.pdf_fonts import _FILES, CUT, EUROPE, FONTS

    europe = {code for first, last in EUROPE for code in range(first, last + 1)}
    wholes = {name: TTFont(FONTS / f"{name}.ttf", lazy=True) for name in _FILES.values()}
    every = set.intersection(*(set(face.getBestCmap()) for face in wholes.values()))
    for name, whole in wholes.items():
        cut = TTFont(FONTS / f"{name}{CUT}.ttf", lazy=True)
        cmap, full = cut.getBestCmap(), whole.getBestCmap()
        assert set(cmap) == europe & every, name
        for code, glyph in cmap.items():
            assert cut["hmtx"][glyph] == whole["hmtx"][full[code]], (name, chr(code))
        assert cut["name"].getBestFullName() == whole["name"].getBestFullName()


@pytest.mark.parametrize(
    ("name", "cut", "shown"),
    [
        ("Ánde Niillas Đ Ŋ", True, True),  # Sámi
        ("Zoë Nguyễn", True, True),
        ("Олександр Щербина", True, True),
        ("Nino ნინო", False, True),  # Georgian: in the whole fonts
        ("Ani Անի", False, True),
        ("Amira أميرة", False, False),  # not in every face: shown as marks
        ("Li 李", False, False),
    ],
)
def test_a_pdf_is_set_in_the_european_cut_when_it_can_else_in_the_whole_fonts(
    tmp_path, monkeypatch, name, cut, shown
):
    from dialogtui.export import pdf

    set_in, real = [], pdf._render
    monkeypatch.setattr(
        pdf, "_render", lambda doc, cut, *a: set_in.append(cut) or real(doc, cut, *a)
    )
    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "raseborg-klientmote", [(name, "familj")])
    m.start()
    m.submit(f"{name} säger – ja.")
    m.close()
    export_meeting(store, m.id, tmp_path / "out", formats=("pdf",))
    store.close()
    # The minutes, then the action plan (which has no name in it: the cut).
    assert set_in == ([pdf.CUT] if cut else [pdf.CUT, ""]) + [pdf.CUT]
    text = flat(pdf_text(named(tmp_path / "out", "minutes.pdf")))
    if shown:
        assert f"{name} säger – ja." in text and "\ufffd" not in text
    else:
        ascii_part = name.split()[0]
        assert f"{ascii_part} \ufffd" in text and " säger – ja." in text


def test_a_pdf_line_never_runs_past_the_right_margin(tmp_path):
    # dialogtui breaks the PDF's lines itself: a pasted address wider than a line is cut
    # into pieces, runs of spaces are kept inside a line and dropped at its start.
    import pypdfium2

    address = "https://example.org/" + "a1b2c3" * 60
    said = f"Början  med  dubbla  mellanslag {address} och " + "sedan många ord " * 40
    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "raseborg-klientmote", [("Anna Lind", "familj")])
    m.start()
    m.submit(said)
    m.close()
    export_meeting(store, m.id, tmp_path / "out", formats=("pdf",))
    store.close()
    path = named(tmp_path / "out", "minutes.pdf")
    document = pypdfium2.PdfDocument(str(path))
    for page in document:
        text, right = page.get_textpage(), page.get_width() - 22 * 72 / 25.4
        edges = [text.get_charbox(i)[2] for i in range(text.count_chars())]
        assert edges and max(edges) <= right + 1
    shown = "".join(pdf_text(path).split())
    assert "".join(said.split()) in shown  # every character, in order


def test_the_plans_fonts_cut_from_the_minutes_are_the_fonts_cut_from_the_files(store):
    # `contents` cuts the action plan's fonts down from those the minutes embedded: the
    # plan's PDF must embed the same fonts, glyph maps and text maps as on its own.
    import io

    from dialogtui.export import pdf
    from dialogtui.export.formats import Documents
    from dialogtui.export.record import load_record

    def fonts(data: bytes) -> dict[str, tuple[bytes, bytes, bytes]]:
        found = {}
        for page in pypdf.PdfReader(io.BytesIO(data)).pages:
            for font in page["/Resources"]["/Font"].values():
                font = font.get_object()
                cid = font["/DescendantFonts"][0].get_object()
                file = cid["/FontDescriptor"].get_object()["/FontFile2"].get_object()
                maps = cid["/CIDToGIDMap"].get_object(), font["/ToUnicode"].get_object()
                found[str(font["/BaseFont"])] = (file.get_data(), *(m.get_data() for m in maps))
        return found

    docs = Documents(load_record(store, client_meeting(store)))
    alone = fonts(pdf.render(docs.plan))
    minutes, plan = pdf.contents(docs)
    assert fonts(plan) == alone and len(alone) == 2  # regular and bold
    assert pypdf.PdfReader(io.BytesIO(minutes)).pages  # the minutes whole too


def test_the_calendar_has_the_follow_up_meeting_and_each_dated_action(store, tmp_path):
    mid = client_meeting(store)
    export_meeting(store, mid, tmp_path / "a", formats=("ics",))
    export_meeting(store, mid, tmp_path / "b", formats=("ics",))
    first = Calendar.from_ical((named(tmp_path / "a", "calendar.ics")).read_bytes())
    events = {str(e["summary"]): e for e in first.walk("VEVENT")}
    assert set(events) == {
        "Uppföljningsmöte: Framtidsdialog för familjen Lind",
        "Ringa hem vid frånvaro",
        "Boka möte med elevhälsan",
    }  # the action with no date has no event
    meeting = events["Uppföljningsmöte: Framtidsdialog för familjen Lind"]
    assert meeting.decoded("dtstart") == dt.date(2026, 4, 21)  # a date: all day
    assert meeting.decoded("dtend") == dt.date(2026, 4, 22)
    assert "kallas av Kim Ahl" in str(meeting["description"])
    assert "Huvudansvarig för planen (övergripande ansvar): Kim Ahl, Socialtjänsten" in str(
        meeting["description"]
    )
    call = events["Ringa hem vid frånvaro"]
    assert call.decoded("dtstart") == dt.date(2026, 2, 1)
    assert "Vem: Sara Berg" in str(call["description"])
    # Imported again, the same events are updated, not doubled.
    again = Calendar.from_ical((named(tmp_path / "b", "calendar.ics")).read_bytes())
    uids = sorted(str(e["uid"]) for e in first.walk("VEVENT"))
    assert uids == sorted(str(e["uid"]) for e in again.walk("VEVENT"))
    assert len(set(uids)) == 3


def test_the_journal_note_is_plain_text_each_statement_attributed(store, tmp_path):
    mid = client_meeting(store)
    export_meeting(store, mid, tmp_path, formats=("txt",))
    note = (named(tmp_path, "journal-note.txt")).read_text(encoding="utf-8")
    lines = note.splitlines()
    assert lines[0] == "Journalanteckning – Framtidsdialog för familjen Lind 2026-01-15"
    top = "\n".join(lines[:10])  # who wrote it, and when, at the top
    assert f"{labels('sv')['written_by']}: Jonas Ek, 15 januari 2026" in top
    assert "Datum: 15 januari 2026, kl. 13:00" in top
    for mark in ("**", "|", "<br>", "\\", "##"):
        assert mark not in note, mark
    # No list marks, quotes or headings: a numbered step or rank reads as plain text.
    assert not [line for line in lines if re.match(r"\s*[-*+#>]\s", line)]
    for name, text in SAID.items():
        line = next(line for line in lines if text in line)
        assert line.startswith(f"{name} ("), line


# Each recipient: whose statements its copy holds, and whose it must not.
COPIES = {
    "family": ({"Anna Lind", "Erik Lind"}, "möte-1-familjen"),
    "Skolan": ({"Anna Lind", "Erik Lind", "Sara Berg"}, "möte-1-skolan"),
    "kim ahl": ({"Kim Ahl"}, "möte-1-utvalda"),
    "everyone": (set(SAID), "möte-1"),
}


@pytest.mark.parametrize("to", list(COPIES))
def test_a_recipients_copy_never_holds_the_others_statements(store, private_home, to):
    mid = client_meeting(store)
    kept, folder = COPIES[to]
    paths = export_meeting(store, mid, formats=document_formats(), to=to).paths
    assert {p.parent.name for p in paths} == {folder}
    texts = document_texts(private_home / "exports" / folder)
    assert set(texts) == set(files_of(document_formats()))
    for name, text in texts.items():
        said = flat(text)
        for who, words_said in SAID.items():
            inside = words_said in said
            if name.startswith("action-plan"):
                assert not inside, (name, who)  # the plan holds no statement at all
            else:
                assert inside == (who in kept), (to, name, who)
        if "Sara Berg" not in kept:  # the third persons Sara's turn and its objection name
            assert "Nyström" not in said and "Eriks klass" not in said, (to, name)
        if "Kim Ahl" not in kept:
            assert "Öberg" not in said, (to, name)
        # Whose statements the copy holds, it says; the plan stays whole in every copy.
        if to != "everyone" and not name.startswith("action-plan"):
            assert "Detta exemplar innehåller vad" in said
        assert "Ringa hem vid frånvaro" in said


def test_a_family_copy_pseudonymised_replaces_the_names_in_their_own_words(store, tmp_path):
    mid = client_meeting(store)
    export_meeting(store, mid, tmp_path, pseudonymise=True, formats=("md", "pdf"), to="family")
    texts = document_texts(tmp_path)
    assert sorted(texts) == ["action-plan.md", "action-plan.pdf", "minutes.md", "minutes.pdf"]
    for name, text in texts.items():
        said = flat(text)
        if name.startswith("minutes"):
            assert "hjälpte mig med matten" in said  # Erik's own words, kept
        for real in ("Sara", "Erik", "Anna", "Lind", "Nyström", "Öberg"):
            assert not re.search(rf"\b{real}\b", said), (name, real)


def test_a_recipient_that_is_no_one_is_refused_with_the_choices(store, tmp_path):
    mid = client_meeting(store)
    with pytest.raises(ExportError) as caught:
        export_meeting(store, mid, tmp_path / "out", to="Polisen")
    said = str(caught.value)
    assert "Polisen" in said and "Skolan" in said and "Socialtjänsten" in said
    assert not (tmp_path / "out").exists()  # nothing written


def test_export_formats_and_recipient_from_the_command_line(cli, private_home):
    store = Store.open(private_home / "dialogtui.sqlite3")
    mid = client_meeting(store)
    store.close()
    done = cli("export", mid, "--format", "pdf,ics", "--for", "family")
    assert done.code == 0, done.err
    folder = private_home / "exports" / f"möte-{mid}-familjen"
    assert sorted(kinds(folder.iterdir())) == [
        "action-plan.pdf",
        "calendar.ics",
        "minutes.pdf",
    ]
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in folder.iterdir())
    bad = cli("export", mid, "--format", "pdf,odt")
    assert bad.code == 1 and "unknown format 'odt'" in bad.err and "Traceback" not in bad.err
    assert "md, docx, pdf, txt, ics" in bad.err  # read as a list, not one word
    assert cli("export", mid, "--format", "all").code == 0
    written = sorted(p.name for p in (private_home / "exports" / f"möte-{mid}").iterdir())
    assert len(written) == 8


def test_markdown_text_is_what_its_reader_sees():
    # The comparison's own reader of the reference: markup gone, escapes undone, a
    # numbered list's numbers kept (a vote's ranks are content).
    md = "- **Anna:** 5 \\* 3\n\n1. Första\n2. Andra\n"
    assert flat(markdown_text(md)) == "Anna: 5 * 3 1. Första 2. Andra"


def test_a_steps_statements_marked_as_facts_or_assessments_in_every_document(store, tmp_path):
    # A case record keeps facts apart from assessments: a set says which a step's are.
    from conftest import SETS

    text = (SETS / "raseborg-klientmote.toml").read_text(encoding="utf-8")
    marked = text.replace('id = "familjen"\n', 'id = "familjen"\njournal = "facts"\n', 1)
    marked = marked.replace(
        'id = "myndigheterna"\n', 'id = "myndigheterna"\njournal = "assessments"\n', 1
    )
    assert marked.count("journal = ") == 2
    m = new_meeting(store, "raseborg-klientmote", PEOPLE[:3], text=marked)
    m.start()
    m.submit(SAID["Anna Lind"])
    m.close()
    # The facilitators' copy has every step, even one with nothing said yet.
    export_meeting(store, m.id, tmp_path, formats=document_formats(), to="facilitators")
    texts = document_texts(tmp_path)
    assert set(texts) == set(files_of(document_formats()))
    for name in (n for n in texts if n.startswith("minutes.")):
        said = flat(texts[name])
        assert "1. Frågor till familjemedlemmarna Faktiska omständigheter Planerat" in said, name
        assert "2. Frågor till myndigheterna Bedömningar Planerat" in said, name
    # The journal has no times, and no step in which nothing was said.
    said = flat(document_texts(tmp_path)["journal-note.txt"])
    assert "1. Frågor till familjemedlemmarna Faktiska omständigheter Vad är du" in said
    assert "Bedömningar" not in said
