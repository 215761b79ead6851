"""Build a meeting's documents — the minutes, and the action plan on its own — as
format-neutral blocks (`dialogtui.export.document`), which every format renders."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable

from dialogtui.export.cases import Case, CaseKey, block_steps, case_of, meeting_cases
from dialogtui.export.document import (
    OF_FRAME,
    OF_MEETING,
    OF_METHOD,
    OF_ROOM,
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
    Span,
    Table,
    Whose,
    capitalised,
    label,
    of,
    ours,
    plain_text,
    said,
    turn_text,
)
from dialogtui.export.pseudonymise import name_replacer, pseudonyms
from dialogtui.export.recipients import for_copy
from dialogtui.export.record import MeetingRecord
from dialogtui.i18n import date_text, list_text, time_text
from dialogtui.kinds import SPECS as KIND_SPECS
from dialogtui.kinds.action_planning import frame_facts, made_in
from dialogtui.labels import action_columns, covered_text, labels
from dialogtui.questionset.kinds import StepKind
from dialogtui.questionset.model import Question, Step
from dialogtui.questionset.placeholders import resolve
from dialogtui.questionset.shapes import pairs_of
from dialogtui.questionset.words import format_minutes
from dialogtui.records import ActionItem, ActionStatus, ChoiceMark, FollowUp, ScaleRating


def fact(name: str, value: Line, whose: Whose = OF_MEETING) -> Item:
    """ "Datum: 15 januari 2026": a fact of the header, the plan's frame: the meeting's."""
    return Item([label(f"{name}:"), ours(" "), *value], whose=whose)


def labelled(name: str, *blocks: Block) -> Section:
    """ "Beslut:" over what it labels, standing only with it."""
    return Section([Paragraph([label(f"{name}:")], OF_FRAME)], list(blocks))


class Minutes:
    """Holds the meeting, its labels, and the one rule for what of the user's text goes in:
    names replaced by pseudonyms where asked. Each kind's section of the minutes is built
    from it (`KindSpec.minutes`)."""

    def __init__(
        self,
        record: MeetingRecord,
        pseudonymise: bool,
        history: bool = False,
        language: str | None = None,
        only: frozenset[int] | None = None,
        case: Case | None = None,
    ):
        self.r = record
        self.only = only  # a recipient's copy: whose statements it holds
        self.case = case  # one case's copy (its record holds that case alone: `only_case`)
        # The labels' language: the meeting's, or a recipient's; its content stays as said.
        self.language = language or record.language
        self.L = labels(self.language)
        self.pseudonymise = pseudonymise
        self.history = history
        self.stand_ins = pseudonyms(record, self.language) if pseudonymise else {}
        # After a person's name, what one person of their role is called ("familjemedlem"),
        # not the set's heading for all of them ("Familjemedlemmarna").
        self.roles = {r.id: r.person for r in record.qs.roles}
        # User text as it goes into the document: names hidden if asked.
        self.u: Callable[[str], str] = str
        if pseudonymise:
            asker, writer = self.facilitator_labels
            self.u = name_replacer(record, asker, writer, self.language)
        self.speakers = self._speaker_labels()  # after `u`: a group's name is user text

    # -- what the kinds use ------------------------------------------------------------

    def t(self, text: str, bold: bool = False, italic: bool = False) -> Span:
        """A participant's text (a card, a comment, a name typed), names hidden if asked."""
        return said(self.u(text), bold, italic)

    def follows_up(self) -> Line:
        """The meeting this one follows up: its date as the document's language writes
        one, and its title as typed."""
        if self.r.previous is None:
            return []
        day, title = self.r.previous
        return [ours(date_text(day, "long", self.language) + " "), self.t(title)]

    def q(self, text: str, bold: bool = False, italic: bool = False) -> Span:
        """A question-set text, with its placeholders resolved."""
        resolved = resolve(text, self.r.info.date, self.r.qs.horizon, self.r.qs.language)
        return said(resolved, bold, italic)

    def speaker(self, pid: int | None) -> str:
        return self.speakers.get(pid, "?")

    def cards_of(self, n: int, rep: int | None) -> list:
        """The cards of step n's time through `rep` (a kind of cards' own section)."""
        return [c for c in self.r.cards if (c.step, c.repetition) == (n, rep)]

    @functools.cached_property
    def by_step(self) -> dict[int, dict[tuple[int, int | None], list]]:
        """step -> (repetition, question) -> turns, in one pass over a long meeting."""
        groups: dict[int, dict[tuple[int, int | None], list]] = {}
        turns = self.r.turns
        if self.history and self.r.deleted:  # in their places, as they were said
            turns = sorted([*turns, *self.r.deleted], key=lambda t: (t.step, t.id))
        for t in turns:
            groups.setdefault(t.step, {}).setdefault((t.repetition, t.question), []).append(t)
        return groups

    def _speaker_labels(self) -> dict[int | None, str]:
        labels_by_id: dict[int | None, str] = {None: self.L["group"]}
        for p in self.r.info.participants:
            if self.pseudonymise:
                labels_by_id[p.id] = self.stand_ins[p.id]
            else:
                # Role and organisation: whom someone spoke for, in a round over
                # organisations too ("Kim (BUP)").
                about = [x for x in (self.roles.get(p.role or ""), p.organisation.strip()) if x]
                if len(about) == 2 and about[0].casefold() == about[1].casefold():
                    about.pop()
                labels_by_id[p.id] = f"{p.name} ({', '.join(about)})" if about else p.name
        for groups in self.r.groups.values():
            for g in groups:  # a group's name, which the scribe typed: user text
                labels_by_id[g.id] = self.u(g.name)
        return labels_by_id

    @functools.cached_property
    def own_language(self) -> bool:
        """The labels are in the set's language (not another's, for a recipient)."""
        return self.language == self.r.language

    @functools.cached_property
    def facilitator_labels(self) -> tuple[str, str]:
        """What the set calls its two facilitators ("Processledare", "Dokumentatör"); in
        another language's labels, the catalogue's words, as every other label is."""
        own = self.r.qs.facilitators
        if own and self.own_language:
            return own.asker, own.writer
        return self.L["asker"], self.L["writer"]

    def planned(self, minutes: int | None) -> str:
        return format_minutes(minutes, self.L["min"], self.L["untimed"])

    def minutes_of(self, seconds: float | None) -> str:
        """ "12 min"; a step of a few seconds "< 1 min", not "0 min" as if it never ran."""
        if seconds is None:
            return "–"
        return f"{'< 1' if 0 < seconds < 30 else round(seconds / 60)} {self.L['min']}"

    # -- the parts of the documents ----------------------------------------------------

    def header(self, kind: str, copy_note: bool = True) -> list[Part]:
        r, L = self.r, self.L
        out: list[Part] = [Heading(1, [ours(f"{L[kind]}: "), self.t(r.info.title)])]
        facts: list[tuple[str, Line]] = [
            (L["method"], [self.q(r.qs.method)] if r.qs.method else []),
            (L["date"], [ours(date_text(r.info.date, "long", self.language))]),
            (L["place"], [self.t(r.info.place)] if r.info.place else []),
            # A pseudonymised file calls each facilitator by the role: no need to say it twice.
            (self.facilitator_labels[0], self.named(r.info.asker)),
            (self.facilitator_labels[1], self.named(r.info.writer)),
            (L["time"], [ours(self.clock_times())] if self.clock_times() else []),
            (L["follows_up"], self.follows_up()),
            (L["read_back"], self.read_back()),
        ]
        facts.append((L["consent"], self.consent()))
        out.append(Items([fact(k, v) for k, v in facts if v]))  # the date is always there
        if r.qs.ours and self.own_language:  # the whole set is dialogtui's, not a source's
            out.append(self.marked(L["ours"], self.q(r.qs.ours, italic=True)))
        return out + self.copy_notes(copy_note)

    def copy_notes(self, copy_note: bool = True) -> list[Part]:
        """What this copy holds (a recipient's), and how (pseudonymised, with history)."""
        L = self.L
        note = self.copy_note() if self.only and copy_note else []
        if self.only is not None and not self.only and copy_note:
            # A copy for a family none of whom was there holds nobody's statements: it says
            # so, or an empty case map reads as though nothing was said.
            note = [ours(L["copy_for_none"], italic=True)]
        if self.case is not None:  # one child's: the other cases are not in it
            before, _, after = L["case_copy"].partition("{case}")
            space = ours(" " * bool(note), italic=True)
            line = [ours(before, italic=True), *self.case_line(self.case.key, italic=True)]
            note += [space, *line, ours(after, italic=True)]
        notes = [L["pseudonymised"]] if self.pseudonymise else []
        notes += [L["with_history"]] if self.history else []
        if not self.own_language:
            # The labels are the recipient's language; what was asked and said is not
            # translated, and the reader is told so rather than left to wonder.
            notes.append(L["kept_language"].format(language=self.set_language_name))
        if notes:
            note.append(ours(" " * bool(note) + " ".join(notes), italic=True))
        return [Paragraph(note, OF_MEETING)] if note else []

    @functools.cached_property
    def set_language_name(self) -> str:
        """The set's language as the labels' language calls it ("ruotsi", "svenska")."""
        from babel import Locale

        names = Locale.parse(self.language).languages
        return names.get(self.r.language, self.r.language)

    def consent(self) -> Line:
        """The guardians' consent, in one sentence that follows what was recorded: given
        (and how, as the scribe noted it), missing (and the scribe's note on it), or not
        asked; nothing where the set does not ask for it. Where it is asked of each case,
        each case says its own, and the meeting's stands only where it was given."""
        r, L = self.r, self.L
        if not r.qs.asks_consent:
            return []
        note = r.info.consent_note.strip()
        noted: Line = [ours(": "), self.t(note)] if note else []
        if r.info.consent_given:
            return [ours(L["consent_yes"]), *noted]
        if any(b.consent for b in r.qs.blocks):
            # Taken per case (a child each): each case says its own, and the meeting never
            # says "missing" for them all; only what the scribe noted for the meeting.
            return [self.t(note)] if note else []
        if r.info.consent_given is None:
            return [ours(L["consent_not_asked"]), *noted]
        return [ours(L["consent_no"]), *noted]

    def copy_note(self) -> Line:
        """ "This copy holds the statements of Anna Lind, Erik Lind; …": a recipient's copy
        says whose statements it holds (its speakers' labels: pseudonyms where asked; text
        typed, escaped by each format like any name)."""
        ids = [p.id for p in self.r.info.participants if self.only and p.id in self.only]
        names = list_text([" ".join(self.speaker(i).split()) for i in ids], self.language)
        before, _, after = self.L["copy_for"].partition("{names}")
        return [ours(before, italic=True), said(names, italic=True), ours(after, italic=True)]

    def named(self, name: str) -> Line:
        return [said(name)] if name and not self.pseudonymise else []

    # -- the cases (the times through a block: a child each) ---------------------------

    @functools.cached_property
    def cases(self) -> list[Case]:
        """The cases the document covers: one case's copy, that one; else the meeting's."""
        return [self.case] if self.case is not None else meeting_cases(self.r)

    @functools.cached_property
    def case_reps(self) -> dict[int, list[int]]:
        """Each block's cases (its times through), by the block's index."""
        out: dict[int, list[int]] = {}
        for c in self.cases:
            out.setdefault(c.block, []).append(c.repetition)
        return out

    @functools.cached_property
    def in_block(self) -> dict[int, int]:
        """The steps of the set's blocks: each one's block."""
        return block_steps(self.r.qs)

    def case_name(self, key: CaseKey) -> str:
        """A case's name, one line; none in a pseudonymised copy (a name can name a child)."""
        return "" if self.pseudonymise else " ".join(self.r.cases.get(key, "").split())

    def case_line(self, key: CaseKey, italic: bool = False) -> Line:
        """ "Case 2: Flicka 14": the block's word for one time through it (the set's, in
        its language), the case's number, and its name where it has one."""
        block = self.r.qs.blocks[key[0]]
        each = ours(self.L["case" if block.consent else "repetition"], italic=italic)
        if block.each and self.own_language:
            each = self.t(block.each, italic=italic)
        line = [each, ours(f" {key[1]}", italic=italic)]
        name = self.case_name(key)
        return line + ([ours(": ", italic=italic), self.t(name, italic=italic)] if name else [])

    def rep_line(self, n: int, rep: int) -> Line:
        """A time through step n: its case, in a block; else "Round 2"."""
        b = self.in_block.get(n)
        if b is None:
            return [ours(f"{self.L['repetition']} {rep}")]
        return self.case_line((b, rep))

    def headed(self, n: int, rep: int, reps: set[int]) -> bool:
        """Whether step n's time `rep` stands under a heading of its own: a case where the
        block went through more than once, or has a name, or the copy is one case's; a
        repeated step's round where it went through more than once."""
        b = self.in_block.get(n)
        if b is None:
            return len(reps) > 1
        many = len(self.case_reps.get(b, [])) > 1 or rep > 1
        return many or self.case is not None or bool(self.case_name((b, rep)))

    def skipped_in(self, n: int) -> tuple[set[int], bool]:
        """The times through step n that skipped it, and whether that is the whole step's
        (every case of its block skipped it, or it is in none)."""
        skipped = {rep for s, rep in self.r.skipped if s == n}
        b = self.in_block.get(n)
        if b is None or not skipped:
            return skipped, bool(skipped)
        return skipped, set(self.case_reps.get(b, [])) <= skipped

    def action_case(self, a: ActionItem) -> CaseKey | None:
        return case_of(self.r.qs, a.step, a.repetition)

    @functools.cached_property
    def actions_by_case(self) -> dict[CaseKey | None, list[ActionItem]]:
        """The actions by the case they were made in (None: outside the cases)."""
        out: dict[CaseKey | None, list[ActionItem]] = {}
        for a in self.r.actions:
            out.setdefault(self.action_case(a), []).append(a)
        return out

    def plan_body(self, step: Step | None = None, level: int = 3, cases: bool = True) -> list[Part]:
        """The plan's actions. Where the meeting has cases, a section for each (`cases`):
        its heading, its own consent, the actions made in it; then those made outside
        them. Where it has none, one table."""
        if not self.cases:
            return list(self.action_table(self.r.actions, step))
        out: list[Part] = []
        held = next((b for b, block in enumerate(self.r.qs.blocks) if block.consent), None)
        for c in self.cases if cases else []:
            body: list[Block | Section] = []
            if c.block == held:
                body.append(self.case_consent(c.repetition))
            body += self.action_table(self.actions_by_case.get(c.key, []), step, False)
            out.append(Section([Heading(level, self.case_line(c.key))], body))
        outside = self.actions_by_case.get(None, [])
        if outside:
            heading = Heading(level, [ours(self.L["other_actions"])])
            out.append(Section([heading], list(self.action_table(outside, step))))
        return out

    def read_back(self) -> Line:
        """Who accepted the minutes as read back, at what time, having heard what ("Anna
        Lind, Per (14:31; read back: 12 turns, 2 decisions and the plan's frame)")."""
        out: Line = []
        for n, rb in enumerate(self.r.read_backs):
            out += [ours("; ")] if n else []
            at = self.L["clock"].format(time=time_text(rb.at, self.language))
            # What was read, where known: the acceptance covers that, and no more.
            read = covered_text(rb.covered, self.L)
            if read:
                at += "; " + self.L["what_was_read"].format(parts=read)
            if rb.reopened_at is not None:  # what came after was never read back
                when = time_text(rb.reopened_at, self.language)  # its message has its "kl."
                at += "; " + self.L["reopened"].format(time=when)
            out += [self.t(rb.accepted_by), ours(f" ({at})")]
        return out

    def clock_times(self) -> str:
        """When the meeting started and ended, in local time, as the language writes it
        ("kl. 13:02–14:31", "klo 13.02–14.31")."""
        start, end = self.r.started_at, self.r.finished_at
        if start is None:
            return ""
        times = [time_text(t, self.language) for t in (start, end) if t is not None]
        return self.L["clock"].format(time="–".join(times))

    def participants(self) -> list[Part]:
        L = self.L
        rows = []
        for p in self.r.info.participants:
            name = self.stand_ins[p.id] if self.pseudonymise else p.name
            role = capitalised(self.roles.get(p.role or "", p.role or ""))
            rows.append([[said(name)], [said(role)], [self.t(p.organisation)]])
        heads = [[ours(L["name"])], [ours(L["role"])], [ours(L["organisation"])]]
        table = Table(heads, rows, whose=OF_MEETING)
        return [Section([Heading(2, [ours(L["participants"])])], [table])]

    def times(self) -> list[Part]:
        L = self.L
        rows: list[list[Line]] = []
        actual_total = 0.0
        for n, step in enumerate(self.r.qs.steps):
            if n in self.r.passed_over:
                continue  # an alternative not chosen: as if the set had only the one run
            actual = self.r.step_seconds.get(n, 0.0)
            actual_total += actual
            p = self.planned(step.planned_minutes)
            skipped, whole = self.skipped_in(n)
            if whole:
                p = L["skipped"].lower()
            rows.append(
                [
                    [ours(f"{n + 1}. "), self.q(step.title)],
                    [ours(p)],
                    [ours(self.minutes_of(actual))],
                ]
            )
            if not whole:  # skipped by some cases only: each of them under the step, "6. Case 2"
                was, number = ours(L["skipped"].lower()), ours(f"{n + 1}. ")
                rows += [
                    [[number, *self.rep_line(n, rep)], [was], [ours("–")]]
                    for rep in sorted(skipped)
                ]
        planned_text = self.planned(self.r.qs.planned_minutes)
        total = (L["total"], planned_text, self.minutes_of(actual_total))
        rows.append([[ours(x, bold=True)] for x in total])
        heads = [[ours(L["step"])], [ours(L["planned"])], [ours(L["actual"])]]
        table = Table(heads, rows, right=frozenset({1, 2}), whose=OF_METHOD)  # the method's
        return [Section([Heading(2, [ours(L["times"])])], [table])]

    def step(self, n: int, step: Step) -> list[Part]:
        """A step's section: its heading, the method's notes on it, then per time through
        (a case of a block) each question's turns, and the kind's own part; then the
        decisions, concerns and standpoints noted in it."""
        L = self.L
        planned = self.planned(step.planned_minutes)
        actual = self.minutes_of(self.r.step_seconds.get(n, 0.0))
        body: list[Part] = []
        skipped, whole = self.skipped_in(n)
        if step.optional is not None:
            # Skipped: every reader learns it was left out, not forgotten; the source's
            # condition that let it be is the method's, for the facilitators. Skipped in
            # some cases only, each of those says so in its place.
            body.append(self.marked(L["optional"], self.q(step.optional, italic=True)))
            if whole:
                body.append(Paragraph([ours(L["skipped"], italic=True)], OF_MEETING))
        if step.ours and self.own_language:  # the set's note, in the set's language only
            body.append(self.marked(L["ours"], self.q(step.ours, italic=True)))
        if step.journal:  # facts kept apart from assessments, where the set says which
            body.append(Paragraph([label(L[step.journal])], OF_FRAME))
        times = f"{L['planned']}: {planned} · {L['actual']}: {actual}"
        body.append(Paragraph([ours(times, italic=True)], OF_METHOD))
        groups = self.by_step.get(n, {})
        spec = KIND_SPECS[step.kind]
        # A time through with only cards (a case's needs, no turn typed) still has its place.
        reps = {rep for rep, _ in groups} | {c.repetition for c in self.r.cards if c.step == n}
        # So has one with only a note, a rating or a choice: each is of its case.
        notes = [x for x in self.r.notes if x.step == n]
        per_rep = step.kind.shape.cards or step.kind in (StepKind.scale, StepKind.choice)
        marked: list[ScaleRating | ChoiceMark] = [*self.r.ratings, *self.r.choices]
        reps |= {x.repetition for x in notes}
        reps |= {x.repetition for x in marked if x.step == n and per_rep}
        found = self.r.qs.block_at(n)
        if found and found[0].consent and n == found[1]:  # a case whose consent was noted
            reps |= set(self.r.case_consents)
        # Each case of a block in its place: one that skipped the step says so there, and
        # the plan's step gives each case its own actions (f3's in the case too).
        plan_here = found is not None and n == self.plan_step
        if found is not None:
            reps |= set(skipped)
            if plan_here:
                reps |= set(self.case_reps.get(self.in_block[n], []))
        for rep in sorted(reps) or [1]:
            inner: list[Part] = []
            noted = rep in self.r.case_consents
            if found and found[0].consent and n == found[1] and (rep in reps or noted):
                inner.append(self.case_consent(rep))  # the case's own, once it was taken up
            if rep in skipped and not whole:  # this case's skip, not the whole step's: said
                # in every copy, so that a case's reader sees it was left out, not lost
                inner.append(Paragraph([ours(L["skipped"], italic=True)], OF_MEETING))
            lines = self.said_lines(step)
            if self.told_whole(step):
                told = [t for (r, _), ts in groups.items() if r == rep for t in ts]
                inner += self.accounts(step, told)
            else:
                for qi, question in enumerate(step.questions):
                    if (rep, qi) in groups:
                        head = self.question_head(question)
                        said_by = self.room_lines if question.asked == "plenary" else lines
                        inner.append(Section(head, list(said_by(groups[(rep, qi)]))))
                inner += lines(groups.get((rep, None), []))
            if per_rep:  # the kind's own section (cards, ratings, marks) for this time through
                inner.append(Section([], spec.minutes(self, n, step, rep)))
            if plan_here:  # the case's own plan
                mine = self.actions_by_case.get((self.in_block[n], rep), [])
                inner += self.action_table(mine, step, case_column=False)
            if self.headed(n, rep, reps):  # "Case 2: Flicka 14": a block's time through
                # Its decisions and concerns too, under it: a child's are of that child.
                inner += self.notes_of([x for x in notes if x.repetition == rep])
                body.append(Section([Heading(3, self.rep_line(n, rep))], inner))
                notes = [x for x in notes if x.repetition != rep]
            else:
                body += inner
        if not per_rep:
            body.append(Section([], spec.minutes(self, n, step, None)))  # the kind's own
        body += self.notes_of(notes)  # those of no heading of their own: the step's
        return [Section([Heading(2, [ours(f"{n + 1}. "), self.q(step.title)])], body)]

    def notes_of(self, notes: list) -> list[Part]:
        """Standpoints, decisions and concerns noted, each kind under its label."""
        out: list[Part] = []
        for kind in ("standpoints", "decisions", "concerns"):
            said = [x for x in notes if x.kind.value + "s" == kind]
            if said:
                items = [Item([turn_text(self.u(x.text))], whose=OF_MEETING) for x in said]
                out.append(labelled(self.L[kind], Items(items)))
        return out

    def question_head(self, question: Question) -> list[Block]:
        """A question over its answers, with the set's note where the set added it."""
        head: list[Block] = [Paragraph([self.q(question.text, bold=True)], OF_FRAME)]
        if question.ours and self.own_language:
            head.append(self.marked(self.L["ours"], self.q(question.ours, italic=True)))
        return head

    @staticmethod
    def told_whole(step: Step) -> bool:
        """A round where each person answers all its questions before the next person (an
        anticipation dialogue: each one tells the good future whole, the others listen)."""
        return step.is_round and step.order == "each_person" and not step.by_group

    def accounts(self, step: Step, turns: list) -> list[Part]:
        """Such a round's minutes: each one's account whole, the people in the order they
        spoke, each answer under its question and after its speaker's name (a journal's
        reader takes a statement alone); regrouped by question, a person's account would be
        cut up between everyone else's."""
        by_person: dict[int | None, list] = {}
        for t in sorted(turns, key=lambda t: t.id):  # in the order spoken
            by_person.setdefault(t.participant_id, []).append(t)
        out: list[Part] = []
        for theirs in by_person.values():
            for qi, run in itertools.groupby(theirs, key=lambda t: t.question):
                asked = step.questions[qi] if qi is not None and qi < len(step.questions) else None
                head = self.question_head(asked) if asked is not None else []
                out.append(Section(head, list(self.turn_lines(list(run)))))
        return out

    def case_consent(self, rep: int) -> Paragraph:
        """A case's consent, as the scribe noted how it was given, or that it is missing."""
        L = self.L
        note = self.r.case_consents.get(rep, "")
        given: Line = [ours(L["consent_no"], italic=True)]
        if note:
            given = [ours(f"{L['consent_yes']}: ", italic=True), self.t(note, italic=True)]
        return Paragraph([ours(f"{L['consent']}: ", italic=True), *given], OF_MEETING)

    def marked(self, name: str, text: Span) -> Paragraph:
        """ "*Tillagt, inte i källan: …*": the method's note on a step, in italics."""
        return Paragraph([ours(f"{name}: ", italic=True), text], OF_METHOD)

    def whose_turn(self, pid: int | None) -> Whose:
        """A participant's turn is theirs; a group's or a pair's, the room's."""
        return OF_ROOM if pid is None or pid in self.group_ids else of(pid)

    @functools.cached_property
    def group_ids(self) -> set[int | None]:
        return {g.id for gs in self.r.groups.values() for g in gs}

    def turn_lines(self, turns, named: bool = True) -> list[Block]:
        """Each turn an item, after its speaker's name (`named`), or alone under a heading
        that names them; each the speaker's statement, with what stands under it."""
        passed = ours(self.L["passed"], italic=True)
        corrected = ours(f"({self.L['corrected']})", italic=True)
        space, colon = ours(" "), label(":")
        # Each speaker's name once, as a span: a long meeting has many turns.
        names = {pid: said(name, bold=True) for pid, name in self.speakers.items()}
        unknown = said("?", bold=True)
        u = self.u
        history = self.history  # looked up once
        was_corrected, objections = self.r.corrected, self.r.objections
        whose_of = {pid: self.whose_turn(pid) for pid in self.speakers}
        out = []
        for t in turns:
            line: Line = []
            if named:
                line = [names.get(t.participant_id, unknown), colon, space]
            whose = whose_of.get(t.participant_id, OF_ROOM)
            if t.passed:
                line.append(passed)
                whose = OF_METHOD  # who passed is the method's record, not a statement
            else:
                # Minutes for the participants carry no editing marks but one: a turn
                # corrected when they were read back says so (its history is kept in the
                # data, and in the export "with history").
                if history:
                    mark = self.history_mark(t)
                else:
                    mark = corrected if t.id in was_corrected else None
                if mark is not None:
                    line += [mark, space]
                line.append(Span(u(t.text), lines=True))
            item = Item(line, whose=whose)
            if history:
                item.items += self.earlier_versions(t.id, whose)
            if t.id in objections:  # beside the turn, never over it
                item.items += self.objection_items(objections[t.id], whose)
            out.append(item)
        return [Items(out)] if out else []

    def objection_items(self, objections: list, turn: Whose) -> list[Item]:
        """Each objection to a turn: the objector's statement about the turn's speaker's."""
        before, _, after = self.L["objection"].partition("{name}")
        return [
            Item(
                [
                    ours(before, italic=True),
                    self.t(o.by, italic=True),
                    ours(f"{after}:", italic=True),
                    ours(" "),
                    turn_text(self.u(o.text)),
                ],
                whose=Whose(self.whose_turn(o.participant_id).by, turn.by),
            )
            for o in objections
        ]

    def said_lines(self, step: Step) -> Callable[[list], list[Part]]:
        """How a step's turns are listed: by group or pair, by pairs of groups meeting, as
        individual work, or each under its speaker's name."""
        if step.groups is not None and step.groups.meet == "pairs":
            return functools.partial(self.pair_lines, step)
        if step.by_group:
            return self.group_lines
        if step.form == "individual":
            return self.individual_lines
        return self.turn_lines  # type: ignore[return-value]  # blocks are parts

    def room_lines(self, turns) -> list[Part]:
        """A question of the room (a shared reflection): what nobody in particular said
        stands under the question with no name, the room's; one given the floor is named."""
        out: list[Part] = []
        for nobody, run in itertools.groupby(turns, key=lambda t: t.participant_id is None):
            out += self.turn_lines(list(run), named=not nobody)
        return out

    def individual_lines(self, turns) -> list[Part]:
        """Work done each on their own: what the scribe filed under its writer is theirs;
        the rest is labelled as individual work, never as the group's."""
        out: list[Part] = []
        for nobody, run in itertools.groupby(turns, key=lambda t: t.participant_id is None):
            if nobody:
                head = Paragraph([label(f"{self.L['individual_work']}:")], OF_FRAME)
                out.append(Section([head], list(self.turn_lines(list(run), named=False))))
            else:
                out += self.turn_lines(list(run))
        return out

    def pair_lines(self, step: Step, turns) -> list[Part]:
        """Groups meeting two by two, the pairs side by side: each presentation under its
        pair ("Gruppe 1 og Gruppe 2"), then under its group."""
        home = self.r.qs.index_of(step.groups.step) if step.groups and step.groups.step else None
        pairs = pairs_of(self.r.groups.get(home, []) if home is not None else [])
        placed = {g.id for pair in pairs for g in pair}
        out: list[Part] = []
        for pair in pairs:
            ids = {g.id for g in pair}
            theirs = [t for t in turns if t.participant_id in ids]
            if theirs:
                names = list_text([self.speaker(g.id) for g in pair], self.language)
                head = Paragraph([said(names, bold=True)], OF_FRAME)
                out.append(Section([head], self.group_lines(theirs)))
        out += self.group_lines([t for t in turns if t.participant_id not in placed])
        return out

    def group_lines(self, turns) -> list[Part]:
        """A step of groups or pairs: each one's outputs under its name, in the order the
        groups were formed (what the scribe typed as they worked side by side)."""
        order = {g.id: n for gs in self.r.groups.values() for n, g in enumerate(gs)}
        out: list[Part] = []
        by_group: dict[int | None, list] = {}
        for t in turns:
            by_group.setdefault(t.participant_id, []).append(t)
        for pid in sorted(by_group, key=lambda g: order.get(g, len(order))):
            name = Paragraph([said(self.speaker(pid), bold=True, italic=True)], OF_FRAME)
            out.append(Section([name], list(self.turn_lines(by_group[pid], named=False))))
        return out

    def history_mark(self, t) -> Span | None:
        for marked, key in (
            (t.id in self.deleted_ids, "deleted"),
            (t.id in self.r.corrected, "corrected"),
            (t.edited, "edited"),
        ):
            if marked:
                return ours(f"({self.L[key]})", italic=True)
        return None

    @functools.cached_property
    def deleted_ids(self) -> set[int]:
        return {t.id for t in self.r.deleted}

    def earlier_versions(self, turn_id: int, whose: Whose) -> list[Item]:
        """A turn's earlier texts under it, in the export with history: its speaker's."""
        earlier = self.r.revisions.get(turn_id, [])
        name = ours(f"{self.L['earlier']}:", italic=True)
        return [Item([name, ours(" "), turn_text(self.u(text))], whose=whose) for text in earlier]

    @functools.cached_property
    def plan_step(self) -> int | None:
        """The step the action plan is shown in: the set's first action-planning step."""
        return self.r.qs.first_step_of(StepKind.action_planning)

    @functools.cached_property
    def follow_up_step(self) -> int | None:
        """The step earlier actions are followed up in."""
        return self.r.qs.first_step_of(StepKind.follow_up)

    @property
    def has_plan(self) -> bool:
        """Whether the meeting has an action plan to write: its set plans (a plan step, whose
        "no actions" says that none was agreed), or an action was noted (f3), or earlier
        actions were followed up. A set that makes no plan gets no plan file saying so."""
        return self.plan_step is not None or bool(self.r.actions) or bool(self.r.carried)

    def action_table(
        self, items: list[ActionItem], step: Step | None = None, case_column: bool = True
    ) -> list[Block]:
        """The actions' table; `case_column`: with the case each was made in, where they
        are of several (not under a case's own heading)."""
        L = self.L
        if not items:
            return [Paragraph([ours(L["no_actions"])], OF_MEETING)]
        # The step's own headings, as the screen shows them; a status only once one is
        # not open any more (in the meeting that made them, all are).
        cols = action_columns(self.r.qs, step, self.language)
        if not self.own_language:  # the set's own headings are in the set's language
            cols = [(f, L[f]) for f, _ in cols]
        names = {g.id: g.name for gs in self.r.groups.values() for g in gs}
        group = lambda g: self.u(names.get(g, "?"))  # noqa: E731
        first, made = made_in(self.r.qs, items, group, L, cases=case_column)
        heads = [[said(h)] for h in first] + [[self.q(name)] for _, name in cols]
        status = any(a.status is not ActionStatus.open for a in items)
        heads += [[ours(L["status"])]] if status else []
        rows = []
        for a in items:
            row = [[said(x)] for x in made(a)]
            row += [
                [ours(self.when(a))] if f == "when" else [self.t(getattr(a, f))] for f, _ in cols
            ]
            row += [[ours(L[a.status.value])]] if status else []
            rows.append(row)
        return [Table(heads, rows, whose=OF_MEETING)]

    def plan_frame(self) -> list[Block]:
        """The plan's goal in the person's own words and the professionals', its owner and
        the follow-up meeting, where they were written (older meetings have none)."""
        facts = frame_facts(self.r.plan, self.L, self.language)
        items = [fact(k, [self.t(x) if typed else ours(x) for x, typed in v]) for k, v in facts]
        return [Items(items)] if items else []

    def when(self, action: ActionItem) -> str:
        return date_text(action.when, "medium", self.language) if action.when else ""

    def follow_up(self, heading: bool = True) -> list[Block]:
        L = self.L
        if not self.r.carried:
            return []
        notes: dict[int | None, FollowUp] = {f.action_id: f for f in self.r.follow_ups}
        out: list[Block] = [Heading(2, [ours(L["follow_up"])])] if heading else []
        heads = [[ours(L[k])] for k in ("what", "who", "when", "status", "comment")]
        rows = []
        for a in self.r.carried:
            fu = notes.get(a.id)
            status = L[fu.status.value] if fu else L[a.status.value]
            comment = self.t(fu.comment if fu else "")
            rows.append(
                [[self.t(a.what)], [self.t(a.who)], [ours(self.when(a))], [ours(status)], [comment]]
            )
        return [*out, Table(heads, rows, whose=OF_MEETING)]

    def draft(self, kind: str, parts: list[Part], title: Line | None = None) -> Draft:
        r = self.r
        author = "" if self.pseudonymise else plain_text([said(r.info.writer)])
        return Draft(
            kind=kind,
            title=plain_text(title or [ours(f"{self.L[kind]}: "), self.t(r.info.title)]),
            language=self.language,
            parts=parts,
            author=author,
            date=date_text(r.info.date, "long", self.language),
        )

    def steps(self) -> list[Part]:
        """Every step's section, then the earlier actions and the plan where no step of
        the set holds them (a set without a plan step and no action noted has no plan)."""
        out: list[Part] = []
        for n, step in enumerate(self.r.qs.steps):
            if n not in self.r.passed_over:  # an alternative not chosen is in no document
                out += self.step(n, step)
        if self.follow_up_step is None:
            out += self.follow_up()
        if self.plan_step is None and self.r.actions:  # the plan comes last
            heading = Heading(2, [ours(self.L["action_plan"])])
            out.append(Section([heading], self.plan_body()))
        return out

    def minutes_draft(self) -> Draft:
        out = self.header("minutes") + self.participants() + self.times() + self.steps()
        return self.draft("minutes", out)

    def plan_draft(self) -> Draft:
        """The plan on its own: the same in every recipient's copy, as everyone agreed."""
        out = self.header("action_plan", copy_note=False) + self.plan_frame()
        out += self.plan_body(level=2)
        out += self.follow_up()
        return self.draft("action_plan", out)


def minutes_document(
    record: MeetingRecord,
    pseudonymise: bool = False,
    history: bool = False,
    language: str | None = None,
    only: frozenset[int] | None = None,
    method: bool = False,
) -> Document:
    """The minutes; `language`: their labels' and dates' (the meeting's by default);
    `only`: a recipient's copy, of these participants' statements (`for_copy`);
    `method`: with the method's notes (the facilitators' copy)."""
    m = Minutes(record, pseudonymise, history, language, only)
    return for_copy(m.minutes_draft(), only, method)


def action_plan_document(
    record: MeetingRecord, pseudonymise: bool = False, language: str | None = None
) -> Document:
    """The plan on its own: the same in every recipient's copy, as everyone agreed to it."""
    return for_copy(Minutes(record, pseudonymise, language=language).plan_draft(), None)
