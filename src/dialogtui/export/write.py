"""Write a meeting's files for a recipient, in the formats asked, into a folder,
atomically and privately, each format on its own: one that fails (a PDF that cannot lay a
table out, a full disk) is named, and the others are written all the same."""

from __future__ import annotations

import contextlib
import gc
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from dialogtui import crash
from dialogtui.atomic import write_atomic_many
from dialogtui.errors import DialogtuiError, ExportError, os_reason
from dialogtui.export import leftovers, names
from dialogtui.export.cases import Case, find_case
from dialogtui.export.formats import DEFAULT, FORMATS, Documents, render
from dialogtui.export.pseudonymise import words_kept
from dialogtui.export.recipients import Recipient, recipient
from dialogtui.export.record import MeetingRecord, load_record
from dialogtui.i18n import _
from dialogtui.paths import data_home, ensure_private_dir
from dialogtui.store.db import Store

# How long an export waits for its sweep of left temp files (`leftovers`) to finish: a
# folder on a network share that is gone must not hold the export up for long.
SWEEP_WAIT_SECONDS = 5.0


def default_export_dir(
    meeting_id: int,
    pseudonymise: bool = False,
    history: bool = False,
    labels: str | None = None,
    to: Recipient | None = None,
    language: str = "en",
    case: Case | None = None,
) -> Path:
    """The data folder's place for a meeting's files, named in the documents' `language`
    ("möte-1-familjen", "kokous-1-fi"); pseudonymised minutes (and those with history,
    another language's labels, or a recipient's copy) get their own folder, so the
    shareable files can never be mistaken for (or overwrite) the named ones."""
    said = names.words(language)
    parts = [said["meeting"].format(n=meeting_id)]
    if to and to.folder:
        whose = said.get(to.folder, to.folder)  # "familjen", "samtalsledarna", or "skolan"
        if to.number:  # an organisation's
            taken = {names.folder_name([said[k]]).casefold() for k in _COPY_WORDS}
            if (
                pseudonymise  # its name can name the family
                or names.folder_name([whose]).casefold() in taken | {"_"}  # or another copy's
                or to.folder == f"organisation-{to.number}"  # it has no name a folder can hold
            ):
                whose = said["organisation"].format(n=to.number)
        parts.append(whose)
    if case is not None:  # one child's: by its number, never its name
        parts.append(said["case"].format(n=case.number))
    parts += [said["pseudonymised"]] * pseudonymise + [said["history"]] * history
    parts += [labels] if labels else []  # the language code: told apart from the meeting's
    return data_home() / "exports" / names.folder_name(parts)


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """An export makes hundreds of thousands of short-lived objects (rows, spans, lines),
    freed as it goes by reference counting; meanwhile Python's cycle collector would walk
    the whole meeting again and again for nothing (a third of a long meeting's Markdown
    export). It goes on after the export, as before."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


class Exported(NamedTuple):
    paths: list[Path]
    # Names that are also words, kept where they stood in lower case ("per vecka"): the
    # scribe is told, to check that none of them was a person.
    words_kept: Counter[str]
    # One sentence for each format that could not be written ("the PDF could not be
    # written: …"), and for each that had nothing to write ("no calendar: nothing dated").
    failed: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def kept_note(self) -> str:
        """One sentence on the kept words, or nothing."""
        if not self.words_kept:
            return ""
        listed = ", ".join(f"“{w}” ×{n}" for w, n in sorted(self.words_kept.items()))
        said = _(
            "Kept as ordinary words, not names: {words}. Check that none of them is a person;"
            " write a name with a capital letter to have it replaced."
        )
        return said.format(words=listed)


def export_meeting(
    store: Store,
    meeting_id: int,
    out_dir: Path | None = None,
    pseudonymise: bool = False,
    history: bool = False,
    labels: str | None = None,
    formats: tuple[str, ...] = DEFAULT,
    to: str | None = None,
    case: str | None = None,
) -> Exported:
    """Write each format's files, Markdown first: each format rendered whole before its
    files are written atomically, so that a failure leaves its old files whole; a format
    that fails is named in `Exported.failed` and the others are written all the same.
    `history`: the minutes show edited turns' earlier texts and deleted turns; `labels`:
    the language of their headings, dates and file names, when a recipient needs another
    than the meeting's (its content stays as it was said); `formats`: md, docx, pdf, txt,
    ics (`dialogtui.export.formats`); `to`: the recipient whose copy it is
    (`dialogtui.export.recipients`), everyone's by default; `case`: one case's copy (its
    number or its name, `dialogtui.export.cases`). Raises `DialogtuiError` only when
    nothing can be written at all (no such meeting, recipient, case or folder)."""
    sweeping = leftovers.sweep_in_background()
    with _collector_paused():
        record = load_record(store, meeting_id, history)
        labels = None if labels == record.language else labels
        docs, copy = _documents(record, pseudonymise, history, labels, to, case)
        name_of = _namer(store, record, docs, copy)
    folder = (
        Path(out_dir)
        if out_dir is not None
        else default_export_dir(
            meeting_id, pseudonymise, history, labels, copy, labels or record.language, docs.case
        )
    )
    if folder.exists() and not folder.is_dir():
        said = _("{folder} is a file, not a folder; choose a folder for the export")
        raise ExportError(said.format(folder=folder))
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        said = _("cannot create {folder}: {reason}")
        raise ExportError(said.format(folder=folder, reason=os_reason(exc))) from None
    if out_dir is not None:
        leftovers.remember(folder)
    # Before the first write: the sweep and the writes never race for a file.
    sweeping.join(SWEEP_WAIT_SECONDS)
    paths: list[Path] = []
    failed: list[str] = []
    notes: list[str] = []
    for key in sorted(dict.fromkeys(formats), key=lambda k: k != "md"):
        fmt = FORMATS[key]
        try:
            with _collector_paused():
                files = render(key, docs)
            targets = {folder / name_of(k): text for k, text in files.items() if text is not None}
            if not targets and fmt.nothing:
                notes.append(_(fmt.nothing))
                continue
            for path in targets:
                if path.is_dir():
                    said = _("{path} is a folder; move it away or export elsewhere")
                    raise ExportError(said.format(path=path))
            write_atomic_many(targets)
        except DialogtuiError as exc:
            failed.append(_(fmt.failed).format(reason=exc))
            continue
        except Exception as exc:
            # A renderer's own failure (a bug, or a text it cannot lay out): that format is
            # not written, the others are; the report says where, for whoever fixes it.
            failed.append(_(fmt.failed).format(reason=_internal(exc)))
            continue
        paths += targets
    kept = words_kept(record) if pseudonymise else Counter()
    return Exported(paths, kept, tuple(failed), tuple(notes))


def _documents(
    record: MeetingRecord,
    pseudonymise: bool,
    history: bool,
    labels: str | None,
    to: str | None,
    case: str | None,
) -> tuple[Documents, Recipient]:
    """The recipient's documents: of the whole meeting, each leaving out what the copy may
    not hold; of one case, made from that case's part alone."""
    chosen = None if case is None else find_case(record, case)
    copy = recipient(record, to, case=chosen is not None)
    docs = Documents(record, pseudonymise, history, labels, copy.speakers, copy.method, chosen)
    return docs, copy


def _internal(exc: Exception) -> str:
    report = crash.write_report(exc)
    said = (
        _("an internal error ({error}); a report is in {path}")
        if report
        else _("an internal error ({error})")
    )
    return said.format(error=type(exc).__name__, path=report)


def _namer(
    store: Store, record: MeetingRecord, docs: Documents, copy: Recipient
) -> Callable[[str], str]:
    """The file name of each kind of file ("minutes.pdf") of this copy
    (`dialogtui.export.names`): the meeting's date, its title (pseudonymised where the
    copy is), what the file is and whose copy, in the documents' language."""
    language = docs.language or record.language
    said = names.words(language)
    u = docs.builder.u if docs.pseudonymise else str
    real = record.info.title
    # Cleaned before the names in it are looked for: a soft hyphen inside a name, taken
    # out of the file's name, must not make a name of what was not replaced.
    title = u(names.clean(real))
    whose = _whose(copy, docs, said, u)
    number = _number(store, record, title)
    if docs.case is not None:  # one child's copy: by the case's number, never its name
        whose = ", ".join(x for x in (whose, said["case"].format(n=docs.case.number)) if x)

    def name_of(kind_ext: str) -> str:
        return names.file_name(
            kind_ext,
            record.info.date,
            title,
            language,
            whose,
            docs.pseudonymise,
            docs.history,
            number,
        )

    return name_of


def _whose(copy: Recipient, docs: Documents, said: dict[str, str], u: Callable[[str], str]) -> str:
    """Whose copy, as its files' names say it ("familjen", an organisation's name)."""
    whose = copy.name
    if whose in ("family", "selected", "facilitators"):
        whose = said.get(whose, whose)
    elif whose and docs.pseudonymise and copy.number:
        # An organisation's name can name the family ("Familjen Linds nätverk"), as its
        # folder's does: a pseudonymised copy says only which organisation it is.
        whose = said["organisation"].format(n=copy.number)
    elif whose:
        whose = u(names.clean(whose))
        if not whose.strip(" .-_") or whose.casefold() in {said[k].casefold() for k in _COPY_WORDS}:
            # An organisation named as another copy is ("Familjen"), or with nothing a
            # file's name can hold ("?"): told apart by its place among the organisations.
            whose = said["organisation"].format(n=copy.number or 1)
    return whose


_COPY_WORDS = ("family", "selected", "facilitators", "pseudonymised", "history")


def _number(store: Store, record: MeetingRecord, title: str) -> int | None:
    """The meeting's number, where its files could take another meeting's names: another
    meeting of the same date has the same title (as a file's name has it, case ignored), or
    the title shown is pseudonymised (another meeting's could read the same)."""
    mine = names.key(record.info.title)
    if names.key(title) != mine:
        return record.id
    rows = store.query(
        "SELECT title FROM meetings WHERE date = ? AND id != ?",
        (record.info.date.isoformat(), record.id),
    )
    return record.id if any(names.key(r["title"]) == mine for r in rows) else None


def file_names(
    store: Store,
    meeting_id: int,
    formats: tuple[str, ...],
    pseudonymise: bool = False,
    history: bool = False,
    labels: str | None = None,
    to: str | None = None,
    case: str | None = None,
) -> list[str]:
    """The names the files of an export would have (without writing or rendering them):
    for asking before files already in a folder are replaced."""
    record = load_record(store, meeting_id, history)
    labels = None if labels == record.language else labels
    docs, copy = _documents(record, pseudonymise, history, labels, to, case)
    name_of = _namer(store, record, docs, copy)
    kinds = [kind for key in dict.fromkeys(formats) for kind in FORMATS[key].files]
    if not docs.has_plan:  # a set that makes no plan gets no plan file
        kinds = [k for k in kinds if not k.startswith("action-plan.")]
    return [name_of(kind) for kind in kinds]
