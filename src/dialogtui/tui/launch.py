"""Start the app from the CLI (kept apart so `dialogtui sets` never imports Textual)."""

from __future__ import annotations


def launch(set_ref: str | None = None, meeting_id: int | None = None) -> None:
    from dialogtui.tui.app import build_app

    build_app(set_ref=set_ref, meeting_id=meeting_id).run()
