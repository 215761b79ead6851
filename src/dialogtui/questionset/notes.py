"""The facilitators' notes at a step: what the scribe's f9 unfolds and the asker's view of
the room's wall shows, and the room never sees. One home, so that both say the same.

Plain Python: no Textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from dialogtui.i18n import _
from dialogtui.questionset.model import Question, QuestionSet


@dataclass
class FacilitatorsNotes:
    # The step's instructions (where a question is shown instead), the step's and the
    # question's notes, and the method's own set: time placeholders not yet resolved.
    notes: list[str] = field(default_factory=list)
    ours: list[str] = field(default_factory=list)  # what the set adds to its source
    guidance: list[str] = field(default_factory=list)  # the set's guidance for this step
    whole: list[str] = field(default_factory=list)  # the whole set's `ours` (at step 1)

    def __bool__(self) -> bool:
        return bool(self.notes or self.ours or self.guidance or self.whole)


def facilitators_notes(qs: QuestionSet, index: int, q: Question | None) -> FacilitatorsNotes:
    step = qs.steps[index]
    notes = [t for t in (q and step.text, step.note, q and q.note) if t]
    if step.see:  # the method's own set, which the facilitators may have open
        notes.append(_("Method: the set {id} (dialogtui show {id})").format(id=step.see) + ".")
    return FacilitatorsNotes(
        notes=notes,
        ours=[t for t in (step.ours, q and q.ours) if t],
        guidance=[
            g.text
            for g in qs.guidance
            if (g.applies == "rounds" and step.is_round) or (g.applies == "meeting" and index == 0)
        ],
        # The whole set's (a translation, a method of dialogtui's own) with the first step's
        # notes, last: what the facilitators need in the meeting comes first.
        whole=[qs.ours] if qs.ours and index == 0 else [],
    )
