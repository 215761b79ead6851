"""A checkbox whose box says whether it is ticked, not only its colour.

Textual's `ToggleButton._button` draws its box from `BUTTON_LEFT`, `BUTTON_INNER` and
`BUTTON_RIGHT` ("▐X▌") in both states and shows the state by the X's colour alone. Without
colour (a monochrome terminal, NO_COLOR, a screenshot in grey, a colour-blind scribe) an
unticked box reads as ticked: a new user's files written from a dialog
showing "▐X▌ Pseudonymised…", not ticked, had real names. Here the X is there only when the
box is ticked.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Checkbox


class TickBox(Checkbox):
    """A `Checkbox` drawn "▐X▌" ticked and "▐ ▌" not. Queries, CSS and messages for
    `Checkbox` find it as one."""

    @property
    def _button(self) -> Content:
        box = super()._button  # Textual's own box, in the theme's styles
        if self.value:
            return box
        left, inner, right = box.divide([len(self.BUTTON_LEFT), len(box) - len(self.BUTTON_RIGHT)])
        # The inside keeps its style (its background is the box's middle), not its X, and its
        # width: the label stays where it is when the box is ticked.
        return Content.assemble(left, Content(" " * len(inner), list(inner.spans)), right)
