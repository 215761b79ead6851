"""The plan over time: one document of a series' plan — its meetings, then every action
agreed in any of them with its story (agreed in meeting 1, continued in 2 with a comment,
done in 3) — for a recipient, as the minutes are.

Built by the minutes' own builder (`Minutes`, one per meeting, for its labels, its cases and
its names), marked whose each piece is as the minutes' plan is (the plan and what became of
it are the whole meeting's: in every copy), made the recipient's copy by the one filter
(`recipients.for_copy`) and rendered by the formats' own renderers. One case's copy (a
child's) holds only the actions made in that case of the meeting asked, with their story:
another meeting's case 2 need not be this one's child (`cases.only_case`)."""

from __future__ import annotations

import functools
import importlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from dialogtui.atomic import write_atomic_many
from dialogtui.errors import DialogtuiError, ExportError, os_reason
from dialogtui.export.cases import Case, case_choices, case_of, each_word, meeting_cases
from dialogtui.export.document import (
    OF_FRAME,
    OF_MEETING,
    Block,
    Document,
    Draft,
    Heading,
    Item,
    Items,
    Line,
    Part,
    Section,
    Table,
    ours,
    plain_text,
)
from dialogtui.export.formats import FORMATS, Documents
from dialogtui.export.minutes import Minutes
from dialogtui.export.recipients import for_copy, recipient
from dialogtui.export.record import MeetingRecord, load_record
from dialogtui.export.write import Exported, _documents, _internal, _namer, default_export_dir
from dialogtui.i18n import NC_, _, date_text, status_name, translations
from dialogtui.labels import labels as document_labels
from dialogtui.paths import ensure_private_dir
from dialogtui.records import ActionHistory, SeriesMeeting, SeriesPlan
from dialogtui.store.db import Store

KIND = "series-plan"  # the files' kind: "series-plan.pdf", named for people by `names`
# The formats the plan over time is written in: the renderers of a `Document` (a calendar
# is of one meeting's dates).
FORMAT_KEYS = ("md", "docx", "pdf", "txt")
_MODULES = {"md": "markdown", "docx": "word", "pdf": "pdf", "txt": "text"}

# The document's own words, in the document's language (the context of every label).
_WORDS: dict[str, str] = {
    "title": NC_("document", "Plan over time"),
    "meetings": NC_("document", "Meetings"),
    "actions": NC_("document", "Actions and what became of them"),
    "agreed": NC_("document", "agreed"),
    "meeting_n": NC_("document", "meeting {n}"),
    "now": NC_("document", "now"),
    "meeting": NC_("document", "Meeting"),
}


@functools.cache
def words(language: str) -> dict[str, str]:
    said = translations(language)
    return {k: said.pgettext("document", v) for k, v in _WORDS.items()}


# -- the story, in the app's language (the command line and the app's view) -------------


def story(plan: SeriesPlan, history: ActionHistory) -> str:
    """ "agreed 5 dec. 2026 (1) → continued 12 dec. 2026 (2): “kontakt tagen” → done 19 dec.
    2026 (3)": an action's history in one line, in the app's language."""
    agreed = plan.meeting(history.action.meeting_id or 0)
    steps = [_("agreed {date} ({n})").format(date=date_text(agreed.date), n=agreed.number)]
    for fu in history.follow_ups:
        m = plan.meeting(fu.meeting_id)
        step = _("{status} {date} ({n})").format(
            status=status_name(fu.status.value), date=date_text(m.date), n=m.number
        )
        steps.append(f"{step}: “{fu.comment}”" if fu.comment else step)
    if not history.follow_ups or history.action.status is not history.follow_ups[-1].status:
        steps.append(_("now {status}").format(status=status_name(history.action.status.value)))
    return " → ".join(steps)


# -- the series' cases (children's, each with its own consent) ---------------------------


@dataclass(frozen=True)
class SeriesCase:
    """A child's case of a meeting of the series: the meeting, the case as its documents
    number it, and how a list to choose from says it ("Case 2: Flicka 14"), in the app's
    language where the set names no word of its own."""

    meeting: SeriesMeeting
    case: Case
    said: str


def series_cases(plan: SeriesPlan, records: dict[int, MeetingRecord]) -> list[SeriesCase]:
    """Every child's case of the series, meeting by meeting: a block whose every time
    through takes its own consent (Träff 4's), not a block's rounds, which are no one's."""
    out: list[SeriesCase] = []
    for m in plan.meetings:
        record = records[m.id]
        qs = record.qs
        cases = [c for c in meeting_cases(record) if qs.blocks[c.block].consent]
        said = case_choices(cases, each_word(qs, _("Case")))
        out += [SeriesCase(m, c, s) for c, s in zip(cases, said, strict=True)]
    return out


def case_choice(cases: list[SeriesCase]) -> list[str]:
    """The cases as a list to choose from: with the meeting where they are of several."""
    if len({c.meeting.id for c in cases}) <= 1:
        return [c.said for c in cases]
    said = _("{case} (meeting {n}, {date})")
    return [
        said.format(case=c.said, n=c.meeting.number, date=date_text(c.meeting.date)) for c in cases
    ]


def action_cases(
    plan: SeriesPlan, records: dict[int, MeetingRecord], cases: list[SeriesCase]
) -> dict[int, SeriesCase]:
    """The case each action of the series was agreed in, by the action's id; an action of
    no case is not in it."""
    found = {(c.meeting.id, c.case.key): c for c in cases}
    out: dict[int, SeriesCase] = {}
    for h in plan.actions:
        a, record = h.action, records.get(h.action.meeting_id or 0)
        key = case_of(record.qs, a.step, a.repetition) if record is not None else None
        chosen = found.get((a.meeting_id or 0, key)) if key is not None else None
        if chosen is not None and a.id is not None:
            out[a.id] = chosen
    return out


# -- the document -----------------------------------------------------------------------


class SeriesDocument:
    """The plan over time of the series of meeting `asked`, as its recipient's copy."""

    def __init__(
        self,
        plan: SeriesPlan,
        records: dict[int, MeetingRecord],
        asked: int,
        pseudonymise: bool = False,
        language: str | None = None,
        case: Case | None = None,
    ):
        self.plan, self.asked, self.case = plan, asked, case
        self.pseudonymise = pseudonymise
        mine = records[asked]
        self.language = language or mine.language
        self.L = document_labels(self.language)
        self.W = words(self.language)
        self.builders = {
            mid: Minutes(
                r, pseudonymise, language=self.language, case=case if mid == asked else None
            )
            for mid, r in records.items()
        }
        # One rule for the names in every meeting's text: the latest meeting's, which knows
        # the people of every meeting before it in the series too.
        self.last = self.builders[plan.meetings[-1].id] if plan.meetings else self.builders[asked]
        self.u: Callable[[str], str] = self.last.u

    def t(self, text: str, bold: bool = False) -> Line:
        return [self.last.t(text, bold)]

    def when(self, day) -> str:
        return date_text(day, "medium", self.language)

    def actions(self) -> list[ActionHistory]:
        """The actions this copy holds: all; in one case's copy, that case's alone."""
        if self.case is None:
            return list(self.plan.actions)
        qs = self.builders[self.asked].r.qs
        return [
            h
            for h in self.plan.actions
            if h.action.meeting_id == self.asked
            and case_of(qs, h.action.step, h.action.repetition) == self.case.key
        ]

    def meetings_table(self) -> Table:
        L, W = self.L, self.W
        heads = [[ours("#")], [ours(L["date"])], [ours(W["meeting"])], [ours(L["method"])]]
        rows: list[list[Line]] = []
        for m in self.plan.meetings:
            record = self.builders[m.id].r
            method = record.qs.method or record.qs.title
            rows.append(
                [
                    [ours(str(m.number))],
                    [ours(self.when(m.date))],
                    self.t(m.title),
                    [self.builders[m.id].q(method)],
                ]
            )
        return Table(heads, rows, right=frozenset({0}), whose=OF_MEETING)

    def step_line(self, status: str, meeting_id: int, comment: str = "") -> Line:
        m = self.plan.meeting(meeting_id)
        number = self.W["meeting_n"].format(n=m.number)
        line: Line = [ours(f"{status} {self.when(m.date)} ({number})")]
        return line + ([ours(": "), *self.t(comment)] if comment else [])

    def action_item(self, h: ActionHistory) -> Item:
        L, W, a = self.L, self.W, h.action
        line: Line = self.t(a.what, bold=True)
        facts = [self.u(x) for x in (a.who, a.with_whom) if x]
        if facts:
            line += [ours(" — "), *self.t(", ".join(facts))]
        if a.when:
            line += [ours(f" · {L['when']}: {self.when(a.when)}")]
        line += [ours(f" · {W['now']}: {L[a.status.value]}")]
        agreed = self.step_line(W["agreed"], a.meeting_id or 0)
        builder = self.builders.get(a.meeting_id or 0)
        key = case_of(builder.r.qs, a.step, a.repetition) if builder else None
        if builder is not None and key is not None and self.case is None:
            agreed += [ours(", "), *builder.case_line(key)]  # whose case, in its meeting
        story = [Item(agreed, whose=OF_MEETING)]
        for fu in h.follow_ups:
            said = self.step_line(L[fu.status.value], fu.meeting_id, fu.comment)
            story.append(Item(said, whose=OF_MEETING))
        return Item(line, items=story, whose=OF_MEETING)

    def draft(self) -> Draft:
        L, W = self.L, self.W
        mine = self.builders[self.asked]
        title = self.t(mine.r.info.title)
        parts: list[Part] = [Heading(1, [ours(f"{W['title']}: "), *title])]
        parts += mine.copy_notes(copy_note=False)
        parts.append(Section([Heading(2, [ours(W["meetings"])])], [self.meetings_table()]))
        chosen = self.actions()
        body: list[Block | Section] = (
            [Items([self.action_item(h) for h in chosen])]
            if chosen
            else [Items([Item([ours(L["no_actions"])], whose=OF_MEETING)])]
        )
        parts.append(Section([Heading(2, [ours(W["actions"])], OF_FRAME)], body))
        author = "" if self.pseudonymise else plain_text(self.t(mine.r.info.writer))
        return Draft(
            kind=KIND,
            title=plain_text([ours(f"{W['title']}: "), *title]),
            language=self.language,
            parts=parts,
            author=author,
            date=date_text(mine.r.info.date, "long", self.language),
        )


def series_records(store: Store, plan: SeriesPlan) -> dict[int, MeetingRecord]:
    return {m.id: load_record(store, m.id) for m in plan.meetings}


def series_document(
    store: Store,
    meeting_id: int,
    pseudonymise: bool = False,
    labels: str | None = None,
    to: str | None = None,
    case: str | None = None,
) -> tuple[Document, Documents]:
    """The recipient's copy of the plan over time of meeting `meeting_id`'s series, and the
    asked meeting's documents (whose recipient, names and folder the files take)."""
    plan = store.series_plan(meeting_id)
    records = series_records(store, plan)
    mine = records[meeting_id]
    labels = None if labels == mine.language else labels
    docs, copy = _documents(mine, pseudonymise, False, labels, to, case)
    made = SeriesDocument(plan, records, meeting_id, pseudonymise, labels, docs.case)
    return for_copy(made.draft(), copy.speakers, copy.method), docs


def export_series(
    store: Store,
    meeting_id: int,
    out_dir: Path | None = None,
    pseudonymise: bool = False,
    labels: str | None = None,
    formats: tuple[str, ...] = ("md",),
    to: str | None = None,
    case: str | None = None,
) -> Exported:
    """Write the plan over time for a recipient in each format asked, each file atomically
    in a private folder (the meeting's export folder by default), each format on its own:
    one that fails is named in `Exported.failed` and the others are written."""
    unknown = [k for k in formats if k not in FORMAT_KEYS]
    if unknown:
        said = _("the plan over time is written as {names}, not {name}")
        raise ExportError(said.format(names=", ".join(FORMAT_KEYS), name=unknown[0]))
    doc, docs = series_document(store, meeting_id, pseudonymise, labels, to, case)
    record = docs.record
    copy = recipient(record, to, case=docs.case is not None)
    language = docs.language or record.language
    folder = (
        Path(out_dir)
        if out_dir is not None
        else default_export_dir(
            meeting_id, pseudonymise, False, docs.language, copy, language, docs.case
        )
    )
    if folder.exists() and not folder.is_dir():
        said = _("{folder} is a file, not a folder; choose a folder for the export")
        raise ExportError(said.format(folder=folder))
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        said = _("cannot create {folder}: {reason}")
        raise ExportError(said.format(folder=folder, reason=os_reason(exc))) from None
    name_of = _namer(store, record, docs, copy)
    paths: list[Path] = []
    failed: list[str] = []
    for key in dict.fromkeys(formats):
        fmt = FORMATS[key]
        try:
            module = importlib.import_module(f"dialogtui.export.{_MODULES[key]}")
            path = folder / name_of(f"{KIND}.{key}")
            if path.is_dir():
                said = _("{path} is a folder; move it away or export elsewhere")
                raise ExportError(said.format(path=path))
            write_atomic_many({path: module.render(doc)})
        except DialogtuiError as exc:
            failed.append(_(fmt.failed).format(reason=exc))
            continue
        except Exception as exc:  # a renderer's own failure: the other formats are written
            failed.append(_(fmt.failed).format(reason=_internal(exc)))
            continue
        paths.append(path)
    return Exported(paths, Counter(), tuple(failed))


def file_names(
    store: Store,
    meeting_id: int,
    formats: tuple[str, ...] = FORMAT_KEYS,
    pseudonymise: bool = False,
    labels: str | None = None,
    to: str | None = None,
    case: str | None = None,
) -> list[str]:
    """The names the plan over time's files would have (nothing written): for asking
    before files already in a folder are replaced."""
    record = load_record(store, meeting_id)
    labels = None if labels == record.language else labels
    docs, copy = _documents(record, pseudonymise, False, labels, to, case)
    name_of = _namer(store, record, docs, copy)
    return [name_of(f"{KIND}.{key}") for key in dict.fromkeys(formats) if key in FORMAT_KEYS]
