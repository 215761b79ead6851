"""Load a question set from TOML, turning every problem into `file:line:col: message`."""

from __future__ import annotations

import difflib
import re
import types
import typing
from pathlib import Path

from pydantic import BaseModel, ValidationError

from dialogtui.errors import Problem, QuestionSetError
from dialogtui.i18n import N_, _
from dialogtui.questionset.files import read_text
from dialogtui.questionset.model import QuestionSet
from dialogtui.questionset.positions import key_positions, locate
from dialogtui.questionset.references import reference_problems
from dialogtui.questionset.shapes import shape_problems
from dialogtui.questionset.syntax import read_toml


def load_question_set(path: Path) -> QuestionSet:
    """Read and validate one question-set file, or raise `QuestionSetError`."""
    text = read_text(path)
    return parse_question_set(text, path)


def parse_question_set(text: str, path: Path | str) -> QuestionSet:
    problems: list[Problem] = []
    if not text.strip():
        raise QuestionSetError(
            [
                Problem(
                    path, 1, 1, _("the file is empty; `dialogtui new ID` writes a starting point")
                )
            ]
        )
    data = read_toml(text, path)
    positions = key_positions(text)
    try:
        qs = QuestionSet.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            problems.append(_validation_problem(err, data, positions, path))
        raise QuestionSetError(_dedupe(problems)) from None
    for loc, message in [*reference_problems(qs), *shape_problems(qs)]:
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


def _validation_problem(err, data, positions, path) -> Problem:
    loc = tuple(err["loc"])
    kind = err["type"]
    hint = None
    name = _describe(loc)
    if kind == "extra_forbidden":
        key = str(loc[-1])
        message = _("unknown key `{key}`").format(key=key)
        close = difflib.get_close_matches(key, _fields_at(loc[:-1]), n=1, cutoff=0.6)
        if close:
            hint = _("did you mean `{key}`?").format(key=close[0])
        else:
            allowed = _fields_at(loc[:-1])
            if allowed:
                hint = _("allowed here: {keys}").format(keys=", ".join(allowed))
    elif kind == "missing":
        said = _("missing required key `{key}` in this table") if len(loc) > 1 else None
        message = (said or _("missing required key `{key}`")).format(key=loc[-1])
        loc = loc[:-1]
    elif kind in ("enum", "literal_error"):
        expected = err.get("ctx", {}).get("expected", "")
        got = _value_at(data, loc)
        options = re.findall(r"'([^']+)'", expected)
        listed = ", ".join(f"'{o}'" for o in options) or expected
        said = _("'{value}' is not allowed; expected one of {options}")
        message = f"{name}: " + said.format(value=got, options=listed)
        close = difflib.get_close_matches(str(got), options, n=1, cutoff=0.6)
        if close:
            hint = _("did you mean '{value}'?").format(value=close[0])
    elif kind == "list_type":
        got = _value_at(data, loc)
        message = f"{name}: " + _("should be a list, in brackets")
        if isinstance(got, str) and "," in got:  # "Nära, Långt": the items, to be quoted
            items = ", ".join(f'"{item.strip()}"' for item in got.split(","))
            hint = _("write {example}").format(example=f"`{loc[-1]} = [{items}]`")
        else:
            hint = _("write {example}").format(example=f'`{loc[-1]} = ["…", "…"]`')
    else:
        msg = _pydantic_message(err)
        message = f"{name}: {msg}" if name else msg
    line, col = locate(positions, loc)
    return Problem(path, line, col, message, hint)


# pydantic's own messages, by the error's type, in the user's language; the context's
# values (`ge`, `min_length`) fill them. A type not here keeps pydantic's English.
_PYDANTIC = {
    "int_type": N_("input should be a valid integer"),
    "int_parsing": N_("input should be a valid integer"),
    "int_from_float": N_("input should be a valid integer"),
    "bool_type": N_("input should be a valid boolean: true or false"),
    "bool_parsing": N_("input should be a valid boolean: true or false"),
    "string_type": N_("input should be text, in quotes"),
    "float_type": N_("input should be a number"),
    "float_parsing": N_("input should be a number"),
    "greater_than_equal": N_("input should be greater than or equal to {ge}"),
    "greater_than": N_("input should be greater than {gt}"),
    "less_than_equal": N_("input should be less than or equal to {le}"),
    "less_than": N_("input should be less than {lt}"),
    "too_short": N_("list should have at least {min_length} items, not {actual_length}"),
    "too_long": N_("list should have at most {max_length} items, not {actual_length}"),
    "string_too_short": N_("should not be empty"),
    "string_too_long": N_("should be at most {max_length} characters long"),
    "string_pattern_mismatch": N_("should match the pattern {pattern}"),
    "model_type": N_("should be a table"),
    "model_attributes_type": N_("should be a table"),
    "dict_type": N_("should be a table"),
}


def _pydantic_message(err) -> str:
    ctx = {key: str(value) for key, value in (err.get("ctx") or {}).items()}
    template = _PYDANTIC.get(err["type"])
    if template is not None:
        try:
            return _(template).format(**ctx)
        except (KeyError, IndexError):
            pass  # a context pydantic did not give: its own words then
    if err["type"] == "value_error" and "error" in ctx:
        return ctx["error"]  # dialogtui's own check: already in the user's language
    msg = err["msg"]
    return f"{msg[:1].lower()}{msg[1:]}"


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
