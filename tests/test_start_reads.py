"""The start screen only reads the meetings' file: it lists what is there without making,
migrating or re-moding anything."""

from __future__ import annotations

import stat

from conftest import posix_only
from tui_helpers import run, screen_text, seeded_meeting, until

from dialogtui.tui.screens.start import StartScreen


@posix_only
def test_the_start_screen_lists_the_meetings_and_leaves_the_file_as_it_was(tmp_path):
    db = tmp_path / "data" / "dialogtui.sqlite3"
    seeded_meeting(db, "raseborg-temamote", [("Anna", None)], title="Familjen Berg")
    db.chmod(0o640)  # a mode the scribe chose (a writer would make it 0600 again)
    before = db.read_bytes()

    async def scenario(app, pilot):
        await until(pilot, lambda: "Familjen Berg" in screen_text(app))
        assert isinstance(app.screen, StartScreen)

    run(scenario, db=db)
    assert stat.S_IMODE(db.stat().st_mode) == 0o640
    assert db.read_bytes() == before


def test_a_first_start_makes_no_file_until_there_is_a_meeting(tmp_path):
    db = tmp_path / "data" / "dialogtui.sqlite3"

    async def scenario(app, pilot):
        await until(pilot, lambda: "New meeting from a question set" in screen_text(app))
        assert "Resume" not in screen_text(app)

    run(scenario, db=db)
    assert not db.parent.exists()
