"""Where dialogtui keeps the user's data: private to the user, overridable for tests."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_home() -> Path:
    env = os.environ.get("DIALOGTUI_HOME")
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir("dialogtui", appauthor=False))


def user_sets_dir() -> Path:
    return data_home() / "question_sets"


def ensure_private_dir(path: Path) -> Path:
    """Create `path` (and parents) and make it 0700: minutes name children and families."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(path, 0o700)
    return path
