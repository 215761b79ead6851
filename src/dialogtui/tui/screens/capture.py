"""The capture screen: the scribe's main screen during a live meeting.

Data flows one way: widgets post messages, this screen calls the engine (which persists
before it returns), then sets `state` (`dialogtui.meeting.state`) once; each widget watching
it redraws itself when the part it shows has changed.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import shlex
import shutil
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from types import EllipsisType

from rich.text import Text
from textual import events
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.reactive import var
from textual.screen import ModalScreen
from textual.timer import Timer
from textual.widget import AwaitMount, Widget

from dialogtui import recovery
from dialogtui.display import visible
from dialogtui.errors import DialogtuiError
from dialogtui.i18n import N_, _, pgettext
from dialogtui.kinds import SPECS as KIND_SPECS
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.room import ORDER as ROOM_ORDER
from dialogtui.meeting.state import (
    MeetingState,
    NotSaved,
    OpenAgain,
    Saved,
    SavingAgain,
    TurnSaved,
    state_of,
    with_clock,
)
from dialogtui.meeting.timers import agenda_lines
from dialogtui.records import ActionItem, NoteKind, RoomShows, Turn
from dialogtui.tui import keyboard
from dialogtui.tui.dialogs import notes as notes_list
from dialogtui.tui.keeping import KeptDialogs, Opening, let_go
from dialogtui.tui.ordering import settle
from dialogtui.tui.screens.capture_dialogs import CaptureDialogs
from dialogtui.tui.typed import DialogScreen
from dialogtui.tui.widgets.draft import DraftArea
from dialogtui.tui.widgets.footer import KeyFooter
from dialogtui.tui.widgets.question_panel import QuestionPanel
from dialogtui.tui.widgets.speaker_strip import SpeakerStrip
from dialogtui.tui.widgets.step_header import StepHeader
from dialogtui.tui.widgets.step_panel import EngineChange, Request, StepPanel
from dialogtui.tui.widgets.transcript import Transcript

AUTOSAVE_SECONDS = 1.0

# What the room's view (`dialogtui wall`) shows, said when ctrl+w changes it.
ROOM_SAID = {
    RoomShows.questions: N_("The room sees the question, not what you write."),
    RoomShows.notes: N_("The room sees the question and what you write."),
    RoomShows.blank: N_("The room's view is blank (a pause)."),
}
# And on the text box's top border for as long as the room sees more or less than the
# question: a scribe must never be unsure whether the room reads what they type.
ROOM_BORDER = {
    RoomShows.notes: N_("The room sees what you write (ctrl+w)"),
    RoomShows.blank: N_("The room's view is blank (ctrl+w)"),
}
ROOM_RESET = N_("The room sees the question only, as whenever a meeting opens (ctrl+w: more).")
ROOM_NOT_TOLD = N_("The room's view could not be told which page is read back: {problem}")
SECOND_SCREEN = N_(
    "The room's view, in another terminal window:\n"
    "{command}\n"
    "{command} --view asker (the one who asks)\n"
    "{command} --serve (in a browser)"
)


def program(argv0: str | None = None, path: str | None = None) -> str:
    """dialogtui as the scribe started it, for a command to type in another window:
    `dialogtui` where that is this program on PATH; else the run script of the folder
    whose .venv it runs from (scripts/run, which README's way to run it execs); else the
    program's own path. `argv0`, `path`: the program and PATH, for tests."""
    started = Path(argv0 if argv0 is not None else sys.argv[0])
    if started.name != "dialogtui":  # `python -m dialogtui`, a test: no better guess
        return "dialogtui"
    found = shutil.which("dialogtui", path=path)
    with contextlib.suppress(OSError):
        if found is not None and os.path.samefile(found, started):
            return "dialogtui"
    started = started.absolute()
    script = started.parents[2] / "scripts" / "run" if len(started.parents) > 2 else None
    if started.parent.parent.name == ".venv" and script is not None and script.is_file():
        started = script
    with contextlib.suppress(ValueError):
        return "~/" + shlex.quote(str(started.relative_to(Path.home())))
    return shlex.quote(str(started))


def _panel(path: str) -> type[StepPanel]:
    module, name = path.split(":")
    panel = getattr(importlib.import_module(module), name)
    if not (isinstance(panel, type) and issubclass(panel, StepPanel)):
        raise TypeError(f"the step panel {path} is not a StepPanel")
    return panel


# The step kinds worked in a widget of their own (the rest are typed in the text box), as
# their specs name it (dialogtui.kinds): one map for which panel is shown and where the
# focus goes.
STEP_PANELS: dict[str, tuple[type[StepPanel], str]] = {
    kind: (_panel(spec.panel), spec.panel_id) for kind, spec in KIND_SPECS.items() if spec.panel
}


class Tick(Message):
    """One clock tick. A tick still queued is replaced by the next: a busy app redraws
    the clock once, not once for every second it was busy."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Tick)


class CaptureScreen(DialogScreen[None]):
    # The meeting as the widgets show it, set once after every change (`observe`).
    state: var[MeetingState | None] = var(None)
    show_notes = var(False)  # the facilitators' notes under the question (f9)
    AUTO_FOCUS = "#draft"
    # Under 24 rows (a 60×20 window) the panels give up lines, so that the step and its
    # clock, the question, the speakers, the text box and the footer all stay on screen.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-normal")]
    # Priority bindings, each of which first lets the keys typed before it land (see
    # tui/ordering.py): a turn typed, enter, tab, the next turn — in one burst — is two
    # turns of two speakers. None of these keys can be typed as text.
    # The footer shows the keys of the live loop first, in short words (help has the long
    # ones, from `tooltip`), so that at 80 columns it reaches ctrl+o and f1.
    BINDINGS = [
        Binding("tab", "speaker(1)", N_("Who"), priority=True, tooltip=N_("Next speaker")),
        Binding("ctrl+n", "next_step", N_("Next step"), priority=True),
        Binding("f3", "action_item", N_("Action"), priority=True),
        Binding("f4", "note('decision')", N_("Decision"), priority=True),
        Binding("f5", "note('concern')", N_("Concern"), priority=True),
        Binding(
            "ctrl+f",
            "note('standpoint')",
            N_("Standpoint"),
            show=False,
            priority=True,
            tooltip=N_('Note the agreed standpoint ("hvad jeres fælles ståsted er")'),
        ),
        Binding("f2", "pass_turn", N_("Pass"), priority=True),
        Binding("ctrl+o", "end", N_("End"), priority=True, tooltip=N_("End meeting")),
        Binding("shift+tab", "speaker(-1)", N_("Prev speaker"), show=False, priority=True),
        Binding("f6", "choose_speaker", N_("Who speaks"), show=False, priority=True),
        Binding("ctrl+b", "prev_step", N_("Prev step"), show=False, priority=True),
        Binding("ctrl+g", "jump", N_("Go to step"), show=False, priority=True),
        Binding("alt+down", "question(1)", N_("Next question"), show=False, priority=True),
        Binding("alt+up", "question(-1)", N_("Prev question"), show=False, priority=True),
        Binding("ctrl+t", "pause", N_("Pause clock"), show=False, priority=True),
        Binding("f7", "list_notes", N_("Decisions…"), show=False, priority=True),
        Binding("f8", "transcript", N_("Edit turns"), show=False, priority=True),
        Binding("f10", "read_back", N_("Read back this step"), show=False, priority=True),
        Binding("f9", "notes", N_("Notes"), show=False, priority=True),
        Binding(
            "ctrl+r",
            "repeat",
            N_("Repeat block"),
            show=False,
            priority=True,
            tooltip=N_("The next round, or the next case: a card of the vote, or a name"),
        ),
        # Only in a block done once per case (check_action): the header says it there.
        Binding("f12", "name_case", N_("Name the case"), show=False, priority=True),
        # Only on an optional step (check_action): elsewhere ctrl+k is the text box's own.
        Binding("ctrl+k", "skip", N_("Skip optional step"), show=False, priority=True),
        # Only on one of alternative steps (check_action): elsewhere the text box's end of line.
        Binding(
            "ctrl+e",
            "alternative",
            N_("Run another alternative"),
            show=False,
            priority=True,
            tooltip=N_("Run another of the step's alternatives instead of this one"),
        ),
        Binding("ctrl+l", "add_participant", N_("Add participant"), show=False, priority=True),
        # Not in the footer, which is full at 80 columns: in help and the palette. The text
        # box's own ctrl+w (a word deleted) is ctrl+backspace and alt+backspace there too.
        Binding(
            "ctrl+w",
            "room",
            N_("Room's view"),
            show=False,
            priority=True,
            tooltip=N_(
                "What the room's view (dialogtui wall) shows, press by press: the question, "
                "nothing (a pause), also what you write; the room sees it once you stop"
            ),
        ),
        Binding("escape", "back", N_("Text box ↔ the step's list"), show=False, priority=True),
        *[
            Binding(f"alt+{n}", f"pick({n})", N_("Speaker {n}"), show=False, priority=True)
            for n in range(1, 10)
        ],
    ]

    # In help, under the screen's keys: what is not a key of this screen.
    HELP_MORE = [
        (
            "ctrl+backspace",
            N_(
                "Delete the word before the cursor, as alt+backspace does (here ctrl+w is "
                "the room's view)"
            ),
        ),
        (
            "dialogtui wall",
            N_(
                "The room's view in another terminal window; with --view asker for the "
                "facilitator who asks, with --serve in a browser (ctrl+p: this meeting's "
                "commands)"
            ),
        ),
        (
            "ctrl+p",
            N_(
                "Back to the start screen (a command of the palette): saved and let go as on "
                "quit; the meeting stays as it is"
            ),
        ),
    ]

    def __init__(self, engine: MeetingEngine):
        super().__init__()
        self.engine = engine
        self._saved_draft = engine.drafts.text()
        self._draft_text = self._saved_draft
        self.kept = KeptDialogs(self, engine, self._lost_to_draft)
        self.dialogs = CaptureDialogs(self)  # its own dialogs whose text is kept
        self._save_problem: str | None = None  # the autosave's error, reported once
        self._released = False
        self._panels: dict[str, StepPanel] = {}  # the step panels made so far, by kind

    def compose(self) -> ComposeResult:
        # The window's height class, before the widgets are styled: Textual sets it at the
        # first resize, which would otherwise style every widget of the screen again.
        height = self.app.size.height
        fits = next(c for at, c in sorted(self.VERTICAL_BREAKPOINTS, reverse=True) if height >= at)
        self.update_classes({c: c == fits for _, c in self.VERTICAL_BREAKPOINTS}, update=False)
        yield StepHeader(id="step-header")
        yield QuestionPanel(id="question")
        yield SpeakerStrip(id="speakers")
        # Only the step's own panel: each other kind's is mounted when a step of it is
        # reached (`watch_state`), so that opening a meeting styles no list it does not show.
        if (panel := self._made_panel(self.engine.step.kind)) is not None:
            yield panel
        yield Transcript(id="transcript")
        yield DraftArea(id="draft")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.sub_title = visible(self.engine.info.title)
        try:
            self.engine.start()
            if self.engine.reopened_after_read_back:
                said = _(
                    "This meeting was read back and accepted; it is open again. The minutes "
                    "will say that what you write now was not read back."
                )
                self.notify(said, severity="warning", timeout=12, markup=False)
            self.kept.take_back(self._recovered)
        except DialogtuiError as exc:
            self.app.report(exc)
        # A run that ended during the read-back (a crash, the power) left the room's view
        # on its page: the meeting is back on this screen. And a meeting opened shows the
        # room its question only, whatever the room saw when it was last open: a room's
        # view that follows the open meeting never shows this one's notes unasked.
        try:
            self.engine.room.reading(None)
        except DialogtuiError as exc:
            said = _(ROOM_NOT_TOLD).format(problem=exc)
            self.notify(visible(said), severity="warning", markup=False)
        if self.engine.room.shows is not RoomShows.questions and self.run(
            lambda: self.engine.room.show(RoomShows.questions), redraw=False
        ):
            self.notify(_(ROOM_RESET), timeout=6, markup=False)
        draft = self.query_one(DraftArea)
        draft.text = visible(self._saved_draft)
        draft.move_cursor(draft.document.end)
        self._say_room()
        self.observe()
        self._focus_for_step()
        self.set_interval(AUTOSAVE_SECONDS, lambda: self.post_message(Tick()))
        self.dialogs.register(self.kept, [(kind, cls) for kind, (cls, _) in STEP_PANELS.items()])
        self.kept.reopen()

    # -- the view -------------------------------------------------------------------------

    def observe(self, saved: Saved | None | EllipsisType = ...) -> None:
        """The meeting as it is now, for every widget that shows a part of it; `saved`: what
        the strip says was saved last (`...`: what it said)."""
        if isinstance(saved, EllipsisType):
            saved = self.state.saved if self.state is not None else None
        self.state = state_of(self.engine, saved)

    def watch_state(self, old: MeetingState | None, new: MeetingState | None) -> None:
        """At another step: its panel shown (before the widgets watching the state redraw,
        so that the panel shown draws itself), the others hidden."""
        if new is None or (old is not None and old is not new and old.at.step == new.at.step):
            return
        kind = self.engine.qs.steps[new.at.step].kind
        if kind not in self._panels and (made := self._made_panel(kind)) is not None:
            self.mount(made, before=self.query_one(Transcript))
        for step_kind, panel in self._panels.items():
            if step_kind != kind and panel.has_focus:
                # A list hidden with the keyboard in it would hand it to whatever Textual
                # focuses next (the turn list, where letters were commands): the text box.
                self.set_focus(self.query_one(DraftArea))
            panel.display = step_kind == kind
        # Where the step has a list, the text box's border says how to get there.
        hint = N_("enter saves · ctrl+j new line · esc: the list")
        draft = self.query_one(DraftArea)
        draft.border_subtitle = _(hint if self._step_list() else DraftArea.BORDER_HINT)
        # On the transcript, not the screen: a class of the screen restyles every widget.
        self.query_one(Transcript).set_class(KIND_SPECS[kind].beside_table, "beside-a-table")

    def _says(self, saved: Saved) -> None:
        """The strip says what was saved (or not): nothing else of the meeting changed."""
        if self.state is not None:
            self.state = replace(self.state, saved=saved)

    def _step_list(self) -> Widget | None:
        """The step's own list, where it has one: scales, choices, the action plan, the
        follow-up, cards, needs, sheets."""
        return self._panels.get(self.engine.step.kind)

    def _made_panel(self, kind: str) -> StepPanel | None:
        """A new panel for a kind of step (None: the kind has none), made the first time a
        step of it is reached; the screen keeps it, shown or hidden, from then on."""
        if kind not in STEP_PANELS:
            return None
        panel_class, panel_id = STEP_PANELS[kind]
        panel = self._panels[kind] = panel_class(id=panel_id)
        return panel

    def _focus_for_step(self) -> None:
        """Arriving at a step, in any way, the keyboard is in the text box (tui/keyboard.py):
        the scribe types on without looking, and a letter is never a command."""
        self.set_focus(self.query_one(DraftArea))

    async def action_back(self) -> None:
        """escape: from the text box to the step's list (where it has one); from any list
        (the step's, or the turns of f8) back to the text box."""
        await self._settled()
        draft = self.query_one(DraftArea)
        step_list = self._step_list()
        self.set_focus(step_list if self.focused is draft and step_list else draft)

    async def take_typing(self, key: str, always: bool = False) -> None:
        """A printable key that the focused list does not use, or one a dialog gave way to,
        is text: the keyboard goes back to the text box first (called by the app as it reads
        the key). Typing makes the room's view choice pending (ctrl+w) final."""
        self.room_write_now()
        draft = self.query_one(DraftArea)
        if self.focused is draft or (keyboard.uses(self, key) and not always):
            return
        await settle(self)
        self.set_focus(draft)

    def on_resize(self) -> None:
        # A resize is arriving at the step again: the lists change their size, and one that
        # had the keyboard may be hidden at the new size; the text box takes the keys.
        self._focus_for_step()

    def run(
        self,
        change: Callable[[], object],
        *,
        redraw: bool = True,
        saved: Saved | None | EllipsisType = ...,
    ) -> bool:
        """Apply one change to the meeting; errors become a dialog or a notice. The widgets
        then see the meeting as it is (`saved`: what the strip says was saved), unless the
        caller (`redraw=False`) shows them itself, once it knows what to say."""
        try:
            change()
        except DialogtuiError as exc:
            self.app.report(exc)
            return False
        if redraw:
            self.observe(saved)
        return True

    def open_dialog(self, opening: Opening) -> AwaitMount:
        """A dialog of this screen or of one above it (the read-back, the notes list), its
        text kept every second with this screen's own and offered back after a crash."""
        return self.kept.open(opening)

    async def action_read_back(self) -> None:
        """The current step read back, to be corrected in the room before moving on."""
        from dialogtui.tui.screens.read_back import ReadBackScreen  # not needed to start

        await self._settled()
        self.autosave()
        screen = ReadBackScreen(self.engine, self, self.engine.pos.step)
        await self.app.push_screen(screen, lambda _: self.observe())  # corrected turns

    # -- clock and autosave ----------------------------------------------------------------

    def on_tick(self, _: Tick) -> None:
        self.autosave()
        if self.state is not None and self._in_view():
            self.state = with_clock(self.state, self.engine)

    def on_screen_resume(self) -> None:
        if self.state is not None:  # the clocks ran on while covered
            self.state = with_clock(self.state, self.engine)
            self._say_room()  # changed on the read-back, maybe

    def _in_view(self) -> bool:
        """On screen: the current screen, or under dialogs only; not under the end screen or
        the read-back, which cover it (its clocks are not drawn there every second)."""
        stack = self.app.screen_stack
        above = stack[stack.index(self) + 1 :] if self in stack else [self]
        return all(isinstance(screen, ModalScreen) for screen in above)

    def on_text_area_changed(self, event: DraftArea.Changed) -> None:
        if isinstance(event.text_area, DraftArea):
            self._draft_text = event.text_area.text

    def autosave(self) -> bool:
        """Save the draft, the open dialogs' texts and the clock; True if all is saved.

        A failure (a full disk) is reported once, not every second, and as a notice, not a
        dialog: the scribe may be typing, and a dialog would take the keys. The speaker
        strip says that nothing is being saved until saving works again."""
        # The text is kept from the last change event, so that saving still works while the
        # screen is being taken down and its widgets are gone.
        text = self._draft_text
        try:
            if text != self._saved_draft:
                self.engine.drafts.save(text)
                self._saved_draft = text
            self.kept.save()
            self.engine.timing.tick()
        except DialogtuiError as exc:
            if str(exc) != self._save_problem:
                self._save_problem = str(exc)
                self.notify(
                    visible(_("Not saved: {problem}").format(problem=exc)),
                    severity="error",
                    timeout=15,
                    markup=False,
                )
            self._says(NotSaved(str(exc)))
            return False
        if self._save_problem is not None:
            self._save_problem = None
            self._says(SavingAgain())
        return True

    def on_unmount(self) -> None:
        self.save_and_release()

    def save_and_release(self) -> str | None:
        """On quit: the draft, the dialogs' texts and the clock are saved, the meeting lock
        released. If the store cannot take them, they go to a recovery file that the next
        start of this meeting reads back. Returns a sentence when the text went elsewhere."""
        if self._released:
            return None
        self._released = True
        drafts = self.query(DraftArea)
        if drafts:  # the box itself, should its last change not have been handled yet
            self._draft_text = drafts.first().text
        if self._room_timer is not None:
            self._room_timer.stop()
        shows, self._room_pending = self._room_pending, None
        if shows is not None:
            # The room's view choice pending: written as the app quits. If the store cannot
            # take it, the room goes on seeing what it saw, and the draft's failure below
            # says the store's problem.
            with contextlib.suppress(DialogtuiError):
                self.engine.room.show(shows)
        saved = self.autosave()
        unsaved = recovery.Unsaved(self.engine.id, self._draft_text, self.kept.open_texts())
        return let_go(self.engine, saved, unsaved)

    # -- dialogs kept (tui/keeping.py) ------------------------------------------------------

    def _recovered(self, draft: str) -> None:
        """The text box as a run that could not save it left it: newer than any draft."""
        self._saved_draft = self._draft_text = draft

    def _lost_to_draft(self, text: str) -> None:
        """A kept dialog's text that has no dialog to open again: into the text box."""
        self.query_one(DraftArea).restore(text)

    # -- turns -----------------------------------------------------------------------------

    def on_draft_area_submitted(self, event: DraftArea.Submitted) -> None:
        self.room_write_now()
        saved = []
        ok = self.run(lambda: saved.append(self.engine.submit(event.text)), redraw=False)
        if ok:
            self._saved_turn(saved[0])
            self._saved_draft = ""  # the store dropped the draft with the turn's commit
        self.query_one(DraftArea).done(event.text, ok)

    async def action_pass_turn(self) -> None:
        await self._settled()
        saved = []
        if self.run(lambda: saved.append(self.engine.pass_turn()), redraw=False):
            self._saved_turn(saved[0])

    def _saved_turn(self, turn: Turn) -> None:
        """Only now that the store has committed the turn does it show, marked saved."""
        self.observe(TurnSaved(turn.participant_id, turn.ended_at or self.engine.clock.now()))

    async def action_speaker(self, delta: int) -> None:
        await self._settled()
        self.run(lambda: self.engine.cycle_speaker(delta))

    async def action_pick(self, n: int) -> None:
        await self._settled()
        order = self.engine.speakers()
        if 1 <= n <= len(order):
            self.run(lambda: self.engine.set_speaker(order[n - 1].id))

    async def action_choose_speaker(self) -> None:
        await self._settled()
        await self.kept.open(self.dialogs.speaker())

    async def action_transcript(self) -> None:
        await self._settled()
        self.set_focus(self.query_one(Transcript))

    async def move_turn(self, turn_id: int) -> None:
        """f6 in the turns list: whose the turn was, the list drawn again on it."""
        await self.kept.open(self.dialogs.mover(turn_id, self.query_one(Transcript).keep))

    async def edit_turn(self, turn_id: int, text: str) -> None:
        """enter in f8's list: correct a turn (its earlier text is kept)."""
        await self.kept.open(self.dialogs.edit(turn_id, text))

    # -- steps and questions ------------------------------------------------------------

    def _moved(self, saved: Saved | None = None) -> None:
        """At another step (or the same arrived at again): nothing saved there yet."""
        self.room_write_now()
        self.observe(saved)
        self._focus_for_step()

    async def action_next_step(self) -> None:
        await self._settled()
        moved: list[bool] = []
        if self.run(lambda: moved.append(self.engine.next_step()), redraw=False):
            if moved[0]:
                self._moved()
            else:
                self.notify(_("This is the last step; ctrl+o ends the meeting."))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip":
            return self.engine.step.optional is not None
        if action == "alternative":
            return self.engine.qs.alternatives_of(self.engine.step_index) is not None
        if action == "name_case":
            return self.engine.cases.current is not None
        # f6 in the turns list is the list's own: who said the highlighted turn.
        return not (action == "choose_speaker" and isinstance(self.focused, Transcript))

    async def action_skip(self) -> None:
        await self._settled()
        if self.run(self.engine.skip_step, redraw=False):
            self._moved()

    async def action_alternative(self) -> None:
        """ctrl+e: another of the step's alternatives is run, and shown, instead."""
        await self._settled()
        if self.run(self.engine.choose_step_alternative, redraw=False):
            self._moved()

    async def action_prev_step(self) -> None:
        await self._settled()
        if self.run(self.engine.prev_step, redraw=False):
            self._moved()

    async def action_jump(self) -> None:
        await self._settled()
        e = self.engine
        titles = agenda_lines(e.qs, e.timing.projection(), e.timing.elapsed)
        # The alternatives not chosen are not listed: the meeting does not run them; a
        # block's steps are listed once per case, so that every case can be gone back to.
        shown = e.cases.places(e.alternatives.runs)

        def done(index: int | None) -> None:
            if index is None:
                return
            step, case = shown[index]
            if self.run(lambda: self.engine.goto_step(step, case), redraw=False):
                self._moved()

        from dialogtui.tui.dialogs.pick import JumpDialog

        lines = [
            titles[i] if case is None else f"{titles[i]} — {e.cases.label(i, case)}"
            for i, case in shown
        ]
        await self.kept.open(Opening(JumpDialog(lines, shown.index(e.cases.place())), done))

    async def action_question(self, delta: int) -> None:
        await self._settled()
        self.run(lambda: self.engine.goto_question(self.engine.pos.question + delta))

    async def action_repeat(self) -> None:
        await self._settled()
        e = self.engine
        found = e.qs.block_at(e.step_index)
        if e.step.repeat is None and found is not None and e.pos.repetition < found[0].repeat.max:
            # The next case: which child it is, chosen from the vote's cards or typed.
            if (opening := self.dialogs.case("next", self.moved)) is not None:
                await self.kept.open(opening)
            return
        if e.step.repeat is None and found is not None:
            # After the block's last planned case: how many the set plans, by its own word
            # ("case"), in running text.
            block = found[0]
            word = visible(block.each or pgettext("one time through a block", "time")).lower()
            said = _("The meeting's plan has at most {n} {word}.")
            self.notify(said.format(n=block.repeat.max, word=word), markup=False)
            return
        repeated: list[bool] = []
        if self.run(lambda: repeated.append(self.engine.repeat_step()), redraw=False):
            if repeated[0]:
                self._moved()  # another round or case: the step is arrived at again
            else:
                self.observe()
                self.notify(_("This step is not repeated, or all its rounds are done."))

    def moved(self) -> None:
        """At another step or case, by a dialog's doing (ctrl+r's): shown as arrived at."""
        self._moved()

    async def action_name_case(self) -> None:
        """f12: the current case named, or named again."""
        await self._settled()
        if (opening := self.dialogs.case("this", self.moved)) is not None:
            await self.kept.open(opening)
        else:
            self.notify(_("This step is not in a block done once per case."))

    async def action_pause(self) -> None:
        await self._settled()
        self.run(self.engine.resume if self.engine.paused else self.engine.pause)

    async def action_notes(self) -> None:
        await self._settled()
        self.show_notes = not self.show_notes

    # -- the room's view (`dialogtui wall`) ---------------------------------------------

    async def action_room(self) -> None:
        """ctrl+w: the room's view shows the question only, nothing (a pause), or also what
        is written. The choice is said here at once but written to the store (which the
        room's view reads) only once the presses stop (`ROOM_SETTLE_SECONDS`), or at the
        next other key, step, dialog or quit: two quick presses never show the room the
        state between them. If it cannot be saved, the error says so and the screen says
        again what the room sees, which has not changed."""
        await settle(self)
        now = self._room_pending or self.engine.room.shows
        shows = ROOM_ORDER[(ROOM_ORDER.index(now) + 1) % len(ROOM_ORDER)]
        self._room_pending = shows
        self._say_room()
        self.notify(_(ROOM_SAID[shows]), timeout=4, markup=False)
        if self._room_timer is not None:
            self._room_timer.stop()
        self._room_timer = self.set_timer(self.ROOM_SETTLE_SECONDS, self.room_write_now)

    # A choice is written once ctrl+w has not been pressed for this long.
    ROOM_SETTLE_SECONDS = 0.4
    _room_pending: RoomShows | None = None  # chosen with ctrl+w, not yet written
    _room_timer: Timer | None = None
    _room_said: RoomShows | None = None  # what the text box's border says now

    def room_write_now(self) -> None:
        """The room's view choice still pending written now (nothing when the presses came
        back round to what the room sees): the choice is never lost, and only the last of
        quick presses is written."""
        if self._room_timer is not None:
            self._room_timer.stop()
            self._room_timer = None
        shows, self._room_pending = self._room_pending, None
        if shows is not None and shows is not self.engine.room.shows:
            self.run(lambda: self.engine.room.show(shows), redraw=False)
        self._say_room()

    async def _settled(self) -> None:
        """Before any key of this screen but ctrl+w acts: the keys before it handled
        (`settle`), and the room's view choice pending written."""
        await settle(self)
        self.room_write_now()

    def on_key(self, event: events.Key) -> None:
        # Keys the text box or a list passes on: the choice is made.
        self.room_write_now()

    def on_text_area_selection_changed(self, event: DraftArea.SelectionChanged) -> None:
        # The text box's editing keys (arrows, backspace, a word deleted) stop in the box
        # (tui/widgets/fields.py); they move its cursor, which it says here.
        self.room_write_now()

    def on_screen_suspend(self) -> None:
        # A dialog, the palette, help, the read-back or the end over this screen.
        self.room_write_now()

    def _say_room(self) -> None:
        """The text box's top border says what the room sees beyond the question, or will
        see once the presses of ctrl+w stop (drawn again only when that changed: each
        dialog closed comes back here)."""
        shows = self._room_pending or self.engine.room.shows
        if shows is self._room_said:
            return
        self._room_said = shows
        draft = self.query_one(DraftArea)
        said = ROOM_BORDER.get(shows)
        draft.border_title = Text(_(said)) if said is not None else None
        draft.set_class(shows is RoomShows.notes, "room-reads")
        draft.set_class(shows is RoomShows.blank, "room-blank")

    def action_second_screen(self) -> None:
        """The palette's answer: how to open the room's view for this meeting."""
        command = f"{program()} wall {self.engine.id}"
        said = _(SECOND_SCREEN).format(command=command)
        self.notify(said, title=_("Room's view"), timeout=15, markup=False)

    # -- quick capture ------------------------------------------------------------------

    async def action_note(self, kind: str) -> None:
        await self._settled()
        await self.kept.open(self.dialogs.note(NoteKind(kind)))

    async def action_list_notes(self) -> None:
        """f7: every decision, concern and the consent note, to correct or delete."""
        await self._settled()
        rows: list[notes_list.NoteRow] = []
        if self.run(lambda: rows.extend(notes_list.note_rows(self.engine)), redraw=False):
            dialog = notes_list.NotesDialog(self.engine, self, rows)
            await self.kept.open(Opening(dialog, lambda _: None))

    async def action_action_item(self) -> None:
        await self._settled()
        await self.edit_action(None)

    async def edit_action(self, item: ActionItem | None) -> None:
        """f3's dialog (and the plan's a and enter): write an action, or correct it."""
        await self.kept.open(self.dialogs.action(item))

    # -- what any step's panel asks (dialogtui.tui.widgets.step_panel) ----------------------

    def on_engine_change(self, event: EngineChange) -> None:
        self.room_write_now()  # a step's list at work: the room's view choice is made
        self.run(lambda: event.change(self.engine))

    async def want(self, request: Request) -> None:
        """Open what a step's panel asked for; what it gives goes through the engine."""
        await self.kept.open(request.opening(self.engine, self.run))

    # -- the end -------------------------------------------------------------------------

    async def action_end(self) -> None:
        from dialogtui.tui.screens.end import EndScreen

        await self._settled()
        self.autosave()
        await self.app.push_screen(EndScreen(self.engine, self), self._back_from_the_end)

    def _back_from_the_end(self, reopened: bool | None) -> None:
        """`b` on the end screen opened the meeting again: the strip says so (a notice would
        stack with every return and stall the screen when they expire together)."""
        if reopened:
            self._moved(OpenAgain(self.engine.reopened_after_read_back))

    async def action_add_participant(self) -> None:
        await self._settled()
        await self.kept.open(self.dialogs.participant())

    async def action_plan_over_time(self) -> None:
        """The series' actions and their history, on a screen that only reads the store."""
        from dialogtui.tui.screens.plan_history import PlanHistoryScreen

        await self._settled()
        await self.app.push_screen(PlanHistoryScreen(self.engine.store.path, self.engine.id))

    def palette_commands(self) -> Iterable[SystemCommand]:
        commands = [
            (N_("Add participant…"), N_("Someone joins the meeting"), self.action_add_participant),
            (N_("Next step"), N_("Move to the next step"), self.action_next_step),
            (N_("Previous step"), N_("Move back one step"), self.action_prev_step),
            (N_("Go to step…"), N_("Jump to any step"), self.action_jump),
            (N_("Pass"), N_("The current speaker passes"), self.action_pass_turn),
            (N_("Who speaks…"), N_("Choose the speaker"), self.action_choose_speaker),
            (N_("Add action item"), N_("What, how, who, when"), self.action_action_item),
            (N_("Add decision"), N_("Record a decision"), lambda: self.action_note("decision")),
            (N_("Add concern"), N_("Record a concern"), lambda: self.action_note("concern")),
            (
                N_("Add agreed standpoint"),
                N_("Note what the group agrees on"),
                lambda: self.action_note("standpoint"),
            ),
            (
                N_("Decisions, concerns and consent…"),
                N_("List them, to correct or delete one"),
                self.action_list_notes,
            ),
            (N_("Pause or resume the clock"), N_("Stop the step timer"), self.action_pause),
            (N_("Edit or delete turns"), N_("Focus the transcript"), self.action_transcript),
            (N_("Show or hide notes"), N_("Facilitator notes"), self.action_notes),
            (
                N_("Change what the room sees"),
                N_("The question; a blank pause; also what you write (ctrl+w)"),
                self.action_room,
            ),
            (
                N_("Show the meeting on a second screen…"),
                N_("How to open the room's view for this meeting"),
                self.action_second_screen,
            ),
            (
                N_("Repeat this block"),
                N_("Another round of a repeated step"),
                self.action_repeat,
            ),
            (N_("Name the case…"), N_("A card of the vote, or a name"), self.action_name_case),
            (
                N_("Read back this step"),
                N_("Page through what was written, to correct it in the room"),
                self.action_read_back,
            ),
            (
                N_("The plan over time…"),
                N_("Every action of the series, with its history"),
                self.action_plan_over_time,
            ),
            (N_("End meeting"), N_("Summary and export"), self.action_end),
            # escape is the text box's here: the way back to the list, the meeting kept.
            (
                N_("Back to the start screen"),
                N_("Saves and lets the meeting go, as quit does; it stays as it is"),
                self.app.back_to_start,
            ),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(_(title), _(help_text), callback)
