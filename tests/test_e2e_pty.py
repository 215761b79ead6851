"""The whole journey in a real pseudo-terminal, as a user runs it: the console script,
a short meeting, `kill -9` mid-draft, resume, finish, export, and the Markdown files."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

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


def poll(condition, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.05)


def db_rows(home: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(home / "dialogtui.sqlite3")
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_meeting_survives_kill_9_and_exports(tmp_path):
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

    app = Terminal([command, "run", "raseborg-temamote"], env)
    app.wait_for("New meeting: Tema/planeringsmöte")
    app.type("Kommunhuset")
    app.key("ctrl+a")  # to the participant's name
    for name in ["Anna Lind", "Bo Berg"]:
        app.wait_for("Participants")
        app.type(name)
        app.key("enter")
        app.wait_for(name.split()[0] + " ")
    app.key("ctrl+s")
    app.wait_for("Step 1/2")
    app.type("Att vi samverkar bättre.")
    app.key("enter")
    app.wait_for("✓ saved")
    app.type("Mer tid för varandra.")
    app.key("enter")
    app.wait_for("Q2/2")  # both answered the first theme question; the round moves on
    app.key("f3")
    app.wait_for("Action item")
    app.type("Boka uppföljning")
    app.key("enter")
    app.key("enter")
    app.type("Anna")
    app.key("ctrl+s")
    app.wait_for("saved action item")
    app.type("Ett utkast som inte skickats")
    # The draft autosave runs every second; wait until it is on disk, then pull the plug.
    poll(lambda: db_rows(home, "SELECT text FROM drafts") == [("Ett utkast som inte skickats",)])
    os.kill(app.child.pid, signal.SIGKILL)
    app.child.wait()

    again = Terminal([command, "resume"], env)
    again.wait_for("Step 1/2")
    again.wait_for("Att vi samverkar bättre.")
    again.wait_for("Mer tid för varandra.")
    again.wait_for("Ett utkast som inte skickats")
    again.key("ctrl+o")
    again.wait_for("Time per step")
    again.type("e")
    again.wait_for("minutes.md")
    again.type("q")
    again.child.expect(pexpect.EOF, timeout=10)

    minutes = (home / "exports" / "meeting-1" / "minutes.md").read_text()
    plan = (home / "exports" / "meeting-1" / "action-plan.md").read_text()
    assert "- **Anna Lind:** Att vi samverkar bättre." in minutes
    assert "- **Bo Berg:** Mer tid för varandra." in minutes
    assert "- **Plats:** Kommunhuset" in minutes
    assert "| Boka uppföljning |  | Anna |" in plan
    # The draft lives on after the crash (it was never submitted, so it is not a turn).
    assert db_rows(home, "SELECT text FROM drafts") == [("Ett utkast som inte skickats",)]
    assert db_rows(home, "PRAGMA integrity_check") == [("ok",)]
