"""A dialog's text is kept under a typed key, whose kind its producer registers with how the
dialog opens again (tui/keeping.py): every kind made anywhere is registered, a key reads back
as it was written, and a step panel's own dialog open at a crash opens again on its step,
with its text. A text that no dialog takes goes to the text box, never nowhere."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import pkgutil

import pytest
from hypothesis import assume, given, seed, settings
from hypothesis import strategies as st
from tui_helpers import PEOPLE_THREE, run, seeded_meeting, type_text, until

import dialogtui.tui
from dialogtui.store import Store


def every_tui_module() -> None:
    """Each module of the TUI imported: each kind of kept dialog is made by its module."""
    for info in pkgutil.walk_packages(dialogtui.tui.__path__, "dialogtui.tui."):
        importlib.import_module(info.name)


def registered_on_a_capture_screen(tmp_path) -> set[str]:
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE_THREE)
    found: set[str] = set()

    async def scenario(app, pilot):
        await until(pilot, lambda: hasattr(app.screen, "kept"))
        found.update(kind.name for kind in app.screen.kept.registered)

    run(scenario, db=db, meeting_id=mid)
    return found


def test_every_kind_of_kept_dialog_is_registered_by_the_capture_screen(tmp_path):
    from dialogtui.tui.dialogs.base import KINDS

    every_tui_module()
    assert registered_on_a_capture_screen(tmp_path) == set(KINDS)


def test_a_kind_that_no_one_registers_is_found(tmp_path):
    # The check can fail: a kind made and never registered (its text would only ever go
    # back to the text box) is missing from the screen's registry.
    from dialogtui.tui.dialogs.base import KINDS, KeepKind

    every_tui_module()
    KeepKind("planted")
    try:
        assert set(KINDS) - registered_on_a_capture_screen(tmp_path) == {"planted"}
    finally:
        del KINDS["planted"]


def test_two_producers_cannot_share_a_kind_or_register_it_twice():
    from dialogtui.tui.dialogs.base import KeepKind
    from dialogtui.tui.keeping import KeptDialogs

    every_tui_module()
    with pytest.raises(RuntimeError, match="note"):
        KeepKind("note")  # the capture screen's
    kept = KeptDialogs(None, None, lambda text: None)  # type: ignore[arg-type]
    from dialogtui.tui.dialogs.notes import GROUP

    kept.register(GROUP, lambda about: None)
    with pytest.raises(RuntimeError, match="group"):
        kept.register(GROUP, lambda about: None)


NAMES = st.text(st.characters(blacklist_characters=":", blacklist_categories=["Cs"]), min_size=1)


@seed(28)
@settings(max_examples=300)
@given(name=NAMES, about=st.text(st.characters(blacklist_categories=["Cs"])))
def test_a_kept_key_reads_back_as_it_was_written(name, about):
    from dialogtui.tui.dialogs.base import KINDS, KeepKey, KeepKind

    assume(name not in KINDS)
    kind = KeepKind(name)
    try:
        assert KeepKey.parts(str(kind.key(about))) == (name, about)
    finally:
        del KINDS[name]


def test_a_card_being_written_at_a_crash_opens_again_on_its_step(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE_THREE, step="urval")

    async def first(app, pilot):
        await pilot.press("escape", "a")  # the vote's list, then a card
        await until(pilot, lambda: bool(app.screen.query("#text")))
        await type_text(pilot, "Pojke 12 år")
        await pilot.press("ctrl+q")

    run(first, db=db, meeting_id=mid)

    async def second(app, pilot):
        await until(pilot, lambda: bool(app.screen.query("#text")))
        box = app.screen.query_one("#text")
        await until(pilot, lambda: box.text == "Pojke 12 år")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: not app.screen.query("#text"))
        assert app.screen.query_one("#draft").text == ""  # not given to the text box

    run(second, db=db, meeting_id=mid)
    store = Store.open(db)
    assert [c.text for c in store.cards(mid)] == ["Pojke 12 år"]
    assert store.kept_texts(mid) == {}
    store.close()


def test_a_text_no_dialog_takes_goes_to_the_text_box(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE_THREE)
    store = Store.open(db)
    at = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
    store.keep_text(mid, "mystery:1", json.dumps({"text": "ord som inte försvinner"}), at)
    store.close()

    async def scenario(app, pilot):
        draft = app.screen.query_one("#draft")
        await until(pilot, lambda: "ord som inte försvinner" in draft.text)

    run(scenario, db=db, meeting_id=mid)
    store = Store.open(db)
    assert store.kept_texts(mid) == {}
    store.close()
