"""Where dialogtui keeps the user's data: private to the user, overridable for tests."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from dialogtui.errors import DialogtuiError
from dialogtui.i18n import _


def data_home() -> Path:
    env = os.environ.get("DIALOGTUI_HOME")
    if env:
        try:
            # Absolute at once: a relative home must not move with the working folder.
            return Path(env).expanduser().absolute()
        except RuntimeError:  # "~nosuchuser/…"
            said = _("DIALOGTUI_HOME={home}: that user's home folder is unknown")
            raise DialogtuiError(said.format(home=env)) from None
    return Path(platformdirs.user_data_dir("dialogtui", appauthor=False))


def documents_dir() -> Path:
    """Where the user keeps documents (Windows' known folder, redirected to OneDrive or not;
    XDG's on Linux), or their home folder if there is none: where exports elsewhere start."""
    documents = Path(platformdirs.user_documents_dir())
    return documents if documents.is_dir() else Path.home()


def user_sets_dir() -> Path:
    return data_home() / "question_sets"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` and any missing parents as 0700: minutes name children and families.

    Folders that already exist are left as they are: a folder the user chose (their home, a
    shared folder with a sticky bit, a read-only disk) is theirs, not ours to change. What
    dialogtui writes into it is private on its own: files 0600, its own folders 0700.
    """
    missing = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue  # made by another process meanwhile
        os.chmod(folder, 0o700)  # mkdir's mode is cut by the umask
    return path
