"""Make user text safe inside Markdown: it renders as the text typed, never as structure."""

from __future__ import annotations

import re

from dialogtui.display import CONTROLS, control_picture

# Characters that can start Markdown structure anywhere in a line (emphasis, code, links,
# HTML, entities, tables, headings' closing #s). Backslash-escaping them is CommonMark §2.4;
# everything else stays as typed, so the raw file is still pleasant to read. The patterns
# below are all made from this one string.
SPECIAL_CHARACTERS = "\\`*_[]<>|~&#"
_SPECIAL = re.compile(f"([{re.escape(SPECIAL_CHARACTERS)}])")
# What is structure only at the start of a line: lists, quotes, headings, rules, setext.
_LEAD = r"(?:[-+=>]|\d+[.)])"
_LINE_START = re.compile(rf"^(\s*)({_LEAD})")
_ANY_LINE_START = re.compile(rf"\n\s*{_LEAD}")  # a literal first: fast
# Most text needs nothing: a quick look decides, so a long meeting exports fast.
_ANY_SPECIAL = re.compile(f"[{re.escape(SPECIAL_CHARACTERS)}]|{CONTROLS.pattern}|[\\n\\r\\t]")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\u2028\u2029\x85]")
_ASCII_CONTROLS = [chr(c) for c in range(32)] + ["\x7f"]


def _visible(ch: re.Match) -> str:
    return control_picture(ord(ch.group()))


def all_plain(texts: list[str]) -> bool:
    """True if none of the texts needs any escaping: one look at all of them at once, which
    is how a long meeting (most of whose turns are plain words) exports quickly. Each test
    runs in C over the whole text, far faster than a regex walking it character by
    character."""
    body = "".join(texts)
    if body.isascii():
        if any(c in body for c in _ASCII_CONTROLS):
            return False
    elif not body.isprintable():  # controls, line breaks, tabs, direction marks
        return False
    if any(c in body for c in SPECIAL_CHARACTERS):
        return False
    # No text holds a line break now, so "\n" marks where each one starts.
    return not _ANY_LINE_START.search("\n" + "\n".join(texts))


def inline(text: str) -> str:
    """Text that renders as typed, wherever it stands in a line. It is one line: a line
    break in it (a title pasted with one) becomes a space, so it cannot start a list or a
    heading in the minutes' header."""
    if not _ANY_SPECIAL.search(text) and not _LINE_START.match(text):
        return text
    text = _LINE_BREAKS.sub(" ", text).replace("\t", " ")
    text = CONTROLS.sub(_visible, text)
    text = _SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_lead, text)


def _escape_lead(m: re.Match) -> str:
    lead = m.group(2)
    if lead[0].isdigit():  # "1." -> "1\." : the digits are fine, the dot makes the list
        return m.group(1) + lead[:-1] + "\\" + lead[-1]
    return m.group(1) + "\\" + lead


def _lines(text: str) -> list[str]:
    return [inline(line.strip()) for line in _LINE_BREAKS.split(text)]


def block(text: str) -> str:
    """Multi-line text: each line escaped and stripped (so no line can become an indented
    code block), lines joined by hard breaks; blank lines are dropped, words never are."""
    if not _LINE_BREAKS.search(text):
        return inline(text.strip())
    return "\\\n".join(line for line in _lines(text) if line)


def cell(text: str) -> str:
    """A table cell: escaped, and line breaks shown as <br> (the only HTML we write)."""
    return "<br>".join(line for line in _lines(text) if line)
