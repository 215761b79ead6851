"""The plan over time: the meetings of a series and every action agreed in any of them,
with its history (agreed in meeting 1, continued in 2 with a comment, done in 3), and its
documents for everyone, the family or an organisation's journal, as the end screen's."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from dialogtui.display import indented, plain
from dialogtui.errors import DialogtuiError, ExportError
from dialogtui.export.series import (
    FORMAT_KEYS,
    SeriesCase,
    action_cases,
    case_choice,
    series_cases,
    series_records,
    story,
)
from dialogtui.i18n import N_, _, date_text, status_name
from dialogtui.records import SeriesPlan
from dialogtui.tui.ordering import settle
from dialogtui.tui.typed import DialogScreen
from dialogtui.tui.widgets.footer import KeyFooter

if TYPE_CHECKING:
    from dialogtui.export.record import MeetingRecord


def meetings_table(plan: SeriesPlan) -> Table:
    table = Table(title=_("Meetings"), title_justify="left", box=None, pad_edge=False)
    table.title_style = "bold"
    table.add_column("#", justify="right")
    table.add_column(_("date"))
    table.add_column(_("meeting"), overflow="ellipsis", no_wrap=True, max_width=36)
    table.add_column(_("status"))
    for m in plan.meetings:
        table.add_row(str(m.number), date_text(m.date), plain(m.title), status_name(m.status.value))
    return table


def actions_view(plan: SeriesPlan, cases: dict[int, SeriesCase] | None = None) -> Group:
    """Each action, the child's case it was agreed in (where it was), then its story under
    it, wrapped under itself; user text as typed, never markup."""
    parts: list[RenderableType] = [Text(_("Actions and what became of them"), style="bold")]
    if not plan.actions:
        return Group(*parts, plain(_("No actions.")))
    for h in plan.actions:
        a = h.action
        about = ", ".join(x for x in (a.who, date_text(a.when) if a.when else "") if x)
        line = plain(a.what, style="bold")
        if about:
            line += plain(f" ({about})")
        parts += [Text(""), line]
        case = (cases or {}).get(a.id or 0)
        if case is not None:
            parts.append(indented(plain(case.said)))
        parts.append(indented(plain(story(plan, h))))
    return Group(*parts)


class PlanHistoryScreen(DialogScreen[None]):
    """The plan over time of meeting `meeting_id`'s series, read from the store at
    `store_path` through a reader of its own: it never writes, nor reopens the meeting."""

    # f, j and o open a dialog: priority bindings, so that the keys typed after them are
    # its (tui/ordering.py).
    BINDINGS = [
        Binding(
            "e",
            "export('everyone')",
            N_("Export"),
            tooltip=N_("The plan over time for everyone: Markdown, Word, PDF and text"),
        ),
        Binding(
            "f",
            "family",
            N_("Family's copy"),
            tooltip=N_("The family's copy of the plan over time, as PDF"),
            priority=True,
        ),
        Binding(
            "j",
            "journal",
            N_("Journal note"),
            tooltip=N_("The plan over time for an organisation's journal, as text and Word"),
            priority=True,
        ),
        # In help and in the screen's own line of keys, as on the end screen.
        Binding(
            "p",
            "export('everyone', True)",
            N_("Pseudonymised"),
            tooltip=N_("The plan over time pseudonymised, in every format"),
            show=False,
        ),
        Binding(
            "o",
            "export_to",
            N_("To a folder…"),
            tooltip=N_("Export the plan over time to a folder…"),
            show=False,
            priority=True,
        ),
        Binding("b,escape", "back", N_("Back"), tooltip=N_("Back to where you came from")),
    ]

    PRESETS: dict[str, tuple[str, ...]] = {
        "everyone": FORMAT_KEYS,
        "family": ("pdf",),
        "journal": ("txt", "docx"),
    }

    def __init__(self, store_path: Path, meeting_id: int):
        super().__init__()
        self.store_path, self.meeting_id = store_path, meeting_id
        self.plan: SeriesPlan | None = None
        self.exported: list[Path] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="plan-history"):
            yield Static(id="plan-meetings")
            yield Static(id="plan-actions")
            yield Static(
                _(
                    "e: export for everyone   f: the family's copy (PDF)   "
                    "j: an organisation's journal note   p: pseudonymised   "
                    "o: to a folder…   b: back"
                ),
                id="plan-status",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("The plan over time")
        try:
            plan, records = self._read()
        except DialogtuiError as exc:
            self.app.report(exc)
            return
        self.plan = plan
        cases = action_cases(plan, records, series_cases(plan, records))
        self.query_one("#plan-meetings", Static).update(meetings_table(plan))
        self.query_one("#plan-actions", Static).update(actions_view(plan, cases))

    def _read(self) -> tuple[SeriesPlan, dict[int, MeetingRecord]]:
        """The series' plan and each of its meetings as one snapshot, read afresh: what the
        copies are made of now."""
        from dialogtui.store import Store

        reader = Store.open_reader(self.store_path)
        try:
            with reader.snapshot():
                plan = reader.series_plan(self.meeting_id)
                return plan, series_records(reader, plan)
        finally:
            reader.close()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_export(
        self,
        to: str = "everyone",
        pseudonymise: bool = False,
        folder: Path | None = None,
        labels: str | None = None,
        case: SeriesCase | None = None,
    ) -> None:
        self._status(_("Exporting…"))
        formats = self.PRESETS.get(to, self.PRESETS["journal"])
        meeting_id = self.meeting_id if case is None else case.meeting.id
        number = None if case is None else str(case.case.number)
        self._export(formats, to, meeting_id, number, pseudonymise, folder, labels)

    def _cases(self) -> tuple[list[SeriesCase], dict[int, MeetingRecord]] | None:
        """The series' children's cases, and its meetings, as they are now."""
        try:
            plan, records = self._read()
        except DialogtuiError as exc:
            self.app.report(exc)
            return None
        return series_cases(plan, records), records

    async def action_family(self) -> None:
        """The family's copy, as PDF. Where the series has children's cases, one case's:
        the scribe chooses which where there are several; it holds that case's actions
        alone, as the end screen's family's copy holds that case alone."""
        from dialogtui.export.recipients import family
        from dialogtui.tui.dialogs.pick import PickDialog

        await settle(self)
        found = self._cases()
        if found is None:
            return
        cases, records = found
        if not cases:
            mine = records[self.meeting_id]
            if not family(mine.qs, mine.info.participants):
                # The command line's --for is no key here: what the scribe can do instead.
                said = _(
                    "No one in this meeting is of the family, so there is no family's copy: "
                    "export for everyone (e), or an organisation's journal note (j)."
                )
                self.app.report(ExportError(said))
                return
            self.action_export("family")
            return

        def write(chosen: int | None) -> None:
            if chosen is not None:
                self.action_export("family", case=cases[chosen])

        if len(cases) > 1:
            await self.app.push_screen(
                PickDialog(_("The family's copy of"), case_choice(cases), 0), write
            )
        else:
            write(0)

    async def action_journal(self) -> None:
        """An organisation's copy for its journal: where the series has several children's
        cases, the scribe chooses which child's record it goes into (it holds that case's
        actions alone), then whose, where several organisations were at that meeting."""
        from dialogtui.export.recipients import organisations
        from dialogtui.tui.dialogs.pick import PickDialog

        await settle(self)
        found = self._cases()
        if found is None:
            return
        cases, records = found

        def whose(case: SeriesCase | None) -> None:
            record = records[self.meeting_id if case is None else case.meeting.id]
            names = organisations(record.qs, record.info.participants)

            def write(chosen: int | None) -> None:
                if chosen is not None:
                    self.action_export(names[chosen] if names else "journal", case=case)

            if len(names) > 1:
                self.app.push_screen(PickDialog(_("Journal note for"), names, 0), write)
            else:
                write(0)

        def case_chosen(n: int | None) -> None:
            if n is not None:
                whose(cases[n])

        if len(cases) > 1:
            dialog = PickDialog(_("Journal note of"), case_choice(cases), 0)
            await self.app.push_screen(dialog, case_chosen)
        else:
            whose(None)

    async def action_export_to(self) -> None:
        """For everyone, to a folder (one shared with the participants, say), named or
        pseudonymised; files already there are replaced only when the scribe says so."""
        from dialogtui.paths import documents_dir
        from dialogtui.tui.dialogs.folder import FolderDialog, meeting_named

        await settle(self)
        try:
            plan, records = self._read()
        except DialogtuiError as exc:
            self.app.report(exc)
            return
        mine = records[self.meeting_id].info

        def done(chosen: tuple[Path, bool, str] | None) -> None:
            if chosen:
                folder, pseudonymise, labels = chosen
                self.action_export("everyone", pseudonymise, folder, labels)

        dialog = FolderDialog(
            _("Export the plan over time to"),
            str(documents_dir()),
            self._file_names,
            labels=records[self.meeting_id].language,
            meeting=meeting_named(mine.title, mine.date),
        )
        await self.app.push_screen(dialog, done)

    def _file_names(self, pseudonymise: bool, labels: str) -> list[str]:
        """The names the files of `o` would have, for the folder dialog's question."""
        from dialogtui.export.series import file_names
        from dialogtui.store import Store

        try:
            reader = Store.open_reader(self.store_path)
            try:
                return file_names(reader, self.meeting_id, FORMAT_KEYS, pseudonymise, labels)
            finally:
                reader.close()
        except DialogtuiError as exc:  # the export that follows says it again, in its place
            self.app.report(exc)
            return []

    @work(thread=True, exclusive=True)
    def _export(
        self,
        formats: tuple[str, ...],
        to: str,
        meeting_id: int,
        case: str | None,
        pseudonymise: bool = False,
        folder: Path | None = None,
        labels: str | None = None,
    ) -> None:
        """Written in a thread, through a reader of its own; `meeting_id`: the meeting
        whose case `case` is (the one asked where there is none)."""
        from dialogtui.export.series import export_series
        from dialogtui.store import Store

        whose = None if to in ("everyone", "journal") else to
        try:
            reader = Store.open_reader(self.store_path)
            try:
                exported = export_series(
                    reader,
                    meeting_id,
                    folder,
                    pseudonymise,
                    labels,
                    formats=formats,
                    to=whose,
                    case=case,
                )
            finally:
                reader.close()
        except DialogtuiError as exc:
            self.app.call_from_thread(self.app.report, exc)
            self.app.call_from_thread(self._status, _("Export failed; see the message."))
            return
        self.app.call_from_thread(setattr, self, "exported", exported.paths)
        said = Text()
        if exported.paths:
            said += plain(_("Written:") + "\n" + "\n".join(str(p) for p in exported.paths))
        if exported.failed:
            failed = _("Not written:") + "\n" + "\n".join(exported.failed)
            said += plain(("\n" if said else "") + failed, style="bold")
            for failure in exported.failed:
                self.app.call_from_thread(self.app.report, ExportError(failure))
        self.app.call_from_thread(self._status, said)

    def _status(self, text: str | Text) -> None:
        status = self.query_one("#plan-status", Static)
        status.update(text if isinstance(text, Text) else plain(text))
        status.scroll_visible(animate=False)
