"""Start the app from the CLI (kept apart so `dialogtui sets` never imports Textual)."""

from __future__ import annotations


def launch() -> None:
    raise SystemExit("dialogtui: the interactive app is not built yet; see `dialogtui --help`")
