"""Work done each on their own (`form = "individual"`: "En og en setter seg ned og lager en
liste"): what the scribe files under its writer is theirs, and what is filed under nobody is
labelled as individual work, never as the group's."""

from __future__ import annotations

import pytest
from meeting_helpers import new_meeting

from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.labels import labels
from dialogtui.store import Store

PEOPLE = [("Kari", None), ("Ola", None)]


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "db.sqlite3")
    yield s
    s.close()


def test_individual_work_is_filed_under_its_writer_or_as_individual_work(store):
    m = new_meeting(store, "hva-planlegging", PEOPLE)
    m.start()
    at = m.qs.index_of("hva-planlegging")
    assert at is not None
    m.goto_step(at)
    assert m.step.form == "individual" and m.speaker is None  # nobody, until chosen
    m.submit("En plan alle kjenner")  # written by someone not named
    m.cycle_speaker()  # tab: Kari wrote this one
    assert m.speaker is not None and m.speaker.name == "Kari"
    m.submit("Brukerne med fra start")
    minutes = render_minutes(load_record(store, m.id))
    section = minutes[minutes.index("## 2. Hva planlegging") :]
    section = section[: section.index("\n## ", 1)]
    words = labels("nb")
    assert f"**{words['individual_work']}:**" in section
    assert f"**{words['group']}:**" not in section  # never the group's
    assert "**Kari:** Brukerne med fra start" in section
