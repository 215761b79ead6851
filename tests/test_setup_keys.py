"""The set-up's participant fields and list under the keys a scribe types (issue 26 item 6,
the newcomer review's N8 and N9; item 2 for the participant list)."""

from __future__ import annotations

from tui_helpers import burst, run, screen_text, type_text, until

from dialogtui.export.recipients import family, organisations
from dialogtui.questionset.library import find
from dialogtui.records import Participant
from dialogtui.tui.screens.help import sections


def names(screen) -> list[tuple[str, str | None, str]]:
    return [(p.name, p.role, p.organisation) for p in screen.people]


def fields(screen) -> dict:
    """What the participant fields and list hold, and where the focus is: said when a test
    fails."""
    focused = screen.focused
    return {
        "people": names(screen),
        "name": screen.query_one("#p-name").value,
        "org": screen.query_one("#p-org").value,
        "focus": focused.id or type(focused).__name__ if focused else None,
    }


async def reach(pilot, condition, screen) -> None:
    try:
        await until(pilot, condition)
    except AssertionError:
        raise AssertionError(f"the app never got there: {fields(screen)}") from None


async def add_with_role(pilot, screen, name: str, role: str, org: str = "") -> None:
    """A participant entered as the tests before these did: the role set directly."""
    screen.query_one("#p-name").focus()
    await until(pilot, lambda: screen.focused is screen.query_one("#p-name"))
    await type_text(pilot, name)
    screen.query_one("#p-role").value = role
    screen.query_one("#p-org").value = org
    count = len(screen.people)
    await pilot.press("enter")
    await reach(pilot, lambda: len(screen.people) == count + 1, screen)


def test_re_choosing_the_role_shown_moves_on_to_organisation(tmp_path):
    # N8, the review's keys at human speed: the role stays from the participant before;
    # enter opens the list on it, enter chooses it again. The organisation typed next was
    # typed into the closed list, and the next enter opened the list once more.
    async def scenario(app, pilot):
        screen = app.screen
        await add_with_role(pilot, screen, "Nina Åberg", "socialtjanst")
        await type_text(pilot, "Ali Hassan")
        await pilot.press("tab", "enter")
        await until(pilot, lambda: screen.query_one("#p-role").expanded)
        await pilot.press("enter")
        await type_text(pilot, "Socialtjänsten")
        await pilot.press("enter")
        await reach(pilot, lambda: len(screen.people) == 2, screen)
        assert names(screen)[1] == ("Ali Hassan", "socialtjanst", "Socialtjänsten")
        assert not screen.query_one("#p-role").expanded

    run(scenario, db=tmp_path / "db", set_ref="samtidigt-traff-4")


def test_a_role_chosen_in_one_burst_and_the_organisation_typed_after_it(tmp_path):
    # The same with every key sent at once: enter opens the list, down and enter choose,
    # the organisation lands in Organisation, enter adds.
    async def scenario(app, pilot):
        screen = app.screen
        await add_with_role(pilot, screen, "Nina Åberg", "socialtjanst", "Socialtjänsten")
        burst(app, "Ali Hassan", "<tab>", "<enter>", "<up>", "<enter>", "Karis skola", "<enter>")
        burst(app, "Bo", "<tab>", "<enter>", "<enter>", "BUP", "<enter>")
        await reach(pilot, lambda: len(screen.people) == 3, screen)
        assert names(screen)[1:] == [
            ("Ali Hassan", "skola", "Karis skola"),
            ("Bo", "skola", "BUP"),  # the school's name suggested, and typed over
        ]
        assert screen.focused is screen.query_one("#p-name")

    run(scenario, db=tmp_path / "db", set_ref="samtidigt-traff-4")


def test_an_empty_organisation_is_carried_down_from_the_same_role(tmp_path):
    # N9: Per Olsson, Skola, his organisation left empty, became a second school ("Skola"
    # beside "Karis skola") in the strip and the export's choices.
    async def scenario(app, pilot):
        screen = app.screen
        org = screen.query_one("#p-org")
        await add_with_role(pilot, screen, "Lena Ström", "skola", "Karis skola")
        # The role stays for the next participant, and so does its organisation, in view.
        await reach(pilot, lambda: org.value == "Karis skola", screen)
        await type_text(pilot, "Per Olsson")
        await pilot.press("enter")
        await reach(pilot, lambda: len(screen.people) == 2, screen)
        # Another role: its organisation present, or none; the same role chosen again: its.
        await type_text(pilot, "Nina")
        await pilot.press("tab", "enter")
        await until(pilot, lambda: screen.query_one("#p-role").expanded)
        await pilot.press("down", "enter")
        await reach(pilot, lambda: screen.focused is org, screen)
        assert org.value == ""
        await type_text(pilot, "Socialtjänsten")
        await pilot.press("enter")
        await reach(pilot, lambda: len(screen.people) == 3, screen)
        await type_text(pilot, "Eva")
        await pilot.press("tab", "enter")
        await until(pilot, lambda: screen.query_one("#p-role").expanded)
        await pilot.press("up", "enter")
        await reach(pilot, lambda: screen.focused is org and org.value == "Karis skola", screen)
        assert "Karis skola" in screen_text(app)  # the scribe sees it before enter
        await pilot.press("enter")
        await reach(pilot, lambda: len(screen.people) == 4, screen)
        assert names(screen) == [
            ("Lena Ström", "skola", "Karis skola"),
            ("Per Olsson", "skola", "Karis skola"),
            ("Nina", "socialtjanst", "Socialtjänsten"),
            ("Eva", "skola", "Karis skola"),
        ]

    run(scenario, db=tmp_path / "db", set_ref="samtidigt-traff-4")


def test_someone_whose_role_is_not_the_familys_is_never_family():
    # N9: in a set that marks no family role, "family" was everyone of no organisation; the
    # school counsellor entered without one was the family's recipient group.
    qs = find("samtidigt-traff-4")
    people = [
        Participant("Lena Ström", "skola", "Karis skola", id=1),
        Participant("Per Olsson", "skola", "", id=2),
        Participant("Anna", None, "", id=3),  # no role, no organisation: the family
    ]
    assert family(qs, people) == {3}
    assert "Karis skola" in organisations(qs, people)
    klient = find("raseborg-klientmote")  # its family role marked: that role only
    marked = [Participant("Anna", "familj", "", id=1), Participant("Bo", "myndighet", "", id=2)]
    assert family(klient, marked) == {1}


def test_letters_typed_in_the_participant_list_go_to_the_name(tmp_path):
    # Item 2 of issue 26: in the list, x removed the participant highlighted and e took
    # them back into the fields: a name typed with the list focused ("Alex") lost people.
    async def scenario(app, pilot):
        screen = app.screen
        people = screen.query_one("#people")
        name = screen.query_one("#p-name")
        burst(app, "<ctrl+a>", "Ada", "<enter>", "Bo", "<enter>")
        await reach(pilot, lambda: [p.name for p in screen.people] == ["Ada", "Bo"], screen)
        people.focus()
        await until(pilot, lambda: screen.focused is people)
        burst(app, "Alex e", "<enter>")
        added = ["Ada", "Bo", "Alex e"]
        await reach(pilot, lambda: [p.name for p in screen.people] == added, screen)
        assert screen.focused is name and name.value == ""

    run(scenario, db=tmp_path / "db", set_ref="raseborg-temamote")


def test_delete_removes_and_enter_edits_in_the_participant_list(tmp_path):
    async def scenario(app, pilot):
        screen = app.screen
        people = screen.query_one("#people")
        burst(app, "<ctrl+a>", "Ada", "<enter>", "Bo", "<enter>", "Cia", "<enter>")
        await reach(pilot, lambda: len(screen.people) == 3, screen)
        people.focus()
        await until(pilot, lambda: screen.focused is people)
        people.highlighted = 0
        burst(app, "<down>", "<delete>")  # Bo goes; the row after him is highlighted
        await reach(pilot, lambda: [p.name for p in screen.people] == ["Ada", "Cia"], screen)
        burst(app, "<enter>", "nna", "<enter>")  # Cia, corrected, back in her place
        await reach(pilot, lambda: [p.name for p in screen.people] == ["Ada", "Cianna"], screen)
        rows = dict(next(rows for title, rows in sections(screen) if title == "This screen"))
        assert rows.get("delete") == "Remove participant"
        assert "x" not in rows and "e" not in rows and "delete / x" not in rows
        assert "del removes" in " ".join(screen_text(app).split())

    run(scenario, db=tmp_path / "db", set_ref="raseborg-temamote")


def test_a_role_clicked_the_same_or_another_moves_on_to_organisation(tmp_path):
    async def scenario(app, pilot):
        screen = app.screen
        role = screen.query_one("#p-role")
        await add_with_role(pilot, screen, "Lena Ström", "skola", "Karis skola")
        for row, chosen in [(1, "skola"), (2, "socialtjanst")]:  # row 0: no role
            screen.set_focus(screen.query_one("#p-name"))
            await pilot.click(role)
            await until(pilot, lambda: role.expanded)
            await pilot.click(role.query_one("SelectOverlay"), offset=(2, row))
            await reach(pilot, lambda: screen.focused is screen.query_one("#p-org"), screen)
            assert role.value == chosen and not role.expanded

    run(scenario, db=tmp_path / "db", set_ref="samtidigt-traff-4")
