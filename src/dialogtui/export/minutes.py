"""Build a meeting's documents — the minutes, and the action plan on its own — as
format-neutral blocks (`dialogtui.export.document`), which every format renders."""

from __future__ import annotations

import functools
from collections.abc import Callable

from dialogtui.export.document import (
    Block,
    Document,
    Heading,
    Item,
    Items,
    Line,
    Paragraph,
    Span,
    Table,
    label,
    ours,
    plain_text,
    said,
    turn_text,
)
from dialogtui.export.labels import action_columns, labels
from dialogtui.export.pseudonymise import name_replacer, pseudonyms
from dialogtui.export.record import MeetingRecord
from dialogtui.i18n import date_text
from dialogtui.kinds import SPECS as KIND_SPECS
from dialogtui.kinds.action_planning import frame_facts, made_in
from dialogtui.questionset.model import Step, StepKind, format_minutes
from dialogtui.questionset.placeholders import resolve
from dialogtui.records import ActionItem, ActionStatus, FollowUp


def fact(name: str, value: Line) -> Item:
    """ "Datum: 15 januari 2026": a fact of the header, the plan's frame."""
    return Item([label(f"{name}:"), ours(" "), *value])


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
    ):
        self.r = record
        self.only = only  # a recipient's copy: whose statements it holds
        # The labels' language: the meeting's, or a recipient's; its content stays as said.
        self.language = language or record.language
        self.L = labels(self.language)
        self.pseudonymise = pseudonymise
        self.history = history
        self.stand_ins = pseudonyms(record, self.language) if pseudonymise else {}
        self.roles = {r.id: r.name for r in record.qs.roles}
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
    def facilitator_labels(self) -> tuple[str, str]:
        """What the set calls its two facilitators ("Processledare", "Dokumentatör")."""
        own = self.r.qs.facilitators
        return (own.asker, own.writer) if own else (self.L["asker"], self.L["writer"])

    def planned(self, minutes: int | None) -> str:
        return format_minutes(minutes, self.L["min"], self.L["untimed"])

    def minutes_of(self, seconds: float | None) -> str:
        """ "12 min"; a step of a few seconds "< 1 min", not "0 min" as if it never ran."""
        if seconds is None:
            return "–"
        return f"{'< 1' if 0 < seconds < 30 else round(seconds / 60)} {self.L['min']}"

    # -- the parts of the documents ----------------------------------------------------

    def header(self, kind: str) -> list[Block]:
        r, L = self.r, self.L
        out: list[Block] = [Heading(1, [ours(f"{L[kind]}: "), self.t(r.info.title)])]
        facts: list[tuple[str, Line]] = [
            (L["method"], [self.q(r.qs.method)] if r.qs.method else []),
            (L["date"], [ours(date_text(r.info.date, "long", self.language))]),
            (L["place"], [self.t(r.info.place)] if r.info.place else []),
            # A pseudonymised file calls each facilitator by the role: no need to say it twice.
            (self.facilitator_labels[0], self.named(r.info.asker)),
            (self.facilitator_labels[1], self.named(r.info.writer)),
            (L["time"], [ours(self.clock_times())] if self.clock_times() else []),
            (L["follows_up"], [self.t(r.previous)] if r.previous else []),
            (L["read_back"], self.read_back()),
        ]
        if r.qs.asks_consent:
            consent = [ours(L["consent_yes"] if r.info.consent_given else L["consent_no"])]
            if r.info.consent_note.strip():  # how it was given, as the scribe noted it
                consent += [ours(" ("), self.t(r.info.consent_note.strip()), ours(")")]
            facts.append((L["consent"], consent))
        out.append(Items([fact(k, v) for k, v in facts if v]))  # the date is always there
        if r.qs.ours:  # the whole set is dialogtui's, not a source's
            out.append(
                Paragraph([ours(f"{L['ours']}: ", italic=True), self.q(r.qs.ours, italic=True)])
            )
        note = self.copy_note() if self.only is not None else []
        notes = [L["pseudonymised"]] if self.pseudonymise else []
        notes += [L["with_history"]] if self.history else []
        if notes:
            note.append(ours(" " * bool(note) + " ".join(notes), italic=True))
        if note:
            out.append(Paragraph(note))
        return out

    def copy_note(self) -> Line:
        """ "This copy holds the statements of Anna Lind, Erik Lind; …": a recipient's copy
        says whose statements it holds (its speakers' labels: pseudonyms where asked; text
        typed, escaped by each format like any name)."""
        ids = [p.id for p in self.r.info.participants if self.only and p.id in self.only]
        names = ", ".join(" ".join(self.speaker(i).split()) for i in ids)
        before, _, after = self.L["copy_for"].partition("{names}")
        return [ours(before, italic=True), said(names, italic=True), ours(after, italic=True)]

    def named(self, name: str) -> Line:
        return [said(name)] if name and not self.pseudonymise else []

    def read_back(self) -> Line:
        """Who accepted the minutes as read back, at what time ("Anna Lind, Per (14:31)")."""
        out: Line = []
        for n, rb in enumerate(self.r.read_backs):
            out += [ours("; ")] if n else []
            out += [self.t(rb.accepted_by), ours(f" ({rb.at.astimezone():%H:%M})")]
        return out

    def clock_times(self) -> str:
        """When the meeting started and ended, in local time ("13:02–14:31")."""
        start, end = self.r.started_at, self.r.finished_at
        if start is None:
            return ""
        times = [t.astimezone().strftime("%H:%M") for t in (start, end) if t is not None]
        return "–".join(times)

    def participants(self) -> list[Block]:
        L = self.L
        rows = []
        for p in self.r.info.participants:
            name = self.stand_ins[p.id] if self.pseudonymise else p.name
            role = self.roles.get(p.role or "", p.role or "")
            rows.append([[said(name)], [said(role)], [self.t(p.organisation)]])
        heads = [[ours(L["name"])], [ours(L["role"])], [ours(L["organisation"])]]
        return [Heading(2, [ours(L["participants"])]), Table(heads, rows)]

    def times(self) -> list[Block]:
        L = self.L
        rows: list[list[Line]] = []
        actual_total = 0.0
        for n, step in enumerate(self.r.qs.steps):
            actual = self.r.step_seconds.get(n, 0.0)
            actual_total += actual
            p = self.planned(step.planned_minutes)
            if n in self.r.skipped:
                p = L["skipped"].lower()
            rows.append(
                [
                    [ours(f"{n + 1}. "), self.q(step.title)],
                    [ours(p)],
                    [ours(self.minutes_of(actual))],
                ]
            )
        planned_text = self.planned(self.r.qs.planned_minutes)
        total = (L["total"], planned_text, self.minutes_of(actual_total))
        rows.append([[ours(x, bold=True)] for x in total])
        heads = [[ours(L["step"])], [ours(L["planned"])], [ours(L["actual"])]]
        return [Heading(2, [ours(L["times"])]), Table(heads, rows, right=frozenset({1, 2}))]

    def step(self, n: int, step: Step) -> list[Block]:
        L = self.L
        planned = self.planned(step.planned_minutes)
        actual = self.minutes_of(self.r.step_seconds.get(n, 0.0))
        out: list[Block] = [Heading(2, [ours(f"{n + 1}. "), self.q(step.title)])]
        if step.optional is not None:
            # Skipped: that it was, and the source's condition that let it be.
            was = L["skipped"] if n in self.r.skipped else L["optional"]
            out.append(self.marked(was, self.q(step.optional, italic=True)))
        if step.ours:
            out.append(self.marked(L["ours"], self.q(step.ours, italic=True)))
        if step.journal:  # facts kept apart from assessments, where the set says which
            out.append(Paragraph([label(L[step.journal])]))
        times = f"{L['planned']}: {planned} · {L['actual']}: {actual}"
        out.append(Paragraph([ours(times, italic=True)]))
        groups = self.by_step.get(n, {})
        spec = KIND_SPECS[step.kind]
        # A time through with only cards (a case's needs, no turn typed) still has its place.
        reps = {rep for rep, _ in groups} | {c.repetition for c in self.r.cards if c.step == n}
        found = self.r.qs.block_at(n)
        each = self.t(found[0].each) if found and found[0].each else ours(L["repetition"])
        for rep in sorted(reps) or [1]:
            if len(reps) > 1 or (found and rep > 1):
                out.append(Heading(3, [each, ours(f" {rep}")]))  # "Case 2": a block's time
            if found and found[0].consent and n == found[1]:  # the case's own consent
                note = self.r.case_consents.get(rep, "")
                consent = [ours(f"{L['consent_yes']} (", italic=True), self.t(note, italic=True)]
                consent += [ours(")", italic=True)]
                given = consent if note else [ours(L["consent_no"], italic=True)]
                out.append(Paragraph([ours(f"{L['consent']}: ", italic=True), *given]))
            lines = self.group_lines if step.by_group else self.turn_lines
            for qi, question in enumerate(step.questions):
                if (rep, qi) in groups:
                    out.append(Paragraph([self.q(question.text, bold=True)]))
                    if question.ours:
                        out.append(self.marked(L["ours"], self.q(question.ours, italic=True)))
                    out += lines(groups[(rep, qi)])
            out += lines(groups.get((rep, None), []))
            if spec.cards:  # the kind's own section, for this time through
                out += spec.minutes(self, n, step, rep)
        if not spec.cards:
            out += spec.minutes(self, n, step, None)  # the kind's own section
        for kind in ("standpoints", "decisions", "concerns"):
            notes = [x for x in self.r.notes if x.step == n and x.kind.value + "s" == kind]
            if notes:
                out.append(Paragraph([label(f"{L[kind]}:")]))
                out.append(Items([Item([turn_text(self.u(x.text))]) for x in notes]))
        return out

    def marked(self, name: str, text: Span) -> Paragraph:
        """ "*Tillagt, inte i källan: …*": a note on a step, in italics."""
        return Paragraph([ours(f"{name}: ", italic=True), text])

    def turn_lines(self, turns, named: bool = True) -> list[Block]:
        """Each turn an item, after its speaker's name (`named`), or alone under a heading
        that names them."""
        passed = ours(self.L["passed"], italic=True)
        corrected = ours(f"({self.L['corrected']})", italic=True)
        space, colon = ours(" "), label(":")
        # Each speaker's name once, as a span: a long meeting has many turns.
        names = {pid: said(name, bold=True) for pid, name in self.speakers.items()}
        unknown = said("?", bold=True)
        u = self.u
        history = self.history  # looked up once
        was_corrected, objections = self.r.corrected, self.r.objections
        out = []
        for t in turns:
            line: Line = []
            if named:
                line = [names.get(t.participant_id, unknown), colon, space]
            if t.passed:
                line.append(passed)
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
            item = Item(line)
            if history:
                item.items += self.earlier_versions(t.id)
            if t.id in objections:  # beside the turn, never over it
                item.items += self.objection_items(objections[t.id])
            out.append(item)
        return [Items(out)] if out else []

    def objection_items(self, objections: list) -> list[Item]:
        before, _, after = self.L["objection"].partition("{name}")
        return [
            Item(
                [
                    ours(before, italic=True),
                    self.t(o.by, italic=True),
                    ours(f"{after}:", italic=True),
                    ours(" "),
                    turn_text(self.u(o.text)),
                ]
            )
            for o in objections
        ]

    def group_lines(self, turns) -> list[Block]:
        """A step of groups or pairs: each one's outputs under its name, in the order the
        groups were formed (what the scribe typed as they worked side by side)."""
        order = {g.id: n for gs in self.r.groups.values() for n, g in enumerate(gs)}
        out: list[Block] = []
        by_group: dict[int | None, list] = {}
        for t in turns:
            by_group.setdefault(t.participant_id, []).append(t)
        for pid in sorted(by_group, key=lambda g: order.get(g, len(order))):
            out.append(Paragraph([said(self.speaker(pid), bold=True, italic=True)]))
            out += self.turn_lines(by_group[pid], named=False)
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

    def earlier_versions(self, turn_id: int) -> list[Item]:
        """A turn's earlier texts under it, in the export with history."""
        earlier = self.r.revisions.get(turn_id, [])
        name = ours(f"{self.L['earlier']}:", italic=True)
        return [Item([name, ours(" "), turn_text(self.u(text))]) for text in earlier]

    @functools.cached_property
    def plan_step(self) -> int | None:
        """The step the action plan is shown in: the set's first action-planning step."""
        return self.r.qs.first_step_of(StepKind.action_planning)

    @functools.cached_property
    def follow_up_step(self) -> int | None:
        """The step earlier actions are followed up in."""
        return self.r.qs.first_step_of(StepKind.follow_up)

    def action_table(self, items: list[ActionItem], step: Step | None = None) -> list[Block]:
        L = self.L
        if not items:
            return [Paragraph([ours(L["no_actions"])])]
        # The step's own headings, as the screen shows them; a status only once one is
        # not open any more (in the meeting that made them, all are).
        cols = action_columns(self.r.qs, step, self.language)
        names = {g.id: g.name for gs in self.r.groups.values() for g in gs}
        first, made = made_in(self.r.qs, items, lambda g: self.u(names.get(g, "?")), L)
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
        return [Table(heads, rows)]

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
        return [*out, Table(heads, rows)]

    def document(self, kind: str, blocks: list[Block]) -> Document:
        r = self.r
        author = "" if self.pseudonymise else plain_text([said(r.info.writer)])
        return Document(
            kind=kind,
            title=plain_text([ours(f"{self.L[kind]}: "), self.t(r.info.title)]),
            language=self.language,
            blocks=blocks,
            author=author,
            date=date_text(r.info.date, "long", self.language),
        )


def minutes_document(
    record: MeetingRecord,
    pseudonymise: bool = False,
    history: bool = False,
    language: str | None = None,
    only: frozenset[int] | None = None,
) -> Document:
    """The minutes; `language`: their labels' and dates' (the meeting's by default);
    `only`: a recipient's copy, of these participants' statements (a record filtered by
    `dialogtui.export.recipients`)."""
    m = Minutes(record, pseudonymise, history, language, only)
    out = m.header("minutes") + m.participants() + m.times()
    for n, step in enumerate(record.qs.steps):
        out += m.step(n, step)
    if m.follow_up_step is None:
        out += m.follow_up()
    if m.plan_step is None:  # a set with no action-planning step: the plan comes last
        out += [Heading(2, [ours(m.L["action_plan"])]), *m.action_table(record.actions)]
    return m.document("minutes", out)


def action_plan_document(
    record: MeetingRecord, pseudonymise: bool = False, language: str | None = None
) -> Document:
    """The plan on its own: the same in every recipient's copy, as everyone agreed to it."""
    m = Minutes(record, pseudonymise, language=language)
    out = m.header("action_plan") + m.plan_frame() + m.action_table(record.actions)
    return m.document("action_plan", out + m.follow_up())
