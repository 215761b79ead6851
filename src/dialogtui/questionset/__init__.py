"""Question sets: the TOML format, loading with positions, and the library of sets."""

from dialogtui.questionset.model import (
    ActionColumn,
    ChoiceOption,
    Language,
    Question,
    QuestionSet,
    Role,
    Scale,
    ScalePoint,
    Step,
    StepKind,
)

__all__ = [
    "ActionColumn",
    "ChoiceOption",
    "Language",
    "Question",
    "QuestionSet",
    "Role",
    "Scale",
    "ScalePoint",
    "Step",
    "StepKind",
]
