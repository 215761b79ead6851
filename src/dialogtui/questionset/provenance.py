"""Where a set's texts come from: each step's lines in its source document (`at`), found
and checked the same way by the test that keeps the library faithful and by
`scripts/locate-sources`, which writes them.

A transcript's layout is undone before comparing (line breaks, hyphenation at line ends,
markdown bold); a time placeholder stands for whatever date the source wrote.

Everything a set shows as its source's is checked, not only what is read aloud: the notes,
titles, column labels, a map's places, the roles, a block's name (`shown_texts`). What the
source does not say is the set's own, and its `ours` says so by quoting it. A handbook
repeats its opening round in every chapter: a text that stands in several places must be
found at its occurrence inside the set's own part of the document (`Part`), not at any line
of a range that happens to hold another chapter's copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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


@dataclass(frozen=True)
class Part:
    """A set's own part of its document: from a column of one line to a column of another
    (lines counted from 1, the end column not included; None for the line's end). A page of
    the SamTidigt transcript is one line that ends one Träff and begins the next."""

    first: int
    last: int
    start: int = 0
    end: int | None = None

    @classmethod
    def between(cls, lines: list[str], at: str, begin: str | None, end: str | None) -> Part:
        """The lines `at`, from where `begin` stands in them (its first occurrence) to where
        `end` stands after it. A marker not there is a mistake in the table that marks the
        part (tests/sources/), never a silent whole line: an AssertionError, not for users."""
        first, last = lines_at(at)
        start, stop = 0, None
        if begin is not None:
            start = lines[first - 1].find(begin)
            if start < 0:
                raise AssertionError(f"{begin!r} is not on line {first}")
        if end is not None:
            after = start if last == first else 0
            stop = lines[last - 1].find(end, after)
            if stop < 0:
                raise AssertionError(f"{end!r} is not on line {last}")
        return cls(first, last, start, stop)

    def window(self, lines: list[str], first: int, last: int) -> str:
        """Lines first..last of the document, cut to this part ("" where they miss it)."""
        lo, hi = max(first, self.first), min(last, self.last)
        if lo > hi:
            return ""
        chunk = list(lines[lo - 1 : hi])
        if hi == self.last and self.end is not None:
            chunk[-1] = chunk[-1][: self.end]
        if lo == self.first:
            chunk[0] = chunk[0][self.start :]
        return " ".join(chunk)


def found_in(
    text: str,
    lines: list[str],
    first: int,
    last: int,
    part: Part | None = None,
    word: bool = False,
) -> bool:
    """The text stands, word for word, within lines first..last of the document (and inside
    `part`, where given). A `word` (a title, a label) stands as whole words: "Vad" is not
    the start of "vadå"."""
    window = part.window(lines, first, last) if part else " ".join(lines[first - 1 : last])
    pattern = as_pattern(text).pattern
    if word:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    return bool(re.search(pattern, normalise(window)))


def occurrences(text: str, lines: list[str]) -> int:
    """How many times the text stands in the whole document."""
    return len(as_pattern(text).findall(normalise(" ".join(lines))))


def locate(text: str, lines: list[str], word: bool = False) -> tuple[int, int] | None:
    """The fewest lines that hold the text, (first, last) counted from 1, or None. The
    lines up to one that holds it, and from one on, are found by halving."""
    if not found_in(text, lines, 1, len(lines), word=word):
        return None
    low, high = 1, len(lines)  # the first `last` whose prefix holds it
    while low < high:
        mid = (low + high) // 2
        low, high = (low, mid) if found_in(text, lines, 1, mid, word=word) else (mid + 1, high)
    last = low
    low, high = 1, last  # the last `first` from which lines first..last hold it
    while low < high:
        mid = (low + high + 1) // 2
        low, high = (mid, high) if found_in(text, lines, mid, last, word=word) else (low, mid - 1)
    return low, last


def step_lines(step: Step, lines: list[str], part: Part | None = None) -> tuple[int, int] | None:
    """The fewest lines that hold all of a step's texts (those its `ours` does not quote as
    its own), or None if one is not found. A text the document has more than once is looked
    for inside the set's own part only (`part`): its opening round, not another chapter's."""
    own = lines
    if part is not None:
        own = [part.window(lines, n, n) for n in range(1, len(lines) + 1)]
    first, last = len(lines) + 1, 0
    texts = claimed(step)
    # The texts said once place the step; a repeated one is then looked for from there on
    # (a slide's later "Vad fick din oro att minska?"), else anywhere in the part.
    once = [(t, w) for t, w in texts if part is None or occurrences(t, lines) == 1]
    for text, word in once + [tw for tw in texts if tw not in once]:
        if (text, word) in once:
            span = locate(text, lines, word)
        else:
            after = ["" if n < first <= len(lines) else line for n, line in enumerate(own, 1)]
            span = locate(text, after, word) or locate(text, own, word)
        if span is None:
            return None
        first, last = min(first, span[0]), max(last, span[1])
    return (first, last) if last else None


# What a step shows as its source's besides what is read aloud (`step_texts`), each with the
# `ours` that would say it is the set's own: a title, a column's label, a map's place stand
# as whole words; a note as a text.
LABELS = ("title", "column", "place")


def shown_texts(step: Step) -> list[tuple[str, str, str | None]]:
    """(what, text, the nearest `ours`) for each text the step shows that is not read aloud."""
    shown: list[tuple[str, str, str | None]] = [("title", step.title, step.ours)]
    if step.note:
        shown.append(("note", step.note, step.ours))
    for q in step.questions:
        if q.note:
            shown.append(("note", q.note, q.ours or step.ours))
    shown += [("column", c.label, step.ours) for c in step.columns]
    shown += [("place", p, step.ours) for p in step.places or []]
    return shown


def quoted_in(text: str, ours: str | None) -> bool:
    """The set's `ours` names the text as its own, quoting it: its words, in any quotes,
    perhaps without its full stop, a time placeholder perhaps left out ("«Det er nå …»")."""
    if ours is None:
        return False
    quote = re.sub(r"\{(?:future|past)(?:_year)?\}", "…", text.rstrip(".")).replace("……", "…")
    return bool(as_pattern(text.rstrip(".")).search(normalise(ours))) or (
        normalise(quote) in normalise(ours)
    )


def stands_at(text: str, lines: list[str], at: str, part: Part | None, word: bool = False) -> bool:
    """The text stands at the lines `at`; where the document has it more than once, at its
    occurrence inside the set's own part."""
    first, last = lines_at(at)
    own = part if part is not None and occurrences(text, lines) > 1 else None
    return found_in(text, lines, first, last, own, word)


def claimed(step: Step) -> list[tuple[str, bool]]:
    """(text, whether it stands as whole words) for each text the step claims is its
    source's: what is read aloud, and what it shows unless its `ours` quotes it. A step
    with an `ours` and no `at` is the set's own (a follow-up of the plan the source does
    not place): its title and notes claim nothing."""
    said = [(text, False) for text in step_texts(step)]
    if step.ours and not step.at:
        return said
    return said + [
        (text, what in LABELS)
        for what, text, ours in shown_texts(step)
        if not quoted_in(text, ours)
    ]


def misplaced(step: Step, lines: list[str], part: Part | None = None) -> list[str]:
    """Each text of the step that is not where its `at` says (inside the set's own part where
    the document repeats it) and not quoted as the set's own in its `ours`. A step that
    claims a text and has no `at` has all of them misplaced."""
    return [
        text
        for text, word in claimed(step)
        if not step.at or not stands_at(text, lines, step.at, part, word)
    ]


def set_level_texts(qs: QuestionSet) -> list[tuple[str, str]]:
    """(what, text) for what the set shows as its source's outside its steps: the roles'
    names and descriptions, a block's name for one time through it."""
    texts = [("role", r.name) for r in qs.roles]
    texts += [("role description", r.description) for r in qs.roles if r.description]
    return texts + [("each", b.each) for b in qs.blocks if b.each]


PAGE_NUMBER = re.compile(r"^(?:s\.|sl\.|lysark) (\d+)\b")
LINE_NUMBER = re.compile(r"^linje (\d+)$")


def heading(line: str) -> str:
    """A line as a heading reads: no markdown marks, quotes alike."""
    return normalise(re.sub('[”“"]', '"', line.lstrip("#").replace("**", "")))


def page_lines(page: str, lines: list[str]) -> list[tuple[int, int]]:
    """Where a guidance's `page` is in the document, as spans of lines: "s. 9"/"lysark 25"
    the line that begins with the page's number (a transcript puts a page on a line),
    "linje 37" that line, else the section under the heading of that name (to the next
    heading). Empty where the page is not in the document."""
    if m := PAGE_NUMBER.match(page):
        number = m.group(1)
        return [(n, n) for n, line in enumerate(lines, start=1) if line.startswith(number + " ")]
    if m := LINE_NUMBER.match(page):
        n = int(m.group(1))
        return [(n, n)] if n <= len(lines) else []
    spans = []
    for n, line in enumerate(lines, start=1):
        if line.strip() and heading(line) == heading(page):
            end = next(
                (k for k in range(n + 1, len(lines) + 1) if lines[k - 1].startswith("#")),
                len(lines) + 1,
            )
            spans.append((n, end - 1))
    return spans


def guidance_misplaced(qs: QuestionSet, lines: list[str]) -> list[tuple[str, str]]:
    """(page, text) for each guidance whose text is not on the page it names."""
    return [
        (g.page, g.text)
        for g in qs.guidance
        if g.page is not None
        and not any(found_in(g.text, lines, a, b) for a, b in page_lines(g.page, lines))
    ]
