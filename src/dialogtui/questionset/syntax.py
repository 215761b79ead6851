"""A question set's TOML read, its syntax errors said as dialogtui says them: at their
`file:line:col`, in the user's language. Without pydantic, so that listing the sets at
start-up can tell a broken file as the loader would."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from dialogtui.errors import Problem, QuestionSetError
from dialogtui.i18n import N_, _

_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_EOF = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)$")


def read_toml(text: str, path: Path | str) -> dict[str, Any]:
    """The file's tables, or a QuestionSetError at the syntax error's place."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise QuestionSetError([_syntax_problem(exc, text, path)]) from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively
        said = _("arrays or tables are nested too deeply to read")
        raise QuestionSetError([Problem(path, 1, 1, said)]) from None


def _syntax_problem(exc: tomllib.TOMLDecodeError, text: str, path: Path | str) -> Problem:
    raw = str(exc)
    m = _TOML_POS.match(raw)
    if m:
        line, col = int(m["line"]), int(m["col"])
        msg = m["msg"]
    else:
        m = _TOML_EOF.match(raw)
        lines = text.split("\n")
        line, col = len(lines), len(lines[-1]) + 1
        msg = m["msg"] if m else raw
    return Problem(path, line, col, _syntax_error(msg))


# What tomllib says of a syntax error, in the user's language; its words are English, and a
# message not here stays so.
_TOML = {
    "Cannot overwrite a value": N_("a value is given twice"),
    "Escaped character is not a Unicode scalar value": N_("the escaped character is not valid"),
    "Expected '=' after a key in a key/value pair": N_("expected '=' after a key"),
    "Expected ']' at the end of a table declaration": N_("expected ']' at the end of a table name"),
    "Expected ']]' at the end of an array declaration": N_(
        "expected ']]' at the end of a table name"
    ),
    "Expected newline or end of document after a statement": N_(
        "expected a new line after a value"
    ),
    "Invalid date or datetime": N_("invalid date or time"),
    "Invalid hex value": N_("invalid hexadecimal value"),
    "Invalid initial character for a key part": N_("a key cannot begin with this character"),
    "Invalid statement": N_("invalid line"),
    "Invalid value": N_("invalid value (is text missing its quotes?)"),
    "Unclosed array": N_("a list is not closed with ']'"),
    "Unclosed inline table": N_("a table in braces is not closed with '}'"),
    "Unescaped '\\' in a string": N_("a '\\' in a text must be written '\\\\'"),
    "Unterminated string": N_("a text is not closed with its quote"),
}
_TOML_PATTERNS = [
    (re.compile(r"^Cannot declare (?P<key>.+) twice$"), N_("{key} is declared twice")),
    (
        re.compile(r"^Cannot (?:mutate immutable|redefine) namespace (?P<key>.+)$"),
        N_("{key} is already defined and cannot be extended here"),
    ),
    (
        re.compile(r"^Duplicate inline table key (?P<key>.+)$"),
        N_("{key} is given twice in a table in braces"),
    ),
    (
        re.compile(r"^(?:Found invalid|Illegal) character (?P<char>.+)$"),
        N_("invalid character {char}"),
    ),
]


def _syntax_error(msg: str) -> str:
    """tomllib's message, as dialogtui says it: "TOML syntax error: …"."""
    said = _TOML.get(msg)
    if said is not None:
        msg = _(said)
    else:
        for pattern, template in _TOML_PATTERNS:
            if m := pattern.match(msg):
                msg = _(template).format(**m.groupdict())
                break
        else:
            msg = f"{msg[:1].lower()}{msg[1:]}"
    return _("TOML syntax error: {message}").format(message=msg)
