"""Reliability: hostile question-set files (property-based), hostile turn text through the
store, the export and the screen, real file-system faults, and two writers at once."""

from __future__ import annotations

import contextlib
import random
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
import tomli_w
from conftest import SETS
from exported import kinds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting

from dialogtui.errors import QuestionSetError, StoreError
from dialogtui.export.record import load_record
from dialogtui.export.write import export_meeting, file_names
from dialogtui.questionset.loader import load_question_set
from dialogtui.questionset.model import QuestionSet
from dialogtui.store import Store

SHIPPED = [p.read_text(encoding="utf-8") for p in sorted(SETS.glob("*.toml"))]
FAST = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


# -- hostile TOML -------------------------------------------------------------------------


def check_answer(text_or_bytes) -> None:
    """The loader answers with a set or with positioned problems; nothing else escapes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.toml"
        if isinstance(text_or_bytes, bytes):
            path.write_bytes(text_or_bytes)
            n_lines = text_or_bytes.count(b"\n") + 1
        else:
            path.write_text(text_or_bytes, encoding="utf-8")
            n_lines = text_or_bytes.count("\n") + 1
        try:
            assert isinstance(load_question_set(path), QuestionSet)
        except QuestionSetError as exc:
            assert exc.problems
            for p in exc.problems:
                assert 1 <= p.line <= n_lines + 1 and p.col >= 1, p
                assert str(p).startswith(f"{path}:{p.line}:{p.col}: ")


@FAST
@given(st.binary(max_size=3000))
def test_random_bytes(data):
    check_answer(data)


TOML_SCALARS = st.one_of(
    st.text(max_size=30),
    st.integers(-(2**63), 2**63 - 1),
    st.booleans(),
    st.floats(allow_nan=False),
    st.dates(),
)
KEYS = st.sampled_from(
    [
        "id",
        "title",
        "language",
        "method",
        "source",
        "steps",
        "kind",
        "minutes",
        "text",
        "questions",
        "roles",
        "prompts",
        "scale",
        "points",
        "value",
        "zone",
        "choice",
        "options",
        "timebox",
        "per",
        "repeat",
        "min",
        "max",
        "horizon",
        "years",
        "to",
        "columns",
        "field",
    ]
) | st.text(min_size=1, max_size=10)
TOML_VALUES = st.recursive(
    TOML_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=5),
    max_leaves=25,
)


@FAST
@given(st.dictionaries(KEYS, TOML_VALUES, max_size=8))
def test_random_toml_documents(doc):
    try:
        text = tomli_w.dumps(doc)
    except (TypeError, ValueError):
        return  # not representable in TOML (e.g. mixed arrays in old writers)
    check_answer(text)


@st.composite
def mutated_sets(draw):
    text = draw(st.sampled_from(SHIPPED))
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "truncate", "insert", "swap"]))
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "truncate":
            lines[i] = lines[i][: draw(st.integers(0, max(0, len(lines[i]))))]
        elif op == "insert":
            lines.insert(i, draw(st.text(max_size=40)))
        else:
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        if not lines:
            lines = [""]
    return "\n".join(lines)


@FAST
@given(mutated_sets())
def test_mutated_shipped_sets(text):
    check_answer(text)


def test_validate_cli_on_junk_never_tracebacks(cli, tmp_path):
    rng = random.Random(7)
    for n in range(30):
        path = tmp_path / f"junk{n}.toml"
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randrange(1, 500))))
        result = cli("validate", path)
        assert result.code == 1 and "Traceback" not in result.err
        assert result.err.startswith(f"{path}:")


# -- hostile turn text -----------------------------------------------------------------

HOSTILE = {
    "markdown": "# rubrik\n---\n| a | b |\n```\nkod\n```\n> citat\n1. lista\n* [länk](x)",
    "html": "<script>alert('x')</script><img src=x onerror=alert(1)> &amp;",
    "controls": "klocka\x07 escape\x1b[2J nul\x00 backspace\x08 del\x7f slut",
    "rtl": "\u202eمرحبا\u202c och \u200fשלום\u200e, emoji 👨‍👩‍👧",
    "huge": "ord " * 2_500_000,  # a 10 MB paste
}


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db")
    yield s
    s.close()


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_text_is_stored_verbatim_and_exported_escaped(store, tmp_path, name):
    text = HOSTILE[name]
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.start()
    turn = m.submit(text)
    m.drafts.save(text)
    [stored] = m.turns.in_step()
    assert stored.id == turn.id and stored.text == text.rstrip()
    assert store.draft(m.id) == text
    minutes = export_meeting(store, m.id, tmp_path / "out").paths[0].read_text(encoding="utf-8")
    assert not re.search(r"(?<!\\)<script", minutes)  # a tag only as text: \<script>
    assert "\x00" not in minutes and "\x1b" not in minutes
    if name == "huge":
        assert minutes.count("ord ") >= 2_499_999
    if name == "rtl":
        assert "\u202eمرحبا\u202c" in minutes  # direction marks are text, kept as typed
    record = load_record(store, m.id)
    assert record.turns[0].text == text.rstrip()


def test_hostile_turns_do_not_break_the_screen(tmp_path):
    from tui_helpers import run, text_of

    from dialogtui.tui.screens.capture import CaptureScreen

    db = tmp_path / "db"
    store = Store.open(db)
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.start()
    for text in HOSTILE.values():
        m.submit(text)
    m.close()
    store.close()

    async def scenario(app, pilot):
        assert isinstance(app.screen, CaptureScreen)
        transcript = app.screen.query_one("#transcript")
        assert transcript.option_count == len(HOSTILE)
        assert "Step 1/3" in text_of(app.screen.query_one("#step-header"))
        await pilot.press("f8", "up")  # walk the transcript over every hostile turn
        for _ in range(len(HOSTILE)):
            await pilot.press("up")
        from textual import events

        draft = app.screen.query_one("#draft")
        await pilot.press("escape")  # back to typing
        app.post_message(events.Paste(HOSTILE["huge"]))  # as the terminal sends a paste
        await pilot.pause()
        assert len(draft.text) == len(HOSTILE["huge"]) and not draft.soft_wrap
        await pilot.press("enter")
        assert app.screen.engine.turns.in_step()[-1].text == HOSTILE["huge"].rstrip()

    run(scenario, db=db, meeting_id=m.id)


# -- file-system faults ---------------------------------------------------------------


@contextlib.contextmanager
def tmpfs(path: Path, size: str):
    """A real, small file system, so that 'disk full' and 'read-only' are the kernel's."""
    path.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({proc.stderr.strip()}); needs root")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], capture_output=True)


def test_a_full_disk_keeps_every_saved_turn(tmp_path):
    with tmpfs(tmp_path / "small", "800k") as home:
        store = Store.open(home / "db")
        m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
        m.start()
        saved = []
        with pytest.raises(StoreError, match="disk is full"):
            for n in range(10_000):
                saved.append(m.submit(f"turn {n} " + "x" * 2000).id)
        assert len(saved) > 10
        # The export cannot be written either: each format says so.
        assert len(export_meeting(store, m.id, home / "out").failed) == 1  # Markdown only
        store.close()
        store = Store.open(home / "db")  # the last good state is intact
        assert [t.id for t in store.turns(m.id)] == saved
        assert store.query("PRAGMA integrity_check")[0][0] == "ok"
        store.close()


def test_a_read_only_data_folder_is_a_clear_error(tmp_path):
    with tmpfs(tmp_path / "ro", "1m") as home:
        store = Store.open(home / "db")
        m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
        m.start()
        m.submit("före")
        m.close()
        store.close()
        subprocess.run(["mount", "-o", "remount,ro", str(home)], check=True)
        with pytest.raises(StoreError) as err:
            store = Store.open(home / "db")
            MeetingEngine_open_and_write(store, m.id)
        assert "read-only" in str(err.value)
        subprocess.run(["mount", "-o", "remount,rw", str(home)], check=True)
        store = Store.open(home / "db")
        assert [t.text for t in store.turns(m.id)] == ["före"]
        store.close()


def MeetingEngine_open_and_write(store, meeting_id):  # noqa: N802 - reads as a sentence
    from dialogtui.meeting.clock import FakeClock
    from dialogtui.meeting.engine import MeetingEngine

    engine = MeetingEngine.open(store, meeting_id, FakeClock())
    engine.start()
    engine.submit("efter")


def test_export_into_a_read_only_folder(cli, tmp_path):
    with tmpfs(tmp_path / "ro-out", "1m") as out:
        store = Store.open()
        m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
        m.close()
        store.close()
        subprocess.run(["mount", "-o", "remount,ro", str(out)], check=True)
        result = cli("export", m.id, "--out", out)
        assert result.code == 1 and "read-only" in result.err
        assert "Traceback" not in result.err


def test_export_never_writes_outside_the_chosen_folder(cli, tmp_path, private_home):
    store = Store.open()
    m = new_meeting(
        store,
        "raseborg-temamote",
        [("../../Anna", None)],
        title="../../../etc/minutes",
        place="../x",
    )
    m.close()
    store.close()
    out = tmp_path / "share" / "out"
    before = {p for p in tmp_path.rglob("*")}
    result = cli("export", m.id, "--out", out)
    assert result.code == 0, result.err
    # Besides the folder chosen, only dialogtui's own private data folder (its note of the
    # folders exports went to, for sweeping left temp files).
    created = {p for p in tmp_path.rglob("*") if private_home not in (p, *p.parents)} - before
    assert {p for p in created if p.parent != out} == {out.parent, out}
    assert sorted(kinds(p for p in created if p.parent == out)) == ["action-plan.md", "minutes.md"]


def test_export_over_existing_files_replaces_them_whole(cli, tmp_path):
    store = Store.open()
    m = new_meeting(store, "raseborg-temamote", [("Anna", None)])
    m.close()
    out = tmp_path / "out"
    out.mkdir()
    minutes = out / file_names(store, m.id, ("md",))[0]
    store.close()
    minutes.write_text("old")
    assert cli("export", m.id, "--out", out).code == 0
    assert minutes.read_text().startswith("# Mötesanteckningar")
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_two_instances_on_one_meeting(tmp_path):
    from dialogtui.errors import MeetingLocked
    from dialogtui.meeting.clock import FakeClock
    from dialogtui.meeting.engine import MeetingEngine

    first = Store.open(tmp_path / "db")
    m = new_meeting(first, "raseborg-temamote", [("Anna", None)])
    m.start()
    m.submit("från den första")
    code = (
        "import sys\n"
        "from dialogtui.store import Store\n"
        "from dialogtui.meeting.engine import MeetingEngine\n"
        "from dialogtui.meeting.clock import FakeClock\n"
        "from dialogtui.errors import MeetingLocked\n"
        "s = Store.open(sys.argv[1])\n"
        "try:\n"
        "    MeetingEngine.open(s, int(sys.argv[2]), FakeClock())\n"
        "except MeetingLocked as e:\n"
        "    print('refused:', e)\n"
    )
    import sys

    proc = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "db"), str(m.id)],
        capture_output=True,
        text=True,
    )
    assert proc.stdout.startswith("refused: meeting 1 is open in another dialogtui")
    assert proc.returncode == 0 and not proc.stderr
    m.submit("fortfarande")
    m.close()
    with pytest.raises(MeetingLocked):  # nor in this process from another connection
        held = MeetingEngine.open(first, m.id, FakeClock())
        other = Store.open(tmp_path / "db")
        MeetingEngine.open(other, m.id, FakeClock())
    held.close()
    assert [t.text for t in first.turns(m.id)] == ["från den första", "fortfarande"]
    first.close()
