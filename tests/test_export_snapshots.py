"""The end screen's `o` asks before it replaces files already in a folder: the question
names the meeting they are of and fits at 80×24 (the newcomer review's N6: it listed every
file, was cut off, and the next enter replaced another meeting's files unseen)."""

from __future__ import annotations

from pathlib import Path

from meeting_helpers import new_meeting
from test_snapshots import app_with, steady
from tui_helpers import until

from dialogtui.tui.dialogs.folder import FolderDialog
from dialogtui.tui.screens.end import EndScreen


def test_export_to_a_folder_that_has_the_meetings_files(snap_compare, tmp_path, monkeypatch):
    from dialogtui.tui.screens import end

    # Relative folders: the same on the snapshot wherever the test runs.
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(end, "documents_dir", lambda: Path("Dokument"))
    (tmp_path / "Delat").mkdir()

    def meeting(store, clock):
        from dialogtui.export.write import file_names

        m = new_meeting(
            store,
            "raseborg-klientmote",
            [("Anna Lind", "familj")],
            clock=clock,
            title="Framtidsdialog för familjen Lind i Raseborg, vår 2026",
        )
        for name in file_names(store, m.id, EndScreen.PRESETS["everyone"], labels="sv")[:3]:
            (tmp_path / "Delat" / name).write_text("an earlier export")
        return m

    async def ask(pilot):
        app = pilot.app
        await steady(pilot)
        await pilot.press("ctrl+o")
        await until(pilot, lambda: isinstance(app.screen, EndScreen))
        await pilot.press("o")
        await until(pilot, lambda: isinstance(app.screen, FolderDialog))
        app.screen.query_one("#folder").value = "Delat"
        await pilot.press("enter")
        await until(pilot, lambda: "already in" in str(app.screen.query_one("#hint").content))
        await steady(pilot)

    app = app_with(tmp_path, meeting)
    assert snap_compare(app, terminal_size=(80, 24), run_before=ask)
