"""Time placeholders in question texts, resolved from the meeting date.

An anticipation dialogue moves forward in time: "Vad är du speciellt glad över nu i
{future}…" becomes "…nu i januari 2027…" for a meeting held in January 2026 with a
one-year horizon, and "{past}" names the month of the meeting itself, seen from the
future ("Vad var du orolig för då i {past}?"). {future_year} and {past_year} give the
years alone, for a ten-year horizon where months would be noise.
"""

from __future__ import annotations

import datetime as dt

from dialogtui.errors import DialogtuiError
from dialogtui.questionset.model import Horizon, Language

# fmt: off
MONTHS: dict[Language, tuple[str, ...]] = {
    Language.sv: ("januari", "februari", "mars", "april", "maj", "juni",
                  "juli", "augusti", "september", "oktober", "november", "december"),
    Language.da: ("januar", "februar", "marts", "april", "maj", "juni",
                  "juli", "august", "september", "oktober", "november", "december"),
    Language.nb: ("januar", "februar", "mars", "april", "mai", "juni",
                  "juli", "august", "september", "oktober", "november", "desember"),
    Language.en: ("January", "February", "March", "April", "May", "June",
                  "July", "August", "September", "October", "November", "December"),
}
# fmt: on


def month_year(date: dt.date, language: Language) -> str:
    return f"{MONTHS[Language(language)][date.month - 1]} {date.year}"


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
        raise DialogtuiError(
            f"{meeting_date.isoformat()} is too far in the future for this set, which looks"
            f" {horizon.total_months} months ahead; check the date"
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
