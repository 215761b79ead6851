"""Render a document as PDF, for participants and the archive: A4, print-ready, page
numbers ("Sida 2 av 5") in the meeting's language, and a font of dialogtui's own (DejaVu
Sans, beside this module) that has every Nordic letter and dash, embedded, so the file
looks the same on every computer."""

from __future__ import annotations

import unicodedata
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import TTFFont

from dialogtui.export import fpdf_internals, pdf_fonts
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
    ours,
    text_lines,
)
from dialogtui.export.pdf_fonts import CUT, Uncut, Words
from dialogtui.labels import labels

if TYPE_CHECKING:
    from dialogtui.export.formats import Documents


# Streams (a page's text, a font's glyph map) compressed at zlib's fastest level, not its
# default: a long meeting's minutes spend a tenth of their time there otherwise, for a
# file a twelfth smaller. (fpdf2's own setting, for every stream it compresses.)
fpdf_internals.compress_fast()

SIZE = 10.5  # points: the body text
LEADING = 5.2  # millimetres per line of body text
_HEADINGS = {1: 16.0, 2: 13.0, 3: 11.5}
FOOTER = 8.5  # points: the page numbers


def _style(bold: bool, italic: bool) -> str:
    return ("B" if bold else "") + ("I" if italic else "")


class _Styles(dict):
    """The words of each style in use, by (bold, italic)."""

    def __init__(self, pdf: _Pdf):
        super().__init__()
        self.pdf = pdf

    def __missing__(self, key: tuple[bool, bool]) -> Words:
        style = _style(*key)
        found = self[key] = Words(self.pdf.face(style), style, bool(self.pdf.cut))
        return found


class _Pdf(FPDF):
    def __init__(self, page_label: str, cut: str = ""):
        super().__init__(format="A4")
        self.page_label = page_label
        self.cut = cut  # of the fonts' files: `CUT` or "" (the whole fonts)
        self.alias_nb_pages(None)  # type: ignore[arg-type]  # as its docs say; `footers` writes it
        # Every page names every font of the document (nearly every page uses them all):
        # in one dictionary, not one per page (fpdf2 made and wrote a long meeting's four
        # hundred the slow way). Each page refers to it, as the PDF standard allows.
        fpdf_internals.one_resources_dictionary(self)
        self.styles = _Styles(self)
        self.choosing: dict[float, _Choosing] = {}  # by size
        self.said: list[str] = []  # lines placed on this page, not yet written to it
        self.face("")
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(True, margin=20)

    def face(self, style: str) -> TTFFont:
        """The font of a style, added when first used (most documents have no bold
        italic): as fpdf2's `add_font` adds it, but from the style's `template`, so that
        its file is read and measured once, not once per document. The document gets its
        own subset and its own font tables, which fpdf2 cuts down to the subset when it
        writes the file."""
        key = pdf_fonts.key(style)
        font = self.fonts.get(key)
        if font is None:
            template = pdf_fonts.template(style, self.cut)
            font = fpdf_internals.font_for_document(self, key, template)
        assert isinstance(font, TTFFont)
        return font

    def written(self, embedded: Embedded) -> bytes:
        """The file, each font cut down from the one an earlier document embedded from
        the same file where that has every glyph this document uses (fpdf2 cuts a font
        down to them as it writes the file: the same glyphs either way, in half the time);
        `embedded` then holds this document's fonts, for the next one."""
        fonts = [font for font in self.fonts.values() if isinstance(font, TTFFont)]
        for font in fonts:
            earlier = embedded.get(Path(font.ttffile))
            if earlier is not None and fpdf_internals.glyphs_used(font) <= set(
                earlier.getGlyphOrder()
            ):
                fpdf_internals.embed_from(font, earlier)
        out = bytes(self.output())
        embedded.update({Path(font.ttffile): fpdf_internals.embedded(font) for font in fonts})
        return out

    def add_page(self, *args, **kwargs) -> None:
        self.flush()
        super().add_page(*args, **kwargs)

    def flush(self) -> None:
        """The lines placed on this page (text, a table's boxes) written to it, at once,
        when the page is done."""
        if self.said:
            fpdf_internals.write_on_page(self, "\n".join(self.said))
            self.said.clear()

    def paint(self) -> str:
        """How `place` paints text in the text colour (text is painted in the fill colour,
        which fpdf2's drawing may leave changed; a table's grey is set and restored in
        its own graphics state): "" when the two are the same."""
        if self.fill_color == self.text_color or self.text_color is None:
            return ""
        return self.text_color.serialize().lower()

    def chooses(self, size: float) -> dict[str, str]:
        """The operator that chooses each style's font at `size`, by style."""
        found = self.choosing.get(size)
        if found is None:
            found = self.choosing[size] = _Choosing(self, size)
        return found

    def place(self, x: float, y: float, shown: str, paint: str) -> None:
        """Text in one text object, its first line's baseline at (`x`, `y`): `shown` is
        its lines as `_shown` writes them, each run going on where the one before it
        ended, each next line begun by `T*`. As fpdf2's `text()` writes a run, but with
        each word encoded once per document instead of every character of every run
        again (a long meeting's PDF spent most of its time there); the tests read every
        PDF's text back, so a change in fpdf2 shows."""
        line = f"BT {x * self.k:.2f} {(self.h - y) * self.k:.2f} Td {shown}ET"
        self.said.append(f"q {paint} {line} Q" if paint else line)

    def footers(self, flow: _Flow) -> None:
        """Each page's number and the count ("Sida 2 av 5"), centred at its foot, written
        once the count is known: fpdf2's own footer writes through its slow text path on
        every page, and its page-count alias would also replace "{nb}" in a table cell
        someone typed."""
        self.flush()
        last, pages = self.page, self.pages_count
        paint = self.paint()
        for n in range(1, pages + 1):
            self.page = n  # as fpdf2 itself goes back to a page
            said = self.page_label.format(page=n, pages=pages)
            (runs,) = flow.lines([ours(said)], self.epw, FOOTER, False)
            x = self.l_margin + (self.epw - sum(w for _, _, w in runs)) / 2
            self.place(x, self.h - 10.6, _shown(runs), paint)
            self.flush()
        self.page = last


class _Choosing(dict):
    """For `_Pdf.chooses`: each style's font-choosing operator at one size."""

    def __init__(self, pdf: _Pdf, size: float):
        super().__init__()
        self.pdf = pdf
        self.size = size

    def __missing__(self, style: str) -> str:
        found = self[style] = fpdf_internals.choose_font(self.pdf.face(style), self.size)
        return found


Run = list  # [the operator choosing its font, the words' codes, width in millimetres]


class _Flow:
    """Lines of text set on the page by dialogtui itself: fpdf2's own wrapping measures a
    line again for every character added to it, which made a long meeting's PDF take
    minutes. Here each word is measured once per document (`Words`), lines are broken
    between words, and each run of one style is placed as is."""

    def __init__(self, pdf: _Pdf):
        self.pdf = pdf
        self.paint = ""  # `_Pdf.paint`, for the block being set
        self.texts: dict[Span, list[str]] = {}  # one-line spans' lines (names, labels)
        self.heads: dict[tuple, tuple[list[str], float]] = {}  # `shown`'s heads, their x
        self.leads: dict[tuple, str] = {}  # `lead`'s
        self.steps: dict[float, str] = {}  # a leading's operator, by leading

    def lines(self, line: Line, room: float, size: float, bold: bool) -> list[list[Run]]:
        """The spans broken into lines no wider than `room` millimetres: each a list of
        runs."""
        out: list[list[Run]] = [[]]
        self._fill(out, line, size, room, bold)
        return out

    def shown(self, line: Line, room: float, size: float, bold: bool) -> list[str]:
        """`lines`, each as a text object shows it (`_shown`). A turn's line begins as
        thousands of others do ("Anna (Förälder): "): that head is set once per
        document, and the turn goes on from where it ends."""
        if len(line) < 2 or not line[-1].lines:
            return list(map(_shown, self.lines(line, room, size, bold)))
        key = (*line[:-1], room, size, bold)
        head = self.heads.get(key)
        if head is None:
            lines: list[list[Run]] = [[]]
            x = self._fill(lines, line[:-1], size, room, bold)
            head = self.heads[key] = (list(map(_shown, lines)), x)
        out: list[list[Run]] = [[]]
        self._fill(out, line[-1:], size, room, bold, head[1])
        first, *rest = map(_shown, out)
        return [*head[0][:-1], head[0][-1] + first, *rest]

    def _fill(self, out: list[list[Run]], line: Line, size, room, bold, x=0.0) -> float:
        """Set `line` on `out`'s last line, `x` font units filled, and on lines added
        after it; the width filled on the last. A text's words' widths are summed once,
        in C; where a line ends is then found by bisection."""
        runs = out[-1]
        scale = size * 0.001 / self.pdf.k  # font units to millimetres
        full = room / scale
        styles, texts, chooses = self.pdf.styles, self.texts, self.pdf.chooses(size)
        for span in line:
            words = styles[span.bold or bold, span.italic]
            space, codes, op = words.space, words.codes, chooses[words.style]
            if span.lines:
                parted = text_lines(span)
            else:
                parted = texts.get(span) or texts.setdefault(span, text_lines(span))
            for n, part in enumerate(parted):
                if n:  # a turn's next line of its own
                    runs = []
                    out.append(runs)
                    x = 0.0
                if not part:
                    continue
                parts = part.split(" ")
                ends = list(accumulate(map(words.__getitem__, parts)))
                pos, done = 0, 0.0  # the first word not yet set, and the width before it
                while True:
                    fits = bisect_right(ends, done + full - x + space, lo=pos)
                    if fits == pos and x > 0:  # its first word goes on the next line
                        runs = []
                        out.append(runs)
                        x = 0.0
                        continue
                    if fits == pos:  # a word wider than the line (a pasted address)
                        parts[pos : pos + 1] = _broken(parts[pos], words, full)
                        ends = list(accumulate(map(words.__getitem__, parts)))
                        fits = pos + 1
                    code = words.space_code.join(map(codes.__getitem__, parts[pos:fits]))
                    width = ends[fits - 1] - done - space
                    if runs and runs[-1][0] == op:
                        runs[-1][1] += code
                        runs[-1][2] += width * scale
                    else:
                        runs.append([op, code, width * scale])
                    x += width
                    if fits == len(parts):
                        break
                    runs = []
                    out.append(runs)
                    x = 0.0
                    pos = fits
                    while pos < len(parts) - 1 and not parts[pos]:  # no space at a start
                        pos += 1
                    done = ends[pos - 1]
        return x

    def set(self, line: Line, left: float, size: float = SIZE, bold: bool = False, lead=None):
        """Set `line` from `left`, at the current height, breaking pages as needed;
        `lead`: a bullet or number set before its first line, at its x. Its lines on one
        page are one text object, each next line begun by `T*` (the leading's step)."""
        pdf = self.pdf
        leading = LEADING * size / SIZE
        shown = self.shown(line, pdf.w - pdf.r_margin - left, size, bold)
        at = left  # where the first line begins
        if lead is not None:
            at = lead[0]
            shown[0] = self.lead(lead, left, size) + shown[0]
        y, first, trigger = pdf.get_y(), 0, pdf.page_break_trigger
        for n in range(len(shown)):
            if y + leading > trigger:  # the lines before it on this page, and a new page
                self.place(
                    at if first == 0 else left, y - (n - first) * leading, shown[first:n], leading
                )
                pdf.add_page()
                y, first = pdf.get_y(), n
            y += leading
        x = at if first == 0 else left
        self.place(x, y - (len(shown) - first) * leading, shown[first:], leading)
        pdf.set_y(y)

    def lead(self, lead: tuple[float, str], left: float, size: float) -> str:
        """A list item's mark as a text object shows it, set at its x, and the move to
        `left`, where the item's text goes on (the same for thousands of items)."""
        key = (*lead, left, size)
        found = self.leads.get(key)
        if found is None:
            at, mark = lead
            code = self.pdf.styles[False, False].code(mark)
            move = f"{(left - at) * self.pdf.k:.2f} 0 Td "
            found = self.leads[key] = f"{self.pdf.chooses(size)['']}({code}) Tj {move}"
        return found

    def place(self, x: float, top: float, shown: list[str], leading: float) -> None:
        """Lines set from (`x`, `top`), in one text object."""
        if any(shown):
            step = self.steps.get(leading)
            if step is None:
                step = self.steps[leading] = f"{leading * self.pdf.k:.2f} TL "
            said = "T* ".join(shown)
            self.pdf.place(x, top + leading * 0.78, f"{step}{said}", self.paint)


def _shown(runs: list[Run]) -> str:
    """A line's runs as a text object shows them: each its font chosen, its text shown."""
    return "".join([f"{op}({code}) Tj " for op, code, _ in runs])


# Where a word too wide for its line is best broken: after one of these (an address's parts,
# a path's), where one stands in the latter half of the piece that fits on the line.
_BREAK_AFTER = "/-?&=_.,;:"


def _broken(word: str, words: Words, full: float) -> list[str]:
    """A word wider than a line, in pieces that each fit one (at least a character each),
    set on lines of their own: cut after a slash or a dash where one is near the line's
    end, else at the last character that fits, never before a combining mark (its
    letter's accent stays with it). Its characters are measured once, however long."""
    ends = list(accumulate(map(words.cw.__getitem__, map(ord, words.shows(word)))))
    pieces, start, done = [], 0, 0.0
    while start < len(word):
        cut = max(start + 1, bisect_right(ends, done + full, lo=start))
        if cut < len(word):
            piece = word[start:cut]
            after = max(map(piece.rfind, _BREAK_AFTER)) + 1
            if after > len(piece) // 2:
                cut = start + after
            else:
                while cut > start + 1 and unicodedata.combining(word[cut]):
                    cut -= 1
        pieces.append(word[start:cut])
        done, start = ends[cut - 1], cut
    return pieces


def _items(flow: _Flow, items: list[Item], depth: int = 0) -> None:
    margin = flow.pdf.l_margin
    for item in items:
        at = margin + 5 * depth
        bullet = "•" if item.number is None else f"{item.number}."
        flow.set(item.line, at + (5 if item.number is None else 7), lead=(at, bullet))
        if item.items:
            _items(flow, item.items, depth + 1)


CELL = SIZE - 1  # points: a table's text
CELL_LEADING = LEADING * 0.95  # millimetres per line of a table's text
PADDING = 1.2  # millimetres inside each cell
HEAD_FILL = "0.922 g"  # the headings' grey (235 of 255)


def _extent(pdf: _Pdf, line: Line, bold: bool) -> tuple[float, float]:
    """A cell's longest word and its longest line, in millimetres."""
    word = line_width = longest = 0.0
    for span in line:
        words = pdf.styles[span.bold or bold, span.italic]
        for n, part in enumerate(text_lines(span)):
            if n:  # a turn's next line of its own
                longest, line_width = max(longest, line_width), 0.0
            widths = [words[w] - words.space for w in part.split(" ")]
            word = max(word, *widths)
            line_width += sum(widths) + words.space * (len(widths) - 1)
    scale = CELL * 0.001 / pdf.k
    return word * scale, max(longest, line_width) * scale


def _widths(pdf: _Pdf, rows: list[list[Line]]) -> list[float]:
    """Each column as wide as its longest word where the page has room (a word wider
    than its share of the page is broken), the rest of the page shared by how much text
    each column holds (`dialogtui.export.columns`)."""
    columns = len(rows[0])
    least, want = [0.0] * columns, [0.0] * columns
    extra = 2 * PADDING + 1
    for r, row in enumerate(rows):
        for c, line in enumerate(row[:columns]):
            word, longest = _extent(pdf, line, r == 0)
            least[c] = max(least[c], word + extra)
            want[c] = max(want[c], min(longest, pdf.epw / 2) + extra)
    return share(least, want, pdf.epw)


Cell = list[tuple[str, float]]  # a cell's lines, each as `_shown` writes it, and its width


class _Table:
    """A table set by dialogtui itself, as `_Flow` sets text: each cell's words broken
    into lines as the body's are (a word wider than its column in pieces), each row on
    the page it fits, and a row taller than what is left of a page (a long action) set
    over as many pages as it takes, its cells going on from where they stopped; the
    headings, on grey, at the top of every page the table runs over. (fpdf2's tables
    stopped the whole export on both: a word wider than its column, a row taller than a
    page.)"""

    def __init__(self, flow: _Flow, table: Table):
        self.flow = flow
        self.pdf = pdf = flow.pdf
        rows = [table.heads, *table.rows]
        self.widths = _widths(pdf, rows)
        self.xs = [pdf.l_margin + x for x in accumulate(self.widths, initial=0.0)]
        self.right = table.right
        columns = len(self.widths)
        self.rows = [
            [self.cell(row[c] if c < len(row) else [], c, r == 0) for c in range(columns)]
            for r, row in enumerate(rows)
        ]
        self.step = f"{CELL_LEADING * pdf.k:.2f} TL "
        # From a line's top to its baseline, as fpdf2 set a cell's text.
        self.down = 0.5 * CELL_LEADING + 0.3 * CELL / pdf.k
        # The headings at the top of every page the table runs over, unless a question
        # set's column names make them taller than a third of a page; the lines of a row
        # a new page holds.
        page, head = pdf.page_break_trigger - pdf.t_margin, self.height(self.rows[0])
        self.repeat = head <= page / 3
        self.fresh = self.fit(page - (head if self.repeat else 0))

    def cell(self, line: Line, c: int, head: bool) -> Cell:
        runs = self.flow.lines(line, self.widths[c] - 2 * PADDING, CELL, head)
        if runs == [[]]:
            return []
        return [(_shown(line_runs), sum(run[2] for run in line_runs)) for line_runs in runs]

    def set(self) -> None:
        pdf = self.pdf
        head, *body = self.rows
        page = pdf.page_break_trigger - pdf.t_margin
        # The headings are not left alone at the foot of a page: the first row goes with
        # them, or where no page holds it, its first lines.
        first = _count(body[0]) if body else 0
        with_first = self.height(head) + (first if first <= self.fresh else 2) * CELL_LEADING
        if self.room() < with_first <= page:
            pdf.add_page()
        self.row(head, True)
        for row in body:
            self.row(row, False)

    def room(self) -> float:
        return self.pdf.page_break_trigger - self.pdf.y

    def fit(self, room: float) -> int:
        """How many lines of a row fit in `room` millimetres."""
        return max(0, int((room - 2 * PADDING) / CELL_LEADING + 1e-6))

    def height(self, row: list[Cell], count: int | None = None) -> float:
        return (_count(row) if count is None else count) * CELL_LEADING + 2 * PADDING

    def row(self, row: list[Cell], head: bool) -> None:
        """A row from the current height: on this page if it fits, else on the next, after
        the headings; a row no page holds, from here (or from the next page, where only a
        line of it would fit here) over as many pages as it takes."""
        lines, done, top = _count(row), 0, False  # `top`: at the top of a new page
        while True:
            fit = self.fit(self.room())
            if lines - done <= fit:
                self.fragment(row, done, lines - done, whole=done == 0, head=head)
                return
            if not top and (fit < 2 or done == 0 and lines <= self.fresh):
                self.page()
                top = True
                continue
            count = max(fit, 1)
            self.fragment(row, done, count, whole=False, head=head)
            done += count
            self.page()
            top = True

    def page(self) -> None:
        self.pdf.add_page()
        if self.repeat:
            self.row(self.rows[0], True)

    def fragment(self, row: list[Cell], first: int, count: int, whole: bool, head: bool):
        """Lines `first` to `first + count` of a row's cells, in their boxes; a whole row's
        cells each in the middle of its height, as fpdf2 set them; a part of a row at the
        top."""
        pdf, k = self.pdf, self.pdf.k
        y, height = pdf.y, self.height(row, count)
        boxes = []
        for x, width in zip(self.xs, self.widths, strict=False):
            box = f"{x * k:.2f} {(pdf.h - y) * k:.2f} {width * k:.2f} {-height * k:.2f} re"
            boxes.append(f"q {HEAD_FILL} {box} B Q" if head else f"{box} S")
        pdf.said.append(" ".join(boxes))
        paint = self.flow.paint
        for c, cell in enumerate(row):
            shown = cell[first : first + count]
            if not shown:
                continue
            top = y + PADDING + self.down
            if whole:
                top += (count - len(cell)) * CELL_LEADING / 2
            if c in self.right:  # each line against the cell's right side
                for n, (text, width) in enumerate(shown):
                    x = self.xs[c + 1] - PADDING - width
                    pdf.place(x, top + n * CELL_LEADING, text, paint)
            else:
                said = "T* ".join(text for text, _ in shown)
                pdf.place(self.xs[c] + PADDING, top, f"{self.step}{said}", paint)
        pdf.set_y(y + height)


def _count(row: list[Cell]) -> int:
    """A row's lines: its tallest cell's, one at least."""
    return max(1, *map(len, row))


# Fonts as fpdf2 embedded them in a document, by file (fpdf2 cuts them down in place).
Embedded = dict[Path, TTFont]


def render(doc: Document, embedded: Embedded | None = None) -> bytes:
    """The document set in the fonts' European cut, or where it has a character the cut
    lacks, in the whole fonts. `embedded`: fonts an earlier document of the same export
    embedded, which this one may cut down further (and which it replaces)."""
    embedded = {} if embedded is None else embedded
    try:
        return _render(doc, CUT, embedded)
    except Uncut:
        return _render(doc, "", embedded)


def _render(doc: Document, cut: str, embedded: Embedded) -> bytes:
    pdf = _Pdf(labels(doc.language)["page"], cut)
    pdf.set_lang(doc.language)
    pdf.set_title(doc.title)  # metadata: any character, the reader's own font shows it
    pdf.set_author(doc.author)
    pdf.set_creator("dialogtui")
    pdf.add_page()
    flow = _Flow(pdf)
    for b in doc.blocks:
        flow.paint = pdf.paint()
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
            _Table(flow, b).set()
            pdf.ln(2)
    pdf.footers(flow)
    return pdf.written(embedded)


def contents(docs: Documents) -> tuple[bytes, bytes | None]:
    """The format's files (`dialogtui.export.formats`): the minutes, the action plan. The
    plan's characters are nearly always among the minutes', so its fonts are cut down
    from those the minutes embedded (half the time of cutting them from the files)."""
    embedded: Embedded = {}
    minutes = render(docs.minutes, embedded)  # first: the plan's fonts are cut from its
    return minutes, render(docs.plan, embedded) if docs.has_plan else None
