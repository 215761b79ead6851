"""The end of a meeting: time per step, speaking time, loose ends, and export in one key."""

from __future__ import annotations

from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from dialogtui.display import plain, visible
from dialogtui.errors import DialogtuiError
from dialogtui.export import EXPORT_FILES
from dialogtui.i18n import N_, _, ngettext
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.timers import format_seconds
from dialogtui.paths import documents_dir
from dialogtui.questionset.model import format_minutes
from dialogtui.tui.screens.dialogs import FolderDialog
from dialogtui.tui.screens.read_back import DialogHost, ReadBackScreen
from dialogtui.tui.typed import DialogScreen
from dialogtui.tui.widgets.footer import KeyFooter


def _warning_table(title: str, *columns: str) -> Table:
    """A list of loose ends, under a bold title."""
    table = Table(title=title, title_justify="left", box=None, pad_edge=False, title_style="bold")
    for column in columns:
        table.add_column(column)
    return table


def summary(engine: MeetingEngine) -> Table:
    grid = Table.grid(padding=(0, 0))
    grid.add_column()
    times = Table(title=_("Time per step"), title_justify="left", box=None, pad_edge=False)
    times.add_column(_("step"), overflow="ellipsis", no_wrap=True, max_width=44)
    times.add_column(_("planned"), justify="right")
    times.add_column(_("actual"), justify="right")
    for n, step in enumerate(engine.qs.steps):
        planned = step.planned_minutes
        actual = engine.elapsed(n)
        over = planned is not None and actual > planned * 60
        times.add_row(
            plain(f"{n + 1}. {step.title}"),
            format_minutes(planned, untimed="–"),
            Text(format_seconds(actual), style="bold" if over else ""),
        )
    grid.add_row(times)
    spoken = engine.speaking_times()
    talk = Table(title=_("Speaking time"), title_justify="left", box=None, pad_edge=False)
    talk.add_column(_("who"))
    talk.add_column(_("turns"), justify="right")
    talk.add_column(_("time"), justify="right")
    for p in engine.participants:
        turns, seconds = spoken.get(p.id, (0, 0.0))
        talk.add_row(plain(p.name), str(turns), format_seconds(seconds))
    grid.add_row(Text(""))
    grid.add_row(talk)
    loose = [a for a in engine.actions() if not a.who or not a.when]
    grid.add_row(Text(""))
    if loose:
        flags = _warning_table(_("Action items without owner or date"), _("what"), _("missing"))
        for a in loose:
            checks = ((_("who"), a.who), (_("when"), a.when))
            missing = ", ".join(x for x, ok in checks if not ok)
            flags.add_row(plain(a.what), Text(missing, style="bold"))
        grid.add_row(flags)
    else:
        said = ngettext(
            "{n} action item, with its owner and date.",
            "{n} action items, each with owner and date.",
            len(engine.actions()),
        )
        grid.add_row(Text(said))
    reviewed = {f.action_id for f in engine.follow_ups()}
    unreviewed = [a for a in engine.carried_actions() if a.id not in reviewed]
    if unreviewed:  # the plan of the meeting before is what this one was to follow up
        grid.add_row(Text(""))
        earlier = _warning_table(
            _("Actions of the previous meeting not followed up"), _("what"), _("who")
        )
        for a in unreviewed:
            earlier.add_row(plain(a.what), plain(a.who))
        grid.add_row(earlier)
    return grid


class EndScreen(DialogScreen[bool]):
    BINDINGS = [
        Binding(
            "r", "read_back", N_("Read back"), tooltip=N_("Read the minutes back, to correct them")
        ),
        Binding("e", "export(False)", N_("Export"), tooltip=N_("Export minutes and action plan")),
        Binding("p", "export(True)", N_("Pseudonymised"), tooltip=N_("Export pseudonymised")),
        Binding("o", "export_to", N_("To a folder…"), tooltip=N_("Export to a folder…")),
        # In help and in the screen's own line of keys: the footer is full at 80 columns.
        Binding(
            "h",
            "export_history",
            N_("With history"),
            tooltip=N_("Export with edit history"),
            show=False,
        ),
        Binding("b,escape", "back", N_("Back"), tooltip=N_("Back to the meeting (opens it again)")),
        Binding("q", "app.quit", N_("Quit")),
    ]

    def __init__(self, engine: MeetingEngine):
        super().__init__()
        self.engine = engine
        self.exported: list[Path] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="end"):
            yield Static(id="summary")
            yield Static(
                _(
                    "r: read back in the room   e: export minutes and action plan   "
                    "p: pseudonymised   o: to a folder…   h: with the edit history   "
                    "b: back to the meeting (it opens again)"
                ),
                id="export-status",
            )
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = visible(self.engine.info.title)
        try:
            self.engine.finish()
        except DialogtuiError as exc:
            self.app.report(exc)
        self.query_one("#summary", Static).update(summary(self.engine))

    def action_back(self) -> None:
        try:
            self.engine.start()  # reopens the meeting
        except DialogtuiError as exc:
            self.app.report(exc)
            return
        self.dismiss(True)  # the capture screen says that the meeting is open again

    def action_export(
        self, pseudonymise: bool, folder: Path | None = None, labels: str | None = None
    ) -> None:
        self.query_one("#export-status", Static).update(_("Exporting…"))
        self._export(pseudonymise, folder, labels=labels)

    async def action_read_back(self) -> None:
        """Read back in the room before anything is exported: corrections, objections, and
        who accepted the minutes. Its dialogs are the meeting screen's, which keeps them."""
        host = next((s for s in self.app.screen_stack if isinstance(s, DialogHost)), None)
        if host is not None:
            await self.app.push_screen(ReadBackScreen(self.engine, host))

    def action_export_history(self) -> None:
        """The minutes with edited turns' earlier texts and deleted turns, on their own."""
        self.query_one("#export-status", Static).update(_("Exporting…"))
        self._export(False, None, history=True)

    def action_export_to(self) -> None:
        """Somewhere else, e.g. a folder shared with the participants, named or
        pseudonymised; files already there are replaced only when the scribe says so."""

        def done(chosen: tuple[Path, bool, str] | None) -> None:
            if chosen:
                folder, pseudonymise, labels = chosen
                self.action_export(pseudonymise, folder, labels)

        dialog = FolderDialog(
            _("Export minutes and action plan to"),
            str(documents_dir()),
            EXPORT_FILES,
            labels=self.engine.qs.language.value,
        )
        self.app.push_screen(dialog, done)

    @work(thread=True, exclusive=True)
    def _export(
        self,
        pseudonymise: bool,
        folder: Path | None = None,
        history: bool = False,
        labels: str | None = None,
    ) -> None:
        from dialogtui.export.write import export_meeting
        from dialogtui.store import Store

        try:
            # Its own connection, read as one snapshot: the screen's connection stays with
            # the UI thread, which goes on saving the clock and drafts meanwhile.
            reader = Store.open(self.engine.store.path)
            try:
                exported = export_meeting(
                    reader, self.engine.id, folder, pseudonymise, history, labels
                )
            finally:
                reader.close()
        except DialogtuiError as exc:
            self.app.call_from_thread(self.app.report, exc)
            self.app.call_from_thread(self._status, _("Export failed; see the message."))
            return
        self.exported = exported.paths
        written = _("Written:") + "\n" + "\n".join(str(p) for p in exported.paths)
        if exported.kept_note():
            written += "\n" + exported.kept_note()
        self.app.call_from_thread(self._status, written)

    def _status(self, text: str) -> None:
        self.query_one("#export-status", Static).update(plain(text))
