"""One place per step kind (dialogtui.kinds): the model, the capture screen, `show` and the
minutes look a kind up there, so that a new kind is one module and one line."""

from __future__ import annotations

import datetime as dt

from meeting_helpers import new_meeting
from rich.console import Console

from dialogtui.export.document import Paragraph, said
from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.kinds import SPECS, base
from dialogtui.questionset.agenda import render_agenda
from dialogtui.questionset.library import find
from dialogtui.questionset.model import StepKind
from dialogtui.store import Store
from dialogtui.tui.screens.capture import STEP_PANELS


def test_every_kind_has_its_spec_and_every_panel_its_widget():
    assert set(SPECS) == {k.value for k in StepKind}
    for kind, spec in SPECS.items():
        if spec.panel:
            widget, panel_id = STEP_PANELS[kind]
            assert hasattr(widget, "show") and panel_id == spec.panel_id
    assert set(STEP_PANELS) == {kind for kind, spec in SPECS.items() if spec.panel}
    ids = [panel_id for _, panel_id in STEP_PANELS.values()]
    assert len(set(ids)) == len(ids)  # each panel is on the screen once, by its id


def test_show_and_the_minutes_take_a_kinds_sections_from_its_spec(tmp_path, monkeypatch):
    # A kind with sections of its own, registered in the one table: `show` and the minutes
    # render them without being told of the kind.
    spec = base.KindSpec(
        agenda=lambda qs, step: ["A kind's own line in show"],
        minutes=lambda d, n, step, rep: [
            Paragraph([said(f"A kind's own section of step {n + 1}")])
        ],
    )
    monkeypatch.setitem(SPECS, "brief", spec)
    qs = find("samtidigt-traff-1")  # its step 2 is a brief
    console = Console(width=100, record=True)
    console.print(render_agenda(qs, dt.date(2026, 1, 15)))
    assert "A kind's own line in show" in console.export_text()
    store = Store.open(tmp_path / "db")
    m = new_meeting(store, "samtidigt-traff-1", [("Ada", "skola")])
    m.close()
    assert "A kind's own section of step 2" in render_minutes(load_record(store, m.id))
    store.close()
