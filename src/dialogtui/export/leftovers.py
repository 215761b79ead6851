"""The hidden temp files of an export that died half-way (kill -9, a laptop's battery): each
holds a whole document, names and all, so none may outlive the next start or export.

An export can go to any folder, and the scribe may never export to that one again. So the
data folder keeps a private list of the folders exports went to (`export-folders.json`:
the latest hundred), and every start of the app and every export sweeps them, the data
folder and its exports' folders of the temp files that no live write holds
(`dialogtui.atomic.sweep_temps`: a live export of another process is never touched).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path

from dialogtui.atomic import sweep_temps, write_atomic
from dialogtui.paths import data_home

RECORD = "export-folders.json"
KEEP = 100


def _record() -> Path:
    return data_home() / RECORD


def recorded() -> list[Path]:
    """The folders exports went to, the latest first; none if the list cannot be read."""
    try:
        said = json.loads(_record().read_text(encoding="utf-8"))
        return [Path(p) for p in said["folders"] if isinstance(p, str)]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def remember(folder: Path) -> None:
    """Note a folder an export writes to. Never fails the export: a list that cannot be
    written only means that this folder is swept by the same file's next write alone."""
    try:
        folder = Path(os.path.abspath(folder))
        folders = [folder, *(p for p in recorded() if p != folder)][:KEEP]
        if not data_home().is_dir():
            return
        text = json.dumps({"folders": [str(p) for p in folders]}, ensure_ascii=False, indent=0)
        write_atomic(_record(), text + "\n")
    except Exception:  # noqa: BLE001 - the export itself matters more
        return


def folders() -> list[Path]:
    """Every folder a dialogtui temp file can be left in: the data folder and the folders
    in it (crash reports, the exports' folder), each export's folder there, and the
    folders exports went to elsewhere."""
    out: list[Path] = []
    with contextlib.suppress(Exception):
        home = data_home()
        out.append(home)
        for child in _subfolders(home):
            out.append(child)
            if child.name == "exports":
                out += _subfolders(child)
    out += recorded()
    return list(dict.fromkeys(out))


def _subfolders(folder: Path) -> list[Path]:
    try:
        with os.scandir(folder) as found:
            return [Path(e.path) for e in found if e.is_dir(follow_symlinks=False)]
    except OSError:
        return []


def sweep() -> int:
    """Remove the left temp files of every folder dialogtui has written exports to;
    gives how many. Never raises."""
    removed = 0
    for folder in folders():
        with contextlib.suppress(Exception):
            removed += sweep_temps(folder)
    return removed


def sweep_in_background() -> threading.Thread:
    """The sweep in a thread of its own: a folder on a network share that is gone can take
    a long time to answer, and nobody should wait for that."""
    worker = threading.Thread(target=sweep, name="dialogtui-sweep", daemon=True)
    worker.start()
    return worker
