"""The export formats, one entry each: its key, its files, and the module that renders
them (imported only when used, so that the screens can name the files at start-up without
loading python-docx or fpdf2). A new format is one module with a `contents` function and
one line here."""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dialogtui.export.document import Document
    from dialogtui.export.minutes import Minutes
    from dialogtui.export.record import MeetingRecord


@dataclass(frozen=True)
class Format:
    key: str  # as `--format` takes it
    files: tuple[str, ...]
    module: str  # its `contents(docs)` gives each file's content, in `files`' order


FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format("md", ("minutes.md", "action-plan.md"), "markdown"),
        Format("docx", ("minutes.docx", "action-plan.docx"), "word"),
        Format("pdf", ("minutes.pdf", "action-plan.pdf"), "pdf"),
        Format("txt", ("journal-note.txt",), "text"),
        Format("ics", ("calendar.ics",), "calendar"),
    )
}
DEFAULT = ("md",)


def files_of(formats: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for key in formats for name in FORMATS[key].files)


@dataclass
class Documents:
    """One meeting's documents for one recipient, built once for every format: each a
    draft of the whole meeting made the recipient's copy (`recipients.for_copy`) before
    any format sees it. `only`: whose statements the copy holds (None: everyone's)."""

    record: MeetingRecord
    pseudonymise: bool = False
    history: bool = False
    language: str | None = None
    only: frozenset[int] | None = None

    @functools.cached_property
    def minutes(self) -> Document:
        from dialogtui.export.recipients import for_copy

        return for_copy(self.builder.minutes_draft(), self.only)

    @functools.cached_property
    def plan(self) -> Document:
        from dialogtui.export.recipients import for_copy

        return for_copy(self.builder.plan_draft(), self.only)

    @functools.cached_property
    def journal(self) -> Document:
        """The journal note: a journal entry, never the method's notes."""
        from dialogtui.export.recipients import for_copy

        return for_copy(self.builder.journal_draft(), self.only, method=False)

    @functools.cached_property
    def builder(self) -> Minutes:
        """The documents' builder (and, for the formats built from the meeting itself,
        the calendar's dates, the meeting as it is)."""
        from dialogtui.export.minutes import Minutes

        return Minutes(self.record, self.pseudonymise, self.history, self.language, self.only)


def render(key: str, docs: Documents) -> dict[str, str | bytes]:
    f = FORMATS[key]
    module = importlib.import_module(f"dialogtui.export.{f.module}")
    return dict(zip(f.files, module.contents(docs), strict=True))
