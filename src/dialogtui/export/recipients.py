"""Whose statements a copy holds, and the one filter that makes a recipient's copy.

A network meeting is full of statements about other people, and one person's file must
not get them (Finland's act on social-welfare client documents, 20 §; each organisation
keeps its own copy, SamTidigt p. 15). Every piece of a document is marked with whose
statement it is (`dialogtui.export.document.Whose`), and this is the rule, stated once:

- the copy for **everyone** is the minutes as read back in the room: every statement;
- the **facilitators'** copy is everyone's with the method's notes besides: what the set
  adds to its source, the planned and actual times, who passed — for those who lead the
  method, of no use to a family or an office;
- a copy for the **family** holds what the person and their family or network said — the
  roles a set marks `family = true` (or, where a set marks none, the participants of no
  role and no organisation);
- a copy for an **organisation** (or a role's, where the set's roles are organisations)
  holds what its people said, and the family's, whose case it is;
- a copy for **participants named**, comma-separated, with any of the above: exactly theirs
  (a name is taken whole first, since an organisation's may hold a comma; a name two
  participants share names no one);
- a copy of **one case** (`--case`, a child's, for any of the above) holds that case's
  part and what stands outside the cases, and nothing of any other case: it is made from
  that case's record alone (`dialogtui.export.cases.only_case`).

In every copy:
- a participant's statement (a turn, its corrections and earlier texts, a rating, a mark
  of a choice) stands where that participant's statements do;
- a statement about another's (an objection to a turn) stands only where both do;
- what belongs to the whole meeting stands in every copy: who was there, the decisions,
  concerns and standpoints noted, the cards, needs and sheets laid out, the plan and its
  frame, earlier actions followed up, consent;
- a group's or a pair's statement, the room's, or one whose author is not known (an
  objection by a name that is no participant's, or that two participants share) stands
  only in the copy for everyone;
- the method's notes stand only in the facilitators' copy;
- a part of the document with nothing left in it for the recipient is left out whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dialogtui.errors import ExportError
from dialogtui.export.document import (
    FRAME,
    MEETING,
    METHOD,
    Block,
    Document,
    Draft,
    Heading,
    Item,
    Items,
    Line,
    Paragraph,
    Part,
    Section,
    Table,
    Who,
    Whose,
)
from dialogtui.i18n import _
from dialogtui.records import name_key as key

if TYPE_CHECKING:
    from dialogtui.export.record import MeetingRecord
    from dialogtui.questionset.model import QuestionSet
    from dialogtui.records import Participant

EVERYONE = "everyone"
FAMILY = "family"
FACILITATORS = "facilitators"


@dataclass(frozen=True)
class Recipient:
    asked: str  # as the user put it: "family", "Skolan", "Anna Lind, Sara Berg"
    speakers: frozenset[int] | None  # whose statements it holds; None: everyone's
    folder: str = ""  # its export folder's suffix: "family", "skolan", "selected"
    method: bool = False  # with the method's notes: the facilitators' copy
    # Whose copy, as its files' names say it: "" (everyone's), "facilitators", "family",
    # "selected" (people named: never a name), or the organisation's name as written.
    name: str = ""
    number: int = 0  # an organisation's place among the meeting's, from 1


ALL = Recipient(EVERYONE, None)
LEADERS = Recipient(FACILITATORS, None, FACILITATORS, method=True, name=FACILITATORS)


def family(qs: QuestionSet, people: Sequence[Participant]) -> set[int]:
    roles = {r.id for r in qs.roles if r.family}
    if roles:
        return {p.id for p in people if p.role in roles and p.id is not None}
    # A role that is not the family's is an authority's or a professional's, whether or not
    # an organisation was entered: a school counsellor whose organisation was left empty was
    # "the family" of a copy.
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
            names.setdefault(key(name), name)
    return list(names.values())


def _people_of(qs: QuestionSet, people: Sequence[Participant], name: str) -> set[int]:
    roles = {r.id: r for r in qs.roles}
    out = set()
    for p in people:
        role = roles.get(p.role or "")
        said = {key(p.organisation)} | ({key(role.name), key(role.id)} if role else set())
        if name in said and p.id is not None:
            out.add(p.id)
    return out


def recipient(record: MeetingRecord, asked: str | None, case: bool = False) -> Recipient:
    """The recipient the user named, or an error that lists whom one can name. A name
    is taken whole first: an organisation ("BUP, Ekenäs") or a person may have a comma.
    `case`: the copy is one case's, where a family none of whom was in the room (the
    professionals' case work, Träff 4) still gets their child's case and plan."""
    if asked is None or key(asked) in ("", EVERYONE):
        return ALL
    if key(asked) == FACILITATORS:
        return LEADERS
    if case and key(asked) == FAMILY and not family(record.qs, record.info.participants):
        return Recipient(asked, frozenset(), FAMILY, name=FAMILY)
    whole = _one(record, " ".join(asked.split()))
    if whole is not None:
        return whole
    tokens = [" ".join(x.split()) for x in asked.split(",") if x.strip()]
    speakers: set[int] = set()
    for typed in tokens:
        if key(typed) in (EVERYONE, FACILITATORS):  # a copy of everyone's is one alone
            said = _("“{name}” is a copy of its own: name it alone, not with others")
            raise ExportError(said.format(name=typed))
        found = _one(record, typed)
        if found is None:
            qs, people = record.qs, record.info.participants
            choices = ", ".join([EVERYONE, FACILITATORS, FAMILY, *organisations(qs, people)])
            said = _(
                "“{name}” is neither a participant nor an organisation of this meeting; "
                "choose {choices}, or participants' names"
            )
            raise ExportError(said.format(name=typed, choices=choices))
        speakers |= found.speakers or set()
    # Several named: never a name in the folder's or the files' names.
    return Recipient(asked, frozenset(speakers), "selected", name="selected")


def _one(record: MeetingRecord, typed: str) -> Recipient | None:
    """The family, an organisation or one participant, named by `typed`; None if none."""
    qs, people = record.qs, record.info.participants
    token = key(typed)
    if token == FAMILY:
        found = family(qs, people)
        if not found:
            said = _(
                "no one in this meeting is of the family: mark the family's role in the "
                "question set (family = true), or name whose statements the copy holds "
                '(--for "Anna, Erik")'
            )
            raise ExportError(said)
        return Recipient(typed, frozenset(found), FAMILY, name=FAMILY)
    organisation = _people_of(qs, people, token)
    if organisation:
        names = organisations(qs, people)
        number = next((n for n, o in enumerate(names, 1) if key(o) == token), 1)
        # A name with no letter or digit ("!!!", "—" for no organisation) must not leave
        # the suffix empty: that folder is everyone's copy.
        folder = re.sub(r"[^\w]+", "-", token).strip("-") or f"organisation-{number}"
        name = next((o for o in names if key(o) == token), typed)
        speakers = frozenset(organisation | family(qs, people))
        return Recipient(typed, speakers, folder, name=name, number=number)
    person = [p.id for p in people if key(p.name) == token and p.id is not None]
    if len(person) > 1:
        # Two participants of one name: a copy for one of them must not hold the other's.
        said = _(
            "{n} participants are called “{name}”: name their organisation instead, or give "
            "them names that tell them apart in the meeting's list of participants"
        )
        raise ExportError(said.format(n=len(person), name=typed))
    if person:
        return Recipient(typed, frozenset(person), "selected", name="selected")
    return None


def may_hold(speakers: frozenset[int] | None, whose: Whose, method: bool = False) -> bool:
    """Whether a copy of these speakers' statements (None: everyone's) may hold a piece;
    `method`: whether it holds the method's notes (the facilitators' copy)."""
    return _may(speakers, whose.by, method) and (
        whose.about is None or _may(speakers, whose.about, method)
    )


def _may(speakers: frozenset[int] | None, who: Who, method: bool) -> bool:
    if who in (FRAME, MEETING):
        return True
    if who == METHOD:
        return method
    if speakers is None:
        return True
    return isinstance(who, int) and who in speakers


def for_copy(draft: Draft, speakers: frozenset[int] | None, method: bool = False) -> Document:
    """The recipient's copy of a draft: what they may not hold left out, and every part
    with nothing left for them; what remains is what every format renders."""
    keep = Keep(speakers, method)
    blocks: list[Block] = []
    for part in draft.parts:
        blocks += keep.part(part)
    return Document(draft.kind, draft.title, draft.language, blocks, draft.author, draft.date)


@dataclass(frozen=True)
class Keep:
    speakers: frozenset[int] | None
    method: bool

    def may(self, whose: Whose) -> bool:
        return may_hold(self.speakers, whose, self.method)

    def part(self, part: Part) -> list[Block]:
        if isinstance(part, Section):
            body: list[Block] = []
            for inner in part.body:
                body += self.part(inner)
            if not any(_says(b) for b in body):
                return []  # nothing for this recipient: no heading standing empty
            return [b for head in part.head for b in self.part(head)] + body
        block = self.block(part)
        return [block] if block is not None else []

    def block(self, b: Block) -> Block | None:
        if isinstance(b, Items):
            items = self.items(b.items)
            return Items(items) if items else None
        if isinstance(b, Table):
            rows, whose = [], []
            for n, row in enumerate(b.rows):
                w = b.row_whose(n)
                if self.may(w):
                    rows.append([self.line(cell) for cell in row])
                    whose.append(w)
            if not rows:
                return None
            return Table([self.line(h) for h in b.heads], rows, b.right, b.whose, whose)
        if not self.may(b.whose):
            return None
        if isinstance(b, Heading):
            return Heading(b.level, self.line(b.line), b.whose)
        return Paragraph(self.line(b.line), b.whose)

    def items(self, items: list[Item]) -> list[Item]:
        return [
            Item(self.line(i.line), i.number, self.items(i.items), i.whose)
            for i in items
            if self.may(i.whose)
        ]

    def line(self, line: Line) -> Line:
        """A line without the marks it may not hold ("Anna, Erik" beside a choice); a
        separator that led a mark left out goes with it."""
        if all(s.whose is None for s in line):
            return line
        kept = [s for s in line if s.whose is None or self.may(s.whose)]
        while kept and kept[0].whose is not None and kept[0].ours and not kept[0].text.strip(" ,;"):
            kept.pop(0)
        return kept


def _says(b: Block) -> bool:
    """Whether a block kept says something: a statement, or a note of the method where
    the copy holds them (a heading or a label alone says nothing)."""
    if isinstance(b, Items):
        return any(i.whose.by != FRAME for i in b.items)
    if isinstance(b, Table):
        return any(b.row_whose(n).by != FRAME for n in range(len(b.rows)))
    return b.whose.by != FRAME
