"""A scale step: the zones with their names and descriptions, and each person's rating.
One key per rating: the digit rates the current speaker and moves to the next one."""

from __future__ import annotations

from rich.table import Table
from textual.widgets import Static

from dialogtui.display import plain
from dialogtui.i18n import N_, _
from dialogtui.kinds import scale as scale_kind
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import ScaleRating
from dialogtui.tui.dialogs.base import KeepKind
from dialogtui.tui.widgets.step_panel import (
    TO_TEXT_BOX,
    EngineChange,
    PanelReopen,
    Request,
    StepPanel,
    TextWanted,
    ask,
    key,
    settled,
)

COMMENT = KeepKind("rating")  # a comment on a rating: "{step}:{whose}"


class ScalePanel(Static, StepPanel, can_focus=True):
    HELP_TITLE = N_("Scale")
    # Unscoped, so that a rule can name the capture screen on a short terminal above it.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    ScalePanel { height: auto; max-height: 9; padding: 0 1; }
    ScalePanel:focus { border: round $primary; }
    CaptureScreen.-short ScalePanel { max-height: 6; }
    """
    # Explained in the question panel's hint, with the digits; help lists them. The digits
    # are bindings, so that the app knows this list uses them (tui/keyboard.py).
    BINDINGS = [
        *TO_TEXT_BOX,
        key("c", "comment", N_("Comment on the last rating")),
        *[key(str(n), f"rate({n})", N_("Rate the speaker")) for n in range(10)],
    ]

    _last_rated: int | None = None  # whose rating `c` comments on
    _values: frozenset[str] = frozenset()  # the points of the scale last shown
    _engine: MeetingEngine | None = None

    def show(self, engine: MeetingEngine) -> None:
        scale = engine.step.scale
        if scale is None:
            self.update("")
            return
        self._values = frozenset(str(p.value) for p in scale.points)
        self._engine = engine
        ratings = {r.participant_id: r.value for r in scale_kind.ratings(engine.kind_context())}
        by_value: dict[int, list[str]] = {}
        for p in engine.participants:
            if p.id in ratings:
                by_value.setdefault(ratings[p.id], []).append(p.name)
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(no_wrap=True, style="bold")
        table.add_column(no_wrap=True)
        table.add_column(ratio=1, overflow="ellipsis", no_wrap=True)
        table.add_column(no_wrap=True, style="bold")
        for point in scale.points:
            # A zone's need, where the source names one, comes first: it is what the rating
            # calls for, and the description is cut where the width ends.
            about = plain(f"⇒ {point.need} · ", style="bold") if point.need else plain("")
            about.append_text(plain(point.description, style="dim"))
            table.add_row(
                str(point.value),
                plain(point.zone),
                about,
                plain(", ".join(by_value.get(point.value, []))),
            )
        self.update(table)

    async def action_comment(self) -> None:
        await settled(self)  # the digits typed just before it have been taken
        engine = self._engine
        ratings = scale_kind.ratings(engine.kind_context()) if engine else []
        rating = next((r for r in ratings if r.participant_id == self._last_rated), None)
        if engine is None or rating is None:
            self.notify(_("Rate someone first; the comment goes with that rating."))
            return
        await ask(self, _commenting(engine, rating))

    @classmethod
    def kept(cls) -> dict[KeepKind, PanelReopen]:
        return {COMMENT: _comment_again}

    async def action_rate(self, value: int) -> None:
        await settled(self)  # whose turn it is after the keys before it
        if str(value) not in self._values:
            return  # not a point of this scale

        def rate(engine: MeetingEngine) -> None:
            self._last_rated = scale_kind.rate_speaker(engine.kind_context(), value)

        self.post_message(EngineChange(rate))


def _commenting(engine: MeetingEngine, rating: ScaleRating) -> TextWanted:
    rater, value = rating.participant_id, rating.value
    who = engine.participant(rater)
    title = _("Comment on {name}'s rating ({value})").format(
        name=who.name if who else "", value=value
    )
    then = lambda e, text: scale_kind.rate(e.kind_context(), rater, value, text)  # noqa: E731
    return TextWanted(title, then, rating.comment, COMMENT.key(f"{rating.step}:{rater}"))


def _comment_again(engine: MeetingEngine, about: str) -> Request | None:
    """A comment open when dialogtui stopped, on a rating still given in this step."""
    ratings = scale_kind.ratings(engine.kind_context())
    rating = next((r for r in ratings if f"{r.step}:{r.participant_id}" == about), None)
    return _commenting(engine, rating) if rating else None
