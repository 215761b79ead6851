"""A meeting's document, format-neutral: what the minutes and the action plan say, not how
a format writes it. `dialogtui.export.minutes` builds a `Draft` from a meeting, every
statement in it marked with whose it is (`Whose`); `dialogtui.export.recipients.for_copy`
leaves out what a recipient may not read and gives the `Document` that each format
(Markdown, DOCX, PDF, plain text) renders. A renderer takes only a `Document`, so no format
can include what the copy left out.

Text here is as typed (never escaped): each renderer makes it safe for its own format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from dialogtui.display import visible

# Whose a statement is: a participant's id, or one of these.
FRAME = "frame"  # dialogtui's frame: headings, questions, labels; stands where its section does
MEETING = "meeting"  # the whole meeting's (a decision, the plan, a card): in every copy
ROOM = "room"  # a group's, a pair's, the room's, or no one known: only in the copy for everyone
METHOD = "method"  # the facilitators' notes on the method (provenance, times, passes): theirs
Who = int | str


@dataclass(frozen=True, slots=True)
class Whose:
    """Whose statement a piece of the document is, and whose statement it is about (an
    objection to a turn: the objector's, about the turn's speaker's). A copy holds it only
    if it holds both (`dialogtui.export.recipients.may_hold`)."""

    by: Who
    about: Who | None = None


OF_FRAME = Whose(FRAME)
OF_MEETING = Whose(MEETING)
OF_ROOM = Whose(ROOM)
OF_METHOD = Whose(METHOD)


def of(pid: int | None) -> Whose:
    """A participant's statement; no one's (a group's, the room's): the room's."""
    return Whose(pid) if pid is not None else OF_ROOM


class Span(NamedTuple):
    """A piece of a line. `ours`: dialogtui's own words, numbers and dates, which no format
    needs to escape; `lines`: a participant's text that may hold line breaks (a turn), kept
    as its own paragraphs; any other text (a title, a name) is one line; `whose`: where a
    line holds several people's statements (the names marked beside a choice), each one's,
    so that a copy keeps only those it may (a span without one is its line's)."""

    text: str
    bold: bool = False
    italic: bool = False
    ours: bool = False
    lines: bool = False
    whose: Whose | None = None


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


def capitalised(text: str) -> str:
    """`text` begun with a capital, the rest as written: a role's word for one person
    ("familjemedlem") where it stands first in a cell, or in place of a name."""
    return text[:1].upper() + text[1:]


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


# Where no one said whose a piece is, it is the room's: it stands only in the copy for
# everyone, so that a statement marked by no one can never reach a copy it may not.


@dataclass(slots=True)
class Heading:
    level: int  # 1: the document's title, 2: a section (a step), 3: a time through a block
    line: Line
    whose: Whose = OF_FRAME


@dataclass(slots=True)
class Paragraph:
    line: Line
    whose: Whose = OF_ROOM


@dataclass(slots=True)
class Item:
    """A list item: a fact, a turn (its speaker in the line), a note; `number`: its number
    in a numbered list (a vote's rank, which ties share); `items`: what stands under it (a
    turn's objections, its earlier texts)."""

    line: Line
    number: int | None = None
    items: list[Item] = field(default_factory=list)
    whose: Whose = OF_ROOM


@dataclass(slots=True)
class Items:
    items: list[Item]  # never empty: the builder leaves out a list with nothing in it


@dataclass(slots=True)
class Table:
    heads: list[Line]
    rows: list[list[Line]]
    right: frozenset[int] = frozenset()  # columns of numbers, aligned right
    whose: Whose = OF_ROOM  # each row's, unless `rows_whose` says each row's own
    rows_whose: list[Whose] | None = None

    def row_whose(self, n: int) -> Whose:
        return self.rows_whose[n] if self.rows_whose is not None else self.whose


Block = Heading | Paragraph | Items | Table


@dataclass(slots=True)
class Section:
    """A part of the draft that stands only with something in it: its `head` (a heading, a
    question, a label) is kept where its `body` keeps anything but frame."""

    head: list[Block]
    body: list[Block | Section]


Part = Block | Section


@dataclass(slots=True)
class Draft:
    """A document before it is a recipient's copy: every statement in it, marked whose."""

    kind: str
    title: str
    language: str
    parts: list[Part]
    author: str = ""
    date: str = ""


@dataclass(slots=True)
class Document:
    """One file's content, as a recipient's copy holds it: `kind` "minutes",
    "action_plan" or "journal", in `language` (its labels')."""

    kind: str
    title: str
    language: str
    blocks: list[Block]
    # Who wrote it and about when, for the formats that put it at the top (a journal note).
    author: str = ""
    date: str = ""
