"""`dialogtui validate`: every error class, with its exact PATH:LINE:COL and exit code."""

from __future__ import annotations

import pytest
from conftest import SETS

GOOD = """\
id = "demo"
title = "Demo"
language = "sv"
method = "Framtidsdialog"

[source]
document = "demo.txt"

[[roles]]
id = "familj"
name = "Familjen"

[[steps]]
title = "Runda"
kind = "round"
minutes = 10
roles = ["familj"]

[[steps.questions]]
text = "Vad är du glad över?"
"""


def write(tmp_path, text, name="set.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_every_shipped_set_is_valid(cli):
    result = cli("validate", SETS)
    assert result.code == 0, result.err
    assert "files valid" in result.out


def test_a_good_file_is_valid(cli, tmp_path):
    result = cli("validate", write(tmp_path, GOOD))
    assert (result.code, result.err) == (0, "")


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        # unknown key, with a hint
        (
            ("minutes = 10", "minuts = 10"),
            "16:1: unknown key `minuts` (did you mean `minutes`?)",
        ),
        # wrong type
        (
            ("minutes = 10", 'minutes = "ten"'),
            "16:1: `steps[1].minutes`: input should be a valid integer",
        ),
        # bad enum value, with a hint
        (('kind = "round"', 'kind = "rund"'), "15:1: `steps[1].kind`: 'rund' is not allowed"),
        # unknown role reference, at the element
        (
            ('roles = ["familj"]', 'roles = ["famil"]'),
            "17:10: unknown role 'famil' (roles: familj)",
        ),
        # missing required key: reported at its table
        (('title = "Runda"\n', ""), "13:1: missing required key `title` in this table"),
        # TOML syntax error, at the parser's position
        (('title = "Demo"', 'title = "Demo'), "2:14: TOML syntax error"),
        # negative minutes
        (("minutes = 10", "minutes = -5"), "16:1: `steps[1].minutes`: input should be greater"),
    ],
    ids=["unknown-key", "wrong-type", "enum", "unknown-role", "missing", "syntax", "range"],
)
def test_errors_name_file_line_and_column(cli, tmp_path, edit, expected):
    path = write(tmp_path, GOOD.replace(*edit))
    result = cli("validate", path)
    assert result.code == 1
    first = result.err.splitlines()[0]
    assert first.startswith(f"{path}:{expected}"), first
    assert "Traceback" not in result.err


def test_enum_error_suggests_the_right_value(cli, tmp_path):
    result = cli("validate", write(tmp_path, GOOD.replace('kind = "round"', 'kind = "rund"')))
    assert "(did you mean 'round'?)" in result.err


def test_unknown_top_level_key_lists_allowed_keys_when_nothing_is_close(cli, tmp_path):
    result = cli("validate", write(tmp_path, "zzz = 1\n" + GOOD))
    assert f"{tmp_path / 'set.toml'}:1:1: unknown key `zzz` (allowed here: id, title," in result.err


def test_every_problem_is_reported_not_just_the_first(cli, tmp_path):
    text = GOOD.replace("minutes = 10", "minuts = 10").replace('language = "sv"', "language = 3")
    result = cli("validate", write(tmp_path, text))
    lines = result.err.splitlines()[:-1]
    assert len(lines) == 2
    assert ":3:1: `language`" in lines[0] and ":16:1: unknown key `minuts`" in lines[1]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "1:1: the file is empty"),
        (b"   \n\n", "1:1: the file is empty"),
        (b"\x00\x01\x02\xff\xfe binary", "1:4: not UTF-8 text (byte 0xff)"),
        ("id = 'å'\n".encode("latin-1"), "1:7: not UTF-8 text (byte 0xe5)"),
        (b"a = 1\nb = \x00\n", "2:5: TOML syntax error"),
    ],
    ids=["empty", "blank", "binary", "latin-1", "nul"],
)
def test_unreadable_content_is_one_clear_line(cli, tmp_path, content, expected):
    path = tmp_path / "bad.toml"
    path.write_bytes(content)
    result = cli("validate", path)
    assert result.code == 1
    assert result.err.splitlines()[0].startswith(f"{path}:{expected}")
    assert "Traceback" not in result.err


def test_missing_file(cli, tmp_path):
    result = cli("validate", tmp_path / "nope.toml")
    assert result.code == 1
    assert result.err.startswith(f"{tmp_path / 'nope.toml'}:1:1: no such file")


def test_empty_folder(cli, tmp_path):
    result = cli("validate", tmp_path)
    assert result.code == 1
    assert f"{tmp_path}:1:1: folder holds no .toml files" in result.err


def test_a_folder_named_like_a_file(cli, tmp_path):
    (tmp_path / "odd.toml").mkdir()
    result = cli("validate", tmp_path / "odd.toml")
    assert result.code == 1
    assert result.err.startswith(f"{tmp_path / 'odd.toml'}:1:1:")


def test_huge_file(cli, tmp_path):
    path = tmp_path / "huge.toml"
    path.write_bytes(b"# " + b"x" * 2_000_000 + b"\n")
    result = cli("validate", path)
    assert result.code == 1
    assert result.err.startswith(f"{path}:1:1: file is too large")


def test_unreadable_file(cli, tmp_path):
    import os

    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = write(tmp_path, GOOD)
    path.chmod(0)
    result = cli("validate", path)
    assert result.err.startswith(f"{path}:1:1: permission denied")


def test_many_files_some_bad(cli, tmp_path):
    good = write(tmp_path, GOOD, "a.toml")
    bad = write(tmp_path, "id = ", "b.toml")
    result = cli("validate", good, bad)
    assert result.code == 1
    assert result.err.splitlines()[-1] == "1 problem in 1 file"


def test_usage_error_exit_code(cli):
    assert cli("validate").code == 2


@pytest.mark.parametrize("nested", ["[" * 20000 + "]" * 20000, "{a=" * 5000 + "1" + "}" * 5000])
def test_deep_nesting_is_a_clear_error(cli, tmp_path, nested):
    path = write(tmp_path, f"x = {nested}\n")
    result = cli("validate", path)
    assert result.code == 1 and "Traceback" not in result.err
    assert result.err.startswith(f"{path}:1:1: arrays or tables are nested too deeply")


def test_an_internal_error_is_one_line_with_exit_70(cli, monkeypatch):
    import dialogtui.questionset.loader as loader

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(loader, "load_question_set", broken)
    result = cli("validate", "x.toml")
    assert result.code == 70 and "Traceback" not in result.err
    assert result.err.startswith("dialogtui: internal error (ZeroDivisionError: a bug)")


def test_a_number_or_a_yes_written_as_text_is_an_error_not_a_guess(cli, tmp_path):
    """`minutes = "5"` used to pass (newcomer review): a number in quotes is a mistake."""
    path = tmp_path / "s.toml"
    path.write_text(
        'id = "s"\ntitle = "T"\nlanguage = "sv"\nmethod = "m"\nconsent_required = "yes"\n'
        '[source]\ndocument = "x"\n[[steps]]\nkind = "discussion"\ntitle = "S"\nminutes = "5"\n',
        encoding="utf-8",
    )
    result = cli("validate", str(path))
    assert result.code == 1
    assert "s.toml:5:1: `consent_required`: input should be a valid boolean" in result.err
    assert "s.toml:11:1: `steps[1].minutes`: input should be a valid integer" in result.err


def test_a_round_that_asks_nothing_is_refused(cli, tmp_path):
    path = tmp_path / "r.toml"
    path.write_text(
        'id = "r"\ntitle = "T"\nlanguage = "sv"\nmethod = "m"\n[source]\ndocument = "x"\n'
        '[[steps]]\nkind = "round"\ntitle = "Runda"\n',
        encoding="utf-8",
    )
    result = cli("validate", str(path))
    assert result.code == 1 and "a round asks something" in result.err
    assert "r.toml:7:1:" in result.err  # at the step


def test_consent_modes_and_the_older_consent_required(cli, tmp_path):
    """`consent` says required / recommended / not_asked; `consent_required` still reads
    (method-structure review F13); the two must not disagree."""
    from dialogtui.questionset.loader import parse_question_set

    base = 'id = "c"\ntitle = "T"\nlanguage = "sv"\nmethod = "m"\n{}\n[source]\ndocument = "x"\n'
    base += '[[steps]]\nkind = "discussion"\ntitle = "S"\n'
    for line, mode in (
        ("consent_required = true", "required"),
        ("consent_required = false", "not_asked"),
        ("", "not_asked"),
        ('consent = "recommended"', "recommended"),
        ('consent = "required"\nconsent_required = true', "required"),
    ):
        assert parse_question_set(base.format(line), "c.toml").consent_mode == mode, line
    path = tmp_path / "c.toml"
    path.write_text(base.format('consent = "recommended"\nconsent_required = true'), "utf-8")
    result = cli("validate", str(path))
    assert result.code == 1 and "disagree" in result.err and "c.toml:" in result.err
    path.write_text(base.format('consent = "maybe"'), "utf-8")
    result = cli("validate", str(path))
    assert result.code == 1 and "c.toml:5:1: `consent`" in result.err, result.err


def test_a_block_of_steps_that_do_not_follow_each_other_is_pointed_at(cli, tmp_path):
    path = tmp_path / "block.toml"
    path.write_text(
        """id = "block"
title = "Block"
language = "sv"
method = "x"
[source]
document = "x"
[[blocks]]
steps = ["a", "c"]
repeat = { min = 1, max = 2 }
[[steps]]
id = "a"
title = "A"
kind = "discussion"
[[steps]]
id = "b"
title = "B"
kind = "discussion"
[[steps]]
id = "c"
title = "C"
kind = "discussion"
""",
        encoding="utf-8",
    )
    result = cli("validate", path)
    assert result.code == 1
    assert "block.toml:8:1: a block's steps follow each other" in result.err


def test_a_step_without_an_id_is_named_step_n(cli, tmp_path):
    text = (
        GOOD
        + """
[[steps]]
title = "Grupper"
kind = "group_work"
form = "groups"

[[steps]]
title = "Grupperna berättar"
kind = "presentation"
groups = { by = "step", step = "step-3" }
"""
    )
    result = cli("validate", write(tmp_path, text))
    assert result.code == 1 and "those before this one: step-2" in result.err
    fixed = text.replace('step = "step-3"', 'step = "step-2"')
    assert cli("validate", write(tmp_path, fixed)).code == 0


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ('kind = "map"', "7:1: `steps[1]`: a `map` step needs `places = [...]`"),
        (
            'kind = "discussion"\nplaces = ["Nära", "Ute"]',
            "7:1: `steps[1]`: only a step of kind `map`",
        ),
        ('kind = "map"\nplaces = ["Nära"]', "10:1: `steps[1].places`: list should have at least 2"),
        ('kind = "map"\nplaces = ["Nära", " nära "]', "7:1: `steps[1]`: a map's places each need"),
        (
            'kind = "map"\nplaces = "Nära, Långt ut"',
            '10:1: `steps[1].places`: should be a list, in brackets (write `places = ["Nära", '
            '"Långt ut"]`)',
        ),
    ],
    ids=["no-places", "not-a-map", "one-place", "same-twice", "not-a-list"],
)
def test_a_maps_places_are_checked(cli, tmp_path, step, expected):
    path = tmp_path / "m.toml"
    path.write_text(
        'id = "m"\ntitle = "T"\nlanguage = "sv"\nmethod = "m"\n[source]\ndocument = "x"\n'
        f'[[steps]]\ntitle = "Karta"\n{step}\n',
        encoding="utf-8",
    )
    result = cli("validate", str(path))
    assert result.code == 1 and f"m.toml:{expected}" in result.err, result.err
