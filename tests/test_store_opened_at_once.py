"""Two dialogtui processes opening the same data folder at the same moment (the app started
twice, the app and a command) both get the database: neither finds the brand-new file empty
and calls its meetings gone, and neither migrates what the other already has."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

from dialogtui.store import Store, connection
from dialogtui.store.migrations import LATEST

FIXTURES = Path(__file__).parent / "fixtures"


def _open(path: str) -> str:
    from dialogtui.errors import DialogtuiError

    try:
        Store.open(Path(path)).close()
    except DialogtuiError as exc:
        return str(exc)
    return "ok"


def _open_at_once(path: Path, processes: int = 6) -> list[str]:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(processes) as pool:
        return pool.map(_open, [str(path)] * processes)


def test_a_new_database_opened_by_several_at_once_opens_for_each(tmp_path):
    # Before the file was made whole beside its place, 27 of 30 such rounds had a process
    # told "… is empty (0 bytes): the meetings it held are gone" or "table … already exists".
    for n in range(5):
        path = tmp_path / f"round-{n}" / "dialogtui.sqlite3"
        assert _open_at_once(path) == ["ok"] * 6
        store = Store.open(path)
        assert store.schema_version == LATEST
        store.close()
        assert not [p.name for p in path.parent.iterdir() if p.name.endswith(".new")]


def test_an_old_database_opened_by_several_at_once_is_migrated_once(tmp_path):
    old = sorted(FIXTURES.glob("*.sqlite3"))[0]
    for n in range(3):
        path = tmp_path / f"round-{n}" / "dialogtui.sqlite3"
        path.parent.mkdir()
        shutil.copy(old, path)
        assert _open_at_once(path) == ["ok"] * 6
        store = Store.open(path)
        assert store.schema_version == LATEST
        store.close()


def test_the_new_file_is_whole_before_it_is_in_place(tmp_path, monkeypatch):
    seen: list[int] = []
    link = os.link

    def watching(src, dst):
        seen.append(Path(src).stat().st_size)
        link(src, dst)

    monkeypatch.setattr(connection.os, "link", watching)
    Store.open(tmp_path / "dialogtui.sqlite3").close()
    assert seen and seen[0] > 0
