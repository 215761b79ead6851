"""What a search's hit says around its text, for `dialogtui search` and the app's search:
the step it was written at (its number and title, as the meeting's own stored set names
them, and its case in a repeated block), what it is where its speaker does not say it, and
the part of a long text around the words found.

Each meeting keeps the set as it was when the meeting was made (`meetings.set_toml`), so a
step's title is read from it, never from today's set; a set's text is read once per
meeting and parsed once per text. Nothing here imports Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogtui.display import visible
from dialogtui.errors import DialogtuiError
from dialogtui.export.cases import block_steps
from dialogtui.finding import marks as found_marks
from dialogtui.finding import snippet as window
from dialogtui.i18n import _, note_kind_name, pgettext
from dialogtui.questionset.loader import parse_question_set
from dialogtui.questionset.placeholders import resolve
from dialogtui.records import CaseName, Hit, HitKind

if TYPE_CHECKING:
    from dialogtui.questionset.model import QuestionSet
    from dialogtui.store import Store

Marks = list[tuple[int, int]]


def kind_name(kind: HitKind) -> str:
    """What a hit is, said where it is not a turn (a turn is said by its speaker alone)."""
    if kind in (HitKind.decision, HitKind.concern, HitKind.standpoint):
        return note_kind_name(kind.value)
    names = {
        HitKind.action: _("action item"),
        HitKind.card: _("card"),
        HitKind.participant: _("participant"),
        HitKind.meeting: _("meeting"),  # its title, its place, who led and wrote it
    }
    return names.get(kind, "")


def said(hit: Hit) -> str:
    """What a hit says: a turn's or a note's text; the fields of an action, a card, a person
    or the meeting that say anything, "·" between them (the store gives one a line)."""
    if hit.kind in (HitKind.turn, HitKind.decision, HitKind.concern, HitKind.standpoint):
        return hit.text
    return " · ".join(" ".join(field.split()) for field in hit.text.split("\n") if field.strip())


class Places:
    """Where in its meeting each hit was written, as the meeting's stored set says it."""

    def __init__(self, store: Store):
        self._store = store
        self._sets: dict[str, QuestionSet | None] = {}  # by the set's text
        self._meetings: dict[int, tuple[QuestionSet | None, dict[tuple[int, int], CaseName]]] = {}

    def _meeting(self, meeting_id: int) -> tuple[QuestionSet | None, dict]:
        if meeting_id not in self._meetings:
            row = self._store.meeting_row(meeting_id)
            if row.set_toml not in self._sets:
                try:
                    qs = parse_question_set(row.set_toml, f"<meeting {meeting_id}>")
                except DialogtuiError:  # a set this dialogtui no longer reads: its number only
                    qs = None
                self._sets[row.set_toml] = qs
            qs = self._sets[row.set_toml]
            cases = self._store.case_names(meeting_id) if qs is not None and qs.blocks else {}
            self._meetings[meeting_id] = (qs, cases)
        return self._meetings[meeting_id]

    def step(self, hit: Hit) -> str:
        """ "3. Nuläge", "4. Casekarta · Case 2: Flicka 14"; "" for a hit of the meeting as
        a whole (a participant, its title)."""
        if hit.step is None:
            return ""
        qs, cases = self._meeting(hit.meeting_id)
        if qs is None or not 0 <= hit.step < len(qs.steps):
            return f"{hit.step + 1}."
        title = resolve(qs.steps[hit.step].title, hit.meeting_date, qs.horizon, qs.language)
        said = f"{hit.step + 1}. {title}"
        block = block_steps(qs).get(hit.step)
        if block is not None:  # which case (a child) it was said of
            word = qs.blocks[block].each or pgettext("one time through a block", "time")
            name = " ".join(cases.get((block, hit.repetition), CaseName("")).name.split())
            case = _("{word} {n}: {name}") if name else _("{word} {n}")
            said += " · " + case.format(word=word, n=hit.repetition, name=name)
        return said


def snippet(text: str, marks: Marks, width: int | None) -> tuple[str, Marks]:
    """The text on one line, each control shown as a visible mark (user text is data), cut
    to about `width` characters around the first words found, "…" where it was cut; the
    marks moved with it. `width` None: the whole text."""
    # One character for one, so that the marks still point at the words found.
    flat = visible(text.replace("\r", " ").replace("\n", " ").replace("\t", " "))
    marks = sorted((a, b) for a, b in marks if 0 <= a < b <= len(flat))
    if width is None or len(flat) <= max(width, 12):
        return flat, marks
    width = max(width, 12)
    first = marks[0][0] if marks else 0
    start = max(0, first - width // 4)  # a little of what comes before the first word found
    if start:
        space = flat.find(" ", start, first)  # from a word's beginning
        start = space + 1 if space != -1 else start
    end = min(len(flat), start + width - (1 if start else 0) - 1)
    if end < len(flat):
        space = flat.rfind(" ", marks[0][1] if marks else start, end)
        end = space if space > start else end  # at a word's end
    lead = "…" if start else ""
    out = lead + flat[start:end] + ("…" if end < len(flat) else "")
    shift = len(lead) - start
    return out, [(a + shift, b + shift) for a, b in marks if a >= start and b <= end]


def around(query: str, text: str, width: int) -> tuple[str, Marks]:
    """`snippet` of a text of any length, read and marked only around the first word found:
    a hit of 100 kB costs what one of a few lines does (the screen and the terminal show
    no more)."""
    start, end = window(query, text, 2 * width)
    part = text[start:end]
    out, spans = snippet(part, found_marks(query, part), width)
    if start and not out.startswith("…"):
        out, spans = "…" + out, [(a + 1, b + 1) for a, b in spans]
    if end < len(text) and not out.endswith("…"):
        out += "…"
    return out, spans
