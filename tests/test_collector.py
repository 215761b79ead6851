"""Python's cycle collector is held off while the app starts (dialogtui.collector): 35 ms
of a resume's start-up went to it. Held by the console script, released once the app's
first screen is up, and never left off: not by the command line, nor by an app that did
not get that far."""

from __future__ import annotations

import gc

import pytest
from tui_helpers import PEOPLE_THREE, run, seeded_meeting, until

from dialogtui import collector
from dialogtui.tui.screens.capture import CaptureScreen


@pytest.fixture(autouse=True)
def collector_as_it_was():
    yield
    collector.release(freeze=False)
    gc.unfreeze()  # what a test froze is the test session's, not the app's
    gc.enable()


def test_the_app_lets_the_collector_run_once_its_first_screen_is_up(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE_THREE)
    collector.hold()
    assert not gc.isenabled()

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
        await until(pilot, gc.isenabled)
        assert gc.get_freeze_count() > 0  # what the start made is not walked again

    run(scenario, db=db, meeting_id=mid)


def test_the_console_script_holds_it_for_the_app_only(cli, monkeypatch):
    seen = {}
    monkeypatch.setattr("dialogtui.tui.launch.launch", lambda **kw: seen.update(app=gc.isenabled()))
    monkeypatch.setattr("dialogtui.cli.main", lambda: seen.update(command_line=gc.isenabled()))
    cli()
    assert seen == {"app": False}  # held while the app starts
    assert gc.isenabled()  # and not left off when the app returned without a first screen
    frozen = gc.get_freeze_count()
    cli("sets")
    assert seen == {"app": False, "command_line": True}
    assert gc.isenabled() and gc.get_freeze_count() == frozen  # the command line froze nothing
