"""The commands of question sets: `sets`, `show`, `validate`, `schema`, `new`."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from dialogtui import i18n
from dialogtui.cli.output import out, print_trimmed, say
from dialogtui.cli.root import Command, app
from dialogtui.display import plain
from dialogtui.errors import DialogtuiError, QuestionSetError, os_reason
from dialogtui.i18n import _, ngettext


@app.command("sets", cls=Command, help=_("List the question sets: built-in and your own."))
def sets_cmd() -> None:
    """List the question sets: built-in and your own."""
    from dialogtui.paths import user_sets_dir
    from dialogtui.questionset.library import Entry, grouped, scan
    from dialogtui.questionset.words import format_minutes

    table = Table(title=None, box=None, pad_edge=False, show_lines=False)
    table.add_column(_("id / title"), overflow="fold")
    table.add_column(_("lang"))
    table.add_column(_("steps"), justify="right")
    table.add_column(_("planned"), justify="right", no_wrap=True)
    table.add_column(_("from"))
    entries = scan()
    broken = [entry for entry in entries if entry.question_set is None]

    def keys(entry: Entry) -> tuple[str, str | None]:
        qs = entry.question_set
        return (qs.id, qs.translation_of) if qs is not None else ("", None)

    valid = [entry for entry in entries if entry.question_set is not None]
    for entry, depth in grouped(valid, keys):
        qs = entry.question_set
        if qs is None:  # not among `valid`; said for the type checker
            continue
        # A translation right under its original, as the start screen lists it.
        mark = "  " * (depth - 1) + "↳ " if depth else ""
        table.add_row(
            Text.assemble(
                mark, plain(qs.id, "bold"), "\n", " " * len(mark), plain(qs.title, "dim")
            ),
            qs.language.value,
            str(len(qs.steps)),
            format_minutes(qs.planned_minutes, untimed=_("untimed"), hours=True),
            _("built-in") if entry.origin == "built-in" else _("user"),
        )
    out.print(table)
    say(
        "\n"
        + _("Your own sets go in {folder} (`dialogtui new ID` starts one).").format(
            folder=user_sets_dir()
        )
    )
    for entry in broken:
        said = _("skipped {path}: not valid (`dialogtui validate {path}`)")
        say(said.format(path=entry.path), stderr=True)
        if entry.error is not None and entry.error.problems:
            # Its first problem, so that a set listed nowhere else can be found and fixed.
            say(f"  {entry.error.problems[0]}", stderr=True)


@app.command(
    "show",
    cls=Command,
    short_help=_("Preview a set's agenda: steps, times, questions."),
    help=_("Preview a set's agenda: steps, times, questions and who is asked."),
)
def show_cmd(
    set_ref: Annotated[str, typer.Argument(metavar=_("SET"), help=_("A set id or a .toml path."))],
    date: Annotated[
        str | None,
        typer.Option(
            help=_(
                "Meeting date for time placeholders, as your language writes a date or "
                "YYYY-MM-DD; default today."
            )
        ),
    ] = None,
) -> None:
    """Preview a set's agenda: steps, times, questions and who is asked."""
    from dialogtui.agenda import render_agenda
    from dialogtui.questionset.library import find
    from dialogtui.questionset.placeholders import check_date

    qs = find(set_ref)
    meeting_date = _parse_date(date)
    check_date(meeting_date, qs.horizon)
    print_trimmed(render_agenda(qs, meeting_date))


def _parse_date(text: str | None) -> dt.date:
    """--date as the UI's language writes a date ("15.1.2027" in Finnish) or ISO."""
    from dialogtui.i18n import date_advice, typed_date

    if text is None:
        return dt.date.today()
    try:
        day = typed_date(text)
    except ValueError:
        day = None
    if day is None:
        said = _("{option}: not a date: '{text}' ({advice})")
        raise DialogtuiError(said.format(option="--date", text=text, advice=date_advice()))
    return day


@app.command(
    "validate",
    cls=Command,
    short_help=_("Check question-set files (PATH:LINE:COL: message)."),
    help=_("Check question-set files; print PATH:LINE:COL: message for every problem."),
)
def validate_cmd(
    paths: Annotated[
        list[Path],
        # Not click's own readability check: an unreadable file is a PATH:1:1 problem, exit 1.
        typer.Argument(
            metavar=_("PATH") + "...", readable=False, help=_("Set files, or folders of them.")
        ),
    ],
) -> None:
    """Check question-set files; print PATH:LINE:COL: message for every problem."""
    from dialogtui.errors import Problem
    from dialogtui.questionset.files import read_text
    from dialogtui.questionset.library import translation_problems
    from dialogtui.questionset.loader import load_question_set

    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            found = sorted(path.glob("*.toml"))
            if not found:
                problems.append(Problem(path, 1, 1, _("folder holds no .toml files")))
            files += found
        else:
            files.append(path)
    for path in files:
        try:
            qs = load_question_set(path)
            if qs.translation_of is not None:  # looked for in the library, as the app does
                problems += translation_problems(qs, read_text(path), path)
        except QuestionSetError as exc:
            problems += exc.problems
    for p in problems:
        say(p, stderr=True)
    if problems:
        n = len({str(p.path) for p in problems})
        counted = ngettext("{n} problem", "{n} problems", len(problems))
        where = ngettext("in {n} file", "in {n} files", n)  # Finnish inflects the file
        say(_("{problems} {in_files}").format(problems=counted, in_files=where), stderr=True)
        raise typer.Exit(1)
    say(ngettext("{n} file valid", "{n} files valid", len(files)))


@app.command(
    "schema",
    cls=Command,
    short_help=_("Print the JSON Schema of the question-set format."),
    help=_("Print the JSON Schema of the question-set format (for editors)."),
)
def schema_cmd() -> None:
    """Print the JSON Schema of the question-set format (for editors)."""
    from dialogtui.questionset.reference import json_schema_text

    sys.stdout.write(json_schema_text())


@app.command(
    "new",
    cls=Command,
    short_help=_("Write a new question set, or a copy of one, to start from."),
    help=_("Write a new question set to start from: commented, or a copy of one."),
)
def new_cmd(
    set_id: Annotated[str, typer.Argument(metavar=_("SET_ID"), help=_("Id of the new set."))],
    folder: Annotated[
        Path | None, typer.Option("--dir", help=_("Where to write it; default your sets folder."))
    ] = None,
    origin: Annotated[
        str | None,
        typer.Option(
            "--from", help=_("Copy this set (an id or a path) instead, to make it your own.")
        ),
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(
            "--language",
            metavar=_("LANG"),
            help=_(
                "The language of its comments and sample texts, and the set's own ({languages}); "
                "default the app's."
            ).format(languages=", ".join(i18n.LANGUAGES)),
        ),
    ] = None,
) -> None:
    """Write a new question set to start from: commented, or a copy of one."""
    from pydantic import TypeAdapter, ValidationError

    from dialogtui.atomic import write_atomic
    from dialogtui.cli.settings import known_language
    from dialogtui.paths import ensure_private_dir, user_sets_dir
    from dialogtui.questionset.model import Identifier, Language
    from dialogtui.questionset.scaffold import template

    try:
        TypeAdapter(Identifier).validate_python(set_id)  # the format's own rule for ids
    except ValidationError:
        said = _("'{id}' is not a valid id: use lower-case letters, digits, '-' and '_'")
        raise DialogtuiError(said.format(id=set_id)) from None
    try:
        target_dir = folder if folder is not None else ensure_private_dir(user_sets_dir())
    except OSError as exc:
        said = _("cannot create {folder}: {reason}")
        raise DialogtuiError(said.format(folder=user_sets_dir(), reason=os_reason(exc))) from None
    path = target_dir / f"{set_id}.toml"
    if path.exists():
        said = _("{path} already exists; choose another id or edit that file")
        raise DialogtuiError(said.format(path=path))
    # Written in the language the facilitator reads: the app's, unless another is asked for.
    written_in = Language(known_language(language) if language else i18n.current())
    if origin is None:
        text = template(set_id, str(path), written_in)
    else:
        from dialogtui.questionset.files import read_text
        from dialogtui.questionset.library import locate
        from dialogtui.questionset.loader import parse_question_set
        from dialogtui.questionset.scaffold import copy_of

        text = copy_of(read_text(locate(origin)), set_id, origin, written_in)
        parse_question_set(text, path)  # the copy is valid, or nothing is written
    write_atomic(path, text)
    say(_("wrote {path}").format(path=path))
    say(_("edit it, then check it with: dialogtui validate {path}").format(path=path))
