"""Load a question set from TOML, turning every problem into `file:line:col: message`."""

from __future__ import annotations

import difflib
import re
import tomllib
import types
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from dialogtui.errors import Problem, QuestionSetError
from dialogtui.questionset.files import read_text
from dialogtui.questionset.model import QuestionSet
from dialogtui.questionset.positions import key_positions, locate

_TOML_POS = re.compile(r"^(?P<msg>.*?)\s*\(at line (?P<line>\d+), column (?P<col>\d+)\)$")
_TOML_EOF = re.compile(r"^(?P<msg>.*?)\s*\(at end of document\)$")


def load_question_set(path: Path) -> QuestionSet:
    """Read and validate one question-set file, or raise `QuestionSetError`."""
    text = read_text(path)
    return parse_question_set(text, path)


def parse_question_set(text: str, path: Path | str) -> QuestionSet:
    problems: list[Problem] = []
    if not text.strip():
        raise QuestionSetError(
            [Problem(path, 1, 1, "the file is empty; `dialogtui new ID` writes a starting point")]
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise QuestionSetError([_syntax_problem(exc, text, path)]) from None
    except RecursionError:
        # tomllib parses nested arrays and inline tables recursively
        raise QuestionSetError(
            [Problem(path, 1, 1, "arrays or tables are nested too deeply to read")]
        ) from None
    positions = key_positions(text)
    try:
        qs = QuestionSet.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            problems.append(_validation_problem(err, data, positions, path))
        raise QuestionSetError(_dedupe(problems)) from None
    for loc, message in qs.reference_problems():
        line, col = locate(positions, loc)
        problems.append(Problem(path, line, col, message))
    if problems:
        raise QuestionSetError(problems)
    return qs


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[int, int, str]] = set()
    out = []
    for p in sorted(problems, key=lambda p: (p.line, p.col)):
        if (p.line, p.col, p.message) not in seen:
            seen.add((p.line, p.col, p.message))
            out.append(p)
    return out


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
    return Problem(path, line, col, f"TOML syntax error: {msg[:1].lower()}{msg[1:]}")


def _validation_problem(err, data, positions, path) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    hint = None
    name = _describe(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        message = f"unknown key `{key}`"
        close = difflib.get_close_matches(key, _fields_at(loc[:-1]), n=1, cutoff=0.6)
        if close:
            hint = f"did you mean `{close[0]}`?"
        else:
            allowed = _fields_at(loc[:-1])
            if allowed:
                hint = "allowed here: " + ", ".join(allowed)
    elif kind == "missing":
        message = f"missing required key `{loc[-1]}`"
        where = " in this table" if len(loc) > 1 else ""
        message += where
        loc = loc[:-1]
    elif kind in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        got = _value_at(data, loc)
        message = f"{name}: '{got}' is not allowed; expected {expected}"
        options = re.findall(r"'([^']+)'", expected)
        close = difflib.get_close_matches(str(got), options, n=1, cutoff=0.6)
        if close:
            hint = f"did you mean '{close[0]}'?"
    elif kind == "list_type":
        got = _value_at(data, loc)
        message = f"{name}: should be a list, in brackets"
        if isinstance(got, str) and "," in got:  # "Nära, Långt": the items, to be quoted
            items = ", ".join(f'"{item.strip()}"' for item in got.split(","))
            hint = f"write `{loc[-1]} = [{items}]`"
        else:
            hint = f'write `{loc[-1]} = ["…", "…"]`'
    else:
        msg = err["msg"]
        if msg.startswith("Value error, "):
            msg = msg[len("Value error, ") :]
        message = f"{name}: {msg[:1].lower()}{msg[1:]}" if name else msg
    line, col = locate(positions, loc)
    return Problem(path, line, col, message, hint)


def _describe(loc: tuple) -> str:
    """('steps', 2, 'minutes') -> '`steps[3].minutes`' (1-based, as people count)."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += ("." if out else "") + part
    return f"`{out}`" if out else ""


def _value_at(data, loc):
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _fields_at(loc: tuple) -> list[str]:
    """The keys allowed in the table at `loc`, for 'did you mean' hints."""
    model: typing.Any = QuestionSet
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return []
        field = model.model_fields.get(part)
        if field is None:
            return []
        model = _inner_model(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _inner_model(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType):
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
