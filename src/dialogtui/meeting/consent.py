"""How the guardians' consent was given: for the meeting, and for each case of a block
whose cases have their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dialogtui.errors import MeetingError
from dialogtui.i18n import _

if TYPE_CHECKING:
    from dialogtui.meeting.clock import Clock
    from dialogtui.questionset.model import QuestionSet
    from dialogtui.records import MeetingInfo
    from dialogtui.store import MeetingsRepo


class Consent:
    """The consent of one meeting; `info`: the meeting's, which the engine shows."""

    def __init__(
        self,
        store: MeetingsRepo,
        meeting_id: int,
        clock: Clock,
        qs: QuestionSet,
        info: MeetingInfo,
    ):
        self._store, self._id, self._clock = store, meeting_id, clock
        self._qs, self._info = qs, info
        # Read once: the question panel asks at every turn.
        self._cases: dict[int, str] = store.case_consents(meeting_id)

    @property
    def missing(self) -> bool:
        """The set requires consent and it has not been recorded: the meeting cannot start."""
        return self._qs.consent_mode == "required" and not self._info.consent_given

    def record(self, given: bool, note: str = "") -> None:
        self._store.set_consent(self._id, given, note)
        self._info.consent_given, self._info.consent_note = given, note

    def of_cases(self) -> dict[int, str]:
        """Per case of a block whose cases have their own consent, how it was given."""
        return dict(self._cases)

    def record_case(self, case: int, note: str) -> None:
        """How the guardians' consent for a case was given (empty: not given)."""
        if not any(b.consent for b in self._qs.blocks):
            raise MeetingError(_("this set has no cases with a consent of their own"))
        self._store.set_case_consent(self._id, case, note.strip(), self._clock.now())
        if note.strip():
            self._cases[case] = note.strip()
        else:
            self._cases.pop(case, None)
