"""Meetings and their people: creating and listing meetings, status, series, consent
(the meeting's and each case's), participants and the groups formed at a step, forgetting."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from dataclasses import dataclass

from dialogtui.errors import StoreError
from dialogtui.i18n import _
from dialogtui.records import (
    OPEN_STATUSES,
    MeetingInfo,
    MeetingStatus,
    MeetingSummary,
    Participant,
)
from dialogtui.store.connection import StoreBase, _dt, _new_id, _ts


@dataclass(frozen=True)
class MeetingRow:
    """A meeting as stored, apart from where it stands (`StepsRepo.position`) and its
    people (`MeetingsRepo.participants`)."""

    id: int
    set_id: str
    set_toml: str  # the question set as it was when the meeting was created
    title: str
    date: dt.date
    place: str
    language: str
    asker: str
    writer: str
    series: str | None
    previous_id: int | None  # the meeting this one follows up
    status: MeetingStatus
    consent_given: bool | None
    consent_note: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None

    @classmethod
    def of(cls, r: sqlite3.Row) -> MeetingRow:
        return cls(
            id=r["id"],
            set_id=r["set_id"],
            set_toml=r["set_toml"],
            title=r["title"],
            date=dt.date.fromisoformat(r["date"]),
            place=r["place"],
            language=r["language"],
            asker=r["asker"],
            writer=r["writer"],
            series=r["series"],
            previous_id=r["previous_id"],
            status=MeetingStatus(r["status"]),
            consent_given=None if r["consent_given"] is None else bool(r["consent_given"]),
            consent_note=r["consent_note"],
            created_at=dt.datetime.fromisoformat(r["created_at"]),
            started_at=_dt(r["started_at"]),
            finished_at=_dt(r["finished_at"]),
        )


class MeetingsRepo(StoreBase):
    """The meetings of the file and the people of each."""

    def create_meeting(
        self, info: MeetingInfo, set_toml: str, language: str, now: dt.datetime
    ) -> int:
        with self.tx() as c:
            # The number after the highest ever given, a forgotten meeting's too.
            c.execute(
                "UPDATE meeting_numbers SET last = max(last,"
                " (SELECT COALESCE(max(id), 0) FROM meetings)) + 1"
            )
            number = c.execute("SELECT last FROM meeting_numbers").fetchone()[0]
            cur = c.execute(
                "INSERT INTO meetings (id, set_id, set_toml, title, date, place, language, asker,"
                " writer, series, previous_id, consent_given, consent_note, created_at)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    number,
                    info.set_id,
                    set_toml,
                    info.title,
                    info.date.isoformat(),
                    info.place,
                    language,
                    info.asker,
                    info.writer,
                    info.series,
                    info.previous_id,
                    None if info.consent_given is None else int(info.consent_given),
                    info.consent_note,
                    _ts(now),
                ),
            )
            meeting_id = _new_id(cur)
            for n, p in enumerate(info.participants):
                _insert_participant(c, meeting_id, n, p)
        return meeting_id

    def meeting_row(self, meeting_id: int) -> MeetingRow:
        """The meeting as stored; `UnknownMeeting` if there is none with this id."""
        return MeetingRow.of(self._meeting_row(meeting_id))

    def meeting_info(self, meeting_id: int) -> MeetingInfo:
        r = self.meeting_row(meeting_id)
        return MeetingInfo(
            set_id=r.set_id,
            title=r.title,
            date=r.date,
            place=r.place,
            asker=r.asker,
            writer=r.writer,
            series=r.series,
            previous_id=r.previous_id,
            participants=self.participants(meeting_id),
            consent_given=r.consent_given,
            consent_note=r.consent_note,
        )

    def list_meetings(self) -> list[MeetingSummary]:
        """Every meeting, newest first, with what lists tell them apart by: one query (the
        start screen lists thousands at once), each count and the people read by index."""
        rows = self.query(
            "SELECT m.id, m.set_id, m.title, m.date, m.status, "
            " (SELECT COUNT(*) FROM turns t WHERE t.meeting_id = m.id AND t.deleted_at IS NULL"
            "   AND t.passed = 0) AS turn_count,"
            " (SELECT COUNT(*) FROM actions a WHERE a.meeting_id = m.id"
            "   AND a.status IN (?, ?)) AS open_actions,"
            " m.place, m.series, m.previous_id, m.finished_at,"
            # A JSON array: a name may hold any character, a separator included.
            " (SELECT json_group_array(name) FROM (SELECT p.name FROM participants p"
            "   WHERE p.meeting_id = m.id AND p.group_step IS NULL"
            "   ORDER BY p.position, p.id)) AS people"
            " FROM meetings m ORDER BY m.date DESC, m.id DESC",
            OPEN_STATUSES,
        )
        return [
            MeetingSummary(
                r[0],
                r[1],
                r[2],
                r[3],
                MeetingStatus(r[4]),
                r[5],
                r[6],
                place=r[7],
                series=r[8],
                previous_id=r[9],
                participants=tuple(json.loads(r[11] or "[]")),
                finished_at=_dt(r[10]),
            )
            for r in rows
        ]

    def set_status(self, meeting_id: int, status: MeetingStatus, now: dt.datetime) -> None:
        column = "finished_at" if status is MeetingStatus.finished else "started_at"
        with self.tx() as c:
            c.execute(
                f"UPDATE meetings SET status=?, {column}=COALESCE({column}, ?) WHERE id=?",
                (status.value, _ts(now), meeting_id),
            )
            if status is MeetingStatus.open:  # reopening a finished meeting
                ended = c.execute(
                    "SELECT finished_at FROM meetings WHERE id=?", (meeting_id,)
                ).fetchone()
                c.execute("UPDATE meetings SET finished_at=NULL WHERE id=?", (meeting_id,))
                if ended is not None and ended[0] is not None:
                    # What is written from now on was not read back: the acceptance says so.
                    c.execute(
                        "UPDATE read_backs SET reopened_at=? WHERE meeting_id=?"
                        " AND reopened_at IS NULL",
                        (_ts(now), meeting_id),
                    )

    def set_series(self, meeting_id: int, series: str) -> None:
        with self.tx() as c:
            c.execute(
                "UPDATE meetings SET series=? WHERE id=? AND series IS NULL", (series, meeting_id)
            )
            c.execute(
                "UPDATE actions SET series=? WHERE meeting_id=? AND series IS NULL",
                (series, meeting_id),
            )

    def set_consent(self, meeting_id: int, given: bool, note: str) -> None:
        with self.tx() as c:
            c.execute(
                "UPDATE meetings SET consent_given=?, consent_note=? WHERE id=?",
                (int(given), note, meeting_id),
            )

    def forget(self, meeting_id: int) -> None:
        """Delete a meeting and everything in it, and scrub it from the file."""
        self._meeting_row(meeting_id)
        with self.tx() as c:
            c.execute("DELETE FROM meetings WHERE id=?", (meeting_id,))
        # The search index forgets the meeting's rows at once (its triggers), but keeps
        # their words in its pages, marked deleted, until it is merged: merged now.
        self._tidy_index()
        # secure_delete zeroes the freed pages; the checkpoint empties the WAL copy.
        busy = self.query("PRAGMA wal_checkpoint(TRUNCATE)")[0][0]
        if busy:
            said = _(
                "meeting {id} is deleted, but its text is still in the database file's log"
                " while another dialogtui reads it; the log is emptied when that window"
                " closes, so close it now"
            )
            raise StoreError(said.format(id=meeting_id))

    # -- participants and groups ---------------------------------------------------------

    def participants(self, meeting_id: int) -> list[Participant]:
        """The people of a meeting (its groups apart: `groups`)."""
        return [
            _participant(r)
            for r in self.query(
                "SELECT * FROM participants WHERE meeting_id=? AND group_step IS NULL"
                " ORDER BY position, id",
                (meeting_id,),
            )
        ]

    def earlier_participants(self, meeting_id: int) -> list[Participant]:
        """Everyone in the meetings before this one in its series, and in the meeting it
        follows up: the people its carried actions can name."""
        r = self._meeting_row(meeting_id)
        rows = self.query(
            "SELECT p.* FROM participants p JOIN meetings m ON m.id = p.meeting_id"
            " WHERE m.id <> ? AND (m.id = ? OR (m.series = ? AND m.id < ?))"
            " AND p.group_step IS NULL"
            " ORDER BY m.id, p.position, p.id",
            (meeting_id, r["previous_id"], r["series"], meeting_id),
        )
        return [_participant(r) for r in rows]

    def add_participant(self, meeting_id: int, p: Participant) -> Participant:
        with self.tx() as c:
            pos = c.execute(
                "SELECT COALESCE(MAX(position), -1) + 1 FROM participants WHERE meeting_id=?",
                (meeting_id,),
            ).fetchone()[0]
            _insert_participant(c, meeting_id, pos, p)
        return p

    def add_group(self, meeting_id: int, step: int, name: str) -> Participant:
        """A group or pair formed at a step: it speaks (its outputs are its turns), but it
        is not one of the meeting's people."""
        return self.add_participant(meeting_id, Participant(name, group_step=step))

    def rename_group(self, meeting_id: int, group_id: int, name: str) -> None:
        with self.tx() as c:
            c.execute(
                "UPDATE participants SET name=? WHERE id=? AND meeting_id=?"
                " AND group_step IS NOT NULL",
                (name, group_id, meeting_id),
            )

    def groups(self, meeting_id: int) -> dict[int, list[Participant]]:
        """The groups formed at each step, in the order they were formed."""
        out: dict[int, list[Participant]] = {}
        for r in self.query(
            "SELECT * FROM participants WHERE meeting_id=? AND group_step IS NOT NULL"
            " ORDER BY position, id",
            (meeting_id,),
        ):
            out.setdefault(r["group_step"], []).append(_participant(r))
        return out

    # -- consent per case ----------------------------------------------------------------

    def set_case_consent(
        self, meeting_id: int, repetition: int, note: str, at: dt.datetime
    ) -> None:
        """How the guardians' consent for a case was given; an empty note: not given."""
        with self.tx() as c:
            if note:
                c.execute(
                    "INSERT OR REPLACE INTO case_consents VALUES (?,?,?,?)",
                    (meeting_id, repetition, note, _ts(at)),
                )
            else:
                c.execute(
                    "DELETE FROM case_consents WHERE meeting_id=? AND repetition=?",
                    (meeting_id, repetition),
                )

    def case_consents(self, meeting_id: int) -> dict[int, str]:
        """Per case (a block's time through), how its consent was given."""
        rows = self.query(
            "SELECT repetition, note FROM case_consents WHERE meeting_id=?", (meeting_id,)
        )
        return {r["repetition"]: r["note"] for r in rows}


def _participant(r: sqlite3.Row) -> Participant:
    return Participant(
        r["name"],
        r["role"],
        r["organisation"],
        r["pseudonym"],
        r["id"],
        r["position"],
        r["group_step"],
    )


def _insert_participant(
    c: sqlite3.Connection, meeting_id: int, position: int, p: Participant
) -> None:
    cur = c.execute(
        "INSERT INTO participants"
        " (meeting_id, position, name, role, organisation, pseudonym, group_step)"
        " VALUES (?,?,?,?,?,?,?)",
        (meeting_id, position, p.name, p.role, p.organisation, p.pseudonym, p.group_step),
    )
    p.id, p.position = _new_id(cur), position
