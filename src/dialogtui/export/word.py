"""Render a document as DOCX, for the office: real headings (Word's own heading styles, so
its navigation and a municipal template's styles apply), lists, and tables (the plan as a
table), in the meeting's language for the spelling checker, page numbers in the footer."""

from __future__ import annotations

import io
import re
import zipfile
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from docx import Document as new_docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from dialogtui.export.document import (
    Document,
    Heading,
    Item,
    Items,
    Line,
    Paragraph,
    Span,
    Table,
    plain_text,
    text_lines,
)
from dialogtui.export.labels import labels

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


def _runs(line: Line, bold: bool = False) -> str:
    out = []
    for span in line:
        marks = ("<w:b/>" if span.bold or bold else "") + ("<w:i/>" if span.italic else "")
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


def _table(ids: dict[str, str], table: Table) -> str:
    rows = [table.heads, *table.rows]
    # Each column as wide as the text it holds asks, within reason, and never narrower
    # than its longest word and a margin (an empty column's "Hur" stays whole).
    want = []
    for c in range(len(table.heads)):
        texts = [plain_text(r[c]) for r in rows if c < len(r)]
        word = max((len(w) for t in texts for w in t.split()), default=1)
        want.append(max(word + 2, min(40, max(len(t) for t in texts))))
    widths = [round(TEXT_WIDTH * w / sum(want)) for w in want]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    out = [
        f'<w:tbl><w:tblPr><w:tblStyle w:val="{ids["Table Grid"]}"/><w:tblW w:w="0" '
        'w:type="auto"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
        f'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
        f"<w:tblGrid>{grid}</w:tblGrid>"
    ]
    for r, row in enumerate(rows):
        # The first row is repeated on every page the table runs over.
        cells = ["<w:tr><w:trPr><w:tblHeader/></w:trPr>" if r == 0 else "<w:tr>"]
        for c, line in enumerate(row):
            right = '<w:jc w:val="right"/>' if c in table.right else ""
            width = f'<w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/></w:tcPr>'
            cells.append(f"<w:tc>{width}{_paragraph(_runs(line, bold=r == 0), props=right)}</w:tc>")
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


def render(doc: Document) -> bytes:
    out = new_docx()
    props = out.core_properties
    props.title = _NOT_XML.sub("\ufffd", doc.title)
    props.author = _NOT_XML.sub("\ufffd", doc.author)
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


def contents(docs: Documents) -> tuple[bytes, bytes]:
    """The format's files (`dialogtui.export.formats`): the minutes, the action plan."""
    return render(docs.minutes), render(docs.plan)
