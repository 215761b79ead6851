"""The benchmark's store (benchmarks/search_store.py), made small: it is written through the
store's schema as it stands, and holds what `scripts/bench search` and `start` rely on. A
migration that the bench's inserts no longer fit, or a set whose title begins with a letter
the start benchmark types to find nothing, fails here rather than in a long bench run."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest

from dialogtui import finding
from dialogtui.questionset.library import listings
from dialogtui.records import HitKind
from dialogtui.store import Store
from dialogtui.store.migrations import LATEST

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import search_store  # noqa: E402

MEETINGS, TURNS = 30, 12


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> search_store.Built:
    path = tmp_path_factory.mktemp("bench") / "dialogtui.sqlite3"
    return search_store.build(path, MEETINGS, TURNS)


def _rare_turns(path: Path) -> list[int]:
    store = Store.open_reader(path)
    try:
        hits = store.search(search_store.RARE)
    finally:
        store.close()
    assert {h.kind for h in hits} == {HitKind.turn}
    return sorted(h.ref for h in hits)


def test_written_through_the_schema_and_indexed(built: search_store.Built) -> None:
    assert (built.meetings, built.turns) == (MEETINGS, MEETINGS * TURNS)
    conn = sqlite3.connect(built.path)
    try:
        counts = [
            conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("meetings", "participants", "notes", "actions", "cards")
        ]
        languages = {r[0] for r in conn.execute("SELECT DISTINCT language FROM meetings")}
    finally:
        conn.close()
    assert counts == [MEETINGS] + [5 * MEETINGS] * 4
    assert languages <= set(search_store.LANGUAGES) and len(languages) > 1
    # The rare word: three turns in each of four meetings, and nowhere else
    assert len(_rare_turns(built.path)) == search_store.RARE_TURNS


def test_an_old_store_is_indexed_when_migrated(built: search_store.Built, tmp_path: Path) -> None:
    old = search_store.build(tmp_path / "dialogtui.sqlite3", MEETINGS, TURNS, schema=21)
    store = Store.open(old.path)  # migrates
    assert store.schema_version == LATEST
    store.close()
    assert _rare_turns(old.path) == _rare_turns(built.path)


def test_what_the_start_benchmark_types(built: search_store.Built) -> None:
    conn = sqlite3.connect(built.path)
    try:
        rows = conn.execute(
            "SELECT m.id, m.date, m.title || ' ' || m.set_id || ' ' || m.date || ' ' || m.place"
            " || ' ' || group_concat(p.name, ' ') FROM meetings m JOIN participants p"
            " ON p.meeting_id = m.id GROUP BY m.id"
        ).fetchall()
    finally:
        conn.close()
    sets = " ".join(f"{e.id} {e.title} {e.method}" for e in listings())
    titles = {e.id: e.title for e in listings()}
    newest = max(rows, key=lambda r: r[1])
    assert newest[1] == search_store.NEWEST_DATE.isoformat()
    assert [r for r in rows if r[1] == newest[1]] == [newest]  # alone at the top
    assert search_store.NEWEST in newest[2]
    said = f"{newest[2]} {titles[search_store.NEWEST_SET]}"
    assert not finding.matches(search_store.NEWEST_LACKS, said)
    assert sum(finding.matches(search_store.NEWEST_LACKS, r[2]) for r in rows) > MEETINGS // 2
    # Every name and place the store draws from, not only those drawn here
    drawn = " ".join(
        " ".join(words)
        for table in (search_store.FIRST, search_store.LAST, search_store.PLACES)
        for words in table.values()
    )
    for letter in search_store.NO_MATCH:
        assert not any(finding.matches(letter, r[2]) for r in rows)
        assert not finding.matches(letter, f"{sets} {drawn}")
