"""The end of a meeting: time per step, speaking time, loose ends, and export in one key."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widget import AwaitMount
from textual.widgets import Static

from dialogtui import recovery
from dialogtui.display import one_line, plain, visible
from dialogtui.errors import DialogtuiError, ExportError
from dialogtui.export.cases import Case, case_choices, each_word, meeting_cases
from dialogtui.export.formats import FORMATS, listed
from dialogtui.i18n import N_, Phrase, _, date_text, ngettext
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.timers import format_seconds
from dialogtui.paths import documents_dir
from dialogtui.questionset.kinds import StepKind
from dialogtui.questionset.words import format_minutes
from dialogtui.tui.dialogs import read_back as read_back_dialogs
from dialogtui.tui.dialogs.alerts import Question
from dialogtui.tui.dialogs.folder import meeting_named
from dialogtui.tui.keeping import DialogHost, KeptDialogs, Opening, let_go
from dialogtui.tui.ordering import settle
from dialogtui.tui.screens.read_back import ReadBackScreen
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
    # The meeting's title and date first: the scribe sees which meeting's end this is.
    info = engine.info
    grid.add_row(plain(f"{one_line(info.title).strip()} · {date_text(info.date)}", style="bold"))
    grid.add_row(Text(""))
    times = Table(title=_("Time per step"), title_justify="left", box=None, pad_edge=False)
    times.add_column(_("step"), overflow="ellipsis", no_wrap=True, max_width=44)
    times.add_column(_("planned"), justify="right")
    times.add_column(_("actual"), justify="right")
    for n, step in enumerate(engine.qs.steps):
        if not engine.alternatives.runs(n):
            continue  # an alternative step not chosen: the meeting did not run it
        planned = step.planned_minutes
        actual = engine.timing.elapsed(n)
        over = planned is not None and actual > planned * 60
        times.add_row(
            plain(f"{n + 1}. {step.title}"),
            format_minutes(planned, untimed="–"),
            Text(format_seconds(actual), style="bold" if over else ""),
        )
    grid.add_row(times)
    spoken = engine.turns.speaking_times()
    talk = Table(title=_("Speaking time"), title_justify="left", box=None, pad_edge=False)
    talk.add_column(_("who"))
    talk.add_column(_("turns"), justify="right")
    talk.add_column(_("time"), justify="right")
    for p in engine.participants:
        turns, seconds = spoken.get(p.id, (0, 0.0))
        talk.add_row(plain(p.name), str(turns), format_seconds(seconds))
    grid.add_row(Text(""))
    grid.add_row(talk)
    actions = engine.actions.all()
    loose = [a for a in actions if not a.who or not a.when]
    if loose:
        grid.add_row(Text(""))
        flags = _warning_table(_("Action items without owner or date"), _("what"), _("missing"))
        for a in loose:
            checks = ((_("who"), a.who), (_("when"), a.when))
            missing = ", ".join(x for x, ok in checks if not ok)
            flags.add_row(plain(a.what), Text(missing, style="bold"))
        grid.add_row(flags)
    elif actions:
        said = ngettext(
            "{n} action item, with its owner and date.",
            "{n} action items, each with owner and date.",
            len(actions),
        )
        grid.add_row(Text(""))
        grid.add_row(Text(said))
    elif engine.qs.first_step_of(StepKind.action_planning) is not None:
        grid.add_row(Text(""))
        grid.add_row(Text(_("No actions.")))
    # A set without a plan (Orons zoner) and no action noted: nothing to say about actions.
    reviewed = {f.action_id for f in engine.actions.follow_ups()}
    unreviewed = [a for a in engine.actions.carried() if a.id not in reviewed]
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
    """The meeting ended: what it took, and its documents. `host` is the meeting's screen
    below, which keeps the texts of the read-back's dialogs with its own."""

    # r, j and o open a screen or a dialog: priority bindings, so that the keys typed after
    # them are its (tui/ordering.py).
    BINDINGS = [
        Binding(
            "r",
            "read_back",
            N_("Read back"),
            tooltip=N_("Read the minutes back, to correct them"),
            priority=True,
        ),
        Binding(
            "e",
            "export('everyone')",
            N_("Export"),
            tooltip=Phrase(lambda: _("Export for everyone: {formats}").format(formats=listed())),
        ),
        Binding(
            "f",
            "family",
            N_("Family's copy"),
            tooltip=N_("The family's copy: their statements and the plan, as PDF, and the dates"),
            priority=True,
        ),
        Binding(
            "j",
            "journal",
            N_("Journal note"),
            tooltip=N_("An organisation's journal note, as text, also copied to the clipboard"),
            priority=True,
        ),
        # In help and in the screen's own line of keys: the footer is full at 80 columns.
        Binding(
            "o",
            "export_to",
            N_("To a folder…"),
            tooltip=N_("Export to a folder…"),
            show=False,
            priority=True,
        ),
        Binding(
            "p",
            "export('everyone', True)",
            N_("Pseudonymised"),
            tooltip=N_("Export pseudonymised"),
            show=False,
        ),
        Binding(
            "h",
            "export_history",
            N_("With history"),
            tooltip=N_("Export with edit history"),
            show=False,
        ),
        Binding(
            "t",
            "plan_over_time",
            N_("The plan over time"),
            tooltip=N_("Every action of the series, with its history; exported per recipient"),
            show=False,
            priority=True,
        ),
        # b alone: escape is "back" everywhere else, and must never open an ended meeting.
        Binding("b", "back", N_("Back"), tooltip=N_("Back to the meeting (opens it again)")),
        Binding("q", "app.quit", N_("Quit")),
    ]

    # What each preset writes: everything for everyone; for the family what can be handed
    # over (a PDF nobody edits) and the dates; for an organisation's journal the text to
    # paste and the document to attach.
    PRESETS: dict[str, tuple[str, ...]] = {
        "everyone": tuple(FORMATS),
        "family": ("pdf", "ics"),
        "journal": ("txt", "docx"),
    }

    def __init__(self, engine: MeetingEngine, host: DialogHost):
        super().__init__()
        self.engine, self.host = engine, host
        self.exported: list[Path] = []

    # Ended before it was shown (a meeting opened from a list): nothing to end here.
    ENDS_THE_MEETING = True

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="end"):
            yield Static(id="summary")
            yield Static(self._keys_said(), id="export-status")
        yield KeyFooter()

    def _keys_said(self) -> str:
        return _(
            "r: read back in the room   e: export for everyone (all formats)   "
            "f: the family's copy (PDF)   j: an organisation's journal note   "
            "p: pseudonymised   o: to a folder…   h: with the edit history   "
            "t: the plan over time   b: back to the meeting (it opens again)"
        )

    def on_mount(self) -> None:
        # Which meeting: one opened from a list or a search looks like any other.
        self.sub_title = visible(self._meeting_named())
        if self.ENDS_THE_MEETING:
            try:
                self.engine.finish()
            except DialogtuiError as exc:
                self.app.report(exc)
        self.query_one("#summary", Static).update(summary(self.engine))

    async def action_back(self) -> None:
        try:
            self.engine.start()  # reopens the meeting
        except DialogtuiError as exc:
            self.app.report(exc)
            return
        self.dismiss(True)  # the capture screen says that the meeting is open again

    def action_export(
        self,
        to: str = "everyone",
        pseudonymise: bool = False,
        folder: Path | None = None,
        labels: str | None = None,
    ) -> None:
        self.query_one("#export-status", Static).update(_("Exporting…"))
        formats = self.PRESETS.get(to, self.PRESETS["everyone"])
        self._export(pseudonymise, folder, labels=labels, formats=formats, to=to)

    async def action_family(self) -> None:
        """The family's copy: PDF and the dates. In a meeting with cases, one case's (a
        child's): the scribe chooses which where there are several; it holds nothing of
        the others."""
        from dialogtui.tui.dialogs.pick import PickDialog

        await settle(self)
        cases = self._cases()
        if not cases:
            from dialogtui.export.recipients import family

            if not family(self.engine.qs, self.engine.participants):
                # The command line's --for is no key here: what the scribe can do instead.
                said = _(
                    "No one in this meeting is of the family, so there is no family's copy: "
                    "export for everyone (e), or an organisation's journal note (j)."
                )
                self.app.report(ExportError(said))
                return

        def write(chosen: int | None) -> None:
            if chosen is not None:
                self.query_one("#export-status", Static).update(_("Exporting…"))
                case = str(cases[chosen].number) if cases else None
                formats = self.PRESETS["family"]
                self._export(False, None, formats=formats, to="family", case=case)

        if len(cases) > 1:
            each = each_word(self.engine.qs, _("Case"))
            lines = case_choices(cases, each)
            await self.app.push_screen(PickDialog(_("The family's copy of"), lines, 0), write)
        else:
            write(0)

    def _cases(self) -> list[Case]:
        """The meeting's children's cases (a block whose every time through takes its own
        consent, Träff 4's), as the documents number them; not a block's rounds (a
        reflecting team's), which are no one's own."""
        from dialogtui.export.record import load_record
        from dialogtui.store import Store

        try:
            reader = Store.open_reader(self.engine.store.path)
            try:
                cases = meeting_cases(load_record(reader, self.engine.id))
                return [c for c in cases if self.engine.qs.blocks[c.block].consent]
            finally:
                reader.close()
        except DialogtuiError as exc:  # the export that follows says it again, in its place
            self.app.report(exc)
            return []

    async def action_journal(self) -> None:
        """An organisation's copy for its journal: its people's statements and the
        family's, as text to paste (copied to the clipboard too) and a document to attach.
        With several organisations present, the scribe chooses whose; with several
        children's cases, which child's record it goes into: it holds that case alone."""
        from dialogtui.export.recipients import organisations
        from dialogtui.tui.dialogs.pick import PickDialog

        await settle(self)
        names = organisations(self.engine.qs, self.engine.participants)
        cases = self._cases()

        def write(to: str, case: str | None) -> None:
            self.query_one("#export-status", Static).update(_("Exporting…"))
            formats = self.PRESETS["journal"]
            self._export(False, None, formats=formats, to=to, copy=True, case=case)

        def whose(chosen: int | None) -> None:
            if chosen is None:
                return
            to = names[chosen] if names else "everyone"
            if len(cases) > 1:
                lines = case_choices(cases, each_word(self.engine.qs, _("Case")))

                def case_chosen(n: int | None) -> None:
                    if n is not None:
                        write(to, str(cases[n].number))

                self.app.push_screen(PickDialog(_("Journal note of"), lines, 0), case_chosen)
            else:
                write(to, None)

        if len(names) > 1:
            await self.app.push_screen(PickDialog(_("Journal note for"), names, 0), whose)
        else:
            whose(0)

    async def action_plan_over_time(self) -> None:
        """The series' actions and their history, on a screen that only reads the store."""
        from dialogtui.tui.screens.plan_history import PlanHistoryScreen

        await settle(self)
        await self.app.push_screen(PlanHistoryScreen(self.engine.store.path, self.engine.id))

    async def action_read_back(self) -> None:
        """Read back in the room before anything is exported: corrections, objections, and
        who accepted the minutes. Its dialogs open on the meeting's screen, which keeps them."""
        await settle(self)
        read = ReadBackScreen(self.engine, self.host)
        # An ended meeting opened from the list: its read-back says which meeting it is.
        read.names_meeting = not self.ENDS_THE_MEETING
        await self.app.push_screen(read)

    def action_export_history(self) -> None:
        """The minutes with edited turns' earlier texts and deleted turns, on their own."""
        self.query_one("#export-status", Static).update(_("Exporting…"))
        self._export(False, None, history=True)

    async def action_export_to(self) -> None:
        """Somewhere else, e.g. a folder shared with the participants, named or
        pseudonymised; files already there are replaced only when the scribe says so."""
        from dialogtui.tui.dialogs.folder import FolderDialog

        await settle(self)

        def done(chosen: tuple[Path, bool, str] | None) -> None:
            if chosen:
                folder, pseudonymise, labels = chosen
                self.action_export("everyone", pseudonymise, folder, labels)

        # A set that makes no plan, with nothing planned, gets no plan file: none offered.
        engine = self.engine
        plans = engine.qs.first_step_of(StepKind.action_planning) is not None
        plans = plans or bool(engine.actions.all() or engine.actions.carried())
        dialog = FolderDialog(
            _("Export minutes and action plan to") if plans else _("Export minutes to"),
            str(documents_dir()),
            self._file_names,
            labels=self.engine.qs.language.value,
            meeting=self._meeting_named(),
        )
        await self.app.push_screen(dialog, done)

    def _file_names(self, pseudonymise: bool, labels: str) -> list[str]:
        """The names the files of `o` would have: they say the meeting, its title
        pseudonymised where they are, in the headings' language."""
        from dialogtui.export.write import file_names
        from dialogtui.store import Store

        try:
            reader = Store.open_reader(self.engine.store.path)
            try:
                everyone = self.PRESETS["everyone"]
                return file_names(reader, self.engine.id, everyone, pseudonymise, labels=labels)
            finally:
                reader.close()
        except DialogtuiError as exc:  # the export that follows says it again, in its place
            self.app.report(exc)
            return []

    def _meeting_named(self) -> str:
        return meeting_named(self.engine.info.title, self.engine.info.date)

    @work(thread=True, exclusive=True)
    def _export(
        self,
        pseudonymise: bool,
        folder: Path | None = None,
        history: bool = False,
        labels: str | None = None,
        formats: tuple[str, ...] = ("md",),
        to: str | None = None,
        copy: bool = False,
        case: str | None = None,
    ) -> None:
        """Write in a thread; `copy`: the journal note also goes to the clipboard; `case`:
        one case's copy."""
        from dialogtui.export.write import export_meeting
        from dialogtui.store import Store

        try:
            # Its own connection, read as one snapshot: the screen's connection stays with
            # the UI thread, which goes on saving the clock and drafts meanwhile. A reader:
            # it cannot write, and opening it neither migrates (the meeting's writer has)
            # nor sets the umask, which is the whole process's, the UI thread's too.
            reader = Store.open_reader(self.engine.store.path)
            try:
                exported = export_meeting(
                    reader,
                    self.engine.id,
                    folder,
                    pseudonymise,
                    history,
                    labels,
                    formats,
                    to,
                    case,
                )
            finally:
                reader.close()
        except DialogtuiError as exc:
            self.app.call_from_thread(self.app.report, exc)
            self.app.call_from_thread(self._status, _("Export failed; see the message."))
            return
        # Set on the UI thread, as all of the screen's state: before the status says so.
        self.app.call_from_thread(setattr, self, "exported", exported.paths)
        said = Text()
        if exported.paths:
            said += plain(_("Written:") + "\n" + "\n".join(str(p) for p in exported.paths))
        for line in [*exported.notes, exported.kept_note()]:
            if line:
                said += plain(("\n" if said else "") + line)
        if exported.failed:
            # Each format that failed, named, under what was written: the scribe sees both.
            failed = _("Not written:") + "\n" + "\n".join(exported.failed)
            said += plain(("\n" if said else "") + failed, style="bold")
            for failure in exported.failed:
                self.app.call_from_thread(self.app.report, ExportError(failure))
        notes = [p for p in exported.paths if p.suffix == ".txt"]
        if copy and notes:
            # The terminal's clipboard (OSC 52): Windows Terminal and most others take it.
            text = notes[0].read_text(encoding="utf-8")
            self.app.call_from_thread(self.app.copy_to_clipboard, text)
            said += plain(
                "\n" + _("The journal note is on the clipboard: paste it in the journal.")
            )
        self.app.call_from_thread(self._status, said)

    def _status(self, text: str | Text) -> None:
        status = self.query_one("#export-status", Static)
        status.update(text if isinstance(text, Text) else plain(text))
        # Below a long summary the status is out of sight at 80×24: brought into view.
        status.scroll_visible(animate=False)


class EndedEndScreen(EndScreen):
    """The end screen of a meeting that had ended, opened from a list of meetings: it stays
    ended (read back, exported, corrected in the read-back); `escape` goes back to the list,
    `b` opens the meeting again."""

    # escape in the footer, b not: a scribe going back must not open the meeting by chance.
    BINDINGS = [
        Binding(
            "escape",
            "leave",
            N_("Back"),
            tooltip=N_("Back to the list; the meeting stays ended"),
        ),
        Binding(
            "b",
            "back",
            N_("Open again"),
            tooltip=N_("Back to the meeting (opens it again)"),
            show=False,
            priority=True,  # it asks: the keys typed after it are the question's
        ),
    ]

    ENDS_THE_MEETING = False

    def _keys_said(self) -> str:
        return _(
            "r: read back in the room   e: export for everyone (all formats)   "
            "f: the family's copy (PDF)   j: an organisation's journal note   "
            "p: pseudonymised   o: to a folder…   h: with the edit history   "
            "t: the plan over time   escape: back to the list (the meeting stays ended)   "
            "b: back to the meeting (it opens again)"
        )

    def action_leave(self) -> None:
        self.dismiss(False)

    async def action_back(self) -> None:
        # Ended before, maybe read back and accepted: opened again only when the scribe
        # says so. The capture screen opens it as it mounts, and tells the scribe what
        # that means for a meeting read back and accepted.
        def answered(reopen: bool | None) -> None:
            if reopen:
                self.dismiss(True)

        await settle(self)
        question = _("Open {meeting} again? It was ended; it can then be changed.").format(
            meeting=self._meeting_named()
        )
        await self.app.push_screen(ReopenDialog(question), answered)


class ReopenDialog(Question):
    """Whether to open an ended meeting again: `enter` opens it, `escape` keeps it ended."""

    BINDINGS = [
        Binding("enter", "answer(True)", N_("Open again"), priority=True),
        Binding("escape", "answer(False)", N_("Keep it ended"), priority=True),
    ]
    HINT = N_("enter: open it again · escape: keep it ended")


class EndedMeeting(DialogScreen[None]):
    """Under the end screen of an ended meeting opened from a list, in the capture screen's
    place: it holds the meeting's lock (the read-back's corrections write) and keeps the
    read-back dialogs' texts, as the capture screen does, without opening the meeting again.
    It is always covered, so it shows nothing of its own."""

    def __init__(self, engine: MeetingEngine):
        super().__init__()
        self.engine = engine
        self.kept = KeptDialogs(self, engine, self._to_draft)
        read_back_dialogs.register(self.kept, engine, self)
        self._released = False
        self._save_problem: str | None = None

    def compose(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        try:
            self.kept.take_back(lambda draft: None)  # the draft waits in the store
        except DialogtuiError as exc:
            self.app.report(exc)
        self.set_interval(1.0, self._keep)
        # Over the end screen, pushed with this one: a dialog of the read-back open when
        # dialogtui stopped opens again with its text.
        self.kept.reopen()

    def hand_over(self) -> None:
        """`b` on the end screen: the capture screen takes the meeting (and its lock) over
        from this one, which keeps nothing more."""
        self._keep()
        self._released = True

    # -- what the read-back's dialogs ask of the meeting's screen (keeping.DialogHost) -------

    def open_dialog(self, opening: Opening) -> AwaitMount:
        return self.kept.open(opening)

    def run(self, change: Callable[[], object]) -> bool:
        try:
            change()
        except DialogtuiError as exc:
            self.app.report(exc)
            return False
        return True

    # -- kept texts and the lock -------------------------------------------------------------

    def _to_draft(self, text: str) -> None:
        """A kept text whose dialog is not the read-back's (the capture screen's): into the
        meeting's draft, which the capture screen shows when the meeting is opened again."""
        try:
            draft = self.engine.drafts.text()
            self.engine.drafts.save(f"{draft}\n{text}" if draft.strip() else text)
        except DialogtuiError as exc:
            self.app.report(exc)

    def _keep(self) -> bool:
        """The open dialogs' texts, kept every second; a failure said once."""
        try:
            self.kept.save()
        except DialogtuiError as exc:
            if str(exc) != self._save_problem:
                self._save_problem = str(exc)
                said = visible(_("Not saved: {problem}").format(problem=exc))
                self.notify(said, severity="error", timeout=15, markup=False)
            return False
        self._save_problem = None
        return True

    def on_unmount(self) -> None:
        self.save_and_release()

    def save_and_release(self) -> str | None:
        """On quit or back to the list: the dialogs' texts saved (to a recovery file if the
        store cannot take them), the meeting's lock released."""
        if self._released:
            return None
        self._released = True
        saved = self._keep()
        return let_go(
            self.engine, saved, recovery.Unsaved(self.engine.id, "", self.kept.open_texts())
        )
