"""The language dialogtui speaks to this user: the one asked for (`--lang`,
`DIALOGTUI_LANG`), the one remembered from `dialogtui language` (a private file in the
data folder), the system's, or English. It sits above `dialogtui.i18n`, which every
module uses for its words and which therefore imports nothing of dialogtui's own."""

from __future__ import annotations

import os
from pathlib import Path

from dialogtui.atomic import write_atomic
from dialogtui.i18n import normalise, system_language
from dialogtui.paths import data_home, ensure_private_dir

SETTING = "language"  # the file in the data folder that remembers the choice


def remembered(home: Path | None = None) -> str | None:
    """The language the user chose with `dialogtui language`, if any."""
    try:
        return normalise((home or data_home()).joinpath(SETTING).read_text("utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def remember(language: str, home: Path | None = None) -> Path:
    """Keep the user's choice for the next start (a private file in the data folder)."""
    folder = ensure_private_dir(home or data_home())
    path = folder / SETTING
    write_atomic(path, language + "\n")
    return path


def choose(explicit: str | None = None) -> str:
    """The language to speak: --lang, DIALOGTUI_LANG, the remembered choice, the system's,
    English."""
    for candidate in (explicit, os.environ.get("DIALOGTUI_LANG")):
        if candidate:
            found = normalise(candidate)
            if found is None:
                raise ValueError(candidate)
            return found
    return remembered() or system_language() or "en"
