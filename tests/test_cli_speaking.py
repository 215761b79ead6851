"""What `dialogtui.cli._speaking` assumes of typer 0.29 and its click, one test each: an
upgrade that breaks one fails the test named for it, not a user's command line."""

from __future__ import annotations

import pytest
import typer
import typer.core
import typer.main
from typer.testing import CliRunner

from dialogtui import i18n
from dialogtui.cli import root
from dialogtui.cli._speaking import _MISTAKES

app = root.app


def click_says(*args: str, on: typer.Typer = app) -> str:
    """The usage error click raises for a command line, as click words it."""
    from typer._click import exceptions as click_errors

    command = typer.main.get_command(on)
    with pytest.raises(click_errors.UsageError) as raised:
        command.main(list(args), prog_name="dialogtui", standalone_mode=False)
    return raised.value.format_message()


def helped(*args: str) -> str:
    result = CliRunner().invoke(app, [*args, "--help"], prog_name="dialogtui")
    assert result.exit_code == 0, result.output
    return result.output


def test_typer_ships_its_own_click_as_typer_click():
    # The usage errors are caught, and shown, as the click that typer's commands raise.
    from typer._click import exceptions as click_errors

    command = typer.main.get_command(app)
    with pytest.raises(click_errors.UsageError):
        command.main(["export"], prog_name="dialogtui", standalone_mode=False)


def test_typer_core_writes_its_headings_through_its_module_underscore(monkeypatch):
    # The door sets `typer.core._` to the app's gettext; typer must look it up each time
    # it writes a heading, not keep a gettext of its own.
    assert typer.core._ is i18n._
    monkeypatch.setattr(typer.core, "_", lambda message: f"<{message}>")
    said = helped() + helped("export")
    for heading in ("<Options>:", "<Commands>:", "<Arguments>:", "[<required>]"):
        assert heading in said


def test_typer_commands_write_their_usage_through_format_usage_and_help_option():
    # `_Speaking` words "Usage:", "[OPTIONS]" and the help option's help; typer must still
    # build its commands' help from click's `format_usage` and `get_help_option`.
    i18n.use("sv")
    try:
        usage, options = i18n._("Usage: "), i18n._("[OPTIONS]")
        show = i18n._("Show this message and exit.")
        said = helped("export")
    finally:
        i18n.use("en")
    assert usage != "Usage: " and options != "[OPTIONS]"  # the test can tell
    assert said.startswith(f"{usage}dialogtui export {options} ")
    assert show in said and "Show this message" not in said


# A command line that makes click say each mistake the door reads again (of the app, or of
# a command with a required option in a range), and the message it is said again as.
MISTAKES = [
    (("exprot",), "{message}; did you mean {names}?"),
    (("export", "1", "--lab", "da"), "No such option: {name} (did you mean {options}?)"),
    (("export", "1", "--nothing"), "No such option: {name}"),
    (("export",), "Missing argument {name}."),
    ((), "Missing option {name}."),
    (("notes", "1", "--edit"), "Option {name} needs a value."),
    (("export", "1", "2", "3"), "Unexpected extra arguments ({args})"),
    (("notes", "1", "--edit", "x"), "{name} should be a number."),
    (("--need", "0"), "Invalid value for {name}: {why}"),
]


def test_click_says_its_usage_errors_in_the_forms_the_door_reads():
    # click words its usage errors in English without gettext; each form the door knows
    # must still be one click uses, or that mistake reaches the user in English.
    other = typer.Typer()

    @other.command()
    def need(need: int = typer.Option(..., min=1)) -> None:
        """A command of a required option, in a range."""

    for args, template in MISTAKES:
        message = click_says(
            *args, on=app if args[:1] in (("export",), ("notes",), ("exprot",)) else other
        )
        matched = next((t for pattern, t in _MISTAKES if pattern.match(message)), None)
        assert matched == template, message
    assert {t for _, t in _MISTAKES} == {t for _, t in MISTAKES}  # each form is still used


def test_click_shows_a_usage_error_through_usage_error_show(cli, monkeypatch):
    # click's standalone `main` shows a usage error by calling `UsageError.show()`, the
    # method the door replaces: the mistake is then said in the app's language.
    monkeypatch.setenv("DIALOGTUI_LANG", "sv")
    try:
        said = cli("export", "1", "--lab", "da")
        expected = i18n._("Error: {message}").format(
            message=i18n._("No such option: {name} (did you mean {options}?)").format(
                name="--lab", options="--labels"
            )
        )
    finally:
        i18n.use("en")
    assert said.code == 2
    assert said.err.splitlines()[-1] == expected and expected.startswith("Fel: ")


def test_the_help_lists_the_commands_in_their_order():
    # Each noun's module registers its own commands; the group lists them in ORDER, which
    # names every one of them (a new command is put in its place there).
    commands = typer.main.get_command(app)
    assert set(commands.commands) == set(root.ORDER)  # type: ignore[attr-defined]
    listed = helped().split("Commands:\n")[1].splitlines()
    assert [line.split()[0] for line in listed if line.strip()] == list(root.ORDER)
