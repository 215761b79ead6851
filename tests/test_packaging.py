"""The wheel carries the question sets and the stylesheet, so `pip install` users get them."""

from __future__ import annotations

import subprocess
import sys
import zipfile

from conftest import ROOT, SETS


def test_wheel_holds_the_method_library(tmp_path):
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    [wheel] = tmp_path.glob("dialogtui-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for path in SETS.glob("*.toml"):
        assert f"dialogtui/question_sets/{path.name}" in names
    assert "dialogtui/tui/app.tcss" in names
    entry_points = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith("entry_points.txt")))
        .decode()
    )
    assert "dialogtui = dialogtui.entry:main" in entry_points
