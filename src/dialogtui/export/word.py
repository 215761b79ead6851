"""Render a document as DOCX, for the office: real headings (Word's own heading styles, so
its navigation and a municipal template's styles apply), lists, and tables (the plan as a
table), in the meeting's language for the spelling checker, page numbers in the footer."""

from __future__ import annotations

import io
import re

from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from dialogtui.export.document import (
    Document,
    Heading,
    Item,
    Items,
    Line,
    Paragraph,
    Table,
    text_lines,
)
from dialogtui.export.labels import labels

# What XML cannot hold, beyond the controls `text_lines` has made visible already.
_NOT_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")

# BCP 47 tags Word knows, for the spelling checker and hyphenation.
_LANGUAGES = {"sv": "sv-SE", "fi": "fi-FI", "da": "da-DK", "nb": "nb-NO", "en": "en-GB"}


def _runs(paragraph: DocxParagraph, line: Line, bold: bool = False) -> None:
    for span in line:
        texts = [_NOT_XML.sub("\ufffd", t) for t in text_lines(span)]
        for n, text in enumerate(texts):
            run = paragraph.add_run(text)
            run.bold = span.bold or bold or None
            run.italic = span.italic or None
            if n < len(texts) - 1:
                run.add_break()  # a turn's next line, in the same item


def _items(doc, items: list[Item], depth: int = 0) -> None:
    for item in items:
        if item.number is None:
            style = "List Bullet" if depth == 0 else "List Bullet 2"
            p = doc.add_paragraph(style=style)
        else:  # a rank, which ties share: written, not counted by Word
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Cm(0.6 * (depth + 1))
            p.add_run(f"{item.number}. ")
        _runs(p, item.line)
        _items(doc, item.items, depth + 1)


def _repeat_as_header(row) -> None:
    """The table's first row is repeated on every page it runs over."""
    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _table(doc, table: Table) -> None:
    out = doc.add_table(rows=1 + len(table.rows), cols=len(table.heads))
    out.style = "Table Grid"
    out.alignment = WD_TABLE_ALIGNMENT.LEFT
    for r, row in enumerate([table.heads, *table.rows]):
        for c, line in enumerate(row):
            p = out.cell(r, c).paragraphs[0]
            _runs(p, line, bold=r == 0)
            if c in table.right:
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _repeat_as_header(out.rows[0])
    doc.add_paragraph()  # Word joins two tables that touch: a paragraph keeps them apart


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
    for b in doc.blocks:
        if isinstance(b, Heading):
            _runs(out.add_heading(level=b.level), b.line)
        elif isinstance(b, Paragraph):
            _runs(out.add_paragraph(), b.line)
        elif isinstance(b, Items):
            _items(out, b.items)
        else:
            _table(out, b)
    _page_numbers(out, doc.language)
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def contents(docs) -> tuple:
    """The format's files (`dialogtui.export.formats`): the minutes, the action plan."""
    return render(docs.minutes), render(docs.plan)
