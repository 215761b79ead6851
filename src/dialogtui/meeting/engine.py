"""The meeting engine: walks a question set, keeps every turn, times every step.

The engine is the one place where a meeting changes. Each method changes the domain and
persists it through the store before it returns, so a caller (the TUI, a test, a script)
can show "saved" the moment the call comes back. Time comes from an injected clock.
"""

from __future__ import annotations

import datetime as dt

from dialogtui.errors import MeetingError
from dialogtui.i18n import _
from dialogtui.labels import labels  # a group's default name, in the meeting's language
from dialogtui.meeting import walk
from dialogtui.meeting.clock import Clock
from dialogtui.meeting.timers import Projection, StepTimer, project
from dialogtui.questionset.kinds import SHAPES as KIND_SPECS  # a kind's shape: cards or not
from dialogtui.questionset.kinds import StepKind
from dialogtui.questionset.loader import parse_question_set
from dialogtui.questionset.model import Question, QuestionSet, Step
from dialogtui.questionset.placeholders import check_date, resolve
from dialogtui.records import (
    ActionItem,
    ActionStatus,
    Card,
    FollowUp,
    MeetingInfo,
    MeetingStatus,
    Note,
    NoteKind,
    Objection,
    Participant,
    PlanFrame,
    Position,
    ReadBack,
    Turn,
    name_key,
)
from dialogtui.store.db import Store

CLOCK_SAVED_EVERY = 5.0  # seconds of a running step clock between two saves of it


class MeetingEngine:
    def __init__(self, store: Store, meeting_id: int, clock: Clock):
        self.store = store
        self.id = meeting_id
        self.clock = clock
        row = store.meeting_row(meeting_id)
        self.qs: QuestionSet = parse_question_set(row.set_toml, f"<meeting {meeting_id}>")
        self.info: MeetingInfo = store.meeting_info(meeting_id)
        self.status = row.status
        self.reopened_after_read_back = False  # set by `start`
        self.started_at = row.started_at
        self.pos: Position = store.position(meeting_id)
        self._elapsed = store.step_times(meeting_id)
        self.skipped: set[int] = store.skipped_steps(meeting_id)  # optional steps left out
        self.groups: dict[int, list[Participant]] = store.groups(meeting_id)  # per step
        # How each case's consent was given, where a block's cases have their own.
        self._case_consents: dict[int, str] = store.case_consents(meeting_id)
        # Per step of alternative questions, the one asked (else its first).
        self.chosen: dict[int, int] = store.chosen_alternatives(meeting_id)
        self._running_since: dt.datetime | None = None
        self._turn_started = clock.now()
        # Since when the speaker has the floor: their turn, or in a round over organisations
        # their organisation's time, which runs on over its people's turns.
        self._floor_started = self._turn_started
        # Who has spoken, per (step, repetition, question or None): read once from the store,
        # then kept up to date by each turn, so that the strip drawn every second does not
        # query a step that grows with the meeting.
        self._marks_cache: dict[tuple[int, int, int | None], dict[int, str]] = {}
        self.turns_changed = 0  # goes up with every turn saved, edited or deleted: views redraw

    # -- creating and opening -------------------------------------------------------------

    @classmethod
    def create(
        cls, store: Store, qs: QuestionSet, set_toml: str, info: MeetingInfo, clock: Clock
    ) -> MeetingEngine:
        check_date(info.date, qs.horizon)
        if qs.asks_consent and info.consent_given is None:
            info.consent_given = False
        if info.previous_id is not None and not info.series:
            # Choosing the previous meeting puts both in one series, so open actions carry over.
            info.series = store.meeting_info(info.previous_id).series or (
                f"series-{info.previous_id}"
            )
            store.set_series(info.previous_id, info.series)
        meeting_id = store.create_meeting(info, set_toml, qs.language.value, clock.now())
        return cls.open(store, meeting_id, clock)

    @classmethod
    def open(cls, store: Store, meeting_id: int, clock: Clock) -> MeetingEngine:
        store.meeting_row(meeting_id)  # a clear error for an unknown id, before locking
        store.lock(meeting_id)
        try:
            return cls(store, meeting_id, clock)
        except BaseException:
            store.unlock(meeting_id)
            raise

    def close(self) -> None:
        self._fold()
        self._running_since = None
        self.store.unlock(self.id)

    # -- where we are ---------------------------------------------------------------------

    @property
    def participants(self) -> list[Participant]:
        return self.info.participants

    def add_participant(self, participant: Participant) -> Participant:
        """Someone who joins once the meeting has begun: they join the round under way."""
        if not participant.name.strip():
            raise MeetingError(_("a participant needs a name"))
        if participant.role is not None and participant.role not in {r.id for r in self.qs.roles}:
            raise MeetingError(_("unknown role '{role}'").format(role=participant.role))
        added = self.store.add_participant(self.id, participant)
        self.info.participants.append(added)
        # They join the round under way: it is no longer complete (where they are asked),
        # and with nobody on the floor it is theirs; else it comes to them in their turn.
        floor = walk.joined(self._round(), self._seats(), self._said(), self._at())
        if floor != self._at():
            self._take(floor)
            self._save_pos()
        return added

    def participant(self, pid: int | None) -> Participant | None:
        """A person, or a group or pair (they speak too)."""
        found = next((p for p in self.participants if p.id == pid), None)
        if found is None and pid is not None:
            found = next((g for gs in self.groups.values() for g in gs if g.id == pid), None)
        return found

    # -- groups and pairs -------------------------------------------------------------------

    def _groups_home(self, index: int) -> int:
        """The step whose groups step `index` works with: its own, or the earlier step's
        that its `groups.step` names."""
        spec = self.qs.steps[index].groups
        found = self.qs.index_of(spec.step) if spec is not None and spec.step else None
        return index if found is None else found

    def groups_of(self, index: int | None = None) -> list[Participant]:
        """The groups or pairs of a step (the current one by default)."""
        return list(
            self.groups.get(self._groups_home(self.pos.step if index is None else index), [])
        )

    def add_group(self, name: str) -> Participant:
        """A group or pair of the current step, named by the scribe (a goal area chosen,
        "Grupp 3"); a step working with an earlier step's groups adds to those."""
        if not self.step.by_group:
            raise MeetingError(_("this step is not worked in groups or pairs"))
        name = name.strip()
        if not name:
            raise MeetingError(_("a group needs a name"))
        home = self._groups_home(self.pos.step)
        if any(g.name.casefold() == name.casefold() for g in self.groups.get(home, [])):
            raise MeetingError(_("there is a group '{name}' already").format(name=name))
        group = self.store.add_group(self.id, home, name)
        self.groups.setdefault(home, []).append(group)
        return group

    def rename_group(self, group_id: int, name: str) -> None:
        """A group's name as the scribe corrects it, with its members if they are written
        ("Gruppe 1: Kari, Ola"): who was in which group, as the minutes then say."""
        name = name.strip()
        if not name:
            raise MeetingError(_("a group needs a name"))
        for groups in self.groups.values():
            for g in groups:
                if g.id != group_id:
                    continue
                if any(o.id != g.id and o.name.casefold() == name.casefold() for o in groups):
                    raise MeetingError(_("there is a group '{name}' already").format(name=name))
                self.store.rename_group(self.id, group_id, name)
                g.name = name
                return
        raise MeetingError(_("no group {id} in this meeting").format(id=group_id))

    def _form_groups(self) -> None:
        """A step in pairs or groups, entered for the first time: its groups as the set
        says (one per organisation, or numbered); groups by choice the scribe names."""
        step, index = self.step, self.pos.step
        if not step.in_groups or self._groups_home(index) != index or index in self.groups:
            return
        spec = step.groups
        words = labels(self.qs.language.value)
        people = list(self.participants)
        if spec is not None and spec.by == "choice":
            return
        if spec is not None and spec.by == "organisation":
            names = list(dict.fromkeys(self.organisation(p) for p in people))
        elif step.form == "pairs":
            names = [words["pair_n"].format(n=n + 1) for n in range(max(1, (len(people) + 1) // 2))]
        else:
            count = spec.count if spec is not None and spec.count else 2
            names = [words["group_n"].format(n=n + 1) for n in range(count)]
        self.groups[index] = [self.store.add_group(self.id, index, name) for name in names]

    @property
    def step_index(self) -> int:
        return self.pos.step

    @property
    def step(self) -> Step:
        return self.qs.steps[self.pos.step]

    @property
    def question(self) -> Question | None:
        qs = self.step.questions
        return qs[self.pos.question] if qs else None

    @property
    def speaker(self) -> Participant | None:
        return self.participant(self.pos.speaker_id)

    def text(self, template: str) -> str:
        """A question text with its time placeholders resolved for this meeting."""
        return resolve(template, self.info.date, self.qs.horizon, self.qs.language)

    def speakers(self) -> list[Participant]:
        """Who takes the turns now, in order: the current question's addressees, the
        step's roles, or everyone (each person in turn: all asked any of its questions);
        in a round over organisations one for each; in a step of groups, its groups. In
        the set-up order (the scribe's, as the README says), not regrouped by role: "i tur
        och ordning" is the order the people sit in, which the scribe entered."""
        ids = walk.speakers(self._round(), self._seats(), {}, self._at())
        return [p for p in (self.participant(pid) for pid in ids) if p is not None]

    # -- the round walker's view of the meeting (dialogtui.meeting.walk) -------------------

    def _round(self) -> walk.Round:
        step = self.step
        over: walk.Over = "person"
        if step.by_group:  # its groups or pairs take the turns, not the people
            over = "group"
        elif step.by_organisation:
            over = "organisation"
        return walk.Round(
            questions=max(1, len(step.questions)),
            roles=tuple(step.roles),
            to=tuple(tuple(q.to) for q in step.questions),
            order=step.order,
            over=over,
            alternatives=step.alternatives,
            is_round=step.is_round,
        )

    def _seats(self) -> list[walk.Seat]:
        people = self.groups_of() if self.step.by_group else self.participants
        return [
            walk.Seat(p.id, p.role, self.organisation(p).casefold())
            for p in people
            if p.id is not None
        ]

    def _said(self) -> dict[tuple[int, int], str]:
        """Who has answered which question of this step, this time through it."""
        said = {
            (pid, q): mark
            for q in range(max(1, len(self.step.questions)))
            for pid, mark in self._marks(q).items()
        }
        if self.step.scale is not None:
            # A scale's answer is the rating, not a turn: whoever is rated has answered.
            for rating in self.store.scale_ratings(self.id):
                if rating.step == self.pos.step:
                    for q in range(max(1, len(self.step.questions))):
                        said[(rating.participant_id, q)] = "spoke"
        return said

    def _at(self) -> walk.Floor:
        return walk.Floor(self.pos.question, self.pos.speaker_id)

    def _start_floor(self) -> walk.Floor:
        """The floor as the round begins or resumes: the first one not yet answered."""
        at = walk.Floor(self.pos.question)
        return walk.start(self._round(), self._seats(), self._said(), at)

    def _take(self, floor: walk.Floor) -> None:
        """The walker's position; a new floor's clocks start (another of the same
        organisation goes on in its time)."""
        same_floor = self.keeps_floor and self.same_organisation(
            self.speaker, self.participant(floor.speaker)
        )
        self.pos.question, self.pos.speaker_id = floor.question, floor.speaker
        self._turn_started = self.clock.now()
        if not same_floor:
            self._floor_started = self._turn_started

    def organisation(self, person: Participant) -> str:
        """Whom a person speaks for in a round over organisations: the organisation entered
        at set-up, else their role's name, else themselves (a guest is their own)."""
        if person.organisation.strip():
            return person.organisation.strip()
        if person.role is not None:
            return next((r.name for r in self.qs.roles if r.id == person.role), person.role)
        return person.name

    def actor(self, person: Participant) -> str:
        """Whom a turn is of, as the speaker strip names it: the organisation in a round over
        organisations, else the person (or group)."""
        return self.organisation(person) if self.step.by_organisation else person.name

    def actors(self) -> list[str]:
        """The actors of this step, in the order they sit (a need is put to one of them)."""
        return list(dict.fromkeys(self.actor(p) for p in self.speakers()))

    @property
    def floor(self) -> str:
        """The actor with the floor ("" when nobody has it)."""
        return self.actor(self.speaker) if self.speaker is not None else ""

    def may_speak(self) -> list[Participant]:
        """Whom the scribe can choose as speaker (f6): those asked, or in a round over
        organisations everyone of the organisations asked."""
        step = self.step
        if not step.by_organisation:
            return self.speakers()
        orgs = {self.organisation(p).casefold() for p in self.speakers()}
        return [p for p in self.participants if self.organisation(p).casefold() in orgs]

    def same_organisation(self, a: Participant | None, b: Participant | None) -> bool:
        return (
            a is not None
            and b is not None
            and self.organisation(a).casefold() == self.organisation(b).casefold()
        )

    def round_marks(self) -> dict[int, str]:
        """Per one of `speakers()`, whether they have spoken ("spoke") or only passed
        ("passed"): on the current question, or, where each person answers all questions
        in turn, once they are done with all of theirs (so someone who answered three and
        passed the last is marked as having spoken, and one who answered one of four is not
        marked done). An organisation has spoken when any of its people has."""
        return walk.shown_marks(self._round(), self._seats(), self._said(), self._at())

    def _marks(self, question: int | None) -> dict[int, str]:
        q = question if self.step.questions else None
        key = (self.pos.step, self.pos.repetition, q)
        if key not in self._marks_cache:
            self._marks_cache[key] = self.store.round_marks(self.id, *key)
        return dict(self._marks_cache[key])

    def _mark(self, turn: Turn) -> None:
        """A saved turn in the kept marks: spoke, or passed unless they spoke before."""
        if turn.participant_id is None:
            return
        for q in {turn.question, None}:
            marks = self._marks_cache.get((turn.step, turn.repetition, q))
            if marks is not None and marks.get(turn.participant_id) != "spoke":
                marks[turn.participant_id] = "passed" if turn.passed else "spoke"

    @property
    def consent_missing(self) -> bool:
        return self.qs.consent_mode == "required" and not self.info.consent_given

    # -- starting, finishing --------------------------------------------------------------

    def start(self) -> None:
        """Begin (or resume) the meeting: the current step's clock starts running."""
        if self.consent_missing:
            raise MeetingError(
                _("this question set needs the guardians' consent recorded before the meeting")
            )
        beginning = self.started_at is None
        # An ended meeting read back and accepted, opened again: the scribe is told that
        # what is written now was not read back (the minutes say so beside the acceptance).
        self.reopened_after_read_back = self.status is MeetingStatus.finished and bool(
            self.store.read_backs(self.id)
        )
        if self.started_at is None or self.status is MeetingStatus.finished:
            # Starting, or taking up again a meeting that was ended: it is open again.
            self.started_at = self.started_at or self.clock.now()
            self.store.set_status(self.id, MeetingStatus.open, self.started_at)
            self.status = MeetingStatus.open
        self._form_groups()
        if self.pos.speaker_id is None and self.step.by_group and beginning:
            self._take(self._start_floor())  # the first group or pair, as at a step change
        if self.pos.speaker_id is None and self.step.is_round and not self.round_complete:
            self._take(self._start_floor())  # but a round already walked stays complete
        if not self.pos.paused:
            self._running_since = self.clock.now()
        self._turn_started = self._floor_started = self.clock.now()

    def case_consents(self) -> dict[int, str]:
        """Per case of a block whose cases have their own consent, how it was given (read
        once; the question panel asks at every turn)."""
        return dict(self._case_consents)

    def record_case_consent(self, case: int, note: str) -> None:
        """How the guardians' consent for a case was given (empty: not given)."""
        if not any(b.consent for b in self.qs.blocks):
            raise MeetingError(_("this set has no cases with a consent of their own"))
        self.store.set_case_consent(self.id, case, note.strip(), self.clock.now())
        if note.strip():
            self._case_consents[case] = note.strip()
        else:
            self._case_consents.pop(case, None)

    def record_consent(self, given: bool, note: str = "") -> None:
        self.store.set_consent(self.id, given, note)
        self.info.consent_given, self.info.consent_note = given, note

    def finish(self) -> None:
        self._fold()
        self._running_since = None
        self.store.set_status(self.id, MeetingStatus.finished, self.clock.now())
        self.status = MeetingStatus.finished

    # -- timers ---------------------------------------------------------------------------

    def _fold(self) -> None:
        """Move the running time of the current step into the store."""
        if self._running_since is None:
            return
        now = self.clock.now()
        seconds = (now - self._running_since).total_seconds()
        if seconds > 0:
            self.store.add_step_time(self.id, self.pos.step, seconds)
            self._elapsed[self.pos.step] = self._elapsed.get(self.pos.step, 0.0) + seconds
        self._running_since = now

    def tick(self) -> None:
        """Persist the running clock now and then; the app calls this with each autosave
        (every second). A write every second was a quarter of the idle CPU; a crash now
        loses at most CLOCK_SAVED_EVERY seconds of a step's clock, and nothing else (a step
        change, a pause, the end and quitting all save it at once)."""
        if self._running_since is not None:
            running = (self.clock.now() - self._running_since).total_seconds()
            if running >= CLOCK_SAVED_EVERY:
                self._fold()

    def elapsed(self, step: int) -> float:
        seconds = self._elapsed.get(step, 0.0)
        if step == self.pos.step and self._running_since is not None:
            # Never negative: the computer's clock can be set back during a meeting.
            seconds += max(0.0, (self.clock.now() - self._running_since).total_seconds())
        return seconds

    def step_timer(self, step: int | None = None) -> StepTimer:
        index = self.pos.step if step is None else step
        planned = self.qs.steps[index].planned_minutes
        return StepTimer(planned * 60 if planned is not None else None, self.elapsed(index))

    @property
    def keeps_floor(self) -> bool:
        """An organisation or a group has the floor over several turns (its people go on,
        the others ask), and its timebox runs over them all."""
        return self.step.by_organisation or self.step.by_group

    def turn_elapsed(self) -> float:
        """How long the speaker has had the floor: this turn, or in a round over
        organisations their organisation's time so far."""
        since = self._floor_started if self.keeps_floor else self._turn_started
        return max(0.0, (self.clock.now() - since).total_seconds())

    def turn_timebox_seconds(self) -> float | None:
        """The speaker's timebox; the upper end where the set gives a range ("7-8 min"):
        only after it is the speaker over time."""
        tb = self.step.timebox
        if tb is None:
            return None
        return (tb.max_minutes or tb.minutes) * 60

    def projection(self) -> Projection:
        elapsed = {i: self.elapsed(i) for i in range(len(self.qs.steps))}
        return project(
            self.qs, elapsed, self.pos.step, self.started_at, self.clock.now(), self.skipped
        )

    @property
    def paused(self) -> bool:
        return self.pos.paused

    def pause(self) -> None:
        self._fold()
        self._running_since = None
        self.pos.paused = True
        self._save_pos()

    def resume(self) -> None:
        self.pos.paused = False
        self._running_since = self.clock.now()
        self._save_pos()

    def toggle_pause(self) -> None:
        self.resume() if self.pos.paused else self.pause()

    # -- moving ---------------------------------------------------------------------------

    def _save_pos(self) -> None:
        self.store.set_position(self.id, self.pos)

    def goto_step(self, index: int, repetition: int | None = None) -> None:
        """To step `index`; `repetition`: which time through its block (the next case),
        else as the block's own time goes on."""
        if not 0 <= index < len(self.qs.steps):
            raise MeetingError(
                _("there is no step {n}; the set has {steps}").format(
                    n=index + 1, steps=len(self.qs.steps)
                )
            )
        self._fold()
        # Within a block its time through goes on; into a block from outside, its latest.
        here, there = self.qs.block_at(self.pos.step), self.qs.block_at(index)
        if repetition is None:
            repetition = 1
            if there is not None and here is not None and here[1] == there[1]:
                repetition = self.pos.repetition
            elif there is not None:
                repetition = self.store.last_repetition(self.id, there[1], there[2])
        self.pos.step, self.pos.repetition = index, repetition
        self.pos.question = self.chosen.get(index, 0)  # a step of alternatives: the one asked
        self.pos.speaker_id = None
        self._form_groups()
        if self.step.is_round or self.step.by_group:
            self._take(self._start_floor())
        self._turn_started = self._floor_started = self.clock.now()
        self._save_pos()

    def skip_step(self) -> bool:
        """Leave out the current optional step and go on to the next one; at a step already
        skipped (gone back to), take it in again. True when the step is now skipped."""
        if self.step.optional is None:
            raise MeetingError(_("only an optional step can be skipped; this one is not"))
        index = self.pos.step
        skipping = index not in self.skipped
        self.store.set_skipped(self.id, index, skipping, self.clock.now())
        if skipping:
            self.skipped.add(index)
            self.next_step()
        else:
            self.skipped.discard(index)
        return skipping

    def next_step(self) -> bool:
        if self.pos.step + 1 >= len(self.qs.steps):
            return False
        self.goto_step(self.pos.step + 1)
        return True

    def prev_step(self) -> bool:
        if self.pos.step == 0:
            return False
        self.goto_step(self.pos.step - 1)
        return True

    def repeat_block(self) -> bool:
        """The next time through the block the current step is in (the next case), at
        the block's first step; False outside a block or after its last time."""
        found = self.qs.block_at(self.pos.step)
        if found is None or self.pos.repetition >= found[0].repeat.max:
            return False
        # The floor found from the new case's answers, from its first question.
        self.goto_step(found[1], repetition=self.pos.repetition + 1)
        return True

    def repeat_step(self) -> bool:
        """Run a repeated step once more (e.g. another reflecting team), or the block the
        step is in."""
        rep = self.step.repeat
        if rep is None:
            return self.repeat_block()
        if self.pos.repetition >= rep.max:
            return False
        self.pos.repetition += 1
        self.pos.question = self.chosen.get(self.pos.step, 0)
        if self.step.is_round:
            self._take(self._start_floor())
        self._turn_started = self._floor_started = self.clock.now()
        self._save_pos()
        return True

    def goto_question(self, index: int) -> None:
        if not self.step.questions:
            return
        question = max(0, min(index, len(self.step.questions) - 1))
        if self.step.alternatives:
            # Another alternative is asked instead: kept, so that the step, gone back to or
            # resumed, asks it, and the minutes have it.
            self.chosen[self.pos.step] = question
            self.store.choose_alternative(self.id, self.pos.step, question, self.clock.now())
        floor = walk.ask(self._round(), self._seats(), self._said(), self._at(), question)
        if floor.speaker == self.pos.speaker_id:
            self.pos.question = floor.question  # the same one asked another question
        else:
            self._take(floor)
        self._save_pos()

    def set_speaker(self, pid: int | None) -> None:
        """The scribe gives the floor to someone (f6, alt+n); each person in turn, on
        their first question not yet answered."""
        if pid is not None and self.participant(pid) is None:
            raise MeetingError(_("no participant {id} in this meeting").format(id=pid))
        self._take(walk.choose(self._round(), self._seats(), self._said(), self._at(), pid))
        self._save_pos()

    def cycle_speaker(self, delta: int = 1) -> None:
        """tab and shift+tab: the next or previous one in order, wrapping round."""
        if not self.speakers():
            return
        floor = walk.cycle(self._round(), self._seats(), self._said(), self._at(), delta)
        self._take(floor)
        self._save_pos()

    def next_in_round(self) -> None:
        """The next person in the speaking order, or nobody after the last (no wrapping:
        a stray key after the last rating must not re-rate the first person)."""
        self._take(walk.next_in_order(self._round(), self._seats(), self._said(), self._at()))
        self._save_pos()

    def _advance_round(self, passed: bool) -> None:
        """After a turn: the next one (or question) as the step's order says; after a pass,
        always (whoever passes has nothing to add)."""
        if self.pos.speaker_id is None or not (self.step.is_round or passed):
            return  # outside a round only a pass moves the floor on (groups side by side)
        at = self._at()
        floor = walk.after_turn(self._round(), self._seats(), self._said(), at, passed=passed)
        same = self.same_organisation(self.speaker, self.participant(floor.speaker))
        if not (self.keeps_floor and same):
            self._floor_started = self._turn_started  # the next one's time starts now
        self.pos.question, self.pos.speaker_id = floor.question, floor.speaker

    @property
    def round_complete(self) -> bool:
        """Everyone asked has answered or passed every question asked of them."""
        if not self.step.is_round:
            return False
        return walk.complete(self._round(), self._seats(), self._said(), self._at())

    # -- turns ----------------------------------------------------------------------------

    def _record(self, text: str, passed: bool) -> Turn:
        now = self.clock.now()
        turn = Turn(
            id=0,
            step=self.pos.step,
            question=self.pos.question if self.step.questions else None,
            participant_id=self.pos.speaker_id,
            text=text,
            started_at=self._turn_started,
            ended_at=now,
            passed=passed,
            repetition=self.pos.repetition,
        )
        turn = self.store.add_turn(self.id, turn)
        self._turn_started = now
        self._mark(turn)
        self.turns_changed += 1
        self._advance_round(passed)
        self._save_pos()
        return turn

    def submit(self, text: str) -> Turn:
        """Save a turn (durably) and move the round on. Whitespace-only text is refused."""
        if not text.strip():
            raise MeetingError(_("the turn is empty; type what was said, or pass"))
        return self._record(text.rstrip(), passed=False)

    def pass_turn(self) -> Turn:
        if self.pos.speaker_id is None:
            raise MeetingError(_("choose who passes first"))
        return self._record("", passed=True)

    def edit_turn(self, turn_id: int, text: str, at_read_back: bool = False) -> None:
        """Correct a turn; its earlier text is kept. `at_read_back`: corrected when the
        minutes were read back in the room, which the minutes say beside it."""
        if not text.strip():
            raise MeetingError(_("a turn cannot be edited to nothing; delete it instead"))
        self.store.edit_turn(self.id, turn_id, text.rstrip(), self.clock.now(), at_read_back)
        self.turns_changed += 1

    # -- read-back -----------------------------------------------------------------------

    def object_to(self, turn_id: int, by: str, text: str) -> None:
        """Note that `by` considers the turn incorrect, and why: beside the turn, never over
        it (11 kap. 6 § SoL: "ska detta antecknas")."""
        if not by.strip():
            raise MeetingError(_("whose objection is it? Write their name"))
        if not text.strip():
            raise MeetingError(_("what do they consider incorrect? Write it"))
        # Whose statement it is decides which copies hold it: the one participant of that
        # name, or no one's (then only the copy for everyone holds it), as where two share
        # it: the objection of one must never reach the other's copies.
        named = [p.id for p in self.participants if name_key(p.name) == name_key(by)]
        who = named[0] if len(named) == 1 else None
        now = self.clock.now()
        self.store.add_objection(self.id, turn_id, by.strip(), text.strip(), now, who)
        self.turns_changed += 1

    def objections(self) -> list[Objection]:
        return self.store.objections(self.id)

    def accept_read_back(
        self, accepted_by: str, covered: list[tuple[str, int]] | None = None
    ) -> None:
        """The minutes were read back and the people named accept them, now; `covered`:
        what the read-back showed, by part (`dialogtui.export.read_back`), which the
        minutes say beside the acceptance."""
        if not accepted_by.strip():
            raise MeetingError(_("who accepted the minutes? Write their names"))
        now = self.clock.now()
        self.store.accept_read_back(self.id, accepted_by.strip(), now, covered or [])

    def read_backs(self) -> list[ReadBack]:
        return self.store.read_backs(self.id)

    def corrected_at_read_back(self) -> set[int]:
        return self.store.corrected_at_read_back(self.id)

    # -- the plan's frame ----------------------------------------------------------------

    def plan(self) -> PlanFrame:
        return self.store.plan(self.id)

    def save_plan(self, plan: PlanFrame) -> None:
        """The plan's goal, owner and follow-up meeting (a coordinated plan's fields); its
        time kept as "HH:MM", whichever way it was typed ("14.00", "14")."""
        from dialogtui.kinds.action_planning import typed_time

        self.store.save_plan(
            self.id,
            PlanFrame(
                plan.goal_own.strip(),
                plan.goal_professionals.strip(),
                plan.owner.strip(),
                plan.follow_up_on,
                plan.follow_up_by.strip(),
                plan.by_others.strip(),
                typed_time(plan.follow_up_at),
                plan.follow_up_place.strip(),
            ),
        )

    def move_turn(self, turn_id: int, participant_id: int | None) -> None:
        """The turn was someone else's (filed under the one who had the floor): its speaker
        changes, the earlier one is kept in the history, as an earlier text is."""
        if participant_id is not None and self.participant(participant_id) is None:
            raise MeetingError(_("no participant {id} in this meeting").format(id=participant_id))
        self.store.move_turn(self.id, turn_id, participant_id, self.clock.now())
        self._marks_cache.clear()  # who has spoken in the round is theirs now
        self.turns_changed += 1

    def delete_turn(self, turn_id: int) -> None:
        self.store.delete_turn(self.id, turn_id, self.clock.now())
        self._marks_cache.clear()  # who has spoken may have changed: read again
        self.turns_changed += 1

    def steps_written(self) -> list[int]:
        """The steps something was written in, in order: a turn, a decision or concern, an
        action item (what a read-back pages through)."""
        steps = set(self.store.steps_with_turns(self.id))  # an index, not every turn read
        steps |= {n.step for n in self.notes() if n.step is not None}
        steps |= {a.step for a in self.actions() if a.step is not None}
        plan_step = self.qs.first_step_of(StepKind.action_planning)
        if plan_step is not None and not self.plan().empty:
            steps.add(plan_step)  # the plan's goal, owner and follow-up stand there
        return sorted(steps)

    def turns(self, step: int | None = None, last: int | None = None) -> list[Turn]:
        return self.store.turns(self.id, self.pos.step if step is None else step, last=last)

    def speaking_times(self) -> dict[int | None, tuple[int, float]]:
        """Turns spoken and seconds speaking, per participant (None: nobody in particular)."""
        return self.store.speaking_times(self.id)

    def count_turns(self, step: int | None = None) -> int:
        return self.store.count_step_turns(self.id, self.pos.step if step is None else step)

    # -- the draft ------------------------------------------------------------------------

    def save_draft(self, text: str) -> None:
        self.store.save_draft(self.id, text, self.clock.now())

    @property
    def draft(self) -> str:
        return self.store.draft(self.id)

    def keep(self, key: str, text: str | None) -> None:
        """Keep the text of an open dialog under its key (None: the dialog was closed)."""
        self.store.keep_text(self.id, key, text, self.clock.now())

    def kept(self) -> dict[str, str]:
        """Dialog texts kept from a run that ended with the dialog open."""
        return self.store.kept_texts(self.id)

    # -- notes, ratings, choices, actions ------------------------------------------------

    def add_note(self, kind: NoteKind, text: str) -> Note:
        if not text.strip():
            raise MeetingError(_("the note is empty; write it, or escape"))
        return self.store.add_note(self.id, kind, self.pos.step, text.strip(), self.clock.now())

    def notes(self) -> list[Note]:
        """The meeting's decisions and concerns, in the order they were noted."""
        return self.store.notes(self.id)

    def edit_note(self, note_id: int, text: str) -> None:
        if not text.strip():
            raise MeetingError(_("the note is empty; delete it instead"))
        self.store.edit_note(self.id, note_id, text.strip())

    def delete_note(self, note_id: int) -> None:
        self.store.delete_note(self.id, note_id)

    # -- cards: a step's items (a vote's cards, a needs step's needs, a timeline's or a
    # map's sheets); what each kind does with them is in its module in dialogtui.kinds ----

    def cards(self) -> list[Card]:
        """The cards of this step, this time through it, in the order they were written."""
        return self.store.cards(self.id, self.pos.step, self.pos.repetition)

    def add_card(self, text: str, by: str = "", to: str = "", place: str = "") -> Card:
        """A new card, last in the line of this step's cards."""
        if not KIND_SPECS[self.step.kind].cards:
            raise MeetingError(_("this step has no cards"))
        if not text.strip():
            raise MeetingError(_("a card needs a text"))
        last = max((c.position for c in self.cards()), default=0)
        card = Card(
            id=0,
            step=self.pos.step,
            text=text.strip(),
            repetition=self.pos.repetition,
            by=by.strip(),
            to=to.strip(),
            place=place.strip(),
            position=last + 1,
        )
        return self.store.add_card(self.id, card, self.clock.now())

    def card(self, card_id: int) -> Card:
        found = next((c for c in self.cards() if c.id == card_id), None)
        if found is None:
            raise MeetingError(_("no card {id} in this step").format(id=card_id))
        return found

    def save_card(self, card: Card) -> None:
        if not card.text.strip():
            raise MeetingError(_("a card needs a text; delete it instead"))
        self.store.set_card(self.id, card)

    def edit_card(self, card_id: int, text: str) -> None:
        card = self.card(card_id)
        card.text = text.strip()
        self.save_card(card)

    def delete_card(self, card_id: int) -> None:
        self.store.delete_card(self.id, self.card(card_id).id)

    def add_action(self, item: ActionItem) -> ActionItem:
        if not item.what.strip():
            raise MeetingError(_("an action item needs at least a 'what'"))
        if item.step is None:  # made here: in this case, by the group with the floor
            item.step, item.repetition = self.pos.step, self.pos.repetition
            speaker = self.speaker
            if self.step.by_group and speaker is not None and speaker.group_step is not None:
                item.group_id = speaker.id
        return self.store.add_action(self.id, item, self.series, self.clock.now())

    def update_action(self, item: ActionItem) -> None:
        if not item.what.strip():
            raise MeetingError(_("an action item needs at least a 'what'"))
        self.store.update_action(self.id, item, self.clock.now())

    def delete_action(self, action_id: int) -> None:
        self.store.delete_action(self.id, action_id)

    def actions(self) -> list[ActionItem]:
        return self.store.actions(self.id)

    @property
    def series(self) -> str | None:
        return self.info.series

    def carried_actions(self) -> list[ActionItem]:
        return self.store.carried_actions(self.id)

    def follow_up(self, action_id: int, status: ActionStatus, comment: str = "") -> None:
        self.store.follow_up(self.id, FollowUp(action_id, status, comment), self.clock.now())

    def follow_ups(self) -> list[FollowUp]:
        """What this meeting said about earlier actions."""
        return self.store.follow_ups(self.id)
