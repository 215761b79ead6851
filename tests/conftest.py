from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import settings

# Generated tests are checked for what they find, never for how fast: Hypothesis' default
# 200 ms deadline per example failed a DOCX test once on a loaded machine (speed is
# measured in scripts/bench, against a floor, not in tests).
settings.register_profile("dialogtui", deadline=None)
settings.load_profile("dialogtui")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SETS = ROOT / "question_sets"


# Tests of POSIX file modes, fork, FIFOs and pseudo-terminals; on Windows they are skipped
# (tests/test_portability.py covers what must run there).
posix_only = pytest.mark.skipif(os.name == "nt", reason="needs POSIX (modes, fork, FIFOs, pty)")


@pytest.fixture(autouse=True)
def private_home(tmp_path, monkeypatch):
    """Every test gets its own data folder; nothing touches the real user's data."""
    home = tmp_path / "home"
    monkeypatch.setenv("DIALOGTUI_HOME", str(home))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("TZ", "UTC")  # clock times on screen and in files do not drift
    # The app's own words in English, whatever the machine's locale (tests of the other
    # languages set them themselves).
    monkeypatch.setenv("DIALOGTUI_LANG", "en")
    from dialogtui import i18n

    i18n.use("en")
    # The command line's help is written when its module is first imported: in English,
    # before any test speaks another language in this process (those run it afresh).
    import dialogtui.cli  # noqa: F401

    if hasattr(time, "tzset"):  # not on Windows, where the tests that show times are few
        time.tzset()
    return home


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys, monkeypatch):
    """Run `dialogtui ARGS…` in-process through the real entry point (the console script's,
    which opens the app or resumes a meeting without the CLI's parser)."""
    from dialogtui.entry import main

    def run(*args: str) -> CliResult:
        monkeypatch.setattr(sys, "argv", ["dialogtui", *map(str, args)])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
