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
  here, as are ö and ø ("Sören" finds "Søren").
- Other accents never matter: "cafe" finds "café" and "café" finds "cafe".
- Words are made of letters and digits; anything else separates them.

No Textual here, and no store: plain functions of text.
"""

from __future__ import annotations

import re
import unicodedata

# The letters a word typed with keeps to itself. The index (migration 22) holds each of them
# as one character of Unicode's private use area, which no text holds: "ö" typed can only
# find ö or ø, never "oe" ("bö" does not find "boendet").
NORDIC = "åäæöø"
_KEPT = {"å": "\ue001", "ä": "\ue002", "æ": "\ue002", "ö": "\ue003", "ø": "\ue003"}
_SPELT = str.maketrans(_KEPT)
_AS_PLAIN = str.maketrans({"ø": "o", "æ": "ae"})
# For the index's own query: its tokenizer folds case and the other accents itself, as it
# did the text it indexed; only what migration 22 replaced in SQL is replaced here.
_SPELT_ANY_CASE = str.maketrans({**_KEPT, **{k.upper(): v for k, v in _KEPT.items()}})
_AS_PLAIN_ANY_CASE = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae"})

# A word: letters and digits, and the marks that combine with them (as SQLite's unicode61
# tokenizer reads a word, which then drops the marks). Symbols newer than its Unicode 6.1
# (most emoji) are letters to it: "bra🙂" is one word in the index, two here.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_WORD = re.compile(f"(?:[^\\W_]|[{_MARKS}\ue000-\uf8ff])+", re.UNICODE)


def words(text: str) -> list[str]:
    """The words of a text (or of what was typed to find it), case kept."""
    return _WORD.findall(unicodedata.normalize("NFC", text))


def _unmarked(text: str) -> str:
    # Canonical decomposition and lower case, as the index's tokenizer folds: "ß", "ﬁ" and
    # "²" stay themselves there, so they do here.
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def plain(word: str) -> str:
    """A word as a word typed without Nordic letters is compared: "Träff" → "traff"."""
    return _unmarked(unicodedata.normalize("NFC", word).lower().translate(_AS_PLAIN))


def spelt(word: str) -> str:
    """A word as a word typed with them is compared: "Träff" keeps its ä."""
    return _unmarked(unicodedata.normalize("NFC", word).lower().translate(_SPELT))


def nordic(word: str) -> bool:
    """Whether a word typed has a letter that finds only itself."""
    return any(c in NORDIC for c in unicodedata.normalize("NFC", word).lower())


def _keys(word: str) -> tuple[bool, str]:
    return (True, spelt(word)) if nordic(word) else (False, plain(word))


def _typed(query: str) -> list[str]:
    """The words typed that can find anything: a mark typed alone is none."""
    return [w for w in words(query) if plain(w)]


def _wanted(query: str) -> list[tuple[bool, str]]:
    return [_keys(w) for w in _typed(query)]


def matches(query: str, text: str) -> bool:
    """Whether every word of `query` begins a word of `text`. Nothing typed matches
    everything; something typed with no word in it (a sign, an emoji) nothing, as in the
    index."""
    wanted = _wanted(query)
    if not wanted:
        return not query.strip()
    said = words(text)
    as_plain = [plain(w) for w in said]
    as_spelt = [spelt(w) for w in said]
    return all(
        any(w.startswith(key) for w in (as_spelt if strict else as_plain)) for strict, key in wanted
    )


def marks(query: str, text: str) -> list[tuple[int, int]]:
    """Where in `text` the words that `query` found are: (start, end) of each, in order,
    to highlight them. Offsets are of `text` as given."""
    wanted = _wanted(query)
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


def snippet(query: str, text: str, width: int) -> tuple[int, int]:
    """Where to cut `text` to at most `width` characters around the first word `query`
    found (the start when none): a hit's line shows that, and only it is marked. Reads the
    text only as far as that word, however long it is."""
    if len(text) <= width:
        return 0, len(text)
    wanted = _wanted(query)
    first = 0
    for m in _WORD.finditer(text):
        word = m.group()
        if any((spelt(word) if s else plain(word)).startswith(k) for s, k in wanted):
            first = m.start()
            break
    start = max(0, min(first - width // 4, len(text) - width))
    return start, start + width


def fts_query(query: str) -> str | None:
    """The index's MATCH for what was typed: each word a prefix, all of them wanted; None
    when nothing searchable was typed. Each word is quoted: nothing typed is FTS5 syntax."""
    parts = []
    for word in _typed(query):
        if nordic(word):
            parts.append(f'nordic : "{word.translate(_SPELT_ANY_CASE)}" *')
        else:
            parts.append(f'plain : "{word.translate(_AS_PLAIN_ANY_CASE)}" *')
    return " AND ".join(parts) or None
