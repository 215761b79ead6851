"""An export killed half-way (kill -9, a laptop's battery) leaves hidden temp files that
hold whole minutes. They do not outlive the next start or export, wherever they were left
(the adversarial review's A7: they stayed until the next export to the same folder); a
live export of another process is never touched."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest
from conftest import posix_only
from meeting_helpers import new_meeting

from dialogtui import atomic
from dialogtui.export.write import export_meeting
from dialogtui.store import Store

LEFT = "the whole minutes, names and all, from an export that was killed"


@pytest.fixture
def store(private_home):
    s = Store.open()
    yield s
    s.close()


def meeting(store) -> int:
    m = new_meeting(store, "raseborg-temamote", [("Anna Lind", None)])
    m.close()
    return m.id


def left_in(folder, name=".2026-01-15 T – minutes.pdf.k1ll3d00.dialogtui-tmp"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(LEFT)
    return path


def test_a_temp_file_left_in_another_folder_goes_at_an_export_elsewhere(store, tmp_path):
    mid = meeting(store)
    usb = tmp_path / "usb-stick"
    export_meeting(store, mid, usb)  # dialogtui notes the folder, privately
    killed = left_in(usb)
    export_meeting(store, mid, tmp_path / "shared")  # elsewhere
    assert not killed.exists()
    from dialogtui.export import leftovers

    assert leftovers.recorded() == [tmp_path / "shared", usb]  # the latest first


def test_temp_files_in_the_data_folders_exports_go_at_any_export(store, private_home, tmp_path):
    mid = meeting(store)
    other_copy = left_in(private_home / "exports" / "meeting-9-family")
    report = left_in(private_home / "crash-reports", ".crash-1.txt.abcdefgh.dialogtui-tmp")
    export_meeting(store, mid, tmp_path / "out")
    assert not other_copy.exists() and not report.exists()


def test_temp_files_go_when_the_app_starts(store, tmp_path, monkeypatch):
    from dialogtui.tui import app as tui_app
    from dialogtui.tui.launch import launch

    mid = meeting(store)
    export_meeting(store, mid, tmp_path / "usb")
    killed = left_in(tmp_path / "usb")

    class NoApp:  # the app itself is not what is tested: its start is
        return_code = 0

        def run(self):
            pass

    monkeypatch.setattr(tui_app, "build_app", lambda **kwargs: NoApp())
    launch()
    for sweep in [t for t in threading.enumerate() if t.name == "dialogtui-sweep"]:
        sweep.join()
    assert not killed.exists()


HOLDER = """
import os, sys, tempfile
from dialogtui import oslock
fd, path = tempfile.mkstemp(prefix=".minutes.md.", suffix=".dialogtui-tmp", dir=sys.argv[1])
oslock.try_lock(fd)
os.write(fd, b"a live export, half written")
print(path, flush=True)
sys.stdin.read()
"""


@posix_only
def test_a_live_export_of_another_process_is_never_touched(store, tmp_path):
    mid = meeting(store)
    out = tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        live = holder.stdout.readline().strip()
        export_meeting(store, mid, out)  # the same folder
        export_meeting(store, mid, tmp_path / "elsewhere")  # which sweeps that one too
        assert os.path.exists(live)
    finally:
        holder.kill()
        holder.wait()
    # Killed: its temp file is a leftover now, and goes with the next sweep.
    from dialogtui.export import leftovers

    assert leftovers.sweep() >= 1 and not os.path.exists(live)


def test_an_empty_temp_file_is_left_a_moment_to_be_locked(tmp_path):
    # A write makes its temp file, then locks it: a sweep in that instant leaves it.
    young = left_in(tmp_path, ".a.md.x.dialogtui-tmp")
    young.write_text("")
    assert atomic.sweep_temps(tmp_path) == 0 and young.exists()
    old = time.time() - atomic.GRACE_SECONDS - 1
    os.utime(young, (old, old))
    assert atomic.sweep_temps(tmp_path) == 1 and not young.exists()


def test_a_folder_that_is_gone_or_a_record_that_is_broken_fails_nothing(
    store, private_home, tmp_path
):
    from dialogtui.export import leftovers

    mid = meeting(store)
    (private_home / leftovers.RECORD).write_text("{not json")
    assert leftovers.recorded() == []
    export_meeting(store, mid, tmp_path / "gone")
    (tmp_path / "gone").rename(tmp_path / "moved")
    assert leftovers.sweep() == 0
    assert export_meeting(store, mid, tmp_path / "new").failed == ()
