"""Where question sets are found: the built-in method library and the user's own folder.

`listings()` parses each file with tomllib (a real parse of the whole file, bounded and for
regular files only) and takes what a list needs (id, title, method, language, the set it
translates), so the app's start screen appears without waiting for pydantic; `scan()`
validates every set fully. A set and its translations are listed together (`grouped`), and
what a translation names must be a set of the library (`translation_problems`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

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
    language: str = ""
    translation_of: str | None = None  # the id of the set it translates


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
                    language=str(data.get("language", "")),
                    translation_of=_text_or_none(data.get("translation_of")),
                )
                continue
            problem = str(Problem(path, 1, 1, _("missing required key `{key}`").format(key="id")))
        broken.append(Listing(path, origin, path.stem, path.name, "", problem))
    return sorted(by_id.values(), key=lambda item: item.id) + broken


def _text_or_none(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


T = TypeVar("T")


def grouped(items: Sequence[T], keys: Callable[[T], tuple[str, str | None]]) -> list[tuple[T, int]]:
    """The items in their order, but each set's translations right under it (the Finnish
    klientmöte under the Swedish one), with how deep each stands: 0 for a set listed on
    its own, 1 for a translation under its original, 2 for a translation of that. `keys`
    gives an item's id and the id it translates. A translation whose original is not among
    the items (not found, or filtered out by a search) stands on its own, where it is, and
    so do sets that name each other in a circle."""
    by_id = {keys(item)[0]: item for item in items}

    def rooted(item: T) -> bool:
        """Its originals lead to a set listed on its own, not round in a circle."""
        seen: set[str] = set()
        own, original = keys(item)
        while original is not None and original in by_id and original not in seen:
            seen.add(own)
            own, original = keys(by_id[original])
        return original is None or original not in by_id

    under: dict[str, list[T]] = {}
    alone: list[T] = []
    for item in items:
        own, original = keys(item)
        if original is not None and original in by_id and original != own and rooted(item):
            under.setdefault(original, []).append(item)
        else:
            alone.append(item)
    out: list[tuple[T, int]] = []

    def place(item: T, depth: int) -> None:
        out.append((item, depth))
        for translation in under.get(keys(item)[0], []):
            place(translation, depth + 1)

    for item in alone:
        place(item, 0)
    return out


def translation_problems(qs: QuestionSet, text: str, path: Path | str) -> list[Problem]:
    """`translation_of` must name a set of the library (built-in or the user's) in another
    language than this one: the start screen lists a translation under its original, and
    a name that leads nowhere would silently list it alone."""
    original = qs.translation_of
    if original is None:
        return []
    from dialogtui.questionset.positions import key_positions
    from dialogtui.questionset.positions import locate as position_of

    line, col = position_of(key_positions(text), ("translation_of",))
    known = {item.id: item.language for item in listings() if item.problem is None}
    hint = None
    if original == qs.id:
        said = _("`translation_of`: a set is not a translation of itself")
    elif original not in known:
        said = _(
            "`translation_of`: no question set with id '{id}' in the library "
            "(`dialogtui sets` lists them)"
        ).format(id=original)
        close = difflib.get_close_matches(original, [i for i in known if i != qs.id], n=1)
        if close:
            hint = _("did you mean '{value}'?").format(value=close[0])
    elif known[original] == qs.language.value:
        said = _(
            "`translation_of`: '{id}' is in the same language ({language}); a translation is "
            "in another"
        ).format(id=original, language=qs.language.value)
    else:
        return []
    return [Problem(path, line, col, said, hint)]


@dataclass(frozen=True)
class Entry:
    path: Path
    origin: str  # "built-in" or "user"
    question_set: QuestionSet | None
    error: QuestionSetError | None = None


def scan() -> list[Entry]:
    """Every set found and validated; broken ones last, with their problems."""
    from dialogtui.questionset.loader import parse_question_set

    entries: dict[str, Entry] = {}
    broken: list[Entry] = []
    for origin, path in _files():
        try:
            text = read_text(path)
            qs = parse_question_set(text, path)
            _check_translation(qs, text, path)
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


def _check_translation(qs: QuestionSet, text: str, path: Path | str) -> None:
    problems = translation_problems(qs, text, path)
    if problems:
        raise QuestionSetError(problems)


def find(ref: str) -> QuestionSet:
    return find_with_text(ref)[0]


def find_with_text(ref: str) -> tuple[QuestionSet, str]:
    """The set and its exact text: a meeting keeps the text, so later edits don't change it."""
    from dialogtui.questionset.loader import parse_question_set

    path = locate(ref)
    text = read_text(path)
    qs = parse_question_set(text, path)
    _check_translation(qs, text, path)
    return qs, text
