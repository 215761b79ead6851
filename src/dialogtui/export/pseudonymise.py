"""Replace people's names by pseudonyms (or their role) everywhere in an export."""

from __future__ import annotations

import re
from collections.abc import Callable

from dialogtui.export.record import MeetingRecord


def pseudonyms(record: MeetingRecord) -> dict[int, str]:
    """Each participant's stand-in: their pseudonym, or their role numbered ("Skola 2")."""
    out: dict[int, str] = {}
    counts: dict[str, int] = {}
    names = {r.id: r.name for r in record.qs.roles}
    for p in record.info.participants:
        if p.pseudonym:
            out[p.id] = p.pseudonym
            continue
        base = names.get(p.role or "", "") or "P"
        counts[base] = counts.get(base, 0) + 1
        out[p.id] = f"{base} {counts[base]}"
    return out


def name_replacer(
    record: MeetingRecord, asker: str = "A", writer: str = "B"
) -> Callable[[str], str]:
    """A function that rewrites any text so that no participant's or facilitator's name is
    left in it: full names first, then each part of a name on its own ("Anna" in a turn)."""
    stand_ins = pseudonyms(record)
    pairs: list[tuple[str, str]] = []
    for p in record.info.participants:
        pairs.append((p.name, stand_ins[p.id]))
    for name, label in ((record.info.asker, asker), (record.info.writer, writer)):
        if name:
            pairs.append((name, label))
    parts: list[tuple[str, str]] = []
    for name, label in pairs:
        for part in re.split(r"[\s\-]+", name):
            if len(part) >= 2:
                parts.append((part, label))
    ordered = sorted(pairs, key=lambda x: -len(x[0])) + sorted(parts, key=lambda x: -len(x[0]))
    ordered = [(n, label) for n, label in ordered if n.strip()]
    if not ordered:
        return lambda text: text
    lookup: dict[str, str] = {}
    for name, label in ordered:
        lookup.setdefault(name.casefold(), label)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(n) for n, _ in ordered) + r")(?:s|'s|s')?(?!\w)",
        re.IGNORECASE,
    )
    return lambda text: pattern.sub(lambda m: lookup[m.group(1).casefold()], text)
