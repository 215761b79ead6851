"""Träff 4 with two named cases, as a new user ran it (newcomer review N3, N10, N11): the
vote keeps two cards, each case is chosen from one, case 1 makes its collaboration map and
case 2 skips it, an action is noted with f3 inside case 1's case map, each case records its
own consent. For the documents' tests of cases."""

from __future__ import annotations

import datetime as dt

from conftest import SETS
from meeting_helpers import new_meeting

from dialogtui.kinds import needs, vote
from dialogtui.meeting.clock import FakeClock
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import ActionItem

PEOPLE = [
    ("Lena Ström", "skola", "Karis skola"),
    ("Per Ek", "socialtjanst", "Socialtjänsten"),
]
BOY, GIRL = "Pojke 9, frånvaro och utbrott", "Flicka 14, hemmasittare"


def goto(m: MeetingEngine, step_id: str) -> None:
    m.goto_step(m.qs.step_ids.index(step_id), repetition=m.pos.repetition)


def traff_4_with_cases(
    store, clock: FakeClock | None = None, finish: bool = True, **info
) -> MeetingEngine:
    clock = clock or FakeClock(dt.datetime(2026, 12, 5, 9, 0, tzinfo=dt.UTC))
    m = new_meeting(store, "samtidigt-traff-4", PEOPLE, clock=clock, title="Träff 4", **info)
    m.start()
    m.submit("Jag heter Lena och har med mig två case.")
    goto(m, "urval")
    boy = m.cards.add(BOY)
    girl = m.cards.add(GIRL)
    vote.give(m.kind_context(), boy.id, 3)
    vote.give(m.kind_context(), girl.id, 2)
    goto(m, "casekarta")
    m.cases.name_case(BOY, boy.id)
    m.consent.record_case(1, "muntligt samtycke, mamma")
    m.submit("Pojken bor med mamma och två syskon, stor frånvaro.")
    m.actions.add(ActionItem("Fotbollsgrupp tisdagar", who="Per Ek"))  # f3, in case 1
    goto(m, "handlingsplan")
    m.actions.add(ActionItem("Anpassad studiegång", who="Lena Ström", when=dt.date(2027, 1, 15)))
    goto(m, "samverkanskarta")
    need = needs.add(m.kind_context(), "Socialtjänsten", "Karis skola", "Snabbare återkoppling")
    needs.answer(m.kind_context(), need.id, "Ja, inom en vecka via kontaktperson")
    assert m.repeat_block(name=GIRL, card_id=girl.id)
    m.submit("Flickan har inte varit i skolan sedan oktober.")
    goto(m, "handlingsplan")
    m.actions.add(ActionItem("Hembesök", who="Per Ek", when=dt.date(2027, 1, 20)))
    goto(m, "samverkanskarta")
    m.skip_step()  # case 2 only
    goto(m, "avslutning")
    m.submit("Jag tar med mig casekartan.")
    m.actions.add(ActionItem("Boka nästa pilotverkstad", who="Lena Ström"))  # outside the cases
    if finish:
        m.finish()
    else:  # left open, as the app finds it
        m.close()
    return m


def traff_4_with_zones() -> str:
    """Träff 4 with two more steps in its cases' block, for the tests only: each child's
    worry rated on a scale (as Orons zoner rates it) and the collaboration around the child
    marked now and desired (as Dialogredskab marks it). What is rated and marked in a case
    is that child's, like its turns."""
    text = (SETS / "samtidigt-traff-4.toml").read_text(encoding="utf-8")
    block = 'steps = ["casekarta", "handlingsplan", "samverkanskarta"]'
    closing = '[[steps]]\nid = "avslutning"'
    assert block in text and closing in text
    steps = """[[steps]]
id = "oro"
title = "Orons zoner"
kind = "scale"
ours = "A step of the tests only."

[steps.scale]
rated_by = "participant"
points = [
    { value = 1, zone = "Ingen oro", description = "Ingen oro alls." },
    { value = 2, zone = "Mycket oro", description = "Mycket oro hela tiden." },
]

[[steps]]
id = "samarbete"
title = "Samarbetet kring barnet"
kind = "choice"
ours = "A step of the tests only."

[[steps.questions]]
text = "Hur samarbetar ni nu, och hur vill ni samarbeta?"

[steps.choice]
ratings = ["now", "desired"]
options = [
    { id = "stafett", label = "Stafetten" },
    { id = "lag", label = "Laget" },
]

"""
    text = text.replace(closing, steps + closing)
    return text.replace(
        block, 'steps = ["casekarta", "handlingsplan", "samverkanskarta", "oro", "samarbete"]'
    )
