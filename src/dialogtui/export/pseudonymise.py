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
A name that is also an ordinary word of the meeting's language ("Per": per vecka) is a name
only where it has a capital letter, unless the meeting writes names in lower case; the
stand-in keeps the name's ending ("Oskars" → "Familjemedlem 2:s"); a surname several people
share stands alone for the family ("familjen X").
Replacing never fails: a match that no name claims is left as it is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import pairwise
from typing import NamedTuple

from dialogtui.export.labels import labels
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


def pseudonyms(record: MeetingRecord, language: str | None = None) -> dict[int | None, str]:
    """Each participant's stand-in: their pseudonym, or what one person of their role is
    called ("Förälder", "Socialsekreterare"), numbered only where several share it
    ("Skola 1", "Skola 2"). Earlier participants of the series, who are not in this
    meeting, are counted too, so that each keeps a stand-in of their own."""
    roles = {r.id: r for r in record.qs.roles}
    fallback = labels(language or record.language)["participant"]  # the labels' language
    here = {name_parts(p.name) for p in record.info.participants}
    earlier = [p for p in record.earlier_participants if name_parts(p.name) not in here]
    people = [p for p in [*record.info.participants, *earlier] if p.id is not None]

    def base(p: Participant) -> str:
        role = roles.get(p.role or "")
        return (role.stand_in or role.name) if role else fallback

    bases = {p.id: base(p) for p in people if not p.pseudonym}
    shared = Counter(bases.values())
    seen: Counter[str] = Counter()
    out: dict[int | None, str] = {}
    for p in people:
        if p.pseudonym:
            out[p.id] = p.pseudonym
            continue
        b = bases[p.id]
        seen[b] += 1
        out[p.id] = f"{b} {seen[b]}" if shared[b] > 1 else b
    return out


# A name that is also a common word of the meeting's language ("Per": per vecka, "Bo": bo
# kvar, "Liv", "Ville") is a name only where it is written with a capital letter. Common
# means a Zipf frequency of at least this in wordfreq's list for the language: 4.5 keeps
# "per" (5.5), "bo" (5.1), "hans", "liv", "ville", "vilja", "sol", "sten", "björn" as
# words. wordfreq counts a word's uses as a name too, so many first names are "common"
# ("anna" 5.0, "eva" 4.5): hence the capital letter decides, not the count.
COMMON_ZIPF = 4.5


@functools.cache
def is_common_word(word: str, language: str) -> bool:
    """Whether a (folded) word is an ordinary word of the language, not only a name."""
    from wordfreq import zipf_frequency  # 0.3 s and 20 MB: loaded for a pseudonymised export

    return zipf_frequency(word, language) >= COMMON_ZIPF


def record_texts(record: MeetingRecord) -> Iterable[str]:
    """Every text the scribe typed into the meeting."""
    yield from (t.text for t in record.turns)
    yield from (n.text for n in record.notes)
    yield from (r.comment for r in record.ratings)
    yield from (f.comment for f in record.follow_ups)
    for a in [*record.actions, *record.carried]:
        yield from (a.what, a.how, a.who, a.with_whom, a.first_step)
    yield record.info.consent_note


def _genitive(label: str, language: str) -> str:
    """The label's genitive, as the language writes it after a name or a number."""
    if language in ("sv", "fi"):
        return label + (":s" if label[-1:].isdigit() or label[-1:].isupper() else "s")
    if language == "en":
        return label + "'s"
    # Danish and Norwegian: an apostrophe after a number, a capital or an s.
    tail = label[-1:]
    return label + ("'s" if tail.isdigit() or tail.isupper() else "'" if tail in "sxz" else "s")


def _with_ending(label: str, ending: str, language: str) -> str:
    """The stand-in with the ending the name had: "Oskars" → "Barn 1:s", "Annalle" →
    "Förälder 1:lle" (a Finnish ending after a colon, as Finnish writes it after a name)."""
    if not ending:
        return label
    if ending.replace(":", "").replace("'", "") in ("s", ""):  # 's :s s' s ': a genitive
        return _genitive(label, language)
    return label + ":" + ending.lstrip(":")


class _Name(NamedTuple):
    label: str
    capital_only: bool  # an ordinary word as well: a name only where it has a capital


def name_replacer(
    record: MeetingRecord, asker: str = "A", writer: str = "B", labels_in: str | None = None
) -> Callable[[str], str]:
    """A function that rewrites any text so that no known person's name is left in it
    (`labels_in`: the language of the stand-ins that are labels, "Deltagare 2")."""
    language = record.language
    pairs, table = _names(record, asker, writer, labels_in)
    if not table:
        return lambda text: text
    words_too = _also_words(record, table)
    lookup = {
        run: _Name(label, len(run) == 1 and run[0] in words_too) for run, label in table.items()
    }
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
            n, label, ending = matched
            out += [text[done : words[i].start()], _with_ending(label, ending, language)]
            done = words[i + n - 1].end()
            i += n
        out.append(text[done:])
        return "".join(out)

    return replace


def _names(
    record: MeetingRecord, asker: str, writer: str, labels_in: str | None = None
) -> tuple[list[tuple[str, str]], dict[tuple[str, ...], str]]:
    """(name, stand-in) of everyone, and the stand-in of each run of a name's words."""
    stand_ins = pseudonyms(record, labels_in)
    people = [*record.info.participants, *record.earlier_participants]
    pairs = [(p.name, stand_ins[p.id]) for p in people if p.id in stand_ins]
    pairs += [(n, label) for n, label in ((record.info.asker, asker), (record.info.writer, writer))]
    named = [(name_parts(name), label) for name, label in pairs]
    named = [(parts, label) for parts, label in named if parts]
    families = _family_stand_ins(named)
    full: dict[tuple[str, ...], str] = {}
    single: dict[tuple[str, ...], str] = {}
    for parts, label in named:
        full.setdefault(parts, label)  # the first holder of a name keeps it
        # Every run of its parts too: "Anna-Karin" of "Anna-Karin Lind", or "Lind".
        for start in range(len(parts)):
            for end in range(start + 1, len(parts) + 1):
                run = parts[start:end]
                if len(run) > 1 or len(run[0]) >= 2:
                    single.setdefault(run, families.get(run[0], label) if len(run) == 1 else label)
    return pairs, {**single, **full}  # a full name wins over a part that looks the same


def _also_words(record: MeetingRecord, table: dict[tuple[str, ...], str]) -> set[str]:
    """The one-word names that are ordinary words too, and so names only with a capital."""
    # Only a word with a capital letter to tell it by ("00", "محمد" have none) can be both.
    words_too = {
        run[0]
        for run in table
        if len(run) == 1
        and run[0][:1] != run[0][:1].upper()
        and is_common_word(run[0], record.language)
    }
    if words_too and _names_typed_in_lower_case(record, table, words_too):
        return set()  # this meeting writes names in lower case: "per" may be Per
    return words_too


def words_kept(record: MeetingRecord) -> Counter[str]:
    """How often each name that is also a word was kept as a word (lower case) in the
    meeting's texts — for the scribe to check after a pseudonymised export."""
    _, table = _names(record, "", "")
    words_too = _also_words(record, table) if table else set()
    kept: Counter[str] = Counter()
    if not words_too:
        return kept
    pattern = _whole_words(words_too)
    for text in record_texts(record):
        if text:
            kept.update(pattern.findall(unicodedata.normalize("NFC", text)))
    return kept


def _family_stand_ins(named: list[tuple[tuple[str, ...], str]]) -> dict[str, str]:
    """A surname that several people share stands alone for the family ("familjen
    Nyström" → "familjen X"), not for whichever of them came first; with a first name it
    is that person's."""
    holders: dict[str, set[tuple[str, ...]]] = {}
    for parts, _ in named:
        if len(parts) > 1:
            holders.setdefault(parts[-1], set()).add(parts)
    shared = [surname for surname, who in holders.items() if len(who) > 1]
    letters = "XYZWVUTS"
    return {
        surname: letters[k] if k < len(letters) else f"X{k}" for k, surname in enumerate(shared)
    }


def _names_typed_in_lower_case(
    record: MeetingRecord, table: dict[tuple[str, ...], str], words_too: set[str]
) -> bool:
    """Whether this meeting writes names in lower case — a name entered so ("per holm"),
    or a name that is no ordinary word standing in lower case in a text: then a lower-case
    "per" may be Per too, and is replaced."""
    people = [*record.info.participants, *record.earlier_participants]
    given = [_WORD.search(unicodedata.normalize("NFC", p.name)) for p in people]
    if any(m and m.group()[:1].islower() for m in given):
        return True
    names = {run[0] for run in table if len(run) == 1} - words_too
    if not names:
        return False
    pattern = _whole_words(names)
    return any(pattern.search(unicodedata.normalize("NFC", t)) for t in record_texts(record) if t)


def _whole_words(words: Iterable[str]) -> re.Pattern[str]:
    """Any of the words, as typed (case counts), standing as whole words."""
    either = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?<![^\W_])({either})(?![^\W_])")


def _stems(word: str) -> Iterable[tuple[str, str]]:
    """(stem, ending): the word itself, then the word without each ending it may carry."""
    yield word, ""
    for ending in _GENITIVES:
        if word.endswith(ending) and len(word) - len(ending) >= 2:
            yield word[: -len(ending)], ending
    for ending in _FINNISH:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            yield word[: -len(ending)], ending


def _match_at(
    text: str,
    words: list[re.Match[str]],
    i: int,
    longest: int,
    lookup: dict[tuple[str, ...], _Name],
) -> tuple[int, str, str] | None:
    """The longest name that starts at word `i`: (how many words it takes, its label, the
    ending it carries)."""
    for n in range(min(longest, len(words) - i), 0, -1):
        span = words[i : i + n]
        gaps_ok = all(_NAME_GAP.fullmatch(text[a.end() : b.start()]) for a, b in pairwise(span))
        if not gaps_ok:
            continue
        head = tuple(fold(w.group()) for w in span[:-1])
        for stem, ending in _stems(fold(span[-1].group())):
            name = lookup.get((*head, stem))
            if name is None:
                continue
            if name.capital_only and not span[0].group()[:1].isupper():
                return None  # "per vecka", "bo kvar": the word, not the person
            return n, name.label, ending
    return None
