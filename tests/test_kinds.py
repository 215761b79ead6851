"""Each step kind in two places, one line each: its shape with the format (its member of
`StepKind`, which the model validates by) and its behaviour in `dialogtui.kinds` (its panel,
its lines in `show`, its section of the minutes), which the capture screen, `show` and the
minutes look up instead of testing for the kind."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from meeting_helpers import new_meeting
from pydantic import ValidationError
from rich.console import Console

from dialogtui.agenda import render_agenda
from dialogtui.export.document import Paragraph, said
from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.kinds import SPECS, base
from dialogtui.questionset.kinds import StepKind
from dialogtui.questionset.library import find
from dialogtui.questionset.model import Step
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


def test_each_kinds_shape_names_fields_of_a_step_and_its_own_alone():
    fields = set(Step.model_fields)
    owners: dict[str, StepKind] = {}
    for kind in StepKind:
        shape = kind.shape
        assert shape.label and set(shape.owns) <= fields, kind
        # What a kind needs is its own: no other kind's step may have it.
        assert shape.needs is None or shape.needs in shape.owns, kind
        for name in shape.owns:
            assert owners.setdefault(name, kind) is kind, f"{name}: {owners[name]} and {kind}"
    # Its behaviour is looked up by the same member: one line per kind, none left over.
    assert list(SPECS) == list(StepKind)


# The smallest valid value of each field a kind may own.
OWNED = {
    "scale": {
        "points": [{"value": v, "zone": z, "description": z} for v, z in ((1, "Grå"), (2, "Röd"))]
    },
    "choice": {"options": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}]},
    "vote": {"dots": 3},
    "places": ["Nära", "Långt bort"],
    "columns": [{"field": "what", "label": "Vad"}],
}


@settings(max_examples=120, derandomize=True)
@given(
    kind=st.sampled_from(list(StepKind)),
    given_fields=st.sets(st.sampled_from(sorted(OWNED))),
)
def test_a_step_is_valid_as_its_kinds_shape_says(kind, given_fields):
    """Whatever a step of any kind holds of the fields kinds own: valid exactly where it has
    what its kind needs and nothing another kind owns, and the error names the field."""
    step = {"title": "Steg", "kind": kind.value, "text": "Vad hände?"}
    step |= {name: OWNED[name] for name in given_fields}
    needs = kind.shape.needs
    foreign = sorted(given_fields - set(kind.shape.owns))
    try:
        Step.model_validate(step)
    except ValidationError as exc:
        said = str(exc)
        if needs is not None and needs not in given_fields:
            assert f"a `{kind.value}` step needs" in said and needs in said
        else:
            assert foreign and "only a step of kind" in said
            assert any(f"`{name}`" in said for name in foreign)
    else:
        assert (needs is None or needs in given_fields) and not foreign


@settings(max_examples=12, deadline=None)
@given(st.lists(st.sampled_from(["ctrl+n", "ctrl+b"]), min_size=1, max_size=12))
def test_a_step_panel_is_made_when_a_step_of_its_kind_is_reached(tmp_path_factory, moves):
    # Opening a meeting styles no list it does not show (its start-up is measured against a
    # bare app's): a kind's panel is made when a step of it is first reached, once, and then
    # only the step's own panel is shown, with the keyboard in the text box.
    from tui_helpers import PEOPLE_THREE, handled, run, seeded_meeting

    from dialogtui.tui.widgets.draft import DraftArea
    from dialogtui.tui.widgets.step_panel import StepPanel

    db = tmp_path_factory.mktemp("panels") / "db"
    mid = seeded_meeting(db, "samtidigt-traff-4", PEOPLE_THREE)

    async def scenario(app, pilot):
        screen = app.screen
        steps = screen.engine.qs.steps
        reached = {steps[screen.engine.pos.step].kind}
        for move in [None, *moves]:
            if move is not None:
                await pilot.press(move)
                await handled(app)
            kind = steps[screen.engine.pos.step].kind
            reached.add(kind)
            # (Not `query(StepPanel)`: a CSS type is a widget's first base, not its mixin.)
            panels = [w for w in screen.walk_children() if isinstance(w, StepPanel)]
            made = [k for k, (cls, _) in STEP_PANELS.items() for p in panels if type(p) is cls]
            assert len(made) == len(set(made)) == len(panels)  # each kind's at most once
            assert set(made) <= reached
            assert [type(p) for p in panels if p.display] == (
                [STEP_PANELS[kind][0]] if kind in STEP_PANELS else []
            )
            assert isinstance(screen.focused, DraftArea)

    run(scenario, db=db, meeting_id=mid)
