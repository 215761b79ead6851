"""dialogtui runs where its users are (Windows, macOS, Linux): the POSIX-only calls live in
one module, and the store, lock, export, CLI and start-up run as on Windows (simulated on
Linux CI by tests/simulated_windows.py)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from exported import named

import dialogtui

SRC = Path(dialogtui.__file__).parent
HELPER = Path(__file__).parent / "simulated_windows.py"
ALLOWED = {"oslock.py"}  # the one module that speaks to the OS's locks
POSIX_ONLY = re.compile(
    r"\b(?:import (?:fcntl|termios|tty|pty|pwd|grp|resource|msvcrt)\b"
    r"|from (?:fcntl|termios|tty|pty|pwd|grp|resource|msvcrt) import"
    r"|os\.(?:fork|forkpty|getuid|geteuid|getgid|getegid|pread|pwrite|mkfifo|setsid|killpg"
    r"|getpgid|chown|lchown|sync|statvfs|getloadavg|sched_\w+)\b"
    r"|signal\.SIG(?:KILL|HUP|USR1|USR2|ALRM|CHLD|STOP|CONT|QUIT)\b)"
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="simulates Windows on POSIX")


def test_no_posix_only_call_outside_the_one_module_allowed():
    found = []
    for path in sorted(SRC.rglob("*.py")):
        if path.name in ALLOWED:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if POSIX_ONLY.search(line.split("#")[0]):
                found.append(f"{path.relative_to(SRC)}:{n}: {line.strip()}")
    assert found == []


def test_the_check_would_see_one():
    assert POSIX_ONLY.search("import fcntl") and POSIX_ONLY.search("pid = os.fork()")


def windows(*args: str, env_home: Path) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, str(HELPER), *args],
        capture_output=True,
        text=True,
        env={**os.environ, "DIALOGTUI_HOME": str(env_home)},
        timeout=120,
    )


def test_a_meeting_locks_saves_and_exports_as_on_windows(tmp_path):
    run = windows("meeting", str(tmp_path / "out"), env_home=tmp_path / "home")
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    # While the meeting is open, a second process is refused, and told by whom…
    assert lines[0].startswith("LOCKED meeting 1 is open in another dialogtui (process ")
    assert lines[1] == "OPENED"  # …and once it is closed, the meeting is free again.
    assert lines[2] == "EXPORTED action-plan.md minutes.md"
    minutes = named(tmp_path / "out", "minutes.md").read_bytes()
    assert "Första turen, på Windows.".encode() in minutes and b"\r\n" not in minutes


def test_the_command_line_runs_as_on_windows(tmp_path):
    home = tmp_path / "home"
    assert windows("meeting", str(tmp_path / "out"), env_home=home).returncode == 0
    for args in (["--version"], ["sets"], ["show", "raseborg-temamote"], ["meetings"],
                 ["export", "1", "--pseudonymise"], ["actions"]):  # fmt: skip
        run = windows("cli", *args, env_home=home)
        assert run.returncode == 0, (args, run.stderr)
    assert named(home / "exports" / "möte-1-pseudonymiserat", "minutes.md").exists()


def test_the_app_starts_as_on_windows(tmp_path):
    run = windows("tui", env_home=tmp_path / "home")
    assert run.returncode == 0, run.stderr[-3000:]
    assert int(run.stdout.split("START")[-1]) >= 16  # the start screen lists the sets


def test_a_set_saved_with_windows_line_endings_loads_and_reports_the_right_line(cli, tmp_path):
    good = (Path(__file__).parent.parent / "question_sets" / "raseborg-temamote.toml").read_text(
        encoding="utf-8"
    )
    path = tmp_path / "crlf.toml"
    path.write_bytes(("\ufeff" + good).replace("\n", "\r\n").encode("utf-8"))  # Notepad's way
    assert cli("validate", str(path)).code == 0
    bad = good.replace('kind = "round"', 'kind = "round"\nminuts = 5', 1)
    path.write_bytes(bad.replace("\n", "\r\n").encode("utf-8"))
    result = cli("validate", str(path))
    line = bad.splitlines().index("minuts = 5") + 1
    assert result.code == 1 and f"crlf.toml:{line}:1: unknown key `minuts`" in result.err
