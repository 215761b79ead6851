"""The language dialogtui speaks in: its own words (labels, keys, help, messages), not the
meeting's, which stay in the question set's language.

Chosen as people expect: `--lang` or `DIALOGTUI_LANG` if given, else the language the user
chose and dialogtui remembers (`dialogtui language sv`), else the operating system's, else
English. The words live in gettext catalogues (`locale/<lang>/LC_MESSAGES/dialogtui.po`,
extracted from the source and compiled to `.mo` by `scripts/i18n` with Babel); reading one
is the standard library's `gettext`, so starting the app loads no Babel.

Plain Python: the domain, the store and the export may use it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gettext
import locale
import os
import re
from collections.abc import Callable
from pathlib import Path

LANGUAGES = ("sv", "fi", "da", "nb", "en")
NAMES = {"sv": "svenska", "fi": "suomi", "da": "dansk", "nb": "norsk bokmål", "en": "English"}
DOMAIN = "dialogtui"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# What a locale or a user may call a language, to the five dialogtui speaks.
_ALIASES = {"no": "nb", "nn": "nb", "nb": "nb", "sv": "sv", "fi": "fi", "da": "da", "en": "en"}

_current = "en"
_translations: gettext.NullTranslations = gettext.NullTranslations()


def normalise(name: str | None) -> str | None:
    """ "sv_SE.UTF-8", "sv-FI", "Swedish_Sweden.1252", "nb" → one of LANGUAGES, or None."""
    if not name:
        return None
    code = name.strip().replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    windows = {"swedish": "sv", "finnish": "fi", "danish": "da", "norwegian": "nb"}
    return _ALIASES.get(code) or windows.get(code)


def system_language() -> str | None:
    """The operating system's language, as a user set it (the POSIX variables in their
    order of precedence; on Windows the user's locale)."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        found = normalise(os.environ.get(var))
        if os.environ.get(var):
            return found  # set, to a language dialogtui may not speak: English then
    for name in os.environ.get("LANGUAGE", "").split(":"):
        if found := normalise(name):
            return found
    with contextlib.suppress(ValueError, TypeError):
        return normalise(locale.getlocale()[0])
    return None


def use(language: str) -> None:
    """Speak `language` from now on (its catalogue is read once)."""
    global _current, _translations
    _current = language
    _translations = translations(language)


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """A language's catalogue: the app's, or a document's in another language than it."""
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def current() -> str:
    return _current


def _(message: str) -> str:
    """The app's own words in its language (the message itself where it has no translation:
    English). The empty message is itself: gettext would give the catalogue's header."""
    if isinstance(message, Phrase):
        return message.said()
    return _translations.gettext(message) if message else message


def ngettext(singular: str, plural: str, n: int) -> str:
    """A message with a count, in the form the language gives that count ("1 fil",
    "2 filer"); the count fills {n}."""
    return _translations.ngettext(singular, plural, n).format(n=number_text(n))


def pgettext(context: str, message: str) -> str:
    """A message that means something else elsewhere ("time": a duration, or one time
    through a block), told apart by its context."""
    return _translations.pgettext(context, message)


def NC_(context: str, message: str) -> str:
    """N_ with a context (pgettext's), for a table of words translated where shown."""
    return message


def N_(message: str) -> str:
    """A message marked for the catalogues where it is defined, translated where it is shown
    (a table built at import, before the language is chosen)."""
    return message


class Phrase(str):
    """A message put together from a table where it is shown, as N_'s is translated there:
    made at import, said by `_()` in the language of the moment (a key's tooltip that
    lists the export formats, each in the user's language). As a string it is what it
    said when it was made."""

    said: Callable[[], str]

    def __new__(cls, said: Callable[[], str]) -> Phrase:
        phrase = super().__new__(cls, said())
        phrase.said = said
        return phrase


def date_text(value: dt.date | str, form: str = "medium", language: str | None = None) -> str:
    """A date as the language writes it, from Babel's locale data: "23 nov. 2026",
    "23.11.2026", "23. marts 2027" (long); an ISO text ("2026-11-23", as the store keeps
    dates) is read first. Babel is loaded on the first date shown, not at start."""
    if isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value)
        except ValueError:
            return value  # not a date the store wrote: shown as it is
    else:
        day = value
    return _date_text(day, form, language or _current)


@functools.lru_cache(maxsize=4096)  # a list of meetings formats the same dates on each key
def _date_text(day: dt.date, form: str, language: str) -> str:
    from babel.dates import format_date

    return format_date(day, form, locale=language)


# -- times of day ------------------------------------------------------------------------------

# dialogtui's English is read in Nordic offices: its times are written as English is in Europe
# (CLDR's en_150, "13:28"), not as in the United States ("1:28 PM"), beside colleagues'
# 24-hour times.
_TIME_LOCALES = {"en": "en_150"}


def time_locale(language: str) -> str:
    """The Babel locale whose times a language's text shows."""
    return _TIME_LOCALES.get(language, language)


def time_text(
    value: dt.time | dt.datetime, language: str | None = None, seconds: bool = False
) -> str:
    """A time of day as the language writes it, from Babel's locale data (CLDR's short
    time; with seconds, its medium one): "13:28" (sv, nb, en), "13.28" (fi, da), "9.05"
    (fi). A datetime is shown in this computer's time zone, as the scribe's clock reads.
    Screens give the UI's language (the default), documents the document's."""
    if isinstance(value, dt.datetime):
        value = value.astimezone().time()
    # Only what is shown is kept apart: a list of turns formats the same minutes again.
    shown = value.replace(second=value.second if seconds else 0, microsecond=0, tzinfo=None)
    return _time_text(shown, language or _current, seconds)


@functools.lru_cache(maxsize=4096)
def _time_text(value: dt.time, language: str, seconds: bool) -> str:
    from babel.dates import format_time

    said = format_time(value, "medium" if seconds else "short", locale=time_locale(language))
    # A narrow no-break space ("2:00\u202fPM" in some locales) is lost on the way into some
    # journal systems.
    return said.replace("\u202f", " ")


# -- dates as they are typed ------------------------------------------------------------------

ISO_PATTERN = "y-MM-dd"
# The day an example of a date's form shows: the 15th, so that day and month cannot be taken
# for each other.
EXAMPLE_DAY = dt.date(2027, 1, 15)
_ISO_TYPED = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")
# CLDR's pattern letters a typed date may have: day, month, year (in numbers), and the text
# between them, which may be quoted.
_PATTERN_PART = re.compile(r"d+|M+|y+|'[^']*'|[^A-Za-z']+|[A-Za-z]+")


@functools.cache
def date_patterns(language: str) -> tuple[str, ...]:
    """The forms in numbers in which a language writes a whole date, from CLDR (Babel):
    its short date first, which a date field shows ("d.M.y" fi, "dd.MM.y" da and nb,
    "y-MM-dd" sv), then any other it gives ("d.M.y" besides da's and nb's "dd.MM.y").
    English takes ISO only: its CLDR form is the United States' month first ("1/2/27"),
    which a reader in Europe takes for the 1st of February."""
    if language == "en":
        return (ISO_PATTERN,)
    from babel import Locale

    locale = Locale.parse(language)
    found = [locale.date_formats["short"], locale.datetime_skeletons.get("yMd")]
    patterns: list[str] = []
    for pattern in found:
        text = getattr(pattern, "pattern", pattern)
        if isinstance(text, str) and _numeric(text) and text not in patterns:
            patterns.append(text)
    return tuple(patterns) or (ISO_PATTERN,)


def _numeric(pattern: str) -> bool:
    """A pattern of a day, a month and a year in numbers (the year whole), once each."""
    fields = [p for p in _PATTERN_PART.findall(pattern) if p[0].isalpha()]
    allowed = {"d", "dd", "M", "MM", "y", "yyyy"}
    return sorted(f[0] for f in fields) == ["M", "d", "y"] and set(fields) <= allowed


@functools.cache
def _typed_form(pattern: str) -> re.Pattern[str]:
    """What a person types for a pattern: the day and month with or without a leading nought
    ("15.1.2027", "15.01.2027"), the year whole, a space after a separator or not."""
    parts = []
    for part in _PATTERN_PART.findall(pattern):
        if part[0] in "dMy":
            digits = "4" if part[0] == "y" else "1,2"
            parts.append(f"(?P<{part[0]}>[0-9]{{{digits}}})")
        else:
            between = part.strip("'").strip()
            parts.append(r"\s*" + re.escape(between) + r"\s*" if between else r"\s+")
    return re.compile("".join(parts))


def typed_date(text: str, language: str | None = None) -> dt.date | None:
    """A date typed in a field or on the command line: ISO ("2027-01-15", "2027-1-15") or
    the language's own form ("15.1.2027" fi, "15.01.2027" da and nb); None where nothing is
    written. A ValueError for anything else: a day that does not exist, a two-figure year, a
    form of another language. Babel's parse_date is not used: it takes any three numbers in
    a text and swaps day and month where the month is over 12, where a person is better
    asked again."""
    text = text.strip()
    if not text:
        return None
    day = _read_date(text, language)
    if day.year < 1000:
        # "15.1.0207" is a slip for 2027, not a date anyone meets on; and a year written
        # with fewer than four figures would not read back from the field that shows it.
        raise ValueError(text)
    return day


def _read_date(text: str, language: str | None) -> dt.date:
    with contextlib.suppress(ValueError):
        return dt.date.fromisoformat(text)  # every ISO form, without loading Babel
    if found := _ISO_TYPED.fullmatch(text):
        return dt.date(*map(int, found.groups()))
    for pattern in date_patterns(language or _current):
        if found := _typed_form(pattern).fullmatch(text):
            return dt.date(int(found["y"]), int(found["M"]), int(found["d"]))
    raise ValueError(text)


def date_field_text(day: dt.date, language: str | None = None) -> str:
    """A date as a date field shows it, in the language's short form ("15.1.2027" fi,
    "2027-01-15" sv): what `typed_date` reads back."""
    pattern = date_patterns(language or _current)[0]
    if pattern == ISO_PATTERN:
        return day.isoformat()
    from babel.dates import format_date

    return format_date(day, pattern, locale=language or _current)


def date_hint(language: str | None = None) -> str:
    """What an empty date field shows: the language's form, in the UI's letters for year,
    month and day ("ÅÅÅÅ-MM-DD", "pp.kk.vvvv", "dd.mm.åååå")."""
    letters = pgettext("the letters for year, month and day in a date field", "YMD")
    if len(letters) != 3:
        letters = "YMD"
    widths = {"y": 4, "M": 2, "d": 2}
    out = []
    for part in _PATTERN_PART.findall(date_patterns(language or _current)[0]):
        if part[0] in widths:
            out.append(letters["yMd".index(part[0])] * widths[part[0]])
        else:
            out.append(part.strip("'"))
    return "".join(out)


def date_advice() -> str:
    """How to write a date a field refused, in the UI's language, with its own form of a
    date and ISO: "kirjoita päivämäärä muodossa 15.1.2027 tai 2027-01-15"."""
    example, iso = date_field_text(EXAMPLE_DAY), EXAMPLE_DAY.isoformat()
    if example == iso:
        return _("write the date as {iso}").format(iso=iso)
    return _("write the date as {example} or {iso}").format(example=example, iso=iso)


def list_text(items: list[str], language: str | None = None) -> str:
    """Names or things in a row as the language lists them ("Anna, Eetu ja Sari" fi,
    "Anna, Erik och Sara" sv), from Babel's locale data."""
    if len(items) < 2:
        return "".join(items)
    from babel.lists import format_list

    return format_list(items, locale=language or _current)


def number_text(value: int, language: str | None = None) -> str:
    """A count as the language groups its digits ("12 345" in the Nordic languages,
    "12,345" in English), from Babel's locale data."""
    if abs(value) < 1000:
        return str(value)  # nothing to group: no need to load Babel
    from babel.numbers import format_decimal

    return format_decimal(value, locale=language or _current)


def status_name(value: str) -> str:
    """A meeting's or an action's status, as lists show it."""
    names = {
        "open": _("open"),
        "finished": _("finished"),
        "done": _("done"),
        "continued": _("continued"),
        "dropped": _("dropped"),
    }
    return names.get(value, value)


def note_kind_name(value: str) -> str:
    names = {"decision": _("decision"), "concern": _("concern"), "standpoint": _("standpoint")}
    return names.get(value, value)


# The command line's own headings, which typer asks gettext for: here, so that the
# catalogues have them (scripts/i18n extracts from dialogtui's source only).
THIRD_PARTY = [N_("Options"), N_("Commands"), N_("Arguments"), N_("Usage: ")]
THIRD_PARTY += [N_("Show this message and exit."), N_("No such command {name!r}.")]
THIRD_PARTY += [N_("Missing command."), N_("required"), N_("default: {default}")]
# Textual's command palette: its own commands, as App.get_system_commands writes them.
THIRD_PARTY += [N_("Theme"), N_("Change the current theme"), N_("Quit")]
THIRD_PARTY += [N_("Quit the application as soon as possible"), N_("Keys")]
THIRD_PARTY += [N_("Hide the keys and widget help panel")]
THIRD_PARTY += [N_("Show help for the focused widget and a summary of available keys")]
THIRD_PARTY += [N_("Minimize"), N_("Minimize the widget and restore to normal size")]
# Textual's drop-down (a Select open: Role, Follows up), in the footer while it is open.
THIRD_PARTY += [N_("Dismiss menu")]
THIRD_PARTY += [N_("Maximize"), N_("Maximize the focused widget"), N_("Screenshot")]
THIRD_PARTY += [N_("Save an SVG 'screenshot' of the current screen")]
