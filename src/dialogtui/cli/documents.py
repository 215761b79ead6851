"""The commands of what a meeting holds: `export` (its documents), `actions`, `notes`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from dialogtui import i18n
from dialogtui.cli.output import columns, say
from dialogtui.cli.root import Command, app, no_meeting, reading_store, writing_store
from dialogtui.cli.settings import known_language
from dialogtui.errors import DialogtuiError
from dialogtui.export.formats import FORMATS
from dialogtui.i18n import _, date_text, note_kind_name, status_name
from dialogtui.tui.launch import meeting_id as parse_meeting_id


def _formats(asked: str) -> tuple[str, ...]:
    """md,docx,pdf,txt,ics (or "all") as the export's format keys, or a clear error."""
    keys = [k.strip().lower().lstrip(".") for k in asked.split(",") if k.strip()]
    if keys == ["all"]:
        return tuple(FORMATS)
    unknown = [k for k in keys if k not in FORMATS]
    if unknown or not keys:
        said = _("unknown format '{name}'; use one or more of {names}, or all")
        name = unknown[0] if unknown else asked
        raise DialogtuiError(said.format(name=name, names=", ".join(FORMATS)))
    return tuple(dict.fromkeys(keys))


def _formats_said() -> str:
    """The formats as `--format` takes them, each with what it is where its key does not
    say it: "md, docx, pdf, txt (a journal note), ics (…)"."""
    return ", ".join(f"{key} ({_(f.about)})" if f.about else key for key, f in FORMATS.items())


@app.command(
    "export",
    cls=Command,
    short_help=_("Write a meeting's minutes and action plan, for a recipient."),
    help=_(
        "Write a meeting's minutes and action plan: Markdown by default, the other formats "
        "with --format; the copy of one recipient with --for."
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
                "Headings and dates in this language ({languages}) for a recipient who needs "
                "it; the meeting's own words stay as said. Default: the meeting's."
            ).format(languages=", ".join(i18n.LANGUAGES)),
        ),
    ] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            metavar=_("FORMATS"),
            help=_("Comma-separated: {formats}, or all.").format(formats=_formats_said()),
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
    case: Annotated[
        str | None,
        typer.Option(
            "--case",
            metavar=_("CASE"),
            help=_(
                "One case's copy (a child's, in a meeting with cases): its number or its "
                "name; it holds nothing of the other cases."
            ),
        ),
    ] = None,
) -> None:
    """Write a meeting's minutes and action plan, for a recipient."""
    from dialogtui.export.write import export_meeting

    language = known_language(labels) if labels else None
    chosen = _formats(formats)
    with reading_store() as store:
        if store is None:
            raise no_meeting(parse_meeting_id(meeting))
        exported = export_meeting(
            store,
            parse_meeting_id(meeting),
            out_dir,
            pseudonymise,
            history,
            language,
            formats=chosen,
            to=to,
            case=case,
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


@app.command(
    "actions",
    cls=Command,
    short_help=_("Action items across meetings; a series' plan over time."),
    help=_(
        "Action items across meetings, soonest first. With --series MEETING: the plan over "
        "time of that meeting's series, each action with its history; with --format, --for "
        "or --out it writes that plan as a document for a recipient."
    ),
)
def actions_cmd(
    open_only: Annotated[bool, typer.Option("--open", help=_("Only open actions."))] = False,
    who: Annotated[str | None, typer.Option("--who", help=_("Only this person's actions."))] = None,
    series: Annotated[
        str | None,
        typer.Option(
            "--series",
            metavar=_("MEETING"),
            help=_("The plan over time of this meeting's series: every action, with its history."),
        ),
    ] = None,
    formats: Annotated[
        str | None,
        typer.Option(
            "--format",
            metavar=_("FORMATS"),
            help=_(
                "With --series: write the plan over time, comma-separated: md, docx, pdf, "
                "txt, or all."
            ),
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option(
            "--for",
            metavar=_("RECIPIENT"),
            help=_("With --series: the copy of this recipient, as export --for."),
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out", help=_("With --series: folder for the files; default the data folder.")
        ),
    ] = None,
    pseudonymise: Annotated[
        bool,
        typer.Option(
            "--pseudonymise", help=_("With --series: replace names with pseudonyms or roles.")
        ),
    ] = False,
    case: Annotated[
        str | None,
        typer.Option(
            "--case",
            metavar=_("CASE"),
            help=_(
                "With --series: one case's copy (a child's, in a meeting with cases): its "
                "number or its name in MEETING; it holds that case's actions alone."
            ),
        ),
    ] = None,
) -> None:
    """Action items across meetings, soonest first; a series' plan over time."""
    writes = formats is not None or to is not None or out_dir is not None or pseudonymise
    writes = writes or case is not None
    if series is None:
        if writes:
            raise DialogtuiError(
                _("--format, --for, --case, --out and --pseudonymise go with --series")
            )
        _all_actions(open_only, who)
    elif writes:
        meeting_id = parse_meeting_id(series)
        _write_series(meeting_id, formats or "md", to, out_dir, pseudonymise, case)
    else:
        _say_series(parse_meeting_id(series), open_only, who)


def _all_actions(open_only: bool, who: str | None) -> None:
    with reading_store() as store:
        rows = store.all_actions() if store else []
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


def _say_series(meeting_id: int, open_only: bool, who: str | None) -> None:
    """The series' meetings, then each action, the child's case it was agreed in (where
    it was) and its story, in the app's language."""
    from dialogtui.export.series import action_cases, series_cases, series_records, story

    with reading_store() as store:
        if store is None:
            raise no_meeting(meeting_id)
        with store.snapshot():
            plan = store.series_plan(meeting_id)
            records = series_records(store, plan)
    cases = action_cases(plan, records, series_cases(plan, records))
    columns(
        ["#", _("date"), _("meeting"), _("set"), _("status")],
        (
            [
                str(m.number),
                date_text(m.date),
                f"{m.id}: {m.title}",
                m.set_id,
                status_name(m.status.value),
            ]
            for m in plan.meetings
        ),
    )
    actions = [
        h
        for h in plan.actions
        if (not open_only or h.action.status.is_open)
        and (not who or who.casefold() in h.action.who.casefold())
    ]
    say("")
    if not actions:
        say(_("No actions."))
        return
    for h in actions:
        a = h.action
        about = ", ".join(x for x in (a.who, date_text(a.when) if a.when else "") if x)
        say(f"{a.what} ({about})" if about else a.what)
        if a.id in cases:
            say(f"  {cases[a.id].said}")
        say(f"  {story(plan, h)}")


def _write_series(
    meeting_id: int,
    formats: str,
    to: str | None,
    out_dir: Path | None,
    pseudonymise: bool,
    case: str | None,
) -> None:
    from dialogtui.export.series import FORMAT_KEYS, export_series

    keys = [k.strip().lower().lstrip(".") for k in formats.split(",") if k.strip()]
    chosen = FORMAT_KEYS if keys == ["all"] else tuple(dict.fromkeys(keys))
    unknown = [k for k in chosen if k not in FORMAT_KEYS]
    if unknown or not chosen:
        said = _("unknown format '{name}'; use one or more of {names}, or all")
        name = unknown[0] if unknown else formats
        raise DialogtuiError(said.format(name=name, names=", ".join(FORMAT_KEYS)))
    with reading_store() as store:
        if store is None:
            raise no_meeting(meeting_id)
        exported = export_series(
            store, meeting_id, out_dir, pseudonymise, formats=chosen, to=to, case=case
        )
    for path in exported.paths:
        say(path)
    if exported.failed:
        for failure in exported.failed:
            say(f"dialogtui: {failure}", stderr=True)
        raise typer.Exit(1)


@app.command(
    "notes",
    cls=Command,
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
    # Listing only reads; a correction takes the meeting's lock, which a reader cannot.
    with writing_store() if chosen else reading_store() as store:
        if store is None:
            raise no_meeting(meeting_id)
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
