"""The `dialogtui` console script. With no arguments it opens the app straight away, without
building the command line (typer), which would only slow the start; otherwise the CLI."""

from __future__ import annotations

import sys


def main() -> None:
    if len(sys.argv) == 1:
        from dialogtui.tui.launch import launch

        launch()
        return
    from dialogtui.cli import main as cli_main

    cli_main()
