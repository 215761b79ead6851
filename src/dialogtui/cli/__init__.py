"""The `dialogtui` command line: a thin layer over the domain, store and export modules.

Every user-facing failure is a `DialogtuiError`; `main()` turns it into one line on stderr
and exit code 1. Exit codes: 0 success, 1 a problem with the input or the data (the
message says what and where), 2 a usage error (unknown option, missing argument).

The commands live by what they act on: `sets` (question sets), `meetings`, `documents`
(what a meeting holds: its documents, actions and notes), `search` (what was said, in any
meeting), `settings` (the app's language) and `wall` (the room's view), each registering
on `root.app`; `output` prints;
`_speaking` is the one module that reaches into typer's and click's internals, to make
them speak the user's language. Importing this package builds the command line (its help
is written as it is built, in the language chosen by then).
"""

from __future__ import annotations

import os
import sys

from dialogtui.cli import documents, meetings, search, sets, settings, wall
from dialogtui.cli.output import say
from dialogtui.cli.root import app
from dialogtui.errors import DialogtuiError, QuestionSetError
from dialogtui.i18n import _

# Registered on `app` as they are imported.
COMMANDS = (sets, meetings, documents, search, settings, wall)


def main() -> None:
    # Run from `dialogtui.entry`, which has set the console streams up.
    try:
        app(standalone_mode=True)
    except DialogtuiError as exc:
        # A question set's problems are already `PATH:LINE:COL: message` lines.
        text = str(exc) if isinstance(exc, QuestionSetError) else f"dialogtui: {exc}"
        say(text, stderr=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # the last net: a bug must still not print a traceback
        if os.environ.get("DIALOGTUI_DEBUG"):
            raise
        said = _(
            "dialogtui: internal error ({error}); nothing was changed after the last saved "
            "step. Set DIALOGTUI_DEBUG=1 to see the details."
        )
        say(said.format(error=f"{type(exc).__name__}: {exc}"), stderr=True)
        sys.exit(70)
