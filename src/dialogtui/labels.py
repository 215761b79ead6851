"""Headings and labels of the exported documents (and the app's tables), per language: the
meeting's by default, another when a recipient needs it (`export --labels`).

The document's words, below both the engine (a group's default name, "Grupp 1") and the
export, so that the engine imports nothing from the export.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from dialogtui.i18n import NC_, translations

if TYPE_CHECKING:
    from dialogtui.questionset.model import QuestionSet, Step

# Each label of the documents (and of the screen's tables that show what the minutes will
# say), by its key, in English; the catalogues hold it in every language dialogtui speaks,
# under the context "document": a document's word may differ from the screens' own.
_LABELS: dict[str, str] = {
    "minutes": NC_("document", "Minutes"),
    "action_plan": NC_("document", "Action plan"),
    "method": NC_("document", "Method"),
    "date": NC_("document", "Date"),
    "place": NC_("document", "Place"),
    "asker": NC_("document", "Facilitator (asks)"),
    "writer": NC_("document", "Facilitator (writes)"),
    "participants": NC_("document", "Participants"),
    "participant": NC_("document", "Participant"),
    "name": NC_("document", "Name"),
    "role": NC_("document", "Role"),
    "organisation": NC_("document", "Organisation"),
    "planned": NC_("document", "Planned"),
    "actual": NC_("document", "Actual"),
    "skipped": NC_("document", "Skipped"),
    "optional": NC_("document", "Optional"),
    "votes": NC_("document", "Vote"),
    "card": NC_("document", "Card"),
    "dots": NC_("document", "Dots"),
    "kept": NC_("document", "kept"),
    "needs": NC_("document", "Needs and answers"),
    "need_by": NC_("document", "From"),
    "need_to": NC_("document", "To"),
    "need": NC_("document", "Need"),
    "answer": NC_("document", "Answer"),
    "of": NC_("document", "of"),
    "timeline": NC_("document", "Timeline"),
    "map": NC_("document", "Map"),
    "not_placed": NC_("document", "Not placed"),
    "unanswered": NC_("document", "not answered yet"),
    "group_n": NC_("document", "Group {n}"),
    "pair_n": NC_("document", "Pair {n}"),
    "ours": NC_("document", "Added, not in the source"),
    "min": NC_("document", "min"),
    "untimed": NC_("document", "untimed"),
    "passed": NC_("document", "passed"),
    "scale": NC_("document", "Rating"),
    "value": NC_("document", "Value"),
    "zone": NC_("document", "Zone"),
    "comment": NC_("document", "Comment"),
    "choice": NC_("document", "Choice"),
    "option": NC_("document", "Option"),
    "now": NC_("document", "Now"),
    "desired": NC_("document", "Desired"),
    "decisions": NC_("document", "Decisions"),
    "standpoints": NC_("document", "Agreed standpoint"),
    "concerns": NC_("document", "Concerns"),
    "what": NC_("document", "What"),
    "how": NC_("document", "How"),
    "who": NC_("document", "Who"),
    "with_whom": NC_("document", "With whom"),
    "when": NC_("document", "When"),
    "first_step": NC_("document", "First step"),
    "status": NC_("document", "Status"),
    "follow_up": NC_("document", "Follow-up of earlier actions"),
    "open": NC_("document", "open"),
    "to_review": NC_("document", "to review"),
    "done": NC_("document", "done"),
    "continued": NC_("document", "continued"),
    "dropped": NC_("document", "dropped"),
    "consent": NC_("document", "Consent"),
    "consent_yes": NC_("document", "guardians' consent recorded"),
    "consent_no": NC_("document", "consent missing"),
    "repetition": NC_("document", "Round"),
    # One time through a block whose every time is a child's case with its own consent, in
    # labels of another language than the set's (whose own word is then not used).
    "case": NC_("document", "Case"),
    "follows_up": NC_("document", "Follows up"),
    "no_actions": NC_("document", "No actions."),
    # The plan's actions made outside the cases, under each case's own (Träff 4).
    "other_actions": NC_("document", "Other actions"),
    # One case's copy (a child's): "{case}" is the case's word, number and name.
    "case_copy": NC_("document", "This copy holds one case, {case}; the other cases are left out."),
    "times": NC_("document", "Times"),
    "step": NC_("document", "Step"),
    "total": NC_("document", "Total"),
    # A turn with nobody given the floor (a brief, the room together): said in common,
    # not by "the group", which in a meeting of groups reads as one of them.
    "group": NC_("document", "Together"),
    # What someone wrote working on their own, filed under no one (never "the group's").
    "individual_work": NC_("document", "Individual work"),
    "group_name": NC_("document", "Group"),
    "edited": NC_("document", "edited"),
    "earlier": NC_("document", "earlier"),
    "deleted": NC_("document", "deleted"),
    "with_history": NC_("document", "With history: edited and deleted turns are shown."),
    "time": NC_("document", "Time"),
    "pseudonymised": NC_("document", "Names are replaced by pseudonyms."),
    "corrected": NC_("document", "corrected at read-back"),
    "objection": NC_("document", "{name} considers this incorrect"),
    "read_back": NC_("document", "Read back and accepted by"),
    "what_was_read": NC_("document", "read back: {parts}"),
    "reopened": NC_(
        "document",
        "the meeting was opened again at {time}: what was written after is not read back",
    ),
    "journal": NC_("document", "Journal note"),
    "written_by": NC_("document", "Written by"),
    "present": NC_("document", "Present"),
    "consent_not_asked": NC_("document", "not asked"),
    "goal_own": NC_("document", "Goal, in their own words"),
    "goal_professionals": NC_("document", "Goal, as the professionals put it"),
    "plan_owner": NC_("document", "Plan owner (overall responsibility)"),
    "follow_up_meeting": NC_("document", "Follow-up meeting"),
    "called_by": NC_("document", "called by {name}"),
    "by_others": NC_("document", "Measures by parties outside the meeting"),
    "page": NC_("document", "Page {page} of {pages}"),
    # What a read-back covered (covered_text): each part's count
    # for 1, and for any other number (`_plural`).
    "count_turns": NC_("document", "{n} turn"),
    "count_turns_plural": NC_("document", "{n} turns"),
    "count_decisions": NC_("document", "{n} decision"),
    "count_decisions_plural": NC_("document", "{n} decisions"),
    "count_concerns": NC_("document", "{n} concern"),
    "count_concerns_plural": NC_("document", "{n} concerns"),
    "count_standpoints": NC_("document", "{n} standpoint"),
    "count_standpoints_plural": NC_("document", "{n} standpoints"),
    "count_cards": NC_("document", "{n} card"),
    "count_cards_plural": NC_("document", "{n} cards"),
    "count_needs": NC_("document", "{n} need"),
    "count_needs_plural": NC_("document", "{n} needs"),
    "count_sheets": NC_("document", "{n} sheet"),
    "count_sheets_plural": NC_("document", "{n} sheets"),
    "count_ratings": NC_("document", "{n} rating"),
    "count_ratings_plural": NC_("document", "{n} ratings"),
    "count_choices": NC_("document", "{n} choice marked"),
    "count_choices_plural": NC_("document", "{n} choices marked"),
    "count_entries": NC_("document", "{n} other entry"),
    "count_entries_plural": NC_("document", "{n} other entries"),
    "count_follow_ups": NC_("document", "{n} earlier action"),
    "count_follow_ups_plural": NC_("document", "{n} earlier actions"),
    "count_actions": NC_("document", "{n} action"),
    "count_actions_plural": NC_("document", "{n} actions"),
    "count_plan": NC_("document", "the plan's frame"),
    "and": NC_("document", "and"),
    "facts": NC_("document", "Facts"),
    "assessments": NC_("document", "Assessments"),
    "copy_for": NC_(
        "document", "This copy holds the statements of {names}; the others' are left out."
    ),
    "copy_for_none": NC_(
        "document", "This copy holds no participant's statements; what each said is left out."
    ),
    # A time of day (or two, "13:02–14:31") in a document's text, with the word the
    # language writes before one: "kl. {time}" (sv, da, nb), "klo {time}" (fi).
    "clock": NC_("document", "{time}"),
    # A document whose labels are in another language than its question set's.
    "kept_language": NC_(
        "document",
        "The question set's own texts (its questions, steps and roles) and what was said stay"
        " in the meeting's language ({language}), as they were asked and said.",
    ),
}


@functools.cache
def labels(language: str) -> dict[str, str]:
    """The labels in `language` (English where it is not one of dialogtui's)."""
    said = translations(language)
    return {key: said.pgettext("document", text) for key, text in _LABELS.items()}


ACTION_FIELDS = ["what", "how", "who", "with_whom", "when", "first_step"]


def action_columns(
    qs: QuestionSet, step: Step | None = None, language: str | None = None
) -> list[tuple[str, str]]:
    """(field, heading) of an action item, in one place for the screen and the export: the
    columns of `step` (or of the set's first action-planning step that names its own), or
    every field with the headings of `language` (the set's by default). An action is
    nothing without its 'what'."""
    names = labels(language or qs.language.value)
    steps = [step] if step is not None else qs.steps
    own = next((s.columns for s in steps if s.columns), None)
    if not own:
        return [(f, names[f]) for f in ACTION_FIELDS]
    cols: list[tuple[str, str]] = [(c.field, c.label) for c in own]
    if "what" not in {f for f, _ in cols}:
        cols.insert(0, ("what", names["what"]))
    return cols


def covered_text(covered: list[tuple[str, int]], L: dict[str, str]) -> str:
    """ "42 inlägg, 2 beslut, 1 orosmoment, 3 åtgärder och planens ram": what a read-back
    covered, in the labels' language ("" where nothing is known). Each count in its form
    for that number: dialogtui's five languages all have one form for 1 and one for any
    other number (their catalogues' Plural-Forms, which a test holds to that); a part not
    known here is said as entries."""
    said: list[str] = []
    for part, n in covered:
        if part == "plan":
            said.append(L["count_plan"])
            continue
        key = f"count_{part}" if f"count_{part}" in L else "count_entries"
        said.append(L[key if n == 1 else f"{key}_plural"].format(n=n))
    if len(said) < 2:
        return "".join(said)
    return f"{', '.join(said[:-1])} {L['and']} {said[-1]}"
