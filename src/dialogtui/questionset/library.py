"""Where question sets are found: the built-in method library and the user's own folder.

`listings()` parses each file with tomllib (a real parse of the whole file, bounded and for
regular files only) and takes what a list needs (id, title, method), so the app's start
screen appears without waiting for pydantic; `scan()` validates every set fully.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dialogtui.errors import Problem, QuestionSetError, UnknownQuestionSet
from dialogtui.i18n import _
from dialogtui.paths import user_sets_dir
from dialogtui.questionset.files import read_text
from dialogtui.questionset.syntax import read_toml

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
    """What a list of sets shows, read without validation. A file that cannot be read as
    TOML is listed too, with its problem, so that it never silently disappears."""

    path: Path
    origin: str
    id: str
    title: str
    method: str
    problem: str | None = None


def listings() -> list[Listing]:
    by_id: dict[str, Listing] = {}
    broken: list[Listing] = []
    for origin, path in _files():
        try:
            data = read_toml(read_text(path), path)
        except QuestionSetError as exc:
            problem = str(exc)
        else:
            if isinstance(data.get("id"), str) and data["id"]:
                by_id[data["id"]] = Listing(
                    path,
                    origin,
                    data["id"],
                    str(data.get("title", data["id"])),
                    str(data.get("method", "")),
                )
                continue
            problem = str(Problem(path, 1, 1, _("missing required key `{key}`").format(key="id")))
        broken.append(Listing(path, origin, path.stem, path.name, "", problem))
    return sorted(by_id.values(), key=lambda item: item.id) + broken


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
    return (
        sorted(entries.values(), key=lambda e: e.question_set.id if e.question_set else "") + broken
    )


def locate(ref: str) -> Path:
    """The file of a set given by id, or by path to a .toml file."""
    candidate = Path(ref)
    if ref.endswith(".toml") or candidate.exists():
        if not candidate.exists():
            raise UnknownQuestionSet(_("{file}: no such file").format(file=ref))
        return candidate
    found = [item for item in listings() if item.problem is None]
    for item in found:
        if item.id == ref:
            return item.path
    close = difflib.get_close_matches(ref, [item.id for item in found], n=1)
    said = (
        _("no question set with id '{id}'; did you mean '{close}'?")
        if close
        else _("no question set with id '{id}'; `dialogtui sets` lists them")
    )
    raise UnknownQuestionSet(said.format(id=ref, close=close[0] if close else ""))


def find(ref: str) -> QuestionSet:
    from dialogtui.questionset.loader import load_question_set

    return load_question_set(locate(ref))


def find_with_text(ref: str) -> tuple[QuestionSet, str]:
    """The set and its exact text: a meeting keeps the text, so later edits don't change it."""
    from dialogtui.questionset.loader import parse_question_set

    path = locate(ref)
    text = read_text(path)
    return parse_question_set(text, path), text
