"""The whole journey in a real pseudo-terminal, as a user runs it: the console script,
a short meeting, `kill -9` mid-draft, resume, finish, export, and the Markdown files."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from exported import named

pytestmark = pytest.mark.skipif(os.name == "nt", reason="a POSIX pseudo-terminal")
pexpect = pytest.importorskip("pexpect")
pyte = pytest.importorskip("pyte")

COLS, ROWS = 80, 24
KEYS = {
    "enter": "\r",
    "tab": "\t",
    "ctrl+s": "\x13",
    "ctrl+a": "\x01",
    "ctrl+o": "\x0f",
    "f3": "\x1bOR",
    "escape": "\x1b",
    "f4": "\x1bOS",
    "f5": "\x1b[15~",
    "ctrl+q": "\x11",
    "alt+down": "\x1b[1;3B",
}


class Terminal:
    """A program in a pty, with a pyte screen that shows what the user would see."""

    def __init__(self, args: list[str], env: dict[str, str]):
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.child = pexpect.spawn(args[0], args[1:], env=env, dimensions=(ROWS, COLS))

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, seconds: float = 0.05) -> None:
        try:
            self.stream.feed(self.child.read_nonblocking(65536, timeout=seconds))
        except pexpect.TIMEOUT:
            pass
        except pexpect.EOF:
            raise AssertionError("the app exited:\n" + self.text()) from None

    def wait_for(self, needle: str, timeout: float = 15) -> None:
        deadline = time.monotonic() + timeout
        while needle not in self.text():
            if time.monotonic() > deadline:
                raise AssertionError(f"{needle!r} never appeared; screen:\n{self.text()}")
            self.pump()

    def type(self, text: str) -> None:
        self.child.send(text)
        self.pump()

    def key(self, name: str) -> None:
        self.child.send(KEYS[name])
        self.pump()


def dialogtui_command() -> str:
    script = Path(sys.executable).parent / "dialogtui"
    found = script if script.exists() else shutil.which("dialogtui")
    if not found:
        pytest.skip("the dialogtui console script is not installed")
    return str(found)


def poll(app: Terminal, condition, timeout: float = 10) -> None:
    """Wait until `condition()` holds, reading the screen meanwhile (no fixed sleeps)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        app.pump()


def db_rows(home: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(home / "dialogtui.sqlite3")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_meeting_survives_kill_9_and_exports(tmp_path):
    """Typed as a fast scribe types: each form and each pair of turns is one burst of keys,
    sent at once, and the test waits only on what the screen shows."""
    home = tmp_path / "home"
    env = {
        **os.environ,
        "DIALOGTUI_HOME": str(home),
        "TERM": "xterm-256color",
        "TZ": "UTC",
        "COLUMNS": str(COLS),
        "LINES": str(ROWS),
    }
    command = dialogtui_command()
    K = KEYS

    app = Terminal([command, "run", "raseborg-temamote"], env)
    app.wait_for("New meeting: Tema/planeringsmöte")
    title = app.screen.title
    # Place, then two participants (one with brackets, one İ), then start: one burst.
    app.type(
        "Kommunhuset" + K["ctrl+a"] + "Anna [mamma] Lind" + K["enter"]
        + "İbrahim Öberg" + K["enter"] + K["ctrl+s"]
    )  # fmt: skip
    app.wait_for("Step 1/3")
    app.wait_for("Anna [mamma] Lind")
    # The meeting's theme is the source's second example (alt+↓), then two turns, each with
    # enter, in one burst: two speakers, in order.
    app.type(K["alt+down"])
    app.wait_for("Alternative 2 of 2")
    app.type("Att vi samverkar bättre." + K["enter"] + "Mer tid för varandra." + K["enter"])
    app.wait_for("round complete")  # both answered the theme; the other one is not asked
    # An action typed in one burst right after f3: what, enter, (how) enter, who, save.
    app.type(K["f3"] + "Boka uppföljning [/x]" + K["enter"] + K["enter"] + "Anna" + K["ctrl+s"])
    app.wait_for("saved action item")
    app.type("Ett utkast som inte skickats")
    # The draft autosave runs every second; wait until it is on disk.
    poll(
        app, lambda: db_rows(home, "SELECT text FROM drafts") == [("Ett utkast som inte skickats",)]
    )
    # A decision half typed in its dialog is kept too (every second), then the plug is pulled.
    app.type(K["f4"] + "Beslut: ses i mars")
    poll(app, lambda: "ses i mars" in str(db_rows(home, "SELECT text FROM kept_texts")))
    os.kill(app.child.pid, signal.SIGKILL)
    app.child.wait()

    again = Terminal([command, "resume"], env)
    again.wait_for("Beslut: ses i mars")  # the decision dialog is back, with its text
    again.type(K["ctrl+s"])
    again.wait_for("saved decision")
    again.wait_for("Att vi samverkar bättre.")
    again.wait_for("Mer tid för varandra.")
    again.wait_for("Ett utkast som inte skickats")
    # ctrl+q with a dialog open keeps its text as well.
    again.type(K["f5"] + "Oro för skolvägen")
    again.wait_for("Oro för skolvägen")
    again.type(K["ctrl+q"])
    again.child.expect(pexpect.EOF, timeout=10)

    third = Terminal([command, "resume"], env)
    third.wait_for("Oro för skolvägen")
    third.type(K["ctrl+s"])
    third.wait_for("saved concern")
    third.key("ctrl+o")
    third.wait_for("Time per step")
    third.type("e")
    third.wait_for("Written:")
    third.type("q")
    third.child.expect(pexpect.EOF, timeout=10)
    # No text from the meeting ever drove the terminal (its title, for one).
    assert third.screen.title == title

    minutes = named(home / "exports" / "möte-1", "minutes.md").read_text()
    plan = named(home / "exports" / "möte-1", "action-plan.md").read_text()
    assert "- **Anna [mamma] Lind:** Att vi samverkar bättre." in minutes
    assert "**Hur kan avdelningen för social service" in minutes  # the theme asked, alone
    assert "Vad behövs för att vi i samverkan" not in minutes
    assert "- **İbrahim Öberg:** Mer tid för varandra." in minutes
    assert "- **Plats:** Kommunhuset" in minutes
    assert "- Beslut: ses i mars" in minutes
    assert "- Oro för skolvägen" in minutes
    assert "| Boka uppföljning [/x] |  | Anna |" in plan
    # The draft lives on after the crash (it was never submitted, so it is not a turn).
    assert db_rows(home, "SELECT text FROM drafts") == [("Ett utkast som inte skickats",)]
    assert db_rows(home, "SELECT count(*) FROM kept_texts") == [(0,)]
    assert db_rows(home, "PRAGMA integrity_check") == [("ok",)]


def test_a_whole_meeting_in_swedish_from_the_systems_locale(tmp_path):
    """The console script on a Swedish laptop (LANG=sv_SE.UTF-8, nothing else set): the
    start screen, the set-up, the live loop, the end and the export speak Swedish, and so do
    the minutes; `resume` after the end opens nothing, in Swedish too."""
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k not in ("DIALOGTUI_LANG", "LC_ALL")}
    env.update(
        DIALOGTUI_HOME=str(home),
        LANG="sv_SE.UTF-8",
        LC_MESSAGES="",
        LANGUAGE="",
        TERM="xterm-256color",
        TZ="UTC",
        COLUMNS=str(COLS),
        LINES=str(ROWS),
    )
    command = dialogtui_command()
    K = KEYS

    app = Terminal([command], env)
    app.wait_for("Nytt möte från ett frågeunderlag")
    app.type("tema/plan")
    app.wait_for("enter: förbered ett möte")
    app.key("enter")
    app.wait_for("Nytt möte: Tema/planeringsmöte")
    app.wait_for("^s Starta mötet")
    app.type("Skolan" + K["ctrl+a"] + "Anna Lind" + K["enter"] + "Per Ström" + K["enter"])
    app.wait_for("2. Per Ström")
    app.key("ctrl+s")
    app.wait_for("Steg 1/3")
    app.wait_for("tab Vem")
    app.type("Att vi samverkar bättre." + K["enter"])
    app.wait_for("sparat")
    app.type(K["f4"] + "Vi ses i mars" + K["ctrl+s"])
    app.wait_for("beslutet sparat")
    app.key("ctrl+o")
    app.wait_for("Tid per steg")
    app.wait_for("Taltid")
    app.type("e")
    app.wait_for("Skrivet:")
    app.type("q")
    app.child.expect(pexpect.EOF, timeout=10)

    minutes = named(home / "exports" / "möte-1", "minutes.md").read_text("utf-8")
    assert minutes.startswith("# Mötesanteckningar: Tema/planeringsmöte")
    assert (
        "- **Plats:** Skolan" in minutes and "- **Anna Lind:** Att vi samverkar bättre." in minutes
    )
    assert "- Vi ses i mars" in minutes
    done = Terminal([command, "resume"], env)
    done.child.expect(pexpect.EOF, timeout=10)
    done.stream.feed(done.child.before or b"")
    assert "inget oavslutat möte att återuppta" in done.text()


def test_read_back_corrections_survive_kill_9(tmp_path):
    """In a real terminal: a turn corrected at read-back and an objection are on disk the
    moment they are saved; an objection half typed when the power goes is back on resume."""
    sys.path.insert(0, str(Path(__file__).parent))
    from documents import document_texts
    from meeting_helpers import new_meeting

    from dialogtui.store import Store

    home = tmp_path / "home"
    store = Store.open(home / "dialogtui.sqlite3")
    m = new_meeting(store, "raseborg-klientmote", [("Anna Lind", "familj")])
    m.start()
    m.submit("Att Erik går till skolan.")
    m.submit("Att vi pratar mer.")
    m.close()
    store.close()
    env = {
        **os.environ,
        "DIALOGTUI_HOME": str(home),
        "DIALOGTUI_LANG": "en",
        "TERM": "xterm-256color",
        "TZ": "UTC",
    }
    K = {**KEYS, "f10": "\x1b[21~", "down": "\x1b[B"}
    app = Terminal([dialogtui_command(), "resume"], env)
    app.wait_for("Step 1/4")
    app.type(K["f10"])
    app.wait_for("Att vi pratar mer.")
    app.type("e" + " Varje dag." + K["ctrl+s"])
    app.wait_for("(rättat vid")
    app.type(K["down"] + "o" + "Anna" + K["enter"] + "Vi pratar redan mycket")
    poll(app, lambda: "redan mycket" in str(db_rows(home, "SELECT text FROM kept_texts")))
    os.kill(app.child.pid, signal.SIGKILL)
    app.child.wait()
    edited = db_rows(home, "SELECT text FROM turns ORDER BY id")
    assert edited[0] == ("Att Erik går till skolan. Varje dag.",)
    assert db_rows(home, "SELECT at_read_back FROM turn_revisions") == [(1,)]
    again = Terminal([dialogtui_command(), "resume"], env)
    again.wait_for("Vi pratar redan mycket")  # the half-typed objection, not lost
    again.type(K["ctrl+s"])
    # Back in its own dialog, not in the turn's box: saved, it is an objection.
    poll(again, lambda: db_rows(home, "SELECT text FROM objections") != [])
    again.type(K["escape"] + K["ctrl+q"])
    again.child.expect(pexpect.EOF, timeout=10)
    # Both are in every format the meeting is exported to, beside the turn they are about.
    out = tmp_path / "out"
    done = subprocess.run(
        [dialogtui_command(), "export", "1", "--format", "all", "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    minutes = {k: v for k, v in document_texts(out).items() if not k.startswith("action-plan")}
    assert sorted(minutes) == ["journal-note.txt", "minutes.docx", "minutes.md", "minutes.pdf"]
    for name, text in minutes.items():
        flat = " ".join(text.split())
        assert "Att Erik går till skolan. Varje dag." in flat, name
        assert "rättat vid uppläsningen" in flat, name
        assert "Anna Lind anser att uppgiften är oriktig: Vi pratar redan mycket" in flat, name


@pytest.mark.parametrize("turns", [0, 40])
def test_a_resumed_meetings_first_frame_is_whole(tmp_path, monkeypatch, turns):
    """The first frame the terminal gets of a resumed meeting holds the step's header, not
    only the lines below it: drawn row by row, top first, the header is on screen by the
    time the footer is. (Laid out while the app started, the screen lost its first frame,
    and the header, the question and the speakers came a frame late.)"""
    from meeting_helpers import new_meeting

    from dialogtui.store import Store

    home = tmp_path / "home"
    monkeypatch.setenv("DIALOGTUI_HOME", str(home))
    store = Store.open()
    meeting = new_meeting(store, "raseborg-temamote", [("Ada", None), ("Bo", None)])
    meeting.start()
    for n in range(turns):
        meeting.submit(f"Tur {n}: " + "så här är det, ord för ord " * 6)
    meeting.close()
    store.close()
    env = {**os.environ, "DIALOGTUI_LANG": "en", "TERM": "xterm-256color", "TZ": "UTC"}
    app = Terminal([dialogtui_command(), "resume", str(meeting.id)], env)
    app.wait_for("f1 Help")  # the footer, on the screen's last row
    assert "Step 1/3" in app.text(), app.text()
    app.type(KEYS["ctrl+q"])
    app.child.expect(pexpect.EOF, timeout=10)


def test_a_dialog_opened_again_on_resume_is_never_shown_empty(tmp_path, monkeypatch):
    """A form open at a crash comes back with its text in the very frame that shows it: the
    scribe never sees it empty (its date field's hint) and then filled."""
    import json

    from meeting_helpers import new_meeting

    from dialogtui.store import Store

    home = tmp_path / "home"
    monkeypatch.setenv("DIALOGTUI_HOME", str(home))
    store = Store.open()
    meeting = new_meeting(store, "raseborg-temamote", [("Ada", None), ("Bo", None)])
    meeting.start()
    kept = {"f-what": "Boka lokal", "f-who": "Ada", "f-when": "2027-01-15"}
    meeting.drafts.keep("action:new", json.dumps(kept))
    meeting.close()
    store.close()
    env = {**os.environ, "DIALOGTUI_LANG": "en", "TERM": "xterm-256color", "TZ": "UTC"}
    app = Terminal([dialogtui_command(), "resume", str(meeting.id)], env)
    deadline = time.monotonic() + 15
    # (A frame may come in more than one read: both texts are waited for.)
    while not ("Boka lokal" in app.text() and "2027-01-15" in app.text()):
        assert "YYYY-MM-DD" not in app.text(), app.text()  # the form, drawn empty
        assert time.monotonic() < deadline, app.text()
        app.pump(0.005)
    app.type(KEYS["escape"])
    app.type(KEYS["ctrl+q"])
    app.child.expect(pexpect.EOF, timeout=10)
