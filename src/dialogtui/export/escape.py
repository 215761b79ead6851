"""Make user text safe inside Markdown: it renders as the text typed, never as structure,
and carries a backslash only where Markdown would otherwise read structure into it — the
minutes are pasted into plain-text case journals, where every needless `\\&` shows."""

from __future__ import annotations

import re

from dialogtui.display import CONTROLS, control_picture

# Characters that may start Markdown structure somewhere in a line. Text without any of
# them (most turns) needs nothing; text with one is looked at closely below.
SPECIAL_CHARACTERS = "\\`*_[]<>|~&#"

# What needs a backslash, and only where it does (CommonMark, with GitHub's tables and
# strikethrough, since the minutes are also read on such sites):
_ALWAYS = r"[`*]"  # code spans and emphasis open almost anywhere
_BACKSLASH = r"\\(?=[!-/:-@\[-`{-~]|$)"  # a backslash escapes punctuation, or ends a line
_UNDERSCORE = r"(?<![^\W_])_|_(?![^\W_])"  # intraword_underscores never make emphasis
_TAG = r"<(?=[A-Za-z/!?])"  # HTML and autolinks; "a < b" is fine
_ENTITY = r"&(?=#?\w+;)"  # "Roller & opgaver" is fine; "&amp;" would turn into "&"
_HEADING_CLOSE = r"(?<=\s)#+(?=\s*$)"  # closing #s would vanish from a heading
_INLINE = re.compile("|".join([_ALWAYS, _BACKSLASH, _UNDERSCORE, _TAG, _ENTITY, _HEADING_CLOSE]))
# Brackets make links only with "](", "][" or a definition "]:"; "Anna [mamma]" is fine.
_LINKISH = re.compile(r"\][(\[:]|^\s*\[")
_BRACKETS = re.compile(r"[\[\]]")
# GitHub strikes through text between two tildes, even single ones: "~5 min" alone is fine.
_TILDE = re.compile("~")
# What is structure only at the start of a line: lists, quotes, headings, rules, setext.
_LEAD = r"(?:[-+=>#]|\d+[.)])"
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
    text = _INLINE.sub(r"\\\g<0>", text)
    if _LINKISH.search(text):
        text = _BRACKETS.sub(r"\\\g<0>", text)
    if text.count("~") > 1:
        text = _TILDE.sub(r"\\~", text)
    return _LINE_START.sub(_escape_lead, text)


def _escape_lead(m: re.Match) -> str:
    lead = m.group(2)
    if lead[0].isdigit():  # "1." -> "1\." : the digits are fine, the dot makes the list
        return m.group(1) + lead[:-1] + "\\" + lead[-1]
    return m.group(1) + "\\" + lead


def _lines(text: str) -> list[str]:
    return [inline(line.strip()) for line in _LINE_BREAKS.split(text)]


def block(text: str, indent: str = "  ") -> str:
    """Multi-line text in a list item: each line escaped and stripped (so no line can
    become an indented code block), each its own paragraph under the item — no trailing
    backslashes, so it reads the same pasted as plain text; blank lines are dropped, words
    never are."""
    if not _LINE_BREAKS.search(text):
        return inline(text.strip())
    return f"\n\n{indent}".join(line for line in _lines(text) if line)


def cell(text: str) -> str:
    """A table cell: escaped, a | kept in its cell, line breaks shown as <br> (the only
    HTML we write)."""
    return "<br>".join(line.replace("|", "\\|") for line in _lines(text) if line)
