"""Notes and what the step kinds record: notes (decisions, concerns, standpoints), the
cards of vote and board steps, scale ratings, and the marks of choices of one and several."""

from __future__ import annotations

import dataclasses
import datetime as dt

from dialogtui.errors import StoreError
from dialogtui.i18n import _
from dialogtui.records import Card, ChoiceMark, Note, NoteKind, ScaleRating
from dialogtui.store.connection import StoreBase, _new_id, _ts


class ItemsRepo(StoreBase):
    """The notes of a meeting and the items its step kinds keep."""

    def add_note(
        self,
        meeting_id: int,
        kind: NoteKind,
        step: int | None,
        text: str,
        now: dt.datetime,
        repetition: int = 1,
    ) -> Note:
        """A note made in step `step`'s time `repetition` through (in a block: its case)."""
        with self.tx() as c:
            cur = c.execute(
                "INSERT INTO notes (meeting_id, kind, step_index, repetition, text, created_at)"
                " VALUES (?,?,?,?,?,?)",
                (meeting_id, kind.value, step, repetition, text, _ts(now)),
            )
        return Note(_new_id(cur), kind, step, text, now, repetition)

    def edit_note(self, meeting_id: int, note_id: int, text: str) -> None:
        with self.tx() as c:
            cur = c.execute(
                "UPDATE notes SET text=? WHERE id=? AND meeting_id=?", (text, note_id, meeting_id)
            )
            if cur.rowcount == 0:
                raise _no_note(note_id, meeting_id)

    def delete_note(self, meeting_id: int, note_id: int) -> None:
        with self.tx() as c:
            cur = c.execute("DELETE FROM notes WHERE id=? AND meeting_id=?", (note_id, meeting_id))
            if cur.rowcount == 0:
                raise _no_note(note_id, meeting_id)

    def notes(self, meeting_id: int) -> list[Note]:
        return [
            Note(
                r["id"],
                NoteKind(r["kind"]),
                r["step_index"],
                r["text"],
                dt.datetime.fromisoformat(r["created_at"]),
                r["repetition"],
            )
            for r in self.query("SELECT * FROM notes WHERE meeting_id=? ORDER BY id", (meeting_id,))
        ]

    # -- cards ---------------------------------------------------------------------------

    def add_card(self, meeting_id: int, card: Card, at: dt.datetime) -> Card:
        """A new card (its id is the store's); the card given is not changed."""
        with self.tx() as c:
            cur = c.execute(
                "INSERT INTO cards (meeting_id, step_index, repetition, text, votes, by_whom,"
                " to_whom, answer, place, position, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (meeting_id, card.step, card.repetition, *_card_values(card), _ts(at)),
            )
            return dataclasses.replace(card, id=_new_id(cur))

    def set_card(self, meeting_id: int, card: Card) -> None:
        """A card as it is now: its text, dots, who put it to whom, the answer, its place."""
        with self.tx() as c:
            c.execute(
                "UPDATE cards SET text=?, votes=?, by_whom=?, to_whom=?, answer=?, place=?,"
                " position=? WHERE id=? AND meeting_id=?",
                (*_card_values(card), card.id, meeting_id),
            )

    def delete_card(self, meeting_id: int, card_id: int) -> None:
        with self.tx() as c:
            c.execute("DELETE FROM cards WHERE id=? AND meeting_id=?", (card_id, meeting_id))

    def cards(
        self, meeting_id: int, step: int | None = None, repetition: int | None = None
    ) -> list[Card]:
        """The cards of the meeting (of one step's time through, if given), by step, in the
        order they were written."""
        where, params = "meeting_id=?", [meeting_id]
        if step is not None:  # a step's panel, redrawn at every change: its own cards only
            where += " AND step_index=? AND repetition=?"
            params += [step, repetition if repetition is not None else 1]
        return [
            Card(
                r["id"],
                r["step_index"],
                r["text"],
                r["votes"],
                r["repetition"],
                r["by_whom"],
                r["to_whom"],
                r["answer"],
                r["place"],
                r["position"],
            )
            for r in self.query(
                "SELECT id, step_index, text, votes, repetition, by_whom, to_whom, answer,"
                f" place, position FROM cards WHERE {where} ORDER BY step_index, id",
                tuple(params),
            )
        ]

    # -- ratings and choices -------------------------------------------------------------

    def rate_scale(self, meeting_id: int, rating: ScaleRating, *, comment: bool = True) -> None:
        """Save a rating; with `comment=False` a rating given again keeps its comment."""
        keep = "comment" if not comment else "excluded.comment"
        with self.tx() as c:
            c.execute(
                "INSERT INTO scale_ratings (meeting_id, step_index, repetition, participant_id,"
                " value, comment) VALUES (?,?,?,?,?,?) ON CONFLICT(meeting_id, step_index,"
                f" repetition, participant_id) DO UPDATE SET value=excluded.value, comment={keep}",
                (
                    meeting_id,
                    rating.step,
                    rating.repetition,
                    rating.participant_id,
                    rating.value,
                    rating.comment,
                ),
            )

    def scale_ratings(self, meeting_id: int) -> list[ScaleRating]:
        return [
            ScaleRating(
                r["step_index"], r["participant_id"], r["value"], r["comment"], r["repetition"]
            )
            for r in self.query(
                "SELECT s.* FROM scale_ratings s JOIN participants p ON p.id = s.participant_id"
                " WHERE s.meeting_id=? ORDER BY s.step_index, s.repetition, p.position",
                (meeting_id,),
            )
        ]

    def mark_choice(self, meeting_id: int, mark: ChoiceMark) -> None:
        with self.tx() as c:
            c.execute(
                "INSERT INTO choice_marks (meeting_id, step_index, repetition, rating,"
                " participant_key, option_id) VALUES (?,?,?,?,?,?) ON CONFLICT(meeting_id,"
                " step_index, repetition, rating, participant_key)"
                " DO UPDATE SET option_id=excluded.option_id",
                (
                    meeting_id,
                    mark.step,
                    mark.repetition,
                    mark.rating,
                    mark.participant_id or 0,
                    mark.option_id,
                ),
            )

    def toggle_pick(self, meeting_id: int, mark: ChoiceMark) -> bool:
        """In a choice of several: mark the option, or unmark it if it was. True: marked."""
        key = (meeting_id, mark.step, mark.repetition, mark.rating, mark.option_id)
        with self.tx() as c:
            gone = c.execute(
                "DELETE FROM choice_picks WHERE meeting_id=? AND step_index=? AND repetition=?"
                " AND rating=? AND option_id=?",
                key,
            ).rowcount
            if not gone:
                c.execute(
                    "INSERT INTO choice_picks (meeting_id, step_index, repetition, rating,"
                    " option_id) VALUES (?,?,?,?,?)",
                    key,
                )
        return not gone

    def choice_marks(self, meeting_id: int) -> list[ChoiceMark]:
        """The marks of choices of one and of several, by step and time through it."""
        one = [
            ChoiceMark(
                r["step_index"],
                r["option_id"],
                r["rating"],
                r["participant_key"] or None,
                r["repetition"],
            )
            for r in self.query(
                "SELECT * FROM choice_marks WHERE meeting_id=?"
                " ORDER BY step_index, repetition, rating",
                (meeting_id,),
            )
        ]
        several = [
            ChoiceMark(r["step_index"], r["option_id"], r["rating"], None, r["repetition"])
            for r in self.query(
                "SELECT * FROM choice_picks WHERE meeting_id=?"
                " ORDER BY step_index, repetition, rating",
                (meeting_id,),
            )
        ]
        return sorted([*one, *several], key=lambda m: (m.step, m.repetition, m.rating))


def _no_note(note: int, meeting: int) -> StoreError:
    said = _("note {id} does not exist in meeting {meeting}")
    return StoreError(said.format(id=note, meeting=meeting))


def _card_values(card: Card) -> tuple:
    """A card's own columns, in the order both INSERT and UPDATE name them."""
    return (card.text, card.votes, card.by, card.to, card.answer, card.place, card.position)
