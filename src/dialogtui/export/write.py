"""Write a meeting's files for a recipient, in the formats asked, into a folder,
atomically and privately."""

from __future__ import annotations

import contextlib
import gc
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from dialogtui.atomic import write_atomic_many
from dialogtui.errors import ExportError, os_reason
from dialogtui.export.formats import DEFAULT, Documents, render
from dialogtui.export.pseudonymise import words_kept
from dialogtui.export.recipients import Recipient, recipient
from dialogtui.export.record import load_record
from dialogtui.i18n import _
from dialogtui.paths import data_home, ensure_private_dir
from dialogtui.store.db import Store


def default_export_dir(
    meeting_id: int,
    pseudonymise: bool = False,
    history: bool = False,
    labels: str | None = None,
    to: Recipient | None = None,
) -> Path:
    """The data folder's place for a meeting's files; pseudonymised minutes (and those with
    history, another language's labels, or a recipient's copy) get their own folder, so
    the shareable files can never be mistaken for (or overwrite) the named ones."""
    name = f"meeting-{meeting_id}" + (f"-{to.folder}" if to and to.folder else "")
    name += "-pseudonymised" if pseudonymise else ""
    name += "-with-history" if history else ""
    name += f"-{labels}" if labels else ""
    return data_home() / "exports" / name


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
) -> Exported:
    """Render every file first, then write them atomically: a failure leaves old files
    whole. `history`: the minutes show edited turns' earlier texts and deleted turns;
    `labels`: the language of their headings and dates, when a recipient needs another
    than the meeting's (its content stays as it was said); `formats`: md, docx, pdf, txt,
    ics (`dialogtui.export.formats`); `to`: the recipient whose copy it is
    (`dialogtui.export.recipients`), everyone's by default."""
    with _collector_paused():
        record = load_record(store, meeting_id, history)
        labels = None if labels == record.language else labels
        copy = recipient(record, to)
        # The whole meeting: each document leaves out what the copy may not hold.
        docs = Documents(record, pseudonymise, history, labels, copy.speakers)
        files: dict[str, str | bytes] = {}
        for key in dict.fromkeys(formats):
            files.update(render(key, docs))
    folder = (
        Path(out_dir)
        if out_dir is not None
        else default_export_dir(meeting_id, pseudonymise, history, labels, copy)
    )
    if folder.exists() and not folder.is_dir():
        said = _("{folder} is a file, not a folder; choose a folder for the export")
        raise ExportError(said.format(folder=folder))
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        said = _("cannot create {folder}: {reason}")
        raise ExportError(said.format(folder=folder, reason=os_reason(exc))) from None
    targets = {folder / name: text for name, text in files.items()}
    for path in targets:
        if path.is_dir():
            said = _("{path} is a folder; move it away or export elsewhere")
            raise ExportError(said.format(path=path))
    write_atomic_many(targets)
    return Exported(list(targets), words_kept(record) if pseudonymise else Counter())
