"""The app speaks its user's language: the catalogues are complete, the language is chosen as
people expect, and the command line speaks it (issue 14)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from english import CODE, catalogue, english_on, english_words, forms, source_messages

from dialogtui import i18n, language

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = ("sv", "fi", "da", "nb")  # English is the messages themselves


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_of_the_source_is_translated(language):
    messages = source_messages()
    assert len(messages) > 150  # the extraction found the app's words
    cat = catalogue(language)
    found = {(ctx, m): cat.get(m, context=ctx) for ctx, m in messages}
    missing = sorted(m for (_ctx, m), entry in found.items() if entry is None)
    assert not missing, f"not in {language}.po (run scripts/i18n): {missing[:5]}"
    untranslated = sorted(m for (_ctx, m), entry in found.items() if not all(forms(entry)))
    assert not untranslated, f"untranslated in {language}.po: {untranslated[:5]}"
    for (_ctx, message), entry in found.items():  # a lost placeholder is a KeyError later
        for said in forms(entry):  # each of a count's forms ("1 fil", "2 filer")
            assert set(re.findall(r"\{\w+\}", message)) == set(re.findall(r"\{\w+\}", said)), said


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_is_the_po(language):
    # The .mo the app reads says what the .po says (scripts/i18n compiles it).
    import gettext

    mo = gettext.translation(i18n.DOMAIN, i18n.LOCALE_DIR, languages=[language])
    for message in catalogue(language):
        if message.pluralizable:
            singular, plural = message.id
            assert mo.ngettext(singular, plural, 1) == message.string[0], singular
            assert mo.ngettext(singular, plural, 2) == message.string[1], plural
        elif message.id and message.string:
            got = (
                mo.pgettext(message.context, message.id)
                if message.context
                else mo.gettext(message.id)
            )
            assert got == message.string, message.id


def test_the_language_is_chosen_as_people_expect(monkeypatch, private_home):
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", "DIALOGTUI_LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "sv_FI.UTF-8")  # Raseborg: Swedish in Finland
    assert language.choose() == "sv"
    monkeypatch.setenv("LANG", "de_DE.UTF-8")  # none of the five: English
    assert language.choose() == "en"
    monkeypatch.setenv("LC_ALL", "nn_NO.UTF-8")  # Nynorsk readers get bokmål
    assert language.choose() == "nb"
    language.remember("fi", private_home)  # the user's choice wins over the system's
    assert language.choose() == "fi"
    monkeypatch.setenv("DIALOGTUI_LANG", "da")
    assert language.choose() == "da"
    assert language.choose("sv") == "sv"  # --lang wins over all
    with pytest.raises(ValueError):
        language.choose("klingon")
    assert [i18n.normalise(n) for n in ("Finnish_Finland.1252", "nb-NO", "C", "")] == [
        "fi",
        "nb",
        None,
        None,
    ]


def run_dialogtui(*args: str, **env: str) -> subprocess.CompletedProcess:
    """The console script in a fresh interpreter: its help is written in the language it
    starts with."""
    environ = {k: v for k, v in os.environ.items() if k != "DIALOGTUI_LANG"}
    environ.update(env, COLUMNS="80")
    return subprocess.run(
        [sys.executable, "-m", "dialogtui", *args],
        capture_output=True,
        text=True,
        env=environ,
        check=False,
    )


def test_the_command_line_speaks_the_systems_language():
    done = run_dialogtui("--help", LANG="sv_SE.UTF-8", LC_ALL="")
    assert done.returncode == 0, done.stderr
    assert "Användning:" in done.stdout and "Kommandon:" in done.stdout
    assert "Visa detta meddelande och avsluta." in done.stdout
    for english in ("Usage:", "Commands", "Show this message", "Open the app"):
        assert english not in done.stdout
    shown = run_dialogtui("show", "samtidigt-traff-5", "--date", "2026-03-01", LANG="sv_SE.UTF-8")
    assert "Planerat: 180 min" in shown.stdout and "Källa:" in shown.stdout
    assert "(handlingsplan i grupper, 40 min, källans rad 32)" in shown.stdout
    for english in ("Planned", "Source:", "Guidance", "source line", "Work:"):
        assert english not in shown.stdout
    finnish = run_dialogtui("--lang", "fi", "show", "samtidigt-traff-5", LANG="sv_SE.UTF-8")
    assert "Suunniteltu: 180 min" in finnish.stdout and "Lähde:" in finnish.stdout


def test_the_language_chosen_is_remembered(private_home):
    home = {"DIALOGTUI_HOME": str(private_home), "LANG": "sv_SE.UTF-8"}
    chosen = run_dialogtui("language", "nb", **home)
    assert chosen.returncode == 0 and "norsk bokmål" in chosen.stdout
    if os.name != "nt":  # private to the user, as every file of the data folder
        assert (private_home / language.SETTING).stat().st_mode & 0o077 == 0
    said = run_dialogtui("language", **home)
    assert "dialogtui snakker norsk bokmål." in said.stdout
    wrong = run_dialogtui("--lang", "xx", "sets", **home)
    assert wrong.returncode == 2 and "ukjent språk 'xx'" in wrong.stderr  # as it can


@pytest.mark.parametrize(
    ("keys", "shows"),
    [
        ((), "Talar: Anna"),
        (("f1",), "Hjälp"),
        (("ctrl+o",), "Tid per steg"),
        (("ctrl+p",), "Sök kommandon"),
        (("f10",), "Inget skrevs i det här steget."),
        (("f4",), "Anteckna ett beslut"),
        (("f5",), "Anteckna en oro"),
        (("ctrl+f",), "Anteckna det gruppen är överens om"),
    ],
    ids=["capture", "help", "end", "palette", "read-back", "decision", "concern", "standpoint"],
)
def test_the_scribes_screen_in_a_swedish_run_shows_no_english_word(tmp_path, keys, shows):
    from meeting_helpers import new_meeting
    from tui_helpers import run, screen_text, seeded_meeting, until

    db = tmp_path / "db"
    people = [("Anna", "skola"), ("Cia", "socialtjanst")]
    mid = seeded_meeting(db, "samtidigt-traff-2", people)
    i18n.use("sv")
    shown: list[str] = []

    async def scenario(app, pilot):
        await until(pilot, lambda: "Talar: Anna" in screen_text(app))
        for key in keys:
            await pilot.press(key)
        await until(pilot, lambda: shows in screen_text(app))
        shown.append(screen_text(app))

    run(scenario, db=db, meeting_id=mid, size=(80, 24))
    i18n.use("en")
    # The set's own words and the names are the meeting's, not the app's.
    from dialogtui.questionset.library import find

    qs = find("samtidigt-traff-2")
    offenders = english_on(shown[0], [*_set_words(qs), "Anna", "Cia"])
    assert not offenders, f"English on a Swedish screen: {offenders}\n{shown[0]}"
    assert new_meeting  # the helpers are the tests' own


def _a_step_of_each_kind() -> list[tuple[str, str, str | None]]:
    """(set, step id, a role) of the first step of each kind among the built-in sets."""
    from dialogtui.questionset.library import scan

    found: dict[str, tuple[str, str, str | None]] = {}
    for entry in scan():
        if (qs := entry.question_set) is None:
            continue
        for step_id, step in zip(qs.step_ids, qs.steps, strict=True):
            role = qs.roles[0].id if qs.roles else None
            found.setdefault(step.kind.value, (qs.id, step_id, role))
    return [found[kind] for kind in sorted(found)]


@pytest.mark.parametrize(("set_id", "step", "role"), _a_step_of_each_kind())
def test_every_kind_of_step_in_a_swedish_run_shows_no_english_word(tmp_path, set_id, step, role):
    # Each kind has its own panel (cards, needs, sheets, a scale, a choice): none of their
    # hints and headings may be left in English.
    from tui_helpers import run, screen_text, seeded_meeting, until

    from dialogtui.questionset.library import find

    db = tmp_path / "db"
    mid = seeded_meeting(db, set_id, [("Anna", role), ("Cia", role)], step=step)
    i18n.use("sv")
    shown: list[str] = []

    async def scenario(app, pilot):
        await until(pilot, lambda: "Steg " in screen_text(app) and "f1 Hjälp" in screen_text(app))
        await pilot.pause()
        shown.append(screen_text(app))

    run(scenario, db=db, meeting_id=mid, size=(80, 24))
    i18n.use("en")
    qs = find(set_id)
    offenders = english_on(shown[0], [*_set_words(qs), "Anna", "Cia", qs.method])
    assert not offenders, f"English on a Swedish screen: {offenders}\n{shown[0]}"


def _set_words(qs) -> list[str]:
    from dialogtui.questionset.provenance import set_texts

    return [*set_texts(qs), *(s.title for s in qs.steps), *(r.name for r in qs.roles)]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_footers_keys_fit_80_columns_in_every_language(tmp_path, language):
    # Finnish and Danish words are long: the live loop's keys still reach f1 at 80 columns.
    from tui_helpers import run, screen_text, seeded_meeting, until

    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", [("Anna", "skola"), ("Cia", "socialtjanst")])
    i18n.use(language)
    help_word, end_word = i18n._("Help"), i18n._("End")
    last: list[str] = []

    async def scenario(app, pilot):
        await until(pilot, lambda: f"f1 {help_word}" in screen_text(app))
        last.append(screen_text(app).splitlines()[-1])

    run(scenario, db=db, meeting_id=mid, size=(80, 24))
    i18n.use("en")
    assert last[0].rstrip().endswith(f"f1 {help_word}"), last[0]
    assert f"^o {end_word}" in last[0]


@pytest.mark.parametrize("language", ["fi", "da", "nb"])
def test_the_scribes_screen_in_finnish_danish_and_norwegian_shows_no_english_word(
    tmp_path, language
):
    # One screen each: the live loop, its footer and its header in the user's language.
    from tui_helpers import run, screen_text, seeded_meeting, until

    from dialogtui.questionset.library import find

    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", [("Anna", "skola"), ("Cia", "socialtjanst")])
    i18n.use(language)
    help_word = i18n._("Help")
    shown: list[str] = []

    async def scenario(app, pilot):
        await until(pilot, lambda: f"f1 {help_word}" in screen_text(app))
        shown.append(screen_text(app))

    run(scenario, db=db, meeting_id=mid, size=(80, 24))
    i18n.use("en")
    qs = find("samtidigt-traff-2")
    offenders = english_on(shown[0], [*_set_words(qs), "Anna", "Cia"], language)
    assert not offenders, f"English on a {language} screen: {offenders}\n{shown[0]}"


def test_the_set_up_in_a_swedish_run_shows_no_english_word(tmp_path):
    from tui_helpers import run, screen_text, until

    from dialogtui.questionset.library import find

    i18n.use("sv")
    shown: list[str] = []

    async def scenario(app, pilot):
        await until(pilot, lambda: "Nytt möte:" in screen_text(app))
        shown.append(screen_text(app))

    run(scenario, db=tmp_path / "db", set_ref="samtidigt-traff-4", size=(80, 24))
    i18n.use("en")
    offenders = english_on(shown[0], _set_words(find("samtidigt-traff-4")))
    assert not offenders, f"English on a Swedish screen: {offenders}\n{shown[0]}"


def test_the_start_screen_in_a_swedish_run_shows_no_english_word(tmp_path):
    from tui_helpers import run, screen_text, until

    i18n.use("sv")
    shown: list[str] = []

    async def scenario(app, pilot):
        await until(pilot, lambda: "Nytt möte från ett frågeunderlag" in screen_text(app))
        # The preview's first line (at 80 columns it wraps after "förbered").
        await until(pilot, lambda: "enter: förbered" in screen_text(app))
        shown.append(screen_text(app))

    run(scenario, db=tmp_path / "db", size=(80, 24))
    i18n.use("en")
    # The sets' own titles, methods and texts are theirs: the preview shows one of them.
    from dialogtui.questionset.library import scan

    own: list[str] = []
    for entry in scan():
        if (qs := entry.question_set) is not None:
            own += [*_set_words(qs), qs.title, qs.method, qs.id, qs.source.document]
    offenders = english_on(shown[0], own)
    assert not offenders, f"English on a Swedish screen: {offenders}\n{shown[0]}"


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_end_screens_keys_fit_80_columns_in_every_language(tmp_path, language):
    from tui_helpers import run, screen_text, seeded_meeting, until

    db = tmp_path / "db"
    mid = seeded_meeting(db, "samtidigt-traff-2", [("Anna", "skola")])
    i18n.use(language)
    help_word, times = i18n._("Help"), i18n._("Time per step")
    last: list[str] = []

    async def scenario(app, pilot):
        await pilot.press("ctrl+o")
        await until(pilot, lambda: times in screen_text(app))
        last.append(screen_text(app).splitlines()[-1])

    run(scenario, db=db, meeting_id=mid, size=(80, 24))
    i18n.use("en")
    assert last[0].rstrip().endswith(f"f1 {help_word}"), last[0]


def test_the_english_word_check_catches_english():
    # The screens' tests above would pass on an empty check: this one shows they cannot.
    assert english_on("tab Who ^n Next step f4 Decision", []) == ["decision", "next", "step", "who"]
    assert english_on("tab Vem ^n Nästa steg f4 Beslut", []) == []
    assert english_on("Round", ["round"]) == []  # the set's own words are its own


def test_what_the_meeting_refuses_is_said_in_the_users_language(tmp_path):
    # A scribe's slip gets its notice in the app's language (the engine's messages).
    from meeting_helpers import new_meeting

    from dialogtui.errors import MeetingError
    from dialogtui.store import Store

    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "samtidigt-traff-4", [("Ada", "skola"), ("Per", "socialtjanst")])
    m.start()
    m.goto_step(m.qs.index_of("urval"))
    i18n.use("sv")
    try:
        with pytest.raises(MeetingError, match="ett kort behöver en text"):
            m.cards.add(" ")
        with pytest.raises(MeetingError, match="bara ett valfritt steg kan hoppas över"):
            m.goto_step(0)
            m.skip_step()
    finally:
        i18n.use("en")
        m.close()
        store.close()


def test_a_full_disk_is_said_in_the_users_language(monkeypatch, tmp_path):
    # The store's failures reach the scribe's screen ("Not saved: …") in the app's language.
    import errno as errnos

    from dialogtui.errors import StoreError
    from dialogtui.store import Store

    store = Store.open(tmp_path / "db")
    i18n.use("da")
    try:
        with pytest.raises(StoreError, match="disken er fuld; intet nyt blev gemt"), store.tx():
            raise OSError(errnos.ENOSPC, "No space left on device")
    finally:
        i18n.use("en")
        store.close()


def test_a_bad_question_set_is_explained_in_the_users_language(cli, tmp_path, monkeypatch):
    # A facilitator's mistakes, at their file:line:col, in the app's language: pydantic's
    # own checks, dialogtui's, tomllib's syntax errors and the file's reading.
    bad = tmp_path / "bad.toml"
    good = (ROOT / "question_sets" / "samtidigt-traff-4.toml").read_text("utf-8")
    text = good.replace("\nminutes = ", "\nminuts = ", 1)  # a typo of a key
    text = text.replace('consent = "recommended"', 'consent = "maybe"', 1)
    bad.write_text(text, "utf-8")
    broken = tmp_path / "broken.toml"
    broken.write_text('id = "x"\ntitle = Familjemöte\n', "utf-8")
    monkeypatch.setenv("DIALOGTUI_LANG", "sv")
    try:
        said = cli("validate", bad).err + cli("validate", broken).err
        said += cli("validate", tmp_path / "saknas.toml").err + cli("show", "raseborg-klient").err
    finally:
        i18n.use("en")
    assert re.search(r"bad\.toml:\d+:\d+: okänd nyckel `minuts` \(menade du `minutes`\?\)", said)
    assert "'maybe' är inte tillåtet; välj ett av 'required', 'recommended'" in said
    assert "broken.toml:2:9: TOML-syntaxfel: ogiltigt värde (saknar en text sina" in said
    assert "saknas.toml:1:1: filen finns inte" in said
    assert "inget frågeunderlag med id 'raseborg-klient'; menade du 'raseborg-klientmote'?" in said
    keys = ["toml", "minuts", "minutes", "consent", "required", "recommended", "not_asked"]
    keys.append("maybe")  # the value as the facilitator wrote it
    assert not english_on(said.replace(str(tmp_path), "").replace("raseborg-klient", ""), keys)


# What a user reads comes through these: an error raised for them, a notice, a label, a
# key's description, a line of the command line. Their text must be a marked message.
SHOWN_BY = {"notify", "say", "Label", "Static", "add_column", "Binding", "Problem", "fail"}
SHOWN_AS = {"placeholder", "tooltip", "title", "label", "message", "help", "short_help"}
NOT_FOR_USERS = {"TypeError", "AssertionError", "RuntimeError", "NotImplementedError"}
INTERNAL = {"questionset/positions.py", "records.py"}  # caught, or a programming error


SHOWN_ON = {"border_title", "border_subtitle", "sub_title"}


def _parts(node) -> list:
    """The texts an expression may show: both sides of `a if c else b` and of `a + b`."""
    import ast

    if isinstance(node, ast.IfExp):
        return [*_parts(node.body), *_parts(node.orelse)]
    if isinstance(node, ast.BinOp):
        return [*_parts(node.left), *_parts(node.right)]
    return [node]


def _words_in(node) -> list[str]:
    """The words a literal or an f-string's fixed parts would show."""
    import ast

    parts = node.values if isinstance(node, ast.JoinedStr) else [node]
    texts = [p.value for p in parts if isinstance(p, ast.Constant) and isinstance(p.value, str)]
    return [w for t in texts for w in re.findall(r"[A-Za-z]{3,}", CODE.sub(" ", t))]


def test_no_text_reaches_the_user_unmarked():
    # A message written without _() is English on every screen: the catalogues' tests
    # cannot see it, this one does.
    import ast

    english = english_words() | {"the", "and", "already", "edited", "characters"}
    found = []
    for path in sorted((ROOT / "src" / "dialogtui").rglob("*.py")):
        where = path.relative_to(ROOT / "src" / "dialogtui").as_posix()
        if where in INTERNAL:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            args: list = []
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                name = getattr(node.exc.func, "id", getattr(node.exc.func, "attr", ""))
                args = node.exc.args[:1] if name not in NOT_FOR_USERS else []
            elif isinstance(node, ast.Call):
                name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                if name == "Binding":
                    args = node.args[2:3] + [
                        k.value for k in node.keywords if k.arg == "description"
                    ]
                elif name in SHOWN_BY:
                    args = list(node.args)
                # Wherever they are given: a field's hint, a key's tooltip, a dialog's title.
                args += [k.value for k in node.keywords if k.arg in SHOWN_AS]
            elif isinstance(node, ast.Assign | ast.AugAssign):  # self.border_title = "…"
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                if any(getattr(t, "attr", None) in SHOWN_AS | SHOWN_ON for t in targets):
                    args = [node.value]
            for arg in (part for a in args for part in _parts(a)):
                literal = isinstance(arg, ast.Constant | ast.JoinedStr)
                if literal and {w.lower() for w in _words_in(arg)} & english:
                    found.append(f"{where}:{arg.lineno}: {ast.unparse(arg)[:60]}")
    assert not found, "\n".join(found)


def _cut_on(screen) -> list[str]:
    """The placeholders and one-line labels a screen shows cut off (or, for a field's
    label, running into its field)."""
    from rich.cells import cell_len
    from textual.widgets import Input, Label

    cut = []
    for field in screen.query(Input):
        room = field.content_region.width
        shown = field.display and field.placeholder and not field.value
        if shown and cell_len(field.placeholder) > room:
            cut.append(f"placeholder {field.placeholder!r} in {room}")
    for label in screen.query(Label):
        said = str(label.render())
        room = label.content_region.width - ("field-label" in label.classes)  # a gap
        one_line = label.content_region.height == 1  # a text that wraps has its room
        if label.display and one_line and cell_len(said) > room:
            cut.append(f"label {said!r} in {room}")
    return cut


@pytest.mark.parametrize("language", i18n.LANGUAGES)
@pytest.mark.parametrize("where", ["start", "set-up"])
def test_labels_and_hints_fit_their_places_in_every_language(tmp_path, language, where):
    # A field's label runs into its field, a hint is cut off, when a translation is longer
    # than the place the screen has for it (a Finnish label of 14 letters did; the start
    # screen's search hint was cut in every language, English too).
    from tui_helpers import run, until

    from dialogtui.tui.screens.setup import SetupScreen
    from dialogtui.tui.screens.start import StartScreen

    i18n.use(language)
    cut: list[str] = []
    wanted = StartScreen if where == "start" else SetupScreen

    async def scenario(app, pilot):
        await until(pilot, lambda: isinstance(app.screen, wanted))
        await pilot.pause()
        cut.extend(_cut_on(app.screen))

    ref = {} if where == "start" else {"set_ref": "samtidigt-traff-4"}
    run(scenario, db=tmp_path / "db", size=(80, 24), **ref)
    i18n.use("en")
    assert not cut, cut


def test_a_mistake_on_the_command_line_is_said_in_the_users_language():
    # click writes its usage errors in English: dialogtui says them again, exit code kept.
    sv = {"DIALOGTUI_LANG": "sv"}
    missing = run_dialogtui("export", **sv)
    typo = run_dialogtui("export", "1", "--lab", "da", **sv)
    number = run_dialogtui("notes", "1", "--edit", "x", **sv)
    helped = run_dialogtui("export", "--help", **sv)
    assert missing.returncode == typo.returncode == number.returncode == 2
    assert (
        "Användning: " in missing.stderr and "dialogtui export [FLAGGOR] {MÖTE}" in missing.stderr
    )
    assert "dialogtui export --help' för hjälp." in missing.stderr
    assert "Fel: Argumentet 'MÖTE' saknas." in missing.stderr
    assert "Fel: Det finns ingen flagga --lab (menade du --labels?)" in typo.stderr
    assert "Fel: '--edit' ska vara ett tal." in number.stderr
    assert "[obligatoriskt]" in helped.stdout and "--labels SPRÅK" in helped.stdout
    said = missing.stderr + typo.stderr + number.stderr + helped.stdout
    # The options' own names (--with-history) are the command's, and typer's type names
    # (<str>, <path>) are not translatable: named in the closing note.
    names = ["dialogtui", "export", "notes", "edit", "labels", "lab", "with", "history", "help"]
    names += ["out", "for", "format", "python"]  # python: the program, as `-m` runs it
    assert not english_on(said, [*names, "str", "path"])


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_the_command_lines_help_lists_every_command_whole_in_every_language(language):
    # A translated description longer than the line is cut with "..." (Swedish did).
    done = run_dialogtui("--help", DIALOGTUI_LANG=language)
    commands = done.stdout.split("\n\n")[-1]
    assert "..." not in commands.replace("[ARGUMENT]...", ""), commands
    assert max(len(line) for line in done.stdout.splitlines()) <= 80


def test_dates_and_counts_are_written_as_each_language_writes_them():
    import datetime as dt

    day = dt.date(2027, 3, 23)
    said = {lang: i18n.date_text(day, "long", lang) for lang in i18n.LANGUAGES}
    assert said == {
        "sv": "23 mars 2027",
        "fi": "23. maaliskuuta 2027",
        "da": "23. marts 2027",
        "nb": "23. mars 2027",
        "en": "March 23, 2027",
    }
    assert i18n.date_text("2026-11-23", "medium", "sv") == "23 nov. 2026"
    assert i18n.date_text("not a date", "medium", "sv") == "not a date"  # shown as it is
    assert i18n.number_text(12345, "sv") == "12\xa0345" and i18n.number_text(999, "en") == "999"
    assert i18n.number_text(12345, "en") == "12,345"


@pytest.mark.parametrize("language", ["sv", "fi", "da", "nb"])
def test_the_go_to_list_of_a_late_meeting_shows_no_english_word(tmp_path, language):
    # ctrl+g: each step's planned and spent minutes, and what a later step would shrink to
    # for the meeting to end on time; these lines were written in English.
    from meeting_helpers import new_meeting

    from dialogtui.meeting.clock import FakeClock
    from dialogtui.meeting.timers import agenda_lines
    from dialogtui.questionset.library import find
    from dialogtui.store import Store

    store = Store.open(tmp_path / "db")
    clock = FakeClock()
    meeting = new_meeting(store, "samtidigt-traff-2", [("Ada", "skola")], clock=clock)
    meeting.start()
    clock.advance(minutes=90)  # far over the first step's time: the later ones shrink
    i18n.use(language)
    try:
        lines = agenda_lines(meeting.qs, meeting.timing.projection(), meeting.timing.elapsed)
    finally:
        i18n.use("en")
    meeting.close()
    store.close()
    shown = "\n".join(lines)
    assert "→" in shown and "min" in shown, shown  # it shrinks steps and says time spent
    offenders = english_on(shown, _set_words(find("samtidigt-traff-2")), language)
    assert not offenders, f"English in the go-to list: {offenders}\n{shown}"
