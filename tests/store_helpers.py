"""A store with something in every table of a meeting, written through the store alone (no
engine): for the tests of what the store's repositories may and may not change."""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from conftest import SETS

from dialogtui.records import (
    ActionItem,
    Card,
    ChoiceMark,
    FollowUp,
    MeetingInfo,
    NoteKind,
    Participant,
    PlanFrame,
    Position,
    ScaleRating,
    Turn,
)
from dialogtui.store import Store

NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
SET_ID = "raseborg-temamote"


@dataclass
class Filled:
    """The ids of what one meeting holds, one of each."""

    meeting: int
    person: int
    group: int
    turn: int
    note: int
    card: int
    action: int


def fill(store: Store, title: str, previous: int | None = None) -> Filled:
    """A meeting with a row in every table that holds a meeting's data; `previous`: it
    follows that meeting up (one series), and follows up its first action."""
    text = (SETS / f"{SET_ID}.toml").read_text(encoding="utf-8")
    info = MeetingInfo(
        SET_ID,
        title,
        dt.date(2026, 1, 15),
        participants=[Participant("Anna", organisation="skola"), Participant("Bo")],
        previous_id=previous,
        series="serie" if previous else None,
    )
    if previous:
        store.set_series(previous, "serie")
    m = store.create_meeting(info, text, "sv", NOW)
    person = store.participants(m)[0].id
    assert person is not None
    group = store.add_group(m, 1, "Grupp 1").id
    assert group is not None
    store.set_position(m, Position(1, 0, person, 1, False))
    turn = store.add_turn(m, Turn(0, 0, 0, person, f"{title}: sagt", False, 1, False, NOW, NOW))
    second = store.add_turn(m, Turn(0, 0, 0, person, f"{title}: mer", False, 1, False, NOW, NOW))
    store.edit_turn(m, second.id, f"{title}: rättat", NOW, at_read_back=True)
    store.add_objection(m, turn.id, "Bo", "inte så", NOW)
    store.accept_read_back(m, "Anna, Bo", NOW, [("turns", 2)])
    store.save_draft(m, f"{title}: utkast", NOW)
    store.keep_text(m, "note:decision", f"{title}: öppen dialog", NOW)
    store.add_step_time(m, 0, 42.0)
    store.set_skipped(m, 2, True, NOW)
    store.name_case(m, 0, 1, f"{title}: fall", None, NOW)
    store.choose_alternative(m, 1, 1, NOW)
    note = store.add_note(m, NoteKind.decision, 0, f"{title}: beslut", NOW).id
    card = store.add_card(m, Card(0, 1, f"{title}: kort"), NOW).id
    store.rate_scale(m, ScaleRating(1, person, 4, "bra"))
    store.mark_choice(m, ChoiceMark(1, "a", "now", person))
    store.toggle_pick(m, ChoiceMark(1, "b", "desired"))
    action = store.add_action(m, ActionItem(f"{title}: göra", who="Anna"), None, NOW).id
    assert action is not None
    if previous:
        carried = store.actions(previous)[0].id
        assert carried is not None
        store.follow_up(m, FollowUp(carried, store.actions(previous)[0].status), NOW)
    store.save_plan(m, PlanFrame(goal_own=f"{title}: mål"))
    store.set_case_consent(m, 1, "muntligt", NOW)
    store.set_consent(m, True, "muntligt")
    return Filled(m, person, group, turn.id, note, card, action)


MEETING_TABLES = [
    "participants",
    "turns",
    "step_times",
    "scale_ratings",
    "choice_marks",
    "actions",
    "follow_ups",
    "drafts",
    "kept_texts",
    "skipped_steps",
    "case_names",
    "chosen_alternatives",
    "cards",
    "choice_picks",
    "notes",
    "case_consents",
    "objections",
    "read_backs",
    "plans",
]


def rows_of(path: Path, meeting_id: int) -> dict[str, list[tuple]]:
    """Everything the file holds of one meeting, table by table, read past the store (a
    plain connection), so that a store's own slip cannot hide in how it reads."""
    conn = sqlite3.connect(path)
    try:
        out = {
            "meetings": conn.execute("SELECT * FROM meetings WHERE id=?", (meeting_id,)).fetchall()
        }
        for table in MEETING_TABLES:
            sql = f"SELECT * FROM {table} WHERE meeting_id=? ORDER BY rowid"
            out[table] = conn.execute(sql, (meeting_id,)).fetchall()
        out["turn_revisions"] = conn.execute(
            "SELECT r.* FROM turn_revisions r JOIN turns t ON t.id = r.turn_id"
            " WHERE t.meeting_id=? ORDER BY r.id",
            (meeting_id,),
        ).fetchall()
        return out
    finally:
        conn.close()


def rows_by_meeting(conn: sqlite3.Connection) -> dict[int, dict[str, list[tuple]]]:
    """Everything the file holds, per meeting and table, read at once over a plain
    connection (for checks after each of many writes)."""
    out: dict[int, dict[str, list[tuple]]] = {}
    for (meeting,) in conn.execute("SELECT id FROM meetings"):
        out[meeting] = {table: [] for table in ["meetings", *MEETING_TABLES, "turn_revisions"]}
    for row in conn.execute("SELECT * FROM meetings ORDER BY id"):
        out[row[0]]["meetings"].append(row)
    for table in MEETING_TABLES:
        for row in conn.execute(f"SELECT meeting_id, * FROM {table} ORDER BY rowid"):
            out[row[0]][table].append(row[1:])
    for row in conn.execute(
        "SELECT t.meeting_id, r.* FROM turn_revisions r JOIN turns t ON t.id = r.turn_id"
        " ORDER BY r.id"
    ):
        out[row[0]]["turn_revisions"].append(row[1:])
    return out


def tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
        return {r[0] for r in rows}
    finally:
        conn.close()
