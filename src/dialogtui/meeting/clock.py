"""Clocks. The engine never reads the time itself, so tests drive it with `FakeClock`."""

from __future__ import annotations

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    def now(self) -> dt.datetime: ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now().astimezone().replace(microsecond=0)


class FakeClock:
    def __init__(self, start: dt.datetime | None = None):
        self._now = start or dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)

    def now(self) -> dt.datetime:
        return self._now

    def advance(self, seconds: float = 0, minutes: float = 0) -> None:
        self._now += dt.timedelta(seconds=seconds, minutes=minutes)
