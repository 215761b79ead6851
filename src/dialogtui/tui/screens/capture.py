"""The capture screen: the scribe's main screen during a live meeting.

Data flows one way: widgets post messages, this screen calls the engine (which persists
before it returns), then `refresh_view` redraws the widgets from the engine's state.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer

from dialogtui.display import visible
from dialogtui.errors import DialogtuiError
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.records import NoteKind
from dialogtui.questionset.model import StepKind
from dialogtui.tui.screens.dialogs import (
    ActionDialog,
    ConfirmDialog,
    JumpDialog,
    ParticipantDialog,
    TextDialog,
)
from dialogtui.tui.widgets.action_table import ActionTable, columns_for
from dialogtui.tui.widgets.choice_panel import ChoicePanel
from dialogtui.tui.widgets.draft import DraftArea
from dialogtui.tui.widgets.follow_up_table import FollowUpTable
from dialogtui.tui.widgets.question_panel import QuestionPanel
from dialogtui.tui.widgets.scale_panel import ScalePanel
from dialogtui.tui.widgets.speaker_strip import SpeakerStrip
from dialogtui.tui.widgets.step_header import StepHeader
from dialogtui.tui.widgets.transcript import Transcript

AUTOSAVE_SECONDS = 1.0


def agenda_lines(engine: MeetingEngine) -> list[str]:
    """The steps as the go-to list shows them: planned and spent minutes, and, when the
    meeting runs late, how far each later step would have to shrink to end on time."""
    shrink = {i: new for i, _, new in engine.projection().shrink}
    lines = []
    for n, step in enumerate(engine.qs.steps):
        line = f"{n + 1}. {step.title}"
        if step.planned_minutes is not None:
            line += f"  ({step.planned_minutes} min"
            if n in shrink:
                line += f" → {shrink[n]} min to end on time"
            line += ")"
        spent = engine.elapsed(n)
        if spent >= 60:
            line += f"  spent {round(spent / 60)} min"
        lines.append(line)
    return lines


class Tick(Message):
    """One clock tick. A tick still queued is replaced by the next: a busy app redraws
    the clock once, not once for every second it was busy."""

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, Tick)


class CaptureScreen(Screen):
    AUTO_FOCUS = "#draft"
    BINDINGS = [
        Binding("tab", "speaker(1)", "Next speaker", priority=True),
        Binding("shift+tab", "speaker(-1)", "Prev speaker", show=False, priority=True),
        Binding("f2", "pass_turn", "Pass"),
        Binding("f3", "action_item", "Action"),
        Binding("f4", "note('decision')", "Decision"),
        Binding("f5", "note('concern')", "Concern"),
        Binding("ctrl+n", "next_step", "Next step"),
        Binding("ctrl+b", "prev_step", "Prev step"),
        Binding("ctrl+g", "jump", "Go to step"),
        Binding("alt+down", "question(1)", "Next question", show=False),
        Binding("alt+up", "question(-1)", "Prev question", show=False),
        Binding("ctrl+t", "pause", "Pause clock"),
        Binding("f8", "transcript", "Edit turns", show=False),
        Binding("f9", "notes", "Notes", show=False),
        Binding("ctrl+r", "repeat", "Repeat block", show=False),
        Binding("ctrl+l", "add_participant", "Add participant", show=False),
        Binding("ctrl+o", "end", "End meeting"),
        Binding("escape", "back", "Text box ↔ the step's list", show=False),
        *[Binding(f"alt+{n}", f"pick({n})", f"Speaker {n}", show=False) for n in range(1, 10)],
    ]

    def __init__(self, engine: MeetingEngine):
        super().__init__()
        self.engine = engine
        self.show_notes = False
        self._saved_draft = engine.draft
        self._draft_text = self._saved_draft
        self._released = False
        self._last_rated: int | None = None

    def compose(self) -> ComposeResult:
        yield StepHeader(id="step-header")
        yield QuestionPanel(id="question")
        yield SpeakerStrip(id="speakers")
        yield ScalePanel(id="scale")
        yield ChoicePanel(id="choice")
        yield ActionTable(id="actions")
        yield FollowUpTable(id="follow-up")
        yield Transcript(id="transcript")
        yield DraftArea(id="draft")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = visible(self.engine.info.title)
        try:
            self.engine.start()
        except DialogtuiError as exc:
            self.app.report(exc)
        draft = self.query_one(DraftArea)
        draft.text = self._saved_draft
        draft.move_cursor(draft.document.end)
        self.refresh_view()
        self._focus_for_step()
        self.set_interval(AUTOSAVE_SECONDS, lambda: self.post_message(Tick()))

    # -- the view -------------------------------------------------------------------------

    def refresh_view(self) -> None:
        e = self.engine
        kind = e.step.kind
        self.query_one(StepHeader).show(e)
        self.query_one(QuestionPanel).show(e, self.show_notes)
        self.query_one(SpeakerStrip).show(e)
        panels = {
            "scale": kind is StepKind.scale,
            "choice": kind is StepKind.choice,
            "actions": kind is StepKind.action_planning,
            "follow-up": kind is StepKind.follow_up,
        }
        for widget_id, shown in panels.items():
            widget = self.query_one(f"#{widget_id}")
            widget.display = shown
            if shown:
                widget.show(e)
        self.query_one(Transcript).show(e)
        self.set_class(kind in (StepKind.action_planning, StepKind.follow_up), "table-step")

    def refresh_clock(self) -> None:
        self.query_one(StepHeader).show(self.engine)
        self.query_one(SpeakerStrip).show(self.engine)

    def _main_widget(self):
        """Where the step is worked: its list for scales, choices, the action plan and the
        follow-up, else the text box."""
        target = {
            StepKind.scale: "#scale",
            StepKind.choice: "#choice",
            StepKind.action_planning: "#actions",
            StepKind.follow_up: "#follow-up",
        }.get(self.engine.step.kind, "#draft")
        return self.query_one(target)

    def _focus_for_step(self) -> None:
        self._main_widget().focus()

    def action_back(self) -> None:
        """From anywhere back to the step's main widget; from there to the text box."""
        main = self._main_widget()
        (self.query_one(DraftArea) if self.focused is main else main).focus()

    def run(self, change, *, redraw: bool = True) -> bool:
        """Apply one change to the meeting; errors become a dialog or a notice."""
        try:
            change()
        except DialogtuiError as exc:
            self.app.report(exc)
            return False
        if redraw:
            self.refresh_view()
        return True

    # -- clock and autosave ----------------------------------------------------------------

    def on_tick(self, _: Tick) -> None:
        self.autosave()
        self.refresh_clock()

    def on_text_area_changed(self, event: DraftArea.Changed) -> None:
        if isinstance(event.text_area, DraftArea):
            self._draft_text = event.text_area.text

    def autosave(self) -> None:
        # The text is kept from the last change event, so that saving still works while the
        # screen is being taken down and its widgets are gone.
        text = self._draft_text
        try:
            if text != self._saved_draft:
                self.engine.save_draft(text)
                self._saved_draft = text
            self.engine.tick()
        except DialogtuiError as exc:
            self.app.report(exc)

    def on_unmount(self) -> None:
        self.save_and_release()

    def save_and_release(self) -> None:
        """On quit: the draft and the clock are saved, the meeting lock released."""
        if self._released:
            return
        self.autosave()
        self.engine.close()
        self._released = True

    # -- turns -----------------------------------------------------------------------------

    def on_draft_area_submitted(self, event: DraftArea.Submitted) -> None:
        saved = []
        if self.run(lambda: saved.append(self.engine.submit(event.text)), redraw=False):
            self._show_turn(saved[0])
            self.query_one(DraftArea).clear()
            self._saved_draft = self._draft_text = ""

    def action_pass_turn(self) -> None:
        saved = []
        if self.run(lambda: saved.append(self.engine.pass_turn()), redraw=False):
            self._show_turn(saved[0])

    def _show_turn(self, turn) -> None:
        """Only now that the store has committed the turn does it show, marked saved."""
        who = self.engine.participant(turn.participant_id)
        name = who.name if who else ""
        strip = self.query_one(SpeakerStrip)
        strip.last_saved = f"✓ saved {turn.ended_at.astimezone():%H:%M:%S} {name}"
        self.query_one(Transcript).append(self.engine, turn)
        self.query_one(QuestionPanel).show(self.engine, self.show_notes)
        self.refresh_clock()

    def action_speaker(self, delta: int) -> None:
        self.run(lambda: self.engine.cycle_speaker(delta))

    def action_pick(self, n: int) -> None:
        order = self.engine.speakers()
        if 1 <= n <= len(order):
            self.run(lambda: self.engine.set_speaker(order[n - 1].id))

    def action_transcript(self) -> None:
        self.query_one(Transcript).focus()

    def on_transcript_edit_requested(self, event: Transcript.EditRequested) -> None:
        def done(text: str | None) -> None:
            if text is not None and text != event.text:
                self.run(lambda: self.engine.edit_turn(event.turn_id, text))

        self.app.push_screen(TextDialog("Edit turn (the old text is kept)", event.text), done)

    def on_transcript_delete_requested(self, event: Transcript.DeleteRequested) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                self.run(lambda: self.engine.delete_turn(event.turn_id))

        self.app.push_screen(ConfirmDialog("Delete this turn? (It stays in the history.)"), done)

    # -- steps and questions ------------------------------------------------------------

    def _moved(self) -> None:
        self.query_one(SpeakerStrip).last_saved = ""
        self.refresh_view()
        self._focus_for_step()

    def action_next_step(self) -> None:
        if self.run(self.engine.next_step, redraw=False):
            self._moved()

    def action_prev_step(self) -> None:
        if self.run(self.engine.prev_step, redraw=False):
            self._moved()

    def action_jump(self) -> None:
        titles = agenda_lines(self.engine)

        def done(index: int | None) -> None:
            if index is not None and self.run(lambda: self.engine.goto_step(index), redraw=False):
                self._moved()

        self.app.push_screen(JumpDialog(titles, self.engine.step_index), done)

    def action_question(self, delta: int) -> None:
        self.run(lambda: self.engine.goto_question(self.engine.pos.question + delta))

    def action_repeat(self) -> None:
        if not self.engine.repeat_step():
            self.notify("This step is not repeated, or all its rounds are done.")
        self.refresh_view()

    def action_pause(self) -> None:
        self.run(self.engine.toggle_pause)

    def action_notes(self) -> None:
        self.show_notes = not self.show_notes
        self.refresh_view()

    # -- quick capture ------------------------------------------------------------------

    def action_note(self, kind: str) -> None:
        note_kind = NoteKind(kind)

        def done(text: str | None) -> None:
            if text and text.strip() and self.run(lambda: self.engine.add_note(note_kind, text)):
                self.query_one(SpeakerStrip).last_saved = f"✓ saved {kind}"
                self.refresh_clock()

        self.app.push_screen(TextDialog(kind.capitalize()), done)

    def action_action_item(self) -> None:
        self._edit_action(None)

    def _edit_action(self, item) -> None:
        names = [p.name for p in self.engine.participants]
        cols = columns_for(self.engine)

        def done(result) -> None:
            if result is None:
                return
            if result.id is None:
                if self.run(lambda: self.engine.add_action(result)):
                    self.query_one(SpeakerStrip).last_saved = "✓ saved action item"
                    self.refresh_clock()
            else:
                self.run(lambda: self.engine.update_action(result))

        self.app.push_screen(ActionDialog(cols, names, item), done)

    def on_action_table_edit_requested(self, event: ActionTable.EditRequested) -> None:
        self._edit_action(event.item)

    def on_action_table_remove_requested(self, event: ActionTable.RemoveRequested) -> None:
        def done(yes: bool | None) -> None:
            if yes:
                self.run(lambda: self.engine.delete_action(event.item.id))

        self.app.push_screen(ConfirmDialog(f"Delete the action '{event.item.what}'?"), done)

    def on_follow_up_table_marked(self, event: FollowUpTable.Marked) -> None:
        def done(comment: str | None) -> None:
            if comment is not None:
                self.run(lambda: self.engine.follow_up(event.item.id, event.status, comment))

        self.app.push_screen(
            TextDialog(f"{event.status.value}: {event.item.what} — comment (optional)"), done
        )

    def on_scale_panel_rated(self, event: ScalePanel.Rated) -> None:
        speaker = self.engine.speaker
        if speaker is None:
            self.notify("Choose who rates first (tab).", severity="warning")
            return

        def rate() -> None:
            self.engine.rate(speaker.id, event.value)
            self._last_rated = speaker.id
            self.engine.cycle_speaker(1)

        self.run(rate)

    def on_scale_panel_comment_requested(self) -> None:
        rating = next(
            (r for r in self.engine.ratings() if r.participant_id == self._last_rated), None
        )
        if rating is None:
            self.notify("Rate someone first; the comment goes with that rating.")
            return
        who = self.engine.participant(rating.participant_id)

        def done(text: str | None) -> None:
            if text is not None:
                self.run(lambda: self.engine.rate(rating.participant_id, rating.value, text))

        title = f"Comment on {who.name if who else ''}'s rating ({rating.value})"
        self.app.push_screen(TextDialog(title, rating.comment), done)

    def on_choice_panel_marked(self, event: ChoicePanel.Marked) -> None:
        self.run(lambda: self.engine.mark_choice(event.option_id, event.rating))

    # -- the end -------------------------------------------------------------------------

    def action_end(self) -> None:
        from dialogtui.tui.screens.end import EndScreen

        self.autosave()
        self.app.push_screen(EndScreen(self.engine))

    def action_add_participant(self) -> None:
        def done(person) -> None:
            if person is not None and self.run(lambda: self.engine.add_participant(person)):
                self.query_one(SpeakerStrip).last_saved = f"✓ added {person.name}"
                self.refresh_clock()

        roles = [(r.name, r.id) for r in self.engine.qs.roles]
        self.app.push_screen(ParticipantDialog(roles), done)

    def palette_commands(self) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Add participant…", "Someone joins the meeting", self.action_add_participant
        )
        yield SystemCommand("Next step", "Move to the next step", self.action_next_step)
        yield SystemCommand("Previous step", "Move back one step", self.action_prev_step)
        yield SystemCommand("Go to step…", "Jump to any step", self.action_jump)
        yield SystemCommand("Pass", "The current speaker passes", self.action_pass_turn)
        yield SystemCommand("Add action item", "What, how, who, when", self.action_action_item)
        yield SystemCommand(
            "Add decision", "Record a decision", lambda: self.action_note("decision")
        )
        yield SystemCommand("Add concern", "Record a concern", lambda: self.action_note("concern"))
        yield SystemCommand("Pause or resume the clock", "Stop the step timer", self.action_pause)
        yield SystemCommand("Edit or delete turns", "Focus the transcript", self.action_transcript)
        yield SystemCommand("Show or hide notes", "Facilitator notes", self.action_notes)
        yield SystemCommand(
            "Repeat this block", "Another round of a repeated step", self.action_repeat
        )
        yield SystemCommand("End meeting", "Summary and export", self.action_end)
