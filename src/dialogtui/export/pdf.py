"""Render a document as PDF, for participants and the archive: A4, print-ready, page
numbers ("Sida 2 av 5") in the meeting's language, and a font of dialogtui's own (DejaVu
Sans, beside this module) that has every Nordic letter and dash, embedded, so the file
looks the same on every computer."""

from __future__ import annotations

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
        pdf.write(LEADING * size / SIZE, "\n".join(text_lines(span)))
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
    text = "".join("\n".join(text_lines(s)) for s in line)
    bold = bool(line) and all(s.bold for s in line)
    italic = bool(line) and all(s.italic for s in line)
    return text, _style(bold, italic)


def _table(pdf: _Pdf, table: Table) -> None:
    rows = [table.heads, *table.rows]
    # Each column as wide as its longest word allows and its text asks, within reason.
    widths = []
    for c in range(len(table.heads)):
        texts = [_cell_text(r[c])[0] for r in rows if c < len(r)]
        longest = max((len(t) for t in texts), default=1)
        word = max((len(w) for t in texts for w in t.split()), default=1)
        widths.append(max(word, min(longest, 40), 3))
    align = tuple("RIGHT" if c in table.right else "LEFT" for c in range(len(widths)))
    pdf.set_font(FONT, "", SIZE - 1)
    with pdf.table(
        col_widths=tuple(widths),
        text_align=align,
        line_height=LEADING * 0.95,
        headings_style=FontFace(emphasis="BOLD", fill_color=(235, 235, 235)),
        repeat_headings=1,
        padding=1.2,
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
    pdf.set_title(doc.title)
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
