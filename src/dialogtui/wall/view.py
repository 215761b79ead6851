"""What the room's view shows (`dialogtui wall`): one frozen value, made from a meeting
engine over a store opened read-only, in the UI's language.

Two views:

- **room**, for everyone in the room (a projector): the step and its question (time
  placeholders resolved, the alternative asked only), whose turn it is and the round's order,
  the groups or organisations with the floor, the step's clock; what is written when the
  scribe shows it (as on a flipchart: the step's turns this time through and the turn being
  typed), the read-back page when the scribe reads back;
- **asker**, for the facilitator who asks: the same, and the next question and step, the
  facilitators' notes and the set's guidance (the scribe's f9), time left against the
  projected end, and each participant's speaking time so far.

The rule of what the room may see, stated once (`ROOM_NEVER`, and `_room_entry`): the room
sees what the minutes read back in the room hold (the copy for everyone), less the method's
notes, the concerns noted, consent and its details, and never a pseudonym (the room's view
never pseudonymises: the room knows who is in it, and a pseudonym's key would tell it who is
who). The facilitators' notes and guidance are the asker's only.

Plain Python: no Textual.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, TypeVar, cast

from dialogtui.display import visible
from dialogtui.export.document import plain_text
from dialogtui.export.read_back import kind_part, pages
from dialogtui.export.record import load_record
from dialogtui.i18n import _, ngettext, pgettext, time_text
from dialogtui.labels import labels
from dialogtui.meeting.state import items_digest
from dialogtui.meeting.timers import format_seconds
from dialogtui.questionset.notes import facilitators_notes
from dialogtui.questionset.shapes import pairs_of
from dialogtui.records import MeetingStatus, RoomShows
from dialogtui.store.room import READING_AFTER_STEPS

if TYPE_CHECKING:
    from dialogtui.export.read_back import Entry, Page
    from dialogtui.export.record import MeetingRecord
    from dialogtui.meeting.engine import MeetingEngine
    from dialogtui.questionset.model import Question, Step

T = TypeVar("T")

ROOM, ASKER = "room", "asker"
VIEWS = (ROOM, ASKER)

# The read-back's parts the room never sees (see the module's doc): the concerns noted, and
# a line that is none of the parts (a case's consent alone).
ROOM_NEVER = frozenset({"concerns", ""})

# The turns of the step shown at most (the newest): a projector shows a dozen lines at most.
WRITTEN_SHOWN = 12


@dataclass(frozen=True)
class Seat:
    """One of those asked in the round, in the order they sit."""

    name: str
    mark: str  # "spoke", "passed" or ""
    now: bool  # has the floor


@dataclass(frozen=True)
class Said:
    """One thing written, as the room reads it: whose, and what. A heading (`who` empty)
    says which question the turns after it answer, where the step asks several."""

    who: str
    text: str
    heading: bool = False


@dataclass(frozen=True)
class Reading:
    """The read-back page the scribe shows, as the room may see it: the entries around the
    item the scribe has chosen (a page of a long step holds thousands)."""

    title: str
    entries: tuple[str, ...]
    at: int  # the scribe's item among `entries` (-1: none of them, a line the room never sees)
    before: int  # entries of the page above those shown
    after: int  # entries of the page below those shown


@dataclass(frozen=True)
class Content:
    """What the wall shows, apart from the clock: made again only when the store changed."""

    view: str  # ROOM or ASKER
    title: str  # the meeting's
    shows: RoomShows
    state: str  # "not_started", "running", "paused", "ended"
    step: str  # "Step 3/9 · Title"
    case: str  # "Case 2: Flicka 14", or ""
    question: str  # resolved; "" where the step has none (its instructions, in `text`)
    counter: str  # "Q2/4" or ""
    prompts: tuple[str, ...]
    text: str  # a step without questions: what it asks the room to do
    how: str  # who answers: "To: …", "One person answers", "The room together", or ""
    floor: str  # whose turn ("" nobody's)
    seats: tuple[Seat, ...]  # the round's order
    groups: tuple[str, ...]  # groups or pairs of groups meeting
    written: tuple[Said, ...]  # only where the scribe shows notes
    typing: Said | None  # the turn being typed, where the scribe shows notes
    # The step's own items (cards, needs, sheets, actions …), where the scribe shows notes.
    items: tuple[str, ...]
    reading: Reading | None  # the read-back page, while the scribe reads back
    # The asker's only (empty in the room's view):
    next_step: str
    next_question: str
    notes: tuple[str, ...]
    speaking: tuple[tuple[str, str], ...]  # (name, "12:30 · 4 turns")


@dataclass(frozen=True)
class Clock:
    """The clocks, read each second from the engine's timing (no query)."""

    elapsed: str  # "12:30"
    planned: str  # "15:00", or "" (untimed)
    left: str  # "2:30", or ""
    over: str  # "+1:10" when over time, else ""
    ends: str  # the asker's: the projected end, "13:45", or ""
    late: int  # the asker's: minutes past the planned end, projected (0: on time)


def content(
    engine: MeetingEngine, view: str, readings: Readings | None = None, reading: bool = True
) -> Content:
    """What the wall shows now of the meeting the engine reads; `readings`: the read-back
    pages made so far (kept by the follower between two changes); `reading`: whether the
    scribe's app runs, and so may be reading back."""
    setting = engine.store.room_setting(engine.id)
    step, q = engine.step, engine.question
    asker = view == ASKER
    shows = setting.shows
    notes_shown = shows is RoomShows.notes or asker
    counter = ""
    if q is not None and len(step.questions) > 1 and not step.alternatives:
        said = _("Question {n} of {count}")
        counter = said.format(n=engine.pos.question + 1, count=len(step.questions))
    readings = readings or Readings()
    shown = None
    if setting.reading is not None and reading:
        shown = readings.reading(engine, setting.reading, setting.item)
    return _visible(
        Content(
            view=view,
            title=engine.info.title,
            shows=shows,
            state=_state(engine),
            step=_step_line(engine, engine.step_index),
            case=_case(engine),
            question=engine.text(q.text) if q is not None else "",
            counter=counter,
            prompts=tuple(engine.text(p) for p in q.prompts) if q is not None else (),
            text=engine.text(step.text) if q is None and step.text else "",
            how=_how(engine, q),
            floor=engine.floor,
            seats=_seats(engine),
            groups=_groups(engine, step),
            written=_written(engine) if notes_shown else (),
            typing=_typing(engine) if notes_shown else None,
            items=readings.items(engine) if notes_shown else (),
            reading=shown,
            next_step=_next_step(engine) if asker else "",
            next_question=_next_question(engine) if asker else "",
            notes=_notes(engine, step, q) if asker else (),
            speaking=_speaking(engine) if asker else (),
        )
    )


def _visible(value: T) -> T:
    """Every string of the content as `display.visible` shows it: a control character or
    an escape sequence in a name, a turn or a set's text is shown, never sent to the
    terminal (or the browser's) as a command."""
    if isinstance(value, Enum):
        return value
    if isinstance(value, str):
        return cast(T, visible(value))
    if isinstance(value, tuple):
        return cast(T, tuple(_visible(v) for v in value))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _visible(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return cast(T, dataclasses.replace(value, **changes))
    return value


def clock(engine: MeetingEngine) -> Clock:
    timer = engine.timing.step_timer()
    planned = left = over = ""
    if timer.planned_seconds is not None:
        planned = format_seconds(timer.planned_seconds)
        remaining = timer.planned_seconds - timer.elapsed_seconds
        if timer.overrun:
            over = "+" + format_seconds(-remaining)
        else:
            left = format_seconds(remaining)
    proj = engine.timing.projection()
    ends = time_text(proj.projected_end) if proj.projected_end is not None else ""
    return Clock(
        format_seconds(timer.elapsed_seconds),
        planned,
        left,
        over,
        ends,
        max(0, round(proj.overrun_minutes)),
    )


# -- the parts ------------------------------------------------------------------------------


def _state(engine: MeetingEngine) -> str:
    if engine.status is MeetingStatus.finished:
        return "ended"
    if engine.timing.started_at is None:
        return "not_started"
    return "paused" if engine.paused else "running"


def _step_line(engine: MeetingEngine, index: int) -> str:
    n, total = index + 1, len(engine.qs.steps)
    return _("Step {n}/{total}").format(n=n, total=total) + " · " + engine.qs.steps[index].title


def _case(engine: MeetingEngine) -> str:
    if engine.qs.block_at(engine.step_index) is None:
        return ""
    return engine.cases.label(engine.step_index, engine.pos.repetition)


def _how(engine: MeetingEngine, q: Question | None) -> str:
    if q is None:
        return ""
    if q.asked == "one":
        return _("One person answers, then the round goes on.")
    if q.asked == "plenary":
        return _("Everyone answers together.")
    if q.to:
        return "→ " + ", ".join(engine.qs.role(r).name for r in q.to)
    return ""


def _seats(engine: MeetingEngine) -> tuple[Seat, ...]:
    if not engine.step.is_round:
        return ()
    marks = engine.round_marks()
    speaker = engine.speaker
    seats: list[Seat] = []
    seen: set[str] = set()
    for person in engine.speakers():
        name = engine.actor(person)
        if name in seen:  # an organisation's people: the organisation once
            continue
        seen.add(name)
        now = speaker is not None and engine.actor(speaker) == name
        seats.append(Seat(name, marks.get(person.id or 0, ""), now))
    return tuple(seats)


def _groups(engine: MeetingEngine, step: Step) -> tuple[str, ...]:
    if not step.by_group:
        return ()
    groups = engine.groups.of()
    if step.groups is not None and step.groups.meet == "pairs":
        return tuple(" + ".join(g.name for g in pair) for pair in pairs_of(groups))
    return tuple(g.name for g in groups)


def _who(engine: MeetingEngine, pid: int | None) -> str:
    person = engine.participant(pid)
    if person is None:  # nobody's in particular: the room's, together
        return pgettext("document", "Together")
    return engine.actor(person)


def _written(engine: MeetingEngine) -> tuple[Said, ...]:
    """The step's turns this time through (in a block: this case's), the newest last; where
    the step asks several questions, each run of answers under its question's number and
    text (the room must not read an answer under another question)."""
    step = engine.step
    turns = engine.store.turns(
        engine.id,
        engine.step_index,
        last=WRITTEN_SHOWN,
        times=False,
        edited=False,
        repetition=engine.pos.repetition,
    )
    several = len(step.questions) > 1 and not step.alternatives
    out: list[Said] = []
    under: int | None = None
    for t in turns:
        if several and t.question is not None and t.question != under:
            under = t.question
            if 0 <= under < len(step.questions):
                said = f"{under + 1}. {engine.text(step.questions[under].text)}"
                out.append(Said("", said, heading=True))
        text = t.text if not t.passed else _("(passed)")
        out.append(Said(_who(engine, t.participant_id), text))
    return tuple(out)


def _typing(engine: MeetingEngine) -> Said | None:
    text = engine.drafts.text()
    if not text.strip():
        return None
    return Said(_who(engine, engine.pos.speaker_id), text)


class Readings:
    """The read-back's pages as the room may see them, made again only when what they show
    changed: a page of a long meeting takes a tenth of a second and more to make, and the
    store changes every few seconds while nothing on the page does (the clock, a draft)."""

    # The entries shown around the scribe's item: one before it, the rest after.
    AROUND = 24

    def __init__(self) -> None:
        self._key: object = None
        self._record: MeetingRecord | None = None
        self._pages: list[Page] = []

    def _all(self, engine: MeetingEngine) -> list[Page]:
        # What the pages show changes with these, and with nothing else the store keeps (a
        # draft, the clock): the newest turn, the turns' revisions, objections, acceptances,
        # the people and groups, everything else written, and the meeting's shape; each a
        # small read. (The privacy test's follower is checked against a fresh one.)
        store, mid = engine.store, engine.id
        newest = store.turns(mid, last=1, times=False, edited=False)
        key = (
            newest[0].id if newest else 0,
            len(store.revisions(mid)),
            len(store.objections(mid)),
            len(store.read_backs(mid)),
            tuple((p.id, p.name, p.role, p.organisation) for p in store.participants(mid)),
            repr(sorted(store.groups(mid).items())),
            items_digest(store, mid, store.case_consents(mid)),
            # The shape the pages take: the cases' names, the steps skipped or chosen.
            repr(sorted(store.case_names(mid).items())),
            tuple(sorted(store.skipped_steps(mid))),
            tuple(sorted(store.chosen_alternatives(mid).items())),
        )
        if key != self._key:
            self._key, self._record = key, load_record(store, mid)
            self._pages = pages(self._record)
        return self._pages

    def _page(self, engine: MeetingEngine, page: int) -> Page | None:
        every = self._all(engine)
        if page >= 0:
            found = [p for p in every if p.step == page]
            if not found and self._record and page < len(engine.qs.steps):
                found = pages(self._record, [page])  # f10 at a step with nothing written yet
            return found[0] if found else None
        after = [p for p in every if p.step is None]
        n = READING_AFTER_STEPS - page
        return after[n] if n < len(after) else None

    def reading(self, engine: MeetingEngine, page: int, item: int) -> Reading | None:
        """The page the scribe shows, around the item chosen, less what the room may not see."""
        shown = self._page(engine, page)
        if shown is None:
            return None
        L = labels(engine.qs.language.value)
        kept = [(n, e) for n, e in enumerate(shown.entries) if _for_room(e)]
        at = next((k for k, (n, _e) in enumerate(kept) if n >= item), len(kept) - 1)
        # Only the entries shown are made into text: a page can hold thousands.
        first = k = max(0, at - 1)
        window: list[tuple[int, str]] = []
        while k < len(kept) and len(window) < self.AROUND:
            text = _room_entry(kept[k][1], L)
            if text:
                window.append((kept[k][0], text))
            k += 1
        title = _step_line(engine, page) if shown.step is not None else plain_text(shown.title)
        hit = next((w for w, (n, _t) in enumerate(window) if n == item), -1)
        return Reading(title, tuple(text for _n, text in window), hit, first, len(kept) - k)

    def items(self, engine: MeetingEngine) -> tuple[str, ...]:
        """What is written at the step under way besides its turns, as its page of the
        read-back says it: a vote's cards, the needs, the sheets, the actions, ratings and
        choices; this time through (in a block, the case's), the newest last."""
        # Only a step whose kind has items of its own: the actions noted with f3 at any step
        # are the plan's, not the flipchart's.
        wanted = {kind_part(engine.step)} - {"", "turns"}
        if not wanted:  # a step of turns alone: no page to make
            return ()
        shown = self._page(engine, engine.step_index)
        if shown is None:
            return ()
        L = labels(engine.qs.language.value)
        found = [_room_entry(e, L) for e in shown.entries if e.part in wanted and _for_room(e)]
        return tuple(t for t in found if t)[-WRITTEN_SHOWN:]


def _for_room(entry: Entry) -> bool:
    return entry.part not in ROOM_NEVER


def _room_entry(entry: Entry, L: dict[str, str]) -> str:
    """An entry's lines as the room reads them, less a case's consent standing above it
    (consent and its details are never the room's)."""
    consent = f"{L['consent']}:"
    lines = [plain_text(line) for line in [*entry.head, *entry.lines]]
    lines = [line for line in lines if not line.startswith(consent)]
    lines += ["    " + plain_text(line) for line in entry.under]
    return "\n".join(line for line in lines if line)


def _next_step(engine: MeetingEngine) -> str:
    runs = engine.alternatives.runs
    later = [i for i in range(engine.step_index + 1, len(engine.qs.steps)) if runs(i)]
    return _step_line(engine, later[0]) if later else ""


def _next_question(engine: MeetingEngine) -> str:
    step = engine.step
    if step.alternatives:
        return ""  # one of them is asked, not each in turn
    n = engine.pos.question + 1
    return engine.text(step.questions[n].text) if n < len(step.questions) else ""


def _notes(engine: MeetingEngine, step: Step, q: Question | None) -> tuple[str, ...]:
    """The facilitators' notes of the step and question, what the set adds to its source,
    and the set's guidance for it: the scribe's f9, for the asker."""
    found = facilitators_notes(engine.qs, engine.step_index, q)
    out = [engine.text(t) for t in found.notes]
    out += [_("Not in the source:") + " " + t for t in [*found.ours, *found.whole]]
    out += [_("Guidance:") + " " + t for t in found.guidance]
    if step.optional is not None:
        out.append(pgettext("room's view", "Optional:") + " " + step.optional)
    return tuple(out)


def _speaking(engine: MeetingEngine) -> tuple[tuple[str, str], ...]:
    """Each participant's speaking time so far, most first: equal voice, seen live."""
    times = engine.store.speaking_times(engine.id)
    rows = []
    for person in engine.participants:
        count, seconds = times.get(person.id, (0, 0.0))
        rows.append((seconds, person.name, count))
    rows.sort(key=lambda r: -r[0])
    return tuple(
        (name, format_seconds(seconds) + " · " + ngettext("{n} turn", "{n} turns", count))
        for seconds, name, count in rows
    )
