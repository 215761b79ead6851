"""Run dialogtui as on Windows, on Linux: the POSIX-only modules are made unavailable before
dialogtui is imported, and `msvcrt` is stood in for by a small double with the same locking
rules (a locked byte range, refused at once to another process with a PermissionError).

    python tests/simulated_windows.py PHASE [ARGS…]

This is a helper of tests/test_portability.py, not a test itself.
"""

from __future__ import annotations

import errno
import fcntl as _posix_fcntl  # taken before it is hidden, for the double only
import os
import subprocess  # before the double: the standard library's own check for Windows
import sys
import types

LK_UNLCK, LK_LOCK, LK_NBLCK = 0, 1, 2


def _locking(fd: int, mode: int, nbytes: int) -> None:
    position = os.lseek(fd, 0, os.SEEK_CUR)
    if mode == LK_UNLCK:
        _posix_fcntl.lockf(fd, _posix_fcntl.LOCK_UN, nbytes, position, 0)
        return
    try:
        _posix_fcntl.lockf(fd, _posix_fcntl.LOCK_EX | _posix_fcntl.LOCK_NB, nbytes, position, 0)
    except OSError:
        raise PermissionError(errno.EACCES, "Permission denied") from None


msvcrt = types.ModuleType("msvcrt")
msvcrt.LK_UNLCK, msvcrt.LK_LOCK, msvcrt.LK_NBLCK = LK_UNLCK, LK_LOCK, LK_NBLCK
msvcrt.locking = _locking  # type: ignore[attr-defined]
sys.modules["msvcrt"] = msvcrt
for name in ("fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "posix_ipc"):
    sys.modules[name] = None  # type: ignore[assignment]  # import of it now fails


def main() -> None:
    phase, args = sys.argv[1], sys.argv[2:]
    if phase == "cli":
        from dialogtui.entry import main as entry_main

        sys.argv = ["dialogtui", *args]
        entry_main()
    elif phase == "meeting":
        meeting(args[0])
    elif phase == "open":
        from dialogtui.errors import MeetingLocked
        from dialogtui.meeting.clock import SystemClock
        from dialogtui.meeting.engine import MeetingEngine
        from dialogtui.store import Store

        store = Store.open()
        try:
            MeetingEngine.open(store, int(args[0]), SystemClock())
        except MeetingLocked as exc:
            print(f"LOCKED {exc}")
        else:
            print("OPENED")
        store.close()
    elif phase == "tui":
        tui()


def meeting(out: str) -> None:
    """A meeting through the engine while another process tries to open it, then export."""
    import datetime as dt

    from dialogtui.export.write import export_meeting
    from dialogtui.meeting.clock import SystemClock
    from dialogtui.meeting.engine import MeetingEngine
    from dialogtui.questionset.library import find_with_text
    from dialogtui.records import ActionItem, MeetingInfo, Participant
    from dialogtui.store import Store

    assert "fcntl" not in {m for m in sys.modules if sys.modules[m] is not None}
    qs, text = find_with_text("raseborg-temamote")
    store = Store.open()
    info = MeetingInfo(qs.id, "Möte", dt.date(2026, 1, 15), participants=[Participant("Åsa")])
    engine = MeetingEngine.create(store, qs, text, info, SystemClock())
    engine.start()
    engine.submit("Första turen, på Windows.")
    engine.actions.add(ActionItem("Ring skolan", who="Åsa"))
    other = subprocess.run(
        [sys.executable, __file__, "open", str(engine.id)], capture_output=True, text=True
    )
    print(other.stdout.strip() or other.stderr.strip())
    engine.close()
    again = subprocess.run(
        [sys.executable, __file__, "open", str(engine.id)], capture_output=True, text=True
    )
    print(again.stdout.strip() or again.stderr.strip())
    paths = export_meeting(store, engine.id, __import__("pathlib").Path(out)).paths
    store.close()
    from exported import kind_of  # the files' names are for people: what each file is

    print("EXPORTED", *sorted(str(kind_of(p.name)) for p in paths))


def tui() -> None:
    """The app's start-up path, headless: the start screen lists the sets."""
    import asyncio

    from textual.drivers.headless_driver import HeadlessDriver

    from dialogtui.tui.app import DialogApp, build_app

    # Textual picks its terminal driver by platform (Windows has its own, which cannot load
    # here); the app's code above the driver is what runs the same everywhere.
    DialogApp.get_driver_class = lambda self: HeadlessDriver  # type: ignore[method-assign]

    async def run() -> None:
        app = build_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            options = app.screen.query_one("#choices")
            print("START", options.option_count)

    asyncio.run(run())


if __name__ == "__main__":
    main()
