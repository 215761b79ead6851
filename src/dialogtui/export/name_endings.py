"""A name with an ending, and when such a word is no name: the language rules that
pseudonymising a text needs (`pseudonymise` finds the names and replaces them).

A name may stand with the Nordic genitive (Annas, Anna's, Anna:s) or a Finnish case ending
(Annalle, Karinille, Liisan), also on a stem Finnish makes of it (Heikin, Virtaselle,
Jonakselle). A word that reads so may be an ordinary word all the same, of the meeting's
language or of Finnish: wordfreq's lists tell. The stand-in then takes the ending back, as
the meeting's language writes it after a label ("Barn 1:s", "Förälder 1:lle").
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

# Finnish case endings, as they follow a name (folded: lower case). After a vowel the
# ending itself (Anna-lle); after a consonant a linking i first (Karin-i-lle). Each may
# take a possessive suffix and a clitic (Anna-lle-ni-kin). Vowel harmony is not checked:
# a scribe may write either.
_A = "[aä]"
_VOWEL = "[aeiouyäöåæø]"
_POSSESSIVE = f"ni|si|ns{_A}|mme|nne"  # Annani, Annasi, Annansa, Annamme, Annanne
_CLITIC = f"(?:kin|k{_A}{_A}n|h{_A}n|p{_A}|k[oö])?"  # Annakin, Annakaan, Annahan, Annako
# The cases that may take a possessive suffix, the third person's being the case's vowel
# lengthened + n (Annallaan, Annalleen): inessive, elative, adessive, ablative, abessive,
# essive, partitive -tA; allative, translative (Annakseni), comitative (Annoineen).
_CASE_A = f"(?:ss|st|ll|lt|tt|n|t){_A}(?:{_A}n|{_POSSESSIVE})?"
_CASE_E = f"(?:lle|kse|ine)(?:en|{_POSSESSIVE})?"


def _after_vowel(vowel: str) -> re.Pattern[str]:
    # Genitive and instructive -n (Liisan), partitive -A (Annaa, Heikkiä), translative
    # -ksi; illative with the vowel lengthened (Annaan, Heidiin, Leoon) or after a long
    # vowel (Leehen, Renéeseen).
    other = f"n|{_A}|ksi|{vowel}n|h{_VOWEL}n|seen"
    return re.compile(rf"(?:{_CASE_A}|{_CASE_E}|{other}|{_POSSESSIVE})?{_CLITIC}")


_AFTER_VOWEL = {v: _after_vowel(v) for v in "aeiouyäöåæø"}
# After a consonant, the linking i: Karinin (genitive), Karinia (partitive), Karinina,
# Kariniksi, Karinissa, Karinista, Kariniin (illative), Karinilla, Karinilta, Karinille,
# Karinitta, Karinineen; and a clitic straight after the name (Karinkin, Karinhan).
_AFTER_CONSONANT = re.compile(
    rf"(?:i(?:{_CASE_A}|(?:lle|kse|ne)(?:en|{_POSSESSIVE})?|n|{_A}|ksi|in|{_POSSESSIVE})?)?"
    rf"{_CLITIC}"
)
# A name ending in -s takes the partitive -tA without the i: Jonasta, Markusta.
_AFTER_S = re.compile(rf"t{_A}(?:{_A}n|{_POSSESSIVE})?{_CLITIC}")

# Finnish changes the stem of some names before an ending; the changed stems are read too,
# each with the endings that take it (one letter is enough here: no ordinary Swedish word
# begins so). The weak grade of -kk-, -tt-, -pp- (Heikki: Heikin, Heikille; Pekka: Pekan;
# Matti: Matin): genitive, the local cases, translative, abessive, the plural -t.
_WEAK_A = f"(?:ss|st|ll|lt|tt){_A}(?:{_A}n|{_POSSESSIVE})?"
_WEAK_E = f"(?:lle|kse)(?:en|{_POSSESSIVE})?"
_AFTER_WEAK = re.compile(rf"(?:{_WEAK_A}|{_WEAK_E}|n|t|ksi|{_POSSESSIVE}){_CLITIC}")
# -nen names (Virtanen: Virtasen, Virtaselle, Virtasena, Virtaseen, the Virtaset) and -s
# names (Jonas: Jonaksen, Jonakselle) take a stem in -e; so do they the essive and the
# illative.
_AFTER_E_STEM = re.compile(
    rf"(?:{_WEAK_A}|n{_A}(?:{_A}n|{_POSSESSIVE})?|{_WEAK_E}|n|t|ksi|en|{_POSSESSIVE}){_CLITIC}"
)
# The partitive and the plural genitive of -nen names: Virtasta, Virtasten; their plural
# stem in -i: Virtasille, Virtasia, Virtasiin.
_AFTER_S_STEM = re.compile(rf"(?:t{_A}|ten)(?:{_A}n|{_POSSESSIVE})?{_CLITIC}")
_AFTER_PLURAL = re.compile(rf"(?:{_CASE_A}|{_CASE_E}|{_A}|in|den|tten|{_POSSESSIVE}){_CLITIC}")


def _changed_stems(name: str) -> list[tuple[str, re.Pattern[str]]]:
    """The stems Finnish makes of a (folded) name before some endings, each with them."""
    out: list[tuple[str, re.Pattern[str]]] = []
    if len(name) >= 5 and name.endswith("nen"):  # Virtanen: Virtase-, Virtas-, Virtasi-
        base = name[:-3]
        out += [(base + "se", _AFTER_E_STEM), (base + "s", _AFTER_S_STEM)]
        out.append((base + "si", _AFTER_PLURAL))
    elif len(name) >= 4 and name[-1] == "s" and name[-2] in "aeiouyäö":  # Jonas: Jonakse-
        out.append((name[:-1] + "kse", _AFTER_E_STEM))
    graded = re.fullmatch(r"(.+)(kk|tt|pp)([aeiouyäö])", name)
    if graded:  # Heikki: Heiki-, Pekka: Peka-, Matti: Mati-
        out.append((graded[1] + graded[2][0] + graded[3], _AFTER_WEAK))
    return out


class Stems(NamedTuple):
    """The (folded) words of the names, and the stems Finnish makes of them."""

    names: set[str]
    changed: dict[str, list[tuple[str, re.Pattern[str]]]]  # stem → (name, its endings)

    @classmethod
    def of(cls, names: set[str]) -> Stems:
        changed: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for name in names:
            for stem, endings in _changed_stems(name):
                if stem not in names:
                    changed.setdefault(stem, []).append((name, endings))
        return cls(names, changed)


# A word that reads as a name and a Finnish ending may be an ordinary word all the same.
# In the meeting's own language (Swedish, Norwegian, Danish, English) a Finnish form of a
# name is rare (Zipf frequency below 2.1: "bergin" 2.0), while "rutin" (Rut), "martin"
# (Mart), "marina" (Mari) or "lundin" (Lund), at 3 or more, are words or other people's
# names: those are never a participant's. Finnish words such as "jonkin" (Jon), "perille"
# (Per), "torilla" (Tor) or "ollessa" (Olle) stand at 4.3 to 5.1, while the names' own
# forms stay below 4 ("matsin" 3.75, "anderssonin" 3.6, "karinille" 1.4): such a word is
# a name only with a capital letter, as "Per" is.
_OTHER_WORD_ZIPF = 3.0
_FINNISH_WORD_ZIPF = 4.0


def _is_ending(stem: str, ending: str) -> bool:
    """Whether a (folded) word is the name `stem` with a genitive or a Finnish ending."""
    if ending == "s":  # Annas, Karins: the Nordic genitive
        return True
    # After a name of two letters an ending would make ordinary words names ("lilla" is no
    # "Li" + lla, "lista" no "Li" + sta): those need the colon (Li:lle). One-letter
    # endings (Liisan, Annaa, Heikkiä) are checked against the word lists (`candidates`:
    # "annan" is a Swedish word).
    if len(stem) < 3:
        return False
    last = stem[-1]
    vowel = last if last in _AFTER_VOWEL else unicodedata.normalize("NFD", last)[0]
    if vowel in _AFTER_VOWEL:  # Zoë, José, Renée: the vowel under the accent
        return _AFTER_VOWEL[vowel].fullmatch(ending) is not None
    if len(ending) < 2:
        return False  # after a consonant, an i comes first (Karinin, Karinia)
    if last == "s" and _AFTER_S.fullmatch(ending):
        return True
    return last.isalpha() and _AFTER_CONSONANT.fullmatch(ending) is not None


def _inflected_word(word: str, language: str) -> str:
    """Whether a word that reads as a name with a Finnish ending is an ordinary word: of
    the meeting's language ("language", never a name then), of Finnish ("fi", a name
    only with a capital), or no word ("")."""
    if language != "fi" and _zipf(word, language) >= _OTHER_WORD_ZIPF:
        return "language"
    return "fi" if _zipf(word, "fi") >= _FINNISH_WORD_ZIPF else ""


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
    return _zipf(word, language) >= COMMON_ZIPF


@functools.cache
def _zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency  # 0.3 s and 20 MB: loaded for a pseudonymised export

    return float(zipf_frequency(word, language))


def _genitive(label: str, language: str) -> str:
    """The label's genitive, as the language writes it after a name or a number."""
    if language in ("sv", "fi"):
        return label + (":s" if label[-1:].isdigit() or label[-1:].isupper() else "s")
    if language == "en":
        return label + "'s"
    # Danish and Norwegian: an apostrophe after a number, a capital or an s.
    tail = label[-1:]
    return label + ("'s" if tail.isdigit() or tail.isupper() else "'" if tail in "sxz" else "s")


def with_ending(label: str, ending: str, language: str) -> str:
    """The stand-in with the ending the name had: "Oskars" → "Barn 1:s", "Annalle" →
    "Förälder 1:lle" (a Finnish ending after a colon, as Finnish writes it after a name),
    "Ahmet'in" → "Förälder 1'in" (after the apostrophe or colon it was typed with)."""
    if not ending:
        return label
    if ending.replace(":", "").replace("'", "") in ("s", ""):  # 's :s s' s ': a genitive
        return _genitive(label, language)
    return label + (ending if ending[0] in ":'" else ":" + ending)


def candidates(word: str, stems: Stems, language: str) -> tuple[tuple[str, str, bool], ...]:
    """(name, ending, whether the word is an ordinary word too) for each name the (folded)
    word may be, the longest stem first: the word itself, or a name with a genitive or a
    Finnish case ending, on the name or on a stem Finnish makes of it (Heikin, Virtaselle)
    ("perille" is Per + ille, and a Finnish word: a name only with a capital, as "Per" is)."""
    out = [(word, "", False)] if word in stems.names else []
    kind = None  # whether the whole word is an ordinary word, looked up once
    for cut in range(len(word) - 1, 1, -1):
        stem, ending = word[:cut], word[cut:]
        found = [stem] if stem in stems.names and _is_ending(stem, ending) else []
        found += [n for n, endings in stems.changed.get(stem, ()) if endings.fullmatch(ending)]
        for name in found:
            if kind is None and ending != "s":
                kind = _inflected_word(word, language)
            if kind == "language":
                return tuple(out)  # "rutin", "Marina": a word or someone else's name
            out.append((name, ending, kind == "fi"))
    return tuple(out)
