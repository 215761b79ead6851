"""Who may read what: over generated meetings of the shipped question sets, every copy an
export makes (everyone's, the facilitators', the family's, each organisation's, each
participant's, two of these together; with and without history) holds, in every format,
exactly what the README's rule lets it hold — no statement of anyone it is not for, and
nothing it is for left out. The rule, the meetings and the reading of each format are in
`tests/copies.py`.

Bounded and of a fixed seed by default (100 meetings in Markdown, journal note and
calendar, every copy; 20 in DOCX and PDF, four copies each: about 30 s of CPU). For more,
`DIALOGTUI_COPY_EXAMPLES=n` runs n new meetings of each of the ten sets in each test; ten
thousand meetings, every copy, in the text formats (about 25 min of CPU), and in DOCX and
PDF (four copies each; about 100 min of CPU):

    DIALOGTUI_COPY_EXAMPLES=1000 python -m pytest -q -n 2 tests/test_copies.py -k md_txt_ics
    DIALOGTUI_COPY_EXAMPLES=1000 python -m pytest -q -n 2 tests/test_copies.py -k docx_pdf
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from copies import (
    FACILITATORS,
    TAG,
    Copy,
    Said,
    Scribe,
    copies,
    may_hold,
    read_back,
    squeezed,
)
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from dialogtui.errors import ExportError
from dialogtui.export.write import export_meeting
from dialogtui.store.db import Store

EXAMPLES = int(os.environ.get("DIALOGTUI_COPY_EXAMPLES", "0"))

SETS = (
    "raseborg-klientmote",  # the family's role marked; a round for each role
    "raseborg-myndighetsmote",  # no family role: the family are those of no role
    "samtidigt-traff-4",  # a block of cases with their own consent, a vote, needs
    "samtidigt-traff-2",  # a map, needs over organisations
    "samtidigt-traff-3",  # groups by organisation, a timeline
    "samtidigt-traff-5",  # a follow-up step, groups of the scribe's choosing
    "hva-planlegging",  # pairs and groups, a step working with an earlier step's groups
    "raseborg-orons-zoner",  # a scale
    "dialogredskab-3-samarbejdsrelationer",  # choices now and desired, by participant
    "dialogredskab-1-rammer",  # a continuum
)


def examples(n: int) -> settings:
    """A fixed seed and a bounded count by default: the same meetings every run, and a
    failing one reported as it was drawn (each try of a smaller one exports it again, for
    minutes on end); with DIALOGTUI_COPY_EXAMPLES, new meetings, and a failing one made as
    small as it will go."""
    phases = [Phase.explicit, Phase.reuse, Phase.generate] + ([Phase.shrink] if EXAMPLES else [])
    return settings(
        max_examples=EXAMPLES or n,
        deadline=None,
        derandomize=not EXAMPLES,
        phases=phases,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# The store writes every move to disk at once (synchronous SQLite); these meetings need no
# such care, and in memory they are made several times as fast.
SCRATCH = "/dev/shm" if os.path.isdir("/dev/shm") else None


def check(data: st.DataObject, set_id: str, formats: tuple[str, ...], most: int | None) -> None:
    """One generated meeting, exported for each recipient with and without history (or,
    where `most` is given, for everyone and `most` recipients drawn, each with or without
    history, drawn), each copy read back and checked. The first copy with a problem
    fails the meeting: a smaller meeting that fails too is then found sooner."""
    with tempfile.TemporaryDirectory(dir=SCRATCH) as tmp:
        store = Store.open(Path(tmp) / "dialogtui.sqlite3")
        try:
            scribe = Scribe(data.draw, store, set_id)
            engine = scribe.run()
            statements = scribe.statements()
            every = [
                (copy, history)
                for copy in copies(engine.qs, list(scribe.persons.values()), data.draw)
                for history in (False, True)
            ]
            if most is not None:
                drawn = data.draw(st.permutations(range(2, len(every))))
                every = [every[data.draw(st.integers(0, 1))]] + [every[i] for i in drawn[:most]]
            for n, (copy, history) in enumerate(every):
                out = Path(tmp) / f"copy-{n}"
                try:
                    result = export_meeting(
                        store,
                        engine.id,
                        out_dir=out,
                        formats=formats,
                        to=copy.to,
                        history=history,
                        pseudonymise=False,
                    )
                except ExportError:
                    # The facilitators' copy is younger than A1's fix: where it is not
                    # known (this test run on an older tree, to see it find A1), the
                    # copies for the people are what is checked.
                    if copy.to != FACILITATORS:
                        raise
                    note("no facilitators' copy in this version of dialogtui")
                    continue
                texts = read_back(out)
                # A calendar is written only where something is dated (README).
                due = {f for f in formats if f != "ics" or scribe.dated()}
                failed = getattr(result, "failed", ())  # the formats not written, and why
                written = f"{copy.name}: {sorted(texts)} written; failed: {failed}"
                assert due <= set(texts) <= set(formats), written
                problems = problems_of(scribe, statements, copy, history, texts)
                assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:40])
        finally:
            store.close()


def problems_of(
    scribe: Scribe, statements: list[Said], copy: Copy, history: bool, texts: dict[str, str]
) -> list[str]:
    """What is wrong with one copy, per format: a tag it may not hold, or one it lacks."""
    where = f"{copy.name}{' with history' if history else ''}"
    known = {s.tag for s in statements}
    out = []
    for fmt, text in texts.items():
        flat = squeezed(text)
        unknown = set(TAG.findall(flat)) - known
        out += [f"{where}, {fmt}: an unknown tag {t}" for t in sorted(unknown)]
        for said in statements:
            held = said.tag in flat
            allowed = may_hold(said, copy, history)
            if held and not allowed:
                out.append(f"{where}, {fmt}: holds {said.tag}, {said.what}")
            elif allowed and not held and said.sure and (fmt != "ics" or said.ics):
                out.append(f"{where}, {fmt}: lacks {said.tag}, {said.what}")
        if fmt in ("md", "docx") and copy.holds is not None:
            # A pass, a rating or a choice says no more than who: their name as the minutes
            # put it beside what someone said ("Anna Lind (Familjen)") is not for others.
            # (The minutes list who was there in a table, name and role apart; the journal
            # note lists them as labelled here, so it is read for the tags only.)
            spaced = " ".join(text.split())
            for pid, label in scribe.speakers().items():
                if pid not in copy.holds and label in spaced:
                    out.append(f"{where}, {fmt}: names {label!r} beside something they said")
    return out


@pytest.mark.parametrize("set_id", SETS)
@examples(10)
@given(data=st.data())
def test_each_copy_holds_only_its_peoples_statements_md_txt_ics(set_id, data):
    check(data, set_id, ("md", "txt", "ics"), None)


@pytest.mark.parametrize("set_id", SETS)
@examples(2)
@given(data=st.data())
def test_each_copy_holds_only_its_peoples_statements_docx_pdf(set_id, data):
    check(data, set_id, ("docx", "pdf"), 3)
