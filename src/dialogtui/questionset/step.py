"""A step of a question set and what it holds: its questions, timebox, groups, scale, choice,
vote and action columns. Part of the format (`model.py` is the set as a whole, and re-exports
these), kept apart so that each file holds one level of the format.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from dialogtui.i18n import _
from dialogtui.questionset.kinds import StepKind
from dialogtui.questionset.strict import OURS_HELP, Identifier, Strict


class Question(Strict):
    text: str = Field(
        description="The question, word for word. May hold the time placeholders {future}, "
        "{past}, {future_year} and {past_year}."
    )
    prompts: list[str] = Field(
        default_factory=list, description="Sub-questions or prompts asked after the question."
    )
    note: str | None = Field(None, description="A note for the facilitators, not read aloud.")
    ours: str | None = Field(None, description=OURS_HELP)
    to: list[Identifier] = Field(
        default_factory=list,
        description="Role ids the question is addressed to; empty means the step's roles.",
    )
    asked: Literal["all", "one", "plenary"] = Field(
        "all",
        description="In a round, who answers it. `all`: each in turn, as the step says; "
        "`one`: one person answers it once, and the round goes on with the next question "
        '("Först berättar den som känner barnet kort …"); the floor is on the first asked '
        "until the scribe gives it to another (f6, tab), and one who passes hands it on. "
        '`plenary`: the room together, not one by one ("Reflektera över vad ni fått syn '
        "på\"): what the scribe writes is nobody's in particular; the room keeps the question "
        "until alt+↓, or a pass, goes on. Not in a round of each person in turn, nor among "
        "alternative questions.",
    )


class Timebox(Strict):
    """A timebox for each speaker or group inside a step, e.g. 3 minutes per person."""

    per: Literal["person", "group", "organisation"]
    minutes: int = Field(ge=1, le=600, strict=True)
    max_minutes: int | None = Field(
        None,
        ge=1,
        le=600,
        strict=True,
        description='Upper end of a range ("7-8 minutter"): the speaker is over time only '
        "after it.",
    )

    @model_validator(mode="after")
    def _range(self) -> Timebox:
        if self.max_minutes is not None and self.max_minutes < self.minutes:
            raise ValueError(_("`max_minutes` must not be less than `minutes`"))
        return self


class Repeat(Strict):
    """A block that runs several times, e.g. '3-4 x 30 min'."""

    min: int = Field(ge=1, le=50, strict=True)
    max: int = Field(ge=1, le=50, strict=True)

    @model_validator(mode="after")
    def _ordered(self) -> Repeat:
        if self.max < self.min:
            raise ValueError(_("`max` must not be less than `min`"))
        return self

    @property
    def span(self) -> str:
        """How many times, as lists say it: "3–4", or "2"."""
        return f"{self.min}–{self.max}" if self.min != self.max else str(self.max)


class Groups(Strict):
    """Who works together in a step of groups or pairs, or whose groups take the turns."""

    by: Literal["organisation", "number", "choice", "step"] = Field(
        description="`organisation`: a group per organisation present (förvaltningsvisa "
        "grupper); `number`: numbered groups, `count` of them (pairs: as many as it takes); "
        '`choice`: groups the scribe names at the step as people choose them ("Var och en '
        'väljer det område de brinner mest för"); `step`: the groups formed at an earlier '
        'step, meeting again ("Grupperna ger varandra en kort dragning").'
    )
    count: int | None = Field(None, ge=1, le=50, strict=True, description="For `number`.")
    step: Identifier | None = Field(None, description="For `step`: that step's id.")
    meet: Literal["pairs"] | None = Field(
        None,
        description="For `step`: `pairs`, the groups meet two by two, the pairs side by side "
        '("To og to grupper møter hverandre … En gruppe av gangen"): the first with the '
        "second, the third with the fourth (an odd one out joins the last pair). Each "
        "presentation is recorded under its pair, the timebox runs per group, and the "
        "planned time counts the pairs side by side.",
    )

    @model_validator(mode="after")
    def _what_it_needs(self) -> Groups:
        if (self.by == "step") != (self.step is not None):
            raise ValueError(
                _('`step` names the earlier step whose groups these are, with by = "step" only')
            )
        if self.count is not None and self.by != "number":
            raise ValueError(_('`count` is the number of groups, with by = "number" only'))
        if self.meet is not None and self.by != "step":
            raise ValueError(
                _('`meet` says how an earlier step\'s groups meet, with by = "step" only')
            )
        return self


WorkForm = Literal["plenary", "individual", "pairs", "groups"]


class ScalePoint(Strict):
    value: int = Field(strict=True)
    zone: str = Field(description="The zone's name, e.g. 'Den gråa zonen'.")
    description: str
    need: str | None = Field(None, description="What the zone calls for, if the source says.")


class Scale(Strict):
    points: list[ScalePoint] = Field(min_length=2)
    rated_by: Literal["participant"] = Field(
        "participant",
        description="Who rates: each participant, one rating each (the only way dialogtui "
        "records a scale).",
    )

    @model_validator(mode="after")
    def _consecutive(self) -> Scale:
        values = [p.value for p in self.points]
        if values != list(range(values[0], values[0] + len(values))):
            raise ValueError(_("scale point values must be consecutive and ascending"))
        if values[0] < 0 or values[-1] > 9:
            # The scribe rates with one key per person: a digit.
            raise ValueError(_("scale point values must be single digits, 0 to 9"))
        return self


class ChoiceOption(Strict):
    id: Identifier
    label: str
    description: str | None = None


class Choice(Strict):
    options: list[ChoiceOption] = Field(min_length=2)
    ratings: list[Literal["now", "desired"]] = Field(
        default_factory=lambda: ["now"],  # type: ignore[arg-type]  # a list of one literal
        description="What is asked of each option: how it is now, how it is desired.",
    )
    several: bool = Field(
        False,
        strict=True,
        description="Several options may be marked at once (each key marks or unmarks the "
        'highlighted one): roles and tasks shared out, an approach that is "typisk både" '
        "one and the other.",
    )
    continuum: int | None = Field(
        None,
        ge=3,
        le=9,
        strict=True,
        description='The two options are the ends of one scale ("Tilgangen … kan ses som en '
        'skala. I den ene ende … i den anden ende …") of this many points: where the group '
        "stands on it is marked with the point's digit, 1 at the first option's end.",
    )

    @model_validator(mode="after")
    def _a_continuum_has_two_ends(self) -> Choice:
        if self.continuum is not None:
            if len(self.options) != 2:
                raise ValueError(_("a continuum runs between two options, its ends"))
            if self.several or len(self.ratings) != 1:
                raise ValueError(
                    _("a continuum is one point, marked once: no `several`, and one rating")
                )
        return self


class Vote(Strict):
    """Cards voted on with dots ("markera de tre case de tycker är mest angelägna med var
    sitt kryss eller en klisterprick"): the scribe writes each card and counts its dots."""

    dots: int | None = Field(
        None, ge=1, le=20, strict=True, description="Dots (crosses) each participant gives."
    )
    keep: int | None = Field(
        None, ge=1, le=50, strict=True, description="How many of the most voted are kept."
    )


ActionField = Literal["what", "how", "who", "with_whom", "when", "first_step"]


class ActionColumn(Strict):
    field: ActionField = Field(description="Which part of an action item the column holds.")
    label: str = Field(description="The column heading, in the set's language.")


class Step(Strict):
    id: Identifier | None = Field(None, description="Defaults to step-N.")
    title: str
    kind: StepKind
    minutes: int | None = Field(
        None,
        ge=0,
        le=1440,
        strict=True,  # `minutes = "5"` is a mistake to point out, not to guess at
        description="Planned minutes (per repetition for repeated blocks).",
    )
    text: str | None = Field(None, description="Instructions for the step, from the source.")
    at: str | None = Field(
        None,
        pattern=r"^L\d+(-\d+)?$",
        description="Where the step's texts stand in the source document: its lines, "
        '"L98-105" (a test finds each text there; `scripts/locate-sources` writes them).',
    )
    note: str | None = Field(None, description="A note for the facilitators.")
    ours: str | None = Field(None, description=OURS_HELP)
    see: Identifier | None = Field(
        None,
        description='The set that describes the method this step runs ("OPERA (läs mer i '
        "kap. 14)\"): `show` and the step's notes point to it.",
    )
    optional: str | None = Field(
        None,
        description="The step may be left out: the source's condition, word for word "
        '("Om ni valt gamla case …"). The scribe skips it with one key; the minutes say '
        "it was skipped, and why it could be.",
    )
    journal: Literal["facts", "assessments"] | None = Field(
        None,
        description="What the step's statements are, for a case record that must keep "
        "facts apart from assessments (SOSFS 2014:5): `facts` (what happened, what was "
        "done) or `assessments` (worries, judgements). Every document names it under the "
        "step's heading.",
    )
    roles: list[Identifier] = Field(
        default_factory=list,
        description="Roles asked in this step, in order; empty means everyone.",
    )
    order: Literal["each_question", "each_person"] = Field(
        "each_question",
        description="In a round: everyone answers a question before the next one "
        "(each_question), or one person answers all questions before the next person "
        "(each_person, as in an anticipation dialogue).",
    )
    over: Literal["person", "organisation"] | None = Field(
        None,
        description="In a round: who takes the turns. `person`: each person in turn. "
        "`organisation`: each organisation (förvaltning, verksamhet) in turn, any of its "
        "people speaking for it; it keeps the floor until the scribe gives it to the next, "
        "and the timebox runs per organisation. A person's organisation is the one entered "
        "at set-up, else their role. Defaults to `organisation` where the timebox is per "
        "organisation, else `person`.",
    )
    form: WorkForm | None = Field(
        None,
        description="How the step is worked: together (`plenary`, the default), each on "
        'their own (`individual`: "En og en setter seg ned og lager en liste"), in `pairs` '
        "or in `groups` working side by side, the scribe recording each one's output under "
        "it. Pairs and groups are formed as `groups` says (numbered by default).",
    )
    groups: Groups | None = Field(
        None,
        description="How the groups of a step in pairs or groups are formed; on another "
        'step, `{ by = "step", step = "…" }` makes an earlier step\'s groups take the '
        'turns ("To og to grupper møter hverandre … En gruppe av gangen").',
    )
    questions: list[Question] = Field(default_factory=list)
    alternatives: bool = Field(
        False,
        strict=True,
        description="The questions are alternatives, of which the meeting asks one (the "
        "source's examples of a theme, two variants of a task): the scribe chooses it in "
        "the step (alt+↓/alt+↑), and only it is asked and in the minutes.",
    )
    timebox: Timebox | None = None
    repeat: Repeat | None = None
    scale: Scale | None = None
    choice: Choice | None = None
    vote: Vote | None = None
    places: list[str] | None = Field(
        None,
        min_length=2,
        max_length=9,
        description="A map's places, the nearest its centre first (the target group on a "
        'sheet in the middle of the floor, "ju mer perifer aktör desto längre från '
        'målgruppen"): each card is laid in one, with its number key.',
    )
    columns: list[ActionColumn] = Field(
        default_factory=list, description="Action-planning columns; defaults per language."
    )

    @model_validator(mode="after")
    def _kind_needs(self) -> Step:
        # What each kind needs and what only it may have: its shape says.
        needs = self.kind.shape.needs
        if needs is not None and getattr(self, needs) is None:
            listed = "list" in str(type(self).model_fields[needs].annotation)
            what = f"`{needs} = [...]`" if listed else f"[steps.{needs}]"
            said = (
                _("a `{kind}` step needs {what}")
                if listed
                else _("a `{kind}` step needs a {what} table")
            )
            raise ValueError(said.format(kind=self.kind.value, what=what))
        for kind in StepKind:
            for name in kind.shape.owns:
                if kind != self.kind and getattr(self, name):
                    raise ValueError(
                        _("only a step of kind `{kind}` may have `{name}`").format(
                            kind=kind, name=name
                        )
                    )
        if self.places is not None:
            names = [p.strip().casefold() for p in self.places]
            if not all(names) or len(set(names)) < len(names):
                raise ValueError(_("a map's places each need a name, and names of their own"))
        if self.alternatives and len(self.questions) < 2:
            raise ValueError(_("`alternatives = true` needs two questions or more to choose from"))
        if self.groups is not None and self.groups.by != "step" and not self.in_groups:
            raise ValueError(
                _(
                    'forming groups needs form = "groups" or "pairs"; an earlier step\'s groups '
                    'take the turns with by = "step"'
                )
            )
        if self.over is not None and not self.is_round:
            raise ValueError(_("`over` says who takes the turns in a round; this step is not one"))
        if self.over == "organisation" and self.kind is StepKind.scale:
            raise ValueError(_("a scale is rated by each person; `over` cannot be `organisation`"))
        if self.over == "person" and self.timebox and self.timebox.per == "organisation":
            raise ValueError(
                _(
                    '`over = "person"` and a timebox per organisation disagree: the timebox '
                    "would run per person"
                )
            )
        if any(q.asked != "all" for q in self.questions):
            if not self.is_round or self.by_group:
                raise ValueError(
                    _(
                        '`asked = "one"` or "plenary" says who answers a question of a round; '
                        "this step is not a round"
                    )
                )
            if self.order == "each_person" or self.alternatives:
                raise ValueError(
                    _(
                        '`asked = "one"` or "plenary" is for a round that asks each question '
                        'of everyone in turn: not with order = "each_person" or '
                        "`alternatives = true`"
                    )
                )
            if all(q.asked != "all" for q in self.questions):
                raise ValueError(
                    _(
                        "a round's questions cannot all be asked of one person or of the room: "
                        'make it a `discussion` or a `brief`, or leave one `asked = "all"`'
                    )
                )
        if self.is_round and self.scale is None and not self.questions and not self.text:
            # Everyone answers in turn, but to what? Its answers would stand under nothing.
            raise ValueError(_("a round asks something: give it [[steps.questions]] or a `text`"))
        return self

    @property
    def planned_minutes(self) -> int | None:
        """Planned minutes for the whole step, repetitions included (at most)."""
        if self.minutes is None:
            return None
        return self.minutes * (self.repeat.max if self.repeat else 1)

    @property
    def is_round(self) -> bool:
        return self.kind.shape.round

    @property
    def in_groups(self) -> bool:
        """Worked in pairs or groups side by side, each one's output recorded under it."""
        return self.form in ("pairs", "groups")

    @property
    def by_group(self) -> bool:
        """Groups, not people, take the turns: its own pairs or groups, or an earlier
        step's meeting again."""
        return self.in_groups or (self.groups is not None and self.groups.by == "step")

    @property
    def by_organisation(self) -> bool:
        """A round whose turns go organisation by organisation ("20 min/verksamhet"); where
        groups take the turns, they do."""
        if self.by_group:
            return False
        if self.over is not None:
            return self.over == "organisation"
        return self.timebox is not None and self.timebox.per == "organisation"
