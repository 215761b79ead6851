"""The one way user text reaches a terminal: as plain text, never as markup or controls.

Anything a user, a question-set file or a stored meeting supplies (names, titles, turns,
actions, paths) is data. Rich and Textual would read `[b]…[/]` in a plain `str` as markup,
and neither strips escape sequences, so an ESC in a set file could retitle the terminal,
clear it or write to the clipboard. Every screen, table, dialog, notification and CLI line
that shows such text goes through `visible()` (a `str`) or `plain()` (a Rich `Text`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.padding import Padding
    from rich.table import Table

# C0 controls but tab and newline, DEL, and the C1 controls (8-bit CSI, OSC, …).
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def control_picture(code: int) -> str:
    """The visible stand-in of a control character: ␛ for ESC, ␀ for NUL, ␡ for DEL;
    C1 controls, which have no picture of their own, show as the replacement mark."""
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def _picture(match: re.Match[str]) -> str:
    return control_picture(ord(match.group()))


def visible(text: object) -> str:
    """`text` with line breaks made plain newlines and every other control made visible."""
    s = str(text)
    if "\r" in s:
        s = s.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROLS.sub(_picture, s)


def one_line(text: object) -> str:
    """As `visible`, for a place that holds one line (a table cell, a list entry)."""
    return " ".join(visible(text).split("\n"))


def plain(text: object, style: str = "") -> Text:
    """A Rich `Text` that shows `text` exactly as typed: no markup, no controls."""
    return Text(visible(text), style=style)


# The layout of lists that wrap (`show`, the start screen's preview, a kind's own lines):
# here, below the format and the kinds, so that a kind lays out its lines as the agenda
# does without importing it. Rich's layout modules are imported where they are used: the
# CLI and the export import this module for `visible` alone.


def indented(renderable: RenderableType) -> Padding:
    from rich.padding import Padding

    return Padding(renderable, (0, 0, 0, 2), expand=False)


def hanging(mark: str | Text, text: Text) -> Table:
    """A bullet with the text wrapped under itself, not under the bullet."""
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(mark, text)
    return grid
