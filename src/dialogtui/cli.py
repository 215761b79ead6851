"""The `dialogtui` command line: a thin layer over the domain, store and export modules.

Every user-facing failure is a `DialogtuiError`; `main()` turns it into one line on stderr
and exit code 1. Exit codes: 0 success, 1 a problem with the input or the data (the
message says what and where), 2 a usage error (unknown option, missing argument).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sys
from pathlib import Path
from typing import Annotated

import typer
import typer.core
from rich.console import Console
from rich.table import Table
from rich.text import Text
from typer._click import exceptions as click_errors

from dialogtui import __version__, i18n
from dialogtui import language as setting
from dialogtui.display import one_line, plain, visible
from dialogtui.errors import DialogtuiError, QuestionSetError, os_reason
from dialogtui.i18n import N_, _, date_text, ngettext, note_kind_name, status_name
from dialogtui.tui.launch import meeting_id as parse_meeting_id  # as the resume fast path

EXIT_CODES = _(
    "Exit codes: 0 success; 1 invalid input or data (each problem is reported as "
    "PATH:LINE:COL: message, or as one line saying what went wrong); 2 usage error; 70 an "
    "internal error (a bug: please report it)."
)

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


class _Group(_Speaking, typer.core.TyperGroup):
    pass


class _Command(_Speaking, typer.core.TyperCommand):
    pass


app = typer.Typer(
    cls=_Group,
    name="dialogtui",
    help=_("The scribe's tool for structured dialogue meetings. Without a command, opens the app.")
    + "\n\n"
    + EXIT_CODES,
    no_args_is_help=True,  # only when run as `dialogtui.cli`; the console script opens the app
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

# Rich only lays out tables here; every text in them is a `Text` made by `plain()`, and every
# other line goes through `say()`: user text is never read as markup or sent as controls.
out = Console(highlight=False, markup=False, emoji=False)


def say(*parts: object, stderr: bool = False) -> None:
    """Print one line of text that may hold user data (paths, titles, names)."""
    print(visible(" ".join(str(p) for p in parts)), file=sys.stderr if stderr else sys.stdout)


WIDEST = 40  # cells of a column; longer texts are cut with "…" (whole in the minutes)


def columns(heads: list[str], rows, right: frozenset[int] = frozenset()) -> None:
    """A table as aligned lines of plain text: fast for ten thousand rows (a Rich table
    lays each one out, ~1 ms a row), and every cell shown as typed (`visible`)."""
    from rich.cells import cell_len, set_cell_size

    body = [[one_line(cell) for cell in row] for row in rows]
    widths = [
        min(WIDEST, max([cell_len(h), *(cell_len(r[n]) for r in body)]))
        for n, h in enumerate(heads)
    ]

    def line(cells: list[str]) -> str:
        out = []
        for n, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            if cell_len(cell) > width:
                cell = set_cell_size(cell, width - 1) + "…"
            pad = " " * (width - cell_len(cell))
            out.append(pad + cell if n in right else cell + pad)
        return "  ".join(out).rstrip()

    say("\n".join([line(heads)] + [line(r) for r in body]))


def _version(value: bool) -> None:
    if value:
        print(f"dialogtui {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help=_("Print the version.")),
    ] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar=_("LANG"),
            help=_(
                "The app's language: sv, fi, da, nb or en (default: your choice, your system's)."
            ),
        ),
    ] = None,
) -> None:
    """Options of `dialogtui` itself; with no command at all, `entry.main` opens the app."""


@app.command(
    "run",
    cls=_Command,
    short_help=_("Open the app, at a new meeting's set-up from SET if given."),
    help=_("Open the app (at the set-up of a new meeting from SET, if given)."),
)
def run_cmd(
    set_ref: Annotated[
        str | None,
        typer.Argument(metavar="[" + _("SET") + "]", help=_("Start a meeting from this set.")),
    ] = None,
) -> None:
    """Open the app (at the set-up of a new meeting from SET, if given)."""
    from dialogtui.tui.launch import launch

    if set_ref is not None:
        from dialogtui.questionset.library import locate

        locate(set_ref)  # an unknown set is a one-line error here, before the screen opens
    launch(set_ref=set_ref)


@app.command(
    "resume", cls=_Command, help=_("Open the app at an unfinished meeting, where it stopped.")
)
def resume_cmd(
    meeting: Annotated[
        str | None,
        typer.Argument(metavar="[" + _("MEETING") + "]", help=_("Meeting id; default the latest.")),
    ] = None,
) -> None:
    """Open the app at an unfinished meeting, where it stopped."""
    from dialogtui.tui.launch import launch, meeting_to_resume

    with _store() as store:
        meeting_id = meeting_to_resume(store, meeting)
    launch(meeting_id=meeting_id)


@app.command("sets", cls=_Command, help=_("List the question sets: built-in and your own."))
def sets_cmd() -> None:
    """List the question sets: built-in and your own."""
    from dialogtui.paths import user_sets_dir
    from dialogtui.questionset.library import scan
    from dialogtui.questionset.model import format_minutes

    table = Table(title=None, box=None, pad_edge=False, show_lines=False)
    table.add_column(_("id / title"), overflow="fold")
    table.add_column(_("lang"))
    table.add_column(_("steps"), justify="right")
    table.add_column(_("planned"), justify="right", no_wrap=True)
    table.add_column(_("from"))
    broken = []
    for entry in scan():
        qs = entry.question_set
        if qs is None:
            broken.append(entry)
            continue
        table.add_row(
            Text.assemble(plain(qs.id, "bold"), "\n", plain(qs.title, "dim")),
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


@app.command(
    "show",
    cls=_Command,
    short_help=_("Preview a set's agenda: steps, times, questions."),
    help=_("Preview a set's agenda: steps, times, questions and who is asked."),
)
def show_cmd(
    set_ref: Annotated[str, typer.Argument(metavar=_("SET"), help=_("A set id or a .toml path."))],
    date: Annotated[
        str | None,
        typer.Option(help=_("Meeting date (YYYY-MM-DD) for time placeholders; default today.")),
    ] = None,
) -> None:
    """Preview a set's agenda: steps, times, questions and who is asked."""
    from dialogtui.questionset.agenda import render_agenda
    from dialogtui.questionset.library import find
    from dialogtui.questionset.placeholders import check_date

    qs = find(set_ref)
    meeting_date = _parse_date(date)
    check_date(meeting_date, qs.horizon)
    _print_trimmed(render_agenda(qs, meeting_date))


def _print_trimmed(renderable) -> None:
    """Print without the spaces that rich pads a table's lines with to its width: a copied
    or piped agenda has no trailing blanks."""
    from rich.segment import Segment, Segments

    for line in out.render_lines(renderable, out.options, pad=False):
        while line and not line[-1].text.rstrip() and not line[-1].control:
            line.pop()
        if line:
            last = line[-1]
            line[-1] = Segment(last.text.rstrip(), last.style, last.control)
        out.print(Segments([*line, Segment.line()]), end="")


def _parse_date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        said = _("not a date: '{text}' (write it as YYYY-MM-DD)")
        raise DialogtuiError(said.format(text=text)) from None


@app.command(
    "validate",
    cls=_Command,
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
            load_question_set(path)
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
    cls=_Command,
    short_help=_("Print the JSON Schema of the question-set format."),
    help=_("Print the JSON Schema of the question-set format (for editors)."),
)
def schema_cmd() -> None:
    """Print the JSON Schema of the question-set format (for editors)."""
    from dialogtui.questionset.reference import json_schema_text

    sys.stdout.write(json_schema_text())


@app.command(
    "new",
    cls=_Command,
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
) -> None:
    """Write a new question set to start from: commented, or a copy of one."""
    from pydantic import TypeAdapter, ValidationError

    from dialogtui.atomic import write_atomic
    from dialogtui.paths import ensure_private_dir, user_sets_dir
    from dialogtui.questionset.model import Identifier
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
    if origin is None:
        text = template(set_id, str(path))
    else:
        from dialogtui.questionset.files import read_text
        from dialogtui.questionset.library import locate
        from dialogtui.questionset.loader import parse_question_set
        from dialogtui.questionset.scaffold import copy_of

        text = copy_of(read_text(locate(origin)), set_id, origin)
        parse_question_set(text, path)  # the copy is valid, or nothing is written
    write_atomic(path, text)
    say(_("wrote {path}").format(path=path))
    say(_("edit it, then check it with: dialogtui validate {path}").format(path=path))


@app.command(
    "language", cls=_Command, help=_("Show the app's language, or choose the one it remembers.")
)
def language_cmd(
    choice: Annotated[
        str | None, typer.Argument(metavar="[" + _("LANG") + "]", help=_("sv, fi, da, nb or en."))
    ] = None,
) -> None:
    if choice is None:
        names = ", ".join(f"{code} ({i18n.NAMES[code]})" for code in i18n.LANGUAGES)
        say(_("dialogtui speaks {language}.").format(language=i18n.NAMES[i18n.current()]))
        say(_("Languages: {names}.").format(names=names))
        return
    found = _language(choice)
    try:
        setting.remember(found)
    except OSError as exc:
        said = _("cannot keep the choice: {reason}")
        raise DialogtuiError(said.format(reason=os_reason(exc))) from None
    i18n.use(found)
    say(_("dialogtui speaks {language} from now on.").format(language=i18n.NAMES[found]))


def _language(name: str) -> str:
    """One of the five, from what a user typed ("sv", "sv_SE", "no"), or a clear error."""
    found = i18n.normalise(name)
    if found is None:
        said = _("unknown language '{name}'; use one of {names}")
        raise DialogtuiError(said.format(name=name, names=", ".join(i18n.LANGUAGES)))
    return found


@contextlib.contextmanager
def _store():
    from dialogtui.store import Store

    store = Store.open()
    try:
        yield store
    finally:
        store.close()


@app.command(
    "meetings",
    cls=_Command,
    short_help=_("List meetings with their status, turns and open actions."),
    help=_("List meetings: id, date, set, title, status, turns, open actions."),
)
def meetings_cmd() -> None:
    """List meetings: id, date, set, title, status, turns, open actions."""
    with _store() as store:
        rows = store.list_meetings()
    if not rows:
        say(_("No meetings yet. `dialogtui` starts one."))
        return
    columns(
        [_("id"), _("date"), _("title"), _("set"), _("status"), _("turns"), _("open actions")],
        (
            [
                str(m.id),
                date_text(m.date),
                m.title,
                m.set_id,
                status_name(m.status.value),
                str(m.turn_count),
                str(m.open_actions),
            ]
            for m in rows
        ),
        right=frozenset({0, 5, 6}),
    )


def _formats(asked: str) -> tuple[str, ...]:
    """md,docx,pdf,txt,ics (or "all") as the export's format keys, or a clear error."""
    from dialogtui.export.formats import FORMATS

    keys = [k.strip().lower().lstrip(".") for k in asked.split(",") if k.strip()]
    if keys == ["all"]:
        return tuple(FORMATS)
    unknown = [k for k in keys if k not in FORMATS]
    if unknown or not keys:
        said = _("unknown format '{name}'; use one or more of {names}, or all")
        name = unknown[0] if unknown else asked
        raise DialogtuiError(said.format(name=name, names=",".join(FORMATS)))
    return tuple(dict.fromkeys(keys))


@app.command(
    "export",
    cls=_Command,
    short_help=_("Write a meeting's minutes and action plan, for a recipient."),
    help=_(
        "Write a meeting's minutes and action plan: Markdown by default; Word (DOCX), PDF, a "
        "journal note (plain text) and a calendar file (.ics) with --format; the copy of "
        "one recipient with --for."
    ),
)
def export_cmd(
    meeting: Annotated[str, typer.Argument(metavar=_("MEETING"), help=_("Meeting id."))],
    out_dir: Annotated[
        Path | None, typer.Option("--out", help=_("Folder for the files; default the data folder."))
    ] = None,
    pseudonymise: Annotated[
        bool, typer.Option("--pseudonymise", help=_("Replace names with pseudonyms or roles."))
    ] = False,
    history: Annotated[
        bool,
        typer.Option(
            "--with-history", help=_("Show edited turns' earlier texts and deleted turns.")
        ),
    ] = False,
    labels: Annotated[
        str | None,
        typer.Option(
            "--labels",
            metavar=_("LANG"),
            help=_(
                "Headings and dates in this language (sv, fi, da, nb, en) for a recipient who "
                "needs it; the meeting's own words stay as said. Default: the meeting's."
            ),
        ),
    ] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            metavar=_("FORMATS"),
            help=_(
                "Comma-separated: md, docx, pdf, txt (a journal note), ics (the follow-up "
                "meeting and the actions' dates), or all."
            ),
        ),
    ] = "md",
    to: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar=_("RECIPIENT"),
            help=_(
                "Whose statements the copy holds: everyone (the default), facilitators "
                "(everyone's, with the method's notes and times), family, an organisation "
                "(its people's and the family's), or participants' names, comma-separated."
            ),
        ),
    ] = None,
) -> None:
    """Write a meeting's minutes and action plan, for a recipient."""
    from dialogtui.export.write import export_meeting

    language = _language(labels) if labels else None
    chosen = _formats(formats)
    with _store() as store:
        exported = export_meeting(
            store,
            parse_meeting_id(meeting),
            out_dir,
            pseudonymise,
            history,
            language,
            formats=chosen,
            to=to,
        )
    for path in exported.paths:
        say(path)
    for note in exported.notes:  # a format with nothing to write: "no calendar: nothing dated"
        say(note, stderr=True)
    if exported.kept_note():
        say(exported.kept_note(), stderr=True)
    if exported.failed:  # the other formats are written (above); this one is not
        for failure in exported.failed:
            say(f"dialogtui: {failure}", stderr=True)
        raise typer.Exit(1)


@app.command("actions", cls=_Command, help=_("Action items across meetings, soonest first."))
def actions_cmd(
    open_only: Annotated[bool, typer.Option("--open", help=_("Only open actions."))] = False,
    who: Annotated[str | None, typer.Option("--who", help=_("Only this person's actions."))] = None,
) -> None:
    """Action items across meetings, soonest first."""
    with _store() as store:
        rows = store.all_actions()
    if open_only:
        rows = [r for r in rows if r.action.status.is_open]
    if who:
        rows = [r for r in rows if who.casefold() in r.action.who.casefold()]
    if not rows:
        say(_("No actions."))
        return
    columns(
        [_("when"), _("what"), _("who"), _("status"), _("meeting")],
        (
            [
                date_text(r.action.when) if r.action.when else "–",
                r.action.what,
                r.action.who,
                status_name(r.action.status.value),
                f"{r.meeting_id}: {r.meeting_title}",
            ]
            for r in rows
        ),
    )


@app.command(
    "notes",
    cls=_Command,
    short_help=_("List, correct or delete decisions, concerns, consent."),
    help=_("A meeting's decisions, concerns and consent note: list, correct or delete them."),
)
def notes_cmd(
    meeting: Annotated[str, typer.Argument(metavar=_("MEETING"), help=_("Meeting id."))],
    text: Annotated[
        str | None,
        typer.Argument(metavar=_("TEXT"), help=_("The new text, with --edit or --consent.")),
    ] = None,
    edit: Annotated[
        int | None, typer.Option("--edit", metavar=_("ID"), help=_("Correct note ID."))
    ] = None,
    delete: Annotated[
        int | None, typer.Option("--delete", metavar=_("ID"), help=_("Delete note ID."))
    ] = None,
    consent: Annotated[
        bool, typer.Option("--consent", help=_("Set how consent was given to TEXT."))
    ] = False,
) -> None:
    """A meeting's decisions, concerns and consent note: list, correct or delete them."""
    meeting_id = parse_meeting_id(meeting)
    chosen = [x for x in (edit is not None, delete is not None, consent) if x]
    if len(chosen) > 1:
        raise DialogtuiError(_("choose one of --edit, --delete and --consent"))
    if (edit is not None or consent) and text is None:
        raise DialogtuiError(_("say the new text after the meeting id, in quotes"))
    with _store() as store:
        info = store.meeting_info(meeting_id)
        if chosen:
            store.lock(meeting_id)  # not while the meeting is open in the app
        if edit is not None:
            if not (text or "").strip():
                raise DialogtuiError(_("the new text is empty; use --delete to delete the note"))
            store.edit_note(meeting_id, edit, (text or "").strip())
            say(_("note {id} corrected").format(id=edit))
        elif delete is not None:
            store.delete_note(meeting_id, delete)
            say(_("note {id} deleted").format(id=delete))
        elif consent:
            # "how consent was given": given, as noted; an empty text takes it back.
            how = (text or "").strip()
            store.set_consent(meeting_id, bool(how), how)
            say(_("consent note saved"))
        else:
            notes = store.notes(meeting_id)
            for note in notes:
                step = "" if note.step is None else _("step {n}").format(n=note.step + 1)
                kind = note_kind_name(note.kind.value)
                say(f"{note.id:>4}  {kind:<10}  {step:<8}  {note.text}")
            if info.consent_note or info.consent_given:
                given = _("given") if info.consent_given else _("not recorded")
                say(_("consent ({given}): {note}").format(given=given, note=info.consent_note))
            cases = store.case_consents(meeting_id)
            for case, how in sorted(cases.items()):
                say(_("case {n}: consent given: {note}").format(n=case, note=how))
            if not notes and not (info.consent_note or info.consent_given) and not cases:
                say(_("no decisions, concerns or consent note in this meeting"))


@app.command("forget", cls=_Command, help=_("Delete a meeting, its turns and actions, for good."))
def forget_cmd(
    meeting: Annotated[str, typer.Argument(metavar=_("MEETING"), help=_("Meeting id."))],
    yes: Annotated[bool, typer.Option("--yes", help=_("Do not ask for confirmation."))] = False,
) -> None:
    """Delete a meeting, its turns and actions, for good."""
    meeting_id = parse_meeting_id(meeting)
    with _store() as store:
        info = store.meeting_info(meeting_id)
        if not yes:
            if not sys.stdin.isatty():
                raise DialogtuiError(_("not deleting without confirmation; add --yes in scripts"))
            asked = _("Delete meeting {id} ({title}, {date}) for good?")
            typer.confirm(
                visible(asked.format(id=meeting_id, title=info.title, date=info.date)),
                abort=True,
            )
        store.lock(meeting_id)
        store.forget(meeting_id)
    say(_("meeting {id} deleted").format(id=meeting_id))


def main() -> None:
    # Run from `dialogtui.entry`, which has set the console streams up.
    try:
        app(standalone_mode=True)
    except DialogtuiError as exc:
        # A question set's problems are already `PATH:LINE:COL: message` lines.
        text = str(exc) if isinstance(exc, QuestionSetError) else f"dialogtui: {exc}"
        say(text, stderr=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # the last net: a bug must still not print a traceback
        if os.environ.get("DIALOGTUI_DEBUG"):
            raise
        said = _(
            "dialogtui: internal error ({error}); nothing was changed after the last saved "
            "step. Set DIALOGTUI_DEBUG=1 to see the details."
        )
        say(said.format(error=f"{type(exc).__name__}: {exc}"), stderr=True)
        sys.exit(70)
