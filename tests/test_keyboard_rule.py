"""Where the keys go (tui/keyboard.py): the text box on every arrival at a step, a list only
when the scribe takes the keyboard there, and a letter is text wherever it lands."""

from __future__ import annotations

import pytest
from tui_helpers import burst, run, screen_text, seeded_meeting, type_text, until

from dialogtui import i18n
from dialogtui.records import ActionItem
from dialogtui.tui.dialogs.alerts import ConfirmDialog
from dialogtui.tui.dialogs.notes import NotesDialog
from dialogtui.tui.dialogs.pick import JumpDialog
from dialogtui.tui.screens.capture import CaptureScreen
from dialogtui.tui.screens.help import HelpScreen
from dialogtui.tui.widgets.draft import DraftArea

PEOPLE = [("Lena Ström", "skola", "Karis skola"), ("Nina Åberg", "socialtjanst", "Soc")]


def in_box(app) -> bool:
    return isinstance(app.screen, CaptureScreen) and isinstance(app.screen.focused, DraftArea)


# Each way of arriving at a step, from the plan's list (Träff 4, step 5, the keyboard in it).
ARRIVALS = {
    "ctrl+n": ["ctrl+n"],
    "ctrl+b": ["ctrl+b"],
    "ctrl+g": ["ctrl+g", "enter"],
    "ctrl+r": ["ctrl+r", "enter"],  # the next case, with no name (enter in its dialog)
    "ctrl+k": ["ctrl+n", "escape", "ctrl+k"],  # the optional needs step, skipped
}


@pytest.mark.parametrize("way", list(ARRIVALS))
def test_every_arrival_at_a_step_gives_the_text_box_the_keyboard(tmp_path, way):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE, step="handlingsplan")

    async def scenario(app, pilot):
        await until(pilot, lambda: in_box(app))  # resumed: the text box
        await pilot.press("escape")
        await until(pilot, lambda: app.screen.focused is app.screen.query_one("#actions"))
        step = app.screen.engine.step_index
        await pilot.press(*ARRIVALS[way])
        await until(pilot, lambda: in_box(app))
        assert (app.screen.engine.step_index != step) or way in ("ctrl+g", "ctrl+r")
        await type_text(pilot, "Växt mycket")
        await until(pilot, lambda: app.screen.query_one(DraftArea).text == "Växt mycket")

    run(scenario, db=db, meeting_id=mid)


def test_a_resize_gives_the_text_box_the_keyboard(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE, step="handlingsplan")

    async def scenario(app, pilot):
        await pilot.press("escape")
        await until(pilot, lambda: not in_box(app))
        await pilot.resize_terminal(60, 20)
        await until(pilot, lambda: in_box(app))

    run(scenario, db=db, meeting_id=mid)


def test_a_list_says_it_has_the_keyboard_and_a_letter_it_does_not_use_is_text(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE, step="handlingsplan")

    async def scenario(app, pilot):
        footer = lambda: screen_text(app).splitlines()[-1]  # noqa: E731
        await until(pilot, lambda: "esc: the list" in screen_text(app))  # the box's border
        assert not footer().startswith("esc")
        await pilot.press("escape")
        await until(pilot, lambda: footer().startswith("esc Text box"))
        assert footer().rstrip().endswith("f1 Help")  # still on the row at 80 columns
        # A capital is no key of the plan's: it and every key after it are text.
        burst(app, "Bo, 6 år, växt upp; mycket oro.")
        await until(pilot, lambda: app.screen.query_one(DraftArea).text.endswith("oro."))
        assert app.screen.query_one(DraftArea).text == "Bo, 6 år, växt upp; mycket oro."
        assert in_box(app) and app.screen.engine.actions.all() == []

    run(scenario, db=db, meeting_id=mid)


@pytest.mark.parametrize("language", ["sv", "fi", "da", "nb", "en"])
def test_a_lists_footer_reaches_f1_at_80_columns_in_every_language(tmp_path, language):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE, step="handlingsplan")
    i18n.use(language)
    help_word, box_word = i18n._("Help"), i18n._("Text box")
    rows: list[str] = []

    async def scenario(app, pilot):
        for keys in (["escape"], ["escape", "f8"]):  # the plan's list, then the turns
            await pilot.press(*keys)
            await until(pilot, lambda: screen_text(app).splitlines()[-1].startswith("esc"))
            rows.append(screen_text(app).splitlines()[-1])

    try:
        run(scenario, db=db, meeting_id=mid, size=(80, 24))
    finally:
        i18n.use("en")
    for row in rows:
        assert row.startswith(f"esc {box_word}") and row.rstrip().endswith(f"f1 {help_word}")


def test_a_deletion_is_answered_by_delete_alone_and_a_letter_keeps_it(tmp_path):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE, step="handlingsplan")

    async def scenario(app, pilot):
        engine = app.screen.engine
        app.screen.run(lambda: engine.actions.add(ActionItem("Hembesök", who="Lena Ström")))
        for answer in ("y", "j", "enter", "escape"):  # Swedish ja is j
            await pilot.press("escape", "delete")
            await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
            await pilot.press(answer)
            await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
            assert [a.what for a in engine.actions.all()] == ["Hembesök"]
            if len(answer) == 1:  # the letter is text, in the text box
                await until(pilot, lambda a=answer: app.screen.query_one(DraftArea).text == a)
                app.screen.query_one(DraftArea).clear()
            await until(pilot, lambda: in_box(app) or app.screen.focused.id == "actions")
            if not in_box(app):
                await pilot.press("escape")
        await pilot.press("escape", "delete", "delete")
        await until(pilot, lambda: engine.actions.all() == [])

    run(scenario, db=db, meeting_id=mid)


@pytest.mark.parametrize(
    "key, screen",
    [("f1", HelpScreen), ("f7", NotesDialog), ("ctrl+g", JumpDialog)],
)
def test_typing_into_a_dialog_that_takes_no_text_closes_it_and_is_text(tmp_path, key, screen):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE)

    async def scenario(app, pilot):
        await pilot.press(key)
        await until(pilot, lambda: isinstance(app.screen, screen))
        burst(app, "Mycket oro, växt.")
        await until(pilot, lambda: in_box(app) and app.screen.focused.text == "Mycket oro, växt.")

    run(scenario, db=db, meeting_id=mid)


def test_a_late_participants_role_chosen_goes_on_to_their_organisation(tmp_path):
    # ctrl+l, the name, enter, the role's list, down to the second role, enter, and the
    # organisation typed at once: it is the organisation's (a new user's was lost, the focus
    # left on the closed list), and enter adds them.
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE)

    async def scenario(app, pilot):
        burst(app, "<ctrl+l>", "Kim Salo", "<enter>", "<enter>")
        await until(pilot, lambda: "Socialtjänst" in screen_text(app))
        burst(app, "<down>", "<down>", "<enter>", "Socialbyrån", "<enter>")
        await until(pilot, lambda: in_box(app) and len(app.screen.engine.participants) == 3)

    run(scenario, db=db, meeting_id=mid)
    from dialogtui.store import Store

    store = Store.open(db)
    kim = store.participants(mid)[-1]
    assert (kim.name, kim.role, kim.organisation) == ("Kim Salo", "socialtjanst", "Socialbyrån")
    store.close()


@pytest.mark.parametrize("first", ["a", "3", "+"])
def test_a_key_answering_a_question_is_text_whatever_the_list_below_makes_of_it(tmp_path, first):
    # The plan's list uses a (a new action); a question asked from it, answered by typing,
    # keeps the action and the key is typed, not the list's command.
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE, step="handlingsplan")

    async def scenario(app, pilot):
        engine = app.screen.engine
        app.screen.run(lambda: engine.actions.add(ActionItem("Hembesök", who="Lena Ström")))
        await pilot.press("escape", "delete")
        await until(pilot, lambda: isinstance(app.screen, ConfirmDialog))
        burst(app, f"{first}llt var bra")
        await until(pilot, lambda: in_box(app) and app.screen.focused.text == f"{first}llt var bra")
        assert [a.what for a in app.screen.engine.actions.all()] == ["Hembesök"]

    run(scenario, db=db, meeting_id=mid)


@pytest.mark.parametrize("keys", [["f7", "f1"], ["f1", "ctrl+g"]])
def test_typing_into_dialogs_over_dialogs_closes_them_all_and_loses_no_letter(tmp_path, keys):
    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE)

    async def scenario(app, pilot):
        for key in keys:
            await pilot.press(key)
            await until(pilot, lambda: not isinstance(app.screen, CaptureScreen))
        burst(app, "Mycket oro")
        await until(pilot, lambda: in_box(app) and app.screen.focused.text == "Mycket oro")

    run(scenario, db=db, meeting_id=mid)
