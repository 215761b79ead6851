"""Read each exported format back as text, for tests that compare what they say."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt

# A PDF's page footer ("Sida 1 av 2", "Page 3 of 5", "Sivu 1/2"): the layout's, not content.
_FOOTER = re.compile(r"^\s*(?:\w+ \d+ (?:\w+ )?\d+|\w+ \d+/\d+)\s*$", re.MULTILINE)


def document_formats() -> tuple[str, ...]:
    """Every export format whose files say what was said in the meeting: all but the
    calendar, which holds dates (a format added to the table is in, and a test that reads
    its files fails until `document_texts` can read them)."""
    from dialogtui.export.formats import FORMATS

    return tuple(key for key in FORMATS if key != "ics")


def markdown_text(md: str) -> str:
    """The text a reader of the Markdown sees: markup gone, a numbered item's number kept."""
    out: list[str] = []
    for token in MarkdownIt("commonmark").enable("table").parse(md):
        if token.type == "list_item_open" and token.info:
            out.append(f"{token.info}. ")
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    out.append(child.content)
                elif child.type in ("softbreak", "hardbreak", "html_inline"):
                    out.append(" ")
            out.append("\n")
    return "".join(out)


def docx_text(path: Path) -> str:
    import docx

    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


def pdf_text(path: Path) -> str:
    import pypdf

    pages = [page.extract_text() for page in pypdf.PdfReader(str(path)).pages]
    return _FOOTER.sub("", "\n".join(pages)).replace("•", " ")


def document_texts(folder: Path) -> dict[str, str]:
    """Each text document in an export folder, by what it is ("minutes.pdf": the names on
    disk are for people, `exported.kind_of`), as its reader sees it."""
    from exported import kind_of

    readers = {
        ".md": lambda p: markdown_text(p.read_text(encoding="utf-8")),
        ".docx": docx_text,
        ".pdf": pdf_text,
        ".txt": lambda p: p.read_text(encoding="utf-8"),
    }
    found = {kind_of(p.name) or p.name: p for p in folder.iterdir() if p.suffix in readers}
    return {kind: readers[p.suffix](p) for kind, p in sorted(found.items())}


def words(text: str) -> list[str]:
    return sorted(text.split())
