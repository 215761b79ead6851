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
    return _translations.ngettext(singular, plural, n).format(n=n)


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
