"""Every part of Textual the app uses that Textual does not document as its API, in one
place. Each is used because Textual has no public route to what the scribe needs (a crash
that keeps the meeting and shows no names, keys from any terminal, keys in typed order).

Textual is held to one minor release in `pyproject.toml`; each function here says what it
assumes, and `tests/test_textual_internals.py` has a test named for each assumption, so
that an upgrade that breaks one fails that test, not a meeting.
"""

from __future__ import annotations

import codecs
import functools
from collections.abc import Callable, Iterable
from typing import TypeVar

from textual import events
from textual.app import App
from textual.binding import Binding
from textual.command import CommandList, CommandPalette
from textual.widget import Widget
from textual.widgets import OptionList, Select
from textual.widgets.option_list import Option
from textual.widgets.select import NoSelection

Value = TypeVar("Value")


class ErrorHookApp(App):
    """An app that sees every exception that reaches Textual before Textual handles it
    (Textual's own handler prints a traceback with local variables: names and turns, on the
    screen in the meeting room). There is no public hook for it."""

    def _handle_exception(self, error: Exception) -> None:
        # Assumes Textual calls `App._handle_exception` with every unhandled error, from a
        # handler, a worker or compose alike.
        if not self.catch_unhandled(error):
            super()._handle_exception(error)

    def catch_unhandled(self, error: Exception) -> bool:
        """Deal with `error` and return True, or return False for Textual's own handling."""
        return False

    def raise_after_test(self, error: Exception) -> None:
        """Under Pilot (`run_test`), have the test see `error` when the app ends, as it sees
        an error Textual handled itself. Assumes `run_test` raises `App._exception` once the
        app has shut down, and that `_exception_event` wakes what waits for an error."""
        if self._exception is None:
            self._exception = error
            self._exception_event.set()


def decode_keys_leniently() -> None:
    """A byte the terminal sends that is not UTF-8 becomes a replacement mark, not the end
    of the app. Assumes Textual's Linux and macOS driver makes its decoder with the
    `getincrementaldecoder` of its module (`textual.drivers.linux_driver`), looked up
    when the app starts reading keys. (Windows reads keys as Unicode.)"""
    try:
        from textual.drivers import linux_driver
    except ImportError:
        return
    strict = codecs.getincrementaldecoder
    linux_driver.getincrementaldecoder = lambda encoding: functools.partial(
        strict(encoding), errors="replace"
    )


# The keys Textual's parser makes of one sequence of characters it read (with alt if it saw
# an ESC before them).
Keys = Callable[[str, bool], Iterable[events.Key]]


def wrap_key_parser(wrapper: Callable[[Keys, str, bool], Iterable[events.Key]]) -> None:
    """Have `wrapper(textuals, sequence, alt)` turn each sequence the terminal sends into
    keys, calling `textuals(sequence, alt)` for Textual's own reading. Assumes every driver
    reads keys with `XTermParser`, which turns each sequence into keys in its method
    `_sequence_to_key_events(sequence, alt)`, looked up when the parser is made."""
    from textual._xterm_parser import XTermParser

    textuals = XTermParser._sequence_to_key_events

    def keys(self: XTermParser, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        return wrapper(functools.partial(textuals, self), sequence, alt)

    XTermParser._sequence_to_key_events = keys  # type: ignore[method-assign]


def moves_by_word(sequence: str) -> bool:
    """Whether Textual reads `sequence` as keys of its own of more than one key (ESC b and
    ESC f: a word left or right, as macOS terminals send Option and an arrow). Assumes
    Textual's table `ANSI_SEQUENCES_KEYS` maps such a sequence to a tuple of keys."""
    from textual._ansi_sequences import ANSI_SEQUENCES_KEYS

    return isinstance(ANSI_SEQUENCES_KEYS.get(sequence), tuple)


def own_bindings(widget: Widget, key: str) -> Iterable[Binding]:
    """The bindings of `key` that `widget` has itself (its class's and its bases'), not its
    screen's or the app's. Assumes Textual keeps them in `Widget._bindings`, a
    `BindingsMap` whose `key_to_bindings` lists them by key."""
    return widget._bindings.key_to_bindings.get(key, ())


def select_value_at(select: Select[Value], index: int) -> Value | NoSelection:
    """The value of the option at `index` of `select`'s list, the blank one first where
    there is one. Assumes Textual keeps the options as (prompt, value) pairs in
    `Select._options`, in the order its drop-down shows them."""
    return select._options[index][1]


def option_lines(options: OptionList, index: int) -> tuple[int, int]:
    """The line an option of `options` begins on, and how many lines it takes. Assumes
    `OptionList._index_to_line` and `OptionList._heights` map an option's index to them."""
    return options._index_to_line[index], options._heights[index]


def say_no_matches(palette: CommandPalette, said: Callable[[], str]) -> None:
    """The command palette's line for a search that finds nothing, in the app's words
    (Textual writes "No matches found", in English). Assumes the mounted palette adds that
    line to its `CommandList` with `add_option`, as an option whose id is
    `CommandPalette._NO_MATCHES`."""
    from rich.align import Align
    from rich.text import Text

    commands = palette.query_one(CommandList)
    add = commands.add_option

    def add_option(option: Option | None = None) -> CommandList:
        if isinstance(option, Option) and option.id == palette._NO_MATCHES:
            line = Align.center(Text(said(), style="not bold"))
            option = Option(line, disabled=True, id=option.id)
        return add(option)

    commands.add_option = add_option  # type: ignore[method-assign,assignment]
