"""The meeting engine: the meeting's state machine, walking a question set step by step.

The engine moves the meeting (steps, questions, rounds, speakers, the clock) and keeps its
record through small objects bound to it, one per aggregate: its `turns` and `read_back`,
`notes`, `cards`, `actions`, `drafts`, `consent`, `groups` and `cases`, each stamping what the
meeting knows (the step, the time, who has the floor) on what it writes. Every method, the
engine's or theirs, persists through the store before it returns, so a caller (the TUI, a
test, a script) can show "saved" the moment the call comes back. Time comes from an
injected clock. The step kinds are given a narrow context (`kind_context`), not the engine.
"""

from __future__ import annotations

from dialogtui.errors import MeetingError
from dialogtui.i18n import _, pgettext
from dialogtui.kinds.cards import Cards
from dialogtui.kinds.context import KindContext
from dialogtui.meeting import people, walk
from dialogtui.meeting.actions import Actions
from dialogtui.meeting.alternatives import WRITTEN, Alternatives
from dialogtui.meeting.cases import Cases, index_of
from dialogtui.meeting.clock import Clock
from dialogtui.meeting.consent import Consent
from dialogtui.meeting.drafts import Drafts
from dialogtui.meeting.notes import Notes
from dialogtui.meeting.people import Groups
from dialogtui.meeting.room import Room
from dialogtui.meeting.timing import Timing, keeps_floor
from dialogtui.meeting.turns import ReadBacks, Turns
from dialogtui.questionset.loader import parse_question_set
from dialogtui.questionset.model import Question, QuestionSet, Step
from dialogtui.questionset.placeholders import check_date, resolve
from dialogtui.records import MeetingInfo, MeetingStatus, Participant, Position, Turn
from dialogtui.store.db import Store


class MeetingEngine:
    # Made alone (not `open`), it neither locks nor writes: the room's view reads a meeting
    # through one; `qs`, the meeting's set where the caller has parsed it.
    def __init__(self, store: Store, meeting_id: int, clock: Clock, qs: QuestionSet | None = None):
        self.store = store
        self.id = meeting_id
        self.clock = clock
        row = store.meeting_row(meeting_id)
        self.qs: QuestionSet = qs or parse_question_set(row.set_toml, f"<meeting {meeting_id}>")
        self.info: MeetingInfo = store.meeting_info(meeting_id)
        self.status = row.status
        self.reopened_after_read_back = False  # set by `start`
        self.pos: Position = store.position(meeting_id)
        # Optional steps left out, each in one time through it: (step index, repetition);
        # in a block, a skip is one case's only (the others still run the step).
        self.skipped: set[tuple[int, int]] = store.skipped_steps(meeting_id)
        # Per step of alternative questions, the one asked (else its first); of each group
        # of alternative steps (`[[alternatives]]`), the step run: `alternatives`.
        chosen = store.chosen_alternatives(meeting_id)
        self.chosen: dict[int, int] = {k: v for k, v in chosen.items() if k >= 0}
        self.alternatives = Alternatives(store, meeting_id, clock, self.qs)
        # The meeting's clocks, and its record, each over the store's part it keeps.
        left_out = self.alternatives.passed_over  # the alternatives not run take no time
        self.timing = Timing(store, meeting_id, clock, self.qs, self._here, self._skipped, left_out)
        self.timing.started_at = row.started_at
        self.groups = Groups(store, meeting_id, self.qs, self._here, self._people)
        self.consent = Consent(store, meeting_id, clock, self.qs, self.info)
        self.turns = Turns(store, meeting_id, clock, self._here, self._knows, self._case)
        self.read_back = ReadBacks(store, meeting_id, clock, self.turns, self._people)
        self.notes = Notes(store, meeting_id, clock, self._here)
        self.cards = Cards(self.kind_context)  # the step's cards, as its kind keeps them
        self.actions = Actions(store, meeting_id, clock, self.info, self._here, self._group)
        self.drafts = Drafts(store, meeting_id, clock)
        self.cases = Cases(store, meeting_id, clock, self.qs, self._here)  # each one's name
        self.room = Room(store, meeting_id)  # what the room's view shows

    # What the meeting's objects are given of the engine: its state, read when they act.

    def _here(self) -> Position:
        return self.pos

    def _skipped(self) -> set[tuple[int, int]]:
        return self.skipped

    def _case(self) -> int | None:
        """The current case: the time through the block the step is in (None: in none)."""
        return self.pos.repetition if self.qs.block_at(self.pos.step) is not None else None

    def _people(self) -> list[Participant]:
        return self.participants

    def _knows(self, pid: int) -> bool:
        return self.participant(pid) is not None

    def _group(self) -> int | None:
        """The group or pair with the floor, in a step worked in groups."""
        speaker = self.speaker
        if self.step.by_group and speaker is not None and speaker.group_step is not None:
            return speaker.id
        return None

    def kind_context(self) -> KindContext:
        """What a step kind is given to act on: this step as the meeting stands now, the
        repository of its items, and the one move it may make."""
        return KindContext(
            meeting_id=self.id,
            step=self.step,
            index=self.pos.step,
            repetition=self.pos.repetition,
            clock=self.clock,
            items=self.store,
            speaker=self.speaker,
            next_in_round=self.next_in_round,
        )

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
        self.timing.stop()
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
            found = self.groups.find(pid)
        return found

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
        return walk.round_of(self.step)

    def _seats(self) -> list[walk.Seat]:
        people = self.groups.of() if self.step.by_group else self.participants
        return [
            walk.Seat(p.id, p.role, self.organisation(p).casefold())
            for p in people
            if p.id is not None
        ]

    def _said(self) -> dict[tuple[int, int], str]:
        """Who has answered which question of this step, this time through it."""
        rep = self.pos.repetition

        def ratings() -> list:  # this time through's: in a block, this case's, not another's
            return [r for r in self.store.scale_ratings(self.id) if r.repetition == rep]

        return walk.answers(self.step, self.pos.step, self._marks, ratings, self._room_turns)

    def _room_turns(self) -> list[Turn]:
        """This time through the step, the turns of nobody in particular (a question of
        the room: a shared reflection)."""
        rep = self.pos.repetition
        return [t for t in self.turns.in_step() if t.participant_id is None and t.repetition == rep]

    def _at(self) -> walk.Floor:
        return walk.Floor(self.pos.question, self.pos.speaker_id)

    def _start_floor(self) -> walk.Floor:
        """The floor as the round begins or resumes: the first one not yet answered."""
        at = walk.Floor(self.pos.question)
        return walk.start(self._round(), self._seats(), self._said(), at)

    def _take(self, floor: walk.Floor) -> None:
        """The walker's position; a new floor's clocks start (another of the same
        organisation goes on in its time)."""
        same_floor = keeps_floor(self.step) and self._same_organisation(
            self.speaker, self.participant(floor.speaker)
        )
        self.pos.question, self.pos.speaker_id = floor.question, floor.speaker
        self.timing.new_floor(same_floor)

    def organisation(self, person: Participant) -> str:
        """Whom a person speaks for in a round over organisations: the organisation entered
        at set-up, else their role's name, else themselves (a guest is their own)."""
        return people.organisation(self.qs, person)

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

    def _same_organisation(self, a: Participant | None, b: Participant | None) -> bool:
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
        return self.turns.marks((self.pos.step, self.pos.repetition, question))

    # -- starting, finishing --------------------------------------------------------------

    def start(self) -> None:
        """Begin (or resume) the meeting: the current step's clock starts running."""
        if self.consent.missing:
            raise MeetingError(
                _("this question set needs the guardians' consent recorded before the meeting")
            )
        beginning = self.timing.started_at is None
        # An ended meeting read back and accepted, opened again: the scribe is told that
        # what is written now was not read back (the minutes say so beside the acceptance).
        self.reopened_after_read_back = self.status is MeetingStatus.finished and bool(
            self.read_back.all()
        )
        if beginning or self.status is MeetingStatus.finished:
            # Starting, or taking up again a meeting that was ended: it is open again.
            started = self.timing.started_at = self.timing.started_at or self.clock.now()
            self.store.set_status(self.id, MeetingStatus.open, started)
            self.status = MeetingStatus.open
        self.groups.form()
        if self.pos.speaker_id is None and self.step.by_group and beginning:
            self._take(self._start_floor())  # the first group or pair, as at a step change
        if self.pos.speaker_id is None and self.step.is_round and not self.round_complete:
            self._take(self._start_floor())  # but a round already walked stays complete
        self._save_pos()  # the floor taken, as a reader of the store sees it too
        if not self.pos.paused:
            self.timing.run()
        self.timing.new_floor()

    def finish(self) -> None:
        self.timing.stop()
        self.store.set_status(self.id, MeetingStatus.finished, self.clock.now())
        self.status = MeetingStatus.finished

    @property
    def paused(self) -> bool:
        return self.pos.paused

    def pause(self) -> None:
        self.timing.stop()
        self.pos.paused = True
        self._save_pos()

    def resume(self) -> None:
        self.pos.paused = False
        self.timing.run()
        self._save_pos()

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
        # An alternative not chosen, gone to (by the scribe's choice, a script): the meeting
        # runs this one instead.
        self._choose_alternative(index)
        self.timing.fold()
        # Within a block its time through goes on; into a block from outside, its latest.
        here, there = self.qs.block_at(self.pos.step), self.qs.block_at(index)
        if repetition is None:
            repetition = 1
            if there is not None and here is not None and here[1] == there[1]:
                repetition = self.pos.repetition
            elif there is not None:
                block = index_of(self.qs, there[0])
                repetition = self.store.last_repetition(self.id, there[1], there[2], block)
        self.pos.step, self.pos.repetition = index, repetition
        self.pos.question = self.chosen.get(index, 0)  # a step of alternatives: the one asked
        self.pos.speaker_id = None
        self.groups.form()
        if self.step.is_round or self.step.by_group:
            self._take(self._start_floor())
        self.timing.new_floor()
        self._save_pos()

    def skip_step(self) -> bool:
        """Leave out the current optional step and go on to the next one; at a step already
        skipped (gone back to), take it in again. In a block the skip is the current case's
        only: the step still runs in the other cases. True when the step is now skipped."""
        if self.step.optional is None:
            raise MeetingError(_("only an optional step can be skipped; this one is not"))
        key = (self.pos.step, self.pos.repetition)
        skipping = key not in self.skipped
        self.store.set_skipped(self.id, key[0], skipping, self.clock.now(), repetition=key[1])
        if skipping:
            self.skipped.add(key)
            self.next_step()
        else:
            self.skipped.discard(key)
        return skipping

    def next_step(self) -> bool:
        """To the next step the meeting runs (past the alternatives not chosen); at a
        block's last step, into the next case where there is one."""
        if (case := self._next_case(+1)) is not None:
            self.goto_step(*case)
            return True
        runs = self.alternatives.runs
        later = [i for i in range(self.pos.step + 1, len(self.qs.steps)) if runs(i)]
        if not later:
            return False
        self.goto_step(later[0])
        return True

    def prev_step(self) -> bool:
        """To the step before that the meeting runs (past the alternatives not chosen); at
        a block's first step in case k > 1, to its last step in case k - 1."""
        if (case := self._next_case(-1)) is not None:
            self.goto_step(*case)
            return True
        earlier = [i for i in range(self.pos.step) if self.alternatives.runs(i)]
        if not earlier:
            return False
        self.goto_step(earlier[-1])
        return True

    def _next_case(self, delta: int) -> tuple[int, int] | None:
        """At a block's last step run (`delta` +1) or its first (-1), the step and case a
        move crosses to, so that every case is reached; None where it leaves the block."""
        found = self.qs.block_at(self.pos.step)
        if found is None:
            return None
        block = index_of(self.qs, found[0])
        inside = [i for i in range(found[1], found[2] + 1) if self.alternatives.runs(i)]
        repetition = self.pos.repetition + delta
        if delta > 0 and self.pos.step == inside[-1]:
            if repetition <= self.cases.existing(block):
                return inside[0], repetition
        elif delta < 0 and self.pos.step == inside[0] and repetition >= 1:
            return inside[-1], repetition
        return None

    def choose_step_alternative(self, delta: int = 1) -> int:
        """The scribe runs another of the current step's alternatives (`[[alternatives]]`;
        the next, or with -1 the one before, round): it is kept, and the meeting goes to it.
        Refused where something is recorded at this one already, which would then stand
        nowhere."""
        group = self.qs.alternatives_of(self.pos.step)
        if group is None:
            raise MeetingError(_("this step has no alternative to choose instead"))
        steps = self.qs.alternative_steps(group)
        index = steps[(steps.index(self.pos.step) + delta) % len(steps)]
        self.goto_step(index)  # going to it chooses it
        return index

    def _choose_alternative(self, index: int) -> None:
        """Step `index` is run instead of its group's alternative chosen so far; refused
        where something is recorded at that one, which would then stand nowhere."""
        if self.alternatives.runs(index):
            return
        group = self.qs.alternatives_of(index)
        run = next(i for i in self.qs.alternative_steps(group or 0) if self.alternatives.runs(i))
        # Anything written there (a note, a rating, an action too, not turns and cards
        # only) would stand at a step the documents no longer show.
        written = self.store.written_at(self.id, run)
        if written:
            what = ", ".join(pgettext("written at a step", WRITTEN[k]) for k in written)
            raise MeetingError(
                _(
                    "something is written at the alternative '{title}' already ({what}): "
                    "delete it before choosing another"
                ).format(title=self.qs.steps[run].title, what=what)
            )
        self.alternatives.choose(index)

    def repeat_block(self, name: str = "", card_id: int | None = None) -> bool:
        """The next time through the block the current step is in (the next case), at
        the block's first step, named `name` (the vote's card `card_id`, where it was chosen
        from one); False outside a block or after its last time."""
        found = self.qs.block_at(self.pos.step)
        if found is None or self.pos.repetition >= found[0].repeat.max:
            return False
        # The floor found from the new case's answers, from its first question; at the
        # block's first step run (of alternative steps, the one chosen).
        first = next(i for i in range(found[1], found[2] + 1) if self.alternatives.runs(i))
        self.goto_step(first, repetition=self.pos.repetition + 1)
        if name.strip():
            self.cases.name_case(name, card_id)
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
        self.timing.new_floor()
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
        if not (self.step.is_round or passed):
            return  # outside a round only a pass moves the floor on (groups side by side)
        question = self.question
        room = question is not None and question.asked == "plenary"
        if self.pos.speaker_id is None and not (room and passed):
            return  # nobody's turn; the room, having passed, has nothing more to add
        at = self._at()
        floor = walk.after_turn(self._round(), self._seats(), self._said(), at, passed=passed)
        same = self._same_organisation(self.speaker, self.participant(floor.speaker))
        if not (keeps_floor(self.step) and same):
            self.timing.floor_started = self.timing.turn_started  # the next one's starts now
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
            started_at=self.timing.turn_started,
            ended_at=now,
            passed=passed,
            repetition=self.pos.repetition,
        )
        turn = self.turns.add(turn)
        self.timing.turn_started = now
        self._advance_round(passed)
        self._save_pos()
        return turn

    def submit(self, text: str) -> Turn:
        """Save a turn (durably) and move the round on. Whitespace-only text is refused."""
        if not text.strip():
            raise MeetingError(_("the turn is empty; type what was said, or pass"))
        return self._record(text.rstrip(), passed=False)

    def pass_turn(self) -> Turn:
        question = self.question
        room = self.step.is_round and question is not None and question.asked == "plenary"
        if self.pos.speaker_id is None and not room:  # the room may pass: nothing came up
            raise MeetingError(_("choose who passes first"))
        return self._record("", passed=True)
