"""One place per step kind (dialogtui.kinds): the model, the capture screen, `show` and the
minutes look a kind up there, so that a new kind is one module and one line."""

from __future__ import annotations

import datetime as dt

from meeting_helpers import new_meeting
from rich.console import Console

from dialogtui.agenda import render_agenda
from dialogtui.export.document import Paragraph, said
from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.kinds import SPECS, base
from dialogtui.questionset.kinds import StepKind
from dialogtui.questionset.library import find
from dialogtui.store import Store
from dialogtui.tui.screens.capture import STEP_PANELS


def test_every_kind_has_its_spec_and_every_panel_its_widget():
    import importlib
    import re
    from pathlib import Path

    import dialogtui.tui
    from dialogtui.tui.widgets.step_panel import StepPanel

    app_css = (Path(dialogtui.tui.__file__).parent / "app.tcss").read_text("utf-8")
    assert set(SPECS) == {k.value for k in StepKind}
    for kind, spec in SPECS.items():
        if spec.panel:
            widget, panel_id = STEP_PANELS[kind]
            module, name = spec.panel.split(":")
            assert widget is getattr(importlib.import_module(module), name)
            # The panel's contract: it draws the step from the engine, names its keys in
            # help (and on its border, where it has a hint), and its look is beside its code.
            assert issubclass(widget, StepPanel) and widget.show is not StepPanel.show
            assert isinstance(widget.HELP_TITLE, str) and widget.HELP_TITLE
            assert isinstance(widget.HINT, str)
            assert any(
                "DEFAULT_CSS" in vars(c)
                for c in widget.__mro__
                if c.__module__.startswith("dialogtui")
            )
            assert not re.search(rf"#{panel_id}\b|\b{widget.__name__}\b", app_css)
            assert panel_id == spec.panel_id
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
