"""Drive a program in a pseudo-terminal and time what the user would see (via pyte)."""

from __future__ import annotations

import os
import time

import pexpect
import pyte

COLS, ROWS = 80, 24


class Pty:
    def __init__(self, argv: list[str], env: dict[str, str] | None = None):
        self.screen = pyte.Screen(COLS, ROWS)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.child = pexpect.spawn(
            argv[0],
            argv[1:],
            env={**os.environ, **(env or {}), "TERM": "xterm-256color", "TZ": "UTC"},
            dimensions=(ROWS, COLS),
        )
        self.child.delaybeforesend = None  # pexpect sleeps 50 ms before each send by default

    def text(self) -> str:
        return "\n".join(self.screen.display)

    def pump(self, timeout: float = 0.01) -> bool:
        try:
            self.stream.feed(self.child.read_nonblocking(1 << 20, timeout=timeout))
            return True
        except pexpect.TIMEOUT:
            return False

    def until(self, check, timeout: float = 30.0) -> float:
        """Seconds until `check(screen_text)` holds, reading output as it arrives."""
        deadline = time.perf_counter() + timeout
        while not check(self.text()):
            if time.perf_counter() > deadline:
                raise TimeoutError("screen never showed what was expected:\n" + self.text())
            self.pump()
        return time.perf_counter()

    def settle(self, quiet: float = 0.3) -> None:
        """Read until the program has been quiet for `quiet` seconds."""
        while self.pump(timeout=quiet):
            pass

    def send(self, data: str) -> float:
        t = time.perf_counter()
        self.child.send(data)
        return t

    def cpu_seconds(self) -> float:
        """User and system CPU the program has used so far (from /proc: what it did,
        whatever else the machine was doing)."""
        with open(f"/proc/{self.child.pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def peak_rss_kib(self) -> int:
        with open(f"/proc/{self.child.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def close(self) -> None:
        self.child.terminate(force=True)
