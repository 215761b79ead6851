"""dialogtui benchmarks. Each figure is measured in the same run as its floor and reported
as a ratio. Run with `scripts/bench`; prints a table and writes benchmarks/latest.json."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from harness import ROWS, Pty  # noqa: E402

from dialogtui.atomic import write_atomic  # noqa: E402
from dialogtui.export.write import export_meeting  # noqa: E402
from dialogtui.meeting.clock import FakeClock  # noqa: E402
from dialogtui.meeting.engine import MeetingEngine  # noqa: E402
from dialogtui.questionset.library import find_with_text  # noqa: E402
from dialogtui.records import MeetingInfo, Participant  # noqa: E402
from dialogtui.store import Store  # noqa: E402

SIZES = [0, 1_000, 10_000]
KEYSTROKES = 40
SUBMITS = 15
STARTS = 5
DIALOGTUI = str(Path(sys.executable).parent / "dialogtui")
FLOOR = [sys.executable, str(HERE / "floor_app.py")]


def seed(home: Path, turns: int) -> int:
    """A meeting whose current step already holds `turns` turns (the worst case for the
    transcript: a real meeting spreads them over its steps)."""
    os.environ["DIALOGTUI_HOME"] = str(home)
    store = Store.open()
    qs, text = find_with_text("raseborg-temamote")
    info = MeetingInfo(
        qs.id,
        "Benchmark",
        dt.date(2026, 1, 15),
        participants=[Participant("Ada", None), Participant("Bo", None)],
    )
    engine = MeetingEngine.create(store, qs, text, info, FakeClock())
    engine.start()
    now = FakeClock().now().isoformat()
    ids = [p.id for p in engine.participants]
    with store.tx() as c:
        c.executemany(
            "INSERT INTO turns (meeting_id, step_index, question_index, participant_id, text,"
            " started_at, ended_at) VALUES (?, 0, 0, ?, ?, ?, ?)",
            [
                (engine.id, ids[n % 2], f"Tur {n}: " + "så här är det, ord för ord " * 6, now, now)
                for n in range(turns)
            ],
        )
    engine.close()
    store.close()
    return engine.id


def median_ms(values: list[float]) -> float:
    return round(statistics.median(values) * 1000, 2)


def startup(argv: list[str], ready: str, env: dict) -> float:
    times = []
    for _ in range(STARTS):
        pty = Pty(argv, env)
        t = pty.until(lambda s: ready in s) - pty.started
        times.append(t)
        pty.close()
    return median_ms(times)


def typing(pty: Pty) -> float:
    """Key-to-render: from writing a key to the pty until the screen shows it."""
    pty.settle()
    times = []
    for n in range(1, KEYSTROKES + 1):
        t0 = pty.send("§")
        t1 = pty.until(lambda s, n=n: s.count("§") >= n)
        times.append(t1 - t0)
    return median_ms(times)


def submitting(pty: Pty) -> float:
    """Submit-to-visible: from enter until the turn shows above the text box."""
    for _ in range(KEYSTROKES):
        pty.send("\x7f")  # clear what `typing` left in the box
    pty.settle()
    times = []
    for n in range(SUBMITS):
        marker = f"mark{n:03d}"
        pty.send(marker)
        pty.until(lambda s, m=marker: m in s)
        pty.settle(0.05)
        t0 = pty.send("\r")
        t1 = pty.until(lambda s, m=marker: any(m in row for row in s.split("\n")[: ROWS - 6]))
        times.append(t1 - t0)
    return median_ms(times)


def export_figures(home: Path, meeting_id: int) -> tuple[float, float]:
    os.environ["DIALOGTUI_HOME"] = str(home)
    store = Store.open()
    out = home / "bench-export"
    ours, floor = [], []
    for _ in range(15):
        t = time.perf_counter()
        export_meeting(store, meeting_id, out)
        ours.append(time.perf_counter() - t)
        t = time.perf_counter()
        texts = [
            r[0] for r in store.query("SELECT text FROM turns WHERE meeting_id=?", (meeting_id,))
        ]
        out.mkdir(exist_ok=True)
        write_atomic(out / "floor.md", "\n\n".join(texts))
        floor.append(time.perf_counter() - t)
    store.close()
    return median_ms(ours), median_ms(floor)


def row(name: str, value: float, floor: float, unit: str, target: str, ok: bool) -> dict:
    return {
        "figure": name,
        "value": value,
        "floor": floor,
        "unit": unit,
        "ratio": round(value / floor, 2) if floor else None,
        "target": target,
        "met": ok,
    }


def main() -> None:
    results: list[dict] = []
    work = Path(tempfile.mkdtemp(prefix="dialogtui-bench-"))
    try:
        homes = {n: work / f"home-{n}" for n in SIZES}
        meetings = {n: seed(homes[n], n) for n in SIZES}
        env0 = {"DIALOGTUI_HOME": str(homes[0])}

        floor_start = startup(FLOOR, "floor ready", {})
        ours_start = startup([DIALOGTUI], "Framtidsdialog", env0)  # the list is filled
        results.append(
            row(
                "start-up to first usable screen",
                ours_start,
                floor_start,
                "ms",
                "≤ 1.5× floor",
                ours_start <= 1.5 * floor_start,
            )
        )

        floor_pty = Pty([*FLOOR, "textarea"])
        floor_pty.until(lambda s: "▔" in s)  # its text box is drawn: the app is up
        floor_key = typing(floor_pty)
        floor_submit = submitting(floor_pty)
        floor_rss = floor_pty.peak_rss_kib()
        floor_pty.close()

        keys, submits = {}, {}
        rss = 0
        for n in SIZES:
            pty = Pty([DIALOGTUI, "resume", str(meetings[n])], {"DIALOGTUI_HOME": str(homes[n])})
            pty.until(lambda s: "Step 1/" in s)
            keys[n] = typing(pty)
            submits[n] = submitting(pty)
            if n == SIZES[-1]:
                rss = pty.peak_rss_kib()
            pty.close()
        for n in SIZES:
            ok = keys[n] <= 2 * floor_key and keys[n] <= 1.2 * max(keys[0], floor_key)
            results.append(
                row(
                    f"keystroke to render, {n:,} turns",
                    keys[n],
                    floor_key,
                    "ms",
                    "≤ 2× floor and ≤ 1.2× the 0-turn figure",
                    ok,
                )
            )
        for n in SIZES:
            results.append(
                row(
                    f"submit to visible, {n:,} turns",
                    submits[n],
                    floor_submit,
                    "ms",
                    "≤ 50 ms median at 10k",
                    submits[n] <= 50,
                )
            )
        ours_export, floor_export = export_figures(homes[SIZES[-1]], meetings[SIZES[-1]])
        results.append(
            row(
                f"export, {SIZES[-1]:,} turns",
                ours_export,
                floor_export,
                "ms",
                "≤ 3× floor",
                ours_export <= 3 * floor_export,
            )
        )
        results.append(
            row(
                f"peak RSS, {SIZES[-1]:,} turns",
                round(rss / 1024, 1),
                round(floor_rss / 1024, 1),
                "MiB",
                "reported",
                True,
            )
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"{'figure':<38} {'value':>10} {'floor':>10} {'ratio':>6}  target")
    for r in results:
        mark = "ok" if r["met"] else "MISSED"
        print(
            f"{r['figure']:<38} {r['value']:>8} {r['unit']:<3}{r['floor']:>8} "
            f"{r['unit']:<3}{r['ratio']:>5}×  {r['target']} ({mark})"
        )
    report = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} cpu, Python {platform.python_version()}",
        "results": results,
    }
    (HERE / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"\nwritten {HERE / 'latest.json'}")


if __name__ == "__main__":
    main()
