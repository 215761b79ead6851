"""`dialogtui search WORDS…`: what was said, decided and agreed, across every meeting.

Each hit under its meeting (id, date, title), newest meeting first: the step it was
written at (as the meeting's own set names it), who said it, and its text on one line with
the words found in bold where the output is a terminal. Read through a reader, so it works
while the app has a meeting open, and takes no lock.
"""

from __future__ import annotations

from itertools import groupby
from typing import Annotated

import typer
from rich.cells import cell_len, set_cell_size
from rich.text import Text

from dialogtui.cli.output import out, say
from dialogtui.cli.root import Command, app, reading_store
from dialogtui.display import one_line
from dialogtui.errors import DialogtuiError
from dialogtui.export.hits import Places, around, kind_name, said, snippet
from dialogtui.i18n import _, date_text, number_text
from dialogtui.records import Hit, HitKind, MeetingStatus

LIMIT = 200  # hits shown unless --limit says otherwise


@app.command(
    "search",
    cls=Command,
    short_help=_("Find words in any meeting: turns, notes, actions, cards, names."),
    help=_(
        "Find WORDS in every meeting: turns, decisions, concerns, standpoints, actions, "
        "cards, participants' names, titles and places. Case never matters; each word finds "
        "the words that begin with it; a word typed without å, ä, ö, ø or æ finds them too "
        "(\u201ctraff\u201d finds \u201cTräff\u201d), one typed with them finds only them. Newest "
        "meeting first."
    ),
)
def search_cmd(
    words: Annotated[list[str], typer.Argument(metavar=_("WORDS"), help=_("What to look for."))],
    limit: Annotated[
        int,
        typer.Option(
            "--limit", metavar="N", min=1, max=100_000, help=_("Show at most N hits (default 200).")
        ),
    ] = LIMIT,
) -> None:
    """Find WORDS in every meeting."""
    query = " ".join(words)
    if not query.strip():
        raise DialogtuiError(_("nothing to search for: give one or more words"))
    with reading_store() as store:
        if store is None:  # nothing was ever saved: nothing says it
            hits, total = [], 0
        else:
            hits = store.search(query, limit)
            total = store.search_count(query) if len(hits) >= limit else len(hits)
            places = Places(store)
            steps = {(h.meeting_id, h.step, h.repetition): places.step(h) for h in hits}
    if not hits:
        say(_("No meeting says \u201c{query}\u201d.").format(query=one_line(query)))
        return
    tty = out.is_terminal
    width = out.width if tty else None
    for _key, group in groupby(hits, key=lambda h: h.meeting_id):
        said = list(group)
        first = said[0]
        head = _("Meeting {id} · {date} · {title}").format(
            id=first.meeting_id, date=date_text(first.meeting_date), title=first.meeting_title
        )
        if first.meeting_status is MeetingStatus.open:
            head += " · " + _("unfinished")
        _line(Text(one_line(head), style="bold" if tty else ""), tty)
        for hit in said:
            step = steps[(hit.meeting_id, hit.step, hit.repetition)]
            _line(_hit_line(hit, query, step, width), tty)
    if len(hits) < total:
        said_cut = _("{shown} of {total} shown; --limit N shows more.")
        say(said_cut.format(shown=number_text(len(hits)), total=number_text(total)))


def _hit_line(hit: Hit, query: str, step: str, width: int | None) -> Text:
    """ "  3. Nuläge · Anna Lind: …vi spelar fotboll på lördagar…" with the words found in
    bold; on a terminal cut to its width around them (a long step title cut first, so that
    the text keeps at least half the line), whole where the output is a file or a pipe."""
    who = "" if hit.kind is HitKind.participant else one_line(hit.speaker)  # in its text
    where = [x for x in (kind_name(hit.kind), who) if x]
    room = None
    if width is not None:
        rest = cell_len("  " + " · ".join(["", *where]) + ": ")
        if step and cell_len(step) + rest > width // 2:
            step = set_cell_size(step, max(6, width // 2 - rest - 1)).rstrip() + "…"
        room = max(20, width - rest - cell_len(step) - 1)
    where = [x for x in (step, *where) if x]
    text = said(hit)
    if room is None:  # a file or a pipe: the whole text, plain (nothing there is bold)
        text, found = snippet(text, [], None)
    else:  # read and marked only around the words found, however long the text is
        text, found = around(query, text, room)
    line = Text("  " + " · ".join(where) + (": " if where else ""))
    body = Text(text)
    for a, b in found:
        body.stylize("bold", a, b)
    line.append_text(body)
    return line


def _line(text: Text, tty: bool) -> None:
    """One line as it is: not wrapped where the output is a file or a pipe, and never read
    as markup (the text is a `Text`, every piece of it made visible)."""
    if tty:
        out.print(text, no_wrap=True, overflow="ellipsis", crop=True)
    else:
        print(text.plain)
