"""A table with one row per item (an action, a carried action, a card), which keeps its
cursor on the same item when it is redrawn after a change. Its cells are user text: shown as
typed."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from textual.widgets import DataTable

from dialogtui.display import one_line, plain
from dialogtui.i18n import _
from dialogtui.tui.ordering import cursor_in_typed_order

MAX_WIDTH = 40  # cells; a longer text is cut here (it is whole in the store and minutes)


class ItemTable(DataTable):
    # Framed faintly until it has the keyboard; it takes what height the screen leaves.
    DEFAULT_CSS = """
    ItemTable { height: 1fr; min-height: 4; border: round $primary 50%; }
    ItemTable:focus { border: round $primary; }
    """
    HINT = ""  # its keys, shown on its border (marked N_ by each table, translated here)
    # Its panel's keys are priority bindings (tui/widgets/step_panel.py): its arrows too.
    BINDINGS = cursor_in_typed_order(DataTable.BINDINGS)
    MAX_CELL = MAX_WIDTH  # a table of several long texts cuts them shorter, to fit 80 columns

    def __init__(self, **kwargs):
        super().__init__(cursor_type="row", **kwargs)
        self._items: list = []
        self._ids: set = set()
        self.border_subtitle = _(self.HINT)

    def fill(self, columns: Sequence[str], items: list, rows: Iterable[Sequence[str]]) -> None:
        keep = self.cursor_row
        # The cursor stays with its item, wherever the item is now (a card given a dot
        # moves up the ranking); else on the same row. An item just written takes it: the
        # next key is about it (a sheet moved to its place on the line).
        was = self.current
        ids = [item.id for item in items]
        new = [n for n, i in enumerate(ids) if i not in self._ids]
        if self._items and len(new) == 1:
            keep = new[0]
        elif was is not None and was.id in ids:
            keep = ids.index(was.id)
        self._ids = set(ids)
        self._items = items
        heads = [plain(one_line(c)) for c in columns]
        body = [[plain(one_line(c)) for c in row] for row in rows]
        # Widths measured here, from the heads and every cell: DataTable's own fitting, after
        # its columns are cleared and added again, keeps the heads' widths until some later
        # redraw ("Bok" for "Boka lokal").
        widths = [
            min(self.MAX_CELL, max([head.cell_len, *(row[n].cell_len for row in body)]))
            for n, head in enumerate(heads)
        ]
        self.clear(columns=True)
        for head, width in zip(heads, widths, strict=True):
            self.add_column(head, width=width)
        for item, row in zip(items, body, strict=True):
            self.add_row(*row, key=str(item.id))
        if items:
            self.move_cursor(row=min(keep, len(items) - 1))

    @property
    def current(self):
        """The item under the cursor, or None."""
        if 0 <= self.cursor_row < len(self._items):
            return self._items[self.cursor_row]
        return None
