"""Where a set's texts come from: each step's lines in its source document (`at`), found
and checked the same way by the test that keeps the library faithful and by
`scripts/locate-sources`, which writes them.

A transcript's layout is undone before comparing (line breaks, hyphenation at line ends,
markdown bold); a time placeholder stands for whatever date the source wrote.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dialogtui.questionset.model import QuestionSet, Step


def normalise(text: str) -> str:
    """Undo the transcripts' layout: markdown bold, line breaks, hyphenation at line ends."""
    text = text.replace("*", "")
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"([a-zæøåäö])- ([a-zæøåäö])", r"\1\2", text)
    text = text.replace("/ ", "/")
    return text.strip().casefold()


def as_pattern(text: str) -> re.Pattern:
    """A time placeholder stands for whatever date the source wrote ("januari? 2011")."""
    parts = re.split(r"(\{future\}|\{past\}|\{future_year\}|\{past_year\})", normalise(text))
    regex = ""
    for part in parts:
        if part in ("{future}", "{past}"):
            regex += r"[\w?]+ \d{4}\??"
        elif part in ("{future_year}", "{past_year}"):
            regex += r"\d{4}(?:/\d{4})?"
        else:
            regex += re.escape(part)
    return re.compile(regex)


def step_texts(step: Step) -> list[str]:
    """The texts of a step that claim to be its source's words."""
    texts = [step.text] if step.text else []
    for q in step.questions:
        texts += [q.text, *q.prompts]
    if step.scale:
        for p in step.scale.points:
            texts += [p.zone, p.description] + ([p.need] if p.need else [])
    if step.choice:
        for o in step.choice.options:
            texts += [o.label] + ([o.description] if o.description else [])
    if step.optional:
        texts.append(step.optional)
    return texts


def set_texts(qs: QuestionSet) -> list[str]:
    """Every text of a set that claims to be its source's words."""
    texts = [qs.description] if qs.description else []
    for step in qs.steps:
        texts += step_texts(step)
    if qs.consent_text:
        texts.append(qs.consent_text)
    return texts + [g.text for g in qs.guidance]  # `ours` is the set's own: not looked for


def lines_at(at: str) -> tuple[int, int]:
    """ "L98-105" as the lines 98 to 105 (counted from 1)."""
    first, _, last = at.removeprefix("L").partition("-")
    return int(first), int(last or first)


def found_in(text: str, lines: list[str], first: int, last: int) -> bool:
    """The text stands, word for word, within lines first..last of the document."""
    return bool(as_pattern(text).search(normalise(" ".join(lines[first - 1 : last]))))


def locate(text: str, lines: list[str]) -> tuple[int, int] | None:
    """The fewest lines that hold the text, (first, last) counted from 1, or None. The
    lines up to one that holds it, and from one on, are found by halving."""
    if not found_in(text, lines, 1, len(lines)):
        return None
    low, high = 1, len(lines)  # the first `last` whose prefix holds it
    while low < high:
        mid = (low + high) // 2
        low, high = (low, mid) if found_in(text, lines, 1, mid) else (mid + 1, high)
    last = low
    low, high = 1, last  # the last `first` from which lines first..last hold it
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if found_in(text, lines, mid, last) else (low, mid - 1)
    return low, last


NEAR = 3  # lines around a place in which a text is looked for first


def locate_near(text: str, lines: list[str], first: int, last: int) -> tuple[int, int] | None:
    """The text's lines nearest to lines first..last (within NEAR of them), else anywhere."""
    for radius in range(NEAR + 1):
        lo = max(0, first - 1 - radius)
        near = locate(text, lines[lo : last + radius])
        if near is not None:
            return near[0] + lo, near[1] + lo
    return locate(text, lines)


def home(qs: QuestionSet, lines: list[str]) -> tuple[int, int] | None:
    """Where a set's own part of its document is: the lines of its texts that stand in one
    place only (a handbook repeats its opening round in every chapter)."""
    full = normalise(" ".join(lines))
    once = [t for t in set_texts(qs) if len(as_pattern(t).findall(full)) == 1]
    spans = [s for s in (locate(t, lines) for t in once) if s]
    return sorted(spans)[len(spans) // 2] if spans else None


def step_lines(
    step: Step, lines: list[str], near: tuple[int, int] | None = None
) -> tuple[int, int] | None:
    """The lines that hold all of a step's texts, or None if one is not found. A short text
    ("En startrunda med namn …") stands in many places of a handbook: each is looked for
    first near the set's own part (`near`), then near the step's longest text."""
    texts = sorted(step_texts(step), key=len, reverse=True)
    if not texts:
        return None
    anchor = locate_near(texts[0], lines, *near) if near else locate(texts[0], lines)
    if anchor is None:
        return None
    first, last = anchor
    for text in texts[1:]:
        span = locate_near(text, lines, first, last)
        if span is None:
            return None
        first, last = min(first, span[0]), max(last, span[1])
    return first, last
