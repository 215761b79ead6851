"""Replace people's names by pseudonyms (or their role) everywhere in an export.

A name is found as whole words, however it was typed:
- in any Unicode form and case: text and names are compared in NFC, case-folded, with the
  Turkish dotted İ and dotless ı read as i and typographic apostrophes as ' — so "İbrahim"
  is found as "Ibrahim" or "IBRAHIM", "Strauß" as "STRAUSS", a name pasted in decomposed
  form (as macOS does) as the same name;
- as the full name first ("Anna-Karin Lind"), then each part of it on its own ("Lind");
- with a genitive (Annas, Anna's, Anna:s, Strauss') or a Finnish case ending (Annalle,
  Annasta, Andersonin, Anna:n, Anna:lle): Raseborg's meetings are bilingual. One-letter
  endings count only after a colon (the Swedish "annan" is not "Anna" + n), so a bare
  "Annan" is not found; nor are endings that change the stem (Heikki → Heikin), names run
  together with other words (AnnaKarin), or names of people who were never participants
  of the series. SECURITY.md says so.
The names are those of this meeting's participants and facilitators, and of everyone who
took part in an earlier meeting of the series (their names can be in carried actions).
Replacing never fails: a match that no name claims is left as it is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from itertools import pairwise

from dialogtui.export.record import MeetingRecord
from dialogtui.records import Participant

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})
_LETTER = r"(?:[^\W_]|[\u0300-\u036f])"
_WORD = re.compile(rf"{_LETTER}+(?:['\u2019\u2018\u02bc:]{_LETTER}+)*")
_NAME_GAP = re.compile(r"[\s\-\u2010\u2011]+")  # what may stand between the parts of a name

# Endings after a name, longest first. Swedish, Danish and Norwegian genitives, then
# Finnish case endings (with or without the colon Finnish writes after foreign names).
_GENITIVES = ("'s", ":s", "s'", "s", "'")
_FINNISH = tuple(
    sorted(
        {
            e if not colon else ":" + e
            for e in (
                "n", "a", "ä", "ta", "tä", "na", "nä", "ksi", "ssa", "ssä", "sta", "stä",
                "lla", "llä", "lta", "ltä", "lle", "in", "iin", "aan", "ään",
            )
            for colon in (False, True)
            # A bare one-letter ending would turn ordinary Swedish words into names
            # ("annan", other, is "Anna" + n): those count only after a colon ("Anna:n").
            if colon or len(e) > 1
        },
        key=len,
        reverse=True,
    )
)  # fmt: skip


def fold(text: str) -> str:
    """The form names are compared in."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("i\u0307", "i").replace("\u0131", "i").translate(_APOSTROPHES)
    return unicodedata.normalize("NFC", text)


_ANNOTATION = re.compile(r"\[[^\]]*\]|\([^)]*\)")  # "Anna [mamma] Lind": a note, not a name


def name_parts(name: str) -> tuple[str, ...]:
    """The folded words of a name, without what stands in brackets:
    "Anna-Karin Lind" → ("anna", "karin", "lind"), "Anna (mamma)" → ("anna",)."""
    bare = _ANNOTATION.sub(" ", unicodedata.normalize("NFC", name))
    return tuple(fold(m.group()) for m in _WORD.finditer(bare))


def pseudonym_clash(person: Participant, others: list[Participant]) -> str | None:
    """The name of someone else whose name the person's pseudonym is (or is part of)."""
    if not person.pseudonym:
        return None
    alias = name_parts(person.pseudonym)
    for other in others:
        parts = name_parts(other.name)
        if alias and (alias == parts or (len(alias) == 1 and alias[0] in parts)):
            return other.name
    return None


def pseudonyms(record: MeetingRecord) -> dict[int | None, str]:
    """Each participant's stand-in: their pseudonym, or their role numbered ("Skola 2").
    Earlier participants of the series, who are not in this meeting, are numbered on."""
    out: dict[int | None, str] = {}
    counts: dict[str, int] = {}
    names = {r.id: r.name for r in record.qs.roles}
    here = {name_parts(p.name) for p in record.info.participants}
    earlier = [p for p in record.earlier_participants if name_parts(p.name) not in here]
    for p in [*record.info.participants, *earlier]:
        if p.id is None:
            continue
        if p.pseudonym:
            out[p.id] = p.pseudonym
            continue
        base = names.get(p.role or "", "") or "P"
        counts[base] = counts.get(base, 0) + 1
        out[p.id] = f"{base} {counts[base]}"
    return out


def _stems(word: str) -> Iterable[str]:
    """The word itself, then the word without each ending it may carry."""
    yield word
    for ending in _GENITIVES:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            yield word[: -len(ending)]
    for ending in _FINNISH:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            yield word[: -len(ending)]


def name_replacer(
    record: MeetingRecord, asker: str = "A", writer: str = "B"
) -> Callable[[str], str]:
    """A function that rewrites any text so that no known person's name is left in it."""
    stand_ins = pseudonyms(record)
    people = [*record.info.participants, *record.earlier_participants]
    pairs = [(p.name, stand_ins[p.id]) for p in people if p.id in stand_ins]
    pairs += [(n, label) for n, label in ((record.info.asker, asker), (record.info.writer, writer))]
    full: dict[tuple[str, ...], str] = {}
    single: dict[tuple[str, ...], str] = {}
    for name, label in pairs:
        parts = name_parts(name)
        if not parts:
            continue
        full.setdefault(parts, label)  # the first holder of a name keeps it
        # Every run of its parts too: "Anna-Karin" of "Anna-Karin Lind", or "Lind".
        for start in range(len(parts)):
            for end in range(start + 1, len(parts) + 1):
                run = parts[start:end]
                if len(run) > 1 or len(run[0]) >= 2:
                    single.setdefault(run, label)
    lookup = {**single, **full}  # a full name wins over a part that looks the same
    if not lookup:
        return lambda text: text
    longest = max(len(k) for k in lookup)
    # A name written with a note in it ("Anna [mamma] Lind", as in an action's 'who') is
    # replaced whole where it stands as written; one pattern per name, so the label is
    # known without looking the match up.
    written = [
        (re.compile(re.escape(unicodedata.normalize("NFC", name)), re.IGNORECASE), label)
        for name, label in pairs
        if name and _ANNOTATION.search(name)
    ]

    def replace(text: str) -> str:
        text = unicodedata.normalize("NFC", text)
        for pattern, label in written:
            text = pattern.sub(label.replace("\\", "\\\\"), text)  # the label as it is
        words = list(_WORD.finditer(text))
        out: list[str] = []
        done = 0  # text up to here is in `out`
        i = 0
        while i < len(words):
            matched = _match_at(text, words, i, longest, lookup)
            if matched is None:
                i += 1
                continue
            n, label = matched
            out += [text[done : words[i].start()], label]
            done = words[i + n - 1].end()
            i += n
        out.append(text[done:])
        return "".join(out)

    return replace


def _match_at(
    text: str, words: list[re.Match[str]], i: int, longest: int, lookup: dict
) -> tuple[int, str] | None:
    """The longest name that starts at word `i`: (how many words it takes, its label)."""
    for n in range(min(longest, len(words) - i), 0, -1):
        span = words[i : i + n]
        gaps_ok = all(_NAME_GAP.fullmatch(text[a.end() : b.start()]) for a, b in pairwise(span))
        if not gaps_ok:
            continue
        head = tuple(fold(w.group()) for w in span[:-1])
        for stem in _stems(fold(span[-1].group())):
            label = lookup.get((*head, stem))
            if label is not None:
                return n, label
    return None
