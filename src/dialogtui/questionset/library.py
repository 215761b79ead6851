"""Where question sets are found: the built-in method library and the user's own folder.

`listings()` parses each file with tomllib (a real parse of the whole file, bounded and for
regular files only) and takes what a list needs (id, title, method, language, the set it
translates), so the app's start screen appears without waiting for pydantic; `scan()`
validates every set fully. A set and its translations are listed together (`grouped`), and
what a translation names must be a set of the library with the same steps and questions
(`translation_problems`; the list itself compares only their outlines, which is cheap).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
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
    # Its id was read (not a file that is not TOML): it can be looked for by id, even when
    # what it translates is wrong.
    read: bool = False

    @property
    def listed_under(self) -> str | None:
        """The set it is listed under: its original, unless what it translates is wrong."""
        return None if self.problem else self.translation_of


def listings() -> list[Listing]:
    by_id: dict[str, Listing] = {}
    broken: list[Listing] = []
    outlines: dict[str, tuple[object, ...] | None] = {}
    texts: dict[str, str] = {}
    for origin, path in _files():
        try:
            text = read_text(path)
            data = read_toml(text, path)
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
                    read=True,
                )
                outlines[data["id"]] = outline(data)
                texts[data["id"]] = text
                continue
            problem = str(Problem(path, 1, 1, _("missing required key `{key}`").format(key="id")))
        broken.append(Listing(path, origin, path.stem, path.name, "", problem))
    # A translation that names nothing, itself, its own language or a circle, or whose
    # steps and questions are not its original's, is listed on its own with that problem:
    # under a set it does not follow it would be taken for that method.
    known = {item.id: (item.language, item.translation_of) for item in by_id.values()}
    for item in list(by_id.values()):
        if item.translation_of is None:
            continue
        found = _naming_problem(item.id, item.language, item.translation_of, known)
        mine, theirs = outlines[item.id], outlines.get(item.translation_of)
        if found is None and mine is not None and theirs is not None and mine != theirs:
            found = (
                _("`translation_of`: '{id}' has other steps or questions than this set").format(
                    id=item.translation_of
                ),
                None,
            )
        if found is not None:
            said, hint = found
            line, col = _translation_of_at(texts[item.id])
            problem = str(Problem(item.path, line, col, said, hint))
            by_id[item.id] = replace(item, problem=problem)
    return sorted(by_id.values(), key=lambda item: item.id) + broken


def outline(data: dict[str, object]) -> tuple[object, ...] | None:
    """A set's shape as its TOML reads, before any validation: each step's kind and number
    of questions, and the roles' ids. Cheap enough for a list of every set (and here, not
    with the full check, so that a list imports no pydantic); two sets whose outlines
    differ differ in structure (`translation.differences` says where). None if the data
    is not a set's shape at all (validating it says why)."""
    steps, roles = data.get("steps"), data.get("roles", [])
    if not isinstance(steps, list) or not isinstance(roles, list):
        return None
    if not all(isinstance(item, dict) for item in [*steps, *roles]):
        return None
    return (
        tuple((step.get("kind"), _count(step.get("questions"))) for step in steps),
        tuple(role.get("id") for role in roles),
    )


def _count(value: object) -> int:
    return len(value) if isinstance(value, list) else 0


def _translation_of_at(text: str) -> tuple[int, int]:
    from dialogtui.questionset.positions import key_positions
    from dialogtui.questionset.positions import locate as position_of

    return position_of(key_positions(text), ("translation_of",))


def _naming_problem(
    own: str, language: str, original: str, known: dict[str, tuple[str, str | None]]
) -> tuple[str, str | None] | None:
    """What is wrong with the set a translation names, by the library's list alone: the
    message and a hint, or None."""
    if original == own:
        return _("`translation_of`: a set is not a translation of itself"), None
    if original not in known:
        said = _(
            "`translation_of`: no question set with id '{id}' in the library "
            "(`dialogtui sets` lists them)"
        ).format(id=original)
        close = difflib.get_close_matches(original, [i for i in known if i != own], n=1)
        hint = _("did you mean '{value}'?").format(value=close[0]) if close else None
        return said, hint
    if known[original][0] == language:
        said = _(
            "`translation_of`: '{id}' is in the same language ({language}); a translation is "
            "in another"
        )
        return said.format(id=original, language=language), None
    # Its originals, followed up: a set that leads back here would stand under itself.
    seen = {own}
    step: str | None = original
    while step is not None and step in known and step not in seen:
        seen.add(step)
        step = known[step][1]
    if step == own:
        said = _(
            "`translation_of`: '{id}' is itself, through what it translates, a translation "
            "of this set; one of them is the original"
        )
        return said.format(id=original), None
    return None


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


def translation_problems(
    qs: QuestionSet,
    text: str,
    path: Path | str,
    parsed: Mapping[str, QuestionSet] | None = None,
    library: Sequence[Listing] | None = None,
) -> list[Problem]:
    """`translation_of` must name a set of the library (built-in or the user's) in another
    language than this one, not round in a circle, with the same steps, questions, roles,
    times and kinds (only the words differ): the start screen lists a translation under its
    original, and a name that leads nowhere would silently list it alone, one that leads
    to another method would list it as that one. `parsed`: sets already validated, by id,
    so that a list of every set reads none twice, and `library` the list, read once."""
    original = qs.translation_of
    if original is None:
        return []
    from dialogtui.questionset.positions import key_positions
    from dialogtui.questionset.positions import locate as position_of

    positions = key_positions(text)  # read once: for `translation_of` and for a difference
    line, col = position_of(positions, ("translation_of",))
    items = {item.id: item for item in (listings() if library is None else library) if item.read}
    known = {item.id: (item.language, item.translation_of) for item in items.values()}
    known[qs.id] = (qs.language.value, original)  # as this text says, whatever the list read
    found = _naming_problem(qs.id, qs.language.value, original, known)
    if found is not None:
        return [Problem(path, line, col, *found)]
    theirs = (parsed or {}).get(original)
    if theirs is None:
        from dialogtui.questionset.loader import parse_question_set

        try:
            theirs = parse_question_set(read_text(items[original].path), items[original].path)
        except QuestionSetError:
            said = _(
                "`translation_of`: '{id}' has problems of its own (`dialogtui validate {path}`)"
            )
            return [Problem(path, line, col, said.format(id=original, path=items[original].path))]
    from dialogtui.questionset.translation import first_difference

    difference = first_difference(theirs, qs)
    if difference is None:
        return []
    # Where it differs, if the file says it there; else at `translation_of`.
    at = position_of(positions, difference.where) if difference.where else (line, col)
    said = _("not the same set in other words as '{id}', which it translates: {difference}")
    return [Problem(path, *at, said.format(id=original, difference=difference))]


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
    texts: dict[str, str] = {}
    for origin, path in _files():
        try:
            text = read_text(path)
            qs = parse_question_set(text, path)
        except QuestionSetError as exc:
            broken.append(Entry(path, origin, None, exc))
            continue
        entries[qs.id] = Entry(path, origin, qs)
        texts[qs.id] = text
    # Translations checked once every set is read, against the sets as read here.
    parsed = {key: e.question_set for key, e in entries.items() if e.question_set is not None}
    library = listings()
    for key, qs in parsed.items():
        problems = translation_problems(qs, texts[key], entries[key].path, parsed, library)
        if problems:
            broken.append(
                Entry(entries[key].path, entries[key].origin, None, QuestionSetError(problems))
            )
            del entries[key]
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
    found = [item for item in listings() if item.read]
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
