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
    m.add_note(NoteKind.decision, "Vi ses igen")
    m.accept_read_back("Anna Lind", covered(pages(load_record(store, m.id))))
    m.close()
    minutes = render_minutes(load_record(store, m.id))
    assert re.search(r"Anna Lind \(\d\d:\d\d; läst: 1 inlägg och 1 beslut\)", minutes)
