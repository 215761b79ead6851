"""What one step kind does differently from the others, in one record.

The model, the engine, the capture screen, `show` and the minutes look a step's kind up here
instead of testing for it, so that a new kind is one module (its spec, its renderers, what
it does to the meeting) and one line in `dialogtui.kinds`. Plain Python: the panel is named,
not imported, so that the domain and the export never pull in Textual.
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
    round: bool = False  # everyone asked answers in turn, the round moving on after a turn
    needs: str | None = None  # the step table a step of this kind must have ("scale")
    owns: tuple[str, ...] = ()  # step fields only this kind may have ("scale", "columns")
    # Its items are cards (dialogtui.records.Card), kept per time through a block; its
    # section of the minutes is then written for each time through, under its heading.
    cards: bool = False
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


PLAIN = KindSpec()
ROUND = KindSpec(round=True)
