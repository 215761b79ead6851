"""Whose statements a copy holds: everyone's, the family's, an organisation's, or those of
the participants named.

A network meeting is full of statements about other people, and one person's file must
not get them (Finland's act on social-welfare client documents, 20 §; each organisation
keeps its own copy, SamTidigt p. 15). So a copy for a file holds what its own people said:
- "everyone": every statement (the minutes as read back in the room);
- "family": what the person and their family or network said — the roles a set marks
  `family = true` (or, where a set marks none, the participants of no role and no
  organisation);
- an organisation's name (or a role's, where the set's roles are organisations): what its
  people said, and the family's, whose case it is;
- participants' names, comma-separated, with any of the above: exactly those.
Every copy keeps what belongs to the whole meeting: who was there, the times, the plan,
the decisions and concerns noted, the cards laid out. Statements of a group or of the
room as a whole are nobody's own and stand only in the copy for everyone.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dialogtui.errors import ExportError
from dialogtui.i18n import _

if TYPE_CHECKING:
    from dialogtui.export.record import MeetingRecord
    from dialogtui.questionset.model import QuestionSet
    from dialogtui.records import Participant

EVERYONE = "everyone"
FAMILY = "family"


@dataclass(frozen=True)
class Recipient:
    asked: str  # as the user put it: "family", "Skolan", "Anna Lind, Sara Berg"
    speakers: frozenset[int] | None  # whose statements it holds; None: everyone's
    folder: str = ""  # its export folder's suffix: "family", "skolan", "selected"


ALL = Recipient(EVERYONE, None)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def family(qs: QuestionSet, people: Sequence[Participant]) -> set[int]:
    roles = {r.id for r in qs.roles if r.family}
    if roles:
        return {p.id for p in people if p.role in roles and p.id is not None}
    # A role that is not the family's is an authority's or a professional's, whether or not
    # an organisation was entered: a school counsellor whose organisation was left empty was
    # "the family" of a copy (the newcomer review's N9).
    return {p.id for p in people if not p.role and not p.organisation.strip() and p.id is not None}


def organisations(qs: QuestionSet, people: Sequence[Participant]) -> list[str]:
    """The organisations present, as written (or the roles, where they are organisations)."""
    own = family(qs, people)
    names: dict[str, str] = {}
    roles = {r.id: r.name for r in qs.roles}
    for p in people:
        if p.id in own:
            continue
        name = p.organisation.strip() or roles.get(p.role or "", "")
        if name:
            names.setdefault(_key(name), name)
    return list(names.values())


def _people_of(qs: QuestionSet, people: Sequence[Participant], name: str) -> set[int]:
    roles = {r.id: r for r in qs.roles}
    out = set()
    for p in people:
        role = roles.get(p.role or "")
        said = {_key(p.organisation)} | ({_key(role.name), _key(role.id)} if role else set())
        if name in said and p.id is not None:
            out.add(p.id)
    return out


def recipient(record: MeetingRecord, asked: str | None) -> Recipient:
    """The recipient the user named, or an error that lists whom one can name."""
    if asked is None or _key(asked) in ("", EVERYONE):
        return ALL
    qs, people = record.qs, record.info.participants
    speakers: set[int] = set()
    folder = ""
    tokens = [" ".join(x.split()) for x in asked.split(",") if x.strip()]
    for typed in tokens:
        token = _key(typed)
        if token == EVERYONE:
            return ALL
        if token == FAMILY:
            found = family(qs, people)
            if not found:
                said = _(
                    "no one in this meeting is of the family: mark the family's role in the "
                    "question set (family = true), or name whose statements the copy holds "
                    '(--for "Anna, Erik")'
                )
                raise ExportError(said)
            speakers |= found
            folder = FAMILY
            continue
        organisation = _people_of(qs, people, token)
        if organisation:
            speakers |= organisation | family(qs, people)
            folder = re.sub(r"[^\w]+", "-", token).strip("-")
            continue
        person = {p.id for p in people if _key(p.name) == token}
        if not person:
            choices = ", ".join([EVERYONE, FAMILY, *organisations(qs, people)])
            said = _(
                "“{name}” is neither a participant nor an organisation of this meeting; "
                "choose {choices}, or participants' names"
            )
            raise ExportError(said.format(name=typed, choices=choices))
        speakers |= {i for i in person if i is not None}
        folder = "selected"  # never a name: the folder's name must not tell who it is for
    if len(tokens) > 1:
        folder = "selected"
    return Recipient(asked, frozenset(speakers), folder)


def for_recipient(record: MeetingRecord, to: Recipient) -> MeetingRecord:
    """The meeting as the recipient's copy has it: the others' statements left out."""
    if to.speakers is None:
        return record
    keep = to.speakers
    turns = [t for t in record.turns if t.participant_id in keep]
    deleted = [t for t in record.deleted if t.participant_id in keep]
    kept = {t.id for t in [*turns, *deleted]}
    return dataclasses.replace(
        record,
        turns=turns,
        deleted=deleted,
        revisions={k: v for k, v in record.revisions.items() if k in kept},
        objections={k: v for k, v in record.objections.items() if k in kept},
        corrected={k for k in record.corrected if k in kept},
        ratings=[r for r in record.ratings if r.participant_id in keep],
        # A mark of the room as a whole (no one's) is what the meeting chose: kept.
        choices=[c for c in record.choices if c.participant_id is None or c.participant_id in keep],
    )
