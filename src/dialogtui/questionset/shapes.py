"""The format's shapes that span steps: groups of alternative steps (`[[alternatives]]`) and
groups that meet in pairs. What they mean, as plain functions the meeting and the documents
share (which step of a group is run, who meets whom), and their cross-references, each
problem returned with its place in the file, as `references.py` does, for the loader.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from dialogtui.i18n import _
from dialogtui.questionset.model import QuestionSet
from dialogtui.questionset.references import Located

T = TypeVar("T")


def group_key(group: int) -> int:
    """The step index a meeting keeps its choice of group `group`'s step under, in the
    table of chosen alternatives: -(n + 1), apart from the steps' own (from 0), whose
    alternative questions the table keeps too."""
    return -group - 1


def chosen_steps(rows: Mapping[int, int]) -> dict[int, int]:
    """Per group of alternative steps, the step chosen, from the table's rows."""
    return {group_key(k): v for k, v in rows.items() if k < 0}


def runs(qs: QuestionSet, chosen: Mapping[int, int], index: int) -> bool:
    """Step `index` is run: it is no alternative, or the one chosen of its group (`chosen`:
    per group, the step chosen), or its group's first where none is."""
    group = qs.alternatives_of(index)
    if group is None:
        return True
    steps = qs.alternative_steps(group)
    pick = chosen.get(group)
    return (pick if pick in steps else steps[0]) == index


def passed_over(qs: QuestionSet, chosen: Mapping[int, int]) -> set[int]:
    """The alternative steps not run."""
    return {i for i in range(len(qs.steps)) if not runs(qs, chosen, i)}


def pairs_of(groups: Sequence[T]) -> list[list[T]]:
    """Groups meeting two by two ("To og to grupper møter hverandre"), in the order they
    were formed: the first with the second, the third with the fourth; an odd one out
    joins the last pair, three meeting rather than one alone."""
    pairs = [list(groups[n : n + 2]) for n in range(0, len(groups), 2)]
    if len(pairs) > 1 and len(pairs[-1]) == 1:
        odd = pairs.pop()
        pairs[-1] += odd
    return pairs


def shape_problems(qs: QuestionSet) -> list[Located]:
    """What is wrong with the set's alternatives and pairs, where."""
    return _alternatives(qs) + _pairs(qs)


def _alternatives(qs: QuestionSet) -> list[Located]:
    problems: list[Located] = []
    index = {sid: i for i, sid in enumerate(qs.step_ids)}
    grouped: dict[str, int] = {}  # a step's id → the group it is first in (counted from 1)
    for g, group in enumerate(qs.alternatives):
        where = ("alternatives", g, "steps")
        bad = False
        for j, sid in enumerate(group.steps):
            if sid not in index:
                said = _("no step with id '{id}' (steps: {ids})")
                problems.append(((*where, j), said.format(id=sid, ids=", ".join(qs.step_ids))))
                bad = True
            elif sid in group.steps[:j]:
                said = _("'{id}' is named twice in this group of alternatives")
                problems.append(((*where, j), said.format(id=sid)))
                bad = True
            elif sid in grouped:
                said = _(
                    "'{id}' is an alternative in group {n} already: a step is in one group "
                    "of alternatives only"
                )
                problems.append(((*where, j), said.format(id=sid, n=grouped[sid])))
                bad = True
            else:
                grouped[sid] = g + 1
        if bad:
            continue
        at = sorted(index[sid] for sid in group.steps)
        if at != list(range(at[0], at[0] + len(at))):
            between = [
                qs.step_ids[i]
                for i in range(at[0], at[-1] + 1)
                if qs.step_ids[i] not in group.steps
            ]
            said = _(
                "alternative steps stand next to each other in the set; '{between}' stands "
                "between them"
            )
            problems.append((where, said.format(between="', '".join(between))))
            continue
        # Which alternative is run is chosen once for the meeting, while a block runs once
        # per case: an alternative in a block would have to be one step for every case.
        for b, block in enumerate(qs.blocks):
            inside = [sid for sid in group.steps if sid in block.steps]
            if inside:
                said = _(
                    "a block (blocks[{n}]) takes in the alternative '{inside}': alternative "
                    "steps stand outside blocks, since the choice is made once per meeting "
                    "and a block runs once per case"
                )
                problems.append((where, said.format(n=b + 1, inside="', '".join(inside))))
    return problems


def _pairs(qs: QuestionSet) -> list[Located]:
    problems: list[Located] = []
    for i, step in enumerate(qs.steps):
        spec = step.groups
        if spec is None or spec.meet != "pairs":
            continue
        if step.in_groups:
            said = _(
                "groups that meet in pairs present to each other: not a step worked in pairs "
                "or groups itself (leave out `form`)"
            )
            problems.append((("steps", i, "groups", "meet"), said))
        if step.timebox is not None and step.timebox.per != "group":
            said = _('groups that meet in pairs take their time per group: `per = "group"`')
            problems.append((("steps", i, "timebox", "per"), said))
    return problems
