"""A stand-in for `dialogtui wall MEETING` where that command is not there: the load the
room's view puts on the store, without Textual. It follows the meeting the way the wall does
(`Follower.poll()` five times a second, the clocks from `Follower.clock()` each second) and
writes what it shows as plain lines, so that the harness can see a turn or a step arrive.

    python benchmarks/wall_load.py MEETING [room|asker]
"""

from __future__ import annotations

import sys
import time

from dialogtui.meeting.clock import SystemClock
from dialogtui.wall.follow import Follower, Shown

POLL_SECONDS = 0.2  # the wall's own interval
WIDTH = 158


def draw(shown: Shown) -> None:
    lines = [shown.waiting] if shown.waiting else []
    content = shown.content
    if content is not None:
        lines += [content.step, content.question, content.floor]
        lines += [f"{said.who}: {said.text}" for said in content.written]
        if content.typing is not None:
            lines.append(f"({content.typing.who} is being written) {content.typing.text}")
        lines += [f"{name} {said}" for name, said in content.speaking]
    # The screen cleared and written again, below the clock's line.
    out = "\x1b[2;1H\x1b[J" + "\r\n".join(line.replace("\n", " ")[:WIDTH] for line in lines)
    sys.stdout.write(out)
    sys.stdout.flush()


def main() -> None:
    meeting = int(sys.argv[1])
    view = sys.argv[2] if len(sys.argv) > 2 else "room"
    follower = Follower(None, meeting, view, SystemClock())
    tick = 0.0
    sys.stdout.write("\x1b[2J")
    while True:
        if follower.poll():
            draw(follower.shown)
        if time.monotonic() >= tick:
            tick = time.monotonic() + 1.0
            clock = follower.clock()
            if clock is not None:
                sys.stdout.write(f"\x1b[1;1H\x1b[K{clock.elapsed} {clock.left}{clock.over}")
                sys.stdout.flush()
        time.sleep(POLL_SECONDS)


if __name__ == "__main__":
    main()
