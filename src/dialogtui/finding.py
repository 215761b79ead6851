"""How a word typed to find a meeting finds it: one rule for the store's index (migration 22,
`store/search.py`) and for the lists filtered in memory (the start screen's meetings).

- Case never matters, and each word typed finds the words that begin with it: "fotb" finds
  "fotboll", "möte" finds "mötet" and "mötena" (Nordic languages put the article and the
  plural at the end of the word), "Lind" finds "lindholm".
- A word typed without å, ä, ö, ø or æ finds them too: "traff" finds "Träff", "amoben"
  finds "Amøben", "for" finds "för". A scribe on a borrowed or English keyboard, or in a
  hurry, types the letters without their marks, and should still find the meeting.
- A word typed with them finds only them: "för" does not find "for", "Åsa" does not find
  "Asa". Swedish and Finnish readers read å, ä and ö as letters of their own, not as a
  and o with a mark; so do Danish and Norwegian readers æ, ø and å. ä and æ are one letter
  here, as are ö and ø ("Sören" finds "Søren"), and å finds the older Danish "aa"
  ("Ålborg" finds "Aalborg").
- Other accents never matter: "cafe" finds "café" and "café" finds "cafe".
- Words are made of letters and digits; anything else separates them.

No Textual here, and no store: plain functions of text.
"""

from __future__ import annotations

import re
import unicodedata

# The letters a word typed with keeps to itself, and how the index spells each out (the
# store's migration 22 spells them the same way in SQL).
NORDIC = "åäæöø"
_SPELT = str.maketrans({"å": "aa", "ä": "ae", "æ": "ae", "ö": "oe", "ø": "oe"})
_AS_PLAIN = str.maketrans({"ø": "o", "æ": "ae"})
# For the index's own query: its tokenizer folds case and the other accents itself, as it
# did the text it indexed; only what migration 22 spelt out in SQL is spelt out here.
_SPELT_ANY_CASE = str.maketrans(
    {
        k: v
        for a, b in [("å", "aa"), ("ä", "ae"), ("æ", "ae"), ("ö", "oe"), ("ø", "oe")]
        for k, v in ((a, b), (a.upper(), b.capitalize()))
    }
)
_AS_PLAIN_ANY_CASE = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae"})

# A word: letters and digits (SQLite's unicode61 tokenizer's token characters, L*, N*, Co;
# a combining mark stays with its letter).
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def words(text: str) -> list[str]:
    """The words of a text (or of what was typed to find it), case kept."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


def _unmarked(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plain(word: str) -> str:
    """A word as a word typed without Nordic letters is compared: "Träff" → "traff"."""
    return _unmarked(unicodedata.normalize("NFC", word).casefold().translate(_AS_PLAIN))


def spelt(word: str) -> str:
    """A word as a word typed with them is compared: "Träff" → "traeff"."""
    return _unmarked(unicodedata.normalize("NFC", word).casefold().translate(_SPELT))


def nordic(word: str) -> bool:
    """Whether a word typed has a letter that finds only itself."""
    return any(c in NORDIC for c in unicodedata.normalize("NFC", word).casefold())


def _keys(word: str) -> tuple[bool, str]:
    return (True, spelt(word)) if nordic(word) else (False, plain(word))


def matches(query: str, text: str) -> bool:
    """Whether every word of `query` begins a word of `text` (an empty query matches)."""
    wanted = [_keys(w) for w in words(query)]
    if not wanted:
        return True
    said = words(text)
    as_plain = [plain(w) for w in said]
    as_spelt = [spelt(w) for w in said]
    return all(
        any(w.startswith(key) for w in (as_spelt if strict else as_plain)) for strict, key in wanted
    )


def marks(query: str, text: str) -> list[tuple[int, int]]:
    """Where in `text` the words that `query` found are: (start, end) of each, in order,
    to highlight them. Offsets are of `text` as given."""
    wanted = [_keys(w) for w in words(query)]
    if not wanted:
        return []
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        for strict, key in wanted:
            if (spelt(word) if strict else plain(word)).startswith(key):
                out.append((m.start(), m.end()))
                break
    return out


def fts_query(query: str) -> str | None:
    """The index's MATCH for what was typed: each word a prefix, all of them wanted; None
    when nothing searchable was typed. Each word is quoted: nothing typed is FTS5 syntax."""
    parts = []
    for word in words(query):
        if nordic(word):
            parts.append(f'nordic : "{word.translate(_SPELT_ANY_CASE)}" *')
        else:
            parts.append(f'plain : "{word.translate(_AS_PLAIN_ANY_CASE)}" *')
    return " AND ".join(parts) or None
