"""The format's common ground: a table with no unknown keys, an identifier, the `ours` key."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Identifier = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        max_length=64,
        description="Lower-case letters, digits, '-' and '_'.",
    ),
]


class Strict(BaseModel):
    # Unknown keys are errors: a typo like `minuts` must not be silently ignored.
    # The validators are built when a set is first read, not when the module is imported
    # (a third of its import time otherwise), and only the whole set's: the nested models
    # are validated inside it and never on their own.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


OURS_HELP = (
    "What the set adds that its source does not say, and why (an agenda's minutes where the "
    "source gives only a total, a step the source does not have): `show`, the capture "
    "screen and the minutes mark it as not from the source."
)
