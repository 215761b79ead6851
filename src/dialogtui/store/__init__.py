"""Durable storage: SQLite with migrations, a lock per meeting, one repository per aggregate."""

from dialogtui.store.actions import ActionsRepo
from dialogtui.store.connection import StoreBase, default_db_path
from dialogtui.store.db import Store
from dialogtui.store.items import ItemsRepo
from dialogtui.store.meetings import MeetingRow, MeetingsRepo
from dialogtui.store.room import RoomRepo, RoomSetting
from dialogtui.store.search import SearchRepo
from dialogtui.store.steps import StepsRepo
from dialogtui.store.turns import TurnsRepo

__all__ = [
    "ActionsRepo",
    "ItemsRepo",
    "MeetingRow",
    "MeetingsRepo",
    "RoomRepo",
    "RoomSetting",
    "SearchRepo",
    "StepsRepo",
    "Store",
    "StoreBase",
    "TurnsRepo",
    "default_db_path",
]
