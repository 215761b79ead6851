"""`dialogtui wall --serve`: the room's view in a real browser, and served to this computer only.

The browser test starts `dialogtui wall MEETING --serve` on a free loopback port as a user
would, opens the address in headless Chromium (Debian's `chromium`, driven by Playwright),
sees the current question, has the scribe (an engine of this test, holding the meeting as the
scribe's app does) show the room the notes and write a turn, and sees the turn appear. The
page draws the terminal on a canvas; the test reads what xterm.js holds, the rows it draws
(`xterm` here is the page's own terminal, found as the page makes it).

The browser is `chromium` on the PATH (or DIALOGTUI_CHROMIUM, its path). Without Playwright or
a browser the browser test is skipped, with its reason; CI sets DIALOGTUI_REQUIRE_BROWSER=1,
which makes a missing one a failure.
"""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass

import pytest
from case_meeting import PEOPLE
from conftest import posix_only
from meeting_helpers import new_meeting

from dialogtui.records import RoomShows
from dialogtui.store import Store, default_db_path
from dialogtui.tui.wall import serve as wall_serve

pytestmark = posix_only  # a process group to stop, and Debian's browser

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTS_WITHIN = 30.0  # seconds: a cold Python, the server and the wall on a loaded CI
SHOWS_WITHIN = 20_000  # ms: for the page to show what the wall shows


def chromium() -> str:
    """The browser to drive, or skip (fail where CI requires it) saying what is missing."""
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "Playwright is not installed (pip install -e '.[dev]')"
    path = os.environ.get("DIALOGTUI_CHROMIUM") or shutil.which("chromium")
    if reason is None and path is None:
        reason = "no chromium browser installed (Debian: apt-get install chromium)"
    if reason is not None:
        if os.environ.get("DIALOGTUI_REQUIRE_BROWSER") == "1":
            pytest.fail(reason + ", and DIALOGTUI_REQUIRE_BROWSER=1 requires it")
        pytest.skip(reason)
    assert path is not None
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Served:
    process: subprocess.Popen[bytes]
    printed: str  # up to the address line
    port: int


@pytest.fixture
def wall_server(request):
    """Starts `dialogtui wall ARGS --serve --port P` and waits for its address line; the
    server and the walls it started are stopped however the test ends."""

    def start(*args: str) -> Served:
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "dialogtui", "wall", *args, "--serve", "--port", str(port)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=os.environ.copy(),  # this test's data folder and language
            start_new_session=True,  # its own process group: the server and every wall
        )
        request.addfinalizer(lambda: stop(process))
        return Served(process, read_until(process, "ctrl+c stops serving it.\n"), port)

    return start


def read_until(process: subprocess.Popen[bytes], wanted: str) -> str:
    """What the process prints, up to the line holding `wanted` (fails with all it printed
    if it ends or takes too long)."""
    assert process.stdout is not None
    printed = b""
    deadline = time.monotonic() + STARTS_WITHIN
    with selectors.DefaultSelector() as waiting:
        waiting.register(process.stdout, selectors.EVENT_READ)
        while wanted.encode() not in printed:
            left = deadline - time.monotonic()
            if left <= 0 or not waiting.select(left):
                pytest.fail(f"no {wanted} within {STARTS_WITHIN} s; it printed:\n{printed!r}")
            chunk = os.read(process.stdout.fileno(), 4096)
            if not chunk:
                pytest.fail(f"it ended ({process.wait()}) and printed:\n{printed.decode()}")
            printed += chunk
    return printed.decode()


def stop(process: subprocess.Popen[bytes]) -> None:
    """ctrl+c to the server and its walls, as in a terminal; killed if it will not go."""
    if process.poll() is None:
        try:
            os.killpg(process.pid, signal.SIGINT)
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        except ProcessLookupError:
            pass
    if process.stdout is not None:
        process.stdout.close()


@pytest.fixture
def scribe():
    """A meeting under way, held open as the scribe's app holds it (its lock taken)."""
    store = Store.open(default_db_path())
    m = new_meeting(store, "raseborg-klientmote", PEOPLE, title="Klientmöte")
    m.start()
    yield m
    m.close()
    store.close()


# The page's terminal: textual-serve makes one xterm.js terminal and keeps it to itself. The
# first object given a `terminal` that has a `buffer` is kept as window.xterm, before the
# page's script runs.
FIND_XTERM = """
Object.defineProperty(Object.prototype, "terminal", {
  configurable: true,
  set(value) {
    Object.defineProperty(this, "terminal", {
      value, writable: true, enumerable: true, configurable: true,
    });
    if (!window.xterm && value && value.buffer) window.xterm = value;
  },
});
"""
# What the page's terminal shows, as one line: its rows joined, frames and blocks blanked, so
# that a text wrapped over rows reads as written.
SHOWN = """() => {
  if (!window.xterm) return "";
  const buffer = window.xterm.buffer.active, rows = [];
  for (let y = 0; y < buffer.length; y++) rows.push(buffer.getLine(y).translateToString(true));
  return rows.join(" ").replace(/[\\u2500-\\u259f]/g, " ").replace(/\\s+/g, " ");
}"""


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_the_room_sees_the_question_and_a_turn_in_a_browser(scribe, wall_server, record_property):
    browser_path = chromium()
    from playwright.sync_api import sync_playwright

    question = one_line(scribe.text(scribe.question.text))
    timings: dict[str, float] = {}
    began = time.monotonic()
    served = wall_server(str(scribe.id))
    timings["served"] = time.monotonic() - began
    assert served.printed == (
        f"The room's view: http://127.0.0.1:{served.port}/\n"
        "Open it in a browser on this computer; ctrl+c stops serving it.\n"
    )
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=browser_path, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 900})
            page.add_init_script(FIND_XTERM)
            mark = time.monotonic()
            page.goto(f"http://127.0.0.1:{served.port}/")
            assert page.title() == "dialogtui: the room's view"

            def shows(text: str) -> None:
                page.wait_for_function(
                    f"text => ({SHOWN})().includes(text)", arg=text, timeout=SHOWS_WITHIN
                )

            shows(question)
            timings["question shown"] = time.monotonic() - mark

            said = "Vi har hittat en lugn plats för läxorna"
            scribe.room.show(RoomShows.notes)
            scribe.set_speaker(scribe.participants[0].id)
            mark = time.monotonic()
            scribe.submit(said)
            shows(said)
            timings["turn shown"] = time.monotonic() - mark
        finally:
            browser.close()
    for name, seconds in timings.items():
        record_property(name, round(seconds, 2))
    print("browser timings (s):", {k: round(v, 2) for k, v in timings.items()})


def test_a_host_other_than_this_computer_is_refused(cli):
    port = free_port()
    result = cli("wall", "--serve", "--host", "0.0.0.0", "--port", str(port))
    assert result.code == 1
    assert result.err.startswith("dialogtui: --host must be 127.0.0.1 (or localhost):")
    assert len(result.err.strip().splitlines()) == 1
    assert "Traceback" not in result.err
    with socket.socket() as probe:  # nothing was started: the port is still free
        probe.bind(("127.0.0.1", port))


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "example.org", ""])
def test_serve_refuses_before_anything_starts(host, monkeypatch):
    def started(*args, **kwargs):
        raise AssertionError("a server was started")

    monkeypatch.setattr(wall_serve, "_check_port", started)
    with pytest.raises(wall_serve.ServeError, match="only; the minutes name children"):
        wall_serve.serve(None, "room", host, 8765)


def test_a_port_in_use_is_said_in_one_line(cli):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = cli("wall", "--serve", "--port", str(port))
    assert result.code == 1
    assert result.err == (
        f"dialogtui: port {port} is in use (another program, or the room's view already "
        "served); choose another with --port.\n"
    )


def test_the_wall_runs_in_this_python_for_the_same_meeting_and_view():
    assert wall_serve.command(7, "asker").split() == [
        sys.executable,
        "-m",
        "dialogtui",
        "--lang",
        "en",
        "wall",
        "7",
        "--view",
        "asker",
    ]
    assert "wall --view room" in wall_serve.command(None, "room")


def test_only_pages_of_its_own_address_reach_the_view(scribe, wall_server):
    """A browser lets any web page open a websocket to any address, and a name resolved to
    127.0.0.1 by someone else's DNS reaches it too: neither gets the room's view."""
    import asyncio

    import aiohttp

    async def knock(served: Served) -> dict[str, int]:
        base = f"http://127.0.0.1:{served.port}"
        found = {}
        async with aiohttp.ClientSession() as session:
            for name, headers in {
                "elsewhere": {"Host": f"dialogue.example:{served.port}"},
                "own": {},
            }.items():
                async with session.get(base + "/", headers=headers) as response:
                    found[f"page from {name}"] = response.status
            for ask, size in (("", 24), ("?fontsize=32", 32)):  # large type unless asked
                async with session.get(base + "/" + ask) as response:
                    assert f'data-font-size="{size}"' in await response.text()
            for name, origin in {
                "elsewhere": "http://dialogue.example",
                "own": base,
            }.items():
                try:
                    async with session.ws_connect(base + "/ws", origin=origin) as ws:
                        found[f"connection from {name}"] = 101
                        await ws.close()
                except aiohttp.WSServerHandshakeError as exc:
                    found[f"connection from {name}"] = exc.status
        return found

    assert asyncio.run(knock(wall_server(str(scribe.id)))) == {
        "page from elsewhere": 403,
        "page from own": 200,
        "connection from elsewhere": 403,
        "connection from own": 101,
    }


def test_the_page_asks_nothing_of_the_world():
    page = wall_serve._page()
    assert "http" not in page  # no web font, nothing but its own address's files
    assert "<title>{{ application.name }}</title>" in page


@pytest.mark.parametrize(
    ("port", "host", "origin", "answered"),
    [
        (8731, "127.0.0.1:8731", "http://127.0.0.1:8731", True),
        (8731, "localhost:8731", "http://localhost:8731", True),
        (8731, "LOCALHOST:8731", None, True),  # not from a browser's page: this computer's
        (8731, "127.0.0.1:8731", "http://dialogue.example", False),
        (8731, "127.0.0.1:8731", "null", False),  # a file or a sandboxed frame
        (8731, "127.0.0.1:8731", "http://127.0.0.1:8732", False),
        (8731, "dialogue.example:8731", "http://dialogue.example:8731", False),
        (8731, "127.0.0.1", None, False),
        (80, "127.0.0.1", "http://127.0.0.1", True),  # the default port, left out
        (80, "localhost:80", None, True),
        (80, "dialogue.example", None, False),
    ],
)
def test_whom_the_server_answers(port, host, origin, answered):
    from aiohttp import web
    from aiohttp.test_utils import make_mocked_request

    headers = {"Host": host} | ({"Origin": origin} if origin else {})
    request = make_mocked_request("GET", "/ws", headers=headers)
    if answered:
        wall_serve._own(request, port, origin=True)
    else:
        with pytest.raises(web.HTTPForbidden):
            wall_serve._own(request, port, origin=True)
