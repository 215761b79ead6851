"""The PDF's fonts: DejaVu Sans in four faces, beside this module, and their European cut;
which characters a document can show in them; each style's words measured and encoded once
per document."""

from __future__ import annotations

import functools
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf.fonts import TTFFont

from dialogtui.export import fpdf_internals

FONTS = Path(__file__).with_name("fonts")
FONT = "DejaVu"
_FILES = {"": "DejaVuSans", "B": "DejaVuSans-Bold", "I": "DejaVuSans-Oblique"}
_FILES["BI"] = "DejaVuSans-BoldOblique"
# Tables taken out of the font files by `scripts/slim-fonts` (no PDF uses them).
UNUSED_TABLES = ("GSUB", "GPOS", "GDEF", "MATH", "kern", "FFTM")
# The characters of the fonts' European cut ("DejaVuSans-Europe.ttf", which
# `scripts/slim-fonts` cuts from each face): the Latin letters (Sámi and Vietnamese ones
# too), Greek, Cyrillic, punctuation, currency, arrows, shapes. A document whose every
# character is among them (nearly every meeting) is set in that cut: fpdf2 cuts each font
# down to the characters a document uses, and from 1,900 glyphs that takes a third of the
# time it takes from all 5,900.
EUROPE = (
    (0x20, 0x7E),
    (0xA0, 0x24F),
    (0x2B0, 0x36F),
    (0x370, 0x52F),
    (0x1E00, 0x1EFF),
    (0x2000, 0x20CF),
    (0x2100, 0x21FF),
    (0x25A0, 0x25FF),
    (0xFFFD, 0xFFFD),
)
CUT = "-Europe"


@functools.cache
def _glyphs(cut: str = "") -> frozenset[int]:
    """The characters every one of the four faces has (in `cut`, its files' suffix)."""
    faces = [TTFont(FONTS / f"{name}{cut}.ttf", lazy=True) for name in _FILES.values()]
    return frozenset(set.intersection(*(set(face.getBestCmap()) for face in faces)))


@functools.cache
def _in_europe() -> frozenset[int]:
    """The characters a document in the European cut may have: the cut's, but no control
    (it is shown as a picture), and a turn's breaks (its lines)."""
    return (_glyphs(CUT) - {*range(32), *range(0x7F, 0xA0)}) | {10, 13}


class Uncut(Exception):
    """A document has a character the European cut lacks: it is set again in the whole
    fonts (found where a character is first encoded, so a document is not read twice)."""


class _Shown(dict):
    """For str.translate: each character as itself where the font has it, else the
    replacement mark; looked up once per character, then at the speed of a dict."""

    def __missing__(self, code: int) -> int | str:
        shown = self[code] = code if code in _glyphs() or code == 10 else "\ufffd"
        return shown


_SHOWN = _Shown()


def printable(text: str) -> str:
    """A character the font has no glyph for (a control's picture, an emoji) would vanish
    from the page without a trace: it is shown as the replacement mark instead. (A
    document in the European cut has every character, or is set again without it.)"""
    return text if text.isascii() else text.translate(_SHOWN)


@functools.cache
def template(style: str, cut: str) -> TTFFont:
    """A style's font as fpdf2 reads it (a tenth of a second each: every character's
    width and glyph), once per process; never written into a document itself."""
    return fpdf_internals.read_font(FONTS / f"{_FILES[style]}{cut}.ttf", key(style), style)


def key(style: str) -> str:
    """A style's font's key among a document's fonts, as fpdf2's `add_font` names it."""
    return FONT.lower() + style


class Words(dict):
    """One style's words in one document, each measured and encoded once (a meeting says
    the same words again and again): `self[word]` is its width in font units with the
    space after it, for line breaking; `codes[word]` its text as the page writes it (the
    font subset's codes, escaped), for placing. A word is what stands between spaces."""

    def __init__(self, font: TTFFont, style: str, cut: bool):
        super().__init__()
        self.style = style
        self.cut = cut  # the font has every character a word may have (else `printable`)
        self.cw = font.cw
        self.codes: dict[str, str] = {}
        self.picked = _Picked(font, _in_europe() if cut else None)
        self.space = float(self.cw[32])
        self.space_code = " ".translate(self.picked)

    def shows(self, word: str) -> str:
        """A word as the page shows it."""
        return word if self.cut else printable(word)

    def code(self, word: str) -> str:
        """A word's text as the page writes it, measured first if it is new."""
        if word not in self:
            self.__missing__(word)
        return self.codes[word]

    def __missing__(self, word: str) -> float:
        shown = self.shows(word)
        self.codes[word] = shown.translate(self.picked)  # first: it finds what is not cut
        width = self[word] = sum(map(self.cw.__getitem__, map(ord, shown))) + self.space
        return width


class _Picked(dict):
    """For str.translate: each character as a PDF string writes it, its code in the font's
    subset (fpdf2 numbers the characters a document uses as they are first picked) in two
    bytes, escaped; worked out on its first use. `cut`: the characters the font has, in a
    document set in the European cut, which is set again without it at any other."""

    def __init__(self, font: TTFFont, cut: frozenset[int] | None):
        super().__init__()
        self.font = font
        self.cut = cut

    def __missing__(self, char: int) -> str:
        if self.cut is not None and char not in self.cut:
            raise Uncut
        found = self[char] = fpdf_internals.subset_code(self.font, char)
        return found
