"""The release wheel: built by scripts/build-wheel, it carries the question sets, the
stylesheet and the console script, and it installs and runs in a clean environment (what
`pipx install` / `uv tool install` do with it)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, SETS
from exported import kinds, named


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    if os.name == "nt":
        command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), "."]
    else:
        command = ["bash", str(ROOT / "scripts" / "build-wheel"), str(out)]
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    [built] = out.glob("dialogtui-*.whl")
    return built


def test_wheel_holds_the_method_library(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in SETS.glob("*.toml"):
        assert f"dialogtui/question_sets/{path.name}" in names
    assert "dialogtui/tui/app.tcss" in names
    # The PDF's font, which it embeds, and its licence; the catalogues of the languages.
    for face in ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"):
        assert f"dialogtui/export/fonts/{face}.ttf" in names
    assert "dialogtui/export/fonts/LICENSE" in names
    entry_points = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith("entry_points.txt")))
        .decode()
    )
    assert "dialogtui = dialogtui.entry:main" in entry_points


SCRIPTED_MEETING = """
import datetime as dt
from dialogtui.meeting.clock import SystemClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.library import find_with_text
from dialogtui.records import MeetingInfo, Participant
from dialogtui.store import Store

qs, text = find_with_text("samtidigt-traff-1")
store = Store.open()
info = MeetingInfo(qs.id, "Träff 1", dt.date(2026, 1, 15), participants=[Participant("Åsa")],
                   consent_given=True)
m = MeetingEngine.create(store, qs, text, info, SystemClock())
m.start()
m.submit("Hej från ett installerat hjul.")
m.close()
store.close()
"""


def test_the_wheel_installs_into_a_clean_venv_and_runs(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stderr[-3000:]
    env = {**os.environ, "DIALOGTUI_HOME": str(tmp_path / "home")}
    env.pop("PYTHONPATH", None)
    dialogtui = str(bin_dir / "dialogtui")

    def run(*args: str) -> str:
        proc = subprocess.run([*args], capture_output=True, text=True, env=env, cwd=tmp_path)
        assert proc.returncode == 0, (args, proc.stderr[-2000:])
        return proc.stdout

    assert run(dialogtui, "--version").startswith("dialogtui ")
    assert "samtidigt-traff-1" in run(dialogtui, "sets")
    run(str(python), "-c", SCRIPTED_MEETING)  # a meeting through the installed engine
    assert "Träff 1" in run(dialogtui, "meetings")
    run(dialogtui, "export", "1")
    minutes = named(tmp_path / "home" / "exports" / "möte-1", "minutes.md").read_text("utf-8")
    assert "Hej från ett installerat hjul." in minutes
    # Every format from the installed copy: its dependencies and its font came with it.
    run(dialogtui, "export", "1", "--format", "all", "--out", str(tmp_path / "all"))
    written = sorted(kinds((tmp_path / "all").iterdir()))
    # Every format (a calendar only where something is dated).
    assert {"minutes.md", "minutes.docx", "minutes.pdf", "journal-note.txt"} <= set(written)
    assert named(tmp_path / "all", "minutes.pdf").read_bytes().startswith(b"%PDF")
    # It is the installed copy that ran, not the checkout.
    where = run(str(python), "-c", "import dialogtui; print(dialogtui.__file__)")
    assert str(venv) in where
