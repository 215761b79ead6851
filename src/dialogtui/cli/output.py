"""How the command line prints: every line through `say`, tables as aligned plain lines.

Rich only lays out tables here; every text in them is a `Text` made by `plain()`, and every
other line goes through `say()`: user text is never read as markup or sent as controls.
"""

from __future__ import annotations

import sys

from rich.console import Console

from dialogtui.display import one_line, visible

out = Console(highlight=False, markup=False, emoji=False)


def say(*parts: object, stderr: bool = False) -> None:
    """Print one line of text that may hold user data (paths, titles, names)."""
    print(visible(" ".join(str(p) for p in parts)), file=sys.stderr if stderr else sys.stdout)


WIDEST = 40  # cells of a column; longer texts are cut with "…" (whole in the minutes)


def columns(heads: list[str], rows, right: frozenset[int] = frozenset()) -> None:
    """A table as aligned lines of plain text: fast for ten thousand rows (a Rich table
    lays each one out, ~1 ms a row), and every cell shown as typed (`visible`)."""
    from rich.cells import cell_len, set_cell_size

    body = [[one_line(cell) for cell in row] for row in rows]
    widths = [
        min(WIDEST, max([cell_len(h), *(cell_len(r[n]) for r in body)]))
        for n, h in enumerate(heads)
    ]

    def line(cells: list[str]) -> str:
        out = []
        for n, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            if cell_len(cell) > width:
                cell = set_cell_size(cell, width - 1) + "…"
            pad = " " * (width - cell_len(cell))
            out.append(pad + cell if n in right else cell + pad)
        return "  ".join(out).rstrip()

    say("\n".join([line(heads)] + [line(r) for r in body]))


def print_trimmed(renderable) -> None:
    """Print without the spaces that rich pads a table's lines with to its width: a copied
    or piped agenda has no trailing blanks."""
    from rich.segment import Segment, Segments

    for line in out.render_lines(renderable, out.options, pad=False):
        while line and not line[-1].text.rstrip() and not line[-1].control:
            line.pop()
        if line:
            last = line[-1]
            line[-1] = Segment(last.text.rstrip(), last.style, last.control)
        out.print(Segments([*line, Segment.line()]), end="")
