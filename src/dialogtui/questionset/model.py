"""The question-set format.

These pydantic models are the single source of truth for the TOML files in
`question_sets/`: the loader validates against them, `dialogtui schema` prints their
JSON Schema, and docs/question-set-format.md is generated from them.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from dialogtui.i18n import _
from dialogtui.questionset.kinds import StepKind

# A step and its parts are in `step.py`, the common ground in `strict.py`: read from here
# too, as every reader of the format always has.
from dialogtui.questionset.step import (
    ActionColumn,
    ActionField,
    Choice,
    ChoiceOption,
    Groups,
    Question,
    Repeat,
    Scale,
    ScalePoint,
    Step,
    Timebox,
    Vote,
    WorkForm,
)
from dialogtui.questionset.strict import OURS_HELP, Identifier, Strict

__all__ = [
    "OURS_HELP",
    "ActionColumn",
    "ActionField",
    "Block",
    "Choice",
    "ChoiceOption",
    "Groups",
    "Identifier",
    "Language",
    "Question",
    "QuestionSet",
    "Repeat",
    "Scale",
    "ScalePoint",
    "Step",
    "StepAlternatives",
    "Strict",
    "Timebox",
    "Vote",
    "WorkForm",
]


class Language(StrEnum):
    sv = "sv"
    fi = "fi"  # Raseborg is bilingual: a Finnish set's minutes in Finnish
    da = "da"
    nb = "nb"
    en = "en"


class Source(Strict):
    document: str = Field(description="The source document, e.g. a file in shared/seeds/.")
    page: str | None = Field(None, description="Page, slide or section in the source.")
    total: str | None = Field(
        None, description="The total duration as the source states it, quoted verbatim."
    )


class Horizon(Strict):
    """How far ahead an anticipation dialogue moves in time."""

    years: int = Field(0, ge=0, le=50, strict=True)
    months: int = Field(0, ge=0, le=600, strict=True)

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months


class Role(Strict):
    id: Identifier
    name: str = Field(description="How the role is named in the meeting's language.")
    description: str | None = None
    # The key keeps its first name, `stand_in`: every meeting stores its set's text, and
    # an old meeting's set must still read.
    stand_in: str | None = Field(
        None,
        description="What one person with this role is called, written as in the middle of "
        'a sentence ("familjemedlem", "socialsekreterare"), where the role\'s name is a '
        "group's (\"Familjemedlemmarna\"): the documents print it after the person's name "
        '("Anna Lind (familjemedlem)") and in the list of participants, and a pseudonymised '
        "export calls the person by it, capitalised and numbered where several share it "
        '("Familjemedlem 2"). Defaults to the role\'s name.',
    )
    family: bool = Field(
        False,
        description="The person and their family or network (not an organisation): the "
        "family's copy of the minutes (`export --for family`) holds their statements.",
    )

    @property
    def person(self) -> str:
        """What one person of the role is called, as a sentence writes it: "familjemedlem"."""
        return self.stand_in or self.name


class Facilitators(Strict):
    """The two facilitators: one asks, one writes."""

    asker: str = Field(description="Name of the asking facilitator's role.")
    writer: str = Field(description="Name of the writing facilitator's role (the scribe).")


class Guidance(Strict):
    """What the source says about how the meeting is run (ground rules, the room, materials,
    breaks), shown where the facilitators see it, not read aloud as a question."""

    text: str = Field(description="The source's words.")
    page: str | None = Field(None, description="Where in the source (page, slide, line).")
    applies: Literal["meeting", "rounds"] = Field(
        "meeting",
        description="`meeting`: shown with the set (start screen, `show`) and in the first step's "
        'notes (f9); `rounds`: a rule of every round ("I alla rundor är det helt ok att '
        "passa\"), shown with each round's notes.",
    )


class Block(Strict):
    """Several steps in a row done again as one block: a case map, its plan and its
    collaboration map for each case (Träff 4: "inte mer än en, möjligen två casekartor")."""

    steps: list[Identifier] = Field(min_length=2, description="The block's steps, in order.")
    repeat: Repeat
    each: str | None = Field(
        None,
        description='What one time through the block is, in the set\'s language ("Case"): '
        "the screen and the minutes head each with it and its number.",
    )
    consent: bool = Field(
        False,
        strict=True,
        description="Each time through is a case of its own (a child) with its own guardians' "
        "consent: the scribe records how it was given for each (f7), the minutes say it under "
        "the case. Only in a set that asks for consent.",
    )


ConsentMode = Literal["required", "recommended", "not_asked"]


class StepAlternatives(Strict):
    """Steps of which the meeting runs one, the scribe choosing which: the source's
    variants of one task, each for its own kind of team ("Hva planlegging i en
    arbeidsgruppe …" / "… i et team som har ansvar for å gjennomføre brukerkonferanse")."""

    steps: list[Identifier] = Field(
        min_length=2,
        description="The alternative steps' ids, next to each other in the set. The first is "
        "run unless the scribe chooses another (ctrl+e at it); the others are passed over "
        "(next and previous step, the go-to list, the timers) and never stand in the "
        "minutes, not even as skipped.",
    )
    ours: str | None = Field(None, description=OURS_HELP)


class QuestionSet(Strict):
    id: Identifier
    title: str
    language: Language
    method: str = Field(description="The method, e.g. 'Framtidsdialog (Raseborgsmodellen)'.")
    description: str | None = None
    ours: str | None = Field(
        None,
        description="The whole set is dialogtui's, not a source text's: what it is built from "
        "and why (a workshop method the source names but does not describe). Its texts are "
        "then not looked for in the source; `show`, the start screen and the minutes say so.",
    )
    translation_of: Identifier | None = Field(
        None,
        description="The id of the set this one translates (a set of the library, in another "
        'language: `translation_of = "raseborg-klientmote"`). The two are one method in two '
        "languages: the same steps, questions in the same order, roles, times and kinds, "
        "only the words differ (a test checks the shipped ones question by question). The "
        "start screen and `dialogtui sets` list it under its original. Say in `ours` who "
        "translated it, and from what.",
    )
    source: Source
    horizon: Horizon | None = Field(
        None, description="Time shift for {future}/{past}: 1 year for an anticipation dialogue."
    )
    consent: ConsentMode | None = Field(
        None,
        description="Guardians' consent: `required` (recorded before the meeting starts), "
        "`recommended` (asked for at set-up, the meeting can go on without it, as where the "
        "source allows working without consent or anonymised) or `not_asked`. Defaults to "
        "what `consent_required` says.",
    )
    consent_required: bool = Field(
        False,
        strict=True,
        description='The older way to say `consent = "required"` (true) or '
        '`"not_asked"` (false); still read.',
    )
    consent_text: str | None = Field(
        None, description="What the source says about consent, shown where it is asked."
    )
    facilitators: Facilitators | None = None
    break_minutes: int | None = Field(
        None,
        ge=1,
        le=600,
        strict=True,
        description="Minutes of breaks that the source's times leave out (SamTidigt: \"exklusive "
        'fikapaus, så avsätt cirka tre och en halv timma"): the planned end allows for them, '
        "so that a fika does not read as the meeting running late.",
    )
    standpoints: bool = Field(
        False,
        strict=True,
        description="The scribe notes the group's agreed standpoint as it forms, step by step "
        "(ctrl+f; the Danish dialogue tool's \"noter undervejs, hvad jeres fælles ståsted "
        'er"): the capture screen says so on every step, the minutes put it under its step.',
    )
    guidance: list[Guidance] = Field(
        default_factory=list,
        description="How the source says the meeting is run: ground rules, room, materials, "
        "breaks its times leave out, how strictly to follow the agenda.",
    )
    roles: list[Role] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)
    alternatives: list[StepAlternatives] = Field(
        default_factory=list,
        description="Groups of steps of which the meeting runs one (`[[alternatives]]`, "
        '`steps = ["a", "b"]`). Alternative questions within one step are the step\'s '
        "`alternatives = true`.",
    )
    blocks: list[Block] = Field(
        default_factory=list,
        description="Runs of steps done again as one (ctrl+r at any of them begins the "
        "next time through at the block's first step). The planned times count them once.",
    )

    @model_validator(mode="after")
    def _consent_agrees(self) -> QuestionSet:
        if self.consent not in (None, "required") and self.consent_required:
            raise ValueError(
                _(
                    '`consent_required = true` and `consent = "{consent}"` disagree; '
                    "`consent` says it alone"
                ).format(consent=self.consent)
            )
        return self

    @property
    def consent_mode(self) -> ConsentMode:
        if self.consent is not None:
            return self.consent
        return "required" if self.consent_required else "not_asked"

    @property
    def asks_consent(self) -> bool:
        """The set-up asks for the guardians' consent (required or recommended)."""
        return self.consent_mode != "not_asked"

    @property
    def planned_minutes(self) -> int | None:
        """The planned minutes of the steps run: of alternative steps the longest, once."""
        timed = [
            s.planned_minutes
            for n, s in enumerate(self.steps)
            if s.planned_minutes is not None and n not in self.alternatives_left_out
        ]
        return sum(timed) if timed else None

    @property
    def alternatives_left_out(self) -> set[int]:
        """Of each group of alternative steps all but the longest planned (the first of
        equals): what the planned time leaves out, for only one of them is run."""
        out: set[int] = set()
        for group in range(len(self.alternatives)):
            steps = self.alternative_steps(group)
            longest = max(steps, key=lambda i: (self.steps[i].planned_minutes or 0, -i))
            out |= set(steps) - {longest}
        return out

    def alternative_steps(self, group: int) -> list[int]:
        """The indexes of group `group`'s alternative steps, in the set's order."""
        found = (self.index_of(sid) for sid in self.alternatives[group].steps)
        return sorted(i for i in found if i is not None)

    def alternatives_of(self, index: int) -> int | None:
        """The group of alternative steps step `index` is in, or None."""
        sid = self.step_ids[index] if 0 <= index < len(self.steps) else None
        return next((g for g, a in enumerate(self.alternatives) if sid in a.steps), None)

    @property
    def step_ids(self) -> list[str]:
        """Each step's id, or "step-N" (counted from 1) where it has none."""
        return [s.id or f"step-{n}" for n, s in enumerate(self.steps, start=1)]

    def first_step_of(self, kind: StepKind) -> int | None:
        """The index of the set's first step of this kind (the plan stands in the first
        action-planning step), or None."""
        return next((n for n, s in enumerate(self.steps) if s.kind is kind), None)

    def index_of(self, step_id: str) -> int | None:
        """The index of the step with this id ("step-N" where it has none), or None."""
        ids = self.step_ids
        return ids.index(step_id) if step_id in ids else None

    def block_at(self, index: int) -> tuple[Block, int, int] | None:
        """The block step `index` is in, with its first and last step, or None."""
        for block in self.blocks:
            at = [i for i in map(self.index_of, block.steps) if i is not None]
            if at and at[0] <= index <= at[-1]:
                return block, at[0], at[-1]
        return None

    def role(self, role_id: str) -> Role:
        for r in self.roles:
            if r.id == role_id:
                return r
        raise KeyError(role_id)
