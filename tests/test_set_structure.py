"""Each shipped set's shape, as reviewed against its source (../shared/reviews/
method-structure-review.md, issue 13): per step, how it is worked, who takes the turns and
in what order, per whom its timebox runs, whether it is optional, alternatives or ours; per
set, the consent its source asks. A change to a set's structure must change this table too,
on purpose."""

from __future__ import annotations

import pytest
from conftest import SETS

from dialogtui.questionset.loader import load_question_set
from dialogtui.questionset.model import Step
from dialogtui.questionset.words import kind_label


def who_takes_the_turns(s: Step) -> str:
    if s.in_groups and s.groups is not None and s.groups.step:
        return f"{s.form} of {s.groups.step}"
    if s.by_group and s.groups is not None and s.groups.step:
        return f"groups of {s.groups.step}"
    if s.by_group:
        return f"{s.form}" + (f" ({s.groups.by})" if s.groups else "")
    if s.by_organisation:
        return "organisations"
    if s.form == "individual":
        return "each alone"
    return "roles " + ",".join(s.roles) if s.roles else "everyone"


def shape(s: Step) -> tuple[str, str, str, str, str, str]:
    order = s.order if s.is_round and len(s.questions) > 1 and not s.alternatives else ""
    timebox = ""
    if s.timebox:
        upper = f"-{s.timebox.max_minutes}" if s.timebox.max_minutes else ""
        timebox = f"{s.timebox.minutes}{upper}/{s.timebox.per}"
    flags = [("optional", s.optional is not None), ("alternatives", s.alternatives)]
    marks = ",".join(name for name, on in [*flags, ("ours", bool(s.ours))] if on)
    return (s.id or "", kind_label(s), who_takes_the_turns(s), order, timebox, marks)


REVIEWED = {
    # dialogtui's own workshop sets (their `ours` says so), built for Träff 1 and 6
    "opera": (
        "not_asked",
        [
            ("egen-tanke", "individual work", "each alone", "", "", ""),
            ("par", "work in pairs", "pairs", "", "", ""),
            ("forklara", "presentation", "groups of par", "", "", ""),
            ("rangordna", "vote", "everyone", "", "", ""),
            ("arrangera", "discussion", "everyone", "", "", ""),
        ],
    ),
    "reflekterande-team": (
        "not_asked",
        [
            ("samtal", "discussion", "roles caseagare", "", "", ""),
            ("reflektion", "round", "roles team", "", "", ""),
            ("svar", "discussion", "roles caseagare", "", "", ""),
        ],
    ),
    "dialogredskab-1-rammer": (
        "not_asked",
        [
            ("rammer", "discussion", "everyone", "", "", ""),
            ("tilgang", "choice", "everyone", "", "", "ours"),
            ("vaerdier-metoder", "discussion", "everyone", "", "", ""),
            ("overordnede-maal", "discussion", "everyone", "", "", ""),
            ("handlingsplan", "discussion", "everyone", "", "", ""),
        ],
    ),
    "dialogredskab-2-aktiviteter": (
        "not_asked",
        [
            ("formaal", "discussion", "everyone", "", "", ""),
            ("roller", "choice", "everyone", "", "", ""),
            ("ressourcer", "discussion", "everyone", "", "", ""),
            ("metoder", "discussion", "everyone", "", "", ""),
            ("droeft", "discussion", "everyone", "", "", ""),
            ("handlingsplan", "discussion", "everyone", "", "", ""),
        ],
    ),
    "dialogredskab-3-samarbejdsrelationer": (
        "not_asked",
        [
            ("samarbejdsform", "choice", "everyone", "", "", ""),
            ("samarbejdsmodel", "choice", "everyone", "", "", ""),
            ("droeft", "discussion", "everyone", "", "", ""),
            ("handlingsplan", "discussion", "everyone", "", "", ""),
        ],
    ),
    "goda-samtal-medborgarmote": (
        "not_asked",
        [
            ("valkomna", "brief", "everyone", "", "", "ours"),
            ("samverkan", "discussion", "everyone", "", "", "ours"),
            ("framtida-valfardstjanster", "discussion", "everyone", "", "", "ours"),
            ("avslutning", "action planning", "everyone", "", "", "ours"),
        ],
    ),
    "hva-planlegging": (
        "not_asked",
        [
            ("godt-nytt", "work in pairs", "pairs", "", "", "ours"),
            ("hva-planlegging", "individual work", "each alone", "", "", "optional"),
            ("brukerkonferanse", "individual work", "each alone", "", "", "optional"),
            ("prosedyre", "work in pairs", "pairs of godt-nytt", "", "", ""),
            ("lunsj", "break", "everyone", "", "", "ours"),
            ("mulighetsanalyse", "group work", "groups", "", "", ""),
            ("felles-analyse", "group work", "groups of mulighetsanalyse", "", "", ""),
            ("presentasjon", "presentation", "groups of mulighetsanalyse", "", "7-8/group", "ours"),
            ("utstilling", "brief", "everyone", "", "", ""),
            ("handlingsplan", "action planning", "everyone", "", "", "ours"),
        ],
    ),
    "raseborg-klientmote": (
        "not_asked",
        [
            ("familjen", "round", "roles familj", "each_person", "", ""),
            ("myndigheterna", "round", "roles myndighet", "each_person", "", ""),
            ("handlingsplan", "action planning", "everyone", "", "", "ours"),
        ],
    ),
    "raseborg-klientmote-fi": (  # the Finnish translation, its original's shape
        "not_asked",
        [
            ("familjen", "round", "roles familj", "each_person", "", ""),
            ("myndigheterna", "round", "roles myndighet", "each_person", "", ""),
            ("handlingsplan", "action planning", "everyone", "", "", "ours"),
        ],
    ),
    "raseborg-myndighetsmote": (
        "not_asked",
        [
            ("fragor", "round", "roles myndighet", "each_person", "", "ours"),
            ("handlingsplan", "action planning", "everyone", "", "", "ours"),
        ],
    ),
    "raseborg-myndighetsmote-fi": (  # the Finnish translation, its original's shape
        "not_asked",
        [
            ("fragor", "round", "roles myndighet", "each_person", "", "ours"),
            ("handlingsplan", "action planning", "everyone", "", "", "ours"),
        ],
    ),
    "raseborg-orons-zoner": (
        "not_asked",
        [
            ("skala", "scale", "everyone", "", "", "ours"),
            ("granskning", "round", "everyone", "each_question", "", "ours"),
        ],
    ),
    "raseborg-orons-zoner-fi": (  # the Finnish translation, its original's shape
        "not_asked",
        [
            ("skala", "scale", "everyone", "", "", "ours"),
            ("granskning", "round", "everyone", "each_question", "", "ours"),
        ],
    ),
    "raseborg-planeringsdialog": (
        "not_asked",
        [
            ("framtidsdialog", "round", "everyone", "each_person", "", ""),
            ("handlingsplan", "action planning", "everyone", "", "", "ours"),
        ],
    ),
    "raseborg-planeringsdialog-fi": (  # the Finnish translation, its original's shape
        "not_asked",
        [
            ("framtidsdialog", "round", "everyone", "each_person", "", ""),
            ("handlingsplan", "action planning", "everyone", "", "", "ours"),
        ],
    ),
    "raseborg-temamote": (
        "not_asked",
        [
            ("tema", "round", "everyone", "", "", "alternatives"),
            ("handlingsplan", "action planning", "everyone", "", "", "ours"),
        ],
    ),
    "raseborg-temamote-fi": (  # the Finnish translation, its original's shape
        "not_asked",
        [
            ("tema", "round", "everyone", "", "", "alternatives"),
            ("handlingsplan", "action planning", "everyone", "", "", "ours"),
        ],
    ),
    # The handbook's "Diskussion och frågor" of chapters 3–8, one discussion each (§2.1).
    "samtidigt-planering": (
        "not_asked",
        [
            ("planering", "discussion", "everyone", "", "", "ours"),
            ("styrgrupp", "discussion", "everyone", "", "", ""),
            ("projektledare", "discussion", "everyone", "", "", ""),
            ("pilotverkstad", "discussion", "everyone", "", "", ""),
            ("barnen", "discussion", "everyone", "", "", ""),
            ("dokumentationen", "discussion", "everyone", "", "", ""),
        ],
    ),
    "samtidigt-traff-1": (
        "not_asked",
        [
            ("varfor", "opening round", "everyone", "", "", ""),
            ("upplagg", "brief", "everyone", "", "", ""),
            ("opera", "group work", "everyone", "", "", "ours"),
            ("grupparbete", "group work", "groups (choice)", "", "", ""),
            ("dragning", "presentation", "groups of grupparbete", "", "", "ours"),
            ("avslutning", "closing round", "everyone", "", "", ""),
        ],
    ),
    "samtidigt-traff-2": (
        "not_asked",
        [
            ("startrunda", "opening round", "everyone", "", "", ""),
            ("intressentkarta", "map", "everyone", "", "", "ours"),
            ("samverkanskarta", "round", "organisations", "", "", "ours"),
            ("behov", "needs", "organisations", "each_question", "", "ours"),
            ("handlingsplan", "action planning", "everyone", "", "", "ours"),
            ("avslutning", "closing round", "everyone", "", "", ""),
        ],
    ),
    "samtidigt-traff-3": (
        "not_asked",
        [
            ("startrunda", "opening round", "everyone", "", "", ""),
            ("post-it", "group work", "groups (organisation)", "", "", "ours"),
            ("tidslinje", "timeline", "organisations", "", "20/organisation", ""),
            ("reflektion", "discussion", "everyone", "", "", "ours"),
            ("avslutning", "closing round", "everyone", "", "", ""),
        ],
    ),
    "samtidigt-traff-4": (
        "recommended",
        [
            ("startrunda", "opening round", "everyone", "", "", ""),
            ("caseinventering", "round", "everyone", "", "", ""),
            ("urval", "vote", "everyone", "", "", "optional,ours"),
            ("casekarta", "round", "organisations", "each_question", "", ""),
            ("handlingsplan", "action planning", "everyone", "", "", "ours"),
            ("samverkanskarta", "needs", "organisations", "each_question", "", "optional"),
            ("avslutning", "closing round", "everyone", "", "", ""),
        ],
    ),
    "samtidigt-traff-5": (
        "not_asked",
        [
            ("startrunda", "opening round", "everyone", "", "", ""),
            ("caseavstamning", "follow up", "everyone", "", "", "ours"),
            ("summera", "discussion", "everyone", "", "", "ours"),
            ("aktiviteter", "action planning in groups", "groups (choice)", "", "", ""),
            ("presentera", "presentation", "groups of aktiviteter", "", "", ""),
            ("avslutning", "closing round", "everyone", "", "", ""),
        ],
    ),
    "samtidigt-traff-6": (
        "not_asked",
        [
            ("startrunda", "opening round", "everyone", "", "", ""),
            ("caseuppfoljning", "follow up", "everyone", "", "", "optional,ours"),
            ("reflekterande-team", "reflecting team", "everyone", "", "", ""),
            ("avslutning", "closing round", "everyone", "", "", ""),
        ],
    ),
}


def test_every_shipped_set_is_in_the_table():
    assert sorted(REVIEWED) == sorted(p.stem for p in SETS.glob("*.toml"))


@pytest.mark.parametrize("set_id", sorted(REVIEWED))
def test_the_set_has_the_shape_it_was_reviewed_with(set_id):
    qs = load_question_set(SETS / f"{set_id}.toml")
    consent, steps = REVIEWED[set_id]
    assert qs.consent_mode == consent
    assert [shape(s) for s in qs.steps] == steps
