"""The tables written from the source documents (tests/sources/<document>.toml): for each
shipped set, its own part of its document and its agenda, one row per item with its line.
tests/test_library.py finds repeated texts inside the part; tests/test_set_structure.py
compares each set's shape to its rows. `scripts/locate-sources` reads the parts too."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from dialogtui.questionset.provenance import Part

TABLES = Path(__file__).resolve().parent / "sources"


def tables() -> dict[str, dict[str, Any]]:
    """Each set's table by its id, with what its file says of every set (its document, a
    break the handbook's times leave out) unless the set's own table says otherwise."""
    found: dict[str, dict[str, Any]] = {}
    for path in sorted(TABLES.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        every = {k: v for k, v in data.items() if k != "sets"}
        for set_id, table in data.get("sets", {}).items():
            assert set_id not in found, f"{path.name}: {set_id} has a table already"
            found[set_id] = {**every, **table, "file": path.name}
    return found


def part_of(table: dict[str, Any], lines: list[str]) -> Part:
    """The set's own part of its document, as its table marks it."""
    spec = table["part"]
    return Part.between(lines, spec["at"], spec.get("from"), spec.get("to"))
