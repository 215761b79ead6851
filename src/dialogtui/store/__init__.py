"""Durable storage: SQLite with migrations, and a lock per meeting."""

from dialogtui.store.db import Store, default_db_path

__all__ = ["Store", "default_db_path"]
