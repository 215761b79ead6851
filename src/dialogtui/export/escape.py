"""Make user text safe inside Markdown: it renders as the text typed, never as structure."""

from __future__ import annotations

import re

_PUNCT = re.compile(r"([!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~])")
# C0 controls (but tab and newline) and DEL become their visible Unicode pictures.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _visible(ch: re.Match) -> str:
    code = ord(ch.group())
    return "\u2421" if code == 0x7F else chr(0x2400 + code)


def inline(text: str) -> str:
    """One line of text: every ASCII punctuation mark backslash-escaped (CommonMark §2.4)."""
    text = _CONTROL.sub(_visible, text.replace("\r\n", "\n").replace("\r", "\n"))
    return _PUNCT.sub(r"\\\1", text.replace("\t", " "))


def block(text: str) -> str:
    """Multi-line text: each line escaped and stripped (so no line can become an indented
    code block), lines joined by hard breaks; blank lines are dropped, words never are."""
    lines = [inline(line.strip()) for line in text.replace("\r", "\n").split("\n")]
    return "\\\n".join(line for line in lines if line)


def cell(text: str) -> str:
    """A table cell: escaped, and line breaks shown as <br> (the only HTML we write)."""
    lines = [inline(line.strip()) for line in text.replace("\r", "\n").split("\n")]
    return "<br>".join(line for line in lines if line)
