"""The one door to typer's and click's internals: what makes the command line speak the
user's language, which neither typer nor its click asks gettext for.

Each assumption this module makes of typer 0.29 is checked by a test named for it in
`tests/test_cli_speaking.py`, so that an upgrade fails there, by name, and not in a user's
terminal:
- typer ships its own click as `typer._click` (since 0.26), whose `UsageError` is the one
  its commands raise;
- `typer.core` writes its headings ("Options", "Commands", "[required]") through a module
  global `_` that it looks up each time it writes one;
- click says its usage errors in English, in the forms `_MISTAKES` reads, and shows them
  through `UsageError.show(file=None)`;
- `TyperCommand` and `TyperGroup` write their usage line through click's `format_usage`
  and take their help option from `get_help_option`.
"""

from __future__ import annotations

import re
import sys

import typer.core
from typer._click import exceptions as click_errors

from dialogtui.i18n import N_, _

# The command line's own headings ("Options", "Commands") in the app's language.
typer.core._ = _


# What click's usage line says of every command, in the app's language.
_USAGE = {"[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]...")}


class _Speaking:
    """A command whose help says "Usage:" and "--help" in the app's language too (typer
    writes them without asking gettext)."""

    def format_usage(self, ctx, formatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        pieces = [_(_USAGE[p]) if p in _USAGE else p for p in pieces]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=_("Usage: "))

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _("Show this message and exit.")
        return option


# A mistake on the command line, as click says it (in English, without gettext): said
# again in the app's language where its form is known, else as click said it.
_MISTAKES = [
    # typer's suggestion after click's own message (which gettext has said already).
    (
        re.compile(r"^(?P<message>.+)\. Did you mean (?P<names>.+)\?$"),
        N_("{message}; did you mean {names}?"),
    ),
    (
        re.compile(r"^No such option: (?P<name>\S+) \(Possible options: (?P<options>.+)\)$"),
        N_("No such option: {name} (did you mean {options}?)"),
    ),
    (re.compile(r"^No such option: (?P<name>\S+)$"), N_("No such option: {name}")),
    (re.compile(r"^Missing argument (?P<name>.+)\.$"), N_("Missing argument {name}.")),
    (re.compile(r"^Missing option (?P<name>.+)\.$"), N_("Missing option {name}.")),
    (
        re.compile(r"^Option (?P<name>.+) requires an argument\.$"),
        N_("Option {name} needs a value."),
    ),
    (
        re.compile(r"^Got unexpected extra argument(?:s|\(s\))? \((?P<args>.+)\)$"),
        N_("Unexpected extra arguments ({args})"),
    ),
    (re.compile(r"^Invalid value for (?P<name>.+?): .*integer"), N_("{name} should be a number.")),
    (
        re.compile(r"^Invalid value for (?P<name>.+?): (?P<why>.+)$"),
        N_("Invalid value for {name}: {why}"),
    ),
]


def _said_again(message: str) -> str:
    """A message of click's in the app's language, where its form is known."""
    for pattern, template in _MISTAKES:
        if found := pattern.match(message):
            return _(template).format(**found.groupdict())
    return message


def _show_usage_error(self: click_errors.UsageError, file=None) -> None:
    stream = file or sys.stderr
    if self.ctx is not None:
        hint = _("Try '{command} {option}' for help.").format(
            command=self.ctx.command_path, option=self.ctx.help_option_names[0]
        )
        print(f"{self.ctx.get_usage()}\n{hint}\n", file=stream)
    message = _said_again(self.format_message())
    print(_("Error: {message}").format(message=message), file=stream)


click_errors.UsageError.show = _show_usage_error  # type: ignore[method-assign]


class SpeakingGroup(_Speaking, typer.core.TyperGroup):
    """A group whose usage and help are in the app's language."""


class SpeakingCommand(_Speaking, typer.core.TyperCommand):
    """A command whose usage and help are in the app's language."""
