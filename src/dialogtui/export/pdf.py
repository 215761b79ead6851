"""Render a document as PDF, for participants and the archive: A4, print-ready, page
numbers ("Sida 2 av 5") in the meeting's language, and a font of dialogtui's own (DejaVu
Sans, beside this module) that has every Nordic letter and dash, embedded, so the file
looks the same on every computer."""

from __future__ import annotations

import functools
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

from fpdf import FPDF
from fpdf.enums import PDFResourceType
from fpdf.fonts import FontFace, TTFFont
from fpdf.util import escape_parens

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

if TYPE_CHECKING:
    from dialogtui.export.formats import Documents


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


class _Shown(dict):
    """For str.translate: each character as itself where the font has it, else the
    replacement mark; looked up once per character, then at the speed of a dict."""

    def __missing__(self, code: int) -> int | str:
        shown = self[code] = code if code in _glyphs() or code == 10 else "\ufffd"
        return shown


_SHOWN = _Shown()


def printable(text: str) -> str:
    """A character the font has no glyph for (a control's picture, an emoji) would vanish
    from the page without a trace: it is shown as the replacement mark instead."""
    return text if text.isascii() else text.translate(_SHOWN)


def _style(bold: bool, italic: bool) -> str:
    return ("B" if bold else "") + ("I" if italic else "")


class _Picked(dict):
    """For str.translate: each character's code in the font's subset, picked once (fpdf2
    picks it again for every character of every line placed)."""

    def __init__(self, subset):
        super().__init__()
        self.subset = subset

    def __missing__(self, code: int) -> str:
        picked = self.subset.pick(code)
        found = self[code] = "" if picked is None else chr(picked)
        return found


class _Pdf(FPDF):
    def __init__(self, page_label: str):
        super().__init__(format="A4")
        self.page_label = page_label
        self.picked: dict[str, _Picked] = {}
        self.placing: dict[str, tuple[int, _Picked]] = {}  # this page's, by style
        self.face("")
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=20)

    def face(self, style: str) -> TTFFont:
        """The font of a style, read from its file when first used (each takes a tenth of
        a second, and most documents have no bold italic)."""
        key = FONT.lower() + style
        if key not in self.fonts:
            self.add_font(FONT, style, str(FONTS / f"{_FILES[style]}.ttf"))
        font = self.fonts[key]
        assert isinstance(font, TTFFont)
        if key not in self.picked:
            self.picked[key] = _Picked(font.subset)
        return font

    def _placing(self, style: str) -> tuple[int, _Picked]:
        """A style's font number and subset codes, for `place`; the font is named among
        the page's resources once per page (a new page clears `placing`)."""
        font = self.face(style)
        self._resource_catalog.add(PDFResourceType.FONT, font.i, self.page)
        found = self.placing[style] = (font.i, self.picked[font.fontkey])
        return found

    def add_page(self, *args, **kwargs) -> None:
        super().add_page(*args, **kwargs)
        self.placing.clear()  # a new page names its fonts again

    def place(self, x: float, y: float, runs: list[tuple[float, str, str]], size: float):
        """One line of text at baseline `y`: each run (its x, style, text) in one text
        object, as fpdf2's `text()` writes a run (its font's subset codes, escaped), but
        with the codes picked once per character instead of one by one for every run: a
        long meeting's PDF spent most of its time there. The tests read every PDF's text
        back, so a change in fpdf2 shows."""
        k = self.k
        said = [f"BT {x * k:.2f} {(self.h - y) * k:.2f} Td"]
        at = x
        for start, style, text in runs:
            number, picked = self.placing.get(style) or self._placing(style)
            mapped = text.translate(picked).encode("utf-16-be").decode("latin-1")
            move = f"{(start - at) * k:.2f} 0 Td " if start != at else ""
            said.append(f"{move}/F{number} {size:.2f} Tf ({escape_parens(mapped)}) Tj")
            at = start
        said.append("ET")
        line = " ".join(said)
        if self.fill_color != self.text_color:  # text is painted in the fill colour
            assert self.text_color is not None
            line = f"q {self.text_color.serialize().lower()} {line} Q"
        self._out(line)
        self.current_font_is_set_on_page = False  # fpdf2's own text sets its font again

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(FONT, "", 8.5)
        # The page count is fpdf2's alias, filled in when the file is written.
        said = self.page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages)
        self.cell(0, 5, said, align="C")


class _Flow:
    """Lines of text set on the page by dialogtui itself: fpdf2's own wrapping measures a
    line again for every character added to it, which made a long meeting's PDF take
    minutes. Here each word is measured once (a meeting says the same words again and
    again), lines are broken between words, and each run of one style is placed as is."""

    def __init__(self, pdf: _Pdf):
        self.pdf = pdf
        self.widths: dict[str, dict[int, float]] = {}  # per style: each character's width

    def widths_of(self, style: str) -> dict[int, float]:
        found = self.widths.get(style)
        if found is None:
            found = self.widths[style] = self.pdf.face(style).cw
        return found

    def lines(self, line: Line, room: float, size: float, bold: bool) -> list[list]:
        """The spans broken into lines no wider than `room`: each a list of
        [style, text, width] runs. Each text's widths are summed once, in C; where a line
        ends is then found by bisection, and broken at the last space before it."""
        out: list[list] = [[]]
        x = 0.0
        scale = size * 0.001 / self.pdf.k  # font units to millimetres

        def put(style: str, text: str, w: float) -> None:
            run = out[-1]
            if run and run[-1][0] == style:
                run[-1][1] += text
                run[-1][2] += w
            else:
                run.append([style, text, w])

        for span in line:
            style = _style(span.bold or bold, span.italic)
            widths = self.widths_of(style)
            for n, part in enumerate(text_lines(span)):
                if n:  # a turn's next line of its own
                    out.append([])
                    x = 0.0
                part = printable(part)
                ends = list(accumulate(map(widths.__getitem__, map(ord, part))))
                pos, done = 0, 0.0  # where the rest starts, and the width before it
                while pos < len(part):
                    fits = bisect_right(ends, done + (room - x) / scale, lo=pos)
                    if fits >= len(part):  # the rest fits on this line
                        put(style, part[pos:], (ends[-1] - done) * scale)
                        x += (ends[-1] - done) * scale
                        break
                    cut = part.rfind(" ", pos, fits + 1)
                    if cut <= pos and x > 0:  # its first word goes on the next line
                        out.append([])
                        x = 0.0
                        continue
                    if cut <= pos:  # a word wider than the line (a pasted address)
                        cut = max(fits, pos + 1)
                    put(style, part[pos:cut], (ends[cut - 1] - done) * scale)
                    out.append([])
                    x = 0.0
                    pos = cut
                    while pos < len(part) and part[pos] == " ":  # no space at a line's start
                        pos += 1
                    done = ends[pos - 1]
        return out

    def set(self, line: Line, left: float, size: float = SIZE, bold: bool = False, lead=None):
        """Set `line` from `left`, at the current height, breaking pages as needed;
        `lead`: a bullet or number set before its first line."""
        pdf = self.pdf
        leading = LEADING * size / SIZE
        room = pdf.w - pdf.r_margin - left
        y = pdf.get_y()
        for n, runs in enumerate(self.lines(line, room, size, bold)):
            if y + leading > pdf.page_break_trigger:
                pdf.add_page()
                y = pdf.get_y()
            placed = [(lead[0], "", lead[1])] if n == 0 and lead is not None else []
            x = left
            for style, text, w in runs:
                placed.append((x, style, text))
                x += w
            if placed:
                pdf.place(placed[0][0], y + leading * 0.78, placed, size)
            y += leading
        pdf.set_y(y)


def _items(flow: _Flow, items: list[Item], depth: int = 0) -> None:
    margin = flow.pdf.l_margin
    for item in items:
        at = margin + 5 * depth
        bullet = "•" if item.number is None else f"{item.number}."
        flow.set(item.line, at + (5 if item.number is None else 7), lead=(at, bullet))
        _items(flow, item.items, depth + 1)


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
    pdf.face("B")  # its headings'; a cell's own style, read before fpdf2 needs it
    for row in table.rows:
        for line in row:
            pdf.face(_cell_text(line)[1])
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
    flow = _Flow(pdf)
    for b in doc.blocks:
        if isinstance(b, Heading):
            size = _HEADINGS.get(b.level, SIZE)
            if b.level > 1 and pdf.get_y() > pdf.h - 45:
                pdf.add_page()  # a heading is not left alone at the foot of a page
            pdf.ln(3 if b.level > 1 else 0)
            flow.set(b.line, pdf.l_margin, size, bold=True)
            pdf.ln(1.5)
        elif isinstance(b, Paragraph):
            flow.set(b.line, pdf.l_margin)
            pdf.ln(1.5)
        elif isinstance(b, Items):
            _items(flow, b.items)
            pdf.ln(1.5)
        else:
            _table(pdf, b)
    return bytes(pdf.output())


def contents(docs: Documents) -> tuple[bytes, bytes]:
    """The format's files (`dialogtui.export.formats`): the minutes, the action plan."""
    return render(docs.minutes), render(docs.plan)
