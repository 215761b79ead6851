"""What one step kind does differently from the others, in one record: its behaviour.

The capture screen, `show` and the minutes look a step's kind up here instead of testing
for it, so that a new kind is one module (its spec, its renderers, what it does to the
meeting) and one line in `dialogtui.kinds`. What a set file's step of the kind holds (its
shape) is the format's, in `dialogtui.questionset.kinds`: the model validates a file
without the behaviour. Plain Python: the panel is named, not imported, so that the domain
and the export never pull in Textual.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dialogtui.questionset.model import QuestionSet, Step


def nothing(*_: Any) -> list:
    return []


@dataclass(frozen=True)
class KindSpec:
    # The widget the step is worked in, as "module:Class" (the capture screen imports it)
    # and its id there; None: the text box alone.
    panel: str | None = None
    panel_id: str = ""
    beside_table: bool = False  # the transcript narrows beside the panel's table
    # `show` and the start screen: the kind's own lines under the step (rich renderables).
    agenda: Callable[[QuestionSet, Step], list] = nothing
    # The minutes: the kind's own section of step n (of its time through `rep`, for a kind
    # of cards; else None), as format-neutral blocks (dialogtui.export.document), from the
    # builder (dialogtui.export.minutes.Minutes) that holds the meeting and its labels.
    minutes: Callable[[Any, int, Step, int | None], list] = nothing


# A kind that does nothing of its own: its steps are worked in the text box alone.
PLAIN = KindSpec()
