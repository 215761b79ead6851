"""Make user text safe inside Markdown: it renders as the text typed, never as structure."""

from __future__ import annotations

import re

# Characters that can start Markdown structure anywhere in a line (emphasis, code, links,
# HTML, entities, tables, headings' closing #s). Backslash-escaping them is CommonMark §2.4;
# everything else stays as typed, so the raw file is still pleasant to read.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
# What is structure only at the start of a line: lists, quotes, headings, rules, setext.
_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+[.)])")
# C0 controls (but tab and newline) and DEL become their visible Unicode pictures.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _visible(ch: re.Match) -> str:
    code = ord(ch.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


# Most text needs nothing: a quick look decides, so a long meeting exports fast.
_ANY_SPECIAL = re.compile(r"[\\`*_\[\]<>|~&#\x00-\x1f\x7f]")


_SPECIAL_CHARACTERS = "\\`*_[]<>|~&#"
_ASCII_CONTROLS = [chr(c) for c in range(32)] + ["\x7f"]
_ANY_LINE_START = re.compile(r"\n\s*(?:[-+=>]|\d+[.)])")  # a literal first: fast


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
    if any(c in body for c in _SPECIAL_CHARACTERS):
        return False
    # No text holds a line break now, so "\n" marks where each one starts.
    return not _ANY_LINE_START.search("\n" + "\n".join(texts))


def inline(text: str) -> str:
    """Text that renders as typed, wherever it stands in a line."""
    if not _ANY_SPECIAL.search(text) and not _LINE_START.match(text):
        return text
    text = _CONTROL.sub(_visible, text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _SPECIAL.sub(r"\\\1", text.replace("\t", " "))
    return _LINE_START.sub(_escape_lead, text)


def _escape_lead(m: re.Match) -> str:
    lead = m.group(2)
    if lead[0].isdigit():  # "1." -> "1\." : the digits are fine, the dot makes the list
        return m.group(1) + lead[:-1] + "\\" + lead[-1]
    return m.group(1) + "\\" + lead


def block(text: str) -> str:
    """Multi-line text: each line escaped and stripped (so no line can become an indented
    code block), lines joined by hard breaks; blank lines are dropped, words never are."""
    if "\n" not in text and "\r" not in text:
        return inline(text.strip())
    lines = [inline(line.strip()) for line in text.replace("\r", "\n").split("\n")]
    return "\\\n".join(line for line in lines if line)


def cell(text: str) -> str:
    """A table cell: escaped, and line breaks shown as <br> (the only HTML we write)."""
    lines = [inline(line.strip()) for line in text.replace("\r", "\n").split("\n")]
    return "<br>".join(line for line in lines if line)
