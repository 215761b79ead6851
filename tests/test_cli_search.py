"""`dialogtui search WORDS…` as a user types it (issue 32): each hit under its meeting, newest
first, with its step as the meeting's own set names it, its speaker and its text on one line;
"No meeting says …" when nothing does; "200 of 1 312 shown" when cut; one line, never a
traceback, when the store cannot be read; user text shown as data."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from meeting_helpers import new_meeting

from dialogtui.questionset.kinds import StepKind
from dialogtui.records import ActionItem, NoteKind
from dialogtui.store import Store

PEOPLE = [("Anna Lind", "familj"), ("Sara Berg", "myndighet")]


def two_meetings() -> tuple[int, int]:
    """The Lind family's client meetings of 5 and 12 December; football in both."""
    store = Store.open()
    first = new_meeting(
        store, "raseborg-klientmote", PEOPLE, title="Klientmöte – Lind", date=dt.date(2026, 12, 5)
    )
    first.start()
    first.submit("Att Erik får spela fotboll med laget på lördagar.")
    deleted = first.submit("Fotboll är dumt, säger pappan.")
    first.turns.delete(deleted.id)
    first.notes.add(NoteKind.decision, "Fotbollen är Eriks egen tid.")
    first.goto_step(first.qs.first_step_of(StepKind.action_planning))
    first.actions.add(ActionItem("Ringa fotbollstränaren", who="Sara Berg"))
    first.finish()
    first.close()
    second = new_meeting(
        store,
        "raseborg-klientmote",
        PEOPLE,
        title="Klientmöte – Lind [bold]igen[/]",
        date=dt.date(2026, 12, 12),
    )
    second.start()
    second.submit("Fotbollen går bra.\x1b]0;pwned\x07 Erik har ett nytt lag.")
    second.close()
    store.close()
    return first.id, second.id


def test_hits_under_their_meetings_newest_first(cli):
    first, second = two_meetings()
    result = cli("search", "fotb")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines == [
        f"Meeting {second} · Dec 12, 2026 · Klientmöte – Lind [bold]igen[/] · unfinished",
        "  1. Frågor till familjemedlemmarna · Anna Lind: Fotbollen går bra.␛]0;pwned␇ Erik"
        " har ett nytt lag.",
        f"Meeting {first} · Dec 5, 2026 · Klientmöte – Lind",
        "  1. Frågor till familjemedlemmarna · Anna Lind: Att Erik får spela fotboll med laget"
        " på lördagar.",
        "  1. Frågor till familjemedlemmarna · decision: Fotbollen är Eriks egen tid.",
        "  4. Handlingsplan · action item · Sara Berg: Ringa fotbollstränaren",
    ]
    assert "\x1b" not in result.out  # not a terminal: no bold, and no control of the user's


def test_a_participant_and_words_that_must_all_be_found(cli):
    two_meetings()
    out = cli("search", "sara", "berg").out
    assert "  participant: Sara Berg · myndighet" in out
    assert cli("search", "lind", "ringa").out.startswith("No meeting says")  # never together


def test_nothing_found(cli):
    assert cli("search", "fotboll").out == "No meeting says “fotboll”.\n"  # no store at all
    two_meetings()
    said = cli("search", "simträning")
    assert said.code == 0 and said.out == "No meeting says “simträning”.\n"
    assert cli("search", "dumt").out.startswith("No meeting says")  # a deleted turn
    assert cli("search", '"fot*', "OR", "NOT", "(x").out.startswith("No meeting says")  # not syntax


def test_limit_says_how_many_in_all(cli):
    two_meetings()
    out = cli("search", "fotb", "--limit", "2").out.splitlines()
    assert out[-1] == "2 of 4 shown; --limit N shows more."
    assert len([line for line in out if line.startswith("  ")]) == 2
    assert cli("search", "fotb", "--limit", "0").code == 2  # a usage error
    # A limit past any list shown is a usage error too, not the database's overflow.
    huge = cli("search", "fotb", "--limit", "99999999999999999999")
    assert huge.code == 2 and "Traceback" not in huge.err
    assert cli("search", "fotb", "--limit", "100000").code == 0


def test_its_line_in_the_help_is_one_line():
    from typer.testing import CliRunner

    from dialogtui.cli.root import app

    listed = CliRunner().invoke(app, ["--help"], prog_name="dialogtui", terminal_width=80).output
    line = next(x for x in listed.splitlines() if x.startswith("  search "))
    following = listed.splitlines()[listed.splitlines().index(line) + 1]
    assert following.split()[0] == "export", following


def test_a_store_that_cannot_be_read_is_one_line(cli, private_home):
    private_home.parent.mkdir(parents=True, exist_ok=True)
    private_home.write_text("not a folder")
    result = cli("search", "fotboll")
    assert result.code == 1
    assert len(result.err.strip().splitlines()) == 1 and result.err.startswith("dialogtui: ")
    assert "Traceback" not in result.err
    empty = cli("search", "  ")
    assert empty.code == 1 and "nothing to search for" in empty.err


def test_the_words_found_are_bold_on_a_terminal():
    from dialogtui.cli.search import _hit_line
    from dialogtui.records import Hit, HitKind, MeetingStatus

    hit = Hit(
        1, "Möte", dt.date(2026, 12, 5), MeetingStatus.finished, HitKind.turn, 7, 0, 1,
        "Anna", "Erik spelar fotboll och Fotbollen är viktig",
    )  # fmt: skip
    line = _hit_line(hit, "fotb", "1. Nuläge", 80)  # a terminal's width
    bold = [line.plain[s.start : s.end] for s in line.spans if s.style == "bold"]
    assert bold == ["fotboll", "Fotbollen"]


def test_a_long_text_is_read_and_marked_only_around_the_words_found(monkeypatch):
    """200 hits of 100 kB took ~20 s on a terminal, marked whole before being cut; a pipe
    prints them whole and marks nothing (nothing there is bold)."""
    import dialogtui.export.hits as hits_module
    from dialogtui.cli import search as search_module
    from dialogtui.finding import marks
    from dialogtui.records import Hit, HitKind, MeetingStatus

    marked: list[int] = []

    def counting(query: str, text: str) -> list[tuple[int, int]]:
        marked.append(len(text))
        return marks(query, text)

    monkeypatch.setattr(hits_module, "found_marks", counting, raising=False)
    monkeypatch.setattr(search_module, "marks", counting, raising=False)
    text = "lorem ipsum dolor sit amet " * 4000  # 108 kB
    hit = Hit(
        1, "Möte", dt.date(2026, 12, 5), MeetingStatus.finished, HitKind.turn, 7, 0, 1, "", text
    )
    for _ in range(200):
        line = search_module._hit_line(hit, "lorem ipsum", "1. Nuläge", 120)
        assert len(line.plain) <= 130 and "lorem" in line.plain
    whole = search_module._hit_line(hit, "lorem ipsum", "1. Nuläge", None)
    assert text.strip() in whole.plain
    assert sum(marked) <= 200 * 500  # a window of the line's width each, never the text


@given(
    st.text(st.characters(codec="utf-8"), max_size=300),
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), max_size=5),
    st.integers(1, 120),
)
def test_a_snippet_keeps_its_marks_on_the_same_words(text, spans, width):
    """Cut to a width around the words found, every mark left still covers what it covered,
    the line is one line of visible characters, and it is about the width asked."""
    from dialogtui.display import visible
    from dialogtui.export.hits import snippet

    marks = sorted({(a, min(a + n, len(text))) for a, n in spans if a < len(text)})
    marks = [m for k, m in enumerate(marks) if k == 0 or m[0] >= marks[k - 1][1]]
    flat = visible(text.replace("\r", " ").replace("\n", " ").replace("\t", " "))
    out, moved = snippet(text, marks, width)
    assert "\n" not in out and visible(out) == out
    assert len(out) <= max(width, 12) + 1 or len(out) == len(flat)
    seen = {flat[a:b] for a, b in marks}
    assert all(out[a:b] in seen for a, b in moved)
    if marks and len(out) < len(flat) and marks[0][1] - marks[0][0] < max(width, 12) // 2:
        assert moved  # the first word found is in what is shown
