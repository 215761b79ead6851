"""Replace people's names by pseudonyms (or their role) everywhere in an export.

A name is found as whole words, however it was typed:
- in any Unicode form and case: text and names are compared in NFC, case-folded, with the
  Turkish dotted İ and dotless ı read as i and typographic apostrophes as ' — so "İbrahim"
  is found as "Ibrahim" or "IBRAHIM", "Strauß" as "STRAUSS", a name pasted in decomposed
  form (as macOS does) as the same name;
- with invisible characters in it, which are skipped: a soft hyphen that came along with
  pasted text ("Ib\u00adrahim"), a zero-width space or joiner, a word joiner, a BOM;
- next to digits ("Ibrahim2", "2Ibrahim": a user name, a file name);
- as the full name first ("Anna-Karin Lind"), then each part of it on its own ("Lind"),
  run together ("AnnaKarin", "@hansberg", "OBRIEN" for O'Brien) or joined by one full stop
  or underscore ("hans.berg@", "eva_ek");
- with a genitive (Annas, Anna's, Anna:s, Strauss') or a Finnish case ending: Raseborg's
  meetings are bilingual. Finnish endings are read after a vowel (Annalle, Liisan, Annaa)
  and, with the linking i, after a consonant (Karinille, Holmista, Ahmedia, Anderssonin),
  with possessive suffixes and clitics (Annallekin, Karinilleen), also on the stems Finnish
  makes of names in -nen, -kk-/-tt-/-pp- and -Vs (Virtaselle, Heikin, Jonaksen); after a
  colon or an apostrophe any ending counts (Anna:n, Anna-Karin:lle, Ahmet'in, as Turkish
  writes it). A word that reads so but is an ordinary word is one: of the meeting's
  language whatever its case ("annan", "rutin"; someone else's name, "Marina"), of Finnish
  in lower case ("perille") — wordfreq's lists tell. Endings after a name of two letters
  need the colon ("lilla" is not "Li" + lla).
Not found: other stem changes (Satu → Sadun), a name run together with an ordinary word
("Annasmamma"), or people who were never participants of the series. SECURITY.md says so.
The names are those of this meeting's participants and facilitators, and of everyone who
took part in an earlier meeting of the series (their names can be in carried actions).
A name that is also an ordinary word of the meeting's language ("Per": per vecka) is a name
only where it has a capital letter, unless the meeting writes names in lower case; the
stand-in keeps the name's ending ("Oskars" → "Familjemedlem 2:s", "Karinille" →
"Familjemedlem 1:ille"); a surname several people share stands alone for the family
("familjen X"). Text with no name in it is left exactly as typed.
Replacing never fails: a match that no name claims is left as it is.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import chain
from typing import NamedTuple

from dialogtui.export.document import capitalised
from dialogtui.export.name_endings import Stems, candidates, is_common_word, with_ending
from dialogtui.export.record import MeetingRecord
from dialogtui.labels import labels
from dialogtui.records import Participant

_APOSTROPHES = "\u2019\u2018\u02bc\u2032"  # typographic apostrophes, read as '
_JOINERS = "'\u2019\u2018\u02bc:"  # inside a word: O'Brien, Anna's, Anna:lle
# What takes no room on the page and so can hide inside a name: the soft hyphen (pasted
# from a word processor or a web page), zero-width spaces, joiners and non-joiners, the
# word joiner, bidirectional marks, variation selectors, a BOM, tags (Unicode's
# default-ignorable characters).
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0000-\U000e0fff"
)
_INVISIBLES = re.compile(f"[{_INVISIBLE}]+")


def _ranges(codes: list[int]) -> str:
    """The code points as the body of a character class ("a-z…")."""
    out: list[str] = []
    start = prev = -2
    for code in [*codes, -2]:
        if code != prev + 1:
            if start >= 0:
                out.append(
                    re.escape(chr(start)) + ("-" + re.escape(chr(prev)) if prev > start else "")
                )
            start = code
        prev = code
    return "".join(out)


class _Patterns(NamedTuple):
    word: re.Pattern[str]  # a word of a name: letters, apostrophes inside (O'Brien), or digits
    token: re.Pattern[str]  # a piece of text a name is made of: letters, or digits
    gap: re.Pattern[str]  # what may stand between the pieces of a name


@functools.cache
def _patterns() -> _Patterns:
    """Python's re knows no Unicode categories: the letters and combining marks (a
    decomposed "Å" is A and a ring) and the numbers that are no digits ("²") are listed
    once, from unicodedata (50 ms, on the first pseudonymised export)."""
    letters: list[int] = []
    numbers: list[int] = []
    for code in chain(range(0x20000), range(0xE0100, 0xE01F0)):
        kind = unicodedata.category(chr(code))
        if kind[0] in "LM":
            letters.append(code)
        elif kind in ("Nl", "No"):
            numbers.append(code)
    # One class of the letters of the Basic Multilingual Plane, which re tests in one
    # step, and the rarer ones beyond it (and the CJK extensions) only where such a
    # character stands: a long meeting is read three times faster than with one class.
    bmp = "[" + _ranges([c for c in letters if c < 0x10000]) + "]"
    beyond = _ranges([c for c in letters if c >= 0x10000]) + "\U00020000-\U0003ffff"
    astral = rf"(?=[\U00010000-\U0010ffff])[{beyond}]"
    # Letters, with invisible characters between them ("Ib\u00adrahim" is one word);
    # digits are pieces of their own ("Ibrahim2" is Ibrahim and 2).
    piece = (
        rf"(?:{bmp}+|{astral}{bmp}*)"
        rf"(?:(?:{astral}|[{_INVISIBLE}]+(?={bmp}|{astral})){bmp}*)*"
    )
    bmp_numbers = _ranges([c for c in numbers if c < 0x10000])
    astral_numbers = _ranges([c for c in numbers if c >= 0x10000])
    digits = rf"(?:[\d{bmp_numbers}]|(?=[\U00010000-\U0010ffff])[{astral_numbers}])+"
    return _Patterns(
        word=re.compile(rf"{piece}(?:[{_JOINERS}]{piece})*|{digits}"),
        token=re.compile(rf"{piece}|{digits}"),
        # Spaces and hyphens; an apostrophe (O'Brien); one full stop or underscore, as in
        # an e-mail address or a user name ("hans.berg@", "eva_ek"), not after a sentence.
        gap=re.compile(
            rf"[\s\-\u2010-\u2013{_INVISIBLE}]*|[{_INVISIBLE}]*[{_JOINERS}._][{_INVISIBLE}]*"
        ),
    )


def fold(text: str) -> str:
    """The form names are compared in."""
    text = _INVISIBLES.sub("", text)
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("i\u0307", "i").replace("\u0131", "i")
    for apostrophe in _APOSTROPHES:  # str.translate is slower on a long text
        text = text.replace(apostrophe, "'")
    return unicodedata.normalize("NFC", text)


_ANNOTATION = re.compile(r"\[[^\]]*\]|\([^)]*\)")  # "Anna [mamma] Lind": a note, not a name


def name_parts(name: str) -> tuple[str, ...]:
    """The folded words of a name, without what stands in brackets:
    "Anna-Karin Lind" → ("anna", "karin", "lind"), "Anna (mamma)" → ("anna",)."""
    bare = _ANNOTATION.sub(" ", unicodedata.normalize("NFC", name))
    words = (
        "'".join(_fold_piece(p) for p in re.split(f"[{_JOINERS}]", m.group()))
        for m in _patterns().word.finditer(bare)
    )
    return tuple(w for w in words if w.strip("'"))


def _fold_piece(piece: str) -> str:
    """A piece of a word, folded; an apostrophe NFKC makes of a letter ("ŉ" is "ʼn") is no
    joiner of pieces, as it is not in the text."""
    return re.sub(f"[{_JOINERS}]", "", fold(piece))


def _pieces(parts: Iterable[str]) -> tuple[str, ...]:
    """The pieces a text holds a name's words in: "o'brien" is "o", an apostrophe, "brien"."""
    return tuple(p for part in parts for p in re.split(f"[{_JOINERS}]", part) if p)


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
    called, capitalised ("Förälder", "Socialsekreterare"), numbered only where several share it
    ("Skola 1", "Skola 2"). Earlier participants of the series, who are not in this
    meeting, are counted too, so that each keeps a stand-in of their own."""
    roles = {r.id: r for r in record.qs.roles}
    fallback = labels(language or record.language)["participant"]  # the labels' language
    here = {name_parts(p.name) for p in record.info.participants}
    earlier = [p for p in record.earlier_participants if name_parts(p.name) not in here]
    people = [p for p in [*record.info.participants, *earlier] if p.id is not None]

    def base(p: Participant) -> str:
        role = roles.get(p.role or "")
        # A stand-in stands where a name did: it begins as a name does ("Familjemedlem").
        return capitalised(role.person) if role else fallback

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


def record_texts(record: MeetingRecord) -> Iterable[str]:
    """Every text the scribe typed into the meeting."""
    yield from (t.text for t in record.turns)
    yield from (n.text for n in record.notes)
    yield from (r.comment for r in record.ratings)
    yield from (f.comment for f in record.follow_ups)
    for a in [*record.actions, *record.carried]:
        yield from (a.what, a.how, a.who, a.with_whom, a.first_step)
    yield record.info.consent_note


class _Piece(NamedTuple):
    """A piece of text as a name may stand in it."""

    folded: str
    candidates: tuple[tuple[str, str, bool], ...]  # (name, ending, a word too), longest first
    maybe: bool  # a name, or the first piece of one, may start here


class _Name(NamedTuple):
    label: str
    capital_only: bool  # an ordinary word as well: a name only where it has a capital


def name_replacer(
    record: MeetingRecord, asker: str = "A", writer: str = "B", labels_in: str | None = None
) -> Callable[[str], str]:
    """A function that rewrites any text so that no known person's name is left in it
    (`labels_in`: the language of the stand-ins that are labels, "Deltagare 2")."""
    language = record.language
    pairs, table, joined = _names(record, asker, writer, labels_in)
    if not table:
        return lambda text: text
    # Run together, a name may spell an ordinary word ("Bo Ende": "boende"): that is the word.
    for key in joined:
        if len(key) == 1 and _has_case(key[0]) and is_common_word(key[0], language):
            del table[key]
    plain = {k: v for k, v in table.items() if k not in joined}
    words = _word_names(record, plain)
    lower_case = functools.cache(lambda: _names_typed_in_lower_case(record, plain, words))
    words_too = set() if words and lower_case() else words
    lookup = {
        run: _Name(label, len(run) == 1 and run[0] in words_too) for run, label in table.items()
    }
    longest = max(len(k) for k in lookup)
    heads = {k[0] for k in lookup if len(k) > 1}  # the first pieces of longer names
    lasts = Stems.of({k[-1] for k in lookup})
    gap = _patterns().gap
    pieces = re.compile(f"({_patterns().token.pattern})")  # split keeps the pieces
    # A name written with a note in it ("Anna [mamma] Lind", as in an action's 'who') is
    # replaced whole where it stands as written; one pattern per name, so the label is
    # known without looking the match up.
    written = [
        (re.compile(re.escape(unicodedata.normalize("NFC", name)), re.IGNORECASE), label)
        for name, label in pairs
        if name and _ANNOTATION.search(name)
    ]
    # Each piece of text as it was typed → (its folded form, the names it may be with the
    # ending each would carry). A meeting repeats its words: each is read once.
    seen: dict[str, _Piece] = {}

    def read(raw: str) -> _Piece:
        known = seen.get(raw)
        if known is None:
            folded = _fold_piece(raw)
            found = candidates(folded, lasts, language)
            known = seen[raw] = _Piece(folded, found, bool(found) or folded in heads)
        return known

    def match_at(parts: list[str], k: int) -> tuple[int, str, str] | None:
        """The longest name that starts at `parts[k]`, a piece of the text: (how many
        pieces it takes, its label, the ending it carries)."""
        folded, here, _ = read(parts[k])  # the names it may be, with their endings
        if folded in heads:
            for n in range(min(longest, (len(parts) - k + 1) // 2), 1, -1):
                last = k + 2 * (n - 1)
                if not all(gap.fullmatch(parts[g]) for g in range(k + 1, last, 2)):
                    continue
                head = tuple(read(parts[j]).folded for j in range(k, last, 2))
                for stem, ending, word in read(parts[last]).candidates:
                    name = lookup.get((*head, stem))
                    if name is not None:
                        return _if_a_name(name, parts[k], n, ending, word and not lower_case())
        for stem, ending, word in here:
            name = lookup.get((stem,))
            if name is not None:
                return _if_a_name(name, parts[k], 1, ending, word and not lower_case())
        return None

    def replace(text: str) -> str:
        for pattern, label in written:
            text = pattern.sub(label.replace("\\", "\\\\"), text)  # the label as it is
        # What stands between the pieces, and the pieces: parts[1], parts[3], … are pieces.
        parts = pieces.split(text)
        replaced = False
        k = 1
        while k < len(parts):
            if not (seen.get(parts[k]) or read(parts[k])).maybe:  # most words: no name
                k += 2
                continue
            matched = match_at(parts, k)
            if matched is None:
                k += 2
                continue
            n, label, ending = matched
            last = k + 2 * (n - 1)
            if not ending and last + 2 < len(parts):
                # An ending after an apostrophe or a colon: Anna's, Anna:lle, Ahmet'in; a
                # name there is a name ("Anna:Karin").
                joiner, after = parts[last + 1], parts[last + 2]
                if (
                    len(joiner) == 1
                    and joiner in _JOINERS
                    and after[0].isalpha()
                    and match_at(parts, last + 2) is None
                ):
                    ending = fold(joiner + after)
                    last += 2
            stand_in = with_ending(label, ending, language)
            following = parts[last + 2] if last + 2 < len(parts) and not parts[last + 1] else ""
            if stand_in[-1].isdigit() and following[:1].isdigit():
                stand_in += " "  # "Ibrahim2" is no "Familjemedlem 12"
            parts[k : last + 1] = [stand_in] + [""] * (last - k)
            replaced = True
            k = last + 2
        return "".join(parts) if replaced else text  # no name: the text as typed

    return replace


def _if_a_name(
    name: _Name, typed: str, n: int, ending: str, a_word: bool
) -> tuple[int, str, str] | None:
    """The match, unless what was typed is an ordinary word, written in lower case."""
    if (name.capital_only or a_word) and not typed[:1].isupper():
        return None  # "per vecka", "bo kvar", "jonkin": the word, not the person
    return n, name.label, ending


def _has_case(word: str) -> bool:
    return word[:1] != word[:1].upper()


def _names(
    record: MeetingRecord, asker: str, writer: str, labels_in: str | None = None
) -> tuple[list[tuple[str, str]], dict[tuple[str, ...], str], set[tuple[str, ...]]]:
    """(name, stand-in) of everyone; the stand-in of each run of a name's words, as the
    pieces a text holds them in; and which of those runs are words run together."""
    stand_ins = pseudonyms(record, labels_in)
    people = [*record.info.participants, *record.earlier_participants]
    pairs = [(p.name, stand_ins[p.id]) for p in people if p.id in stand_ins]
    pairs += [(n, label) for n, label in ((record.info.asker, asker), (record.info.writer, writer))]
    named = [(name_parts(name), label) for name, label in pairs]
    named = [(parts, label) for parts, label in named if parts]
    families = _family_stand_ins(named)
    full: dict[tuple[str, ...], str] = {}
    single: dict[tuple[str, ...], str] = {}
    together: dict[tuple[str, ...], str] = {}
    for parts, label in named:
        full.setdefault(_pieces(parts), label)  # the first holder of a name keeps it
        # Every run of its parts too: "Anna-Karin" of "Anna-Karin Lind", or "Lind".
        for start in range(len(parts)):
            for end in range(start + 1, len(parts) + 1):
                run = parts[start:end]
                if len(run) == 1 and (len(run[0]) < 2 or run[0].isdigit()):
                    continue  # an initial, or a number, alone is nobody's name
                stand_in = families.get(run[0], label) if len(run) == 1 else label
                pieces = _pieces(run)
                single.setdefault(pieces, stand_in)
                if len(pieces) > 1:  # and run together: "AnnaKarin", "@hansberg", "OBRIEN"
                    together.setdefault(("".join(pieces),), stand_in)
                    # with the apostrophe kept: "O'BrienSmith"
                    together.setdefault(_pieces(["".join(run)]), stand_in)
    table = {**together, **single, **full}  # a full name wins over a part that looks the same
    return pairs, table, {k for k in together if k not in single and k not in full}


def _word_names(record: MeetingRecord, table: dict[tuple[str, ...], str]) -> set[str]:
    """The one-word names that are ordinary words too ("per", "bo")."""
    # Only a word with a capital letter to tell it by ("00", "محمد" have none) can be both.
    return {
        run[0]
        for run in table
        if len(run) == 1 and _has_case(run[0]) and is_common_word(run[0], record.language)
    }


def words_kept(record: MeetingRecord) -> Counter[str]:
    """How often each name that is also a word was kept as a word (lower case) in the
    meeting's texts, and each Finnish word that reads as a name with an ending ("perille"
    with Per) — for the scribe to check after a pseudonymised export."""
    _, table, joined = _names(record, "", "")
    table = {k: v for k, v in table.items() if k not in joined}
    kept: Counter[str] = Counter()
    words = _word_names(record, table)
    if not table or _names_typed_in_lower_case(record, table, words):
        return kept  # no names, or names in lower case: every such word was replaced
    pattern = _whole_words(words) if words else None
    names = Stems.of({run[0] for run in table if len(run) == 1})
    inflected: dict[str, bool] = {}  # each piece as typed: a Finnish word kept?
    token = _patterns().token
    # Only a text where a name, or a stem of one, begins a word can hold such a word:
    # most texts are passed over at the speed of re.
    stems = sorted({*names.names, *names.changed}, key=len, reverse=True)
    begins = re.compile(rf"(?<![^\W\d_])(?:{'|'.join(map(re.escape, stems))})") if stems else None
    for text in record_texts(record):
        if not text:
            continue
        if pattern:
            kept.update(pattern.findall(unicodedata.normalize("NFC", text)))
        if begins is None or not begins.search(fold(text)):
            continue
        for piece in token.findall(text):
            if piece[:1].isupper():
                continue  # with a capital: replaced
            hit = inflected.get(piece)
            if hit is None:
                folded = _fold_piece(piece)
                found = candidates(folded, names, record.language)
                hit = inflected[piece] = any(word for _, _, word in found)
            if hit:
                kept[piece] += 1
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
    given = [_patterns().word.search(unicodedata.normalize("NFC", p.name)) for p in people]
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
