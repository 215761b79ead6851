"""The one filter that makes a recipient's copy (`recipients.for_copy`), checked over
generated drafts: whatever the shape of a document and whoever said each piece of it, a
copy holds nothing it may not, loses nothing it may hold, and keeps no heading standing
over nothing. The rule each kind of statement follows is `recipients.may_hold`; what each
kind of statement is marked is checked end to end in `test_copies.py`."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from dialogtui.export.document import (
    FRAME,
    MEETING,
    METHOD,
    OF_FRAME,
    ROOM,
    Draft,
    Heading,
    Item,
    Items,
    Paragraph,
    Section,
    Span,
    Table,
    Whose,
)
from dialogtui.export.recipients import for_copy, may_hold

PEOPLE = [1, 2, 3, 4]
_tags = itertools.count()


def tag() -> str:
    return f"T{next(_tags)}"


whos = st.sampled_from([*PEOPLE, MEETING, ROOM, METHOD])
whoses = st.builds(Whose, whos, st.none() | whos)


@st.composite
def spans(draw):
    """A span of someone's words, or of the line's own (whose None)."""
    return Span(tag(), whose=draw(st.none() | whoses))


@st.composite
def items(draw, depth=0):
    under = draw(st.lists(items(depth + 1), max_size=2)) if depth < 2 else []
    return Item(draw(st.lists(spans(), min_size=1, max_size=3)), None, under, draw(whoses))


@st.composite
def blocks(draw):
    kind = draw(st.sampled_from(["paragraph", "items", "table", "frame"]))
    if kind == "paragraph":
        return Paragraph([Span(tag())], draw(whoses))
    if kind == "frame":
        return Paragraph([Span(tag())], OF_FRAME)
    if kind == "items":
        return Items(draw(st.lists(items(), min_size=1, max_size=3)))
    rows = draw(st.lists(st.lists(spans(), min_size=1, max_size=2), min_size=1, max_size=3))
    own = draw(st.booleans())
    row_whose = [draw(whoses) for _ in rows] if own else None
    return Table([[Span(tag())]], [[r] for r in rows], whose=draw(whoses), rows_whose=row_whose)


@st.composite
def sections(draw, level=2):
    """A section as the minutes have them: a heading (a step's, a case's one rank lower),
    perhaps a question, over blocks and sections of its own."""
    head = [Heading(level, [Span(tag())])]
    head += [Paragraph([Span(tag())], OF_FRAME)] if draw(st.booleans()) else []
    inner = blocks() if level >= 4 else st.one_of(blocks(), sections(level + 1))
    return Section(head, draw(st.lists(inner, max_size=3)))


parts = st.one_of(blocks(), sections())
copies = st.sampled_from(
    [None, frozenset(), frozenset({1}), frozenset({1, 2}), frozenset({3, 4}), frozenset(PEOPLE)]
)


def texts(blocks) -> set[str]:
    out: set[str] = set()

    def line(spans):
        out.update(s.text for s in spans)

    def item(i):
        line(i.line)
        for inner in i.items:
            item(inner)

    for b in blocks:
        if isinstance(b, Items):
            for i in b.items:
                item(i)
        elif isinstance(b, Table):
            for h in b.heads:
                line(h)
            for row in b.rows:
                for cell in row:
                    line(cell)
        else:
            line(b.line)
    return out


def allowed(part, speakers, method, ok=True) -> tuple[set[str], set[str]]:
    """(the statements the copy may hold, every tag it may not) of a draft's part, by the
    rule applied to each piece and to what it stands in."""
    may: set[str] = set()
    may_not: set[str] = set()

    def line(spans, holds):
        for s in spans:
            fine = holds and (s.whose is None or may_hold(speakers, s.whose, method))
            (may if fine else may_not).add(s.text)

    def item(i, holds):
        fine = holds and may_hold(speakers, i.whose, method)
        line(i.line, fine)
        for inner in i.items:
            item(inner, fine)

    if isinstance(part, Section):
        for b in [*part.head, *part.body]:
            a, n = allowed(b, speakers, method, ok)
            may |= a
            may_not |= n
    elif isinstance(part, Items):
        for i in part.items:
            item(i, ok)
    elif isinstance(part, Table):
        for n, row in enumerate(part.rows):
            for cell in row:
                line(cell, ok and may_hold(speakers, part.row_whose(n), method))
    else:
        line(part.line, ok and may_hold(speakers, part.whose, method))
    return may, may_not


@given(st.lists(parts, max_size=4), copies, st.booleans())
def test_a_copy_holds_nothing_it_may_not(parts, speakers, method):
    doc = for_copy(Draft("minutes", "", "sv", parts), speakers, method)
    held = texts(doc.blocks)
    for part in parts:
        _, may_not = allowed(part, speakers, method)
        assert not held & may_not


def statements(part, speakers, method) -> set[str]:
    """The tags of what the copy must keep: each statement it may hold (not frame), in an
    item it may hold all the way down."""
    may, _ = allowed(part, speakers, method)
    frame: set[str] = set()

    def collect(p):
        if isinstance(p, Section):
            for h in p.head:
                frame.update(texts([h]))
            for b in p.body:
                collect(b)
        elif isinstance(p, Paragraph | Heading) and p.whose.by == FRAME:
            frame.update(texts([p]))
        elif isinstance(p, Table):
            frame.update(texts([Table(p.heads, [])]))
            for n, row in enumerate(p.rows):
                if p.row_whose(n).by == FRAME:
                    frame.update(texts([Table([], [row])]))
        elif isinstance(p, Items):
            stack = list(p.items)
            while stack:
                i = stack.pop()
                if i.whose.by == FRAME:
                    frame.update(texts([Items([Item(i.line)])]))
                stack += i.items

    collect(part)
    return may - frame


@given(st.lists(parts, max_size=4), copies, st.booleans())
def test_a_copy_loses_no_statement_it_may_hold(parts, speakers, method):
    doc = for_copy(Draft("minutes", "", "sv", parts), speakers, method)
    held = texts(doc.blocks)
    for part in parts:
        assert statements(part, speakers, method) <= held


def said_something(blocks) -> bool:
    return any(
        (isinstance(b, Items) and any(i.whose.by != FRAME for i in b.items))
        or (isinstance(b, Table) and any(b.row_whose(n).by != FRAME for n in range(len(b.rows))))
        or (isinstance(b, Paragraph) and b.whose.by != FRAME)
        for b in blocks
    )


@given(st.lists(parts, max_size=4), copies, st.booleans())
def test_no_heading_stands_over_nothing(parts, speakers, method):
    blocks = for_copy(Draft("minutes", "", "sv", parts), speakers, method).blocks
    for n, b in enumerate(blocks):
        if isinstance(b, Heading):  # something said before the next heading of its rank
            own = itertools.takewhile(
                lambda x, level=b.level: not (isinstance(x, Heading) and x.level <= level),
                blocks[n + 1 :],
            )
            assert said_something(list(own)), "a heading with nothing under it"


def test_the_method_stands_only_in_the_facilitators_copy():
    draft = Draft("minutes", "", "sv", [Paragraph([Span("times")], Whose(METHOD))])
    assert texts(for_copy(draft, None, method=True).blocks) == {"times"}
    for speakers in (None, frozenset({1})):
        assert for_copy(draft, speakers).blocks == []


def test_an_objection_stands_only_where_both_statements_do():
    # Sven (3, the school) objects to Anna's (1, the family's) turn: A1 of the review.
    turn = Item([Span("anna")], items=[Item([Span("sven")], whose=Whose(3, 1))], whose=Whose(1))
    draft = Draft("minutes", "", "sv", [Items([turn])])
    held = {c: texts(for_copy(draft, c).blocks) for c in (None, frozenset({1}), frozenset({1, 3}))}
    assert held == {
        None: {"anna", "sven"},
        frozenset({1}): {"anna"},
        frozenset({1, 3}): {"anna", "sven"},
    }
