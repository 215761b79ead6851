"""The JSON Schema and the Markdown format reference, both generated from the models."""

from __future__ import annotations

import json
import typing

from pydantic import BaseModel

from dialogtui.questionset.kinds import StepKind
from dialogtui.questionset.model import QuestionSet

SCHEMA_ID = "https://dialogtui.invalid/question-set.schema.json"


def json_schema() -> dict:
    schema = QuestionSet.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "dialogtui question set"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def _type_name(annotation) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Literal:
        return " | ".join(f'"{a}"' for a in args)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if origin is list:
        return f"array of {_type_name(args[0])}"
    if args and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return " | ".join(_type_name(a) for a in rest)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"table ({annotation.__name__})"
    if isinstance(annotation, type) and issubclass(annotation, str) and annotation is not str:
        return " | ".join(f'"{m.value}"' for m in annotation)  # type: ignore[attr-defined]  # a StrEnum
    return getattr(annotation, "__name__", str(annotation))


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.append(model)
        for field in model.model_fields.values():
            for inner in _nested(field.annotation):
                visit(inner)

    visit(root)
    return seen


def _nested(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    out = []
    for arg in typing.get_args(annotation):
        out += _nested(arg)
    return out


def markdown_reference() -> str:
    """docs/question-set-format.md; a test keeps the committed copy in step with the models."""
    lines = [
        "# Question-set format reference",
        "",
        "<!-- Generated from src/dialogtui/questionset/model.py and step.py by "
        "`scripts/gen-docs`. "
        "Do not edit by hand. -->",
        "",
        "A question set is a TOML file. Unknown keys are errors, so a typo is caught by "
        "`dialogtui validate`. Editors that understand JSON Schema can check a file as you "
        "type: put `#:schema <path to question-set.schema.json>` on its first line "
        "(`dialogtui schema > question-set.schema.json` writes the schema).",
        "",
        "Question texts may hold time placeholders, resolved from the meeting date and the "
        "set's `horizon`: `{future}` (month and year after the horizon, e.g. *januari 2027*), "
        "`{past}` (the meeting's own month and year, seen from the future), `{future_year}` "
        "and `{past_year}`.",
        "",
        "Step kinds: " + ", ".join(f"`{k.value}`" for k in StepKind) + ".",
        "",
    ]
    for model in _models(QuestionSet):
        title = "Top level" if model is QuestionSet else f"`{model.__name__}`"
        lines += [f"## {title}", ""]
        doc = (model.__doc__ or "").strip().splitlines()
        if doc and model is not QuestionSet:
            lines += [doc[0], ""]
        lines += ["| key | type | required | description |", "|---|---|---|---|"]
        for name, field in model.model_fields.items():
            required = "yes" if field.is_required() else "no"
            desc = (field.description or "").replace("|", "\\|")
            type_name = _type_name(field.annotation).replace("|", "\\|")
            lines.append(f"| `{name}` | {type_name} | {required} | {desc} |")
        lines.append("")
    return "\n".join(lines)
