"""Any text, however long, stands whole in the PDF and the DOCX wherever a document sets it:
in a table's cell, in a heading, in the body (adversarial review 2, A2: a word wider than
its table column, or an action taller than a page, stopped the whole export in every
format); and a table's columns are as wide as their content asks, so that a name or a date
is never broken inside a word where the page has room for it (newcomer review 2, N15: the
DOCX's columns were sized by their headings, and LibreOffice broke "Eri|k Lin|d").

Every meeting is exported as the app exports it (`export_meeting`) and read back: the PDF
by a text extractor, the DOCX from its XML. A broken word comes back broken over lines, so
the texts are compared with their white space (and any break character a format inserts)
taken out."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from documents import pdf_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting

from dialogtui.export.write import export_meeting
from dialogtui.records import ActionItem, PlanFrame
from dialogtui.store import Store

PEOPLE = [("Anna Lind", "familj", ""), ("Bo Berg", "myndighet", "Skolan")]
# Greek: in the PDF's font, and in no word of dialogtui's own in these documents, so that
# a long word's letters can be counted apart from all other text.
GREEK = "αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ"


def long_word(mark: str, length: int = 300) -> str:
    """A word of `length` characters with no space in it, beginning with where it was put
    (so that each is found apart from the others)."""
    body = f"{mark}_" + GREEK * (length // len(GREEK) + 1)
    return body[:length]


# A link pasted into an action, the most ordinary long word (200 characters).
URL = ("https://example.org/ansokan/blankett?kommun=raseborg&id=" + "a1b2c3/" * 30)[:200]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
BREAKS = re.compile(r"[\s\u200b\u00ad]+")  # white space, and the breaks a format may insert


def flat(text: str) -> str:
    return BREAKS.sub("", text)


def docx_body(path: Path) -> str:
    """The DOCX's text as its XML holds it: every `<w:t>`, in order."""
    from lxml import etree

    with zipfile.ZipFile(path) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    return "".join(t.text or "" for t in body.iter(f"{W}t"))


def pdf_text_of(page) -> str:
    """A PDF page's text without its footer ("Sida 1 av 2")."""
    return re.sub(r"\S+ \d+ \S+ \d+\s*$", "", page.extract_text())


def in_order(part: str, text: str) -> bool:
    """Every character of `part` in `text`, in its order."""
    rest = iter(text)
    return all(ch in rest for ch in part)


def greek(text: str) -> Counter[str]:
    return Counter(ch for ch in text if ch in GREEK)


def assert_whole(word: str, pdf: str, docx: str, name: str) -> None:
    """`word` whole in the DOCX (its XML holds each cell whole) and in the PDF: there every
    one of its letters as many times as in the DOCX, in order; contiguous where its cell
    fits one page (a cell taller than a page goes on under the headings of the next,
    after its row's other cells)."""
    assert word in docx, name
    assert greek(pdf) == greek(docx), name
    assert in_order(word, pdf), name


def written(store: Store, meeting_id: int, out: Path, formats=("pdf", "docx")) -> dict:
    """The files an export wrote, by what they are ("minutes.pdf", "action-plan.docx"),
    whatever their names on disk: each format's minutes first, then its action plan."""
    from exported import kind_of

    paths = export_meeting(store, meeting_id, out, formats=formats).paths
    # A set that makes no plan has no plan file (where nothing was planned).
    return {kind_of(p.name): p for p in paths if p.suffix in (".pdf", ".docx")}


def exported(store: Store, meeting_id: int, out: Path) -> dict[str, str]:
    """The PDF and DOCX files' texts, white space taken out, by what they are."""
    read = {".pdf": pdf_text, ".docx": docx_body}
    files = written(store, meeting_id, out)
    return {kind: flat(read[path.suffix](path)) for kind, path in files.items()}


# -- one long word in each place a document sets text ------------------------------------


def _client(store: Store, people=PEOPLE, **info):
    m = new_meeting(store, "raseborg-klientmote", people, **info)
    m.start()
    m.submit("Vi har pratat om skolan.")
    return m


def _action(**fields):
    def made(store: Store, word: str) -> int:
        m = _client(store)
        said = {k: (word if v is None else v) for k, v in fields.items()}
        m.actions.add(ActionItem(**said))
        m.close()
        return m.id

    return made


def _person(name: str, organisation: str):
    """A participant's name and an organisation, each `{}` the long word."""

    def made(store: Store, word: str) -> int:
        named = name.format(word)
        people = [(named, "familj", ""), ("Bo Berg", "myndighet", organisation.format(word))]
        m = _client(store, people)
        m.actions.add(ActionItem("Ring skolan", who=named))
        m.close()
        return m.id

    return made


def _info(key: str):
    def made(store: Store, word: str) -> int:
        m = _client(store, **{key: word})
        m.close()
        return m.id

    return made


def _turn(store: Store, word: str) -> int:
    m = _client(store)
    m.submit(f"Jag skrev {word} i ansökan.")
    m.close()
    return m.id


def _plan_frame(store: Store, word: str) -> int:
    m = _client(store)
    m.actions.save_plan(PlanFrame(word, f"Mål {word}", word, dt.date(2027, 3, 1), word, word))
    m.close()
    return m.id


def _traff_4(store: Store):
    m = new_meeting(store, "samtidigt-traff-4", [("Ada", "skola"), ("Per", "socialtjanst")])
    m.start()
    return m


def _needs_card(store: Store, word: str) -> int:
    from dialogtui.kinds import needs

    m = _traff_4(store)
    m.goto_step(m.qs.index_of("samverkanskarta"))
    card = needs.add(m.kind_context(), "Skolan", "Socialtjänsten", f"Behov {word}")
    needs.answer(m.kind_context(), card.id, word)
    needs.add(m.kind_context(), word, f"{word}2", "Tid")  # the actors' names as long as the need
    m.close()
    return m.id


def _vote_card(store: Store, word: str) -> int:
    from dialogtui.kinds.vote import give

    m = _traff_4(store)
    m.goto_step(m.qs.index_of("urval"))
    give(m.kind_context(), m.cards.add(word).id, 3)
    m.close()
    return m.id


def _timeline_sheet(store: Store, word: str) -> int:
    from dialogtui.kinds import board

    m = new_meeting(store, "samtidigt-traff-3", [("Ada", "skola"), ("Per", "socialtjanst")])
    m.start()
    m.goto_step(m.qs.index_of("tidslinje"))
    board.put_up(m.kind_context(), word, f"ht {word}", f"Skola {word}")
    m.close()
    return m.id


def _scale_comment(store: Store, word: str) -> int:
    from dialogtui.kinds import scale

    m = new_meeting(store, "raseborg-orons-zoner", [("Ada", None), ("Per", None)])
    m.start()
    scale.rate(m.kind_context(), m.participants[0].id, 1, word)
    m.close()
    return m.id


PLACES = {
    "action what": _action(what=None, who="Anna Lind", when=dt.date(2027, 1, 15)),
    "action what, a link": _action(what=f"Fyll i {URL} före mötet", when=dt.date(2027, 1, 15)),
    "action who": _action(what="Ring skolan", who=None),
    "action how": _action(what="Ring skolan", how=None),
    "action with whom": _action(what="Ring skolan", with_whom=None),
    "action first step": _action(what="Ring skolan", first_step=None),
    "every action field": _action(what=None, how=None, who=None, with_whom=None, first_step=None),
    "organisation": _person("Anna Lind", "{}"),
    "participant name": _person("{}", "Skolan"),
    "title": _info("title"),
    "place": _info("place"),
    "turn": _turn,
    "plan frame": _plan_frame,
    "needs card": _needs_card,
    "vote card": _vote_card,
    "timeline sheet": _timeline_sheet,
    "scale comment": _scale_comment,
}


@pytest.mark.parametrize("length", [300, 1200])
@pytest.mark.parametrize("place", list(PLACES))
def test_a_long_word_stands_whole_wherever_it_is_put(tmp_path, place, length):
    store = Store.open(tmp_path / "db")
    word = long_word(place.replace(" ", "").replace(",", ""), length)
    meeting_id = PLACES[place](store, word)
    texts = exported(store, meeting_id, tmp_path / "out")
    store.close()
    if place.endswith("a link"):
        word = URL
    kinds = ["minutes"] + (["action-plan"] if place.startswith(("action", "every", "plan")) else [])
    for kind in kinds:
        pdf, docx = texts[f"{kind}.pdf"], texts[f"{kind}.docx"]
        assert_whole(word, pdf, docx, f"{place}: {kind}")
        if length <= 300:  # its cell on one page
            assert word in pdf, f"{place}: {kind}"


def test_an_action_of_100_kb_is_set_over_as_many_pages_as_it_takes(tmp_path):
    # fpdf2's table could not set a row taller than a page ("The row with index 1 is too
    # high"): the row goes on over the next pages, under the headings again.
    import pypdf

    store = Store.open(tmp_path / "db")
    m = _client(store)
    m.actions.add(ActionItem("ord " * 25_000 + "SLUT", who="Anna Lind", how="Ring"))
    m.actions.add(ActionItem("NÄSTA_ÅTGÄRD", who="Bo Berg"))
    m.close()
    files = written(store, m.id, tmp_path / "out")
    store.close()
    pages = [page.extract_text() for page in pypdf.PdfReader(files["action-plan.pdf"]).pages]
    assert len(pages) > 10
    heads = [flat(page).count("Förstasteg") for page in pages]
    assert heads == [1] * len(pages)  # the headings at the top of every page
    texts = {name: flat(docx_body(path)) for name, path in files.items() if path.suffix == ".docx"}
    texts["action-plan.pdf"] = flat("".join(pages))
    for name, text in texts.items():
        assert text.count("ord") >= 25_000, name
        assert text.index("SLUT") < text.index("NÄSTA_ÅTGÄRD"), name  # in its order


@pytest.mark.parametrize("length", [60, 600, 1200])
def test_a_pdf_tables_headings_are_never_alone_at_the_foot_of_a_page(tmp_path, length):
    # A first row that fits on a page but not below the headings here takes them along.
    import pypdf

    store = Store.open(tmp_path / "db")
    meeting_id = PLACES["every action field"](store, long_word("alla", length))
    files = written(store, meeting_id, tmp_path / "out", formats=("pdf",))
    store.close()
    for kind, path in files.items():
        for page in pypdf.PdfReader(path).pages:
            text = flat(pdf_text_of(page))
            if "Förstasteg" in text:
                assert text.rpartition("Förstasteg")[2], kind  # a row below them


@pytest.mark.parametrize("length", [40, 3000])
def test_a_sets_column_heading_of_any_length_stands_whole(tmp_path, length):
    # A plan's column headings are the set's own words: headings taller than a third of
    # a page are not repeated on each page the table runs over, but set once, over pages
    # where they must.
    from conftest import SETS

    text = (SETS / "samtidigt-traff-4.toml").read_text(encoding="utf-8")
    heading = long_word("rubrik", length)
    assert '{ field = "who", label = "Vem" }' in text
    text = text.replace('label = "Vem"', f'label = "{heading}"')
    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "samtidigt-traff-4", [("Ada", "skola")], text=text)
    m.start()
    m.goto_step(m.qs.index_of("handlingsplan"))
    for n in range(30):
        m.actions.add(ActionItem(f"Åtgärd {n} " + "ord " * 40, who="Ada"))
    m.close()
    texts = exported(store, m.id, tmp_path / "out")
    store.close()
    for kind in ("minutes", "action-plan"):
        pdf, docx = texts[f"{kind}.pdf"], texts[f"{kind}.docx"]
        assert heading in docx
        assert in_order(heading, pdf)
        if length > 1000:  # once
            assert greek(pdf) == greek(docx), kind
        else:  # at the top of each page the table runs over
            assert pdf.count(heading) > docx.count(heading), kind


# -- the review's hostile texts, in table cells as well as in turns ---------------------

HOSTILE = {
    "H01": "# heading\n===\n| a | b |\n|---|---|\n<script>alert(1)</script> [x](http://e)",
    "H02": "{\\rtf1\\ansi \\b bold\\b0} \\par \\'e4",
    "H03": "<w:p><w:r><w:t>XML</w:t></w:r></w:p> ]]> <!-- &amp; &#0; &lt; \"'",
    "H04": "x" * 5000,  # one very long word
    "H05": "word " * 20_000,  # 100 kB
    "H06": "\u202eRTL override\u202c \u2067isolate\u2069 שלום עליכם مرحبا",
    "H07": "👩\u200d👩\u200d👧\u200d👦 🏳️\u200d🌈 👍🏽 🇫🇮",
    "H08": "e\u0301\u0301\u0301 Z̴̡̢̛͎͖̈́͊a̷̡͎̓l̵̨̈́g̶̰̈́o̵̱͆ ก้้้้้้้",
    "H09": "NUL\x00 BEL\x07 ESC\x1b[2J\x1b]0;T\x07 C1\x85\x9b\x9d VT\x0b FF\x0c BS\x08 DEL\x7f",
    "H10": ") Tj ET BT /F1 12 Tf (injected) Tj ET\nendstream endobj %%EOF \\(x\\)",
    "H11": "ok\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:INJECTED\r\nDTSTART:20300101",
    "H12": "=cmd|' /C calc'!A0 +SUM(1) -2 @A1",
    "H13": "ok\nAnna Andersson (Familjemedlemmarna): FORGED statement",
    "H14": "\ud7ff\ue000\uffff\U0010ffff \ufeff BOM \u2028LS\u2029PS",
    "H15": "tab\there  lead   spaces\n\n\n\nmany blank lines",
}


def test_the_reviews_hostile_texts_in_every_cell_of_a_plan_and_in_turns(tmp_path):
    store = Store.open(tmp_path / "db")
    people = [("Anna Andersson", "familj", ""), (f"Bo {HOSTILE['H03']}", "myndighet", "x" * 5000)]
    m = new_meeting(store, "raseborg-klientmote", people, title=f"Titel {HOSTILE['H11']}")
    m.start()
    for key, text in HOSTILE.items():
        m.submit(f"{key} {text}")
        # In every cell of an action; the 100 kB in a turn only (an action of 100 kB has
        # its own test), a tenth of it in the action.
        cell = text[:10_000] if key == "H05" else text
        fields = dict(how=cell, who=cell, with_whom=cell, first_step=cell)
        m.actions.add(ActionItem(f"{key} {cell}", **fields))
    m.close()
    texts = exported(store, m.id, tmp_path / "out")
    store.close()
    for name, text in texts.items():
        assert all(key in text for key in HOSTILE), name
        # The 5000-character word in every cell of its action, in its turn and in the
        # organisation's cell (the minutes: the participants' table).
        times = 6 if name.startswith("minutes") else 5
        assert text.count("x") >= 5000 * times, name
        least = (20_000 if name.startswith("minutes") else 0) + 2_000 * 5
        assert text.count("word") >= least, name


# -- generated: any word, in any cell -----------------------------------------------------

# More examples, new ones every run: DIALOGTUI_LONG_WORD_EXAMPLES=n.
MORE = int(os.environ.get("DIALOGTUI_LONG_WORD_EXAMPLES", "0"))
# Letters, digits and the marks a pasted address has, no white space; a few the European
# cut of the PDF's font lacks (set in the whole fonts), and combining marks.
ALPHABET = st.sampled_from(
    [*"abcdefghijklmnopqrstuvwxyzåäöæøüéABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789"]
    + [*"/-?&=_.,;:%#@+~()[]{}<>\\\"'|!*"]
    + ["ნ", "Ա", "\u0301", "ŋ", "đ", "–", "→"]
)
# Words of any length up to 1500 characters: a drawn piece of text repeated to a drawn
# length (drawn text alone is mostly short).
WORDS = st.one_of(
    st.text(ALPHABET, min_size=1, max_size=30),
    st.builds(
        lambda piece, length: (piece * length)[:length],
        st.text(ALPHABET, min_size=1, max_size=60),
        st.integers(min_value=60, max_value=1500),
    ),
)


@settings(
    max_examples=MORE or 8,
    deadline=None,
    derandomize=not MORE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    cells=st.fixed_dictionaries(
        {
            key: st.lists(WORDS, min_size=0, max_size=2)
            for key in ("what", "how", "who", "with_whom", "first_step", "organisation")
        }
    )
)
def test_generated_words_in_every_cell_stand_whole_in_the_pdf_and_the_docx(cells):
    cells["what"] = cells["what"] or ["Ring"]
    said = {key: " ".join(words) for key, words in cells.items()}
    with tempfile.TemporaryDirectory() as folder:
        store = Store.open(Path(folder) / "db")
        people = [("Anna Lind", "familj", ""), ("Bo Berg", "myndighet", said["organisation"])]
        m = _client(store, people)
        fields = {k: v for k, v in said.items() if k != "organisation"}
        m.actions.add(ActionItem(**fields))
        m.close()
        texts = exported(store, m.id, Path(folder) / "out")
        store.close()
    for name, text in texts.items():
        places = said.items() if name.startswith("minutes") else fields.items()
        for key, value in places:
            if name.endswith(".docx"):  # each cell whole where it stands
                assert flat(value) in text, (name, key)
            else:
                assert in_order(flat(value), text), (name, key)


# -- the columns' widths ------------------------------------------------------------------


def _plan(store: Store) -> int:
    people = [
        ("Erik Lind", "familj", ""),
        ("Mikael Berg", "myndighet", "Socialtjänsten"),
        ("Anna-Karin Holmström", "myndighet", "Skolan"),
    ]
    m = new_meeting(store, "raseborg-klientmote", people)
    m.start()
    m.actions.add(
        ActionItem(
            "Avbetalningsplan för hyresskulden",
            how="Möte med hyresvärden och skuldrådgivning",
            who="Erik Lind",
            with_whom="Mikael Berg",
            when=dt.date(2027, 1, 15),
            first_step="Ringa hyresvärden",
        )
    )
    m.actions.add(
        ActionItem(
            "Läxhjälp två gånger i veckan",
            how="Via skolans fritids",
            who="Anna-Karin Holmström",
            with_whom="Erik Lind",
            when=dt.date(2027, 2, 1),
            first_step="Prata med mentorn",
        )
    )
    m.close()
    return m.id


def _dejavu(bold: bool):
    from fontTools.ttLib import TTFont

    from dialogtui.export.pdf_fonts import FONTS

    font = TTFont(FONTS / f"DejaVuSans{'-Bold' if bold else ''}.ttf", lazy=True)
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    return lambda text: sum(metrics[cmap[ord(ch)]][0] for ch in text) / font["head"].unitsPerEm


def test_each_docx_column_holds_its_longest_word(tmp_path):
    # Word and LibreOffice take a column's width from the table's grid: each column has
    # room for its longest word (measured in DejaVu Sans, as wide as the fonts a reader's
    # program falls back to), inside its cell's margins; the grid fills the page.
    from lxml import etree

    store = Store.open(tmp_path / "db")
    files = written(store, _plan(store), tmp_path / "out", formats=("docx",))
    store.close()
    w = W
    measure = {False: _dejavu(False), True: _dejavu(True)}
    with zipfile.ZipFile(files["action-plan.docx"]) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    (table,) = body.iter(f"{w}tbl")
    assert table.find(f"{w}tblPr/{w}tblLayout").get(f"{w}type") == "fixed"
    grid = [int(col.get(f"{w}w")) for col in table.iter(f"{w}gridCol")]
    assert 9000 < sum(grid) <= round((21 - 2 * 2.2) * 567)
    for row in table.iter(f"{w}tr"):
        for width, cell in zip(grid, row.iter(f"{w}tc"), strict=True):
            assert int(cell.find(f"{w}tcPr/{w}tcW").get(f"{w}w")) == width
            for run in cell.iter(f"{w}r"):
                size = run.find(f"{w}rPr/{w}sz")
                points = 11 if size is None else int(size.get(f"{w}val")) / 2
                bold = run.find(f"{w}rPr/{w}b") is not None
                for word in "".join(run.itertext()).split():
                    twips = measure[bold](word) * points * 20
                    assert twips <= width - 2 * 108, (word, width)


def test_no_name_or_date_in_a_pdf_table_is_broken_inside_a_word(tmp_path):
    store = Store.open(tmp_path / "db")
    files = written(store, _plan(store), tmp_path / "out", formats=("pdf",))
    store.close()
    words = pdf_text(files["action-plan.pdf"]).split()
    for name in ("Erik", "Lind", "Mikael", "Berg", "Anna-Karin", "Holmström", "2027"):
        assert name in words
    assert "Avbetalningsplan" in words and "skuldrådgivning" in words


def test_a_pdf_tables_text_stays_inside_the_page_margins(tmp_path):
    import pypdfium2

    store = Store.open(tmp_path / "db")
    meeting_id = PLACES["every action field"](store, long_word("alla", 700))
    files = written(store, meeting_id, tmp_path / "out", formats=("pdf",))
    store.close()
    document = pypdfium2.PdfDocument(str(files["action-plan.pdf"]))
    for page in document:
        text = page.get_textpage()
        left, right = 22 * 72 / 25.4, page.get_width() - 22 * 72 / 25.4
        boxes = [text.get_charbox(i) for i in range(text.count_chars())]
        assert all(left - 0.5 <= box[0] and box[2] <= right + 0.5 for box in boxes)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="needs LibreOffice")
def test_libreoffice_sets_no_name_or_date_of_a_docx_plan_broken(tmp_path):
    # N15 as the review saw it: the DOCX laid out by LibreOffice (without Cambria, in a
    # wider font), read back from the PDF it makes.
    store = Store.open(tmp_path / "db")
    files = written(store, _plan(store), tmp_path / "out", formats=("docx",))
    store.close()
    profile = f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}"
    args = ["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir"]
    docx = files["action-plan.docx"]
    subprocess.run([*args, str(tmp_path / "lo"), str(docx)], check=True, capture_output=True)
    words = pdf_text(tmp_path / "lo" / f"{docx.stem}.pdf").split()
    for name in ("Erik", "Lind", "Mikael", "Berg", "Anna-Karin", "Holmström", "2027"):
        assert name in words
    assert "Avbetalningsplan" in words and "skuldrådgivning" in words
