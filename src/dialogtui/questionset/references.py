"""Cross-references within a set that no field validator can see: ids used twice, roles
and steps named that the set does not have, blocks whose steps do not follow each other.

(The format's reference document is another thing: `reference.py`.)
"""

from __future__ import annotations

from dialogtui.i18n import _
from dialogtui.questionset.model import QuestionSet

# Time placeholders a question may hold; see placeholders.py.
TIME_PLACEHOLDERS = ("{future}", "{past}", "{future_year}", "{past_year}")

# A problem's place in the file, as the keys and indexes that lead to it, and what it is.
Located = tuple[tuple[str | int, ...], str]


def reference_problems(qs: QuestionSet) -> list[Located]:
    """Cross-references that a field validator cannot see: unique ids, known roles.

    Returned as (location, message) so that the loader can point at the exact key.
    """
    problems: list[Located] = []
    role_ids = [r.id for r in qs.roles]
    for i, rid in enumerate(role_ids):
        if rid in role_ids[:i]:
            problems.append((("roles", i, "id"), _("role id '{id}' is used twice").format(id=rid)))
    step_ids = [s.id for s in qs.steps]
    for i, sid in enumerate(step_ids):
        if sid and sid in step_ids[:i]:
            problems.append((("steps", i, "id"), _("step id '{id}' is used twice").format(id=sid)))
    index = {sid: i for i, sid in enumerate(qs.step_ids)}
    taken: set[int] = set()
    for b, block in enumerate(qs.blocks):
        where = ("blocks", b, "steps")
        missing = [sid for sid in block.steps if sid not in index]
        if missing:
            problems.append((where, _("no step with id '{id}'").format(id=missing[0])))
            continue
        at = [index[sid] for sid in block.steps]
        if at != list(range(at[0], at[0] + len(at))):
            said = _("a block's steps follow each other, in the set's order")
            problems.append((where, said))
        elif taken & set(at):
            problems.append((where, _("a step can be in one block only")))
        elif any(qs.steps[i].repeat for i in at):
            said = _("a step of a block is repeated with it, not on its own")
            problems.append((where, said))
        taken |= set(at)
        if block.consent and not qs.asks_consent:
            said = _("the set does not ask for consent")
            problems.append((("blocks", b, "consent"), said))
    known = ", ".join(role_ids) or _("none are defined")
    unknown = _("unknown role '{id}' (roles: {known})")
    for i, step in enumerate(qs.steps):
        if step.groups is not None and step.groups.step is not None:
            earlier = [
                sid for sid, s in zip(qs.step_ids[:i], qs.steps, strict=False) if s.in_groups
            ]
            if step.groups.step not in earlier:
                problems.append(
                    (
                        ("steps", i, "groups", "step"),
                        _(
                            "'{id}' is not an earlier step in pairs or groups"
                            " (those before this one: {earlier})"
                        ).format(id=step.groups.step, earlier=", ".join(earlier) or _("none")),
                    )
                )
        for j, rid in enumerate(step.roles):
            if rid not in role_ids:
                problems.append((("steps", i, "roles", j), unknown.format(id=rid, known=known)))
        for q, question in enumerate(step.questions):
            for j, rid in enumerate(question.to):
                if rid not in role_ids:
                    problems.append(
                        (
                            ("steps", i, "questions", q, "to", j),
                            unknown.format(id=rid, known=known),
                        )
                    )
            if qs.horizon is None and any(
                p in t for t in [question.text, *question.prompts] for p in TIME_PLACEHOLDERS
            ):
                problems.append(
                    (
                        ("steps", i, "questions", q, "text"),
                        _("uses a time placeholder such as {future}, so the set needs a `horizon`"),
                    )
                )
    return problems
