"""Schema migrations. Each entry upgrades the database by one version; never edit old ones."""

from __future__ import annotations

import bisect
import datetime as dt
import sqlite3
import tomllib
from collections.abc import Callable

# -- migration 22's index ----------------------------------------------------------------
#
# What each source puts in the search index, written out once here and never changed (a
# migration is never edited): the number in its rowid, its table, the condition a row is
# indexed under, its text, and the columns whose change re-indexes it. The text goes in
# twice: `plain` with ø and æ as o and ae (the tokenizer folds the other accents: "traff"
# finds "Träff"), and `nordic` with å ä æ ö ø spelt out (aa, ae, ae, oe, oe) so that a word
# typed with them finds only them ("för" does not find "for"). dialogtui.finding says why.

_FOUND_SOURCES: list[tuple[int, str, str, str, str]] = [
    (0, "turns", "{r}.deleted_at IS NULL", "{r}.text", "text, deleted_at"),
    (1, "notes", "1", "{r}.text", "text"),
    (
        2,
        "actions",
        "1",
        "{r}.what || ' ' || {r}.how || ' ' || {r}.who || ' ' || {r}.with_whom"
        " || ' ' || {r}.first_step",
        "what, how, who, with_whom, first_step",
    ),
    (
        3,
        "cards",
        "1",
        "{r}.text || ' ' || {r}.by_whom || ' ' || {r}.to_whom || ' ' || {r}.answer"
        " || ' ' || {r}.place",
        "text, by_whom, to_whom, answer, place",
    ),
    (
        4,
        "participants",
        "{r}.group_step IS NULL",
        "{r}.name || ' ' || COALESCE({r}.role, '') || ' ' || {r}.organisation",
        "name, role, organisation, group_step",
    ),
    (
        5,
        "meetings",
        "1",
        "{r}.title || ' ' || {r}.place || ' ' || {r}.asker || ' ' || {r}.writer",
        "title, place, asker, writer",
    ),
]

# The letters kept apart in `nordic`: each becomes a character of Unicode's private use
# area, which no text holds and the tokenizer keeps as a letter of the word (a spelling
# such as "oe" would let "bö" find "boendet"); ä and æ are one letter, as ö and ø are.
# Composed, and as a terminal may send them (the letter and its combining mark); both
# cases, as SQL's replace() tells them apart.
_NORDIC_LETTERS = [
    ("å", "\ue001"), ("ä", "\ue002"), ("æ", "\ue002"), ("ö", "\ue003"), ("ø", "\ue003"),
    ("a\u030a", "\ue001"), ("a\u0308", "\ue002"), ("o\u0308", "\ue003"),
]  # fmt: skip
_AS_PLAIN = [("ø", "o"), ("æ", "ae")]


def _replaced(text: str, pairs: list[tuple[str, str]]) -> str:
    for letter, spelt in pairs:
        upper = spelt.capitalize() if spelt.isascii() else spelt
        for a, b in ((letter, spelt), (letter.upper(), upper)):
            text = f"replace({text}, '{a}', '{b}')"
    return text


def _found_values(code: int, text: str, r: str, table: str) -> str:
    """A source row's rowid and its two texts. The rowid holds its meeting above bit 40,
    its own id and its source below: a search counts its hits per meeting, and reads the
    rows of the newest meetings only, from the rowids alone."""
    text = text.format(r=r)
    meeting = f"{r}.id" if table == "meetings" else f"{r}.meeting_id"
    rowid = f"({meeting} << 40) + {r}.id * 8 + {code}"
    return f"{rowid}, {_replaced(text, _AS_PLAIN)}, {_replaced(text, _NORDIC_LETTERS)}"


def _found_sql() -> list[str]:
    out = [
        "CREATE VIRTUAL TABLE found USING fts5(plain, nordic, content='', columnsize=0,"
        " detail=column, tokenize='unicode61 remove_diacritics 2');",
        # A row deleted or changed leaves its words in the index's pages, marked deleted,
        # until the index is merged: a row here says that a merge is due
        # (`SearchRepo.tidy_index`, when the store is closed and when a meeting is
        # forgotten). A turn's words need none: the turn keeps its text and history.
        "CREATE TABLE found_untidy (since TEXT NOT NULL);",
    ]
    untidy = (
        "INSERT INTO found_untidy SELECT datetime('now')"
        " WHERE NOT EXISTS (SELECT 1 FROM found_untidy);"
    )
    for code, table, where, text, columns in _FOUND_SOURCES:
        new = _found_values(code, text, "new", table)
        old = _found_values(code, text, "old", table)
        add = "INSERT INTO found (rowid, plain, nordic) SELECT {values} WHERE {where};"
        drop = (
            "INSERT INTO found (found, rowid, plain, nordic)"
            " SELECT 'delete', {values} WHERE {where};"
        )
        added = add.format(values=new, where=where.format(r="new"))
        dropped = drop.format(values=old, where=where.format(r="old"))
        if table != "turns":
            dropped += " " + untidy
        out += [
            f"CREATE TRIGGER found_{table}_added AFTER INSERT ON {table} BEGIN {added} END;",
            f"CREATE TRIGGER found_{table}_gone AFTER DELETE ON {table} BEGIN {dropped} END;",
            f"CREATE TRIGGER found_{table}_changed AFTER UPDATE OF {columns} ON {table}"
            f" BEGIN {dropped} {added} END;",
            # What an old store holds, indexed as the triggers would have.
            f"INSERT INTO found (rowid, plain, nordic)"
            f" SELECT {_found_values(code, text, table, table)} FROM {table}"
            f" WHERE {where.format(r=table)};",
        ]
    return out


MIGRATIONS: list[str] = [
    # 1: the first schema
    """
    CREATE TABLE meetings (
        id INTEGER PRIMARY KEY,
        set_id TEXT NOT NULL,
        set_toml TEXT NOT NULL,
        title TEXT NOT NULL,
        date TEXT NOT NULL,
        place TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL,
        asker TEXT NOT NULL DEFAULT '',
        writer TEXT NOT NULL DEFAULT '',
        series TEXT,
        previous_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
        status TEXT NOT NULL DEFAULT 'open',
        step_index INTEGER NOT NULL DEFAULT 0,
        question_index INTEGER NOT NULL DEFAULT 0,
        speaker_id INTEGER,
        repetition INTEGER NOT NULL DEFAULT 1,
        paused INTEGER NOT NULL DEFAULT 0,
        consent_given INTEGER,
        consent_note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT
    );
    CREATE TABLE participants (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        name TEXT NOT NULL,
        role TEXT,
        organisation TEXT NOT NULL DEFAULT '',
        pseudonym TEXT
    );
    CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        repetition INTEGER NOT NULL DEFAULT 1,
        question_index INTEGER,
        participant_id INTEGER REFERENCES participants(id) ON DELETE SET NULL,
        text TEXT NOT NULL,
        passed INTEGER NOT NULL DEFAULT 0,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        deleted_at TEXT
    );
    CREATE INDEX turns_by_step ON turns(meeting_id, step_index, id);
    CREATE TABLE turn_revisions (
        id INTEGER PRIMARY KEY,
        turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('edit', 'delete'))
    );
    CREATE TABLE step_times (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        elapsed_seconds REAL NOT NULL DEFAULT 0,
        PRIMARY KEY (meeting_id, step_index)
    );
    CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('decision', 'concern')),
        step_index INTEGER,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE TABLE scale_ratings (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        value INTEGER NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (meeting_id, step_index, participant_id)
    );
    CREATE TABLE choice_marks (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        rating TEXT NOT NULL,
        participant_key INTEGER NOT NULL,
        option_id TEXT NOT NULL,
        PRIMARY KEY (meeting_id, step_index, rating, participant_key)
    );
    CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER,
        series TEXT,
        what TEXT NOT NULL,
        how TEXT NOT NULL DEFAULT '',
        who TEXT NOT NULL DEFAULT '',
        with_whom TEXT NOT NULL DEFAULT '',
        due TEXT,
        first_step TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE TABLE follow_ups (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
        status TEXT NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        UNIQUE (meeting_id, action_id)
    );
    CREATE TABLE drafts (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        saved_at TEXT NOT NULL
    );
    """,
    # 2: finding a turn's history by turn, for the `edited` mark on every turn
    """
    CREATE INDEX turn_revisions_by_turn ON turn_revisions(turn_id);
    """,
    # 3: text typed into a dialog (a decision, an action item, a comment), kept like the
    # draft so that quitting or a crash with a dialog open loses nothing
    """
    CREATE TABLE kept_texts (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        text TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, key)
    );
    """,
    # 4: the hot queries read indexes, not tables that grow: a meeting's actions (the
    # meetings list counted them with a scan of all actions, per meeting), and who has
    # spoken on a question (a covering index of the live turns, also for turn counts)
    """
    CREATE INDEX actions_by_meeting ON actions(meeting_id, status);
    CREATE INDEX turns_said ON turns(
        meeting_id, step_index, repetition, question_index, participant_id, passed, deleted_at
    );
    """,
    # 5: optional steps the meeting skipped (the minutes say so, with the source's condition)
    """
    CREATE TABLE skipped_steps (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        skipped_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, step_index)
    );
    """,
    # 6: which of a step's alternative questions the meeting asks (Raseborg's temamöte)
    """
    CREATE TABLE chosen_alternatives (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        question_index INTEGER NOT NULL,
        chosen_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, step_index)
    );
    """,
    # 7: groups and pairs, formed at a step: speakers of their own (their outputs are turns),
    # kept apart from the people (NULL: a person)
    """
    ALTER TABLE participants ADD COLUMN group_step INTEGER;
    """,
    # 8: the cards of a vote step (cases, obstacles, activities) and the dots each was given
    """
    CREATE TABLE cards (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        text TEXT NOT NULL,
        votes INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE INDEX cards_by_meeting ON cards(meeting_id, step_index);
    """,
    # 9: the options marked in a choice of several (the Danish roles: "Hvilke rolle og
    # hvilke opgaver"), each on or off; a choice of one keeps its one mark in choice_marks
    """
    CREATE TABLE choice_picks (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        rating TEXT NOT NULL,
        option_id TEXT NOT NULL,
        PRIMARY KEY (meeting_id, step_index, rating, option_id)
    );
    """,
    # 10: a note may be the group's agreed standpoint ("fælles ståsted"); SQLite cannot
    # change a CHECK, so the table is made again with its rows
    """
    CREATE TABLE notes_10 (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('decision', 'concern', 'standpoint')),
        step_index INTEGER,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    INSERT INTO notes_10 (id, meeting_id, kind, step_index, text, created_at)
        SELECT id, meeting_id, kind, step_index, text, created_at FROM notes;
    DROP TABLE notes;
    ALTER TABLE notes_10 RENAME TO notes;
    """,
    # 11: the guardians' consent per case, where a block of steps is done once per case
    """
    CREATE TABLE case_consents (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        repetition INTEGER NOT NULL,
        note TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, repetition)
    );
    """,
    # 12: cards are kept per time through a block; a card may be a need one actor puts to
    # another ("Vad behöver du/ni av de andra aktörerna?") with the asked one's answer, or a
    # sheet laid out in the room: on a timeline (its when, its place in the line) or a map;
    # an action item is kept with its case (the time through a block) and the group that made it
    """
    ALTER TABLE cards ADD COLUMN repetition INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE cards ADD COLUMN by_whom TEXT NOT NULL DEFAULT '';
    ALTER TABLE cards ADD COLUMN to_whom TEXT NOT NULL DEFAULT '';
    ALTER TABLE cards ADD COLUMN answer TEXT NOT NULL DEFAULT '';
    ALTER TABLE cards ADD COLUMN place TEXT NOT NULL DEFAULT '';
    ALTER TABLE cards ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE actions ADD COLUMN repetition INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE actions ADD COLUMN group_id INTEGER;
    """,
    # 13: the read-back in the room: a turn corrected there (its edit marked so), what a
    # participant considers incorrect ("Om den enskilde anser att någon uppgift i
    # dokumentationen är oriktig ska detta antecknas", 11 kap. 6 § SoL), kept beside the turn
    # and never over it, and who accepted the minutes as read back, when
    """
    ALTER TABLE turn_revisions ADD COLUMN at_read_back INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE objections (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
        by_whom TEXT NOT NULL,
        text TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX objections_by_meeting ON objections(meeting_id, turn_id);
    CREATE TABLE read_backs (
        id INTEGER PRIMARY KEY,
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        accepted_by TEXT NOT NULL,
        at TEXT NOT NULL
    );
    """,
    # 14: the plan as a coordinated plan needs it (SIP, individual plan): its goal in the
    # person's own words and the professionals', its owner, the follow-up meeting and who
    # calls it; one per meeting, written in its action-planning step
    """
    CREATE TABLE plans (
        meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
        goal_own TEXT NOT NULL DEFAULT '',
        goal_professionals TEXT NOT NULL DEFAULT '',
        owner TEXT NOT NULL DEFAULT '',
        follow_up_on TEXT,
        follow_up_by TEXT NOT NULL DEFAULT ''
    );
    """,
    # 15: the plan's measures by parties outside the meeting (a SIP names them too)
    """
    ALTER TABLE plans ADD COLUMN by_others TEXT NOT NULL DEFAULT '';
    """,
    # 16: a turn moved to the one who really said it (f6 in the turns list), its earlier
    # speaker kept in the history like an earlier text (a CHECK cannot be altered in place)
    """
    CREATE TABLE turn_revisions_16 (
        id INTEGER PRIMARY KEY,
        turn_id INTEGER NOT NULL REFERENCES turns(id) ON DELETE CASCADE,
        text TEXT NOT NULL,
        replaced_at TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('edit', 'delete', 'move')),
        at_read_back INTEGER NOT NULL DEFAULT 0,
        participant_id INTEGER
    );
    INSERT INTO turn_revisions_16 (id, turn_id, text, replaced_at, action, at_read_back)
        SELECT id, turn_id, text, replaced_at, action, at_read_back FROM turn_revisions;
    DROP TABLE turn_revisions;
    ALTER TABLE turn_revisions_16 RENAME TO turn_revisions;
    CREATE INDEX turn_revisions_by_turn ON turn_revisions(turn_id);
    """,
    # 17: who may read what: an objection's author as a participant (a recipient's copy
    # holds it only if it holds its author's statements; older ones found by their name);
    # the follow-up meeting's time and place; what a read-back covered, as its acceptance
    # line says, and when the meeting was opened again after it (what came after was not
    # read back)
    """
    ALTER TABLE objections ADD COLUMN participant_id INTEGER;
    UPDATE objections SET participant_id = (
        SELECT min(p.id) FROM participants p
        WHERE p.meeting_id = objections.meeting_id AND trim(p.name) = trim(objections.by_whom)
        HAVING count(*) = 1
    );
    ALTER TABLE plans ADD COLUMN follow_up_at TEXT NOT NULL DEFAULT '';
    ALTER TABLE plans ADD COLUMN follow_up_place TEXT NOT NULL DEFAULT '';
    ALTER TABLE read_backs ADD COLUMN covered TEXT NOT NULL DEFAULT '';
    ALTER TABLE read_backs ADD COLUMN reopened_at TEXT;
    """,
    # 18: who has spoken in a time through a step, on any of its questions, found with one
    # seek per person (turns_said serves one question); a meeting's people found without
    # reading everyone's (a resume at a step of 100,000 turns scanned them all, for 20 ms)
    """
    CREATE INDEX turns_spoken ON turns(
        meeting_id, step_index, repetition, participant_id, passed, deleted_at
    );
    CREATE INDEX participants_by_meeting ON participants(meeting_id, position);
    """,
    # 19: a time through a block is a case (a child) with a name, typed or the vote's card it
    # was chosen from; an optional step is skipped for one case, not for the whole meeting
    # (earlier skips were of the first time through). No index for a case's turns: each
    # index is another page written with every turn, and a full disk came sooner; a case's
    # last turns are found through turns_by_step, its count through turns_spoken
    """
    CREATE TABLE case_names (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        block_index INTEGER NOT NULL,
        repetition INTEGER NOT NULL,
        name TEXT NOT NULL,
        card_id INTEGER REFERENCES cards(id) ON DELETE SET NULL,
        named_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, block_index, repetition)
    );
    CREATE TABLE skipped_steps_19 (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        repetition INTEGER NOT NULL DEFAULT 1,
        skipped_at TEXT NOT NULL,
        PRIMARY KEY (meeting_id, step_index, repetition)
    );
    INSERT INTO skipped_steps_19 (meeting_id, step_index, repetition, skipped_at)
        SELECT meeting_id, step_index, 1, skipped_at FROM skipped_steps;
    DROP TABLE skipped_steps;
    ALTER TABLE skipped_steps_19 RENAME TO skipped_steps;
    """,
    # 20: a note, a rating and a choice's mark are kept with the time through their step (in
    # a block, the case: a child's copy holds its own decisions and none of another's), as
    # turns and actions are; earlier ones were of the first time through. A rating or a mark
    # is one per person per case, so the tables are made again with the case in their keys
    """
    ALTER TABLE notes ADD COLUMN repetition INTEGER NOT NULL DEFAULT 1;
    CREATE TABLE scale_ratings_20 (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        repetition INTEGER NOT NULL DEFAULT 1,
        participant_id INTEGER NOT NULL REFERENCES participants(id) ON DELETE CASCADE,
        value INTEGER NOT NULL,
        comment TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (meeting_id, step_index, repetition, participant_id)
    );
    INSERT INTO scale_ratings_20 (meeting_id, step_index, repetition, participant_id, value,
        comment)
        SELECT meeting_id, step_index, 1, participant_id, value, comment FROM scale_ratings;
    DROP TABLE scale_ratings;
    ALTER TABLE scale_ratings_20 RENAME TO scale_ratings;
    CREATE TABLE choice_marks_20 (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        repetition INTEGER NOT NULL DEFAULT 1,
        rating TEXT NOT NULL,
        participant_key INTEGER NOT NULL,
        option_id TEXT NOT NULL,
        PRIMARY KEY (meeting_id, step_index, repetition, rating, participant_key)
    );
    INSERT INTO choice_marks_20 (meeting_id, step_index, repetition, rating, participant_key,
        option_id)
        SELECT meeting_id, step_index, 1, rating, participant_key, option_id FROM choice_marks;
    DROP TABLE choice_marks;
    ALTER TABLE choice_marks_20 RENAME TO choice_marks;
    CREATE TABLE choice_picks_20 (
        meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
        step_index INTEGER NOT NULL,
        repetition INTEGER NOT NULL DEFAULT 1,
        rating TEXT NOT NULL,
        option_id TEXT NOT NULL,
        PRIMARY KEY (meeting_id, step_index, repetition, rating, option_id)
    );
    INSERT INTO choice_picks_20 (meeting_id, step_index, repetition, rating, option_id)
        SELECT meeting_id, step_index, 1, rating, option_id FROM choice_picks;
    DROP TABLE choice_picks;
    ALTER TABLE choice_picks_20 RENAME TO choice_picks;
    """,
    # 21: the room's view (`dialogtui wall`), a second process that only reads, follows the
    # meeting from the store alone: when the step's clock last ran on (the running part of
    # its time is otherwise in the scribe's memory only), what the scribe lets the room see,
    # and the read-back page on the scribe's screen (-1, -2: the pages after the steps) with
    # the item the scribe has chosen on it
    """
    ALTER TABLE meetings ADD COLUMN clock_since TEXT;
    ALTER TABLE meetings ADD COLUMN room_shows TEXT NOT NULL DEFAULT 'questions';
    ALTER TABLE meetings ADD COLUMN room_reading INTEGER;
    ALTER TABLE meetings ADD COLUMN room_item INTEGER NOT NULL DEFAULT 0;
    """,
    # 22: every meeting findable by what was said in it (`store/search.py`): one FTS5 index
    # over the live text of turns, notes, actions, cards, people and the meeting's own
    # lines, kept by triggers (so no write path can forget it) and filled here from what old
    # stores hold. Contentless: it keeps no second copy of anyone's words, only its index.
    # A row's rowid says what it is: its meeting << 40, the source row's id * 8, the
    # source's number.
    "\n".join(_found_sql())
    # A forgotten meeting's number is never given again: the next meeting took it (SQLite
    # reuses the highest id once its row is gone), and with it the forgotten family's
    # export folder ("möte-14") and any note that says "meeting 14". The highest number
    # ever given is kept here.
    + """
    CREATE TABLE meeting_numbers (last INTEGER NOT NULL);
    INSERT INTO meeting_numbers SELECT COALESCE(max(id), 0) FROM meetings;
    """,
]

LATEST = len(MIGRATIONS)


# -- the data steps ----------------------------------------------------------------------
#
# What SQL alone cannot do while a migration runs: migrations 19 and 20 give each old skip
# and note the case (the time through its block) it was made in. An old store kept none:
# every such row was of the meeting, and the rows made in a later case would otherwise all
# stand under case 1 (a concern about the second child in the first child's minutes, a
# skip above the needs the first case wrote). Run by the store in the same transaction, just
# after the migration's statements. No Textual here, and no question-set loader either: the
# stored TOML of an old set need not pass today's checks, and only its step ids and blocks
# are wanted.


def _blocks(set_toml: str) -> list[tuple[int, int]]:
    """The first and last step index of each block of a stored set (as the set's own
    `block_at` finds them); none where the TOML does not parse or is not shaped as a set."""
    try:
        data = tomllib.loads(set_toml)
    except (tomllib.TOMLDecodeError, TypeError):
        return []
    steps, blocks = data.get("steps"), data.get("blocks")
    if not isinstance(steps, list) or not isinstance(blocks, list):
        return []
    ids = [
        s.get("id") if isinstance(s, dict) and s.get("id") else f"step-{n}"
        for n, s in enumerate(steps, start=1)
    ]
    found = []
    for block in blocks:
        names = block.get("steps") if isinstance(block, dict) else None
        if not isinstance(names, list):
            continue
        at = [ids.index(name) for name in names if name in ids]
        if at:
            found.append((at[0], at[-1]))
    return found


def _when(text: object) -> dt.datetime | None:
    if not isinstance(text, str):
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    # Every time the engine wrote has its offset; one without is read as UTC rather than
    # compared with aware times (which Python refuses)
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


class _Cases:
    """Where a meeting's cases were worked, read once from the rows that already carry a
    case: turns (when saved), actions and cards (when made), at steps in blocks."""

    def __init__(self, c: sqlite3.Connection, meetings: str) -> None:
        """`meetings` is a query of the ids of the meetings that have rows to place: the
        rest (most of a store) are not read at all."""
        self.blocks: dict[int, list[tuple[int, int]]] = {}
        self.standing: dict[int, tuple[int, int]] = {}
        for meeting, toml, step, repetition in c.execute(
            f"SELECT id, set_toml, step_index, repetition FROM meetings WHERE id IN ({meetings})"
        ):
            self.blocks[meeting] = _blocks(toml)
            self.standing[meeting] = (step, repetition)
        # (meeting, block) -> [(when, case)], sorted; (meeting, step) -> cases with material
        self.worked: dict[tuple[int, int], list[tuple[dt.datetime, int]]] = {}
        self.material: dict[tuple[int, int], set[int]] = {}
        for meeting, blocks in self.blocks.items():
            for block, (first, last) in enumerate(blocks):
                where = (meeting, first, last)
                # A deleted turn still says which case was being worked when it was saved,
                # but it is not there to be read: it does not keep its case from a skip
                rows = [
                    *c.execute(
                        "SELECT step_index, repetition, ended_at, deleted_at IS NULL FROM turns"
                        " WHERE meeting_id=? AND step_index BETWEEN ? AND ?",
                        where,
                    ),
                    *c.execute(
                        "SELECT step_index, repetition, created_at, 1 FROM actions"
                        " WHERE meeting_id=? AND step_index BETWEEN ? AND ?",
                        where,
                    ),
                    *c.execute(
                        "SELECT step_index, repetition, created_at, 1 FROM cards"
                        " WHERE meeting_id=? AND step_index BETWEEN ? AND ?",
                        where,
                    ),
                ]
                worked = self.worked[(meeting, block)] = []
                for step, repetition, made, kept in rows:
                    when = _when(made)
                    if when is not None:
                        worked.append((when, repetition))
                    if kept:
                        self.material.setdefault((meeting, step), set()).add(repetition)
                worked.sort()

    def block_of(self, meeting: int, step: int | None) -> int | None:
        for n, (first, last) in enumerate(self.blocks.get(meeting, [])):
            if step is not None and first <= step <= last:
                return n
        return None

    def at(self, meeting: int, step: int | None, made: object) -> int:
        """The case being worked when a row at `step` was made: that of the latest row of
        the same block made at or before it; 1 outside blocks, or with nothing before it.
        Times are kept to the second, so rows of two cases may share one: of those the
        later case, since a meeting goes through its cases in order."""
        block, when = self.block_of(meeting, step), _when(made)
        if block is None or when is None:
            return 1
        worked = self.worked.get((meeting, block), [])
        # Sorted by time and then case: the last at or before `when` is the later case of
        # the latest time (one search: a meeting may hold a hundred thousand turns)
        n = bisect.bisect_right(worked, when, key=lambda row: row[0])
        return worked[n - 1][1] if n else 1

    def cases(self, meeting: int, step: int) -> list[int]:
        """The cases of the block of `step`: those anything was written in, and the one the
        meeting stands in if it stands in this block (begun, perhaps, with nothing yet)."""
        block = self.block_of(meeting, step)
        if block is None:
            return [1]
        found = {r for _, r in self.worked.get((meeting, block), [])} | {1}
        standing = self.standing.get(meeting)
        if standing and self.block_of(meeting, standing[0]) == block:
            found.add(standing[1])
        return sorted(found)


def _skips_in_their_cases(c: sqlite3.Connection) -> None:
    """Migration 19's data: each old skip goes to the case being worked when it was made.
    A case never stands skipped at a step where it has turns, actions or cards (the minutes
    would say 'skipped' above what was said there): then the skip goes to the nearest case
    (the later of two as near) with nothing at that step, and where every case has
    something there it is dropped, since what was said is what happened."""
    cases = _Cases(c, "SELECT meeting_id FROM skipped_steps")
    skips = list(c.execute("SELECT meeting_id, step_index, skipped_at FROM skipped_steps"))
    for meeting, step, made in skips:
        case = cases.at(meeting, step, made)
        spoken = cases.material.get((meeting, step), set())
        if case in spoken:
            empty = [r for r in cases.cases(meeting, step) if r not in spoken]
            if not empty:
                c.execute(
                    "DELETE FROM skipped_steps WHERE meeting_id=? AND step_index=?",
                    (meeting, step),
                )
                continue
            case = min(empty, key=lambda r: (abs(r - case), -r))
        c.execute(
            "UPDATE skipped_steps SET repetition=? WHERE meeting_id=? AND step_index=?",
            (case, meeting, step),
        )


def _notes_in_their_cases(c: sqlite3.Connection) -> None:
    """Migration 20's data: each old note goes to the case being worked when it was made.
    Ratings and choice marks kept no time, so they stay with the first time through."""
    cases = _Cases(c, "SELECT meeting_id FROM notes WHERE step_index IS NOT NULL")
    notes = list(c.execute("SELECT id, meeting_id, step_index, created_at FROM notes"))
    for note, meeting, step, made in notes:
        case = cases.at(meeting, step, made)
        if case != 1:
            c.execute("UPDATE notes SET repetition=? WHERE id=?", (case, note))


# The data step of a migration, by the version it brings the store to
DATA_STEPS: dict[int, Callable[[sqlite3.Connection], None]] = {
    19: _skips_in_their_cases,
    20: _notes_in_their_cases,
}
