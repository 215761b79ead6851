"""Render a document as plain text: the journal note pasted into a case-record system.

No Markdown syntax and no layout that a journal's text field would mangle: the title and
the facts (date, place, who wrote it) at the top, each statement on its own line after
its speaker's name, each table row one line of "Heading: value" pairs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogtui.export.document import (
    Block,
    Document,
    Item,
    Items,
    Line,
    Table,
    text_lines,
)

if TYPE_CHECKING:
    from dialogtui.export.formats import Documents

INDENT = "  "


def line_text(line: Line, indent: str = "") -> str:
    """A line of spans as text; a turn's further lines indented under its first."""
    out = "".join("\n".join(text_lines(s)) for s in line)
    return out.replace("\n", "\n" + indent + INDENT)


def _items(items: list[Item], depth: int = 0) -> list[str]:
    out = []
    for item in items:
        lead = INDENT * depth + (f"{item.number}. " if item.number is not None else "")
        out.append(lead + line_text(item.line, INDENT * depth))
        out += _items(item.items, depth + 1)
    return out


def _block(b: Block) -> str:
    if isinstance(b, Items):
        return "\n".join(_items(b.items))
    if not isinstance(b, Table):  # a heading or a paragraph: its line
        return line_text(b.line)
    heads = [" ".join(line_text(h).split()) for h in b.heads]
    rows = []
    for row in b.rows:
        cells = [" ".join(line_text(c).split()) for c in row]
        said = [(h, c) for h, c in zip(heads, cells, strict=False) if c]
        # A row's number leads it, as a list's does ("1. Datum: …; Möte: …").
        number = "".join(f"{c}. " for h, c in said if h == "#")
        rows.append(number + "; ".join(f"{h}: {c}" for h, c in said if h != "#"))
    return "\n".join(rows)


def render(doc: Document) -> str:
    return "\n\n".join(_block(b) for b in doc.blocks) + "\n"


def contents(docs: Documents) -> tuple[str]:
    """The journal note: a journal entry of the meeting (the plan is in it)."""
    return (render(docs.journal),)
