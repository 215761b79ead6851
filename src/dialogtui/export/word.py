"""Render a document as DOCX, for the office: real headings (Word's own heading styles, so
its navigation and a municipal template's styles apply), lists, and tables (the plan as a
table), in the meeting's language for the spelling checker, page numbers in the footer."""

from __future__ import annotations

import functools
import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from dialogtui.export.columns import share
from dialogtui.export.document import (
    Document,
    Heading,
    Item,
    Items,
    Line,
    Paragraph,
    Span,
    Table,
    text_lines,
)
from dialogtui.labels import labels

if TYPE_CHECKING:
    from dialogtui.export.formats import Documents


# What XML cannot hold, beyond the controls `text_lines` has made visible already.
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")

# BCP 47 tags Word knows, for the spelling checker and hyphenation.
_LANGUAGES = {"sv": "sv-SE", "fi": "fi-FI", "da": "da-DK", "nb": "nb-NO", "en": "en-GB"}


# The body is written as WordprocessingML text and put into the file as it is: python-docx's
# own add_paragraph looks each style up by name again (a ten-thousand-turn meeting took
# half a minute), and parsing the text into python-docx's tree only for it to write the
# same text out again took half of a long meeting's export. The document around the body
# (styles, page, footer) is python-docx's, written with a placeholder paragraph where the
# body goes.
_PLACEHOLDER = "dialogtui:body"
_PLACED = f"<w:p><w:r><w:t>{_PLACEHOLDER}</w:t></w:r></w:p>".encode()
_MAIN = "word/document.xml"
_STYLES = ("Heading 1", "Heading 2", "Heading 3", "List Bullet", "List Bullet 2", "Table Grid")
TEXT_WIDTH = round((21 - 2 * 2.2) * 567)  # twips between the margins of an A4 page


def _runs(line: Line, bold: bool = False, size: str = "") -> str:
    """`size`: the runs' size (`<w:sz>`), where not their paragraph style's."""
    out = []
    for span in line:
        marks = ("<w:b/>" if span.bold or bold else "") + ("<w:i/>" if span.italic else "")
        marks += size
        texts = [escape(_NOT_XML.sub("\ufffd", t)) for t in text_lines(span)]
        said = "<w:br/>".join(f'<w:t xml:space="preserve">{t}</w:t>' for t in texts)
        out.append(f"<w:r><w:rPr>{marks}</w:rPr>{said}</w:r>" if marks else f"<w:r>{said}</w:r>")
    return "".join(out)


def _paragraph(runs: str, style: str = "", props: str = "") -> str:
    style = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f"<w:p><w:pPr>{style}{props}</w:pPr>{runs}</w:p>"


def _items(ids: dict[str, str], items: list[Item], depth: int = 0) -> list[str]:
    out = []
    for item in items:
        if item.number is None:
            style = ids["List Bullet" if depth == 0 else "List Bullet 2"]
            out.append(_paragraph(_runs(item.line), style))
        else:  # a rank, which ties share: written, not counted by Word
            indent = f'<w:ind w:left="{340 * (depth + 1)}"/>'
            number = _runs([Span(f"{item.number}. ", ours=True)])
            out.append(_paragraph(number + _runs(item.line), props=indent))
        out += _items(ids, item.items, depth + 1)
    return out


# A table's columns are measured in DejaVu Sans (dialogtui's PDF font, beside the PDF
# module), at the size of a table's text: as wide as the wider fonts a reader's program
# sets the text in (LibreOffice without Cambria sets it in DejaVu Serif), with some room to
# spare; in a narrower font (Word's Cambria) the columns only have room to spare.
FONTS = Path(__file__).with_name("fonts")
# A table's text a point smaller than the body's, as in the PDF: six columns of a plan
# hold their longest words side by side on a page.
TABLE_SIZE = 10  # points
_TABLE_SIZE = f'<w:sz w:val="{TABLE_SIZE * 2}"/><w:szCs w:val="{TABLE_SIZE * 2}"/>'
CELL_SIDE = 108  # twips: a cell's left and right margins, as in "Table Grid"
CELL_MARGINS = 2 * CELL_SIDE
# A little room above and below a cell's text ("Table Grid" has none: its rows crowd).
_CELL_MARGINS = "".join(
    f'<w:{side} w:w="{width}" w:type="dxa"/>'
    for side, width in (("top", 40), ("left", CELL_SIDE), ("bottom", 40), ("right", CELL_SIDE))
)
SPARE = 1.1


class _Advances(dict):
    """Each character's width in a font's units, by code; one the font lacks an em."""

    def __init__(self, widths: dict[int, int], em: int):
        super().__init__(widths)
        self.em = em

    def __missing__(self, code: int) -> int:
        return self.em


@functools.cache
def _advances(bold: bool) -> tuple[_Advances, float]:
    """The font's widths, and twips per unit of them."""
    from fontTools.ttLib import TTFont

    font = TTFont(FONTS / f"DejaVuSans{'-Bold' if bold else ''}-Europe.ttf", lazy=True)
    metrics = font["hmtx"]
    em = font["head"].unitsPerEm
    widths = {code: metrics[glyph][0] for code, glyph in font.getBestCmap().items()}
    return _Advances(widths, em), TABLE_SIZE * 20 * SPARE / em


def _extent(line: Line, bold: bool) -> tuple[float, float]:
    """A cell's longest word and its longest line, in twips."""
    word = line_width = longest = 0.0
    for span in line:
        widths, scale = _advances(span.bold or bold)
        for n, part in enumerate(text_lines(span)):
            if n:  # a turn's next line of its own
                longest, line_width = max(longest, line_width), 0.0
            sizes = [sum(map(widths.__getitem__, map(ord, w))) for w in part.split(" ")]
            word = max(word, max(sizes) * scale)
            line_width += (sum(sizes) + widths[32] * (len(sizes) - 1)) * scale
    return word, max(longest, line_width)


def _table(ids: dict[str, str], table: Table) -> str:
    rows = [table.heads, *table.rows]
    # Each column as wide as its longest word where the page has room (a name, a date
    # kept whole: Word and LibreOffice take a cell's width from the table's own widths,
    # and break a word inside where it is wider than its cell), the rest of the page
    # shared by how much text each column holds. The widths are fixed: a reader's program
    # does not widen a column past the page for a long word (a pasted address) but breaks
    # the word.
    columns = len(table.heads)
    least, want = [0.0] * columns, [0.0] * columns
    for r, row in enumerate(rows):
        for c, line in enumerate(row[:columns]):
            word, longest = _extent(line, r == 0)
            least[c] = max(least[c], word + CELL_MARGINS)
            want[c] = max(want[c], min(longest, TEXT_WIDTH / 2) + CELL_MARGINS)
    widths = [int(w) for w in share(least, want, TEXT_WIDTH)]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{ids["Table Grid"]}"/>'
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
        f"<w:tblCellMar>{_CELL_MARGINS}</w:tblCellMar>"
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
        f'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    for r, row in enumerate(rows):
        # The first row is repeated on every page the table runs over.
        cells = ["<w:tr><w:trPr><w:tblHeader/></w:trPr>" if r == 0 else "<w:tr>"]
        for c, line in enumerate(row):
            right = '<w:jc w:val="right"/>' if c in table.right else ""
            width = f'<w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/></w:tcPr>'
            said = _runs(line, bold=r == 0, size=_TABLE_SIZE)
            cells.append(f"<w:tc>{width}{_paragraph(said, props=right)}</w:tc>")
        out.append("".join(cells) + "</w:tr>")
    # Word joins two tables that touch: an empty paragraph keeps them apart.
    return "".join(out) + "</w:tbl><w:p/>"


def _page_numbers(doc, language: str) -> None:
    """ "Sida 3 av 7" in the footer, as Word fields that Word and LibreOffice fill in."""
    said = labels(language)["page"]
    p = doc.sections[0].footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, _, rest = said.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    for text, field in ((before, "PAGE"), (middle, "NUMPAGES"), (after, None)):
        if text:
            p.add_run(text)
        if field:
            run = p.add_run()
            for kind, value in (("begin", None), ("instr", field), ("end", None)):
                if kind == "instr":
                    el = OxmlElement("w:instrText")
                    el.set(qn("xml:space"), "preserve")
                    el.text = f" {value} "
                else:
                    el = OxmlElement("w:fldChar")
                    el.set(qn("w:fldCharType"), kind)
                run._r.append(el)


def _property(text: str) -> str:
    """A document property's text (the file's title, its author), cut to the 255
    characters the format allows: the text stands whole in the document itself."""
    text = _NOT_XML.sub("\ufffd", text)
    return text if len(text) <= 255 else text[:254] + "…"


def render(doc: Document) -> bytes:
    out = new_docx()
    props = out.core_properties
    props.title = _property(doc.title)
    props.author = _property(doc.author)
    props.language = doc.language
    props.comments = "dialogtui"
    normal = out.styles["Normal"]
    normal.font.size = Pt(11)
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), _LANGUAGES.get(doc.language, doc.language))
    normal.element.get_or_add_rPr().append(lang)
    section = out.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)  # A4, not Letter
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    ids = {name: out.styles[name].style_id for name in _STYLES}
    # Before the body: python-docx finds the page's footer by searching the whole body.
    _page_numbers(out, doc.language)
    out.add_paragraph(_PLACEHOLDER)
    parts: list[str] = []
    for b in doc.blocks:
        if isinstance(b, Heading):
            parts.append(_paragraph(_runs(b.line), ids[f"Heading {min(b.level, 3)}"]))
        elif isinstance(b, Paragraph):
            parts.append(_paragraph(_runs(b.line)))
        elif isinstance(b, Items):
            parts += _items(ids, b.items)
        else:
            parts.append(_table(ids, b))
    buffer = io.BytesIO()
    out.save(buffer)
    return _with_body(buffer.getvalue(), "".join(parts).encode())


def _with_body(written: bytes, body: bytes) -> bytes:
    """python-docx's file with `body` in place of its placeholder paragraph: each part
    as it was (its name, time and compression), the main part's text around the body
    as python-docx wrote it."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(written)) as source, zipfile.ZipFile(out, "w") as file:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != _MAIN:
                file.writestr(info, data)
                continue
            before, placed, after = data.partition(_PLACED)
            if not placed:  # a python-docx that writes a paragraph otherwise
                raise RuntimeError(f"no placeholder paragraph in {_MAIN}")
            with file.open(info, "w") as main:
                main.writelines((before, body, after))
    return out.getvalue()


def contents(docs: Documents) -> tuple[bytes, bytes | None]:
    """The format's files (`dialogtui.export.formats`): the minutes, the action plan."""
    return render(docs.minutes), render(docs.plan) if docs.has_plan else None
