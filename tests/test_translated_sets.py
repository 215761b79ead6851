"""A set that says it is the translation of another (`translation_of`) is that set in other
words: the same steps, questions in the same order, roles, times, kinds and shapes, and
every text translated. Checked for every such set of the library, whatever it translates,
so that a future translation is held to it too; the Raseborg sets ship in Finnish.

The start screen and `dialogtui sets` list a translation right under its original, and a
Finnish klientmöte run in the app ends in Finnish minutes.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import SETS
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError
from tui_helpers import run, screen_text, text_of, type_text, until

from dialogtui import i18n
from dialogtui.questionset.library import grouped, listings
from dialogtui.questionset.loader import load_question_set
from dialogtui.questionset.model import QuestionSet
from dialogtui.questionset.reference import _models
from dialogtui.questionset.translation import OWN, STRUCTURE, WORDS
from dialogtui.questionset.translation import differences as package_differences


def differences(original: QuestionSet, translation: QuestionSet) -> list[str]:
    """The package's check, held strictly for the shipped sets: words as well as structure."""
    return [str(d) for d in package_differences(original, translation)]


def translations() -> list[tuple[QuestionSet, QuestionSet]]:
    shipped = {p.stem: load_question_set(p) for p in sorted(SETS.glob("*.toml"))}
    return [
        (shipped[qs.translation_of], qs) for qs in shipped.values() if qs.translation_of is not None
    ]


TRANSLATIONS = translations()
RASEBORG = ["klientmote", "myndighetsmote", "planeringsdialog", "temamote", "orons-zoner"]


def test_the_raseborg_sets_ship_in_finnish():
    found = {t.id: (t.language.value, o.id) for o, t in TRANSLATIONS}
    for name in RASEBORG:
        assert found.get(f"raseborg-{name}-fi") == ("fi", f"raseborg-{name}")


@pytest.mark.parametrize(("original", "translation"), TRANSLATIONS, ids=lambda qs: qs.id)
def test_a_translation_is_its_original_in_other_words(original, translation):
    assert differences(original, translation) == []


def test_every_field_of_the_format_is_words_or_structure():
    for model in _models(QuestionSet):
        known = WORDS.get(model, set()) | STRUCTURE.get(model, set())
        known |= OWN if model is QuestionSet else set()
        assert set(model.model_fields) == known, model.__name__
        assert not WORDS.get(model, set()) & STRUCTURE.get(model, set()), model.__name__


# Broken copies: a translation changed in one thing that makes it another set, or leaves a
# text untranslated, is caught. Generated over every translation, every place in it.


def _paths(value: Any, where: tuple = ()) -> list[tuple]:
    """Every place in a set's data (its TOML as read) that holds a value or a list."""
    out = [where] if where else []
    if isinstance(value, dict):
        for key, inner in value.items():
            out += _paths(inner, (*where, key))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            out += _paths(inner, (*where, n))
    return out


def _at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _is_words(original: QuestionSet, path: tuple) -> bool:
    """The place holds words (or a list of them), by the model that holds it."""
    node: Any = original
    for part in path[:-1]:
        node = node[part] if isinstance(part, int) else getattr(node, part)
    last = path[-1]
    if isinstance(last, int):  # an item of a list: words if the list is
        return _is_words(original, path[:-1])
    if isinstance(node, QuestionSet) and last in OWN:
        return True  # the set's own; not changed below
    return last in WORDS.get(type(node), set())


def _data(qs: QuestionSet) -> dict:
    return qs.model_dump(mode="json", exclude_defaults=True)


@st.composite
def broken_copies(draw) -> tuple[QuestionSet, dict, str]:
    """A translation's data broken in one way, at one place fit for it."""
    original, translation = draw(st.sampled_from(TRANSLATIONS))
    data = _data(translation)
    places = [p for p in _paths(data) if not (len(p) == 1 and p[0] in OWN)]

    def value(place: tuple) -> Any:
        return _at(data, place)

    words = [p for p in places if _is_words(translation, p) and isinstance(value(p), str)]
    items = [p for p in places if isinstance(p[-1], int)]
    optional = [p for p in places if isinstance(p[-1], str) and _is_words(translation, p)]
    scalars = [
        p
        for p in places
        if not _is_words(translation, p) and isinstance(value(p), bool | int | str)
    ]
    # Two items that differ in more than their words trade places (two questions alike but
    # for their words cannot be told apart without reading them).
    swaps = [
        p
        for p in items
        if p[-1] + 1 < len(value(p[:-1]))
        and _shape(value(p)) != _shape(value((*p[:-1], p[-1] + 1)))
    ]
    how = draw(st.sampled_from(["change", "drop", "swap", "untranslated"]))
    choices = {"change": scalars, "drop": items + optional, "swap": swaps, "untranslated": words}
    place = draw(st.sampled_from(choices[how]))
    parent, last = _at(data, place[:-1]), place[-1]
    if how == "untranslated":
        parent[last] = _at(_data(original), place)  # the original's words left as they were
    elif how == "drop":
        del parent[last]  # an item, or a text the original has, left out
    elif how == "swap":
        parent[last], parent[last + 1] = parent[last + 1], parent[last]
    elif isinstance(parent[last], bool):
        parent[last] = not parent[last]
    elif isinstance(parent[last], int):
        parent[last] += draw(st.sampled_from([-1, 1, 5]))
    else:
        parent[last] += draw(st.sampled_from(["x", "-2", " 2"]))
    return original, data, f"{how} {place}"


def _shape(value: Any) -> Any:
    """An item's data without its words: what a swap must change to be seen."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items() if not isinstance(v, str) or k == "id"}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return value if not isinstance(value, str) else None


@settings(max_examples=300, derandomize=True)
@given(broken_copies())
def test_a_broken_copy_of_a_translation_is_caught(case):
    original, data, how = case
    try:
        broken = QuestionSet.model_validate(data)
    except ValidationError:
        return  # not a set at all: the loader says so, with the place
    assert differences(original, broken) != [], how


def test_the_check_catches_what_a_reader_would():
    original, translation = next(
        (o, t) for o, t in TRANSLATIONS if t.id == "raseborg-klientmote-fi"
    )
    data = _data(translation)
    questions = data["steps"][0]["questions"]
    questions[1], questions[4] = questions[4], questions[1]  # a long and a short one swapped
    said = differences(original, QuestionSet.model_validate(data))
    assert any("length" in d and "for the original's" in d for d in said), said
    data = _data(translation)
    data["steps"][0]["questions"][0]["text"] = "Mistä olet erityisen iloinen?"  # {future} lost
    said = differences(original, QuestionSet.model_validate(data))
    assert any("steps[1].questions[1].text" in d for d in said), said
    data = _data(translation)
    data["steps"][1]["questions"][3]["text"] = "Mikä sai huolenne vähenemään?"
    said = differences(original, QuestionSet.model_validate(data))
    assert any("the same original text elsewhere" in d for d in said), said


# A translation listed with its original.


@settings(max_examples=200, derandomize=True)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcdefgh"), st.none() | st.sampled_from("abcdefghz")),
        unique_by=lambda item: item[0],
        max_size=8,
    )
)
def test_grouped_puts_each_translation_under_its_original(items):
    out = grouped(items, lambda item: item)
    assert sorted(out_item for out_item, _ in out) == sorted(items)  # each once
    ids = {own for own, _ in items}
    for n, ((_own, original), depth) in enumerate(out):
        if depth == 0:
            continue
        # The nearest item above it one level up is its original.
        above = next(item for item, d in reversed(out[:n]) if d == depth - 1)
        assert above[0] == original and original in ids
    originals = [item for item, depth in out if depth == 0]
    assert originals == [item for item in items if item in originals]  # in their order


def test_the_start_screen_lists_a_translation_under_its_original(tmp_path):
    def listed(app) -> list[str]:  # the list's rows, left of the preview
        return [line.split("│")[0] for line in screen_text(app).splitlines()]

    async def scenario(app, pilot):
        await until(pilot, lambda: any("Huolen vyöhykkeistö" in row for row in listed(app)))
        shown = listed(app)
        row = next(n for n, line in enumerate(shown) if "Myndighetsmöte" in line)
        assert "svenska" in shown[row]
        assert "↳ Viranomaiskokous" in shown[row + 1] and "suomi" in shown[row + 1]
        await type_text(pilot, "suomi")  # a language's name finds its sets
        await until(pilot, lambda: not any("Framtidsdialog" in row for row in listed(app)))
        for title in ["Ennakointidialogi", "Viranomaiskokous", "Huolen vyöhykkeistö"]:
            assert any(title in row for row in listed(app)), title

    run(scenario, db=tmp_path / "db", size=(100, 40))


def test_dialogtui_sets_lists_a_translation_under_its_original(cli):
    rows = [line.split()[:2] for line in cli("sets").out.splitlines() if "raseborg-" in line]
    ids = [row[1] if row[0] == "↳" else row[0] for row in rows]
    for name in RASEBORG:
        at = ids.index(f"raseborg-{name}")
        assert rows[at + 1] == ["↳", f"raseborg-{name}-fi"]


# What a translation names must be there.


def _own_set(home, name: str, text: str):
    folder = home / "question_sets"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _translated(set_id: str, of: str, language: str = "fi") -> str:
    original = (SETS / "raseborg-temamote-fi.toml").read_text(encoding="utf-8")
    return (
        original.replace('id = "raseborg-temamote-fi"', f'id = "{set_id}"')
        .replace('translation_of = "raseborg-temamote"', f'translation_of = "{of}"')
        .replace('language = "fi"', f'language = "{language}"')
    )


@pytest.mark.parametrize(
    ("of", "language", "said"),
    [
        ("raseborg-temamöte", "fi", None),  # not an id at all: the format's own error
        ("raseborg-temamotet", "fi", "no question set with id 'raseborg-temamotet'"),
        ("oma-teema", "fi", "a set is not a translation of itself"),
        ("raseborg-temamote", "sv", "'raseborg-temamote' is in the same language (sv)"),
    ],
)
def test_translation_of_names_a_set_of_the_library(cli, private_home, of, language, said):
    path = _own_set(private_home, "oma-teema", _translated("oma-teema", of, language))
    line = 1 + path.read_text(encoding="utf-8").splitlines().index(f'translation_of = "{of}"')
    result = cli("validate", path)
    assert result.code == 1
    assert f"{path}:{line}:1: `translation_of`" in result.err
    if said:
        assert said in result.err
    if of == "raseborg-temamotet":
        assert "did you mean 'raseborg-temamote'?" in result.err
    # The app and `show` refuse it with the same words; `sets` says to validate it.
    assert cli("show", "oma-teema").code == 1
    assert "oma-teema.toml: not valid" in cli("sets").err.replace("\n", "")


def test_the_start_screen_shows_what_a_translation_names_wrongly(tmp_path, private_home):
    _own_set(private_home, "oma-teema", _translated("oma-teema", "raseborg-temamotet"))

    async def scenario(app, pilot):
        await type_text(pilot, "oma-teema")
        preview = app.screen.query_one("#preview-text")
        await until(pilot, lambda: "raseborg-temamotet" in text_of(preview, width=200))
        said = text_of(preview, width=200)
        assert "This set has problems" in said and "did you mean 'raseborg-temamote'?" in said

    run(scenario, db=tmp_path / "db")


def test_a_translation_of_a_users_own_set_is_grouped_with_it(cli, private_home):
    own = (SETS / "raseborg-temamote.toml").read_text(encoding="utf-8")
    _own_set(private_home, "vart-tema", own.replace('"raseborg-temamote"', '"vart-tema"'))
    _own_set(private_home, "oma-teema", _translated("oma-teema", "vart-tema"))
    assert cli("validate", private_home / "question_sets").code == 0
    found = [(item.id, item.translation_of) for item in listings()]
    order = [item[0] for item, _ in grouped(found, lambda item: item)]
    assert order.index("oma-teema") == order.index("vart-tema") + 1


# A Finnish klientmöte in the app, from the start screen to its minutes.


def test_a_finnish_klientmote_from_the_start_screen_to_finnish_minutes(tmp_path, private_home):
    from exported import named

    from dialogtui.tui.screens.capture import CaptureScreen
    from dialogtui.tui.screens.setup import SetupScreen

    i18n.use("fi")
    try:

        async def scenario(app, pilot):
            await type_text(pilot, "asiakaskokous")
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, SetupScreen))
            setup = app.screen
            assert setup.qs.id == "raseborg-klientmote-fi"
            for name, role, org in [
                ("Anna Lind", "familj", ""),
                ("Sara Holm", "myndighet", "Sosiaalitoimi"),
            ]:
                setup.query_one("#p-name").focus()
                await type_text(pilot, name)
                setup.query_one("#p-role").value = role
                setup.query_one("#p-org").value = org
                count = len(setup.people)
                await pilot.press("enter")
                await until(pilot, lambda count=count: len(setup.people) == count + 1)
            await pilot.press("ctrl+s")
            await until(pilot, lambda: isinstance(app.screen, CaptureScreen))
            shown = " ".join(screen_text(app).split())
            assert "Nyt on tammikuu 2027" in shown  # the question, its time in Finnish
            await pilot.press("f9")  # the first step's notes say whose translation it is
            notes = app.screen.query_one("#question")
            await until(pilot, lambda: "raseborg-klientmote" in text_of(notes, width=200))
            await pilot.press("f9")
            await type_text(pilot, "Olen iloinen, että poika käy taas koulua")
            await pilot.press("enter")
            await pilot.press("ctrl+n")
            await type_text(pilot, "Olen tukenut perhettä kotikäynneillä")
            await pilot.press("enter")
            from tui_helpers import end_and_export

            await end_and_export(app, pilot)

        app = run(scenario, db=tmp_path / "db", size=(100, 40))
        assert app.return_code in (None, 0)
    finally:
        i18n.use("en")
    (folder,) = (private_home / "exports").iterdir()  # the meeting's, named in Finnish
    minutes = named(folder, "minutes.md").read_text(encoding="utf-8")
    fi, sv = i18n.translations("fi"), i18n.translations("sv")
    for label in ["Minutes", "Participants", "Date", "Role", "Action plan", "No actions."]:
        assert fi.pgettext("document", label) in minutes, label
        assert sv.pgettext("document", label) not in minutes, label
    assert "Olen iloinen, että poika käy taas koulua" in minutes
    assert "Kysymykset perheenjäsenille" in minutes
    assert "Nyt on tammikuu 2027" in minutes


# Any set that says it translates another is held to it, not only the shipped ones: the
# app refuses one whose structure is not its original's, names where, and does not list it
# under the original.


def _structure_changed(text: str, n: int) -> str:
    """The text with line n's structure changed in a way that keeps the set valid."""
    lines = text.splitlines(keepends=True)
    line = lines[n]
    if line.startswith("family = "):
        lines[n] = "family = false\n" if "true" in line else "family = true\n"
    elif line.startswith("horizon = "):
        lines[n] = "horizon = { years = 2 }\n"
    else:  # a page cited: the same page of the same source in every language
        lines[n] = line.rstrip().removesuffix('"') + ' 2"\n'
    return "".join(lines)


def _structure_lines(text: str) -> list[int]:
    return [
        n
        for n, line in enumerate(text.splitlines())
        if re.match(r'(page = "|family = |horizon = \{ years = 1 \})', line)
    ]


@settings(max_examples=60, derandomize=True)
@given(st.data())
def test_a_users_translation_that_differs_in_structure_is_refused_where_it_differs(data):
    from dialogtui.questionset.library import translation_problems
    from dialogtui.questionset.loader import parse_question_set

    _original, translation = data.draw(st.sampled_from(TRANSLATIONS))
    path = SETS / f"{translation.id}.toml"
    text = path.read_text(encoding="utf-8")
    n = data.draw(st.sampled_from(_structure_lines(text)))
    changed = _structure_changed(text, n)
    problems = translation_problems(parse_question_set(changed, path), changed, path)
    assert [p.line for p in problems] == [n + 1], (n, problems)
    assert f"as '{translation.translation_of}', which it translates" in problems[0].message


def test_a_timed_set_posing_as_a_translation_is_refused_and_listed_on_its_own(cli, private_home):
    own = (SETS / "samtidigt-traff-1.toml").read_text(encoding="utf-8")
    fake = own.replace('id = "samtidigt-traff-1"', 'id = "oma-fi"').replace(
        'language = "sv"', 'language = "fi"\ntranslation_of = "raseborg-klientmote"'
    )
    path = _own_set(private_home, "oma-fi", fake)
    result = cli("validate", path)
    assert result.code == 1
    assert "as 'raseborg-klientmote', which it translates" in result.err
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: ", result.err)
    assert cli("show", "oma-fi").code == 1
    listed = cli("sets")
    assert "oma-fi" not in listed.out  # not as a translation, nor as a valid set
    assert "oma-fi.toml: not valid" in listed.err.replace("\n", "")
    assert "which it translates" in listed.err.replace("\n", "")
    # The start screen's list: on its own, with its problem, without reading it fully.
    (item,) = [item for item in listings() if item.id == "oma-fi"]
    assert item.listed_under is None
    assert "'raseborg-klientmote' has other steps or questions" in (item.problem or "")


def test_two_sets_naming_each_other_in_a_circle_are_refused(cli, private_home):
    first = _own_set(private_home, "yksi", _translated("yksi", "kaksi", "fi"))
    second = _own_set(private_home, "kaksi", _translated("kaksi", "yksi", "sv"))
    result = cli("validate", first, second)
    assert result.code == 1
    assert result.err.count("through what it translates, a translation of this set") == 2
    for item in listings():
        if item.id in ("yksi", "kaksi"):
            assert item.problem and item.listed_under is None


def test_a_translation_whose_original_is_gone_is_listed_with_the_reason(
    cli, private_home, tmp_path
):
    _own_set(private_home, "orpo", _translated("orpo", "poistettu"))
    listed = cli("sets").err.replace("\n", " ")
    assert "orpo.toml: not valid" in listed
    assert "no question set with id 'poistettu'" in listed

    async def scenario(app, pilot):
        await type_text(pilot, "orpo")
        await until(pilot, lambda: "(has problems)" in screen_text(app))
        preview = app.screen.query_one("#preview-text")
        await until(pilot, lambda: "poistettu" in text_of(preview, width=200))

    run(scenario, db=tmp_path / "db")
