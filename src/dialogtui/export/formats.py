"""The export formats, one entry each: its key, its files, the module that renders them
(imported only when used, so that the screens can name the files at start-up without
loading python-docx or fpdf2), and what is said when they cannot be written. A new format
is one module with a `contents` function and one entry here."""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dialogtui.i18n import N_, _

if TYPE_CHECKING:
    from dialogtui.export.cases import Case
    from dialogtui.export.document import Document
    from dialogtui.export.minutes import Minutes
    from dialogtui.export.record import MeetingRecord


@dataclass(frozen=True)
class Format:
    key: str  # as `--format` takes it
    # What a list of the formats calls it ("Markdown", "journal note": the end screen's
    # key that exports in every format says them), translated where shown.
    name: str
    # Each file's kind and extension; on disk it is named for people, with the meeting's
    # date and title and the kind said in the documents' language (`export.names`).
    files: tuple[str, ...]
    # Its `contents(docs)` gives each file's content, in `files`' order: None for a file
    # it has nothing for, which is then not written.
    module: str
    failed: str  # "the PDF could not be written: {reason}"
    nothing: str = ""  # said when it has nothing to write at all: "no calendar: nothing dated"
    about: str = ""  # what `--format`'s help says of it, in brackets: "a journal note"


FORMATS: dict[str, Format] = {
    f.key: f
    for f in (
        Format(
            "md",
            N_("Markdown"),
            ("minutes.md", "action-plan.md"),
            "markdown",
            N_("the Markdown files could not be written: {reason}"),
        ),
        Format(
            "docx",
            N_("Word"),
            ("minutes.docx", "action-plan.docx"),
            "word",
            N_("the Word documents could not be written: {reason}"),
        ),
        Format(
            "pdf",
            N_("PDF"),
            ("minutes.pdf", "action-plan.pdf"),
            "pdf",
            N_("the PDF could not be written: {reason}"),
        ),
        Format(
            "txt",
            N_("journal note"),
            ("journal-note.txt",),
            "text",
            N_("the journal note could not be written: {reason}"),
            about=N_("a journal note"),
        ),
        Format(
            "ics",
            N_("calendar"),
            ("calendar.ics",),
            "calendar",
            N_("the calendar could not be written: {reason}"),
            N_("no calendar: nothing dated"),
            about=N_("the follow-up meeting and the actions' dates"),
        ),
    )
}
DEFAULT = ("md",)


def listed() -> str:
    """The formats' names in the app's language, as a list of them says them."""
    return ", ".join(_(f.name) for f in FORMATS.values())


def files_of(formats: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for key in formats for name in FORMATS[key].files)


@dataclass
class Documents:
    """One meeting's documents for one recipient, built once for every format: each a
    draft of the whole meeting made the recipient's copy (`recipients.for_copy`) before
    any format sees it. `only`: whose statements the copy holds (None: everyone's);
    `method`: with the method's notes (the facilitators' copy); `case`: one case's copy
    (a child's), which holds nothing of the other cases."""

    record: MeetingRecord
    pseudonymise: bool = False
    history: bool = False
    language: str | None = None
    only: frozenset[int] | None = None
    method: bool = False
    case: Case | None = None

    @functools.cached_property
    def minutes(self) -> Document:
        from dialogtui.export.recipients import for_copy

        return for_copy(self.builder.minutes_draft(), self.only, self.method)

    @functools.cached_property
    def plan(self) -> Document:
        from dialogtui.export.recipients import for_copy

        return for_copy(self.builder.plan_draft(), self.only, self.method)

    @property
    def has_plan(self) -> bool:
        """Whether there is a plan to write: none where the set makes no plan and nothing
        was planned (`Minutes.has_plan`); its file is then not written."""
        return self.builder.has_plan

    @functools.cached_property
    def journal(self) -> Document:
        """The journal note: a journal entry, never the method's notes."""
        from dialogtui.export.journal import journal_draft
        from dialogtui.export.recipients import for_copy

        return for_copy(journal_draft(self.builder), self.only)

    @functools.cached_property
    def builder(self) -> Minutes:
        """The documents' builder (and, for the formats built from the meeting itself,
        the calendar's dates, the meeting as it is)."""
        from dialogtui.export.cases import only_case
        from dialogtui.export.minutes import Minutes

        # One case's copy is built from that case's record alone: nothing of another case
        # is there to be left out, in any document or format.
        record = self.record if self.case is None else only_case(self.record, self.case)
        return Minutes(record, self.pseudonymise, self.history, self.language, self.only, self.case)


def render(key: str, docs: Documents) -> dict[str, str | bytes | None]:
    """Each of the format's files by its kind ("minutes.pdf"); None where it has nothing."""
    f = FORMATS[key]
    module = importlib.import_module(f"dialogtui.export.{f.module}")
    return dict(zip(f.files, module.contents(docs), strict=True))
