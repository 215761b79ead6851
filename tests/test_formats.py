"""Schema, generated docs, the `new` scaffold, `show`, and time placeholders."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from conftest import ROOT, SETS

from dialogtui.questionset.library import find
from dialogtui.questionset.loader import load_question_set
from dialogtui.questionset.model import Horizon, Language
from dialogtui.questionset.placeholders import resolve
from dialogtui.questionset.reference import json_schema_text, markdown_reference


def test_committed_docs_are_generated_from_the_models():
    # If this fails, run scripts/gen-docs and commit the result.
    assert (ROOT / "docs/question-set.schema.json").read_text() == json_schema_text()
    assert (ROOT / "docs/question-set-format.md").read_text() == markdown_reference()


def test_schema_command_prints_the_schema(cli):
    result = cli("schema")
    schema = json.loads(result.out)
    assert result.code == 0
    assert schema["additionalProperties"] is False
    assert "steps" in schema["required"]
    assert "minutes" in schema["$defs"]["Step"]["properties"]


def test_reference_documents_every_step_field():
    from dialogtui.questionset.model import Step

    text = markdown_reference()
    for field in Step.model_fields:
        assert f"| `{field}` |" in text


def test_new_writes_a_valid_set_in_the_users_folder(cli, private_home):
    result = cli("new", "my-dialogue")
    path = private_home / "question_sets" / "my-dialogue.toml"
    assert result.code == 0, result.err
    assert str(path) in result.out
    qs = load_question_set(path)
    assert qs.id == "my-dialogue"
    assert (path.stat().st_mode & 0o777) == 0o600
    assert (path.parent.stat().st_mode & 0o777) == 0o700
    listed = cli("sets")
    assert "my-dialogue" in listed.out and "user" in listed.out
    assert cli("validate", path).code == 0


def test_new_refuses_to_overwrite_and_bad_ids(cli):
    assert cli("new", "x1").code == 0
    again = cli("new", "x1")
    assert again.code == 1 and "already exists" in again.err
    bad = cli("new", "Bad Id")
    assert bad.code == 1 and "not a valid id" in bad.err


@pytest.mark.parametrize("set_id", sorted(p.stem for p in SETS.glob("*.toml")))
def test_show_fits_80_columns(cli, set_id):
    result = cli("show", set_id, "--date", "2026-01-15")
    assert result.code == 0, result.err
    assert max(len(line.rstrip()) for line in result.out.splitlines()) <= 80


def test_show_resolves_time_placeholders_and_cumulative_clock(cli):
    out = cli("show", "raseborg-klientmote", "--date", "2026-01-15").out
    assert "nu i januari 2027 då du känner" in out
    assert "då i januari 2026?" in out
    out = cli("show", "samtidigt-traff-1").out
    assert "3:10–3:40 Avslutande runda" in out


def test_show_unknown_set_suggests(cli):
    result = cli("show", "samtidigt-traff-7")
    assert result.code == 1
    assert "did you mean 'samtidigt-traff-" in result.err
    assert "Traceback" not in result.err


def test_show_bad_date(cli):
    result = cli("show", "raseborg-klientmote", "--date", "15/1/2026")
    said = "--date: not a date: '15/1/2026' (write the date as 2027-01-15)"
    assert result.code == 1 and said in result.err


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("sv", "januari 2027 / december 2025"),
        ("fi", "tammikuu 2027 / joulukuu 2025"),
        ("da", "januar 2027 / december 2025"),
        ("nb", "januar 2027 / desember 2025"),
        ("en", "January 2027 / December 2025"),
    ],
)
def test_placeholders_are_localised(lang, expected):
    text = resolve(
        "{future} / {past}", dt.date(2025, 12, 31), Horizon(years=1, months=1), Language(lang)
    )
    assert text == expected


def test_ten_year_horizon_years():
    text = resolve(
        "i {past_year}, nå {future_year}", dt.date(2026, 3, 1), Horizon(years=10), Language.nb
    )
    assert text == "i 2026, nå 2036"


def test_version(cli):
    result = cli("--version")
    assert result.code == 0 and result.out.startswith("dialogtui ")


def test_show_says_what_the_screen_folds_away(cli):
    """The method-structure review (§3.4): `show` hid the answering order, the notes, the
    scale's needs, the options' descriptions, the consent text and the source."""
    klient = cli("show", "raseborg-klientmote", "--date", "2026-01-15").out
    assert "Order: each person answers all the questions before the next person." in klient
    assert "Source: raseborg-samarbetsmodeller.sv.txt" in klient
    traff2 = " ".join(cli("show", "samtidigt-traff-2").out.split())
    # The pass rule is the set's guidance for every round (review X1, F10).
    assert "• I alla rundor är det helt ok att passa" in traff2
    assert "bidrar till arbetet. (s. 10, in every round)" in traff2
    assert "• När pilotverkstaden träffas bör man sitta i hästsko eller ring" in traff2
    assert "Note: Deltagarna skriver aktörerna på var sitt A4 papper" in traff2
    zones = " ".join(cli("show", "raseborg-orons-zoner").out.split())
    assert "⇒ Extra resurser måste till omgående" in zones
    rammer = " ".join(cli("show", "dialogredskab-1-rammer").out.split())
    assert "I en offentlig tilgang, understøtter det boligsociale arbejde" in rammer
    traff4 = " ".join(cli("show", "samtidigt-traff-4").out.split())
    assert "Consent: Det bästa är om man får ett samtycke av vårdnadshavarna" in traff4


def test_show_marks_an_optional_step_and_the_time_without_it(cli):
    out = " ".join(cli("show", "samtidigt-traff-4").out.split())
    assert "Planned: 180 min, 120 min without the optional steps" in out
    assert "Optional: Om ni valt gamla case med en historia av frustration" in out


def test_show_marks_what_a_set_adds_to_its_source(cli):
    # Goda samtal's agenda is ours: the invitation gives only "Kl. 15.00 - 17.00" (review G1).
    out = " ".join(cli("show", "goda-samtal-medborgarmote").out.split())
    assert "Not in the source: Minuterna: inbjudan anger bara tiden kl. 15.00–17.00." in out
    assert out.count("Not in the source:") == 4
    assert "Planned: 130–160 min" in " ".join(cli("show", "samtidigt-traff-6").out.split())


def test_show_has_no_trailing_blanks(cli):
    out = cli("show", "samtidigt-traff-4").out
    assert out.strip() and not [line for line in out.splitlines() if line != line.rstrip()]


def test_show_points_a_step_to_the_set_of_its_method(cli):
    out = " ".join(cli("show", "samtidigt-traff-1").out.split())
    assert "Method: the set opera (dialogtui show opera)" in out
    opera = " ".join(cli("show", "opera").out.split())
    assert "Not in the source: Hela setet: SamTidigt hänvisar till kap. 14 för OPERA" in opera


def test_a_long_step_title_wraps_under_itself_in_show(cli):
    lines = cli("show", "hva-planlegging").out.splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith(" 2. Hva planlegging"))
    assert lines[at + 1].startswith("    ruspolitiske planen")  # under the title, not the number


def test_new_from_a_set_copies_it_under_its_own_id(cli, private_home):
    # A temamöte on the meeting's own theme: a copy of the built-in set to write it into
    # (method-structure review T3, F9).
    result = cli("new", "vart-tema", "--from", "raseborg-temamote")
    assert result.code == 0, result.err
    path = private_home / "question_sets" / "vart-tema.toml"
    text = path.read_text("utf-8")
    assert text.startswith("# A copy of the set raseborg-temamote")
    qs = load_question_set(path)
    assert (qs.id, qs.steps[0].id) == ("vart-tema", "tema")  # a step's own id is left alone
    assert qs.steps[0].questions == find("raseborg-temamote").steps[0].questions
    assert (path.stat().st_mode & 0o777) == 0o600
    assert "vart-tema" in cli("sets").out
    unknown = cli("new", "x2", "--from", "raseborg-temamöte")
    assert unknown.code == 1 and "did you mean 'raseborg-temamote'" in unknown.err
    assert not (private_home / "question_sets" / "x2.toml").exists()


def test_a_copy_of_a_translation_is_a_set_of_its_own(cli, private_home):
    # A copy is made to be changed: listed as the original's translation, it would stand
    # under a set it no longer follows.
    result = cli("new", "oma-teema", "--from", "raseborg-temamote-fi")
    assert result.code == 0, result.err
    qs = load_question_set(private_home / "question_sets" / "oma-teema.toml")
    assert find("raseborg-temamote-fi").translation_of == "raseborg-temamote"
    assert qs.translation_of is None
    assert qs.steps == find("raseborg-temamote-fi").steps


@pytest.mark.parametrize("language", ["sv", "fi", "da", "nb", "en"])
def test_a_new_sets_roles_each_say_what_one_person_is_called(cli, private_home, language):
    # Documents print a person's role after their name: "Anna (family member)", not the
    # group's heading "Anna (Family and network)".
    assert cli("new", f"uusi-{language}", "--language", language).code == 0
    path = private_home / "question_sets" / f"uusi-{language}.toml"
    qs = load_question_set(path)
    assert qs.roles
    for role in qs.roles:
        assert role.stand_in, role.id
        assert role.person == role.stand_in != role.name
        assert role.stand_in[0].islower(), role.stand_in  # as in the middle of a sentence
    text = path.read_text(encoding="utf-8")
    (line,) = [line for line in text.splitlines() if line.startswith("stand_in") and "#" in line]
    assert line.split("#", 1)[1].strip()  # a comment saying what it is for


def test_a_copy_of_a_translation_drops_the_translators_note(cli, private_home):
    translation = find("raseborg-klientmote-fi")
    assert translation.ours and "ovat samat" in translation.ours
    assert cli("new", "oma-kokous", "--from", "raseborg-klientmote-fi").code == 0
    path = private_home / "question_sets" / "oma-kokous.toml"
    qs = load_question_set(path)
    assert qs.ours is None and qs.translation_of is None
    text = path.read_text(encoding="utf-8")
    assert "ovat samat" not in text
    head = [line for line in text.splitlines() if line.startswith("# ")][:3]
    assert "raseborg-klientmote-fi translates raseborg-klientmote" in head[2]
    # A copy of a set that translates nothing keeps its own note: it still says what the
    # set adds to its source.
    assert cli("new", "oma-mote", "--from", "raseborg-klientmote").code == 0
    copied = load_question_set(private_home / "question_sets" / "oma-mote.toml")
    assert copied.ours == find("raseborg-klientmote").ours


@pytest.mark.parametrize("set_id", sorted(p.stem for p in SETS.glob("*.toml")))
def test_show_resolves_every_time_placeholder_of_a_set_as_the_meeting_does(cli, set_id):
    # A note, a guidance or a set's own remark says "Det er nå {future_year}" as a question
    # does: `show` prints what the meeting will show, never the placeholder.
    out = cli("show", set_id, "--date", "2027-01-15").out
    assert not re.findall(r"\{(?:future|past)\w*\}", out), out


def test_show_gives_the_optional_steps_range_as_the_whole_sets():
    # Träff 6's block runs 3–4 times: without its untimed optional step the meeting is still
    # 130–160 min, not "160 min".
    from rich.console import Console

    from dialogtui.agenda import render_agenda

    console = Console(width=200, record=True)
    console.print(render_agenda(find("samtidigt-traff-6"), dt.date(2027, 1, 15)))
    assert "130–160 min, 130–160 min without the optional steps" in console.export_text()
