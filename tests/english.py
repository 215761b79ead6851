"""The English detector: which words on a screen (or in a file, or on the terminal) are
English that a user of another language should not be reading.

English is what dialogtui's own messages say (its msgids) and what the libraries it shows
say in their own words: Textual's "Dismiss menu" and "Select", click's and typer's "Did you
mean", rich's prompts. Their words are read from the string literals of the installed
packages, so that a library's new English is known the day it is installed. A word the
language itself writes (its catalogue, its dates as Babel writes them) is not English there
("status", "export", "problem" are Swedish too); nor are a screen's own words: the set's
texts, people's names, keys and file names, which the caller names or `english_on` removes.
"""

from __future__ import annotations

import ast
import functools
import importlib.util
import re
from collections.abc import Iterable
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from dialogtui import i18n

ROOT = Path(__file__).resolve().parent.parent

# The libraries whose words can reach a screen or the terminal (click is typer's own copy,
# `typer._click`, where no separate click is installed).
LIBRARIES = ("textual", "click", "typer", "rich")

# The keys as hints and footers name them: English on every keyboard, and a key, not a word.
KEYS = {"ctrl", "alt", "shift", "esc", "escape", "tab", "enter", "del", "delete", "space"}
KEYS |= {"backspace", "home", "end", "pageup", "pagedown", "insert", "up", "down"}
KEYS |= {"left", "right"}

# A message's quoted code (`step`, by = "step", {name}) is not a word of the language.
CODE = re.compile(r"\{\w+\}|`[^`]*`|\[\[?[a-z_.]+\]\]?|[a-z_]+ = \S+|\"[^\"]*\"")

# A file's path or name, as an export's status or `dialogtui new` says it: its words are the
# file system's, not the screen's.
FILES = re.compile(r"(?:[A-Za-z]:)?[/\\]\S+|\S+\.(?:md|pdf|docx|txt|ics|toml|json|svg)\b")


def words_of(text: str) -> list[str]:
    """A text's words, as the detector reads them: three letters or more, or two capitals
    ("OK")."""
    return [
        w for w in re.findall(r"[^\W\d_]+", text) if len(w) >= 3 or (len(w) == 2 and w.isupper())
    ]


def source_messages() -> set[tuple[str | None, str]]:
    """Every message marked in the source, as scripts/i18n extracts them: (context, id)."""
    keywords = {"_": None, "N_": None, "pgettext": ((1, "c"), 2), "NC_": ((1, "c"), 2)}
    keywords["ngettext"] = (1, 2)
    found = extract_from_dir(
        str(ROOT / "src" / "dialogtui"), [("**.py", "python")], keywords=keywords
    )
    return {(m[4], m[2] if isinstance(m[2], str) else m[2][0]) for m in found}


@functools.cache
def catalogue(language: str):
    with open(i18n.LOCALE_DIR / language / "LC_MESSAGES" / "dialogtui.po", "rb") as f:
        return read_po(f, locale=language)


def forms(entry) -> tuple[str, ...]:
    """A translation's text, or each of its plural forms."""
    return entry.string if isinstance(entry.string, tuple) else (entry.string,)


@functools.cache
def library_words() -> frozenset[str]:
    """The words of the string literals of the libraries that draw or print for dialogtui
    (a Binding's description is one of them), docstrings aside (documentation, never
    shown)."""
    owners = ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef
    found: set[str] = set()
    for name in LIBRARIES:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            continue  # click: typer's own copy is read with typer
        for path in Path(spec.origin).parent.rglob("*.py"):
            docs: set[int] = set()
            # Breadth first: a function is met before its docstring.
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, owners) and node.body:
                    first = node.body[0]
                    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                        docs.add(id(first.value))
                elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                    said = "" if id(node) in docs else node.value
                    found.update(w.lower() for w in words_of(said))
    return frozenset(found)


@functools.cache
def message_words() -> frozenset[str]:
    """The words of dialogtui's own English messages."""
    return frozenset(w.lower() for _, m in source_messages() for w in words_of(CODE.sub(" ", m)))


@functools.cache
def language_words(language: str) -> frozenset[str]:
    """The words the language writes itself: its catalogue's, and its dates' (Babel's month
    and day names, "dec." and "tis")."""
    from babel import Locale

    theirs = {
        w.lower()
        for m in catalogue(language)
        if m.id
        for w in words_of(CODE.sub(" ", " ".join(forms(m))))
    }
    locale = Locale.parse(language)
    for names in (locale.months, locale.days):
        for context in names.values():
            for width in context.values():
                theirs.update(w.lower() for n in width.values() for w in words_of(n))
    return frozenset(theirs)


@functools.cache
def english_words(language: str = "sv") -> frozenset[str]:
    """The English words a screen in `language` must not show: the app's messages' and the
    libraries', less the language's own and the keys."""
    return (message_words() | library_words()) - language_words(language) - KEYS


def english_on(screen: str, own: Iterable[str], language: str = "sv") -> list[str]:
    """The English words a screen (a file, the terminal's output) shows, beyond its own: the
    set's texts, the names, what was typed (`own`), and file names. A word that a dialog's
    frame or an ellipsis cuts ("En star█" of "En start", "res…") is the start or the end
    of a word the screen may show: not English where one of those begins or ends with it."""
    # A placeholder of a message ({time}) is not a word of it.
    theirs = {w.lower() for t in own for w in words_of(re.sub(r"\{\w+\}", " ", t))}
    text = FILES.sub(" ", screen)
    found = set()
    for word in re.finditer(r"[^\W\d_]+", text):
        said = word.group().lower()
        if not words_of(word.group()) or said not in english_words(language) or said in theirs:
            continue
        edges = text[max(word.start() - 1, 0) : word.start()] + text[word.end() : word.end() + 1]
        if FRAME.search(edges) and any(
            w != said and (w.startswith(said) or w.endswith(said))
            for w in theirs | language_words(language)
        ):
            continue  # a part of a word, the rest of it under a dialog
        found.add(said)
    return sorted(found)


# Where a word may be cut: a dialog's frame, a scroll bar (box-drawing and block characters),
# and the ellipsis of a text cut at the edge of its column.
FRAME = re.compile(r"[\u2500-\u259f…]")
