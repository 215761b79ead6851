"""The command of the app's own settings: `language`."""

from __future__ import annotations

from typing import Annotated

import typer

from dialogtui import i18n
from dialogtui import language as setting
from dialogtui.cli.output import say
from dialogtui.cli.root import Command, app, languages_or
from dialogtui.errors import DialogtuiError, os_reason
from dialogtui.i18n import _


@app.command(
    "language", cls=Command, help=_("Show the app's language, or choose the one it remembers.")
)
def language_cmd(
    choice: Annotated[
        str | None, typer.Argument(metavar="[" + _("LANG") + "]", help=languages_or() + ".")
    ] = None,
) -> None:
    if choice is None:
        names = ", ".join(f"{code} ({i18n.NAMES[code]})" for code in i18n.LANGUAGES)
        say(_("dialogtui speaks {language}.").format(language=i18n.NAMES[i18n.current()]))
        say(_("Languages: {names}.").format(names=names))
        return
    found = known_language(choice)
    try:
        setting.remember(found)
    except OSError as exc:
        said = _("cannot keep the choice: {reason}")
        raise DialogtuiError(said.format(reason=os_reason(exc))) from None
    i18n.use(found)
    say(_("dialogtui speaks {language} from now on.").format(language=i18n.NAMES[found]))


def known_language(name: str) -> str:
    """One of the five, from what a user typed ("sv", "sv_SE", "no"), or a clear error."""
    found = i18n.normalise(name)
    if found is None:
        said = _("unknown language '{name}'; use one of {names}")
        raise DialogtuiError(said.format(name=name, names=", ".join(i18n.LANGUAGES)))
    return found
