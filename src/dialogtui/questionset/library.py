"""Where question sets are found: the built-in method library and the user's own folder.

`listings()` reads only what a list needs (id, title, method) with tomllib, so the app's
start screen appears without waiting for pydantic; `scan()` validates every set fully.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dialogtui.errors import QuestionSetError, UnknownQuestionSet
from dialogtui.paths import user_sets_dir

if TYPE_CHECKING:
    from dialogtui.questionset.model import QuestionSet


def builtin_sets_dir() -> Path:
    """Inside an installed wheel the sets sit in the package; in a checkout, at the top."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "question_sets"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "question_sets"


def _files() -> list[tuple[str, Path]]:
    """(origin, path) of every set file, built-in first, so that a user's set comes later
    and shadows a built-in one with the same id."""
    found = []
    for origin, folder in (("built-in", builtin_sets_dir()), ("user", user_sets_dir())):
        if folder.is_dir():
            found += [(origin, path) for path in sorted(folder.glob("*.toml"))]
    return found


@dataclass(frozen=True)
class Listing:
    """What a list of sets shows, read without validation."""

    path: Path
    origin: str
    id: str
    title: str
    method: str


def _top_level(text: str) -> str:
    """The part of a TOML document before its first table: in TOML, top-level keys (id,
    title, method) can only stand there, and the steps after it are most of the file."""
    cut = re.search(r"^\s*\[", text, re.MULTILINE)
    return text[: cut.start()] if cut else text


def listings() -> list[Listing]:
    by_id: dict[str, Listing] = {}
    for origin, path in _files():
        try:
            data = tomllib.loads(_top_level(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
            continue  # `dialogtui validate` says what is wrong with it
        if isinstance(data.get("id"), str):
            by_id[data["id"]] = Listing(
                path,
                origin,
                data["id"],
                str(data.get("title", data["id"])),
                str(data.get("method", "")),
            )
    return sorted(by_id.values(), key=lambda item: item.id)


@dataclass(frozen=True)
class Entry:
    path: Path
    origin: str  # "built-in" or "user"
    question_set: QuestionSet | None
    error: QuestionSetError | None = None


def scan() -> list[Entry]:
    """Every set found and validated; broken ones last, with their problems."""
    from dialogtui.questionset.loader import load_question_set

    entries: dict[str, Entry] = {}
    broken: list[Entry] = []
    for origin, path in _files():
        try:
            qs = load_question_set(path)
        except QuestionSetError as exc:
            broken.append(Entry(path, origin, None, exc))
            continue
        entries[qs.id] = Entry(path, origin, qs)
    return sorted(entries.values(), key=lambda e: e.question_set.id) + broken


def locate(ref: str) -> Path:
    """The file of a set given by id, or by path to a .toml file."""
    candidate = Path(ref)
    if ref.endswith(".toml") or candidate.exists():
        return candidate
    found = listings()
    for item in found:
        if item.id == ref:
            return item.path
    close = difflib.get_close_matches(ref, [item.id for item in found], n=1)
    hint = f"; did you mean '{close[0]}'?" if close else "; `dialogtui sets` lists them"
    raise UnknownQuestionSet(f"no question set with id '{ref}'{hint}")


def find(ref: str) -> QuestionSet:
    from dialogtui.questionset.loader import load_question_set

    return load_question_set(locate(ref))


def find_with_text(ref: str) -> tuple[QuestionSet, str]:
    """The set and its exact text: a meeting keeps the text, so later edits don't change it."""
    from dialogtui.questionset.loader import parse_question_set, read_text

    path = locate(ref)
    text = read_text(path)
    return parse_question_set(text, path), text
