"""Drive a program in a pseudo-terminal and time what the user would see (via pyte)."""

from __future__ import annotations

import multiprocessing
import os
import select
import time
from multiprocessing.connection import Connection

import pexpect
import pyte

COLS, ROWS = 80, 24


def cpu_seconds_of(pid: int) -> float:
    """User and system CPU process `pid` has used so far (from /proc: what it did,
    whatever else the machine was doing)."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Pty:
    def __init__(
        self, argv: list[str], env: dict[str, str] | None = None, cols: int = COLS, rows: int = ROWS
    ):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.started = time.perf_counter()
        self.child = pexpect.spawn(
            argv[0],
            argv[1:],
            env={**os.environ, **(env or {}), "TERM": "xterm-256color", "TZ": "UTC"},
            dimensions=(rows, cols),
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
        return cpu_seconds_of(self.child.pid)

    def peak_rss_kib(self) -> int:
        with open(f"/proc/{self.child.pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        return 0

    def close(self) -> None:
        self.child.terminate(force=True)


class Watched:
    """A second program in its own pty (the room's view beside the scribe's app), read all
    the time by a process of its own, which notes when a text first arrives in what it
    draws, while this process times the scribe's app. Its output is searched as bytes, not
    kept as a screen: pyte takes as much CPU to follow a Textual app's screen as the app
    takes to draw it, which would be counted against the scribe's app on the same cores
    (a text is written whole, within one of the app's lines; so a text watched for must
    be on one line and in one style). Not a thread: that would hold this process's GIL.
    (time.perf_counter is the system's monotonic clock: the same in both processes.)"""

    def __init__(
        self, argv: list[str], env: dict[str, str] | None = None, cols: int = COLS, rows: int = ROWS
    ):
        ctx = multiprocessing.get_context("fork")
        self._conn, theirs = ctx.Pipe()
        self._process = ctx.Process(
            target=_watch, args=(theirs, argv, env, cols, rows), daemon=True
        )
        self._process.start()
        self.pid: int = self._conn.recv()
        self._keys = 0
        self._seen: dict[int, float] = {}

    def watch(self, text: str, since_start: bool = False) -> int:
        """From now on (`since_start`: from the program's start), note when `text` is first
        drawn; a key for `seen`."""
        self._keys += 1
        self._conn.send(("watch", self._keys, text, since_start))
        return self._keys

    def seen(self, key: int, timeout: float = 30.0, pump: Pty | None = None) -> float:
        """When the text watched for under `key` was first drawn (perf_counter). `pump`: a
        pty read meanwhile, so that its program is never held up by a full pty."""
        deadline = time.perf_counter() + timeout
        while key not in self._seen:
            if time.perf_counter() > deadline:
                raise TimeoutError("the watched screen never showed it:\n" + self.text())
            if self._conn.poll(0 if pump else 0.05):
                self._take(self._conn.recv())
            elif pump is not None:
                pump.pump(0.005)
        return self._seen.pop(key)

    def until(self, text: str, timeout: float = 30.0, pump: Pty | None = None) -> float:
        """When `text` was first drawn since the program started (waiting for it)."""
        return self.seen(self.watch(text, since_start=True), timeout, pump)

    def text(self) -> str:
        """The screen now (made from all the output: slow; for saying what went wrong)."""
        self._conn.send(("text",))
        while True:
            got = self._conn.recv()
            if got[0] == "text":
                return got[1]
            self._take(got)

    def _take(self, got: tuple) -> None:
        if got[0] == "seen":
            self._seen[got[1]] = got[2]
        elif got[0] == "ended":
            raise RuntimeError("the watched program ended:\n" + got[1])

    def cpu_seconds(self) -> float:
        return cpu_seconds_of(self.pid)

    def reader_cpu_seconds(self) -> float:
        """The CPU of the process that reads it: the harness's own, not the program's."""
        assert self._process.pid is not None  # started in __init__
        return cpu_seconds_of(self._process.pid)

    def close(self) -> None:
        self._conn.send(("close",))
        self._process.join(5)
        if self._process.is_alive():
            self._process.kill()


def _watch(conn: Connection, argv: list[str], env: dict | None, cols: int, rows: int) -> None:
    """The reading process of a `Watched`: reads the pty and the orders of the harness."""
    pty = Pty(argv, env, cols, rows)
    conn.send(pty.child.pid)
    out = bytearray()  # all it wrote
    fed = 0  # how much of it pyte has read (only to show the screen)
    watches: dict[int, tuple[bytes, int]] = {}  # key: (text, where in `out` to look from)
    fd = pty.child.child_fd
    while True:
        ready, _, _ = select.select([fd, conn], [], [], 1.0)
        now = time.perf_counter()  # when the output could be read
        if conn in ready:
            order = conn.recv()
            if order[0] == "close":
                pty.close()
                return
            if order[0] == "text":
                pty.stream.feed(bytes(out[fed:]))
                fed = len(out)
                conn.send(("text", pty.text()))
            elif order[0] == "watch":
                _, key, text, since_start = order
                watches[key] = (text.encode(), 0 if since_start else len(out))
        if fd in ready:
            try:
                out += pty.child.read_nonblocking(1 << 20, timeout=0)
            except (pexpect.TIMEOUT, pexpect.EOF):
                if not pty.child.isalive():
                    pty.stream.feed(bytes(out[fed:]))
                    conn.send(("ended", pty.text()))
                    return
        for key, (text, start) in list(watches.items()):
            if out.find(text, start) >= 0:
                conn.send(("seen", key, now))
                del watches[key]
            else:  # not again over what was searched
                watches[key] = (text, max(start, len(out) - len(text) + 1))
