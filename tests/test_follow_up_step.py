"""Follow-up in the Raseborg sets (newcomer review N18): every set that makes an action plan
takes the previous meeting's open actions in a step of its own (kind `follow_up`, as
SamTidigt Träff 5 and 6 do), marked as dialogtui's, since the source does not say where. In
a first meeting there is nothing to follow up, and the minutes carry no empty section; in the
next meeting of the series the scribe marks each earlier action done, continued or dropped,
with a comment, and the minutes have them under that step.

And a set without a plan (the Danish dialogue tools) has no plan in its documents (review
F10), and its closing talk, placed after each tool, says the placement is dialogtui's."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import SETS
from documents import document_formats, document_texts
from exported import kinds
from meeting_helpers import new_meeting
from tui_helpers import opened, run, screen_text, seeded_meeting, until

from dialogtui.export.markdown import render_minutes
from dialogtui.export.record import load_record
from dialogtui.export.write import export_meeting
from dialogtui.labels import labels
from dialogtui.questionset.kinds import StepKind
from dialogtui.questionset.loader import load_question_set
from dialogtui.records import ActionItem, ActionStatus
from dialogtui.store import Store
from dialogtui.tui.dialogs.folder import FolderDialog
from dialogtui.tui.screens.end import EndScreen

PEOPLE = [("Anna Lind", "familj"), ("Sara Holm", "myndighet")]
# The Raseborg sets that make a plan, each in Swedish and in Finnish.
PLANNING = [
    f"raseborg-{name}{lang}"
    for name in ("klientmote", "myndighetsmote", "planeringsdialog", "temamote")
    for lang in ("", "-fi")
]
DANISH = [
    "dialogredskab-1-rammer",
    "dialogredskab-2-aktiviteter",
    "dialogredskab-3-samarbejdsrelationer",
]


def people_of(set_id: str) -> list[tuple[str, str | None]]:
    qs = load_question_set(SETS / f"{set_id}.toml")
    roles = {r.id for r in qs.roles}
    return [(name, role if role in roles else None) for name, role in PEOPLE]


@pytest.mark.parametrize("set_id", PLANNING)
def test_a_raseborg_set_that_plans_follows_up_in_a_step_of_its_own_before_its_plan(set_id):
    qs = load_question_set(SETS / f"{set_id}.toml")
    kinds_ = [s.kind for s in qs.steps]
    assert StepKind.action_planning in kinds_
    follow = kinds_.index(StepKind.follow_up)
    assert kinds_[follow + 1] is StepKind.action_planning  # what continues goes into the plan
    step = qs.steps[follow]
    # The source says nothing of following up: the step is marked as dialogtui's, and cites
    # no line of the source.
    assert step.ours and step.at is None and step.text is None
    assert step.title == labels(qs.language.value)["follow_up"]  # the app's word for it


def test_the_raseborg_sets_that_make_no_plan_follow_nothing_up():
    for path in sorted(SETS.glob("raseborg-*.toml")):
        qs = load_question_set(path)
        plans = any(s.kind is StepKind.action_planning for s in qs.steps)
        follows = any(s.kind is StepKind.follow_up for s in qs.steps)
        assert plans == follows, path.name


@pytest.mark.parametrize("set_id", ["raseborg-klientmote", "raseborg-klientmote-fi"])
def test_a_second_klientmote_follows_up_the_first_ones_actions_in_that_step(tmp_path, set_id):
    store = Store.open(tmp_path / "db")
    first = new_meeting(store, set_id, PEOPLE, title="Familjen Lind")
    first.start()
    follow = first.qs.first_step_of(StepKind.follow_up)
    plan = first.qs.first_step_of(StepKind.action_planning)
    assert follow is not None and plan == follow + 1
    first.submit("Att Erik går till skolan varje dag.")
    first.goto_step(follow)
    assert first.actions.carried() == []  # a first meeting: nothing to follow up
    first.goto_step(plan)
    called = first.actions.add(ActionItem("Ringa skolan", who="Sara Holm"))
    booked = first.actions.add(ActionItem("Boka läkartid", who="Anna Lind"))
    sought = first.actions.add(ActionItem("Söka stöd", who="Anna Lind"))
    first.finish()

    L = labels(first.qs.language.value)
    title = first.qs.steps[follow].title
    one = render_minutes(load_record(store, first.id))
    # Nothing followed up: no section for it, empty or with a table; the plan is there.
    assert title not in one and L["to_review"] not in one
    assert f"## {plan + 1}. {first.qs.steps[plan].title}" in one and "Ringa skolan" in one
    # The facilitators' copy has the step for the method's note on it (that it is
    # dialogtui's), and no table of earlier actions with nothing in it.
    theirs = render_minutes(load_record(store, first.id), method=True)
    step_part = theirs[theirs.index(f"## {follow + 1}. ") : theirs.index(f"## {plan + 1}. ")]
    assert f"*{L['ours']}: " in step_part and f"| {L['what']} |" not in step_part

    second = new_meeting(
        store, set_id, PEOPLE, title="Familjen Lind", date=dt.date(2026, 3, 2), previous_id=first.id
    )
    second.start()
    assert [a.what for a in second.actions.carried()] == [
        "Ringa skolan",
        "Boka läkartid",
        "Söka stöd",
    ]
    second.goto_step(follow)
    second.actions.follow_up(called.id, ActionStatus.done, "Skolan ringd 3.2.")
    second.actions.follow_up(booked.id, ActionStatus.continued, "Ny tid i mars.")
    second.actions.follow_up(sought.id, ActionStatus.dropped)
    second.goto_step(plan)
    second.actions.add(ActionItem("Boka ny läkartid", who="Anna Lind"))
    second.finish()
    two = render_minutes(load_record(store, second.id))
    store.close()

    # Under the step, in its place among the steps, before the new plan; nowhere else.
    heading = f"## {follow + 1}. {title}"
    assert heading in two and two.count(L["follow_up"]) == 1
    section = two[two.index(heading) : two.index(f"## {plan + 1}. ")]
    for what, status, comment in (
        ("Ringa skolan", "done", "Skolan ringd 3.2."),
        ("Boka läkartid", "continued", "Ny tid i mars."),
        ("Söka stöd", "dropped", ""),
    ):
        row = next(line for line in section.splitlines() if line.startswith(f"| {what} |"))
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert cells[-2:] == [L[status], comment], row
    assert "Boka ny läkartid" in two[two.index(f"## {plan + 1}. ") :]


# -- a set without a plan (review F10) -------------------------------------------------------


@pytest.mark.parametrize("set_id", DANISH)
def test_a_danish_tool_has_no_plan_in_any_document_and_its_closing_talk_is_marked(tmp_path, set_id):
    qs = load_question_set(SETS / f"{set_id}.toml")
    assert not any(s.kind in (StepKind.action_planning, StepKind.follow_up) for s in qs.steps)
    closing = qs.steps[-1]
    assert closing.title == "Tag dialog med til samarbejdsparten"
    # "Når I har brugt dialogredskaberne": after the tools, not after each; the set's
    # placement is dialogtui's, and says so.
    assert closing.ours

    store = Store.open(tmp_path / "db")
    m = new_meeting(store, set_id, [("Ole Hansen", None), ("Mette Berg", None)])
    m.start()
    m.submit("Vi holder fast i beboerinddragelsen.")
    m.goto_step(len(qs.steps) - 1)
    m.submit("Vi fortæller det til kommunen.")
    m.finish()
    out = tmp_path / "out"
    paths = export_meeting(
        store, m.id, out, formats=(*document_formats(), "ics"), to="facilitators"
    ).paths
    store.close()
    L = labels("da")
    # No plan file and no calendar: nothing was planned or dated.
    assert set(kinds(paths)) == {"minutes.md", "minutes.docx", "minutes.pdf", "journal-note.txt"}
    for kind, text in document_texts(out).items():
        assert L["action_plan"] not in text and L["no_actions"] not in text, kind
        assert L["follow_up"] not in text, kind
    # The facilitators' copy says the closing talk's place is dialogtui's.
    minutes = document_texts(out)["minutes.md"]
    after = minutes[minutes.index("Tag dialog med til samarbejdsparten") :]
    assert f"{L['ours']}: " in after


@pytest.mark.parametrize(
    ("set_id", "plan"), [("dialogredskab-1-rammer", False), ("raseborg-temamote", True)]
)
def test_the_end_screen_offers_a_plan_only_where_one_is_written(tmp_path, set_id, plan):
    """`o` (to a folder) names what it writes: no action plan for a tool without one."""
    mid = seeded_meeting(tmp_path / "db", set_id, [("Ole Hansen", None)])

    async def scenario(app, pilot):
        await opened(pilot, "ctrl+o", EndScreen)
        await opened(pilot, "o", FolderDialog)
        await until(pilot, lambda: "Export minutes" in screen_text(app))
        said = "Export minutes and action plan to" if plan else "Export minutes to"
        assert said in screen_text(app)

    run(scenario, db=tmp_path / "db", meeting_id=mid)
