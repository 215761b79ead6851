"""A table with one row per item (an action, a carried action), which keeps its cursor on
the same row when it is redrawn after a change. Its cells are user text: shown as typed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.widgets import DataTable

from dialogtui.display import one_line, plain


class ItemTable(DataTable):
    def __init__(self, **kwargs):
        super().__init__(cursor_type="row", **kwargs)
        self._items: list = []

    def fill(self, columns: Sequence[str], items: list, rows: Iterable[Sequence[str]]) -> None:
        keep = self.cursor_row
        self._items = items
        self.clear(columns=True)
        self.add_columns(*(plain(one_line(c)) for c in columns))
        for item, row in zip(items, rows, strict=True):
            self.add_row(*(plain(one_line(c)) for c in row), key=str(item.id))
        if items:
            self.move_cursor(row=min(keep, len(items) - 1))

    @property
    def current(self):
        """The item under the cursor, or None."""
        if 0 <= self.cursor_row < len(self._items):
            return self._items[self.cursor_row]
        return None
