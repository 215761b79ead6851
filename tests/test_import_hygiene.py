"""The domain, store and export layers never pull in Textual; the CLI's quick commands neither."""

from __future__ import annotations

import subprocess
import sys

import pytest

LAYERS = [
    "dialogtui.questionset.loader",
    "dialogtui.questionset.library",
    "dialogtui.questionset.agenda",
    "dialogtui.meeting",
    "dialogtui.store",
    "dialogtui.export",
    "dialogtui.cli",
]


@pytest.mark.parametrize("module", LAYERS)
def test_no_textual_in(module):
    code = (
        f"import sys, {module}\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"{module} imports {out.stdout.strip()}"
