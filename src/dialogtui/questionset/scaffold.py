"""`dialogtui new`: a valid, commented question set to start from."""

from __future__ import annotations

import re

from dialogtui.questionset.model import Language

TEMPLATE = """\
# A dialogtui question set. `dialogtui validate {path}` checks it;
# docs/question-set-format.md describes every key.
id = "{id}"
title = "{title}"
language = "{language}"            # sv, fi, da, nb or en: the language of minutes and labels
method = "Framtidsdialog"
description = "What the meeting is for."
horizon = {{ years = 1 }}  # moves {{future}} and {{past}} (anticipation dialogue)
consent = "not_asked"   # "required": recorded before the start; "recommended": asked, not required

[source]
document = "Where the questions come from"
page = "1"

[facilitators]
asker = "Facilitator who asks"
writer = "Facilitator who writes"

# What the source says of how the meeting is run, shown with the set and in the notes (f9).
[[guidance]]
text = "Everyone may pass in every round."
applies = "rounds"                # or "meeting": shown with the first step

# Roles (groups) that questions are addressed to, in the order they are asked.
[[roles]]
id = "family"
name = "Family and network"

[[roles]]
id = "professionals"
name = "Professionals"

[[steps]]
title = "Opening round"
kind = "opening_round"           # every participant speaks in turn; passing is fine
minutes = 10

[[steps.questions]]
text = "Your name, and what you bring with you today."

[[steps]]
title = "The good future"
kind = "round"
order = "each_person"           # one person answers every question before the next
roles = ["family", "professionals"]
minutes = 40

[[steps.questions]]
text = "It is now {{future}} and things have worked out. What are you especially glad about?"
prompts = ["What did you do yourself to make it happen?"]
note = "A note for the facilitators, not read aloud."

[[steps.questions]]
text = "What were you worried about back in {{past}}?"

[[steps]]
title = "What each organisation can do"
kind = "round"
over = "organisation"   # organisation by organisation; any of its people speaks for it
minutes = 15
timebox = {{ per = "organisation", minutes = 4, max_minutes = 5 }}  # over time after 5 min

[[steps.questions]]
text = "How can you support the family?"

[[steps]]
title = "What you need of each other"
kind = "needs"   # each need put by one to another, then answered by the one asked
over = "organisation"
minutes = 15

[[steps.questions]]
text = "What do you need of the others to support the family?"

[[steps]]
title = "Who is around the family"
kind = "map"     # each sheet laid in a place, the nearest first; "timeline": sheets in order
places = ["Close", "Further out", "Far"]

[[steps]]
id = "ideas"   # a later step names it: groups = {{ by = "step", step = "ideas" }}
title = "Ideas in groups"
kind = "group_work"
form = "groups"   # or "individual", "pairs": the scribe types each group's output
groups = {{ by = "number", count = 2 }}   # or by "organisation", "choice" (named at the step)
minutes = 15

[[steps.questions]]
text = "What would help most?"

[[steps]]
title = "Choose what to work on"
kind = "vote"                     # cards written as presented, ranked by the dots given
vote = {{ dots = 3, keep = 2 }}

[[steps]]
title = "Action plan"
kind = "action_planning"         # what, how, who, with whom, when, first step
minutes = 20

[[steps]]
title = "Closing round"
kind = "closing_round"
minutes = 10

[[steps.questions]]
text = "What do you take with you from today?"
"""


def template(set_id: str, path: str, language: Language = Language.en) -> str:
    title = re.sub(r"[-_]+", " ", set_id).strip().capitalize()
    return TEMPLATE.format(id=set_id, title=title, language=language.value, path=path)


def copy_of(text: str, set_id: str, origin: str) -> str:
    """A set's file under a new id, to make one's own of it (a theme of the meeting's own
    in a copy of the temamöte): the text as it is, but its id and its first comment."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith("#:schema"):
        lines.pop(0)  # the built-in file's path to the schema is not the copy's
    for n, line in enumerate(lines):
        if line.startswith("["):
            break  # a table's own `id` (a role, a step) is not the set's
        if re.match(r"id\s*=", line):
            lines[n] = f'id = "{set_id}"\n'
            break
    said = (
        f"# A copy of the set {origin}, made by `dialogtui new {set_id} --from {origin}`.\n"
        "# Whatever you change or add that its source does not say, mark with `ours`.\n"
    )
    return said + "".join(lines)
