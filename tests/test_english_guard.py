"""No English reaches a user of another language: the app is walked through every screen,
dialog, notice, footer and list in Swedish, Finnish, Danish and Norwegian, and each stop is
read for English words (`tests/english.py`); so are the command line's outputs and the file
`dialogtui new` writes.

What the walk must cover is not a list kept here: every screen and dialog class of
`dialogtui.tui`, every key a footer can show, every kind of dialog whose text is kept and
every kind of step are read from the code, and the walk fails if it did not show one of
them in every language.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import functools
import importlib
import inspect
import os
import pkgutil
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from english import catalogue, english_on, library_words, words_of
from hypothesis import given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting
from tui_helpers import START, burst, handled, run, screen_text, workers_done

from dialogtui import i18n
from dialogtui.meeting.clock import FakeClock
from dialogtui.records import ActionItem

LANGUAGES = ("sv", "fi", "da", "nb")
ROOT = Path(__file__).resolve().parent.parent

# What the walk types, in each language: a turn, a decision, a card. Its words are the
# meeting's, as any text the scribe types.
TYPED = {
    "sv": "Vi ringer skolan",
    "fi": "Soitamme koululle",
    "da": "Vi ringer til skolen",
    "nb": "Vi ringer skolen",
}
PEOPLE = ["Anna Lind", "Erik Berg", "Sara Holm"]
PLACES = ["Karis", "Ekenäs"]  # the organisations' names


# -- the detector --------------------------------------------------------------------------------


def test_the_detector_sees_the_libraries_english_and_not_the_languages_own():
    # The walk would pass on a detector that sees nothing: it sees Textual's, typer's and
    # dialogtui's English, in each language.
    assert english_on("esc Dismiss menu ^s Starta mötet", [], "sv") == ["dismiss", "menu"]
    said = "Fel: Det finns inget kommando 'exprot'. Did you mean 'export'?"
    assert english_on(said, ["exprot", "export"], "sv") == ["did", "mean", "you"]
    assert english_on("Rolle  Select", [], "da") == ["select"]
    assert english_on("Problem", [], "fi") == ["problem"]  # Finnish says Ongelma
    assert english_on("Inga träffar · No matches found", [], "sv") == ["found", "matches"]
    assert english_on("1. Startrunda (20 min)  spent 150 min", [], "nb") == ["spent"]
    assert words_of("OK") == ["OK"] and "ok" in library_words()  # two capitals are a word
    # The language's own words, the set's, keys and file names are not English.
    assert english_on("tab Vem ^n Nästa steg f4 Beslut f5 Oro f1 Hjälp", [], "sv") == []
    assert english_on("Round 2", ["Round"], "sv") == []
    assert english_on("Skrevet: /tmp/x/minutes.md", [], "da") == []
    assert english_on("15. jan. 2027", [], "da") == []  # Babel's month
    # A word a dialog's frame cuts is part of a word on screen, unless none begins so.
    assert english_on("En star█ Hjälp", ["En startrunda"], "sv") == []
    assert english_on("spent█ Hjälp", ["En startrunda"], "sv") == ["spent"]


# -- what there is to cover, read from the code ----------------------------------------------


def tui_modules() -> list:
    """Every module of the user interface, imported."""
    import dialogtui.tui as tui

    return [
        importlib.import_module(m.name)
        for m in pkgutil.walk_packages(tui.__path__, "dialogtui.tui.")
    ]


def defined_classes() -> list[type]:
    """The classes the user interface defines (not those it imports)."""
    return [
        cls
        for module in tui_modules()
        for _, cls in inspect.getmembers(module, inspect.isclass)
        if cls.__module__ == module.__name__
    ]


def screens_to_show() -> set[type]:
    """Each screen or dialog class that can be shown: one no other class derives from, or
    one the code makes as it is (a TextDialog is both)."""
    from textual.screen import Screen

    screens = [c for c in defined_classes() if issubclass(c, Screen)]
    made = _called_names()
    return {
        c
        for c in screens
        if not any(o is not c and issubclass(o, c) for o in screens) or c.__name__ in made
    }


def _called_names() -> set[str]:
    """The names the source calls: a class called is a class made."""
    import ast

    names = set()
    for path in (ROOT / "src" / "dialogtui").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                names.add(node.func.id)
    return names


def footer_keys() -> dict[str, type]:
    """Every key a footer may show (its description, as the code writes it), and whose."""
    from textual.binding import Binding

    found: dict[str, type] = {}
    for cls in defined_classes():
        for binding in vars(cls).get("BINDINGS", []):
            if isinstance(binding, Binding) and binding.show and binding.description:
                found.setdefault(binding.description, cls)
    return found


def kept_kinds() -> set[str]:
    from dialogtui.tui.dialogs.base import KINDS

    tui_modules()  # each module makes its own kinds as it is imported
    return set(KINDS)


@functools.cache
def steps_of_each_kind() -> dict[str, tuple[str, str]]:
    """The first step of each kind among the built-in sets: (set, step)."""
    from dialogtui.questionset.library import scan

    found: dict[str, tuple[str, str]] = {}
    for entry in scan():
        if (qs := entry.question_set) is None:
            continue
        for step_id, step in zip(qs.step_ids, qs.steps, strict=True):
            found.setdefault(step.kind.value, (qs.id, step_id))
    return found


# -- the meetings the walk opens ----------------------------------------------------------------


def seed(db: Path, language: str) -> dict[str, int]:
    """A meeting at the first step of each kind, with something in the step's list to
    correct or delete (a card, a need, a sheet, an action, an earlier action to follow up,
    a group); by kind."""
    from dialogtui.kinds import board, needs
    from dialogtui.questionset.library import find
    from dialogtui.store import Store

    said = TYPED[language]
    store = Store.open(db)
    meetings = {}
    try:
        for kind, (set_id, step_id) in steps_of_each_kind().items():
            roles = [r.id for r in find(set_id).roles] or [None]
            people = [(name, roles[n % len(roles)]) for n, name in enumerate(PEOPLE[:2])]
            info = {}
            if kind == "follow_up":  # the meeting before, whose action is followed up
                before = new_meeting(store, set_id, people, clock=FakeClock(START))
                before.start()
                before.actions.add(ActionItem(said, who=PEOPLE[0]))
                info["previous_id"] = before.id
                before.close()
            m = new_meeting(store, set_id, people, clock=FakeClock(START), **info)
            m.start()
            m.goto_step(m.qs.index_of(step_id))
            m.submit(said)
            actors = m.actors()
            if kind in ("vote", "map"):
                m.cards.add(said, by=m.floor)
            elif kind == "timeline":
                board.put_up(m.kind_context(), said, "2025", actors[0])
            elif kind == "needs":
                needs.add(m.kind_context(), actors[0], actors[-1], said)
            elif kind == "action_planning":
                m.actions.add(ActionItem(said, who=PEOPLE[0]))
            if m.step.by_group:
                m.groups.add(said)
            meetings[kind] = m.id
            m.close()
    finally:
        store.close()
    return meetings


# -- a stop of the walk -------------------------------------------------------------------------


@dataclasses.dataclass
class Stop:
    name: str
    shown: type
    text: str
    own: list[str]


class Walk:
    """The app walked in one language, a stop at each screen, dialog and state."""

    def __init__(self, app, pilot, language: str, out: Path):
        self.app, self.pilot, self.language = app, pilot, language
        self.out = out  # where the export to a folder writes
        self.titles: list[str] = []  # of the meetings there are: a list shows them
        self.stops: list[Stop] = []
        self.footers: set[str] = set()  # the keys footers showed, by their descriptions
        self.footed: set[type] = set()  # the screens shown with a footer
        self.kept: set[str] = set()  # the kinds of kept dialog shown
        self.kinds: set[str] = set()  # the kinds of step the capture screen showed
        self.notices: list[str] = []
        notify = app.notify

        def noted(message, *args, **kwargs):
            self.notices.append(str(message))
            return notify(message, *args, **kwargs)

        app.notify = noted

    async def stop(self, name: str) -> str:
        """What the screen in front shows now, read for English with the walk's words."""
        from dialogtui.tui.dialogs.base import FormDialog
        from dialogtui.tui.screens.capture import CaptureScreen
        from dialogtui.tui.widgets.footer import KeyFooter, KeyLabel

        await handled(self.app)
        await self.pilot.pause(0)  # laid out as it now is
        screen = self.app.screen
        await self.until(lambda: footers_drawn(screen))
        text = screen_text(self.app)
        keys = []
        for footer in screen.query(KeyFooter):
            self.footed.add(type(screen))
            for label in footer.query(KeyLabel):
                self.footers.add(label.key.binding.description)
                keys.append(label.description)  # those past the edge too
        if isinstance(screen, FormDialog) and screen.keep_key is not None:
            self.kept.add(screen.keep_key.kind.name)
        if isinstance(screen, CaptureScreen):
            self.kinds.add(screen.engine.step.kind.value)
        self.stops.append(Stop(name, type(screen), text + "\n" + "\n".join(keys), self.own()))
        return text

    def own(self) -> list[str]:
        """The words of the meeting on screen: its set's texts, in its language (the
        minutes' labels too), and the names and texts typed."""
        own = [*PEOPLE, *PLACES, TYPED[self.language], "dialogtui", *self.titles]
        own += self.app.available_themes  # their names: "textual-dark", "nord"
        for screen in reversed(self.app.screen_stack):
            qs = getattr(getattr(screen, "engine", None), "qs", None) or getattr(screen, "qs", None)
            if qs is not None:
                return own + set_words(qs)
        from dialogtui.questionset.library import scan

        return own + [w for e in scan() if e.question_set for w in set_words(e.question_set)]

    async def press(self, *keys: str) -> None:
        """Each key as the terminal sends it, and handled before the next: waited for on
        the app's queues (Pilot's `press` waits until the process looks idle, which a
        loaded machine's never does for long)."""
        for key in keys:
            burst(self.app, f"<{key}>")
            await handled(self.app)

    async def type(self, text: str) -> None:
        burst(self.app, text)
        await handled(self.app)

    async def until(self, condition) -> None:
        """Let the app work until `condition()` holds (a thread's work too, or a timer's:
        the palette says it found nothing half a second after the search). Bounded by a
        minute of the clock, however fast or slow the machine turns the loop."""
        give_up = time.monotonic() + 60
        while not condition():
            if time.monotonic() > give_up:
                raise AssertionError(f"the app never got there:\n{screen_text(self.app)}")
            await handled(self.app)
            await self.pilot.pause(0)

    async def opens(self, key: str, name: str, closing: str | None = "escape") -> str:
        """Press `key`, stop at what it opened, and close it again."""
        before = self.app.screen
        await self.press(key)
        await self.until(lambda: self.app.screen is not before)
        text = await self.stop(name)
        if closing:
            await self.press(closing)
            await self.until(lambda: self.app.screen is before)
        return text


def footers_drawn(screen) -> bool:
    """Whether each footer of the screen shows the keys its screen has now (a footer is
    drawn again after the screen's next refresh)."""
    from dialogtui.tui.widgets import footer as footers

    return all(
        tuple(label.key for label in footer.query(footers.KeyLabel))
        == tuple(footer._fit(footers._shown(screen)))
        for footer in screen.query(footers.KeyFooter)
    )


def set_words(qs) -> list[str]:
    """A set's own texts, and the minutes' words in its language (the read-back and the
    steps' tables show them as the minutes will)."""
    if qs.id not in _SET_WORDS:
        _SET_WORDS[qs.id] = _set_words(qs)
    return _SET_WORDS[qs.id]


_SET_WORDS: dict[str, list[str]] = {}


def _set_words(qs) -> list[str]:
    from dialogtui.labels import labels
    from dialogtui.questionset.provenance import set_texts

    own = [*set_texts(qs), qs.title, qs.method, qs.id, qs.source.document]
    own += [s.title for s in qs.steps] + [r.name for r in qs.roles]
    own += [b.each for b in qs.blocks if b.each]
    language = qs.language.value
    own += labels(language).values()
    if language in LANGUAGES:
        own += [" ".join(_forms(m)) for m in catalogue(language) if m.context == "document"]
    return own


def _forms(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


# -- the walk -----------------------------------------------------------------------------------


async def start_and_set_up(walk: Walk) -> None:
    from textual.widgets import Input, Select

    from dialogtui.tui.screens.capture import CaptureScreen
    from dialogtui.tui.screens.setup import SetupScreen
    from dialogtui.tui.screens.start import StartScreen

    app = walk.app
    await walk.until(lambda: isinstance(app.screen, StartScreen))
    # The preview, as it follows the highlighted line: on screen, and no newer one coming.
    resume = i18n._("enter: resume where it stopped")
    # Read from the preview itself: under 100 columns it is narrow, and the line wraps.
    preview = lambda: str(app.screen.query_one("#preview-text").content)  # noqa: E731
    await walk.until(lambda: resume in preview() and workers_done(app))
    await walk.stop("start, an unfinished meeting")
    await walk.opens("f1", "start, help")
    await search_every_meeting(walk)
    await walk.type("traff-4")
    # The set's id and language, as only its preview shows them.
    await walk.until(lambda: "[samtidigt-traff-4," in screen_text(app) and workers_done(app))
    await walk.stop("start, a set")
    await walk.press("enter")
    await walk.until(lambda: isinstance(app.screen, SetupScreen))
    setup = app.screen
    await walk.stop("set-up")
    await walk.opens("f1", "set-up, help")
    setup.set_focus(setup.query_one("#p-name", Input))
    await walk.type(PEOPLE[0])
    await walk.press("tab", "enter")  # the Role drop-down, open
    await walk.until(lambda: setup.query_one("#p-role", Select).expanded)
    await walk.stop("set-up, Role open")
    await walk.press("down", "enter")
    await walk.type(PLACES[0])
    await walk.press("enter")
    await walk.type(PEOPLE[1])
    await walk.press("tab", "enter", "down", "down", "enter")  # another role: two to journal
    await walk.type(PLACES[1])
    await walk.press("enter")
    await walk.stop("set-up, participants")
    previous = setup.query_one("#previous", Select)
    setup.set_focus(previous)
    await walk.press("enter")
    await walk.until(lambda: previous.expanded)
    await walk.stop("set-up, Follows up open")
    await walk.press("escape")
    setup.query_one("#date", Input).value = "15/13/2026"
    noticed = len(walk.notices)
    await walk.press("ctrl+s")
    await walk.until(lambda: len(walk.notices) > noticed)
    await walk.stop("set-up, a wrong date")
    setup.query_one("#date", Input).value = START.date().isoformat()
    await walk.press("ctrl+s")
    await walk.until(lambda: isinstance(app.screen, CaptureScreen))


async def search_every_meeting(walk: Walk) -> None:
    """The search across meetings (ctrl+f on the start screen): what the seeded meetings
    said, found under each meeting with its step; its help; and nothing found."""
    from dialogtui.tui.screens.search import SearchScreen

    app = walk.app
    word = TYPED[walk.language].split()[-1]
    await app.push_screen(SearchScreen(word))
    found = lambda query: getattr(getattr(app.screen, "_found", None), "query", None) == query  # noqa: E731
    await walk.until(lambda: isinstance(app.screen, SearchScreen) and found(word))
    await walk.stop("search, hits")
    await walk.opens("f1", "search, help")
    await walk.type("qzx")
    await walk.until(lambda: found(word + "qzx"))
    await walk.stop("search, nothing found")
    await walk.press("escape")
    await walk.until(lambda: not isinstance(app.screen, SearchScreen))


async def capture(walk: Walk) -> None:
    """The new meeting's capture screen: its dialogs, lists, notices and states."""
    from textual.command import CommandList, CommandPalette
    from textual.widgets import Select

    from dialogtui.tui.dialogs.alerts import ErrorDialog

    app, said = walk.app, TYPED[walk.language]
    screen = app.screen
    await walk.stop("capture")
    await walk.type(said)
    await walk.press("enter")
    await walk.stop("capture, a turn saved")
    await walk.opens("f1", "capture, help")
    await walk.press("ctrl+p")
    await walk.until(lambda: CommandPalette.is_open(app))
    await walk.until(lambda: app.screen.query_one(CommandList).option_count > 0)
    await walk.stop("command palette")
    palette = app.screen
    await walk.type("zqxj")  # a search that finds nothing
    await walk.until(lambda: nothing_found(palette))
    await walk.stop("command palette, nothing found")
    await walk.press("escape")
    await textuals_commands(walk)
    await walk.opens("f3", "action item")
    await walk.opens("f4", "decision")
    await walk.opens("f5", "concern")
    await walk.opens("ctrl+f", "standpoint")
    await walk.opens("f6", "who speaks")
    # A refused save: an action needs its what.
    await walk.press("f3")
    await walk.press("ctrl+s")
    await walk.stop("action item, refused")
    await walk.press("escape")
    # A decision noted, to be corrected and deleted in the notes list.
    await walk.press("f4")
    await walk.type(said)
    await walk.press("ctrl+s")
    await walk.stop("capture, a decision saved")
    await walk.press("f7")
    notes = app.screen
    await walk.stop("notes list")
    await walk.opens("enter", "notes list, the decision corrected")
    await walk.opens("delete", "notes list, the decision deleted?")
    for _ in range(len(notes.rows) - 1):  # the consent and each case's
        await walk.press("down")
        await walk.opens("enter", "notes list, a consent")
    await walk.press("escape")
    await walk.press("f9")
    await walk.stop("capture, the facilitators' notes")
    await walk.press("f9")
    # The turns list: each of its dialogs.
    await walk.press("f8")
    await walk.stop("turns list")
    await walk.opens("enter", "turn corrected")
    await walk.opens("f6", "turn moved")
    await walk.opens("delete", "turn deleted?")
    await walk.press("escape")
    # Someone joins, their role's drop-down open.
    await walk.press("ctrl+l")
    joining = app.screen
    await walk.stop("participant joins")
    await walk.type(PEOPLE[2])
    await walk.press("tab", "enter")
    await walk.until(lambda: joining.query_one(Select).expanded)
    await walk.stop("participant joins, Role open")
    await walk.press("escape", "escape")
    # A case of Träff 4's block: named (f12), and which the next one is (ctrl+r).
    engine = screen.engine
    engine.goto_step(engine.qs.index_of("casekarta"))
    screen.moved()
    await walk.stop("capture, a case")
    await walk.opens("f12", "case named")
    await walk.opens("ctrl+r", "next case, which one")
    engine.goto_step(0)
    screen.moved()
    # Refusals: the last step's ctrl+n, a step that is not repeated.
    await walk.press("ctrl+r")
    await walk.stop("not repeated")
    await walk.press("ctrl+t")
    await walk.stop("clock paused")
    await walk.press("ctrl+t")
    # What the room's view shows (ctrl+w, said on the text box's border), and how to open it.
    await walk.press("ctrl+w")
    await walk.stop("the room sees the text")
    await walk.press("ctrl+w")
    await walk.stop("the room's view blank")
    await walk.press("ctrl+w")
    screen.action_second_screen()
    # A late meeting's go-to list: time spent, and what the steps shrink to.
    app.clock.advance(minutes=150)
    await walk.opens("ctrl+g", "go-to list, late")
    for _ in range(len(screen.engine.qs.steps)):
        await walk.press("ctrl+n")
    await walk.stop("last step, ctrl+n")
    # A full disk: the strip says nothing is saved; a turn cannot be.
    store = screen.engine.store
    real = store.tx

    @contextlib.contextmanager
    def full(*args, **kwargs):
        with real(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device")
        yield

    store.tx = full
    try:
        await walk.type(said)
        screen.autosave()
        await walk.stop("disk full, not saved")
        await walk.press("enter")
        await walk.until(lambda: isinstance(app.screen, ErrorDialog))
        await walk.stop("disk full, error")
        await walk.press("enter")
    finally:
        del store.tx
    screen.autosave()
    await walk.stop("disk full, saving again")
    await walk.press("enter")


def nothing_found(palette) -> bool:
    """Whether the palette says its search found nothing (its one line, not a command)."""
    from textual.command import CommandList

    commands = palette.query_one(CommandList)
    return commands.option_count == 1 and bool(commands.get_option_at_index(0).disabled)


async def textuals_commands(walk: Walk) -> None:
    """Each command the palette offers that is Textual's own (Theme, Keys, Maximize…), run
    and undone: what it shows is in the user's language too. Quit aside; and Screenshot,
    which would write a file into the user's Downloads folder (not offered now)."""
    from textual.command import CommandList

    app, screen = walk.app, walk.app.screen
    own = {c.title for c in screen.palette_commands()}
    for command in list(app.get_system_commands(screen)):
        if command.title in own or command.callback == app.action_quit:
            continue
        if command.title == i18n._("Screenshot"):
            continue
        before = list(app.screen_stack)
        done = command.callback()
        if inspect.isawaitable(done):
            await done
        await handled(app)
        if app.screen is not screen and app.screen.query(CommandList):  # the themes' list
            await walk.until(lambda: app.screen.query_one(CommandList).option_count > 0)
        await walk.stop(f"palette: {command.title}")
        if len(app.screen_stack) > len(before):
            await walk.press("escape")
            await walk.until(lambda: app.screen is screen)
        if screen.query("HelpPanel"):
            app.action_hide_help_panel()
        if screen.maximized is not None:
            screen.action_minimize()
        await handled(app)


async def read_back_and_end(walk: Walk) -> None:
    from textual.widgets import Input

    from dialogtui.tui.dialogs.folder import FolderDialog
    from dialogtui.tui.screens.capture import CaptureScreen
    from dialogtui.tui.screens.end import EndScreen
    from dialogtui.tui.screens.read_back import ReadBackScreen

    app = walk.app
    await walk.press("f10")
    await walk.until(lambda: isinstance(app.screen, ReadBackScreen))
    await walk.stop("read-back")
    await walk.opens("f1", "read-back, help")
    await walk.opens("e", "read-back, correction")
    await walk.opens("o", "read-back, objection")
    await walk.opens("a", "read-back, accepted by")
    await walk.press("ctrl+w")  # the room's view blank, then this page again
    await walk.stop("read-back, the room's view blank")
    await walk.press("ctrl+w")
    await walk.press("escape")
    await walk.until(lambda: isinstance(app.screen, CaptureScreen))
    await walk.press("ctrl+o")
    await walk.until(lambda: isinstance(app.screen, EndScreen))
    end = app.screen
    await walk.stop("end")
    await walk.opens("f1", "end, help")
    await walk.opens("t", "end, the plan over time")
    await walk.press("o")
    await walk.until(lambda: isinstance(app.screen, FolderDialog))
    await walk.stop("export to a folder")
    folder = app.screen
    # Into the test's own folder, never the user's documents (the dialog's default).
    folder.query_one("#folder", Input).value = str(walk.out)
    await walk.press("enter")
    await walk.until(lambda: app.screen is end)
    await walk.until(lambda: workers_done(app))
    await walk.until(lambda: bool(end.exported))
    await walk.stop("end, exported")
    await walk.press("o")
    await walk.until(lambda: isinstance(app.screen, FolderDialog))
    folder = app.screen
    folder.query_one("#folder", Input).value = str(walk.out)
    await walk.press("enter")
    await walk.stop("export to a folder, replace?")
    await walk.press("escape")
    await walk.press("j")
    await walk.stop("journal note for")
    await walk.press("escape")
    await walk.press("b")
    await walk.until(lambda: isinstance(app.screen, CaptureScreen))
    await walk.stop("open again")
    assert folder


async def ended_from_the_list(walk: Walk) -> None:
    """The meeting ended again, then opened from the start screen's list: its end screen,
    which keeps it ended, and the question before `b` opens it again."""
    from dialogtui.records import MeetingStatus
    from dialogtui.tui.screens.capture import CaptureScreen
    from dialogtui.tui.screens.end import EndedEndScreen, EndedMeeting, EndScreen
    from dialogtui.tui.screens.start import StartScreen

    app = walk.app
    await walk.until(lambda: isinstance(app.screen, CaptureScreen))
    meeting = app.screen.engine.id
    await walk.press("ctrl+o")
    await walk.until(lambda: isinstance(app.screen, EndScreen))
    ended = app.screen.engine
    await walk.until(lambda: ended.status is MeetingStatus.finished)
    await app.back_to_start()
    await walk.until(lambda: isinstance(app.screen, StartScreen))
    choices = app.screen.query_one("#choices")
    await walk.until(lambda: f"m{meeting}" in [o.id for o in choices.options])
    choices.highlighted = choices.get_option_index(f"m{meeting}")
    await walk.press("enter")
    await walk.until(lambda: isinstance(app.screen, EndedEndScreen))
    await walk.stop("an ended meeting's end, from the list")
    # Its host, under the end screen, shows nothing of its own: read as the end it holds.
    host = app.screen_stack[-2]
    assert isinstance(host, EndedMeeting)
    walk.stops.append(Stop("an ended meeting's host", EndedMeeting, "", walk.own()))
    await walk.opens("b", "an ended meeting, opened again?")
    await walk.opens("r", "an ended meeting's read-back, from the list")
    await walk.press("escape")
    await walk.until(lambda: isinstance(app.screen, StartScreen))


async def each_kind(walk: Walk, meetings: dict[str, int]) -> None:
    """A meeting at a step of each kind: the step, its list's keys and each dialog they
    open, who speaks, and the notes list (a step of groups lists its groups)."""
    from textual.screen import ModalScreen

    from dialogtui.tui.screens.capture import CaptureScreen

    app = walk.app
    asked: set[tuple[bool, bool]] = set()
    for kind, meeting in meetings.items():
        while len(app.screen_stack) > 1:
            app.pop_screen()
        await handled(app)
        app.open_meeting(meeting)
        await walk.until(lambda: isinstance(app.screen, CaptureScreen))
        screen = app.screen
        await walk.stop(f"{kind}")
        step = screen.engine.step
        if (step.by_group, step.by_organisation) not in asked:  # "Which group?"
            asked.add((step.by_group, step.by_organisation))
            await walk.opens("f6", f"{kind}, who speaks")
        if screen.engine.groups.all():  # the notes list lists the groups, to correct
            await walk.opens("f7", f"{kind}, notes list", closing=None)
            notes = app.screen
            for n in range(len(notes.rows)):
                if n:
                    await walk.press("down")
                await walk.opens("enter", f"{kind}, notes list, row {n + 1}")
            await walk.press("escape")
            await walk.until(lambda: isinstance(app.screen, CaptureScreen))
        panel = screen._step_list()
        if panel is None:
            continue
        await walk.press("escape")  # to the step's list
        await walk.stop(f"{kind}, its list")
        seen = set()
        for binding in reversed(type(panel).BINDINGS):
            if binding.key == "escape":
                continue
            await walk.press(binding.key.split(",")[0])
            if isinstance(app.screen, ModalScreen):
                await walk.stop(f"{kind}, its list, {binding.key}")
                await walk.press("escape")
                await walk.until(lambda: isinstance(app.screen, CaptureScreen))
            elif binding.description not in seen:
                await walk.stop(f"{kind}, its list, {binding.key}")
            seen.add(binding.description)
            if screen.focused is not panel:
                screen.set_focus(panel)


def walk_the_wall(walk: Walk, language: str, tmp_path: Path) -> None:
    """The room's view (`dialogtui wall`, an app of its own), following a meeting the walk
    moves through each state the wall shows, in both views, and its help: its stops, keys
    and footers go with the app's walk's."""
    import asyncio
    import subprocess

    from test_wall import SCRIBES_APP

    from dialogtui.meeting.engine import MeetingEngine
    from dialogtui.records import RoomShows
    from dialogtui.store import Store
    from dialogtui.tui.wall.app import build_wall
    from dialogtui.tui.wall.screen import WallScreen

    db, clock = tmp_path / "wall.db", FakeClock(START)
    store = Store.open(db)
    people = [(name, None, PLACES[n % 2]) for n, name in enumerate(PEOPLE)]
    engine = new_meeting(store, "samtidigt-traff-3", people, clock=clock)
    # The asker's wall, which may look at what the room sees (v) and back; a room's wall
    # never shows the asker's view.
    app = build_wall(db, engine.id, "asker", clock)

    async def scenario():
        nonlocal engine
        async with app.run_test(size=(80, 24)) as pilot:
            wall = Walk(app, pilot, language, tmp_path / "out")
            wall.titles = [engine.info.title]
            screen = None

            async def stop(name: str, said: str | None = None) -> None:
                # The wall looks at the store now, as its timer does five times a second.
                await wall.until(lambda: isinstance(app.screen, WallScreen))
                app.screen.poll()
                app.screen.tick()
                if said is not None:
                    await wall.until(lambda: said in screen_text(app))
                await wall.stop(name)

            await wall.until(lambda: isinstance(app.screen, WallScreen))
            screen = app.screen
            await wall.press("v")  # the room's view
            await stop("wall, not started")
            engine.start()
            engine.submit(TYPED[language])
            engine.pass_turn()
            await stop("wall, a round")
            engine.room.show(RoomShows.notes)
            engine.drafts.save(TYPED[language] + " igen")
            await stop("wall, notes and a turn being typed", TYPED[language] + " igen")
            clock.advance(minutes=60)
            await stop("wall, over time")
            await wall.opens("f1", "wall, help")
            await wall.press("v")
            await stop("wall, the asker's view")
            await wall.opens("f1", "wall, the asker's help")
            await wall.press("v")
            engine.room.show(RoomShows.blank)
            await stop("wall, a blank pause")
            engine.room.show(RoomShows.questions)
            for _n in range(8):  # a page longer than the screen: "↓ … more" below
                engine.submit(TYPED[language])
            engine.room.reading(0)
            await stop("wall, a read-back page")
            engine.room.reading(None)
            engine.goto_step(engine.qs.index_of("post-it"))  # groups, by organisation
            await stop("wall, groups")
            engine.pause()
            await stop("wall, paused")
            engine.resume()
            # The scribe's app gone: a process that held the meeting, killed.
            engine.close()
            child = subprocess.Popen(
                [sys.executable, "-c", SCRIBES_APP, str(db), str(engine.id)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            assert child.stdout is not None and child.stdout.readline() == "open\n"
            child.kill()
            child.wait()
            await wall.until(lambda: (screen.poll(), screen.has_class("-waiting"))[1])
            await stop("wall, waiting for the scribe")
            engine = MeetingEngine.open(store, engine.id, clock)
            engine.finish()
            await stop("wall, ended")
            engine.room.reading(0)  # the end screen's read-back reaches the room
            await stop("wall, a read-back after the end")
            walk.stops += wall.stops
            walk.footers |= wall.footers
            walk.footed |= wall.footed
            walk.notices += wall.notices

    try:
        asyncio.run(scenario())
    finally:
        engine.close()
        store.close()


def walk_in(language: str, tmp_path: Path) -> Walk:
    from dialogtui.questionset.library import find

    db = tmp_path / "db"
    meetings = seed(db, language)
    walks: list[Walk] = []
    i18n.use(language)
    try:

        async def scenario(app, pilot):
            walk = Walk(app, pilot, language, tmp_path / "out")
            walk.titles = [find(set_id).title for set_id, _ in steps_of_each_kind().values()]
            walks.append(walk)
            await start_and_set_up(walk)
            await capture(walk)
            await read_back_and_end(walk)
            await ended_from_the_list(walk)
            await each_kind(walk, meetings)

        run(scenario, db=db, size=(80, 24))
        walk_the_wall(walks[0], language, tmp_path)
    finally:
        i18n.use("en")
    return walks[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_reaches_any_screen(tmp_path, language):
    walk = walk_in(language, tmp_path)
    found = []
    for stop in walk.stops:
        if offenders := english_on(stop.text, stop.own, language):
            found.append(f"{stop.name} ({stop.shown.__name__}): {offenders}")
            if len(found) <= 3:  # the screen itself, of the first few
                found.append(stop.text)
    own = [*PEOPLE, TYPED[language]]
    for notice in walk.notices:
        if offenders := english_on(notice, own, language):
            found.append(f"notice: {offenders}: {notice}")
    # The walk showed all there is to show, in this language too.
    shown = {stop.shown for stop in walk.stops}
    if missed := screens_to_show() - shown:
        found.append(f"screens not shown: {sorted(c.__name__ for c in missed)}")
    required = {d for d, cls in footer_keys().items() if not is_screen(cls) or cls in walk.footed}
    if missed := required - walk.footers:
        found.append(f"keys no footer showed: {sorted(missed)}")
    if missed := kept_kinds() - walk.kept:
        found.append(f"kept dialogs not shown: {sorted(missed)}")
    if missed := set(steps_of_each_kind()) - walk.kinds:
        found.append(f"kinds of step not shown: {sorted(missed)}")
    assert not found, f"In {language}:\n" + "\n".join(found)


def is_screen(cls: type) -> bool:
    from textual.screen import Screen

    return issubclass(cls, Screen)


# -- the command line -----------------------------------------------------------------------------


def dialogtui(*args: str, language: str, home: Path) -> subprocess.Popen:
    """`dialogtui ARGS…` started in a fresh interpreter (its help is written as it starts),
    in `language`, with its own data folder."""
    environ = {k: v for k, v in os.environ.items() if k != "DIALOGTUI_LANG"}
    environ.update(DIALOGTUI_LANG=language, DIALOGTUI_HOME=str(home), COLUMNS="80")
    return subprocess.Popen(
        [sys.executable, "-m", "dialogtui", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=environ,
    )


def command_words() -> list[str]:
    """The command line's own names: its commands and their options (`--with-history`),
    which are typed as they are in every language."""
    import typer

    from dialogtui.cli import app

    group = typer.main.get_command(app)
    words = ["dialogtui", "python", "help"]  # the program (`python -m dialogtui`); --help
    words += [o.lstrip("-") for param in group.params for o in param.opts]
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        words.append(name)
        words += [o.lstrip("-") for param in command.params for o in param.opts]
    return words


# A question set's file: its keys, its tables and the values the format names ("round",
# "each_person", `ours`, {future}) are the format's own words, as `dialogtui new` writes them.
TOML_CODE = re.compile(
    r'^\s*\[\[?[\w.]+\]\]?|\b[a-z_]+\s*=|"[a-z0-9_-]*"|`[^`]*`|\{\w+\}', re.MULTILINE
)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_reaches_the_command_line(tmp_path, language):
    runs = {
        "help": ["--help"],
        "a mistyped command": ["exprot"],
        "a mistyped option": ["export", "1", "--lab", "da"],
        "sets": ["sets"],
        "search, nothing found": ["search", "fotboll"],
        "new": ["new", "ekenas-2027"],
        "new, a copy": ["new", "kopia", "--from", "raseborg-temamote"],
    }
    # All at once, each with a data folder of its own.
    started = {
        what: dialogtui(*a, language=language, home=tmp_path / what) for what, a in runs.items()
    }
    said = {what: "".join(run.communicate()) for what, run in started.items()}
    from dialogtui.questionset.library import scan

    own = [*command_words(), "ekenas", "kopia", "exprot", "lab"]  # and what was mistyped
    own += [w for e in scan() if e.question_set for w in set_words(e.question_set)]
    found = []
    for what, output in said.items():
        if offenders := english_on(output, own, language):
            found.append(f"{what}: {offenders}\n{output}")
    for what, name in (("new", "ekenas-2027"), ("new, a copy", "kopia")):
        written = (tmp_path / what / "question_sets" / f"{name}.toml").read_text("utf-8")
        if name == "kopia":  # the copy's own texts are its source's: its first lines are new
            written = "\n".join(written.splitlines()[:2])
        if offenders := english_on(TOML_CODE.sub(" ", written), own, language):
            found.append(f"the file `dialogtui new` wrote: {offenders}\n{written}")
    assert not found, f"In {language}:\n" + "\n\n".join(found)
    assert "exprot" in said["a mistyped command"]  # the mistake is said


# -- what the guard's findings became ---------------------------------------------------------


def test_a_deletion_is_confirmed_with_keys_named_as_they_are_pressed():
    # Not "y: ja  n: nej": the Swedish for yes begins with j, the Finnish with k. The keys
    # are named as the keyboard names them, and none is a letter (a letter is text: the y
    # of "mycket" must never delete).
    from textual.binding import Binding

    from dialogtui.tui.dialogs.alerts import ConfirmDialog

    keys = {k for b in ConfirmDialog.BINDINGS if isinstance(b, Binding) for k in b.key.split(",")}
    assert keys == {"delete", "enter", "escape"}
    for language in LANGUAGES:
        hint = i18n.translations(language).gettext("delete: delete · enter or escape: keep it")
        assert all(key in hint for key in keys), hint


@pytest.mark.parametrize("language", [*LANGUAGES, "en"])
def test_a_new_set_is_written_in_the_language_asked_for_and_is_valid(cli, private_home, language):
    from dialogtui.questionset.loader import load_question_set

    done = cli("new", "ekenas-2027", "--language", language)
    assert done.code == 0, done.err
    path = private_home / "question_sets" / "ekenas-2027.toml"
    qs = load_question_set(path)  # the translations keep it a valid set
    assert qs.language.value == language
    opening = i18n.translations(language).pgettext("new set", "Opening round")
    assert qs.steps[0].title == opening
    assert (language == "en") == (opening == "Opening round")


def test_a_new_set_is_written_in_the_users_language_by_default(cli, private_home, monkeypatch):
    monkeypatch.setenv("DIALOGTUI_LANG", "sv")
    try:
        assert cli("new", "var-plan").code == 0
        copied = cli("new", "vart-tema", "--from", "raseborg-temamote")
    finally:
        i18n.use("en")
    assert copied.code == 0, copied.err
    text = (private_home / "question_sets" / "var-plan.toml").read_text("utf-8")
    assert 'language = "sv"' in text and 'title = "Startrunda"' in text
    assert "# Ett frågeunderlag för dialogtui." in text
    copy = (private_home / "question_sets" / "vart-tema.toml").read_text("utf-8")
    assert copy.startswith("# En kopia av underlaget raseborg-temamote")


@settings(max_examples=60, derandomize=True)
@given(
    set_id=st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,30}\Z"),
    folder=st.text(max_size=20),
    language=st.sampled_from([*LANGUAGES, "en"]),
)
def test_a_new_set_is_valid_whatever_its_id_folder_and_language(set_id, folder, language):
    # Its first comment names the file's path, which may hold anything a folder's name
    # may (a line break would end the comment and leave the rest as broken TOML).
    from dialogtui.questionset.loader import parse_question_set
    from dialogtui.questionset.model import Language
    from dialogtui.questionset.scaffold import template

    text = template(set_id, f"{folder}/{set_id}.toml", Language(language))
    qs = parse_question_set(text, "new.toml")
    assert (qs.id, qs.language.value) == (set_id, language)
