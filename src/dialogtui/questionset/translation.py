"""A set that says it is the translation of another (`translation_of`) is that set in other
words: the same steps, questions in the same order, roles, times, kinds and shapes, and
every text translated.

`differences` compares the two models field by field. Every field of the format is either
words (translated, so only whether it is there is the original's) or structure (the
original's, value for value). The app refuses a translation whose structure differs (it
would be listed under a set it does not follow, and its minutes read as that method's);
the words' own checks (a text left untranslated, a placeholder lost, a text much longer or
shorter than its original) are heuristics, held strictly by the tests of the shipped sets
and not imposed on a user's own translation (Danish and Norwegian share many words).
Plain Python: no Textual.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from dialogtui.i18n import _
from dialogtui.questionset.model import (
    ActionColumn,
    Block,
    Choice,
    ChoiceOption,
    Facilitators,
    Groups,
    Guidance,
    Horizon,
    Question,
    QuestionSet,
    Repeat,
    Role,
    Scale,
    ScalePoint,
    Source,
    Step,
    StepAlternatives,
    Timebox,
    Vote,
)

Place = tuple[str | int, ...]

# What is words, to be translated, per model of the format; every other field is the set's
# structure and must be the original's, value for value. A field added to the format must be
# put in one of the two (a test holds every model's fields to it).
WORDS: dict[type[BaseModel], set[str]] = {
    QuestionSet: {"title", "method", "description", "consent_text"},
    Facilitators: {"asker", "writer"},
    Guidance: {"text"},
    Role: {"name", "description", "stand_in"},
    Step: {"title", "text", "note", "ours", "optional", "places"},
    Question: {"text", "prompts", "note", "ours"},
    ScalePoint: {"zone", "description", "need"},
    ChoiceOption: {"label", "description"},
    ActionColumn: {"label"},
    Block: {"each"},
    StepAlternatives: {"ours"},
}
# The set's own: its id and language, what it translates, and what its `ours` says of it.
OWN = {"id", "language", "translation_of", "ours"}
STRUCTURE: dict[type[BaseModel], set[str]] = {
    QuestionSet: {
        *("source", "horizon", "consent", "consent_required", "facilitators"),
        *("break_minutes", "standpoints", "guidance", "roles", "steps", "blocks"),
        "alternatives",
    },
    Source: {"document", "page", "total"},  # the same source, cited as it is written
    Horizon: {"years", "months"},
    Facilitators: set(),
    Guidance: {"page", "applies"},
    Role: {"id", "family"},
    Step: {
        *("id", "kind", "minutes", "at", "see", "journal", "roles", "order", "over", "form"),
        *("groups", "questions", "alternatives", "timebox", "repeat", "scale", "choice"),
        *("vote", "columns"),
    },
    Groups: {"by", "count", "step", "meet"},
    Question: {"to", "asked"},
    Timebox: {"per", "minutes", "max_minutes"},
    Repeat: {"min", "max"},
    Scale: {"points", "rated_by"},
    ScalePoint: {"value"},
    Choice: {"options", "ratings", "several", "continuum"},
    ChoiceOption: {"id"},
    Vote: {"dots", "keep"},
    ActionColumn: {"field"},
    Block: {"steps", "repeat", "consent"},
    StepAlternatives: {"steps"},
}

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
# How much longer or shorter a translated text may be than its original. Finnish runs
# shorter than Swedish in words, longer in letters; a text further off is another text (two
# questions swapped) or half a one.
SHORTEST, LONGEST = 0.45, 2.2


@dataclass(frozen=True)
class Difference:
    """One place where a translation is not its original in other words."""

    where: Place  # the place in the translation's data (0-based), as its TOML keys name it
    said: str
    words: bool = False  # only its words differ: the strict check's, not the app's

    @property
    def place(self) -> str:
        """The place as a reader counts: steps[2].questions[1].text."""
        out = ""
        for part in self.where:
            out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
        return out

    def __str__(self) -> str:
        return f"{self.place}: {self.said}" if self.where else self.said


def signs(text: str) -> tuple[object, ...]:
    """What a translation keeps of a text whatever the language: its time placeholders and
    numbers, in order, its brackets, and how it ends (a question stays a question)."""
    end = text.rstrip()[-1:] if text.rstrip()[-1:] in ("?", ".", ":", "!") else ""
    return (
        PLACEHOLDER.findall(text),
        re.findall(r"\d+", PLACEHOLDER.sub("", text)),
        text.count("("),
        end,
    )


def differences(
    original: QuestionSet, translation: QuestionSet, *, words: bool = True
) -> list[Difference]:
    """Where the translation is not its original in other words, in the order of the file;
    empty if it is. Without `words`, only its structure: what the app refuses."""
    found: list[Difference] = []
    if words:
        said = translation.ours or ""
        if original.id not in said or original.source.document not in said:
            found.append(
                Difference(
                    ("ours",),
                    _("`ours` does not name the set translated and its source document"),
                    words=True,
                )
            )
    _compare(original, translation, (), found, {}, words)
    return found


def first_difference(original: QuestionSet, translation: QuestionSet) -> Difference | None:
    """The first place where the translation's structure is not the original's."""
    found = differences(original, translation, words=False)
    return found[0] if found else None


def _compare(
    a: Any, b: Any, where: Place, found: list[Difference], pairs: dict[str, str], words: bool
) -> None:
    if isinstance(a, BaseModel):
        if type(a) is not type(b):
            said = _("{kind} where the original has {original}")
            found.append(
                Difference(where, said.format(kind=type(b).__name__, original=type(a).__name__))
            )
            return
        texts = WORDS.get(type(a), set())
        for name in type(a).model_fields:
            if type(a) is QuestionSet and name in OWN:
                continue
            at = (*where, name)
            if name in texts:
                _words(getattr(a, name), getattr(b, name), at, found, pairs, words)
            else:
                _compare(getattr(a, name), getattr(b, name), at, found, pairs, words)
        if isinstance(a, Scale) and isinstance(b, Scale):
            _same_zones(a, b, where, found)
    elif isinstance(a, list) and isinstance(b, list):
        for n, (x, y) in _pairs(a, b, where, found):
            _compare(x, y, (*where, n), found, pairs, words)
    elif a != b:
        said = _("{value} where the original has {original}")
        found.append(Difference(where, said.format(value=_shown(b), original=_shown(a))))


def _pairs(
    a: list[Any], b: list[Any], where: Place, found: list[Difference]
) -> list[tuple[int, tuple[Any, Any]]]:
    """The original's items and the translation's, side by side and numbered; none, and
    the difference noted, where they are not as many."""
    if len(a) != len(b):
        said = _("{n} for the original's {count}")
        found.append(Difference(where, said.format(n=len(b), count=len(a))))
        return []
    return list(enumerate(zip(a, b, strict=True)))


def _shown(value: Any) -> str:
    """A value as the set's file writes it: an enum by its value, not its Python name."""
    value = getattr(value, "value", value)
    return repr(value) if isinstance(value, str) else str(value)


def _words(
    a: Any, b: Any, where: Place, found: list[Difference], pairs: dict[str, str], words: bool
) -> None:
    if isinstance(a, list) or isinstance(b, list):
        for n, (x, y) in _pairs(a or [], b or [], where, found):
            _words(x, y, (*where, n), found, pairs, words)
        return
    if (a is None) != (b is None):
        said = _("missing in the translation") if b is None else _("added in the translation")
        found.append(Difference(where, said))
        return
    if a is None or not words:
        return
    if not b.strip():
        said = _("empty in the translation")
    elif b.strip().casefold() == a.strip().casefold():
        said = _("not translated: {text!r}").format(text=b)
    elif signs(a) != signs(b):
        said = _("{signs} where the original has {original}: {text!r}").format(
            signs=signs(b), original=signs(a), text=b
        )
    elif not SHORTEST <= len(b) / len(a) <= LONGEST:
        said = _("length {n} for the original's {count}: {text!r}").format(
            n=len(b), count=len(a), text=b
        )
    elif pairs.setdefault(a, b) != b:
        said = _("{text!r}, but the same original text elsewhere is {other!r}").format(
            text=b, other=pairs[a]
        )
    else:
        return
    found.append(Difference(where, said, words=True))


def _same_zones(a: Scale, b: Scale, where: Place, found: list[Difference]) -> None:
    """Points that share a zone share it in the translation too ("Liten oro", 2 and 3)."""
    ours = [[q.zone == p.zone for q in b.points] for p in b.points]
    theirs = [[q.zone == p.zone for q in a.points] for p in a.points]
    if ours != theirs:
        said = _("the points share zones otherwise than the original's")
        found.append(Difference((*where, "points"), said, words=True))
