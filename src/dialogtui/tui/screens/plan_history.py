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
from dialogtui.export.series import FORMAT_KEYS, story
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


def actions_view(plan: SeriesPlan) -> Group:
    """Each action, then its story under it, wrapped under itself; user text as typed,
    never markup."""
    parts: list[RenderableType] = [Text(_("Actions and what became of them"), style="bold")]
    if not plan.actions:
        return Group(*parts, plain(_("No actions.")))
    for h in plan.actions:
        a = h.action
        about = ", ".join(x for x in (a.who, date_text(a.when) if a.when else "") if x)
        line = plain(a.what, style="bold")
        if about:
            line += plain(f" ({about})")
        parts += [Text(""), line, indented(plain(story(plan, h)))]
    return Group(*parts)


class PlanHistoryScreen(DialogScreen[None]):
    """The plan over time of meeting `meeting_id`'s series, read from the store at
    `store_path` through a reader of its own: it never writes, nor reopens the meeting."""

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
                    "j: an organisation's journal note   b: back"
                ),
                id="plan-status",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = _("The plan over time")
        from dialogtui.store import Store

        try:
            reader = Store.open_reader(self.store_path)
            try:
                self.plan = reader.series_plan(self.meeting_id)
            finally:
                reader.close()
        except DialogtuiError as exc:
            self.app.report(exc)
            return
        self.query_one("#plan-meetings", Static).update(meetings_table(self.plan))
        self.query_one("#plan-actions", Static).update(actions_view(self.plan))

    def action_back(self) -> None:
        self.dismiss(None)

    def action_export(self, to: str = "everyone", case: str | None = None) -> None:
        self._status(_("Exporting…"))
        self._export(self.PRESETS.get(to, self.PRESETS["everyone"]), to, case)

    def _record(self) -> MeetingRecord:
        from dialogtui.export.record import load_record
        from dialogtui.store import Store

        reader = Store.open_reader(self.store_path)
        try:
            return load_record(reader, self.meeting_id)
        finally:
            reader.close()

    async def action_family(self) -> None:
        """The family's copy, as PDF. Where the meeting has children's cases, one case's:
        the scribe chooses which; it holds that case's actions alone."""
        from dialogtui.export.cases import case_choices, each_word, meeting_cases
        from dialogtui.tui.dialogs.pick import PickDialog

        await settle(self)
        try:
            record = self._record()
        except DialogtuiError as exc:
            self.app.report(exc)
            return
        cases = [c for c in meeting_cases(record) if record.qs.blocks[c.block].consent]

        def write(chosen: int | None) -> None:
            if chosen is not None:
                self.action_export("family", str(cases[chosen].number) if cases else None)

        if len(cases) > 1:
            lines = case_choices(cases, each_word(record.qs, _("Case")))
            await self.app.push_screen(PickDialog(_("The family's copy of"), lines, 0), write)
        else:
            write(0)

    async def action_journal(self) -> None:
        """An organisation's copy for its journal: the scribe chooses whose, where several
        organisations were at the meeting."""
        from dialogtui.export.recipients import organisations
        from dialogtui.tui.dialogs.pick import PickDialog

        await settle(self)
        try:
            record = self._record()
        except DialogtuiError as exc:
            self.app.report(exc)
            return
        names = organisations(record.qs, record.info.participants)

        def whose(chosen: int | None) -> None:
            if chosen is not None:
                self.action_export("journal" if not names else names[chosen])

        if len(names) > 1:
            await self.app.push_screen(PickDialog(_("Journal note for"), names, 0), whose)
        else:
            whose(0)

    @work(thread=True, exclusive=True)
    def _export(self, formats: tuple[str, ...], to: str, case: str | None) -> None:
        """Written in a thread, through a reader of its own."""
        from dialogtui.export.series import export_series
        from dialogtui.store import Store

        whose = None if to in ("everyone", "journal") else to
        if to not in self.PRESETS:  # an organisation's name: its journal's formats
            formats = self.PRESETS["journal"]
        try:
            reader = Store.open_reader(self.store_path)
            try:
                exported = export_series(
                    reader, self.meeting_id, formats=formats, to=whose, case=case
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
