"""The names of the exported files, for the people who get them: the meeting's date, its
title and what the file is, in the words of the documents' language —
"2026-12-05 Framtidsdialog – mötesanteckningar.pdf", and for a copy whose it is
("… – mötesanteckningar (familjen).pdf"), never a person's name.

A name must be valid on Windows, macOS and Linux alike: a folder shared with the family
or an office may be on any of them, and a USB stick goes from one to the other. So no
characters that any of them refuses (`<>:"/\\|?*`, controls), none that hide or reorder
text (bidirectional overrides, which can disguise an extension), no trailing dot or space,
no reserved device name (`CON`, `LPT1`), and a length that leaves room for the folder and
for the hidden temp file an atomic write makes beside it.
"""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata

from dialogtui.i18n import NC_, translations

# What each file is, by its kind (the part before the extension of `Format.files`), and the
# words that say whose copy it is: lower case, in the middle of a file's name.
_WORDS: dict[str, str] = {
    "minutes": NC_("file name", "minutes"),
    "action-plan": NC_("file name", "action plan"),
    "journal-note": NC_("file name", "journal note"),
    "calendar": NC_("file name", "calendar"),
    "series-plan": NC_("file name", "plan over time"),  # export/series.py
    "facilitators": NC_("file name", "facilitators"),
    "family": NC_("file name", "family"),
    "selected": NC_("file name", "selected"),
    "pseudonymised": NC_("file name", "pseudonymised"),
    "history": NC_("file name", "with history"),
    "meeting": NC_("file name", "meeting {n}"),
    "organisation": NC_("file name", "organisation {n}"),
    "case": NC_("file name", "case {n}"),  # one case's copy: by its number, never its name
}

SEPARATOR = " – "
MAX_BYTES = 200  # of a whole name; with an atomic write's temp name (+24) still under 255
TITLE_CHARS, TITLE_BYTES = 60, 100
COPY_CHARS, COPY_BYTES = 30, 50

# Refused by Windows (and ":" by macOS' Finder, "/" everywhere): each replaced by what
# reads the same, or left out.
_REFUSED = str.maketrans(
    {"/": "-", "\\": "-", "|": "-", ":": "-", '"': "'", "<": "", ">": "", "?": "", "*": ""}
)
_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{d}{n}" for d in ("COM", "LPT") for n in [*"123456789", "¹", "²", "³"]
}


@functools.cache
def words(language: str) -> dict[str, str]:
    """The file names' words in `language` (English where it is not one of dialogtui's)."""
    said = translations(language)
    return {key: clean(said.pgettext("file name", text)) for key, text in _WORDS.items()}


def clean(text: str) -> str:
    """`text` as a piece of a file name: one line of visible characters that every
    system takes, spaces collapsed, no dot or space at either end."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        kind = unicodedata.category(ch)
        if kind in ("Cc", "Zl", "Zp", "Zs") or ch.isspace():
            out.append(" ")  # a line break or a tab in a title: a space
        elif kind in ("Cf", "Cs", "Cn"):
            continue  # invisible: direction overrides, soft hyphens, a BOM; or no character
        else:
            out.append(ch)
    return " ".join("".join(out).translate(_REFUSED).split()).strip(" .")


def cut(text: str, chars: int, size: int) -> str:
    """`text` at most `chars` characters and `size` bytes of UTF-8 (NTFS counts UTF-16
    units, never more than UTF-8's bytes), cut at a word where one is near, with "…"."""
    if len(text) <= chars and len(text.encode()) <= size:
        return text
    if min(chars, size) < 4:
        return ""
    room = min(chars, size) - 1
    while room > 0 and len(text[:room].encode()) > size - 3:  # "…" is three bytes
        room -= 1
    kept = text[:room]
    space = kept.rfind(" ")
    if space > room * 2 // 3:
        kept = kept[:space]
    # Not a lone accent or half of a joined emoji at the end.
    while kept and (unicodedata.combining(kept[-1]) or kept[-1] in "\u200d\ufe0f"):
        kept = kept[:-1]
    return kept.rstrip(" .-") + "…"


def key(title: str) -> str:
    """What two titles are compared by: the same key, the same file names, on a system
    that ignores case (Windows, macOS) too."""
    return cut(clean(title), TITLE_CHARS, TITLE_BYTES).casefold()


def portable(stem: str, extension: str) -> str:
    """A file name valid everywhere: `stem` cleaned and cut to fit, then `extension`."""
    stem = clean(stem)
    stem = cut(stem, MAX_BYTES, MAX_BYTES - len(extension.encode())) or "_"
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem  # "CON.txt" is a device on Windows, whatever follows the dot
    return stem + extension


FOLDER_BYTES = 120  # of a folder's name: room left for the file names inside it


def folder_name(parts: list[str]) -> str:
    """An export folder's name from its parts ("möte 1", "familjen", "med historik"): one
    word of them, joined by hyphens ("möte-1-familjen-med-historik"), as easy to type in a
    terminal as to read, and valid everywhere."""
    stem = "-".join(w for w in ("-".join(clean(part).split()) for part in parts) if w)
    return portable(cut(stem, FOLDER_BYTES, FOLDER_BYTES), "")


def file_name(
    kind_ext: str,
    date: dt.date,
    title: str,
    language: str,
    copy: str = "",
    pseudonymised: bool = False,
    history: bool = False,
    number: int | None = None,
) -> str:
    """The name of one file: `kind_ext` as `Format.files` has it ("minutes.pdf"); `copy`:
    whose copy it is, as said in the name ("familjen", an organisation's name), empty for
    everyone's; `number`: the meeting's, where another meeting has its date and title."""
    kind, dot, ext = kind_ext.partition(".")
    said = words(language)
    number_part = f" ({said['meeting'].format(n=number)})" if number is not None else ""
    about = [cut(clean(copy), COPY_CHARS, COPY_BYTES)] if clean(copy) else []
    about += [said["pseudonymised"]] * pseudonymised + [said["history"]] * history
    tail = SEPARATOR + said.get(kind, kind) + (f" ({', '.join(about)})" if about else "")
    # The title gets what room the rest leaves: the date, and what the file is, always stand.
    room = MAX_BYTES - len((date.isoformat() + number_part + tail + dot + ext).encode()) - 1
    title = cut(clean(title), TITLE_CHARS, min(TITLE_BYTES, room))
    head = date.isoformat() + (f" {title}" if title else "") + number_part
    return portable(head + tail, dot + ext)
