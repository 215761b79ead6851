"""Python's cycle collector, held off while the app starts.

Starting dialogtui allocates hundreds of thousands of objects (Textual, pydantic, the
question set, the screen): the collector would walk them about 150 times before the first
screen is shown, once through all of them, for 35 ms of a start-up measured against a bare
Textual app's. Held off until the first screen is up, then everything made so far is frozen
(never walked again: it lives as long as the app) and the collector runs as usual, on what
the meeting makes from then on. The few thousand objects the start-up left as garbage by
then are frozen with the rest: kept, once, rather than a pause of 30 ms at the first key."""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """At the start of the process, before anything is imported."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release(freeze: bool = True) -> None:
    """Only what `hold` held off is released: once the app's first screen is up, all made
    so far frozen; on the command line (which is not timed against a bare app) and when
    the process ends, without freezing."""
    global _held
    if _held:
        _held = False
        if freeze:
            gc.freeze()
        gc.enable()
