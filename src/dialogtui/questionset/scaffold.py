"""`dialogtui new`: a valid, commented question set to start from."""

from __future__ import annotations

import json
import re

from dialogtui.display import one_line
from dialogtui.i18n import NC_, translations
from dialogtui.questionset.model import Language

# The file's keys and values are the format's own (English, as docs/question-set-format.md
# names them); what a facilitator reads is in the language the set is written in: each
# comment ({c_…}) and each sample text ({s_…}, written as a TOML string) is a message.
TEMPLATE = """\
# {c_head}
# {c_docs}
id = "{id}"
title = {title}
language = "{language}"  # {c_language}
method = {s_method}
description = {s_description}
horizon = {{ years = 1 }}  # {c_horizon}
consent = "not_asked"  # {c_consent}

[source]
document = {s_source}
page = "1"

[facilitators]
asker = {s_asker}
writer = {s_writer}

# {c_guidance}
[[guidance]]
text = {s_guidance}
applies = "rounds"  # {c_applies}

# {c_roles}
[[roles]]
id = "family"
name = {s_family}
stand_in = {s_family_one}  # {c_stand_in}

[[roles]]
id = "professionals"
name = {s_professionals}
stand_in = {s_professional_one}

[[steps]]
title = {s_opening}
kind = "opening_round"  # {c_opening}
minutes = 10

[[steps.questions]]
text = {s_opening_q}

[[steps]]
title = {s_future}
kind = "round"
order = "each_person"  # {c_each_person}
roles = ["family", "professionals"]
minutes = 40

[[steps.questions]]
text = {s_future_q}
prompts = [{s_future_prompt}]
note = {s_note}

[[steps.questions]]
text = {s_past_q}

[[steps]]
title = {s_each_organisation}
kind = "round"
over = "organisation"  # {c_over}
minutes = 15
timebox = {{ per = "organisation", minutes = 4, max_minutes = 5 }}  # {c_timebox}

[[steps.questions]]
text = {s_each_organisation_q}

[[steps]]
title = {s_needs}
kind = "needs"  # {c_needs}
over = "organisation"
minutes = 15

[[steps.questions]]
text = {s_needs_q}

[[steps]]
title = {s_map}
kind = "map"  # {c_map}
places = [{s_close}, {s_further}, {s_far}]

[[steps]]
id = "ideas"  # {c_step_id}: groups = {{ by = "step", step = "ideas" }}
title = {s_ideas}
kind = "group_work"
form = "groups"  # {c_form}
groups = {{ by = "number", count = 2 }}  # {c_groups}
minutes = 15

[[steps.questions]]
text = {s_ideas_q}

[[steps]]
title = {s_vote}
kind = "vote"  # {c_vote}
vote = {{ dots = 3, keep = 2 }}

[[steps]]
title = {s_plan}
kind = "action_planning"  # {c_plan}
minutes = 20

[[steps]]
title = {s_closing}
kind = "closing_round"
minutes = 10

[[steps.questions]]
text = {s_closing_q}
"""

# The template's words, by their place in it: comments (c_) and sample texts (s_).
TEXTS = {
    "c_head": NC_("new set", "A dialogtui question set. `dialogtui validate {path}` checks it;"),
    "c_docs": NC_("new set", "docs/question-set-format.md describes every key."),
    "c_language": NC_("new set", "sv, fi, da, nb or en: the language of the minutes and labels"),
    "c_horizon": NC_("new set", "moves {future} and {past} (anticipation dialogue)"),
    "c_consent": NC_(
        "new set", '"required": recorded before the start; "recommended": asked, not required'
    ),
    "c_guidance": NC_(
        "new set",
        "What the source says of how the meeting is run, shown with the set and in the notes (f9).",
    ),
    "c_applies": NC_("new set", 'or "meeting": shown with the first step'),
    "c_roles": NC_(
        "new set", "Roles (groups) that questions are addressed to, in the order they are asked."
    ),
    "c_stand_in": NC_(
        "new set", "one person of the role, in lower case: the minutes write it after a name"
    ),
    "c_opening": NC_("new set", "every participant speaks in turn; passing is fine"),
    "c_each_person": NC_("new set", "one person answers every question before the next"),
    "c_over": NC_("new set", "organisation by organisation; any of its people speaks for it"),
    "c_timebox": NC_("new set", "over time after 5 min"),
    "c_needs": NC_("new set", "each need put by one to another, then answered by the one asked"),
    "c_map": NC_(
        "new set", 'each sheet laid in a place, the nearest first; "timeline": sheets in order'
    ),
    "c_step_id": NC_("new set", "a later step names it"),
    "c_form": NC_("new set", 'or "individual", "pairs": the scribe types each group\'s output'),
    "c_groups": NC_("new set", 'or by "organisation", "choice" (named at the step)'),
    "c_vote": NC_("new set", "cards written as presented, ranked by the dots given"),
    "c_plan": NC_("new set", "what, how, who, with whom, when, first step"),
    "s_method": NC_("new set", "Anticipation dialogue"),
    "s_description": NC_("new set", "What the meeting is for."),
    "s_source": NC_("new set", "Where the questions come from"),
    "s_asker": NC_("new set", "Facilitator who asks"),
    "s_writer": NC_("new set", "Facilitator who writes"),
    "s_guidance": NC_("new set", "Everyone may pass in every round."),
    "s_family": NC_("new set", "Family and network"),
    "s_professionals": NC_("new set", "Professionals"),
    # What one person of each role is called, as in the middle of a sentence.
    "s_family_one": NC_("new set", "family member"),
    "s_professional_one": NC_("new set", "professional"),
    "s_opening": NC_("new set", "Opening round"),
    "s_opening_q": NC_("new set", "Your name, and what you bring with you today."),
    "s_future": NC_("new set", "The good future"),
    "s_future_q": NC_(
        "new set",
        "It is now {future} and things have worked out. What are you especially glad about?",
    ),
    "s_future_prompt": NC_("new set", "What did you do yourself to make it happen?"),
    "s_note": NC_("new set", "A note for the facilitators, not read aloud."),
    "s_past_q": NC_("new set", "What were you worried about back in {past}?"),
    "s_each_organisation": NC_("new set", "What each organisation can do"),
    "s_each_organisation_q": NC_("new set", "How can you support the family?"),
    "s_needs": NC_("new set", "What you need of each other"),
    "s_needs_q": NC_("new set", "What do you need of the others to support the family?"),
    "s_map": NC_("new set", "Who is around the family"),
    "s_close": NC_("new set", "Close"),
    "s_further": NC_("new set", "Further out"),
    "s_far": NC_("new set", "Far"),
    "s_ideas": NC_("new set", "Ideas in groups"),
    "s_ideas_q": NC_("new set", "What would help most?"),
    "s_vote": NC_("new set", "Choose what to work on"),
    "s_plan": NC_("new set", "Action plan"),
    "s_closing": NC_("new set", "Closing round"),
    "s_closing_q": NC_("new set", "What do you take with you from today?"),
}


def toml_string(text: str) -> str:
    """A text as a TOML basic string (JSON's escapes are TOML's, for what a text holds)."""
    return json.dumps(text, ensure_ascii=False)


def template(set_id: str, path: str, language: Language = Language.en) -> str:
    """The commented set `dialogtui new` writes, its comments and samples in `language`,
    which is also the set's own language (its minutes', as its questions are)."""
    said = translations(language.value)
    words = {key: said.pgettext("new set", text) for key, text in TEXTS.items()}
    # One line of a comment, whatever the folder's name holds (a line break would end it).
    words["c_head"] = words["c_head"].format(path=one_line(path))
    values = {k: v if k.startswith("c_") else toml_string(v) for k, v in words.items()}
    title = toml_string(re.sub(r"[-_]+", " ", set_id).strip().capitalize())
    return TEMPLATE.format(id=set_id, title=title, language=language.value, **values)


def copy_of(text: str, set_id: str, origin: str, language: Language = Language.en) -> str:
    """A set's file under a new id, to make one's own of it (a theme of the meeting's own
    in a copy of the temamöte): the text as it is, but its id and its first comment (in
    `language`, the facilitator's: the set's own texts stay as they are)."""
    lines = text.splitlines(keepends=True)
    if lines and lines[0].startswith("#:schema"):
        lines.pop(0)  # the built-in file's path to the schema is not the copy's
    translated: str | None = None  # the set the copied one translates, if it does
    ours: list[int] = []  # the lines of the set's own `ours` note
    for n, line in enumerate(lines):
        if line.startswith("["):
            break  # a table's own `id` (a role, a step) is not the set's
        if re.match(r"id\s*=", line):
            lines[n] = f'id = "{set_id}"\n'
        elif found := re.match(r"translation_of\s*=\s*[\"']([^\"']*)", line):
            # A copy is made to be changed: it is no longer the original's translation,
            # and listed as one it would stand under a set it does not follow.
            translated = found.group(1)
            lines[n] = ""
        elif re.match(r"ours\s*=", line):
            ours = _value_lines(lines, n)
    if translated is not None:
        # The translator's note says the steps and questions are the original's: a claim
        # the copy, made to be changed, no longer holds. The head says where it came from.
        for n in ours:
            lines[n] = ""
    said = translations(language.value)
    made = said.pgettext("new set", "A copy of the set {origin}, made by `{command}`.")
    mark = said.pgettext(
        "new set", "Whatever you change or add that its source does not say, mark with `ours`."
    )
    command = f"dialogtui new {set_id} --from {origin}"
    head = f"# {one_line(made.format(origin=origin, command=command))}\n# {mark}\n"
    if translated is not None:
        was = said.pgettext(
            "new set",
            "{origin} translates {original}; this copy need not: the translator's note "
            "saying so is left out, and the comments below speak of {origin}.",
        )
        head += f"# {one_line(was.format(origin=origin, original=translated))}\n"
    return head + "".join(lines)


def _value_lines(lines: list[str], n: int) -> list[int]:
    """The lines of the key-value pair starting at line n: one, or up to the end of a
    multi-line string."""
    for quote in ('"""', "'''"):
        after = lines[n].split(quote, 1)
        if len(after) == 2 and quote not in after[1]:
            end = next((m for m in range(n + 1, len(lines)) if quote in lines[m]), n)
            return list(range(n, end + 1))
    return [n]
