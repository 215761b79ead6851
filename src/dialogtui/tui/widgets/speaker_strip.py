"""Whose turn it is in the round, who has spoken and who passed, and the turn's timebox.

Two lines, whatever the width and the names: the round on the first (names shortened to
first names, then initials, as the width needs; the current speaker is always in it), and
on the second what was saved last and who speaks, with the timebox. The second line is the
scribe's proof that the last turn is on disk, so it never wraps away.

Redrawn from the engine at every change of the meeting's state, the clock's too (each
second while it runs); the text is put on screen only when it changed (`TickingLines`).
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text

from dialogtui.display import visible
from dialogtui.i18n import _, time_text
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.meeting.state import (
    ActionSaved,
    MeetingState,
    NoteSaved,
    NotSaved,
    OpenAgain,
    ParticipantAdded,
    Saved,
    SavingAgain,
    TurnSaved,
)
from dialogtui.meeting.timers import format_seconds
from dialogtui.records import Participant
from dialogtui.tui.widgets.observing import Follower, follow
from dialogtui.tui.widgets.ticking import TickingLines


def _first_name(name: str) -> str:
    return name.split()[0] if name.split() else name


def _initials(name: str) -> str:
    return "".join(part[0] for part in name.replace("-", " ").split()) or name


# Ever shorter ways to show a name, tried in turn until the whole round fits one line.
_FORMS = (lambda n: n, _first_name, lambda n: _first_name(n)[:6], _initials)


def _fits(text: Text, width: int) -> bool:
    return text.cell_len <= width  # cells: a wide character takes two


def saved_words(engine: MeetingEngine, saved: Saved | None) -> str:
    """What was saved last, in the UI's language: the scribe's proof that it is on disk."""
    if isinstance(saved, TurnSaved):
        who = engine.participant(saved.participant)
        name = who.name.split()[0] if who and who.name.split() else ""  # the strip is short
        if who is not None and who.group_step is not None:
            name = who.name  # "Gruppe 1", not "Gruppe"
        at = time_text(saved.at, seconds=True)
        return "✓ " + _("saved {time} {name}").format(time=at, name=name)
    if isinstance(saved, NoteSaved):
        # Whole sentences: the noun's gender changes the rest ("beslutet sparat").
        said = {"decision": _("saved decision"), "concern": _("saved concern")}
        return "✓ " + (said.get(saved.kind.value) or _("saved standpoint"))
    if isinstance(saved, ActionSaved):
        return "✓ " + _("saved action item")
    if isinstance(saved, ParticipantAdded):
        return "✓ " + _("added {name}").format(name=saved.name)
    if isinstance(saved, NotSaved):
        return _("⚠ NOT SAVED: {problem}").format(problem=saved.reason)
    if isinstance(saved, SavingAgain):
        return "✓ " + _("saving again")
    if isinstance(saved, OpenAgain):
        if saved.read_back:
            return _("open again, not read back · ctrl+o ends the meeting")
        return _("open again · ctrl+o ends the meeting")
    return ""


class SpeakerStrip(TickingLines):
    _follower: Follower | None = None

    def on_mount(self) -> None:
        self._follower = follow(self, lambda state: state, self.show)

    def on_resize(self) -> None:
        if self._follower is not None:
            self._follower.again()  # the names shortened for the new width

    def show(self, engine: MeetingEngine, state: MeetingState) -> None:
        width = max(20, self.size.width - 2) if self.size.width else 78
        room = self._room(engine)
        # The room's question has no round and nobody's floor: one line says so, with what
        # was saved last, and the line given up goes to the step's list (a needs table's
        # needs stay in sight).
        self.set_class(room, "room")
        if room:
            self._show(self._room_line(engine, state, width))
            self.set_class(False, "overtime")
            return
        out = self._round_line(engine, state, width)
        out.append("\n")
        out.append_text(self._status_line(engine, state, width))
        self.set_class(self._over(engine), "overtime")
        self._show(out)

    @staticmethod
    def _room(engine: MeetingEngine) -> bool:
        """A question the room answers together, and nobody has been given the floor."""
        question = engine.question
        return question is not None and question.asked == "plenary" and engine.speaker is None

    @staticmethod
    def _room_line(engine: MeetingEngine, state: MeetingState, width: int) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")
        saved = visible(saved_words(engine, state.saved))
        if saved:
            out.append(saved, style="green")
            out.append("   ")
        out.append(_("The room answers together"), style="italic")
        out.truncate(width, overflow="ellipsis")
        return out

    def _round_line(self, engine: MeetingEngine, state: MeetingState, width: int) -> Text:
        order = engine.speakers()
        if not order and engine.step.by_group:
            return Text(_("No groups yet: f6, a group's name and enter adds one."), style="italic")
        if not order:
            return Text(_("No participants yet: ctrl+l adds one."), style="italic")
        # Who has spoken: in a round, and which groups have given their output.
        marks = dict(state.marks) if engine.step.is_round or engine.step.by_group else {}
        # A round over organisations shows them, not the person who speaks for each.
        names = [engine.actor(p) for p in order]
        for form in _FORMS:
            line = self._names(order, names, marks, engine.pos.speaker_id, form)
            if _fits(line, width):
                return line
        return self._around_current(order, names, marks, engine.pos.speaker_id, width)

    @staticmethod
    def _names(
        order: list[Participant], names: list[str], marks: dict, current: int | None, form
    ) -> Text:
        out = Text(no_wrap=True, overflow="ellipsis")
        for n, (p, name) in enumerate(zip(order, names, strict=True), start=1):
            said = marks.get(p.id, "") if p.id is not None else ""
            mark = {"spoke": "✓", "passed": "–"}.get(said, "")
            label = f"{n}:{visible(form(name))}{mark}"
            if n > 1:
                out.append("  ")
            if p.id == current:
                out.append(f"▶{label}", style="bold reverse")
            else:
                out.append(label, style="dim" if mark else "")
        return out

    def _around_current(
        self,
        order: list[Participant],
        names: list[str],
        marks: dict,
        current: int | None,
        width: int,
    ) -> Text:
        """Too many for one line even as initials: the speakers from the current one on."""
        ids = [p.id for p in order]
        start = ids.index(current) if current in ids else 0
        shown = order[start:] + order[:start]
        line = self._names(shown, names[start:] + names[:start], marks, current, _initials)
        line.truncate(width, overflow="ellipsis")
        return line

    def _status_line(self, engine: MeetingEngine, state: MeetingState, width: int) -> Text:
        """What was saved last, then who speaks and for how long: cut from the name, never
        from the saved mark or the timebox."""
        speaker = engine.speaker
        out = Text(no_wrap=True, overflow="ellipsis")
        if speaker is None:
            timing = ""
        else:
            elapsed = engine.timing.turn_elapsed()
            box = engine.timing.turn_timebox_seconds()
            timing = format_seconds(elapsed)
            tb = engine.step.timebox
            if box is not None and tb is not None and tb.max_minutes:
                timing += f" / {format_seconds(tb.minutes * 60)}–{format_seconds(box)}"
            elif box is not None:
                timing += f" / {format_seconds(box)}"
        saved = visible(saved_words(engine, state.saved))
        over = self._over(engine)
        if state.complete:
            last = engine.step_index + 1 >= len(engine.qs.steps)
            then = _("ctrl+o ends the meeting") if last else _("ctrl+n next step")
            who = _("round complete") + " · " + then
        else:
            who = _("Nobody speaks: tab or f6 chooses")
        floor = engine.floor
        for form in _FORMS:
            if speaker is not None:
                name = visible(form(speaker.name))
                if floor and floor != speaker.name:  # "Skola (Anna)": whose floor, who speaks
                    name = f"{visible(floor)} ({name})"
                # Groups working side by side are not speaking: the scribe types their output.
                said = _("Output of {name}") if engine.step.in_groups else _("Speaking: {name}")
                who = f"{said.format(name=name)} {timing}"
            if cell_len(saved) + 3 + cell_len(who) + (6 if over else 0) <= width:
                break
        if saved:
            out.append(saved, style="green")
            out.append("   ")
        out.append(who)
        if over:
            out.append("  " + _("TIME"), style="bold reverse")
        out.truncate(width, overflow="ellipsis")
        return out

    @staticmethod
    def _over(engine: MeetingEngine) -> bool:
        """The speaker is past the turn's timebox (nobody speaking is never late)."""
        box = engine.timing.turn_timebox_seconds()
        return engine.speaker is not None and box is not None and engine.timing.turn_elapsed() > box
