"""Recipients named as a user names them: each copy in a folder of its own, whatever the
organisation is called; the facilitators' copy the only one with the method's notes."""

from __future__ import annotations

import re

import pytest
from meeting_helpers import new_meeting

from dialogtui.export.write import export_meeting
from dialogtui.store import Store


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db.sqlite3")
    yield s
    s.close()


@pytest.mark.parametrize("organisation", ["!!!", "—", "-", "?", "   ."])
def test_an_organisation_named_with_no_letter_gets_a_folder_of_its_own(
    store, private_home, organisation
):
    # A5: "!!!" for "no organisation" made the filtered copy overwrite everyone's.
    m = new_meeting(
        store, "raseborg-klientmote", [("Anna", "familj"), ("Sara", "myndighet", organisation)]
    )
    m.start()
    m.submit("Anna talar")
    m.close()
    everyone = export_meeting(store, m.id).paths[0].parent
    theirs = export_meeting(store, m.id, to=organisation).paths[0].parent
    family = export_meeting(store, m.id, to="family").paths[0].parent
    assert len({everyone, theirs, family}) == 3


def test_only_the_facilitators_copy_has_the_methods_notes(store, tmp_path):
    m = new_meeting(store, "raseborg-klientmote", [("Anna", "familj"), ("Erik", "familj")])
    m.start()
    m.submit("Anna talar")
    m.pass_turn()  # Erik passes
    m.close()
    texts = {}
    for to in ("everyone", "facilitators", "family"):
        paths = export_meeting(store, m.id, tmp_path / to, formats=("md", "txt"), to=to).paths
        texts[to] = {p: p.read_text("utf-8") for p in paths if p.suffix in (".md", ".txt")}
    method = ("Tider", "Planerat", "avstår", "Tillagt, inte i källan")
    for to, files in texts.items():
        for path, text in files.items():
            found = [m for m in method if m in text]
            if to == "facilitators" and path.suffix == ".md" and "Anna talar" in text:
                assert set(found) == set(method), path.name  # the minutes, not the plan
            elif to != "facilitators" or path.suffix == ".txt":  # never in a journal
                assert not found, (to, path.name, found)


def test_the_acceptance_line_says_what_was_read(store):
    # N13: "read back and accepted" stood above what was never read; now it says what was.
    from dialogtui.export.markdown import render_minutes
    from dialogtui.export.read_back import covered, pages
    from dialogtui.export.record import load_record
    from dialogtui.records import NoteKind

    m = new_meeting(store, "raseborg-klientmote", [("Anna Lind", "familj")])
    m.start()
    m.submit("Anna talar")
    m.notes.add(NoteKind.decision, "Vi ses igen")
    m.read_back.accept("Anna Lind", covered(pages(load_record(store, m.id))))
    m.close()
    minutes = render_minutes(load_record(store, m.id))
    assert re.search(r"Anna Lind \(kl\. \d\d:\d\d; läst: 1 inlägg och 1 beslut\)", minutes)


def _three(store, people):
    m = new_meeting(store, "raseborg-klientmote", people)
    m.start()
    ids = {}
    for p in m.participants:
        m.set_speaker(p.id)
        ids[p.id] = m.submit(f"T{p.id}x")
    return m, ids


def test_two_participants_of_one_name_never_get_each_others_statements(store, tmp_path):
    # The attack on this round: two "Anna Lind", one of the family, one of the school.
    from dialogtui.errors import ExportError

    people = [("Anna Lind", "familj"), ("Anna Lind", "myndighet", "Skolan"), ("Per", "familj")]
    m, turns = _three(store, people)
    family_anna, school_anna, per = (p.id for p in m.participants)
    m.read_back.object_to(turns[per].id, "anna  LIND", "OBJx")  # which Anna? no one's then
    m.close()
    with pytest.raises(ExportError, match="2 participants"):
        export_meeting(store, m.id, tmp_path / "a", to="Anna Lind")
    for to in ("family", "Skolan"):
        paths = export_meeting(store, m.id, tmp_path / to, formats=("md", "txt"), to=to).paths
        text = " ".join(p.read_text("utf-8") for p in paths)
        assert "OBJx" not in text, to
    assert store.objections(m.id)[0].participant_id is None


def test_a_name_is_taken_whole_before_commas_and_everyones_copy_stands_alone(store, tmp_path):
    from dialogtui.errors import ExportError

    people = [("Anna", "familj"), ("Dan", "myndighet", "BUP, Ekenäs"), ("Eva", "myndighet", "BUP")]
    m, turns = _three(store, people)
    anna, dan, eva = (p.id for p in m.participants)
    m.close()
    paths = export_meeting(store, m.id, tmp_path / "c", formats=("md",), to="BUP, Ekenäs").paths
    text = " ".join(p.read_text("utf-8") for p in paths)
    assert f"T{dan}x" in text and f"T{anna}x" in text and f"T{eva}x" not in text
    for widened in ("family, facilitators", "Anna, everyone"):
        with pytest.raises(ExportError, match="alone"):
            export_meeting(store, m.id, tmp_path / "w", to=widened)


def test_an_organisation_a_file_name_cannot_hold_is_still_told_apart(store, tmp_path):
    people = [
        ("Anna", "familj"),
        ("Sara", "myndighet", "?"),
        ("Kim", "myndighet", "Familjehem Holm"),
    ]
    m, _ = _three(store, people)
    m.close()
    out = tmp_path / "shared"
    names = set()
    for to in (None, "?", "family", "Familjehem Holm"):
        names |= {p.name for p in export_meeting(store, m.id, out, formats=("md",), to=to).paths}
    assert len(names) == 8  # four copies, two files each, none replacing another
    # A pseudonymised organisation's copy names no organisation in its folder either.
    folder = export_meeting(store, m.id, to="Familjehem Holm", pseudonymise=True).paths[0].parent
    assert "holm" not in folder.name.casefold()


def test_an_objection_by_a_name_in_another_unicode_form_is_theirs(store, tmp_path):
    import unicodedata

    m, turns = _three(store, [("Åsa Öberg", "familj"), ("Sven", "myndighet", "Skolan")])
    asa, sven = (p.id for p in m.participants)
    m.read_back.object_to(turns[asa].id, unicodedata.normalize("NFD", "Åsa Öberg"), "OBJx")
    m.close()
    assert store.objections(m.id)[0].participant_id == asa


def test_a_pass_cannot_be_objected_to(store):
    from dialogtui.errors import DialogtuiError

    m = new_meeting(store, "raseborg-klientmote", [("Anna", "familj"), ("Erik", "familj")])
    m.start()
    m.submit("Anna talar")
    passed = m.pass_turn()
    with pytest.raises(DialogtuiError, match="pass"):
        m.read_back.object_to(passed.id, "Anna", "Han sa visst något")
    m.close()
