"""Render a document as PDF, for participants and the archive: A4, print-ready, page
numbers ("Sida 2 av 5") in the meeting's language, and a font of dialogtui's own (DejaVu
Sans, beside this module) that has every Nordic letter and dash, embedded, so the file
looks the same on every computer."""

from __future__ import annotations

import functools
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

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

FONTS = Path(__file__).with_name("fonts")
FONT = "DejaVu"
_FILES = {"": "DejaVuSans", "B": "DejaVuSans-Bold", "I": "DejaVuSans-Oblique"}
_FILES["BI"] = "DejaVuSans-BoldOblique"
SIZE = 10.5  # points: the body text
LEADING = 5.2  # millimetres per line of body text
_HEADINGS = {1: 16.0, 2: 13.0, 3: 11.5}


@functools.cache
def _glyphs() -> frozenset[int]:
    """The characters every one of the four faces has."""
    from fontTools.ttLib import TTFont

    faces = [set(TTFont(FONTS / f"{name}.ttf").getBestCmap()) for name in _FILES.values()]
    return frozenset(set.intersection(*faces))


def printable(text: str) -> str:
    """A character the font has no glyph for (a control's picture, an emoji) would vanish
    from the page without a trace: it is shown as the replacement mark instead."""
    if text.isascii():
        return text
    glyphs = _glyphs()
    return "".join(c if ord(c) in glyphs or c == "\n" else "\ufffd" for c in text)


def _style(bold: bool, italic: bool) -> str:
    return ("B" if bold else "") + ("I" if italic else "")


class _Pdf(FPDF):
    def __init__(self, page_label: str):
        super().__init__(format="A4")
        self.page_label = page_label
        for style, name in _FILES.items():
            self.add_font(FONT, style, str(FONTS / f"{name}.ttf"))
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=20)

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8.5)
        said = self.page_label.format(page=self.page_no(), pages=self.alias_nb_pages_text)
        self.cell(0, 5, said, align="C")

    @property
    def alias_nb_pages_text(self) -> str:
        return self.str_alias_nb_pages


def _write(pdf: _Pdf, line: Line, size: float = SIZE, bold: bool = False) -> None:
    """A line of spans, wrapped at the current left margin."""
    for span in line:
        pdf.set_font(FONT, _style(span.bold or bold, span.italic), size)
        pdf.write(LEADING * size / SIZE, printable("\n".join(text_lines(span))))
    pdf.ln(LEADING * size / SIZE)


def _items(pdf: _Pdf, items: list[Item], depth: int = 0) -> None:
    margin = pdf.l_margin
    for item in items:
        at = margin + 5 * depth
        pdf.set_x(at)
        pdf.set_font(FONT, "", SIZE)
        bullet = "•" if item.number is None else f"{item.number}."
        pdf.cell(5 if item.number is None else 7, LEADING, bullet)
        pdf.set_left_margin(pdf.get_x())  # the item's further lines stand under its text
        _write(pdf, item.line)
        pdf.set_left_margin(margin)
        _items(pdf, item.items, depth + 1)
        pdf.set_left_margin(margin)


def _cell_text(line: Line) -> tuple[str, str]:
    text = printable("".join("\n".join(text_lines(s)) for s in line))
    bold = bool(line) and all(s.bold for s in line)
    italic = bool(line) and all(s.italic for s in line)
    return text, _style(bold, italic)


PADDING = 1.2  # millimetres inside each cell


def _widths(pdf: _Pdf, rows: list[list[Line]]) -> list[float]:
    """Each column at least as wide as its longest word (a word is never broken inside a
    cell), the rest of the page shared by how much text each column holds."""
    columns = len(rows[0])
    least, want = [0.0] * columns, [0.0] * columns
    for r, row in enumerate(rows):
        for c, line in enumerate(row[:columns]):
            text, style = _cell_text(line)
            pdf.set_font(FONT, "B" if r == 0 else style, SIZE - 1)
            extra = 2 * PADDING + 1
            for word in text.split() or [""]:
                least[c] = max(least[c], pdf.get_string_width(word) + extra)
            for part in text.split("\n"):
                want[c] = max(want[c], min(pdf.get_string_width(part), pdf.epw / 2) + extra)
    room = pdf.epw - sum(least)
    if room <= 0:  # words wider than the page: as narrow as they allow, scaled to fit
        return [w * pdf.epw / sum(least) for w in least]
    want = [max(w, m) for w, m in zip(want, least, strict=True)]
    if sum(want) <= pdf.epw:  # every cell on one line: the spare room shared out
        return [w * pdf.epw / sum(want) for w in want]
    more = [w - m for w, m in zip(want, least, strict=True)]
    return [m + room * x / sum(more) for m, x in zip(least, more, strict=True)]


def _table(pdf: _Pdf, table: Table) -> None:
    rows = [table.heads, *table.rows]
    widths = _widths(pdf, rows)
    align = tuple("RIGHT" if c in table.right else "LEFT" for c in range(len(widths)))
    pdf.set_font(FONT, "", SIZE - 1)
    with pdf.table(
        col_widths=tuple(widths),
        text_align=align,
        line_height=LEADING * 0.95,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        repeat_headings=1,
        padding=PADDING,
    ) as out:
        for row in rows:
            cells = out.row()
            for line in row:
                text, style = _cell_text(line)
                emphasis = {"B": "BOLD", "I": "ITALICS", "BI": "BOLD,ITALICS"}.get(style)
                cells.cell(text, style=FontFace(emphasis=emphasis) if emphasis else None)
    pdf.ln(2)


def render(doc: Document) -> bytes:
    pdf = _Pdf(labels(doc.language)["page"])
    pdf.set_lang(doc.language)
    pdf.set_title(doc.title)  # metadata: any character, the reader's own font shows it
    pdf.set_author(doc.author)
    pdf.set_creator("dialogtui")
    pdf.add_page()
    for b in doc.blocks:
        if isinstance(b, Heading):
            size = _HEADINGS.get(b.level, SIZE)
            if b.level > 1 and pdf.get_y() > pdf.h - 45:
                pdf.add_page()  # a heading is not left alone at the foot of a page
            pdf.ln(3 if b.level > 1 else 0)
            _write(pdf, b.line, size, bold=True)
            pdf.ln(1.5)
        elif isinstance(b, Paragraph):
            _write(pdf, b.line)
            pdf.ln(1.5)
        elif isinstance(b, Items):
            _items(pdf, b.items)
            pdf.ln(1.5)
        else:
            _table(pdf, b)
    return bytes(pdf.output())


def contents(docs) -> tuple:
    """The format's files (`dialogtui.export.formats`): the minutes, the action plan."""
    return render(docs.minutes), render(docs.plan)
