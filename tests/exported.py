"""Finding exported files by what they are: their names are for people ("2026-12-05
Framtidsdialog – mötesanteckningar.pdf"), and tests look for "the minutes as PDF".

    named(folder, "minutes.pdf")   the one such file in the folder
    kind_of(path.name)             "minutes.pdf", or None for a file that is no export
"""

from __future__ import annotations

from pathlib import Path

from dialogtui import i18n
from dialogtui.export.formats import FORMATS

KINDS = [kind for f in FORMATS.values() for kind in f.files]


def kind_of(name: str) -> str | None:
    if name in KINDS:  # as dialogtui named its files before they were named for people
        return name
    from dialogtui.export.names import SEPARATOR, words

    stem, _, ext = name.rpartition(".")
    if SEPARATOR not in stem:
        return None
    said = stem.rpartition(SEPARATOR)[2].split(" (")[0]
    for language in i18n.LANGUAGES:
        for kind_ext in KINDS:
            kind = kind_ext.partition(".")[0]
            if kind_ext.endswith(f".{ext}") and words(language)[kind] == said:
                return kind_ext
    return None


def named(folder: Path, kind_ext: str) -> Path:
    """The one file of that kind in `folder` (an error if there is none, or several)."""
    found = [p for p in Path(folder).iterdir() if kind_of(p.name) == kind_ext]
    assert len(found) == 1, (
        f"{kind_ext} in {folder}: {sorted(p.name for p in Path(folder).iterdir())}"
    )
    return found[0]


def kinds(paths) -> list[str | None]:
    """What each file is, in order: ["minutes.md", "action-plan.md", …]."""
    return [kind_of(Path(p).name) for p in paths]


def folder_of(home: Path, meeting_id: int, *more: str, language: str = "sv") -> Path:
    """An export folder in the data folder `home`, named as dialogtui names it in the
    documents' language: `folder_of(home, 3, "family")` is `exports/möte-3-familjen`;
    each of `more` is a word's key (`export.names`) or, as written, an organisation's."""
    from dialogtui.export.names import folder_name, words

    said = words(language)
    parts = [said["meeting"].format(n=meeting_id), *(said.get(m, m) for m in more)]
    return Path(home) / "exports" / folder_name(parts)
