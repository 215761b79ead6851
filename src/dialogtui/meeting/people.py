"""Whom a person speaks for, and the groups and pairs a meeting's steps are worked in.

A group or pair speaks as a participant does (it takes turns, makes actions), so it is kept
as one (`Participant` with its `group_step`), per step: the step whose groups they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from dialogtui.errors import MeetingError
from dialogtui.i18n import _
from dialogtui.labels import labels  # a group's default name, in the meeting's language

if TYPE_CHECKING:
    from dialogtui.questionset.model import QuestionSet
    from dialogtui.records import Participant, Position
    from dialogtui.store import MeetingsRepo


def organisation(qs: QuestionSet, person: Participant) -> str:
    """Whom a person speaks for in a round over organisations: the organisation entered
    at set-up, else their role's name, else themselves (a guest is their own)."""
    if person.organisation.strip():
        return person.organisation.strip()
    if person.role is not None:
        return next((r.name for r in qs.roles if r.id == person.role), person.role)
    return person.name


def groups_home(qs: QuestionSet, index: int) -> int:
    """The step whose groups step `index` works with: its own, or the earlier step's that
    its `groups.step` names."""
    spec = qs.steps[index].groups
    found = qs.index_of(spec.step) if spec is not None and spec.step else None
    return index if found is None else found


class Groups:
    """The groups and pairs of one meeting, per step, at the position the engine keeps
    (`here`); `people`: the meeting's participants, whom a step's groups are formed of."""

    def __init__(
        self,
        store: MeetingsRepo,
        meeting_id: int,
        qs: QuestionSet,
        here: Callable[[], Position],
        people: Callable[[], list[Participant]],
    ):
        self._store, self._id, self._qs = store, meeting_id, qs
        self._here, self._people = here, people
        self._by_step: dict[int, list[Participant]] = store.groups(meeting_id)

    def _home(self, index: int) -> int:
        return groups_home(self._qs, index)

    def of(self, index: int | None = None) -> list[Participant]:
        """The groups or pairs of a step (the current one by default)."""
        return list(
            self._by_step.get(self._home(self._here().step if index is None else index), [])
        )

    def all(self) -> list[Participant]:
        """Every group and pair formed so far, step by step."""
        return [g for groups in self._by_step.values() for g in groups]

    def find(self, pid: int) -> Participant | None:
        return next((g for g in self.all() if g.id == pid), None)

    def add(self, name: str) -> Participant:
        """A group or pair of the current step, named by the scribe (a goal area chosen,
        "Grupp 3"); a step working with an earlier step's groups adds to those."""
        index = self._here().step
        if not self._qs.steps[index].by_group:
            raise MeetingError(_("this step is not worked in groups or pairs"))
        name = name.strip()
        if not name:
            raise MeetingError(_("a group needs a name"))
        home = self._home(index)
        if any(g.name.casefold() == name.casefold() for g in self._by_step.get(home, [])):
            raise MeetingError(_("there is a group '{name}' already").format(name=name))
        group = self._store.add_group(self._id, home, name)
        self._by_step.setdefault(home, []).append(group)
        return group

    def rename(self, group_id: int, name: str) -> None:
        """A group's name as the scribe corrects it, with its members if they are written
        ("Gruppe 1: Kari, Ola"): who was in which group, as the minutes then say."""
        name = name.strip()
        if not name:
            raise MeetingError(_("a group needs a name"))
        for groups in self._by_step.values():
            for g in groups:
                if g.id != group_id:
                    continue
                if any(o.id != g.id and o.name.casefold() == name.casefold() for o in groups):
                    raise MeetingError(_("there is a group '{name}' already").format(name=name))
                self._store.rename_group(self._id, group_id, name)
                g.name = name
                return
        raise MeetingError(_("no group {id} in this meeting").format(id=group_id))

    def form(self) -> None:
        """A step in pairs or groups, entered for the first time: its groups as the set
        says (one per organisation, or numbered); groups by choice the scribe names."""
        index = self._here().step
        step = self._qs.steps[index]
        if not step.in_groups or self._home(index) != index or index in self._by_step:
            return
        spec = step.groups
        words = labels(self._qs.language.value)
        people = list(self._people())
        if spec is not None and spec.by == "choice":
            return
        if spec is not None and spec.by == "organisation":
            names = list(dict.fromkeys(organisation(self._qs, p) for p in people))
        elif step.form == "pairs":
            names = [words["pair_n"].format(n=n + 1) for n in range(max(1, (len(people) + 1) // 2))]
        else:
            count = spec.count if spec is not None and spec.count else 2
            names = [words["group_n"].format(n=n + 1) for n in range(count)]
        self._by_step[index] = [self._store.add_group(self._id, index, name) for name in names]
