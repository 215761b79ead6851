"""The catalogues follow the glossary (`docs/glossary.md`): one word per concept and
language, and never a word with the wrong sense in a case record ("vedtak" for the meeting's
decision, "avslutad" for a dropped action, the custody itself consenting).

Both rules are read from the glossary's own tables, so a row added there is checked at once,
and every message of every catalogue is checked against them."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from dialogtui import i18n

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "docs" / "glossary.md"
LOCALE = ROOT / "src" / "dialogtui" / "locale"
LANGUAGES = [lang for lang in i18n.LANGUAGES if lang != "en"]
SPLIT = re.compile(r"\s*[;/,]\s*")
SHORT = re.compile(r"\s*\(short: ([^)]*)\)")
ASIDE = re.compile(r"\s*\([^)]*\)")


def tables(text: str) -> list[list[list[str]]]:
    """The markdown tables of a text, each a list of rows of cells (header and rule left out)."""
    found: list[list[list[str]]] = []
    rows: list[list[str]] = []
    for line in [*text.splitlines(), ""]:
        if line.startswith("|"):
            rows.append([c.strip() for c in line.strip().strip("|").split("|")])
        elif rows:
            found.append(rows[2:])
            rows = []
    return found


@functools.cache
def glossary() -> tuple[list[list[str]], list[list[str]]]:
    """(the words table: concept, sv, fi, da, nb, en; the never table: word, sv, fi, da, nb)."""
    words, never = tables(GLOSSARY.read_text("utf-8"))
    return words, never


def allowed(language: str) -> dict[str, set[str]]:
    """Each English word of the glossary, with the words `language` may translate it by
    (all its rows': "option" is a command line's and a choice's), short forms included."""
    column = 1 + ["sv", "fi", "da", "nb"].index(language)
    out: dict[str, set[str]] = {}
    for row in glossary()[0]:
        english, theirs = SPLIT.split(row[5]), row[column]
        shorts = SHORT.findall(theirs)
        mine = SPLIT.split(ASIDE.sub("", SHORT.sub("", theirs)))
        if len(mine) != len(english):
            continue  # "a timeline's sheet / a map's sheet": one English word for two
        for en, word in zip(english, mine, strict=True):
            out.setdefault(en.lower(), set()).update({word.lower(), *map(str.lower, shorts)})
    return out


@functools.cache
def catalogue(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "dialogtui.po").open("rb") as f:
        return read_po(f, locale=language)


def messages(language: str) -> list[tuple[str, str]]:
    """(English, translation) of every message, each plural form its own."""
    out = []
    for m in catalogue(language):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        out += [(ids[min(n, len(ids) - 1)], s) for n, s in enumerate(strings)]
    return out


def a_word(word: str) -> re.Pattern[str]:
    """`word` as a word of its own: "handling", never the start of "handlingsplan"."""
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)


def misnamed(language: str, said: list[tuple[str, str]]) -> list[str]:
    """The messages that are one of the glossary's English words but not translated by
    that word's row."""
    words = allowed(language)
    return [
        f"{english!r} = {theirs!r}, the glossary says {sorted(words[english.lower()])}"
        for english, theirs in said
        if english.lower() in words and theirs.lower() not in words[english.lower()]
    ]


def wrong_sense(language: str, said: list[tuple[str, str]]) -> list[str]:
    """The messages whose translation uses a word the glossary's never-table forbids for an
    English word the message holds."""
    column = 1 + ["sv", "fi", "da", "nb"].index(language)
    out = []
    for row in glossary()[1]:
        forbidden = [w for w in SPLIT.split(row[column]) if w]
        for english in SPLIT.split(row[0]):
            for message, theirs in said:
                if a_word(english).search(message):
                    out += [
                        f"{message!r} = {theirs!r}: never {w!r} for {english!r}"
                        for w in forbidden
                        if a_word(w).search(theirs)
                    ]
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_glossary_word_is_translated_as_the_glossary_says(language):
    assert not misnamed(language, messages(language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_message_uses_a_word_in_a_sense_the_glossary_forbids(language):
    assert not wrong_sense(language, messages(language))


def test_the_glossarys_checks_find_what_they_are_for():
    # Each check on a catalogue as it was before the words were chosen for a case record
    # (the custody consenting, an administrative decision, a dropped action read as done).
    assert glossary()[0] and glossary()[1]
    assert misnamed("nb", [("Decision", "Vedtak"), ("Decision", "Beslutning")]) == [
        "'Decision' = 'Vedtak', the glossary says ['beslutning']"
    ]
    assert misnamed("sv", [("Journal note", "Journal")]) == []  # its short form
    assert wrong_sense("da", [("Guardians' consent recorded", "Forældremyndighedens samtykke")])
    assert wrong_sense("sv", [("dropped", "avslutad")])
    assert wrong_sense("da", [("Add action", "Tilføj handling")])
    assert not wrong_sense("da", [("Action plan", "Handlingsplan")])  # a word of its own
    assert not wrong_sense("sv", [("The meeting is ended", "Mötet är avslutat")])
