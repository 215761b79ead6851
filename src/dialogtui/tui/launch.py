"""Start the app from the CLI (kept apart so `dialogtui sets` never imports Textual)."""

from __future__ import annotations


def launch(set_ref: str | None = None, meeting_id: int | None = None) -> None:
    import sys

    from dialogtui.tui.app import build_app

    app = build_app(set_ref=set_ref, meeting_id=meeting_id)
    app.run()
    if app.return_code:  # 70 after an internal error, as the CLI's exit codes say
        sys.exit(app.return_code)
