"""Every part of fpdf2 the PDF writer uses that fpdf2 does not document as its API, in one
place: the PDF writer sets its own text (fpdf2's measured a long meeting's minutes for
minutes) and so reaches into how fpdf2 keeps its fonts and pages.

fpdf2 is held to one minor release in `pyproject.toml`; each function here says what it
assumes, and `tests/test_fpdf_internals.py` has a test named for each assumption, so that an
upgrade that breaks one fails that test, not a user's export.
"""

from __future__ import annotations

import copy
from pathlib import Path

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont
from fpdf.syntax import PDFContentStream
from fpdf.util import escape_parens

# A font's attributes that belong to one document: its number among the document's fonts,
# the font file as the document embeds it (fpdf2 cuts it down to the document's glyphs in
# place), the characters the document picked, those the font lacked, the largest size used.
# Every other attribute is read from the file once and shared by every document's copy.
PER_DOCUMENT = ("i", "ttfont", "subset", "missing_glyphs", "biggest_size_pt")


def compress_fast() -> None:
    """Compress every stream at zlib's fastest level. Assumes fpdf2 passes the class
    attribute `PDFContentStream._COMPRESSION_LEVEL` to `zlib.compress`."""
    PDFContentStream._COMPRESSION_LEVEL = 1


def read_font(path: Path, key: str, style: str) -> TTFFont:
    """A font file as fpdf2's `add_font` reads it (every character's width and glyph), made
    once and copied into each document by `font_for_document`. Assumes `TTFFont` takes the
    document (for the font's number only), the file, the font's key and its style."""
    return TTFFont(FPDF(), path, key, style)


def font_for_document(pdf: FPDF, key: str, template: TTFFont) -> TTFFont:
    """`template` added to `pdf` as `add_font` would add its file under `key`, sharing what
    was read from the file and with the document's own `PER_DOCUMENT` state. Assumes a
    `TTFFont`'s attributes are its `__slots__`, those outside `PER_DOCUMENT` are not
    changed by writing a document, and `pdf.fonts` maps each key to its font."""
    font = copy.copy(template)
    font.i = len(pdf.fonts) + 1
    font.ttfont = TTFont(template.ttffile, recalcTimestamp=False, lazy=True)
    font.subset = SubsetMap(font)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    pdf.fonts[key] = font
    return font


def subset_code(font: TTFFont, char: int) -> str:
    """A character as a PDF string of `font` writes it: its number in the document's subset
    of the font (numbered as characters are first picked), in two bytes, escaped; "" where
    the font has no glyph for it. Assumes fpdf2's `encode_text` writes text this way."""
    picked = font.subset.pick(char)
    return "" if picked is None else escape_parens(chr(picked >> 8) + chr(picked & 0xFF))


def choose_font(font: TTFFont, size: float) -> str:
    """The operator that chooses `font` at `size` points in a page's text. Assumes fpdf2
    names a document's fonts `/F` and their number in the pages' resources."""
    return f"/F{font.i} {size:.2f} Tf "


def one_resources_dictionary(pdf: FPDF) -> None:
    """Every page refers to one dictionary naming every font of the document, so that text
    written by `write_on_page` may use any of them. Assumes fpdf2's
    `single_resources_object` does that, for fonts it did not see a page use."""
    pdf.single_resources_object = True


def write_on_page(pdf: FPDF, content: str) -> None:
    """Content written to the current page as it is. Assumes fpdf2's `_out` appends to the
    page's stream, and that fpdf2's own text chooses its font again once
    `current_font_is_set_on_page` is false (the content may have chosen another)."""
    pdf._out(content)
    pdf.current_font_is_set_on_page = False


def glyphs_used(font: TTFFont) -> set[str]:
    """The names of the glyphs the document picked from `font`."""
    return set(font.subset.get_all_glyph_names())


def embedded(font: TTFFont) -> TTFont:
    """The font file as the document embeds it: once the document is written, cut down
    to its glyphs. Assumes fpdf2 cuts down `font.ttfont` in place as it writes the file."""
    return font.ttfont


def embed_from(font: TTFFont, earlier: TTFont) -> None:
    """Have fpdf2 cut `font` down from `earlier` (a font an earlier document embedded from
    the same file, which has every glyph this one uses) instead of from the whole file.
    Assumes fpdf2 subsets whatever `font.ttfont` holds when it writes the file."""
    font.ttfont = earlier
