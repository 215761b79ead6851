"""`dialogtui wall --serve`: the room's view in a browser on this computer, for a projector
cabled to the laptop where a second terminal window is awkward.

textual-serve runs a small web server; each browser that opens the page gets its own
`dialogtui wall` process (this Python, the same data folder and language), whose screen the
page draws. The room's view reads the store and cannot write, but what it shows (the
question, the minutes read back) may name children: it is served on the loopback address
only, and the server answers only pages of its own address (a web page elsewhere in the
browser cannot open the view's connection, nor reach it under another name).
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import html
import logging
import os
import shlex
import signal
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from dialogtui import i18n
from dialogtui.errors import DialogtuiError
from dialogtui.i18n import _

if TYPE_CHECKING:
    from aiohttp import web

ADDRESS = "127.0.0.1"
LOOPBACK = frozenset({"127.0.0.1", "localhost"})
# The page's type, in CSS pixels (textual-serve's is 16): a projector's 1920×1080 then has
# about 130×38 cells, read from the back of a room. `?fontsize=N` in the address sets it.
FONT_SIZE = 24


class ServeError(DialogtuiError):
    """The room's view cannot be served as asked (another address, a port in use)."""


def check_host(host: str) -> None:
    """Refuse every address but this computer's own, before anything starts."""
    if host.strip().lower() not in LOOPBACK:
        raise ServeError(
            _(
                "--host must be 127.0.0.1 (or localhost): the room's view is served to this "
                "computer only; the minutes name children and families. For a projector, "
                "open the address in a browser on this computer."
            )
        )


def command(meeting: int | None, view: str) -> str:
    """The shell command that starts the wall for `meeting` and `view`, in this Python and
    the language this command speaks (the data folder comes along in the environment)."""
    args = [sys.executable, "-m", "dialogtui", "--lang", i18n.current(), "wall"]
    if meeting is not None:
        args.append(str(meeting))
    args += ["--view", view]
    # textual-serve starts it through the shell: quoted for the shell it runs.
    return subprocess.list2cmdline(args) if os.name == "nt" else shlex.join(args)


def url(port: int) -> str:
    return f"http://{ADDRESS}:{port}/"


def serve(meeting: int | None, view: str, host: str, port: int) -> None:
    """Serve the room's view of `meeting` (None: the one open in dialogtui) until ctrl+c."""
    check_host(host)
    _check_port(port)
    # aiohttp and jinja: only when serving
    from aiohttp import web
    from textual_serve.server import Server

    class _Server(Server):
        """textual-serve's server, speaking dialogtui's language and answering only pages
        of its own address."""

        def initialize_logging(self) -> None:
            # Its own start-up banner and the access log are noise in a meeting; what goes
            # wrong (an app that fails to start) still prints.
            logging.getLogger("textual-serve").setLevel(logging.WARNING)
            # At ctrl+c the walls end with the server, and asyncio says, harmlessly, that
            # the loop that started one closed before it ended.
            logging.getLogger("asyncio").setLevel(logging.ERROR)

        async def on_startup(self, app: web.Application) -> None:
            pass  # its banner (dialogtui's lines are printed once it listens)

        def serve(self, debug: bool = False) -> None:
            # textual-serve's own, but for the lines printed: its banner is printed as the
            # server starts, before it listens (a browser opened at once would find nothing
            # there); aiohttp's `print` is called once it does.
            self.debug = debug
            self.initialize_logging()
            loop = asyncio.new_event_loop()
            # asyncio's loop on Windows has no signal handlers (it raises NotImplementedError):
            # there ctrl+c reaches `run_app` as KeyboardInterrupt, which stops it as cleanly.
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signal.SIGINT, self.request_exit)
                loop.add_signal_handler(signal.SIGTERM, self.request_exit)
            web.run_app(
                self._make_app(),
                host=self.host,
                port=self.port,
                handle_signals=False,
                loop=loop,
                print=lambda *_ignored: _listening(port),
            )

        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            _own(request, port)
            if "fontsize" not in request.query:  # large type for a projector, unless asked
                request = request.clone(rel_url=request.rel_url.update_query(fontsize=FONT_SIZE))
            return await super().handle_index(request)

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            _own(request, port, origin=True)
            return await super().handle_websocket(request)

        async def handle_download(self, request: web.Request) -> web.StreamResponse:
            _own(request, port)
            return await super().handle_download(request)

    title = _("dialogtui: the room's view")
    with tempfile.TemporaryDirectory(prefix="dialogtui-wall-") as pages:
        (Path(pages) / "app_index.html").write_text(_page(), encoding="utf-8")
        server = _Server(
            command(meeting, view),
            host=ADDRESS,
            port=port,
            title=title,
            # The page's links and its connection: this address, never a public one.
            public_url=f"http://{ADDRESS}:{port}",
            templates_path=pages,
        )
        try:
            server.serve(debug=False)  # debug would start textual's devtools in each wall
        except OSError as exc:  # taken in the instant since it was found free
            raise _port_error(port, exc) from None


def _listening(port: int) -> None:
    print(_("The room's view: {url}").format(url=url(port)), flush=True)
    print(_("Open it in a browser on this computer; ctrl+c stops serving it."), flush=True)


def _check_port(port: int) -> None:
    if not 1 <= port <= 65535:
        raise ServeError(_("--port must be a number from 1 to 65535."))
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        if os.name != "nt":  # as the server binds it (asyncio reuses the address on POSIX)
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((ADDRESS, port))
        except OSError as exc:
            raise _port_error(port, exc) from None


def _port_error(port: int, exc: OSError) -> ServeError:
    if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
        said = _(
            "port {port} is in use (another program, or the room's view already served); "
            "choose another with --port."
        )
        return ServeError(said.format(port=port))
    said = _("cannot serve the room's view on port {port}: {reason}")
    return ServeError(said.format(port=port, reason=exc.strerror or exc))


def _own(request: web.Request, port: int, origin: bool = False) -> None:
    """Answer only requests to this address by name (no other name resolved to it, as a
    web page elsewhere could arrange), and open the view's connection only for its own
    page: a browser lets any page open a websocket to any address."""
    from aiohttp import web

    own = {f"{name}:{port}" for name in LOOPBACK}
    if port == 80:  # a browser leaves the default port out
        own |= LOOPBACK
    if request.host.lower() not in own:
        raise web.HTTPForbidden(text="")
    sender = request.headers.get("Origin")
    if origin and sender is not None and sender.lower() not in {f"http://{h}" for h in own}:
        raise web.HTTPForbidden(text="")


# textual-serve's page, with a title, the app's words in its language, and its own font
# (the original asks a web font service for it: a meeting laptop may be offline, and the
# page is to ask nothing of the world).
_PAGE = """<!DOCTYPE html>
<html lang="{lang}">
  <head>
    <meta charset="utf-8" />
    <title>{{{{ application.name }}}}</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="{{{{ config.static.url }}}}css/xterm.css" />
    <script src="{{{{ config.static.url }}}}js/textual.js"></script>
    <style>
      @font-face {{
        font-family: "Roboto Mono";
        src: url("{{{{ config.static.url }}}}fonts/RobotoMono-VariableFont_wght.ttf");
      }}
      body {{ background: #0c181f; }}
      .dialog-container {{
        position: absolute; width: 100vw; height: 100vh; display: flex;
        align-items: center; justify-content: center; z-index: 10;
      }}
      .shade {{ position: absolute; width: 100%; height: 100%; background: #0c181f; }}
      .intro {{
        min-width: 640px; min-height: 240px; font-size: 24px; z-index: 20;
        font-family: "Roboto Mono", menlo, monospace; text-align: center;
        color: rgba(255, 255, 255, 0.95); background-color: #12232d; display: flex;
        flex-direction: column; align-items: center; justify-content: center; margin: 32px;
      }}
      body.-first-byte .intro-dialog {{ display: none; }}
      body .textual-terminal {{ opacity: 0; }}
      body.-first-byte .textual-terminal {{ opacity: 1; }}
      body button {{
        padding: 16px 32px; background-color: #5e0ba7; color: rgba(255, 255, 255, 0.95);
        border: none; font-family: "Roboto Mono", menlo, monospace; font-size: 20px;
        margin: 16px; cursor: pointer;
      }}
      .closed-dialog {{ display: none; }}
      body.-closed .closed-dialog {{ display: flex; }}
      #start {{ display: none; }}
      #start.-delay {{ display: block; }}
    </style>
    <script>
      function getStartUrl() {{
        const url = new URL(window.location.href);
        const params = new URLSearchParams(url.search);
        params.delete("delay");
        return url.pathname + "?" + params.toString();
      }}
      function refresh() {{
        window.location.href = getStartUrl();
      }}
    </script>
  </head>
  <body>
    <div class="dialog-container intro-dialog">
      <div class="shade"></div>
      <div class="intro">
        <div>{{{{ application.name }}}}</div>
        <button type="button" onClick="refresh()" id="start">{start}</button>
      </div>
    </div>
    <div class="dialog-container closed-dialog">
      <div class="shade"></div>
      <div class="intro">
        <div class="message">{ended}</div>
        <button type="button" onClick="refresh()">{again}</button>
      </div>
    </div>
    <div
      id="terminal"
      class="textual-terminal"
      data-session-websocket-url="{{{{ app_websocket_url }}}}"
      data-font-size="{{{{ font_size }}}}"
    ></div>
  </body>
</html>
"""


def _page() -> str:
    """The page template: Jinja fills in textual-serve's parts; the words are ours, made
    plain text (no markup, and nothing Jinja would read). The title is textual-serve's
    `application.name`, which Jinja escapes."""

    def text(words: str) -> str:
        return html.escape(words).replace("{", "&#123;").replace("}", "&#125;")

    return _PAGE.format(
        lang=i18n.current(),
        start=text(_("Show the room's view")),
        ended=text(_("The room's view has closed.")),
        again=text(_("Show it again")),
    )
