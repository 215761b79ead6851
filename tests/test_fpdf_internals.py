"""What the PDF writer assumes of fpdf2's internals (`dialogtui/export/fpdf_internals.py`),
one test per assumption: a new fpdf2 that breaks one fails the test named for it.

Each compares the door with what fpdf2 itself does through its documented API (`add_font`,
`text`, `output`), in documents written uncompressed so that their pages can be read."""

from __future__ import annotations

import io
import re
import zlib

import pypdf
from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.fonts import TTFFont
from fpdf.syntax import PDFContentStream

from dialogtui.export import fpdf_internals
from dialogtui.export.pdf_fonts import FONTS

REGULAR = FONTS / "DejaVuSans-Europe.ttf"
BOLD = FONTS / "DejaVuSans-Bold-Europe.ttf"
SAID = "Åsa (mor) sa: \\ ja – ö"

# Read from the file once, never changed by writing a document: shared by its copies.
SHARED = {
    "type",
    "name",
    "desc",
    "glyph_ids",
    "_hbfont",  # only for text shaping, which the PDF writer does not use
    "sp",
    "ss",
    "up",
    "ut",
    "cw",
    "ttffile",
    "fontkey",
    "emphasis",
    "scale",
    "cmap",
    "color_font",
    "unicode_range",
    "palette_index",
    "is_compressed",
    "is_cff",
    "is_cid_keyed",
    "is_symbol",
    "cff_ros",
    "collection_font_number",
}


def added(pdf: FPDF, path=REGULAR, family="dejavu") -> TTFFont:
    """A font as fpdf2's documented `add_font` adds it."""
    pdf.add_font(family, "", str(path))
    font = pdf.fonts[family]
    assert isinstance(font, TTFFont)
    return font


def uncompressed() -> FPDF:
    pdf = FPDF()
    pdf.set_compression(False)
    pdf.add_page()
    return pdf


def page_stream(pdf: FPDF) -> str:
    reader = pypdf.PdfReader(io.BytesIO(bytes(pdf.output())))
    return reader.pages[0].get_contents().get_data().decode("latin-1")


def test_fpdf_ttffont_has_the_attributes_the_pdf_writer_sets():
    # Every attribute is either shared or reset per document by `font_for_document`: a new
    # attribute in fpdf2 must be sorted into one of the two before this passes again.
    slots = set(TTFFont.__slots__)
    assert slots == SHARED | set(fpdf_internals.PER_DOCUMENT), sorted(
        slots ^ (SHARED | set(fpdf_internals.PER_DOCUMENT))
    )
    template = fpdf_internals.read_font(REGULAR, "dejavu", "")
    pdf = uncompressed()
    ours = fpdf_internals.font_for_document(pdf, "dejavu", template)
    theirs = added(FPDF())
    assert pdf.fonts["dejavu"] is ours and ours.i == theirs.i == 1
    for name in SHARED - {"desc", "emphasis", "_hbfont", "color_font", "ttffile"}:
        assert getattr(ours, name, None) == getattr(theirs, name, None), name
    assert str(ours.ttffile) == str(theirs.ttffile)
    assert (ours.missing_glyphs, ours.biggest_size_pt, len(ours.subset)) == (
        theirs.missing_glyphs,
        theirs.biggest_size_pt,
        len(theirs.subset),
    )
    # A document's state is its own: picking in one leaves the template and others alone.
    fpdf_internals.subset_code(ours, ord("Å"))
    fpdf_internals.subset_code(ours, 0x4E00)  # a glyph the cut lacks
    assert ours.missing_glyphs == [0x4E00] and template.missing_glyphs == []
    assert len(template.subset) == len(theirs.subset) < len(ours.subset)
    assert ours.ttfont is not template.ttfont


def test_fpdf_writes_text_in_the_subset_codes_the_pdf_writer_writes():
    pdf = uncompressed()
    font = added(pdf)
    pdf.set_font("dejavu", size=12)
    pdf.text(20, 20, SAID)
    # The same characters picked in the same order in a document of our own.
    ours = fpdf_internals.font_for_document(
        uncompressed(), "dejavu", fpdf_internals.read_font(REGULAR, "dejavu", "")
    )
    codes = "".join(fpdf_internals.subset_code(ours, ord(c)) for c in SAID)
    assert f"({codes}) Tj" in page_stream(pdf)
    assert font.encode_text(SAID) == f"({codes}) Tj"


def test_fpdf_chooses_a_font_by_its_number_as_the_pdf_writer_does():
    pdf = uncompressed()
    added(pdf)
    bold = added(pdf, BOLD, "dejavub")
    pdf.set_font("dejavub", size=10.5)
    pdf.text(20, 20, "x")
    assert fpdf_internals.choose_font(bold, 10.5).strip() in page_stream(pdf)
    assert bold.i == 2


def test_fpdf_names_every_font_in_one_resources_dictionary():
    # The PDF writer's text chooses fonts fpdf2 never saw a page use.
    pdf = uncompressed()
    regular, bold = added(pdf), added(pdf, BOLD, "dejavub")
    fpdf_internals.one_resources_dictionary(pdf)
    pdf.add_page()
    for font in (regular, bold):
        code = fpdf_internals.subset_code(font, ord("a"))
        choose = fpdf_internals.choose_font(font, 10)
        fpdf_internals.write_on_page(pdf, f"BT 50 50 Td {choose}({code}) Tj ET")
    reader = pypdf.PdfReader(io.BytesIO(bytes(pdf.output())))
    for page in reader.pages:
        assert set(page["/Resources"]["/Font"]) == {f"/F{regular.i}", f"/F{bold.i}"}
    assert [page.extract_text() for page in reader.pages] == ["", "aa"]


def test_fpdf_out_writes_to_the_current_page_and_its_text_chooses_its_font_again():
    pdf = uncompressed()
    added(pdf)
    pdf.set_font("dejavu", size=12)
    pdf.text(20, 20, "före")
    fpdf_internals.write_on_page(pdf, "% written as it is")
    pdf.text(20, 30, "efter")
    stream = page_stream(pdf)
    before, after = stream.split("% written as it is\n")
    assert "Tf" in before and "Tf" in after  # the font chosen again after our content


def test_fpdf_compresses_streams_at_its_content_streams_level():
    fpdf_internals.compress_fast()
    data = ("BT /F1 10.50 Tf (abc) Tj ET\n" * 200).encode()
    stream = PDFContentStream(data, compress=True)
    assert stream._contents == zlib.compress(data, level=1)


def test_fpdf_cuts_down_the_embedded_font_in_place_from_what_it_holds():
    # `written` keeps a document's embedded fonts for the next document of an export and
    # hands fpdf2 an earlier, already cut-down font to cut from.
    first = uncompressed()
    font = fpdf_internals.font_for_document(
        first, "dejavu", fpdf_internals.read_font(REGULAR, "dejavu", "")
    )
    for char in "Åsa ja":
        fpdf_internals.subset_code(font, ord(char))
    used = fpdf_internals.glyphs_used(font)
    first.output()
    cut = fpdf_internals.embedded(font)
    assert used <= set(cut.getGlyphOrder()) and len(cut.getGlyphOrder()) < 20

    second = uncompressed()
    again = fpdf_internals.font_for_document(
        second, "dejavu", fpdf_internals.read_font(REGULAR, "dejavu", "")
    )
    for char in "ja":
        fpdf_internals.subset_code(again, ord(char))
    fpdf_internals.embed_from(again, cut)
    data = bytes(second.output())
    assert fpdf_internals.embedded(again) is cut
    assert len(cut.getGlyphOrder()) < len(TTFont(REGULAR, lazy=True).getGlyphOrder())
    assert re.search(rb"/FontFile2", data)
