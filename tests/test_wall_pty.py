"""The room's view in a real terminal beside the scribe's app, as a user runs them: the wall
started first, waiting; a meeting begun; what is written shown once the scribe lets it; the
scribe's app killed (`kill -9`) and resumed, the wall waiting and picking up again; a blank
pause; the read-back page. Both are the console script, each in its own pty at 80×24."""

from __future__ import annotations

import os
import signal
import time

import pytest
from test_e2e_pty import KEYS, Terminal, dialogtui_command, pexpect

pytestmark = pytest.mark.skipif(os.name == "nt", reason="a POSIX pseudo-terminal")

CTRL_W = "\x17"
F10 = "\x1b[21~"


def wait_gone(term: Terminal, needle: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while needle in term.text():
        assert time.monotonic() < deadline, f"{needle!r} stayed; screen:\n{term.text()}"
        term.pump()


def test_the_wall_follows_the_scribe_through_a_kill_and_a_resume(tmp_path):
    home = tmp_path / "home"
    env = {
        **os.environ,
        "DIALOGTUI_HOME": str(home),
        "TERM": "xterm-256color",
        "TZ": "UTC",
        "COLUMNS": "80",
        "LINES": "24",
    }
    command = dialogtui_command()
    K = KEYS

    wall = Terminal([command, "wall"], env)  # before any meeting, before any database
    wall.wait_for("No meeting is open in dialogtui yet.")
    scribe = Terminal([command, "run", "raseborg-temamote"], env)
    scribe.wait_for("New meeting: Tema/planeringsmöte")
    scribe.type("Kommunhuset" + K["ctrl+a"] + "Anna Lind" + K["enter"] + "Bo Ek" + K["enter"])
    scribe.type(K["ctrl+s"])
    scribe.wait_for("Step 1/3")
    wall.wait_for("Step 1/3")  # the meeting open in dialogtui, found without its number
    wall.wait_for("questions only")

    # The room sees what is written only once the scribe lets it.
    scribe.type("Att vi samverkar bättre." + K["enter"])
    scribe.wait_for("Att vi samverkar bättre.")
    scribe.type(CTRL_W + CTRL_W)  # a blank pause, then the notes: one choice made
    scribe.wait_for("The room sees what you write")
    wall.wait_for("questions and notes")
    wall.wait_for("Anna Lind: Att vi samverkar bättre.")
    scribe.type("Mer tid för varandra." + K["enter"])
    wall.wait_for("Bo Ek: Mer tid för varandra.")

    # The scribe's app dies: the wall says it waits, and keeps what it showed.
    os.kill(scribe.child.pid, signal.SIGKILL)
    scribe.child.wait()
    wall.wait_for("waiting for it")
    assert "Mer tid för varandra." in wall.text()

    again = Terminal([command, "resume"], env)
    again.wait_for("Mer tid för varandra.")
    wait_gone(wall, "waiting for it")
    wall.wait_for("questions only")  # a meeting opened shows the room its question only
    wait_gone(wall, "Mer tid för varandra.")

    # A blank pause: the room sees nothing of the meeting but its title.
    again.type(CTRL_W)
    again.wait_for("blank")
    wall.wait_for("Pause")
    assert "Mer tid för varandra." not in wall.text()
    again.type(CTRL_W + CTRL_W)  # through the notes, back to the question only
    wall.wait_for("questions only")

    # The read-back page: the room reads along.
    again.type(F10)
    again.wait_for("Objection")
    wall.wait_for("Read back:")
    wall.wait_for("Mer tid för varandra.")
    again.key("escape")
    wall.wait_for("Step 1/3")

    again.type(K["ctrl+q"])
    again.child.expect(pexpect.EOF, timeout=10)
    wall.wait_for("waiting for it")
    wall.type(K["ctrl+q"])
    wall.child.expect(pexpect.EOF, timeout=10)
