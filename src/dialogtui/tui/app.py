"""The Textual app: thin wiring of screens over the domain, store and export modules."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from dialogtui import collector
from dialogtui.display import plain, visible
from dialogtui.errors import DialogtuiError, StoreError
from dialogtui.i18n import N_, _
from dialogtui.meeting.clock import Clock, SystemClock
from dialogtui.records import Hit, HitKind
from dialogtui.store import Store
from dialogtui.tui import keyboard
from dialogtui.tui.ordering import settle
from dialogtui.tui.textual_internals import (
    ErrorHookApp,
    Keys,
    decode_keys_leniently,
    moves_by_word,
    say_no_matches,
    wrap_key_parser,
)
from dialogtui.tui.typed import AppServices


@runtime_checkable
class Releasable(Protocol):
    """A screen that holds a meeting: on quit it saves what is typed and lets the meeting
    go; it returns a sentence for the terminal when the text had to go elsewhere."""

    def save_and_release(self) -> str | None: ...


@runtime_checkable
class HasCommands(Protocol):
    """A screen with commands of its own in the command palette."""

    def palette_commands(self) -> Iterable[SystemCommand]: ...


# After ESC, the characters that begin a sequence a terminal sends for a key or as a reply
# (CSI, SS3, DCS, OSC, APC): the parser waits for the rest of them.
_SEQUENCE_STARTS = frozenset("[O]P_")


def _alt_keys_type_nothing() -> None:
    """Alt (Option, meta) and a key never types a character.

    Where a terminal sends Alt as an ESC before the key (tmux, xterm, GNOME Terminal, Windows
    Terminal, WezTerm), Textual's parser read ESC 3 as "£", ESC 1 as "¡" and so on (its table
    for WezTerm on a US Mac, where Option+3 types £), and ESC a or ESC space as the key with
    its character: each was typed into the text box, and alt+1…9
    never reached the speaker keys. Here ESC and a printable character is alt and that key,
    read at once, with no character to type (ESC and a letter is escape and the letter: a
    scribe's escape to a list and the key after it, typed within the terminal's escape
    time); so is any key with alt or meta the parser makes otherwise. A character composed
    with AltGr or Option arrives as itself, with no ESC before it ("@" and "£" on a Nordic
    keyboard): it is typed as ever. (Textual's parser, which every driver uses, is wrapped
    where it turns a sequence into keys.)"""

    def keys(textuals: Keys, sequence: str, alt: bool) -> Iterable[events.Key]:
        if (
            len(sequence) == 2
            and sequence[0] == "\x1b"
            and sequence[1].isprintable()
            and sequence[1] not in _SEQUENCE_STARTS
            # ESC b, ESC f: a word left or right, as macOS terminals send Option+arrows
            and not moves_by_word(sequence)
        ):
            if sequence[1].isalpha():
                # escape, then a letter typed within the terminal's escape time (100 ms
                # here, tmux's 500 ms by default): the scribe's escape (to a step's list)
                # and the letter after it, both kept. No alt+letter is a key of the app.
                yield events.Key("escape", "\x1b")
                sequence = sequence[1]
            else:
                sequence, alt = sequence[1], True
        for event in textuals(sequence, alt):
            modifiers = set(event.key.split("+")[:-1])
            if event.is_printable and (alt or modifiers & {"alt", "meta"}):
                key = event.key if modifiers & {"alt", "meta"} else f"alt+{event.key}"
                event = events.Key(key, None)
            yield event

    wrap_key_parser(keys)


# Textual's Linux and macOS driver decodes keyboard input as strict UTF-8, so one byte from
# a terminal set to Latin-1 (0xE4 for "ä") would end the app.
decode_keys_leniently()
_alt_keys_type_nothing()


class DialogApp(ErrorHookApp, AppServices):
    """One app for the CLI and the tests: `build_app()` makes it."""

    CSS_PATH = "app.tcss"
    TITLE = "dialogtui"
    BINDINGS = [
        Binding("f1", "help", N_("Help"), priority=True),
        # Not priority: where "?" can be typed (the text box, search), it is typed.
        Binding("question_mark", "help", N_("Help"), show=False, key_display="?"),
        Binding(
            "ctrl+q", "quit", N_("Quit"), show=False, priority=True
        ),  # in help; f1 needs the room
    ]

    def __init__(
        self,
        db_path: Path | None = None,
        clock: Clock | None = None,
        set_ref: str | None = None,
        meeting_id: int | None = None,
    ):
        super().__init__()
        self.db_path = db_path
        self.clock: Clock = clock or SystemClock()
        self._set_ref = set_ref
        self._meeting_id = meeting_id
        self._store: Store | None = None
        self._farewell: list[str] = []  # said on the terminal once the app has closed

    @property
    def store(self) -> Store:
        """Opened on first use, never at import: `dialogtui --help` touches no database."""
        if self._store is None:
            self._store = Store.open(self.db_path)
        return self._store

    def get_default_screen(self) -> Screen:
        # The start screen is the app's base, so no blank screen is laid out first.
        from dialogtui.tui.screens.start import StartScreen

        # Under a resumed meeting or a set-up it waits until it is shown: listing the sets
        # and previewing one would only slow down the screen the scribe came for.
        return StartScreen(hidden=self._meeting_id is not None or self._set_ref is not None)

    def on_mount(self) -> None:
        # After the app's start-up, not in it: Textual draws nothing while it starts, and a
        # screen laid out then would lose its first frame (the terminal would be sent only
        # the lines that changed after it: the step's header came a frame late).
        self.call_later(self._first_screen)

    def _first_screen(self) -> None:
        try:
            if self._meeting_id is not None:
                self.open_meeting(self._meeting_id)
            elif self._set_ref is not None:
                self.setup_meeting(self._set_ref)
        except DialogtuiError as exc:
            from dialogtui.tui.screens.start import StartScreen

            self.report(exc)
            if isinstance(start := self.screen_stack[0], StartScreen):
                # What was asked for cannot open: the start instead, shown in its own queue
                # (after, never during, its own handling of being shown).
                start.call_later(start.reveal)

    def on_ready(self) -> None:
        # The first screen is up: the collector runs again (dialogtui.collector).
        collector.release()

    async def on_event(self, event: events.Event) -> None:
        # A printable key goes to the text box unless the screen in front uses it: decided
        # here, as the key is read, so that the keys after it follow it (tui/keyboard.py).
        if isinstance(event, events.Key):
            await keyboard.route(self, event)
        await super().on_event(event)

    # -- navigation used by several screens -----------------------------------------------

    def setup_meeting(self, set_ref: str) -> None:
        from dialogtui.questionset.library import find_with_text
        from dialogtui.tui.screens.setup import SetupScreen

        qs, text = find_with_text(set_ref)
        self.push_screen(SetupScreen(qs, text))

    def open_meeting(self, meeting_id: int) -> Screen[Any]:
        """An unfinished meeting at its capture screen, where it stopped; an ended one at
        its end screen (read back, exported), still ended: `b` there opens it again. The
        meeting is locked while either is up; a DialogtuiError (no such meeting, another
        dialogtui has it) is raised before anything is shown. Returns the screen shown: the
        capture screen, or the end screen (its `host` keeps the read-back dialogs' texts)."""
        from dialogtui.meeting.engine import MeetingEngine
        from dialogtui.records import MeetingStatus
        from dialogtui.tui.screens.capture import CaptureScreen

        engine = MeetingEngine.open(self.store, meeting_id, self.clock)
        if engine.status is MeetingStatus.finished:
            from dialogtui.tui.screens.end import EndedEndScreen, EndedMeeting

            host = EndedMeeting(engine)

            def from_the_end(reopen: bool | None) -> None:
                # b: the capture screen opens the meeting again in the host's place (and
                # says what that means for one read back); escape: back, the meeting let go.
                if reopen:
                    host.hand_over()
                    self.switch_screen(CaptureScreen(engine))
                else:
                    host.dismiss()

            self.push_screen(host)
            end = EndedEndScreen(engine, host)
            self.push_screen(end, from_the_end)
            return end
        capture = CaptureScreen(engine)
        self.push_screen(capture)
        return capture

    def open_at(self, hit: Hit) -> None:
        """What a search found, in its meeting: the read-back at that turn, note, action or
        card, and escape from it back to the search, the meeting let go. The meeting is
        only read, never started: an unfinished one is not resumed (its step's clock would
        run while the scribe reads), an ended one is not reopened; the read-back's own
        corrections still write, over a host that holds the lock as an ended meeting's does
        (tui/screens/end.py EndedMeeting). A participant or the meeting's title opens the
        meeting itself (`open_meeting`), as the start screen does."""
        from dialogtui.meeting.engine import MeetingEngine
        from dialogtui.tui.screens.end import EndedMeeting
        from dialogtui.tui.screens.read_back import ReadBackScreen

        if hit.kind in (HitKind.participant, HitKind.meeting):
            self.open_meeting(hit.meeting_id)
            return
        engine = MeetingEngine.open(self.store, hit.meeting_id, self.clock)
        host = EndedMeeting(engine)
        self.push_screen(host)
        self.push_screen(ReadBackScreen(engine, host, at=hit), lambda _: host.dismiss())

    async def back_to_start(self) -> None:
        """Back to the start screen from a meeting: what is typed saved and the meeting let
        go, as on quit; the meeting stays as it is (open, or ended), to be opened again
        from the list."""
        for screen in reversed(self.screen_stack):
            await settle(screen)  # the keys typed before it land first
        for screen in reversed(self.screen_stack[1:]):
            if isinstance(screen, Releasable):
                try:
                    said = screen.save_and_release()
                except DialogtuiError as exc:
                    self.report(exc)
                    return
                if said:  # the text went to a recovery file: where, said on the start
                    self.notify(visible(said), severity="warning", timeout=15, markup=False)
        while len(self.screen_stack) > 1:
            await self.pop_screen()

    # -- errors: every user-facing failure ends here ------------------------------------

    def report(self, exc: DialogtuiError) -> None:
        """Storage failures get a dialog (they need attention); the rest a notification."""
        if isinstance(exc, StoreError):
            from dialogtui.tui.dialogs.alerts import ErrorDialog

            self.push_screen(ErrorDialog(str(exc)))
        else:
            self.notify(visible(exc), severity="error", timeout=8, markup=False)

    def action_help(self) -> None:
        from dialogtui.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        # ctrl+q is a priority binding: the keys typed just before it are let land first.
        for screen in reversed(self.screen_stack):
            await settle(screen)
        self.release()
        self.exit(message=plain("\n".join(self._farewell)) if self._farewell else None)

    def release(self) -> None:
        """Save drafts, dialog texts and clocks, release meeting locks, close the database.
        Safe twice, and it never raises: it is also the last thing a crash does."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, Releasable):
                try:
                    said = screen.save_and_release()
                except Exception:  # saving the rest matters more now
                    said = None
                if said:
                    self._farewell.append(said)
        if self._store is not None:
            self._store.close()
            self._store = None

    # -- the error boundary: a bug ends the app, never the meeting ------------------------

    def catch_unhandled(self, error: Exception) -> bool:
        """Any exception that reaches Textual: keep what was typed, write a private report,
        say in one sentence what happened, exit 70. Textual's own handler would print a
        traceback with local variables (names, turns) on the screen in the meeting room."""
        if os.environ.get("DIALOGTUI_DEBUG"):
            return False
        from dialogtui import crash

        meeting = next((s.engine.id for s in self.screen_stack if hasattr(s, "engine")), None)
        self.release()
        report = crash.write_report(error)
        self._farewell.insert(0, crash.sentence(error, report, meeting))
        self.raise_after_test(error)  # under Pilot, the test sees the error too
        self.bell()
        self.exit(return_code=70, message=plain("\n".join(self._farewell)))
        return True

    def on_unmount(self) -> None:
        self.release()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own commands, in the app's language (it writes them in English). Its
        # Keys panel would list its widgets' keys in English: Keys opens dialogtui's help,
        # which lists every key of the screen in the user's language. Its Screenshot is not
        # offered: it writes the screen (names, what was said) as an SVG outside the private
        # data folder, and says so in English.
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                continue
            if command.title == "Keys":
                command = command._replace(callback=self.action_help)
            yield command._replace(title=_(command.title), help=_(command.help))
        if isinstance(screen, HasCommands):
            yield from screen.palette_commands()

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            placeholder = _("Search for commands…")
            self.push_screen(Palette(id="--command-palette", placeholder=placeholder))

    def search_themes(self) -> None:
        """Textual's list of themes (the palette's Theme), its search in the app's language."""
        from textual.theme import ThemeProvider

        placeholder = _("Search for themes…")
        self.push_screen(Palette(providers=[ThemeProvider], placeholder=placeholder))


class Palette(CommandPalette):
    """Textual's command palette, saying in the app's language that a search found
    nothing."""

    def on_mount(self) -> None:
        # Textual runs this as well as the palette's own.
        say_no_matches(self, lambda: _("No matches found"))


def build_app(
    db_path: Path | None = None,
    clock: Clock | None = None,
    set_ref: str | None = None,
    meeting_id: int | None = None,
) -> DialogApp:
    return DialogApp(db_path=db_path, clock=clock, set_ref=set_ref, meeting_id=meeting_id)
