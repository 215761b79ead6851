"""How a table's columns share the width of a page, for the formats that set tables out
themselves (PDF) or tell the reader's program how wide each column is (DOCX): by what the
columns hold, so that a name or a date is never broken inside a word where the page has
room for it, and a word wider than its share of the page (a pasted address) is broken
instead of pushing the other columns off the page."""

from __future__ import annotations

# No column claims more than this share of the page for its longest word: a longer word
# is broken inside, so that the other columns keep room for their text.
WORD_SHARE = 0.4


def share(least: list[float], want: list[float], room: float) -> list[float]:
    """Each column's width, together `room` (all in one unit): at least its `least` (its
    longest word and its cell's margins) where the page allows, and of the rest of the
    page a share by how much more its longest line (`want`) asks. Where the words of all
    columns together are wider than the page, the widest columns are cut to one width
    (their words are broken) and the narrower ones keep theirs."""
    least = _capped([min(w, room * WORD_SHARE) for w in least], room)
    spare = room - sum(least)
    if spare <= 0:
        return least
    want = [max(w, m) for w, m in zip(want, least, strict=True)]
    if sum(want) <= room:  # every cell on one line: the spare room shared out
        return [w * room / sum(want) for w in want]
    more = [w - m for w, m in zip(want, least, strict=True)]
    return [m + spare * x / sum(more) for m, x in zip(least, more, strict=True)]


def _capped(least: list[float], room: float) -> list[float]:
    """`least`, or where together wider than `room`, the widest cut to the one width that
    makes them fit (each column keeps at least an equal share of the page)."""
    if sum(least) <= room:
        return least
    left, count = room, len(least)
    for n, width in enumerate(sorted(least)):
        if width * (count - n) > left:
            cap = left / (count - n)
            return [min(w, cap) for w in least]
        left -= width
    return least  # not reached: the sum was wider than the room
