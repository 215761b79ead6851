"""Time placeholders in question texts, resolved from the meeting date.

An anticipation dialogue moves forward in time: "Vad är du speciellt glad över nu i
{future}…" becomes "…nu i januari 2027…" for a meeting held in January 2026 with a
one-year horizon, and "{past}" names the month of the meeting itself, seen from the
future ("Vad var du orolig för då i {past}?"). {future_year} and {past_year} give the
years alone, for a ten-year horizon where months would be noise.
"""

from __future__ import annotations

import datetime as dt
import functools

from dialogtui.errors import DialogtuiError
from dialogtui.i18n import _, date_text
from dialogtui.questionset.model import Horizon, Language


@functools.cache
def months(language: Language) -> tuple[str, ...]:
    """The months' names as the language writes them with a year ("januari 2027",
    "marts 2027", "tammikuu 2027"), from Babel's locale data (read once per language, when
    first needed). Stand-alone: Finnish inflects a month inside a date ("1. tammikuuta")."""
    from babel.dates import get_month_names

    names = get_month_names("wide", context="stand-alone", locale=Language(language).value)
    return tuple(names[n] for n in range(1, 13))


def month_year(date: dt.date, language: Language) -> str:
    return f"{months(Language(language))[date.month - 1]} {date.year}"


def shift_months(date: dt.date, months: int) -> dt.date:
    total = date.year * 12 + date.month - 1 + months
    return dt.date(total // 12, total % 12 + 1, 1)


def check_date(meeting_date: dt.date, horizon: Horizon | None) -> None:
    """A meeting date whose future (date + the set's horizon) still is a date."""
    if horizon is None:
        return
    try:
        shift_months(meeting_date, horizon.total_months)
    except ValueError:
        said = _(
            "{date} is too far in the future for this set, which looks {months} months ahead;"
            " check the date"
        )
        raise DialogtuiError(
            said.format(date=date_text(meeting_date, "long"), months=horizon.total_months)
        ) from None


def resolve(text: str, meeting_date: dt.date, horizon: Horizon | None, language: Language) -> str:
    """Replace the time placeholders; any other braces are left as the author wrote them.
    Never fails: a future past the calendar's end (year 9999) leaves {future} as written."""
    if horizon is None or "{" not in text:
        return text
    try:
        future = shift_months(meeting_date, horizon.total_months)
    except ValueError:
        return text.replace("{past}", month_year(meeting_date, language)).replace(
            "{past_year}", str(meeting_date.year)
        )
    return (
        text.replace("{future}", month_year(future, language))
        .replace("{past}", month_year(meeting_date, language))
        .replace("{future_year}", str(future.year))
        .replace("{past_year}", str(meeting_date.year))
    )
