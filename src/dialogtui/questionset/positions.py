"""Where each key of a TOML document stands, as 1-based (line, column).

`tomllib` parses but forgets positions, and error messages must say `file:line:col`.
This scanner walks the same text once more and records the position of every key
path, e.g. ("steps", 2, "questions", 0, "text"). It is only run on text that
`tomllib` has already accepted, so it can be lenient about malformed input.
"""

from __future__ import annotations

Path = tuple[str | int, ...]

_BARE = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class _Scanner:
    def __init__(self, text: str):
        self.text = text
        self.i = 0
        self.positions: dict[Path, tuple[int, int]] = {}
        self._line_starts = [0]
        for n, ch in enumerate(text):
            if ch == "\n":
                self._line_starts.append(n + 1)

    def where(self, offset: int) -> tuple[int, int]:
        lo, hi = 0, len(self._line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self._line_starts[lo] + 1

    def peek(self, s: str) -> bool:
        return self.text.startswith(s, self.i)

    def skip_space(self, newlines: bool) -> None:
        t = self.text
        while self.i < len(t):
            ch = t[self.i]
            if ch in " \t\r" or (newlines and ch == "\n"):
                self.i += 1
            elif ch == "#":
                while self.i < len(t) and t[self.i] != "\n":
                    self.i += 1
            else:
                return

    def record(self, path: Path, offset: int) -> None:
        self.positions.setdefault(path, self.where(offset))

    def key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self.skip_space(False)
            if self.peek('"') or self.peek("'"):
                parts.append(self.string())
            else:
                start = self.i
                while self.i < len(self.text) and self.text[self.i] in _BARE:
                    self.i += 1
                if self.i == start:
                    raise ValueError("expected a key")
                parts.append(self.text[start : self.i])
            self.skip_space(False)
            if self.peek("."):
                self.i += 1
                continue
            return parts

    def string(self) -> str:
        t = self.text
        for quote in ('"""', "'''"):
            if self.peek(quote):
                end = t.find(quote, self.i + 3)
                if end < 0:
                    raise ValueError("unterminated string")
                while t.startswith(quote[0], end + 3):  # up to two quotes may close the body
                    end += 1
                value = t[self.i + 3 : end]
                self.i = end + 3
                return value
        quote = t[self.i]
        self.i += 1
        start = self.i
        while self.i < len(t) and t[self.i] != quote:
            if quote == '"' and t[self.i] == "\\":
                self.i += 1
            self.i += 1
        value = t[start : self.i]
        self.i += 1
        return value

    def value(self, path: Path) -> None:
        if self.peek('"') or self.peek("'"):
            self.string()
        elif self.peek("["):
            self.i += 1
            n = 0
            while True:
                self.skip_space(True)
                if self.peek("]"):
                    self.i += 1
                    return
                self.record((*path, n), self.i)
                self.value((*path, n))
                n += 1
                self.skip_space(True)
                if self.peek(","):
                    self.i += 1
        elif self.peek("{"):
            self.i += 1
            while True:
                self.skip_space(False)
                if self.peek("}"):
                    self.i += 1
                    return
                self.keyval(path)
                self.skip_space(False)
                if self.peek(","):
                    self.i += 1
        else:
            t = self.text
            while self.i < len(t) and t[self.i] not in ",]}\n#":
                self.i += 1

    def keyval(self, table: Path) -> None:
        start = self.i
        parts = self.key()
        for n in range(1, len(parts) + 1):
            self.record((*table, *parts[:n]), start)
        self.skip_space(False)
        if not self.peek("="):
            raise ValueError("expected '='")
        self.i += 1
        self.skip_space(False)
        self.value((*table, *parts))

    def document(self) -> dict[Path, tuple[int, int]]:
        table: Path = ()
        arrays: dict[Path, int] = {}
        while True:
            self.skip_space(True)
            if self.i >= len(self.text):
                return self.positions
            start = self.i
            if self.peek("["):
                is_array = self.peek("[[")
                self.i += 2 if is_array else 1
                parts = self.key()
                self.i += 2 if is_array else 1
                resolved: list[str | int] = []
                for part in parts[:-1]:
                    resolved.append(part)
                    if tuple(resolved) in arrays:
                        resolved.append(arrays[tuple(resolved)])
                resolved.append(parts[-1])
                if is_array:
                    key = tuple(resolved)
                    arrays[key] = arrays.get(key, -1) + 1
                    self.record(key, start)
                    resolved.append(arrays[key])
                table = tuple(resolved)
                self.record(table, start)
            else:
                self.keyval(table)


def key_positions(text: str) -> dict[Path, tuple[int, int]]:
    """Map every key path in `text` to its (line, column); partial if the text is odd."""
    scanner = _Scanner(text)
    try:
        return scanner.document()
    except (ValueError, IndexError, RecursionError):
        return scanner.positions


def locate(positions: dict[Path, tuple[int, int]], path: Path) -> tuple[int, int]:
    """The position of `path`, or of its nearest recorded ancestor, or 1:1."""
    for n in range(len(path), 0, -1):
        if path[:n] in positions:
            return positions[path[:n]]
    return (1, 1)
