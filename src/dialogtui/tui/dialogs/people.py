"""Who is in the meeting and who speaks: someone who joins, the speaker chosen by number
or by name."""

from __future__ import annotations

from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Label, OptionList, Select
from textual.widgets.option_list import Option

from dialogtui.display import plain
from dialogtui.i18n import N_, _
from dialogtui.records import Participant
from dialogtui.tui.dialogs.base import CancellableDialog, FormDialog
from dialogtui.tui.ordering import settle
from dialogtui.tui.widgets.fields import RoleSelect


class _NameFilter(Input):
    """The speaker dialog's box for a name's first letters. While it is empty, a digit is
    not its to type: it picks a speaker (the dialog's binding)."""

    digits_pick = True

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if self.digits_pick and not self.value and character and character in "123456789":
            return False
        return super().check_consume_key(key, character)


class SpeakerDialog(CancellableDialog[int | str]):
    """Who speaks now, in two keys that every terminal sends as they are: f6, then the
    speaker's number, or the first letters of a name and enter. (alt+digit arrives as ESC and
    a digit in many terminals, or as "¡" on a Mac.)"""

    BINDINGS = [
        Binding("enter", "pick", N_("Choose"), priority=True),
        *[Binding(str(n), f"number({n})", show=False, priority=True) for n in range(1, 10)],
    ]

    def __init__(
        self,
        names: list[str],
        current: int | None,
        adds_groups: bool = False,
        title: str | None = None,
    ):
        super().__init__()
        self.names, self.current = names, current
        # In a step of groups: a name that none has, and enter, forms that group.
        self.adds_groups = adds_groups
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            title = _("Who speaks? A number, or the first letters and enter")
            if self.adds_groups:
                title = _("Which group? Its number, first letters, or a new name; enter")
            yield Label(self.title_text or title, classes="title")
            box = _NameFilter(id="who", compact=True)
            box.digits_pick = len(self.names) < 10  # ten or more: the number is typed out
            yield box
            yield OptionList(
                *(
                    Option(plain(f"{n}. {name}"), id=str(n - 1))
                    for n, name in enumerate(self.names, start=1)
                )
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current if self.current is not None else 0
        self.set_focus(self.query_one(Input))

    async def action_number(self, n: int) -> None:
        """A digit picks at once (a priority binding: what is typed next is the turn). With
        ten or more speakers the box types the digits instead, and enter picks."""
        await settle(self)
        box = self.query_one(Input)
        if box.value:
            # Letters typed just before it, which had not reached the box when the digit
            # was read: the digit is part of the name ("Gruppe 3"), in typed order.
            box.insert_text_at_cursor(str(n))
        elif n <= len(self.names):
            self.dismiss(n - 1)

    def on_input_changed(self, event: Input.Changed) -> None:
        typed = event.value.strip()
        if not typed or typed.isdigit():
            return
        folded = typed.casefold()
        options = self.query_one(OptionList)
        match = next(
            (n for n, name in enumerate(self.names) if name.casefold().startswith(folded)), None
        )
        if match is None:
            match = next(
                (n for n, name in enumerate(self.names) if folded in name.casefold()), None
            )
        if match is not None:
            options.highlighted = match

    async def action_pick(self) -> None:
        await settle(self)
        typed = self.query_one(Input).value.strip()
        if typed.isdigit() and 1 <= int(typed) <= len(self.names):
            self.dismiss(int(typed) - 1)
            return
        if self.adds_groups and typed and not typed.isdigit():
            folded = typed.casefold()
            if not any(name.casefold().startswith(folded) for name in self.names):
                self.dismiss(typed)  # a new group, named as typed
                return
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.dismiss(highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)  # a click


class ParticipantDialog(FormDialog[Participant]):
    """Someone who joins during the meeting: a name and, where the set has roles, a role."""

    # In the role's list, in typed order (its own arrows would run after the enter typed
    # right after them, choosing the role above).
    BINDINGS = [
        Binding("down", "cursor(1)", N_("Next"), show=False, priority=True),
        Binding("up", "cursor(-1)", N_("Previous"), show=False, priority=True),
    ]

    def __init__(self, roles: list[tuple[str, str]]):
        super().__init__()
        self.roles = roles

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(_("Add participant"), classes="title")
            with Horizontal(classes="row"):
                yield Label(_("Name"), classes="field-label")
                yield Input(id="p-name", compact=True)
            if self.roles:
                with Horizontal(classes="row"):
                    yield Label(_("Role"), classes="field-label")
                    yield RoleSelect(
                        [(plain(name), rid) for name, rid in self.roles],
                        prompt=_("Role"),
                        id="p-role",
                        compact=True,
                        allow_blank=True,
                    )
            with Horizontal(classes="row"):
                yield Label(_("Organisation"), classes="field-label")
                yield Input(id="p-org", compact=True)
            yield Label(_("enter: next field · ctrl+s: save · escape: cancel"), classes="hint")

    async def action_enter(self) -> None:
        """On the Role field enter opens it, and in its list chooses and goes on to
        Organisation, in typed order: the organisation typed next is the organisation's, as
        in the set-up (a role chosen left the focus on the closed list, where it was lost)."""
        found = self.query(RoleSelect)
        chosen = await found.first().take_enter(self) if found else None
        if chosen:
            self.set_focus(self.query_one("#p-org", Input))
        if chosen is None:
            await super().action_enter()

    async def action_cursor(self, delta: int) -> None:
        found = self.query(RoleSelect)
        if not found or not await found.first().take_arrow(self, delta):
            raise SkipAction()  # elsewhere the arrows are the field's own

    def on_role_select_chosen(self, _: RoleSelect.Chosen) -> None:
        self.set_focus(self.query_one("#p-org", Input))  # a role clicked

    def field_entered(self, field: Input) -> None:
        if field.id == "p-org":
            self.save()
        else:
            self.focus_next()  # Screen.focus_next moves the focus at once

    def save(self) -> None:
        name = self.query_one("#p-name", Input).value.strip()
        if not name:
            self.notify(_("A participant needs a name."), severity="error")
            return
        role = self.query_one("#p-role", Select).value if self.roles else None
        org = self.query_one("#p-org", Input).value.strip()
        self.dismiss(Participant(name, role if isinstance(role, str) else None, org))
