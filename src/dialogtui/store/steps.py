"""Where a meeting stands and how long it took: its position, the time spent per step,
the optional steps left out, the alternative question chosen per step, and each block's
latest time through (repetition)."""

from __future__ import annotations

import datetime as dt

from dialogtui.records import Position
from dialogtui.store.connection import StoreBase


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

    def last_repetition(self, meeting_id: int, first: int, last: int) -> int:
        """The latest time through steps first..last that has a turn (1 if none)."""
        rows = self.query(
            "SELECT MAX(repetition) FROM turns WHERE meeting_id=? AND step_index BETWEEN ? AND ?"
            " AND deleted_at IS NULL",
            (meeting_id, first, last),
        )
        return rows[0][0] or 1

    def add_step_time(self, meeting_id: int, step: int, seconds: float) -> None:
        with self.tx(durable=False) as c:
            c.execute(
                "INSERT INTO step_times (meeting_id, step_index, elapsed_seconds) VALUES (?,?,?)"
                " ON CONFLICT(meeting_id, step_index) DO UPDATE SET"
                " elapsed_seconds = elapsed_seconds + excluded.elapsed_seconds",
                (meeting_id, step, seconds),
            )

    def step_times(self, meeting_id: int) -> dict[int, float]:
        return {
            r["step_index"]: r["elapsed_seconds"]
            for r in self.query(
                "SELECT step_index, elapsed_seconds FROM step_times WHERE meeting_id=?",
                (meeting_id,),
            )
        }

    def set_skipped(self, meeting_id: int, step: int, skipped: bool, at: dt.datetime) -> None:
        with self.tx() as c:
            if skipped:
                c.execute(
                    "INSERT OR REPLACE INTO skipped_steps (meeting_id, step_index, skipped_at)"
                    " VALUES (?,?,?)",
                    (meeting_id, step, at.isoformat()),
                )
            else:
                c.execute(
                    "DELETE FROM skipped_steps WHERE meeting_id=? AND step_index=?",
                    (meeting_id, step),
                )

    def skipped_steps(self, meeting_id: int) -> set[int]:
        rows = self.query("SELECT step_index FROM skipped_steps WHERE meeting_id=?", (meeting_id,))
        return {r["step_index"] for r in rows}

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
