"""What a read-back shows, page by page, and what it covered, for the acceptance line.

The read-back reads the minutes aloud before people accept them, so its pages are the
minutes' own sections (`dialogtui.export.minutes.Minutes.step`, each kind's part from its
`KindSpec.minutes`): what the minutes then say was "read back and accepted" is what the
room was shown, by construction, and a new kind shows in the read-back from its one module,
as it does in the minutes. What the minutes put after the steps in a set without a plan
step or a follow-up step (the actions noted with f3, the earlier meeting's actions) has a
page of its own at the end.

A page is a list of entries, the items ↑↓ move between: a turn (which alone can be
corrected and objected to there), a decision, a card, a need and its answer, a sheet, a
rating, an action with every field, a fact of the plan's frame. The blocks' text is as
typed (each place shows it as data); nothing here imports Textual.

What a read-back covered is stored with its acceptance (`read_backs.covered`) as a JSON list
of [part, count], in this order, a part only where its count is not 0. The parts
(language-neutral keys; `labels.covered_text` says them in a language):

- `turns`: the statements read (a pass is shown, but it is not a statement);
- `decisions`, `concerns`, `standpoints`: the notes of those kinds;
- `cards`: a vote's cards with their dots; `needs`: needs with their answers; `sheets`: a
  timeline's or a map's sheets; `ratings`: a scale's ratings with their comments;
  `choices`: the options marked in a choice; `entries`: the items of a kind named by none
  of these (a kind added later);
- `follow_ups`: an earlier meeting's actions, with their status and comment;
- `actions`: the plan's actions, every field of each;
- `plan`: 1 where the plan's frame was read (its goal in the person's own words and the
  professionals', its owner, the follow-up meeting, the measures by others).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dialogtui.export.document import (
    METHOD,
    Heading,
    Items,
    Line,
    Paragraph,
    Part,
    Section,
    Table,
    label,
    ours,
    plain_text,
)
from dialogtui.export.minutes import Minutes
from dialogtui.export.record import MeetingRecord
from dialogtui.kinds import SPECS as KIND_SPECS
from dialogtui.kinds.base import nothing
from dialogtui.questionset.model import Step
from dialogtui.records import Hit, HitKind, Turn

PARTS = (
    "turns",
    "decisions",
    "concerns",
    "standpoints",
    "cards",
    "needs",
    "sheets",
    "ratings",
    "choices",
    "entries",
    "follow_ups",
    "actions",
    "plan",
)
NOTES = ("decisions", "concerns", "standpoints")
# What a kind's own items are called; a kind not named here that has a part of its own in
# the minutes: "entries".
KIND_PARTS = {
    "vote": "cards",
    "needs": "needs",
    "timeline": "sheets",
    "map": "sheets",
    "scale": "ratings",
    "choice": "choices",
    "action_planning": "actions",
    "follow_up": "follow_ups",
}


def kind_part(step: Step) -> str:
    """What a step's kind's own items are ("": a kind with no part of its own)."""
    own = KIND_SPECS[step.kind].minutes is not nothing
    return KIND_PARTS.get(step.kind, "entries" if own else "")


@dataclass(slots=True)
class Entry:
    """One item of a page. `part`: what it is (a key of PARTS, or "": a line that is none
    of them, a case's consent with nothing after it); `head`: what stands above it on the
    page (a question, a section's label, a case's heading), shown with it so that it is
    never scrolled away from it; `lines`: what it says (a table's row: a "Heading: value"
    line per cell); `under`: what is noted beside it (a turn's objections)."""

    part: str
    lines: list[Line]
    head: list[Line] = field(default_factory=list)
    under: list[Line] = field(default_factory=list)
    turn: Turn | None = None  # a turn: the one `e` corrects and `o` objects to
    # A note's or an action's id (which of them `part` says): where a search's hit of one
    # opens the read-back.
    item: int | None = None
    # False: a line with nothing under it ("No actions."), shown but not a thing read.
    counted: bool = True


@dataclass(slots=True)
class Page:
    step: int | None  # None: a section the minutes put after the steps
    title: Line
    entries: list[Entry]
    counts: dict[str, int]  # what it covers, by part


class _Sections(Minutes):
    """The minutes' sections, with what the read-back needs to know of their blocks: the
    turn each turn's item is, and the blocks of the plan and of the follow-up."""

    def __init__(self, record: MeetingRecord):
        super().__init__(record, pseudonymise=False)
        self.turn_of: dict[int, Turn] = {}  # by the id of its item
        self.item_of: dict[int, int] = {}  # a note's or an action's id, by its item's or row's
        self.part_of: dict[int, str] = {}  # by the id of a block
        # The items and blocks keyed by their id, held for as long as those ids are looked
        # up: an object let go would leave its id to a later one (CPython reuses the
        # address), and a line of a card or a table's label would be read as someone's turn.
        self._held: list[object] = []

    def turn_lines(self, turns, named: bool = True):
        turns = list(turns)
        blocks = super().turn_lines(turns, named)
        for block in blocks:
            if isinstance(block, Items):  # one item per turn, in their order
                self.turn_of.update((id(i), t) for i, t in zip(block.items, turns, strict=True))
                self._held += block.items
        return blocks

    def notes_of(self, notes: list) -> list[Part]:
        parts = super().notes_of(notes)
        # A section per kind noted, in the minutes' order of kinds, its items in the notes'.
        kinds = [k for k in ("standpoints", "decisions", "concerns") if _of(notes, k)]
        for part, kind in zip(parts, kinds, strict=True):
            assert isinstance(part, Section) and isinstance(part.body[0], Items)
            items = part.body[0].items
            self.item_of.update((id(i), x.id) for i, x in zip(items, _of(notes, kind), strict=True))
            self._held += items
        return parts

    def _tag(self, blocks: list, part: str) -> list:
        self.part_of.update((id(b), part) for b in blocks)
        self._held += blocks
        return blocks

    def plan_frame(self):
        return self._tag(super().plan_frame(), "plan")

    def action_table(self, items, step: Step | None = None, case_column: bool = True):
        blocks = super().action_table(items, step, case_column)
        for block in blocks:
            if isinstance(block, Table):  # a row per action, in their order
                self.item_of.update((id(r), a.id) for r, a in zip(block.rows, items, strict=True))
                self._held += block.rows
        return self._tag(blocks, "actions")

    def follow_up(self, heading: bool = True):
        return self._tag(super().follow_up(heading), "follow_ups")

    def entries(self, parts: list[Part], part: str) -> list[Entry]:
        """The parts as entries: each list item and each table row one entry; a heading,
        a label or a question stands above the entry after it, and a section's head only
        where something of it is read (as the minutes leave it out); `part`: what the
        blocks not marked otherwise are (the step kind's own items)."""
        out: list[Entry] = []
        head: list[Line] = []
        notes = {f"{self.L[k]}:": k for k in NOTES}
        for p in parts:
            if isinstance(p, Section):
                heads = [
                    b.line for b in p.head if isinstance(b, Heading | Paragraph) and self._heads(b)
                ]
                named = [notes[t] for t in map(plain_text, heads) if t in notes]
                inner = self.entries(p.body, named[0] if named else part)
                if inner:
                    inner[0].head = head + heads + inner[0].head
                    head = []
                out += inner
                continue
            part_here = self.part_of.get(id(p), part)
            if isinstance(p, Heading | Paragraph):
                if self._heads(p):
                    head.append(p.line)
                continue
            if isinstance(p, Items):
                for item in p.items:
                    number = [ours(f"{item.number}. ")] if item.number is not None else []
                    under = [i.line for i in item.items]
                    turn = self.turn_of.get(id(item))
                    kind = "turns" if turn is not None else part_here
                    item_id = self.item_of.get(id(item))
                    out.append(Entry(kind, [number + item.line], head, under, turn, item_id))
                    head = []
            elif isinstance(p, Table):
                for row in p.rows:
                    item_id = self.item_of.get(id(row))
                    out.append(Entry(part_here, _row(p.heads, row), head, item=item_id))
                    head = []
        if head:  # a line with nothing under it ("No actions.", a case's consent)
            out.append(Entry(part, head[-1:], head[:-1], counted=False))
        return out

    @staticmethod
    def _heads(block: Part) -> bool:
        """Whether a heading or a paragraph stands above what follows it on a page: not a
        step's heading (the page's title), nor the method's notes on a step (the set's
        provenance, its optional condition, the planned and actual minutes), which are
        the set's, not what the meeting said."""
        if isinstance(block, Heading):
            return block.level > 2
        return isinstance(block, Paragraph) and block.whose.by != METHOD


def _of(notes: list, kind: str) -> list:
    """The notes of one kind ("decisions"), in their order."""
    return [x for x in notes if x.kind.value + "s" == kind]


def _row(heads: list[Line], row: list[Line]) -> list[Line]:
    """A table's row as "Heading: value" lines, the empty cells left out: read aloud, and
    at any width (a plan's eight columns do not fit 80)."""
    lines: list[Line] = []
    number: Line = []
    for head, cell in zip(heads, row, strict=False):
        if not plain_text(cell).strip():
            continue
        name = plain_text(head)
        if name == "#":  # a sheet's place on a line: its number, as a list's
            number = [ours(f"{plain_text(cell)}. ")]
            continue
        lines.append([label(f"{name}:"), ours(" "), *cell])
    if number and lines:
        lines[0] = number + lines[0]
    return lines


def _counts(record: MeetingRecord, n: int | None, found: list[Entry]) -> dict[str, int]:
    """What a page covers, by part: the turns read (not the passes); the rest counted in
    the records the page's entries are made of (a map lists its sheets place by place, a
    choice its options, a plan its columns), so that a count is of things, not of lines."""
    counts: dict[str, int] = {}
    shown = {e.part for e in found}
    counts["turns"] = sum(1 for e in found if e.turn is not None and not e.turn.passed)
    if n is not None:
        for note in record.notes:
            if note.step == n:
                key = note.kind.value + "s"
                counts[key] = counts.get(key, 0) + 1
        step = record.qs.steps[n]
        shape = step.kind.shape
        kind = kind_part(step)
        if not kind or kind in ("actions", "follow_ups"):
            pass  # counted below, where the page shows them
        elif shape.cards:
            counts[kind] = sum(1 for c in record.cards if c.step == n)
        elif "scale" in shape.owns:
            counts[kind] = sum(1 for r in record.ratings if r.step == n)
        elif "choice" in shape.owns:
            counts[kind] = sum(1 for m in record.choices if m.step == n)
        elif kind == "entries":
            counts[kind] = sum(1 for e in found if e.part == kind and e.counted)
    # The actions and follow-ups the page itself lists (a case's plan lists that case's):
    # a meeting's actions counted on every page that shows some would be counted twice.
    for part in ("actions", "follow_ups"):
        if part in shown:
            counts[part] = sum(1 for e in found if e.part == part and e.counted)
    if "plan" in shown:
        counts["plan"] = 1  # the frame, read once, whatever it holds
    return {part: k for part, k in counts.items() if k}


def pages(record: MeetingRecord, steps: list[int] | None = None) -> list[Page]:
    """The read-back's pages: of the steps given, each whether or not anything was written
    in it (f10's one step); else of every step with anything written, then what the minutes
    put after the steps (the earlier meeting's actions, and the actions of a set without a
    plan step)."""
    m = _Sections(record)
    L = m.L
    out: list[Page] = []
    for n in range(len(record.qs.steps)) if steps is None else steps:
        step = record.qs.steps[n]
        found = m.entries(m.step(n, step), kind_part(step))
        page = Page(n, [ours(f"{n + 1}. "), m.q(step.title)], found, _counts(record, n, found))
        if steps is not None or page.counts:
            out.append(page)
    if steps is None and m.follow_up_step is None and record.carried:
        found = m.entries(m.follow_up(heading=False), "follow_ups")
        out.append(Page(None, [ours(L["follow_up"])], found, _counts(record, None, found)))
    if steps is None and m.plan_step is None and record.actions:
        found = m.entries(m.action_table(record.actions), "actions")
        out.append(Page(None, [ours(L["action_plan"])], found, _counts(record, None, found)))
    return out


def covered(read: list[Page]) -> list[tuple[str, int]]:
    """What the pages read cover, as the acceptance keeps it: (part, count) in PARTS' order."""
    total: dict[str, int] = {}
    for page in read:
        for part, n in page.counts.items():
            total[part] = total.get(part, 0) + n
    if total.get("plan"):
        total["plan"] = 1
    return [(part, total[part]) for part in PARTS if total.get(part)]


def place_of(read: list[Page], hit: Hit) -> tuple[int, int] | None:
    """The page and the entry on it where a search's hit stands: its turn, note or action
    (wherever the minutes put it: an action noted with f3 stands in the plan's step); for
    what is found by its text alone (a card, a need, a sheet), the first entry of its step
    that says the text. None: the read-back does not show it (a participant, the meeting's
    title, a step with nothing read)."""

    def itself(entry: Entry) -> bool:
        if hit.kind is HitKind.turn:
            return entry.turn is not None and entry.turn.id == hit.ref
        part = "actions" if hit.kind is HitKind.action else f"{hit.kind.value}s"
        return entry.part == part and entry.item == hit.ref

    def says_it(entry: Entry) -> bool:
        said = " ".join(" ".join(plain_text(line) for line in entry.lines).split())
        return bool(text) and text in said

    text = " ".join(hit.text.split("\n")[0].split())  # a card's own text, its first field
    here = [k for k, p in enumerate(read) if p.step == hit.step and hit.step is not None]
    if hit.kind in (HitKind.turn, HitKind.action) or f"{hit.kind.value}s" in NOTES:
        order, found = here + [k for k in range(len(read)) if k not in here], itself
    elif hit.kind is HitKind.card:
        order, found = here, says_it
    else:
        return None
    for k in order:
        for n, entry in enumerate(read[k].entries):
            if found(entry):
                return k, n
    return None
