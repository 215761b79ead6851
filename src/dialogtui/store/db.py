"""The meeting database: `Store`, every repository over one connection and one transaction.

Each repository (`MeetingsRepo`, `TurnsRepo`, `StepsRepo`, `ItemsRepo`, `ActionsRepo`,
`RoomRepo`, `SearchRepo`) holds the SQL of one aggregate and can be handed on its own to code
that needs only that one (the type checker then refuses a call outside it); `Store` is all of
them over the same connection, so a caller with the whole store calls any of them directly.
"""

from __future__ import annotations

from dialogtui.store.actions import ActionsRepo
from dialogtui.store.items import ItemsRepo
from dialogtui.store.meetings import MeetingsRepo
from dialogtui.store.room import RoomRepo
from dialogtui.store.search import SearchRepo
from dialogtui.store.steps import StepsRepo
from dialogtui.store.turns import TurnsRepo


class Store(MeetingsRepo, TurnsRepo, StepsRepo, ItemsRepo, ActionsRepo, RoomRepo, SearchRepo):
    """One SQLite file with every meeting. Open with `Store.open()` to write (it migrates),
    `Store.open_reader()` to only read; close when done."""
