"""Where a meeting stands and how long it took: its position, the time spent per step,
the optional steps left out (per time through them), the alternative question chosen per
step, each block's latest time through (repetition) and the names of its cases."""

from __future__ import annotations

import datetime as dt

from dialogtui.records import CaseName, Position
from dialogtui.store.connection import StoreBase, _dt, _ts


class StepsRepo(StoreBase):
    """The meeting's walk through its steps, and its clocks."""

    def set_position(self, meeting_id: int, pos: Position) -> None:
        with self.tx() as c:
            c.execute(
                "UPDATE meetings SET step_index=?, question_index=?, speaker_id=?, repetition=?,"
                " paused=? WHERE id=?",
                (
                    pos.step,
                    pos.question,
                    pos.speaker_id,
                    pos.repetition,
                    int(pos.paused),
                    meeting_id,
                ),
            )

    def position(self, meeting_id: int) -> Position:
        r = self._meeting_row(meeting_id)
        return Position(
            r["step_index"],
            r["question_index"],
            r["speaker_id"],
            r["repetition"],
            bool(r["paused"]),
        )

    def last_repetition(
        self, meeting_id: int, first: int, last: int, block: int | None = None
    ) -> int:
        """The latest time through steps first..last that has anything of its own: a turn,
        a note, a card (a need, a sheet), an action, a rating or a mark; for `block` (its
        index among the set's blocks) also a name, a skip or a consent (a case begun, named
        or consented to, nothing said yet). 1 if none. A case holding only an action is
        a case all the same: entering the block must land in it, not in an earlier one."""
        in_steps = " WHERE meeting_id=? AND step_index BETWEEN ? AND ?"
        parts = [
            "SELECT MAX(repetition) AS r FROM turns" + in_steps + " AND deleted_at IS NULL",
            *(
                f"SELECT MAX(repetition) FROM {table}" + in_steps
                for table in ("notes", "cards", "actions", "scale_ratings", "choice_marks")
            ),
            "SELECT MAX(repetition) FROM choice_picks" + in_steps,
        ]
        params: tuple[int, ...] = (meeting_id, first, last) * len(parts)
        if block is not None:
            parts += [
                "SELECT MAX(repetition) FROM case_names WHERE meeting_id=? AND block_index=?",
                "SELECT MAX(repetition) FROM skipped_steps" + in_steps,
                "SELECT MAX(repetition) FROM case_consents WHERE meeting_id=?",
            ]
            params += (meeting_id, block, meeting_id, first, last, meeting_id)
        rows = self.query(f"SELECT MAX(r) FROM ({' UNION ALL '.join(parts)})", params)
        return rows[0][0] or 1

    def written_at(self, meeting_id: int, step: int) -> list[str]:
        """What is written at step `step`, in any time through it, by kind: "turns",
        "notes", "needs", "cards" (a vote's, a sheet), "actions", "ratings", "marks"; each
        kind once, in that order, those with nothing left out."""
        at = " WHERE meeting_id=? AND step_index=?"
        queries = {
            "turns": "SELECT 1 FROM turns" + at + " AND deleted_at IS NULL",
            "notes": "SELECT 1 FROM notes" + at,
            "needs": "SELECT 1 FROM cards" + at + " AND by_whom != ''",
            "cards": "SELECT 1 FROM cards" + at + " AND by_whom = ''",
            "actions": "SELECT 1 FROM actions" + at,
            "ratings": "SELECT 1 FROM scale_ratings" + at,
            "marks": "SELECT 1 FROM choice_marks"
            + at
            + " UNION ALL SELECT 1 FROM choice_picks"
            + at,
        }
        found = []
        for kind, sql in queries.items():
            if self.query(sql + " LIMIT 1", (meeting_id, step) * (sql.count("?") // 2)):
                found.append(kind)
        return found

    def add_step_time(
        self, meeting_id: int, step: int, seconds: float, since: dt.datetime | None = None
    ) -> None:
        """Add time to a step's; `since`: from when its clock runs on (`clock_since`),
        written with it, so that a reader never counts a second twice or not at all."""
        with self.tx(durable=False) as c:
            c.execute(
                "INSERT INTO step_times (meeting_id, step_index, elapsed_seconds) VALUES (?,?,?)"
                " ON CONFLICT(meeting_id, step_index) DO UPDATE SET"
                " elapsed_seconds = elapsed_seconds + excluded.elapsed_seconds",
                (meeting_id, step, seconds),
            )
            c.execute("UPDATE meetings SET clock_since=? WHERE id=?", (_ts(since), meeting_id))

    def set_clock_since(self, meeting_id: int, since: dt.datetime | None) -> None:
        """Since when the current step's clock runs on beyond the time saved for it (None:
        it stands): what a reader in another process (the room's view) adds to the saved
        time. Not fsynced, as the step's time itself."""
        with self.tx(durable=False) as c:
            c.execute("UPDATE meetings SET clock_since=? WHERE id=?", (_ts(since), meeting_id))

    def clock_since(self, meeting_id: int) -> dt.datetime | None:
        return _dt(self._meeting_row(meeting_id)["clock_since"])

    def step_times(self, meeting_id: int) -> dict[int, float]:
        return {
            r["step_index"]: r["elapsed_seconds"]
            for r in self.query(
                "SELECT step_index, elapsed_seconds FROM step_times WHERE meeting_id=?",
                (meeting_id,),
            )
        }

    def set_skipped(
        self, meeting_id: int, step: int, skipped: bool, at: dt.datetime, repetition: int = 1
    ) -> None:
        """An optional step left out (or taken in again) in one time through it: in a block,
        for one case only."""
        with self.tx() as c:
            if skipped:
                c.execute(
                    "INSERT OR REPLACE INTO skipped_steps"
                    " (meeting_id, step_index, repetition, skipped_at) VALUES (?,?,?,?)",
                    (meeting_id, step, repetition, at.isoformat()),
                )
            else:
                c.execute(
                    "DELETE FROM skipped_steps WHERE meeting_id=? AND step_index=?"
                    " AND repetition=?",
                    (meeting_id, step, repetition),
                )

    def skipped_steps(self, meeting_id: int) -> set[tuple[int, int]]:
        """The optional steps left out, each as (step index, time through it)."""
        rows = self.query(
            "SELECT step_index, repetition FROM skipped_steps WHERE meeting_id=?", (meeting_id,)
        )
        return {(r["step_index"], r["repetition"]) for r in rows}

    def name_case(
        self,
        meeting_id: int,
        block: int,
        repetition: int,
        name: str,
        card_id: int | None,
        at: dt.datetime,
    ) -> None:
        """Name one time through block `block` (its index among the set's blocks): a case,
        by the vote's card `card_id` or as typed. An empty name takes the name away."""
        with self.tx() as c:
            if name.strip():
                c.execute(
                    "INSERT OR REPLACE INTO case_names"
                    " (meeting_id, block_index, repetition, name, card_id, named_at)"
                    " VALUES (?,?,?,?,?,?)",
                    (meeting_id, block, repetition, name.strip(), card_id, at.isoformat()),
                )
            else:
                c.execute(
                    "DELETE FROM case_names WHERE meeting_id=? AND block_index=? AND repetition=?",
                    (meeting_id, block, repetition),
                )

    def case_names(self, meeting_id: int) -> dict[tuple[int, int], CaseName]:
        """The cases named, by (block index, time through it)."""
        rows = self.query(
            "SELECT block_index, repetition, name, card_id FROM case_names WHERE meeting_id=?"
            " ORDER BY block_index, repetition",
            (meeting_id,),
        )
        return {
            (r["block_index"], r["repetition"]): CaseName(r["name"], r["card_id"]) for r in rows
        }

    def choose_alternative(
        self, meeting_id: int, step: int, question: int, at: dt.datetime
    ) -> None:
        with self.tx() as c:
            c.execute(
                "INSERT OR REPLACE INTO chosen_alternatives"
                " (meeting_id, step_index, question_index, chosen_at) VALUES (?,?,?,?)",
                (meeting_id, step, question, at.isoformat()),
            )

    def chosen_alternatives(self, meeting_id: int) -> dict[int, int]:
        """Per step with alternative questions, the one the meeting asks."""
        rows = self.query(
            "SELECT step_index, question_index FROM chosen_alternatives WHERE meeting_id=?",
            (meeting_id,),
        )
        return {r["step_index"]: r["question_index"] for r in rows}
