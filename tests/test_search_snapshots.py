"""The search across meetings at 80×24 and 60×20, one snapshot per stage: the hits under
their meetings, nothing found, and the read-back opened at the turn found."""

from __future__ import annotations

import pytest
from test_search_screens import a_series, found
from test_snapshots import SIZES, steady
from tui_helpers import START, type_text, until

from dialogtui.meeting.clock import FakeClock
from dialogtui.tui.app import build_app


def searched(query: str, *keys: str):
    """The search screen with `query` typed and its hits shown; then `keys` pressed."""

    async def run_before(pilot):
        from dialogtui.tui.screens.read_back import ReadBackScreen
        from dialogtui.tui.screens.search import SearchScreen

        app = pilot.app
        await steady(pilot)
        await app.push_screen(SearchScreen())
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await type_text(pilot, query)
        await until(pilot, lambda: found(app) == query)
        if keys:
            await pilot.press(*keys)
            await until(pilot, lambda: isinstance(app.screen, ReadBackScreen))
        await steady(pilot)

    return run_before


def app_of(tmp_path):
    db = tmp_path / "db"
    a_series(db)
    return build_app(db_path=db, clock=FakeClock(START))


@pytest.mark.parametrize("size", SIZES)
def test_search_hits(snap_compare, tmp_path, size):
    assert snap_compare(app_of(tmp_path), terminal_size=size, run_before=searched("fotb"))


@pytest.mark.parametrize("size", SIZES)
def test_search_nothing_found(snap_compare, tmp_path, size):
    assert snap_compare(app_of(tmp_path), terminal_size=size, run_before=searched("simträning"))


@pytest.mark.parametrize("size", SIZES)
def test_search_opens_the_read_back_at_the_turn(snap_compare, tmp_path, size):
    run_before = searched("fotb", "down", "down", "enter")  # the first meeting's turn
    assert snap_compare(app_of(tmp_path), terminal_size=size, run_before=run_before)


def test_search_a_case_action_first_search_at_80x24(snap_compare, tmp_path):
    """ctrl+f on the start screen, "fotb": Träff 4's action in case 1. Its text showed
    missing on the first search at 80×24 (the list measured it before its scrollbar came);
    its "where" line is cut to one line, the step first, who and what kept."""
    from case_meeting import traff_4_with_cases

    from dialogtui.store import Store

    db = tmp_path / "db"
    store = Store.open(db)
    traff_4_with_cases(store, finish=False)
    store.close()

    async def run_before(pilot):
        from dialogtui.tui.screens.search import SearchScreen

        app = pilot.app
        await steady(pilot)
        await pilot.press("ctrl+f")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen))
        await type_text(pilot, "fotb")
        await until(pilot, lambda: found(app) == "fotb")
        await steady(pilot)

    app = build_app(db_path=db, clock=FakeClock(START))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
