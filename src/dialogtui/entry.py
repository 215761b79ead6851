"""The `dialogtui` console script. Opening the app, with no arguments or as `dialogtui resume
[MEETING]`, skips building the command line (typer), which would only slow the start; every
other command, and a resume that cannot open its meeting, goes to the CLI."""

from __future__ import annotations

import contextlib
import sys

from dialogtui import collector


def main() -> None:
    collector.hold()  # until the app's first screen is up (dialogtui.collector)
    try:
        _run()
    finally:
        collector.release(freeze=False)  # whatever way the app or the command ended


def _run() -> None:
    # A console that cannot show a character (PYTHONIOENCODING=ascii, an old code page)
    # gets a replacement mark, not an error after the work is done.
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(AttributeError, ValueError):
            stream.reconfigure(errors="replace")  # type: ignore[union-attr]
    args = sys.argv[1:]
    _speak(args)
    if not _without_lang(args):  # `dialogtui --lang sv` opens the app too, in Swedish
        from dialogtui.tui.launch import launch

        launch()
        return
    if args[0] == "resume" and len(args) <= 2 and not any(a.startswith("-") for a in args):
        from dialogtui.tui.launch import resume

        if resume(args[1] if len(args) == 2 else None):
            return
    collector.release(freeze=False)  # the command line is not timed against a bare app
    from dialogtui.cli import main as cli_main

    cli_main()


def _without_lang(args: list[str]) -> list[str]:
    """The arguments but the language (`--lang X`, `--lang=X`), which `_speak` has set."""
    rest, skip = [], False
    for n, arg in enumerate(args):
        if skip:
            skip = False
        elif arg == "--lang" and n + 1 < len(args):
            skip = True
        elif not arg.startswith("--lang="):
            rest.append(arg)
    return rest


def _speak(args: list[str]) -> None:
    """The app's language, chosen before anything of it is built (the command line's help
    is written when it is): --lang, DIALOGTUI_LANG, the remembered choice, the system's."""
    from dialogtui import i18n
    from dialogtui import language as setting

    explicit = None
    for n, arg in enumerate(args):
        if arg == "--lang" and n + 1 < len(args):
            explicit = args[n + 1]
        elif arg.startswith("--lang="):
            explicit = arg.partition("=")[2]
    try:
        language = setting.choose(explicit)
    except ValueError as exc:
        i18n.use(setting.remembered() or i18n.system_language() or "en")  # said as it can
        said = i18n._("unknown language '{name}'; use one of {names}")
        print(
            "dialogtui: " + said.format(name=exc, names=", ".join(i18n.LANGUAGES)), file=sys.stderr
        )
        sys.exit(2)
    i18n.use(language)
