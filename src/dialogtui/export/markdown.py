"""Render a meeting as Markdown: the minutes, and the action plan on its own."""

from __future__ import annotations

import functools
from collections.abc import Callable

from dialogtui.export.escape import all_plain, block, cell, inline
from dialogtui.export.labels import action_columns, labels
from dialogtui.export.pseudonymise import name_replacer, pseudonyms
from dialogtui.export.record import MeetingRecord
from dialogtui.i18n import date_text
from dialogtui.kinds import SPECS as KIND_SPECS
from dialogtui.kinds.action_planning import frame_facts, made_in
from dialogtui.questionset.model import Step, StepKind, format_minutes
from dialogtui.questionset.placeholders import resolve
from dialogtui.records import ActionItem, ActionStatus, FollowUp


class _Writer:
    """Holds the meeting, its labels, and the one rule for turning user text into Markdown."""

    def __init__(
        self,
        record: MeetingRecord,
        pseudonymise: bool,
        history: bool = False,
        language: str | None = None,
    ):
        self.r = record
        # The labels' language: the meeting's, or a recipient's; its content stays as said.
        self.language = language or record.language
        self.L = labels(self.language)
        self.pseudonymise = pseudonymise
        self.history = history
        self.stand_ins = pseudonyms(record, self.language) if pseudonymise else {}
        self.roles = {r.id: r.name for r in record.qs.roles}
        # User text: names hidden if asked, then escaped (i: inline, b: block, c: cell).
        self.i: Callable[[str], str] = inline
        self.b: Callable[..., str] = block
        self.c: Callable[[str], str] = cell
        if pseudonymise:
            asker, writer = self.facilitator_labels
            hide = name_replacer(record, asker, writer, self.language)
            self.i = lambda text: inline(hide(text))
            self.b = lambda text, indent="  ": block(hide(text), indent)
            self.c = lambda text: cell(hide(text))
        self.speakers = self._speaker_labels()  # after `i`: a group's name is user text

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

    def cards_of(self, n: int, rep: int | None) -> list:
        """The cards of step n's time through `rep` (a kind of cards' own section)."""
        return [c for c in self.r.cards if (c.step, c.repetition) == (n, rep)]

    def q(self, text: str) -> str:
        """A question-set text with placeholders resolved (set texts are escaped too)."""
        return inline(resolve(text, self.r.info.date, self.r.qs.horizon, self.r.qs.language))

    def speaker(self, pid: int | None) -> str:
        return self.speakers.get(pid, "?")

    def _speaker_labels(self) -> dict[int | None, str]:
        labels_by_id: dict[int | None, str] = {None: self.L["group"]}
        for p in self.r.info.participants:
            if self.pseudonymise:
                labels_by_id[p.id] = inline(self.stand_ins[p.id])
            else:
                # Role and organisation: whom someone spoke for, in a round over
                # organisations too ("Kim (BUP)").
                about = [x for x in (self.roles.get(p.role or ""), p.organisation.strip()) if x]
                if len(about) == 2 and about[0].casefold() == about[1].casefold():
                    about.pop()
                label = f"{p.name} ({', '.join(about)})" if about else p.name
                labels_by_id[p.id] = inline(label)
        for groups in self.r.groups.values():
            for g in groups:  # a group's name, which the scribe typed: user text
                labels_by_id[g.id] = self.i(g.name)
        return labels_by_id

    @functools.cached_property
    def facilitator_labels(self) -> tuple[str, str]:
        """What the set calls its two facilitators ("Processledare", "Dokumentatör")."""
        own = self.r.qs.facilitators
        return (own.asker, own.writer) if own else (self.L["asker"], self.L["writer"])

    def planned(self, minutes: int | None) -> str:
        return format_minutes(minutes, self.L["min"], self.L["untimed"])

    def minutes_of(self, seconds: float | None) -> str:
        return "–" if seconds is None else f"{round(seconds / 60)} {self.L['min']}"

    def header(self, kind: str) -> list[str]:
        r, L = self.r, self.L
        out = [f"# {L[kind]}: {self.i(r.info.title)}", ""]
        facts = [
            (L["method"], self.q(r.qs.method)),
            (L["date"], date_text(r.info.date, "long", self.language)),
            (L["place"], self.i(r.info.place)),
            # A pseudonymised file calls each facilitator by the role: no need to say it twice.
            (self.facilitator_labels[0], "" if self.pseudonymise else inline(r.info.asker)),
            (self.facilitator_labels[1], "" if self.pseudonymise else inline(r.info.writer)),
            (L["time"], self.clock_times()),
            (L["follows_up"], self.i(r.previous)),
            (L["read_back"], self.read_back()),
        ]
        if r.qs.asks_consent:
            consent = L["consent_yes"] if r.info.consent_given else L["consent_no"]
            if r.info.consent_note.strip():  # how it was given, as the scribe noted it
                consent += f" ({self.i(r.info.consent_note.strip())})"
            facts.append((L["consent"], consent))
        out += [f"- **{k}:** {v}" for k, v in facts if v]
        if r.qs.ours:  # the whole set is dialogtui's, not a source's
            out += ["", f"*{L['ours']}: {self.q(r.qs.ours)}*"]
        notes = [L["pseudonymised"]] if self.pseudonymise else []
        notes += [L["with_history"]] if self.history else []
        if notes:
            out += ["", f"*{' '.join(notes)}*"]
        out.append("")
        return out

    def read_back(self) -> str:
        """Who accepted the minutes as read back, at what time ("Anna Lind, Per (14:31)")."""
        return "; ".join(
            f"{self.i(rb.accepted_by)} ({rb.at.astimezone():%H:%M})" for rb in self.r.read_backs
        )

    def clock_times(self) -> str:
        """When the meeting started and ended, in local time ("13:02–14:31")."""
        start, end = self.r.started_at, self.r.finished_at
        if start is None:
            return ""
        times = [t.astimezone().strftime("%H:%M") for t in (start, end) if t is not None]
        return "–".join(times)

    def participants(self) -> list[str]:
        L = self.L
        out = [f"## {L['participants']}", ""]
        out += [f"| {L['name']} | {L['role']} | {L['organisation']} |", "|---|---|---|"]
        for p in self.r.info.participants:
            name = self.stand_ins[p.id] if self.pseudonymise else p.name
            out.append(
                f"| {cell(name)} | {cell(self.roles.get(p.role or '', p.role or ''))} |"
                f" {self.c(p.organisation)} |"
            )
        return [*out, ""]

    def times(self) -> list[str]:
        L = self.L
        out = [
            f"## {L['times']}",
            "",
            f"| {L['step']} | {L['planned']} | {L['actual']} |",
            "|---|---:|---:|",
        ]
        actual_total = 0.0
        for n, step in enumerate(self.r.qs.steps):
            actual = self.r.step_seconds.get(n, 0.0)
            actual_total += actual
            p = self.planned(step.planned_minutes)
            if n in self.r.skipped:
                p = L["skipped"].lower()
            out.append(f"| {n + 1}. {self.q(step.title)} | {p} | {self.minutes_of(actual)} |")
        planned_text = self.planned(self.r.qs.planned_minutes)
        out.append(
            f"| **{L['total']}** | **{planned_text}** | **{self.minutes_of(actual_total)}** |"
        )
        return [*out, ""]

    def step(self, n: int, step: Step) -> list[str]:
        L = self.L
        planned = self.planned(step.planned_minutes)
        actual = self.minutes_of(self.r.step_seconds.get(n, 0.0))
        out = [f"## {n + 1}. {self.q(step.title)}", ""]
        if step.optional is not None:
            # Skipped: that it was, and the source's condition that let it be.
            said = L["skipped"] if n in self.r.skipped else L["optional"]
            out += [f"*{said}: {self.q(step.optional)}*", ""]  # what was said in it still follows
        if step.ours:
            out += [f"*{L['ours']}: {self.q(step.ours)}*", ""]
        out += [f"*{L['planned']}: {planned} · {L['actual']}: {actual}*", ""]
        groups = self.by_step.get(n, {})
        spec = KIND_SPECS[step.kind]
        # A time through with only cards (a case's needs, no turn typed) still has its place.
        times = {rep for rep, _ in groups} | {c.repetition for c in self.r.cards if c.step == n}
        reps = sorted(times) or [1]
        found = self.r.qs.block_at(n)
        each = self.i(found[0].each) if found and found[0].each else L["repetition"]
        for rep in reps:
            if len(reps) > 1 or (found and rep > 1):
                out += [f"### {each} {rep}", ""]  # "Case 2": a block's time through
            if found and found[0].consent and n == found[1]:  # the case's own consent
                note = self.r.case_consents.get(rep, "")
                said = f"{L['consent_yes']} ({self.i(note)})" if note else L["consent_no"]
                out += [f"*{L['consent']}: {said}*", ""]
            lines = self.group_lines if step.by_group else self.turn_lines
            for qi, question in enumerate(step.questions):
                if (rep, qi) in groups:
                    out += [f"**{self.q(question.text)}**", ""]
                    if question.ours:
                        out += [f"*{L['ours']}: {self.q(question.ours)}*", ""]
                    out += lines(groups[(rep, qi)])
            out += lines(groups.get((rep, None), []))
            if spec.cards:  # the kind's own section, for this time through
                out += spec.minutes(self, n, step, rep)
        if not spec.cards:
            out += spec.minutes(self, n, step, None)  # the kind's own section
        for kind in ("standpoints", "decisions", "concerns"):
            notes = [x for x in self.r.notes if x.step == n and x.kind.value + "s" == kind]
            if notes:
                out += [f"**{L[kind]}:**", ""] + [f"- {self.b(x.text)}" for x in notes] + [""]
        return out

    def turn_lines(self, turns, named: bool = True) -> list[str]:
        """Each turn a list item, after its speaker's name (`named`), or alone under a
        heading that names them."""
        passed = f"*{self.L['passed']}*"
        speakers, block_text = self.speakers, self.b
        if not self.pseudonymise and all_plain([t.text for t in turns]):
            block_text = str.strip
        history = self.history  # looked up once: a long meeting has many turns
        corrected, objections = self.r.corrected, self.r.objections
        out = []
        for t in turns:
            who = f"- **{speakers.get(t.participant_id, '?')}:**" if named else "-"
            if t.passed:
                out.append(f"{who} {passed}")
            elif not history:
                # Minutes for the participants carry no editing marks but one: a turn
                # corrected when they were read back says so (its history is kept in the
                # data, and in the export "with history").
                mark = f" *({self.L['corrected']})*" if t.id in corrected else ""
                out.append(f"{who}{mark} {block_text(t.text)}")
            else:
                out.append(f"{who}{self.history_mark(t)} {block_text(t.text)}")
                out += self.earlier_versions(t.id)
            if t.id in objections:  # beside the turn, never over it
                out += self.objection_lines(objections[t.id])
        return [*out, ""] if out else []

    def objection_lines(self, objections: list) -> list[str]:
        said = self.L["objection"]
        return [
            f"  - *{said.format(name=self.i(o.by))}:* {self.b(o.text, '    ')}" for o in objections
        ]

    def group_lines(self, turns) -> list[str]:
        """A step of groups or pairs: each one's outputs under its name, in the order the
        groups were formed (what the scribe typed as they worked side by side)."""
        order = {g.id: n for gs in self.r.groups.values() for n, g in enumerate(gs)}
        out: list[str] = []
        by_group: dict[int | None, list] = {}
        for t in turns:
            by_group.setdefault(t.participant_id, []).append(t)
        for pid in sorted(by_group, key=lambda g: order.get(g, len(order))):
            out += [f"***{self.speaker(pid)}***", ""] + self.turn_lines(by_group[pid], named=False)
        return out

    def history_mark(self, t) -> str:
        if t.id in self.deleted_ids:
            return f" *({self.L['deleted']})*"
        if t.id in self.r.corrected:
            return f" *({self.L['corrected']})*"
        return f" *({self.L['edited']})*" if t.edited else ""

    @functools.cached_property
    def deleted_ids(self) -> set[int]:
        return {t.id for t in self.r.deleted}

    @functools.cached_property
    def plan_step(self) -> int | None:
        """The step the action plan is shown in: the set's first action-planning step."""
        return self.r.qs.first_step_of(StepKind.action_planning)

    @functools.cached_property
    def follow_up_step(self) -> int | None:
        """The step earlier actions are followed up in."""
        return self.r.qs.first_step_of(StepKind.follow_up)

    def action_table(self, items: list[ActionItem], step: Step | None = None) -> list[str]:
        L = self.L
        if not items:
            return [L["no_actions"], ""]
        # The step's own headings, as the screen shows them; a status only once one is
        # not open any more (in the meeting that made them, all are).
        cols = action_columns(self.r.qs, step, self.language)
        names = {g.id: g.name for gs in self.r.groups.values() for g in gs}
        first, made = made_in(self.r.qs, items, lambda g: self.c(names.get(g, "?")), L)
        heads = [self.i(h) for h in first] + [self.q(label) for _, label in cols]
        status = any(a.status is not ActionStatus.open for a in items)
        heads += [L["status"]] if status else []
        out = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
        for a in items:
            row = made(a) + [
                self.when(a) if f == "when" else self.c(getattr(a, f)) for f, _ in cols
            ]
            row += [L[a.status.value]] if status else []
            out.append("| " + " | ".join(row) + " |")
        return [*out, ""]

    def plan_frame(self) -> list[str]:
        """The plan's goal in the person's own words and the professionals', its owner and
        the follow-up meeting, where they were written (older meetings have none)."""
        facts = frame_facts(self.r.plan, self.L, self.language, self.i)
        return [f"- **{k}:** {v}" for k, v in facts] + [""] if facts else []

    def when(self, action: ActionItem) -> str:
        return date_text(action.when, "medium", self.language) if action.when else ""

    def earlier_versions(self, turn_id: int) -> list[str]:
        """A turn's earlier texts under it, in the export with history."""
        earlier = self.r.revisions.get(turn_id, [])
        return [f"  - *{self.L['earlier']}:* {self.b(text, '    ')}" for text in earlier]

    def follow_up(self, heading: bool = True) -> list[str]:
        L = self.L
        if not self.r.carried:
            return []
        notes: dict[int | None, FollowUp] = {f.action_id: f for f in self.r.follow_ups}
        out = [f"## {L['follow_up']}", ""] if heading else []
        out += [
            f"| {L['what']} | {L['who']} | {L['when']} | {L['status']} | {L['comment']} |",
            "|---|---|---|---|---|",
        ]
        for a in self.r.carried:
            fu = notes.get(a.id)
            status = L[fu.status.value] if fu else L[a.status.value]
            out.append(
                f"| {self.c(a.what)} | {self.c(a.who)} | {self.when(a)}"
                f" | {status} | {self.c(fu.comment if fu else '')} |"
            )
        return [*out, ""]


def render_minutes(
    record: MeetingRecord,
    pseudonymise: bool = False,
    history: bool = False,
    language: str | None = None,
) -> str:
    """The minutes; `language`: their labels' and dates' (the meeting's by default)."""
    w = _Writer(record, pseudonymise, history, language)
    out = w.header("minutes") + w.participants() + w.times()
    for n, step in enumerate(record.qs.steps):
        out += w.step(n, step)
    if w.follow_up_step is None:
        out += w.follow_up()
    if w.plan_step is None:  # a set with no action-planning step: the plan comes last
        out += [f"## {w.L['action_plan']}", ""] + w.action_table(record.actions)
    return "\n".join(out).rstrip("\n") + "\n"


def render_action_plan(
    record: MeetingRecord, pseudonymise: bool = False, language: str | None = None
) -> str:
    w = _Writer(record, pseudonymise, language=language)
    out = w.header("action_plan") + w.plan_frame() + w.action_table(record.actions) + w.follow_up()
    return "\n".join(out).rstrip("\n") + "\n"
