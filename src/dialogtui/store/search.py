"""Finding meetings by what was said in them: the FTS5 index of migration 22 (`found`), kept
by triggers over the live turns, notes, actions, cards, people and meetings, asked with the
Nordic rule of `dialogtui.finding`.

The index is contentless: it holds no copy of anyone's words, only the words' places, and
each hit is read from its own row. What is deleted (a turn, a meeting forgotten) leaves the
index with the row; `MeetingsRepo.forget` also merges the index, so that no trace of a
forgotten meeting's words stays in its pages.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

from dialogtui.errors import StoreError
from dialogtui.finding import fts_query
from dialogtui.records import Hit, HitKind, MeetingStatus
from dialogtui.store.connection import StoreBase, _explain

# Each source's hits: what it is, where it was written and who said it, and its text as the
# index has it, for the rowids of one source (`:code`) among those the index found.
_HITS = """
WITH f AS (
    SELECT rowid & 1099511627775 AS r FROM found
     WHERE found MATCH :q AND rowid >= :low AND rowid < :high
       AND rowid >> 40 IN (SELECT value FROM json_each(:meetings))
)
SELECT 'turn' AS kind, t.id AS ref, t.meeting_id AS meeting, t.step_index AS step,
       t.repetition AS rep, COALESCE(p.name, '') AS speaker, t.text AS text, t.id AS place
  FROM f JOIN turns t ON t.id = f.r >> 3 LEFT JOIN participants p ON p.id = t.participant_id
 WHERE f.r & 7 = 0
UNION ALL
SELECT n.kind, n.id, n.meeting_id, n.step_index, n.repetition, '', n.text, n.id
  FROM f JOIN notes n ON n.id = f.r >> 3 WHERE f.r & 7 = 1
UNION ALL
SELECT 'action', a.id, a.meeting_id, a.step_index, a.repetition, a.who,
       a.what || char(10) || a.how || char(10) || a.with_whom || char(10) || a.first_step, a.id
  FROM f JOIN actions a ON a.id = f.r >> 3 WHERE f.r & 7 = 2
UNION ALL
SELECT 'card', c.id, c.meeting_id, c.step_index, c.repetition, c.by_whom,
       c.text || char(10) || c.to_whom || char(10) || c.answer || char(10) || c.place, c.id
  FROM f JOIN cards c ON c.id = f.r >> 3 WHERE f.r & 7 = 3
UNION ALL
SELECT 'participant', p.id, p.meeting_id, NULL, 1, p.name,
       p.name || char(10) || COALESCE(p.role, '') || char(10) || p.organisation, p.position
  FROM f JOIN participants p ON p.id = f.r >> 3 WHERE f.r & 7 = 4
UNION ALL
SELECT 'meeting', m.id, m.id, NULL, 1, '',
       m.title || char(10) || m.place || char(10) || m.asker || char(10) || m.writer, -1
  FROM f JOIN meetings m ON m.id = f.r >> 3 WHERE f.r & 7 = 5
"""

# How many hits each meeting has, newest meeting first: from the index alone (the meeting is
# in the rowid), so that only the newest meetings' rows are read, however many hits there
# are in all.
_PER_MEETING = """
SELECT per.meeting, per.hits FROM (
    SELECT rowid >> 40 AS meeting, count(*) AS hits FROM found WHERE found MATCH :q
     GROUP BY meeting
) per JOIN meetings m ON m.id = per.meeting
 ORDER BY m.date DESC, m.id DESC
"""

# The order of a meeting's hits: the meeting itself and its people, then what was written,
# in the order of its steps.
_SEARCH = f"""
SELECT h.*, m.title AS meeting_title, m.date AS meeting_date, m.status AS meeting_status
  FROM ({_HITS}) h JOIN meetings m ON m.id = h.meeting
 ORDER BY m.date DESC, m.id DESC,
          h.step IS NOT NULL, h.step, h.rep, h.kind = 'action', h.place
 LIMIT :limit
"""


def _text(kind: HitKind, stored: str) -> str:
    """The hit's text: the row's own fields that say anything, one per line."""
    if kind in (HitKind.action, HitKind.card, HitKind.participant, HitKind.meeting):
        return "\n".join(part for part in stored.split("\n") if part.strip())
    return stored


class SearchRepo(StoreBase):
    """The search across every meeting of the file."""

    def search(self, query: str, limit: int = 200) -> list[Hit]:
        """What `query` finds (`dialogtui.finding`'s rule), newest meeting first, then in
        the meeting's order; at most `limit` hits (`search_count` says how many in all)."""
        match = fts_query(query)
        if match is None or limit <= 0:
            return []
        limit = min(limit, 1 << 31)  # SQLite's integers end at 2**63: "all" is enough
        newest: list[int] = []
        enough = 0
        with self.snapshot():  # the counts and the rows of one state of the file
            for meeting, hits in self._found(_PER_MEETING, {"q": match}):
                if enough >= limit:
                    break
                newest.append(meeting)
                enough += hits
            if not newest:
                return []
            rows = self._found(
                _SEARCH,
                {
                    "q": match,
                    "limit": limit,
                    "low": min(newest) << 40,
                    "high": (max(newest) + 1) << 40,
                    "meetings": json.dumps(newest),
                },
            )
        return [
            Hit(
                meeting_id=r["meeting"],
                meeting_title=r["meeting_title"],
                meeting_date=dt.date.fromisoformat(r["meeting_date"]),
                meeting_status=MeetingStatus(r["meeting_status"]),
                kind=HitKind(r["kind"]),
                ref=r["ref"],
                step=r["step"],
                repetition=r["rep"],
                speaker=r["speaker"],
                text=_text(HitKind(r["kind"]), r["text"]),
            )
            for r in rows
        ]

    def search_count(self, query: str) -> int:
        """How many hits `query` has in all."""
        match = fts_query(query)
        if match is None:
            return 0
        rows = self._found("SELECT count(*) FROM found WHERE found MATCH :q", {"q": match})
        return rows[0][0] if rows else 0

    def _found(self, sql: str, params: dict[str, object]) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            # A word the index splits where dialogtui did not (a letter newer than SQLite's
            # Unicode tables) would be a phrase, which this index does not keep: nothing
            # can match it as typed.
            if "phrase" in str(exc):
                return []
            raise StoreError(_explain(exc, self.path)) from None
        except sqlite3.Error as exc:
            raise StoreError(_explain(exc, self.path)) from None
