"""A meeting's document, format-neutral: what the minutes and the action plan say, not how
a format writes it. `dialogtui.export.minutes` builds one from a meeting; each format
(Markdown, DOCX, PDF, plain text) is a renderer of it, so that all carry the same content.

Text here is as typed (never escaped): each renderer makes it safe for its own format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from dialogtui.display import visible


class Span(NamedTuple):
    """A piece of a line. `ours`: dialogtui's own words, numbers and dates, which no format
    needs to escape; `lines`: a participant's text that may hold line breaks (a turn), kept
    as its own paragraphs; any other text (a title, a name) is one line."""

    text: str
    bold: bool = False
    italic: bool = False
    ours: bool = False
    lines: bool = False


Line = list[Span]


def said(text: str, bold: bool = False, italic: bool = False) -> Span:
    """Text someone typed or a question set wrote: escaped by each format."""
    return Span(text, bold, italic)


def ours(text: str, bold: bool = False, italic: bool = False) -> Span:
    """dialogtui's own words (the labels), numbers and dates."""
    return Span(text, bold, italic, ours=True)


def turn_text(text: str) -> Span:
    return Span(text, lines=True)


def label(text: str) -> Span:
    """A fact's or a speaker's label: "Datum:", "Anna (Förälder):"."""
    return Span(text, bold=True, ours=True)


_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029]")


def text_lines(span: Span) -> list[str]:
    """A span's text as the lines a format writes, for the formats that are not Markdown:
    controls made visible (a DOCX or PDF cannot hold them, a journal must not); a turn's
    lines stripped, blank ones dropped, as the Markdown has them; any other text one line."""
    if span.ours:
        return [span.text]
    if span.lines:
        if span.text.isprintable():  # no control, no break: one line (most turns are)
            one = span.text.strip()
            return [one] if one else []
        return [line for line in map(str.strip, _BREAKS.split(visible(span.text))) if line]
    return [" ".join(_BREAKS.split(visible(span.text))).replace("\t", " ")]


def plain_text(line: Line) -> str:
    """A line's text, one line ("Anna (Förälder): Jag ringde skolan.")."""
    return "".join(" ".join(text_lines(s)) for s in line)


@dataclass(slots=True)
class Heading:
    level: int  # 1: the document's title, 2: a section (a step), 3: a time through a block
    line: Line


@dataclass(slots=True)
class Paragraph:
    line: Line


@dataclass(slots=True)
class Item:
    """A list item: a fact, a turn (its speaker in the line), a note; `number`: its number
    in a numbered list (a vote's rank, which ties share); `items`: what stands under it (a
    turn's objections, its earlier texts)."""

    line: Line
    number: int | None = None
    items: list[Item] = field(default_factory=list)


@dataclass(slots=True)
class Items:
    items: list[Item]  # never empty: the builder leaves out a list with nothing in it


@dataclass(slots=True)
class Table:
    heads: list[Line]
    rows: list[list[Line]]
    right: frozenset[int] = frozenset()  # columns of numbers, aligned right


Block = Heading | Paragraph | Items | Table


@dataclass(slots=True)
class Document:
    """One file's content: `kind` "minutes" or "action_plan", in `language` (its labels')."""

    kind: str
    title: str
    language: str
    blocks: list[Block]
    # Who wrote it and about when, for the formats that put it at the top (a journal note).
    author: str = ""
    date: str = ""
