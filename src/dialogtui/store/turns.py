"""Turns and what becomes of them: edits, moves and deletions (each kept as a revision),
objections and the read-back's acceptance, the draft being typed and the texts of open
dialogs kept while typing."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Sequence

from dialogtui.errors import StoreError
from dialogtui.i18n import _
from dialogtui.records import Objection, ReadBack, Revision, Turn
from dialogtui.store.connection import StoreBase, _dt, _explain, _new_id, _ts


class TurnsRepo(StoreBase):
    """What was said, and everything done to it since."""

    def add_turn(self, meeting_id: int, turn: Turn) -> Turn:
        with self.tx() as c:
            cur = c.execute(
                "INSERT INTO turns (meeting_id, step_index, repetition, question_index,"
                " participant_id, text, passed, started_at, ended_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    meeting_id,
                    turn.step,
                    turn.repetition,
                    turn.question,
                    turn.participant_id,
                    turn.text,
                    int(turn.passed),
                    _ts(turn.started_at),
                    _ts(turn.ended_at),
                ),
            )
            c.execute("DELETE FROM drafts WHERE meeting_id=?", (meeting_id,))
        return turn._replace(id=_new_id(cur))

    def edit_turn(
        self,
        meeting_id: int,
        turn_id: int,
        text: str,
        now: dt.datetime,
        at_read_back: bool = False,
    ) -> None:
        with self.tx() as c:
            _keep_revision(c, meeting_id, turn_id, "edit", now, at_read_back)
            c.execute("UPDATE turns SET text=? WHERE id=?", (text, turn_id))

    def move_turn(
        self, meeting_id: int, turn_id: int, participant_id: int | None, now: dt.datetime
    ) -> None:
        """The turn was someone else's: its speaker changes, the earlier one is kept."""
        with self.tx() as c:
            _keep_revision(c, meeting_id, turn_id, "move", now)
            c.execute("UPDATE turns SET participant_id=? WHERE id=?", (participant_id, turn_id))

    def delete_turn(self, meeting_id: int, turn_id: int, now: dt.datetime) -> None:
        with self.tx() as c:
            _keep_revision(c, meeting_id, turn_id, "delete", now)
            c.execute("UPDATE turns SET deleted_at=? WHERE id=?", (_ts(now), turn_id))

    def turns(
        self,
        meeting_id: int,
        step: int | None = None,
        *,
        last: int | None = None,
        times: bool = True,
        deleted: bool = False,
        edited: bool = True,
        turn_id: int | None = None,
        repetition: int | None = None,
    ) -> list[Turn]:
        """Live turns in order (by step, then as they were said). `last` keeps only the most
        recent ones; `times=False` skips the timestamps, which an export does not need;
        `deleted=True` gives the deleted turns instead (with their text when deleted);
        `edited=False` leaves out whether each was edited (all read as not edited);
        `turn_id`: that one turn alone; `repetition`: of that time through the step only
        (one case of a block)."""
        # The columns in the order of the Turn tuple's fields.
        cols = "t.id, t.step_index, t.question_index, t.participant_id, t.text, t.passed,"
        # Whether each turn was edited costs a lookup per turn: only where it is shown.
        cols += " t.repetition,"
        cols += " t.id IN (SELECT turn_id FROM turn_revisions)," if edited else " 0,"
        cols += " t.started_at, t.ended_at" if times else " NULL, NULL"
        live = "IS NOT NULL" if deleted else "IS NULL"
        sql = f"SELECT {cols} FROM turns t WHERE t.meeting_id=? AND t.deleted_at {live}"
        params: tuple = (meeting_id,)
        if step is not None:
            sql += " AND t.step_index=?"
            params += (step,)
        if turn_id is not None:
            sql += " AND t.id=?"
            params += (turn_id,)
        if repetition is not None:
            sql += " AND t.repetition=?"
            params += (repetition,)
        if last is not None:
            sql = f"SELECT * FROM ({sql} ORDER BY t.id DESC LIMIT ?) ORDER BY 2, 1"
            params += (last,)
        else:
            sql += " ORDER BY t.step_index, t.id"
        try:
            cursor = self.conn.cursor()
            cursor.row_factory = None  # plain tuples: a long meeting has many turns
            rows = cursor.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(_explain(exc, self.path)) from None
        if not times:
            return list(map(Turn._make, rows))
        fromiso = dt.datetime.fromisoformat
        return [Turn._make((*r[:8], fromiso(r[8]), fromiso(r[9]))) for r in rows]

    def steps_with_turns(self, meeting_id: int) -> list[int]:
        rows = self.query(
            "SELECT DISTINCT step_index FROM turns WHERE meeting_id=? AND deleted_at IS NULL"
            " ORDER BY step_index",
            (meeting_id,),
        )
        return [r[0] for r in rows]

    def count_step_turns(self, meeting_id: int, step: int, repetition: int | None = None) -> int:
        """The live turns of a step; `repetition`: of that time through it only."""
        sql = (
            "SELECT COUNT(*) FROM turns WHERE meeting_id=? AND step_index=? AND deleted_at IS NULL"
        )
        params: tuple = (meeting_id, step)
        if repetition is not None:
            sql += " AND repetition=?"
            params += (repetition,)
        return self.query(sql, params)[0][0]

    def speaking_times(self, meeting_id: int) -> dict[int | None, tuple[int, float]]:
        """Per participant: how many turns they spoke (passes not counted) and for how many
        seconds, summed in SQL (the end screen of a 100k-turn meeting must not read every
        turn into Python). A clock set back counts as no time, not negative time."""
        rows = self.query(
            "SELECT participant_id, COUNT(*),"
            " SUM(MAX(0.0, (julianday(ended_at) - julianday(started_at)) * 86400.0))"
            " FROM turns WHERE meeting_id=? AND deleted_at IS NULL AND passed=0"
            " GROUP BY participant_id",
            (meeting_id,),
        )
        return {r[0]: (r[1], r[2] or 0.0) for r in rows}

    def round_marks(
        self, meeting_id: int, step: int, repetition: int, question: int | None
    ) -> dict[int, str]:
        """Who has spoken ("spoke") or only passed ("passed") on a question (None: on any), in
        SQL: an index seek per person and mark (turns_said, turns_spoken), so that it costs
        the same however many turns the step holds."""

        def exists(passed: str) -> str:
            on_question = " AND t.question_index=:q" if question is not None else ""
            return (
                "EXISTS(SELECT 1 FROM turns t WHERE t.meeting_id=:m AND t.step_index=:s"
                f" AND t.repetition=:r{on_question} AND t.participant_id=p.id"
                f" AND t.passed{passed} AND t.deleted_at IS NULL)"
            )

        rows = self.query(
            f"SELECT p.id, {exists('=0')}, {exists('>0')} FROM participants p"
            " WHERE p.meeting_id=:m",
            {"m": meeting_id, "s": step, "r": repetition, "q": question},
        )
        return {
            pid: "spoke" if spoke else "passed" for pid, spoke, passed in rows if spoke or passed
        }

    def revisions(self, meeting_id: int) -> list[Revision]:
        return [
            Revision(
                r["turn_id"],
                r["text"],
                dt.datetime.fromisoformat(r["replaced_at"]),
                r["action"],
                bool(r["at_read_back"]),
                r["participant_id"],
            )
            # From the revisions (edits are few) to their turns, not from every turn of the
            # meeting to its revisions: read after each change of a meeting of 100,000 turns
            # (the observed state's turns' version), that way round cost 5 ms a time.
            for r in self.query(
                "SELECT r.* FROM turn_revisions r CROSS JOIN turns t ON t.id = r.turn_id"
                " WHERE t.meeting_id=? ORDER BY r.id",
                (meeting_id,),
            )
        ]

    # -- read-back -----------------------------------------------------------------------

    def add_objection(
        self,
        meeting_id: int,
        turn_id: int,
        by: str,
        text: str,
        now: dt.datetime,
        participant_id: int | None = None,
    ) -> None:
        with self.tx() as c:
            turn = _live_turn(c, meeting_id, turn_id)  # of this meeting, not deleted
            if turn["passed"]:  # a pass says nothing to object to: the minutes show none
                raise StoreError(_("a pass has no words to consider incorrect"))
            c.execute(
                "INSERT INTO objections"
                " (meeting_id, turn_id, by_whom, text, created_at, participant_id)"
                " VALUES (?,?,?,?,?,?)",
                (meeting_id, turn_id, by, text, _ts(now), participant_id),
            )

    def objections(self, meeting_id: int) -> list[Objection]:
        return [
            Objection(r[0], r[1], r[2], dt.datetime.fromisoformat(r[3]), r[4])
            for r in self.query(
                "SELECT turn_id, by_whom, text, created_at, participant_id FROM objections"
                " WHERE meeting_id=? ORDER BY id",
                (meeting_id,),
            )
        ]

    def accept_read_back(
        self,
        meeting_id: int,
        accepted_by: str,
        now: dt.datetime,
        covered: Sequence[tuple[str, int]] = (),
    ) -> None:
        """`covered`: what the read-back showed, kept as a JSON list of [part, count]."""
        said = json.dumps([[part, int(n)] for part, n in covered], ensure_ascii=False)
        with self.tx() as c:
            c.execute(
                "INSERT INTO read_backs (meeting_id, accepted_by, at, covered) VALUES (?,?,?,?)",
                (meeting_id, accepted_by, _ts(now), said),
            )

    def read_backs(self, meeting_id: int) -> list[ReadBack]:
        return [
            ReadBack(r[0], dt.datetime.fromisoformat(r[1]), _covered(r[2]), _dt(r[3]))
            for r in self.query(
                "SELECT accepted_by, at, covered, reopened_at FROM read_backs"
                " WHERE meeting_id=? ORDER BY id",
                (meeting_id,),
            )
        ]

    def corrected_at_read_back(self, meeting_id: int) -> set[int]:
        """The turns whose text was corrected at read-back (marked so in every export)."""
        rows = self.query(
            "SELECT DISTINCT r.turn_id FROM turn_revisions r JOIN turns t ON t.id = r.turn_id"
            " WHERE t.meeting_id=? AND r.at_read_back=1 AND t.deleted_at IS NULL",
            (meeting_id,),
        )
        return {r[0] for r in rows}

    # -- the draft and the texts of open dialogs -----------------------------------------

    def save_draft(self, meeting_id: int, text: str, now: dt.datetime) -> None:
        with self.tx(durable=False) as c:
            if text:
                c.execute(
                    "INSERT INTO drafts (meeting_id, text, saved_at) VALUES (?,?,?)"
                    " ON CONFLICT(meeting_id) DO UPDATE SET text=excluded.text,"
                    " saved_at=excluded.saved_at",
                    (meeting_id, text, _ts(now)),
                )
            else:
                c.execute("DELETE FROM drafts WHERE meeting_id=?", (meeting_id,))

    def draft(self, meeting_id: int) -> str:
        rows = self.query("SELECT text FROM drafts WHERE meeting_id=?", (meeting_id,))
        return rows[0]["text"] if rows else ""

    def keep_text(self, meeting_id: int, key: str, text: str | None, now: dt.datetime) -> None:
        """Keep (or, with None, drop) the text of an open dialog, under the dialog's key."""
        with self.tx(durable=False) as c:
            if text is None:
                c.execute("DELETE FROM kept_texts WHERE meeting_id=? AND key=?", (meeting_id, key))
            else:
                c.execute(
                    "INSERT INTO kept_texts (meeting_id, key, text, saved_at) VALUES (?,?,?,?)"
                    " ON CONFLICT(meeting_id, key) DO UPDATE SET text=excluded.text,"
                    " saved_at=excluded.saved_at",
                    (meeting_id, key, text, _ts(now)),
                )

    def kept_texts(self, meeting_id: int) -> dict[str, str]:
        rows = self.query(
            "SELECT key, text FROM kept_texts WHERE meeting_id=? ORDER BY saved_at", (meeting_id,)
        )
        return {r["key"]: r["text"] for r in rows}


def _live_turn(c: sqlite3.Connection, meeting_id: int, turn_id: int) -> sqlite3.Row:
    row = c.execute(
        "SELECT * FROM turns WHERE id=? AND meeting_id=? AND deleted_at IS NULL",
        (turn_id, meeting_id),
    ).fetchone()
    if row is None:
        said = _("turn {id} does not exist in meeting {meeting}")
        raise StoreError(said.format(id=turn_id, meeting=meeting_id))
    return row


def _keep_revision(
    c: sqlite3.Connection,
    meeting_id: int,
    turn_id: int,
    action: str,
    now: dt.datetime,
    at_read_back: bool = False,
) -> None:
    """The turn as it was (its text, its speaker), before it is edited, moved to another
    speaker or deleted: nothing is lost."""
    old = _live_turn(c, meeting_id, turn_id)
    c.execute(
        "INSERT INTO turn_revisions"
        " (turn_id, text, replaced_at, action, at_read_back, participant_id)"
        " VALUES (?,?,?,?,?,?)",
        (turn_id, old["text"], _ts(now), action, int(at_read_back), old["participant_id"]),
    )


def _covered(text: str | None) -> list[tuple[str, int]]:
    """A read-back's `covered`: [] where it is not known (a read-back from before schema
    17 has ''), or where the column holds anything but such a list."""
    try:
        found = json.loads(text) if text else []
    except ValueError:
        return []
    if not isinstance(found, list):
        return []
    return [
        (x[0], x[1])
        for x in found
        if isinstance(x, list)
        and len(x) == 2
        and isinstance(x[0], str)
        and type(x[1]) is int  # not a bool, which JSON's true would give
    ]
