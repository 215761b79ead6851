"""Where question sets are found: the built-in method library and the user's own folder."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from dialogtui.errors import QuestionSetError, UnknownQuestionSet
from dialogtui.paths import user_sets_dir
from dialogtui.questionset.loader import load_question_set, parse_question_set, read_text
from dialogtui.questionset.model import QuestionSet


def builtin_sets_dir() -> Path:
    """Inside an installed wheel the sets sit in the package; in a checkout, at the top."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "question_sets"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "question_sets"


@dataclass(frozen=True)
class Entry:
    path: Path
    origin: str  # "built-in" or "user"
    question_set: QuestionSet | None
    error: QuestionSetError | None = None


def scan() -> list[Entry]:
    """Every set found, built-in first; a user's set with a built-in id shadows it."""
    entries: dict[str, Entry] = {}
    broken: list[Entry] = []
    for origin, folder in (("built-in", builtin_sets_dir()), ("user", user_sets_dir())):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
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
    entries = scan()
    for entry in entries:
        if entry.question_set and entry.question_set.id == ref:
            return entry.path
    ids = [e.question_set.id for e in entries if e.question_set]
    close = difflib.get_close_matches(ref, ids, n=1)
    hint = f"; did you mean '{close[0]}'?" if close else "; `dialogtui sets` lists them"
    raise UnknownQuestionSet(f"no question set with id '{ref}'{hint}")


def find(ref: str) -> QuestionSet:
    return load_question_set(locate(ref))


def find_with_text(ref: str) -> tuple[QuestionSet, str]:
    """The set and its exact text: a meeting keeps the text, so later edits don't change it."""
    path = locate(ref)
    text = read_text(path)
    return parse_question_set(text, path), text
