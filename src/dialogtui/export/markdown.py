"""Render a meeting's documents as Markdown: the reference every other format is compared
with. User text is escaped span by span (`dialogtui.export.escape`), so that it renders as
typed and never as structure."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from dialogtui.export.document import Block, Document, Heading, Item, Items, Line, Paragraph
from dialogtui.export.escape import all_plain, block, cell, inline
from dialogtui.export.minutes import action_plan_document, minutes_document
from dialogtui.export.record import MeetingRecord

if TYPE_CHECKING:
    from dialogtui.export.formats import Documents


_MARKS = {(False, False): "", (True, False): "**", (False, True): "*", (True, True): "***"}


def line(spans: Line, indent: str = "  ", in_cell: bool = False, plain: bool = False) -> str:
    """Spans as one line: each escaped for where it stands, each run of one style wrapped
    once ("**Anna (Förälder):**"); `plain`: its turns' texts are known to need nothing."""
    out: list[str] = []
    style = None
    for s in spans:
        if (s.bold, s.italic) != style:
            if style is not None:
                out.append(_MARKS[style])
            style = (s.bold, s.italic)
            out.append(_MARKS[style])
        if s.ours:
            out.append(s.text)
        elif in_cell:
            out.append(cell(s.text))
        elif s.lines:
            out.append(s.text.strip() if plain else block(s.text, indent))
        else:
            out.append(_inline(s.text))
    if style is not None:
        out.append(_MARKS[style])
    return "".join(out)


# A name, a label, a question: said again and again in a long meeting, escaped once each.
_inline = functools.lru_cache(maxsize=4096)(inline)


def _items(items: list[Item], depth: int = 0, plain: bool = False) -> list[str]:
    out = []
    lead = "  " * depth
    for item in items:
        bullet = "-" if item.number is None else f"{item.number}."
        out.append(f"{lead}{bullet} {line(item.line, '  ' * (depth + 1), plain=plain)}")
        out += _items(item.items, depth + 1)
    return out


def _all_plain(items: list[Item]) -> bool:
    """Whether no turn of a list needs escaping: one look at all of them, which is how a
    long meeting, most of whose turns are plain words, is written fast."""
    return all_plain([s.text for item in items for s in item.line if s.lines])


def _block(b: Block) -> str:
    if isinstance(b, Heading):
        return f"{'#' * b.level} {line(b.line)}"
    if isinstance(b, Paragraph):
        return line(b.line)
    if isinstance(b, Items):
        return "\n".join(_items(b.items, plain=_all_plain(b.items)))
    rule = "|" + "".join("---:|" if n in b.right else "---|" for n in range(len(b.heads)))
    rows = [b.heads, *b.rows]
    lines = ["| " + " | ".join(line(c, in_cell=True) for c in row) + " |" for row in rows]
    return "\n".join([lines[0], rule, *lines[1:]])


def render(doc: Document) -> str:
    return "\n\n".join(_block(b) for b in doc.blocks) + "\n"


def render_minutes(
    record: MeetingRecord,
    pseudonymise: bool = False,
    history: bool = False,
    language: str | None = None,
    method: bool = False,
) -> str:
    """The minutes; `language`: their labels' and dates' (the meeting's by default);
    `method`: the facilitators' copy, with the method's notes."""
    return render(minutes_document(record, pseudonymise, history, language, method=method))


def render_action_plan(
    record: MeetingRecord, pseudonymise: bool = False, language: str | None = None
) -> str:
    return render(action_plan_document(record, pseudonymise, language))


def contents(docs: Documents) -> tuple[str, str | None]:
    """The format's files (`dialogtui.export.formats`): the minutes, the action plan."""
    return render(docs.minutes), render(docs.plan) if docs.has_plan else None
