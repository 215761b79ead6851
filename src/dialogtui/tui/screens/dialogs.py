"""Small modal dialogs. Each returns its result through `dismiss`; escape cancels.

Their keys follow `tui/ordering.py`: enter, ctrl+s, escape and the answer keys are priority
bindings that first let the keys typed before them land, so a form typed in one burst
("Boka tid", enter, enter, "Anna", ctrl+s) fills the right fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from dialogtui import i18n
from dialogtui.display import plain, visible
from dialogtui.errors import DialogtuiError, MeetingError
from dialogtui.i18n import N_, _
from dialogtui.records import ActionItem, Participant
from dialogtui.tui.keyboard import TakesNoText
from dialogtui.tui.ordering import OrderedFocus, drain, settle
from dialogtui.tui.typed import DialogModal
from dialogtui.tui.widgets.fields import RoleSelect
from dialogtui.tui.widgets.tick import TickBox


class CancellableDialog(DialogModal[Any]):
    """A dialog that escape closes with no result (None)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), priority=True)]

    def action_cancel(self) -> None:
        if any(select.expanded for select in self.query(Select)):
            raise SkipAction()  # escape first closes an open drop-down
        self.dismiss(None)


class FormDialog(OrderedFocus, CancellableDialog):
    """A dialog of fields: enter goes to the next field, ctrl+s saves.

    What is typed into it is kept every second under `keep_key` (the capture screen saves
    it with the draft), so that quitting or a crash with the dialog open loses nothing; the
    next start opens the dialog again with `restore()`.
    """

    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("enter", "enter", N_("Next field"), show=False, priority=True),
        *OrderedFocus.FOCUS_BINDINGS,
    ]
    AUTO_FOCUS = None  # `on_mount` focuses the first field, at once
    keep_key: str | None = None

    def fields(self) -> list[Input | TextArea]:
        return [w for w in self.query("Input, TextArea") if isinstance(w, Input | TextArea)]

    def on_mount(self) -> None:
        first = self.fields()
        if first:
            self.set_focus(first[0])
            if isinstance(first[0], TextArea):
                first[0].move_cursor(first[0].document.end)

    async def action_save(self) -> None:
        await settle(self)
        self.save()

    async def action_enter(self) -> None:
        field = self.focused
        if not isinstance(field, Input):
            raise SkipAction()  # a new line in a text, a choice in a list
        await settle(self)
        self.field_entered(field)

    def field_entered(self, field: Input) -> None:
        """Enter in a field: the next one, or save after the last."""
        inputs = [w for w in self.fields() if isinstance(w, Input)]
        index = inputs.index(field)
        if index + 1 < len(inputs):
            self.set_focus(inputs[index + 1])
        else:
            self.save()

    def save(self) -> None:
        raise TypeError(f"{type(self).__name__} must say what saving it means")

    _kept = "{}"

    def on_input_changed(self) -> None:
        self._kept = self._collect()

    def on_text_area_changed(self) -> None:
        self._kept = self._collect()

    def _collect(self) -> str:
        return json.dumps(
            {w.id: w.value if isinstance(w, Input) else w.text for w in self.fields() if w.id},
            ensure_ascii=False,
        )

    def kept_text(self) -> str:
        """The fields as they stood after the last change: still right while the dialog is
        being taken down on quit and its fields are gone."""
        return self._kept

    def restore(self, kept: str) -> None:
        """Fill the fields with text kept from an earlier run."""
        try:
            values = json.loads(kept)
        except ValueError:
            return
        for w in self.fields():
            value = values.get(w.id) if isinstance(values, dict) else None
            if isinstance(value, str):
                if isinstance(w, Input):
                    w.value = visible(value)
                else:
                    w.text = visible(value)
                    w.move_cursor(w.document.end)  # to go on typing where it stopped

    @staticmethod
    def kept_values(kept: str) -> list[str]:
        """The non-empty texts of a kept form, for when it cannot be opened again."""
        try:
            values = json.loads(kept)
        except ValueError:
            return [kept]
        if not isinstance(values, dict):
            return [kept]
        return [str(v) for v in values.values() if str(v).strip()]


def complete(field: Input, names: list[str]) -> None:
    """Enter takes the suggested name, as the scribe would expect: the first name that
    begins with what is typed, as the field's suggester shows it."""
    if field.value:
        typed = field.value.casefold()
        match = next((n for n in names if n.casefold().startswith(typed)), None)
        if match:
            field.value = match


class ListKeys:
    """A dialog whose list moves with the arrow keys in typed order. A list's own arrow keys
    are bindings that run only once the key has gone round the app — after an enter or an
    x typed just after them, which would then choose the row above. As priority bindings
    of the dialog they run the moment they are read."""

    LIST_BINDINGS = [
        Binding(key, f"list('{action}')", show=False, priority=True)
        for key, action in (
            ("down", "cursor_down"),
            ("up", "cursor_up"),
            ("home", "first"),
            ("end", "last"),
            ("pagedown", "page_down"),
            ("pageup", "page_up"),
        )
    ]

    def action_list(self, action: str) -> None:
        for options in self.query(OptionList):  # type: ignore[attr-defined]
            getattr(options, f"action_{action}")()


class ErrorDialog(DialogModal[None]):
    """A problem that needs the user's attention (the disk is full, the meeting is locked)."""

    BINDINGS = [Binding("escape,enter", "dismiss", N_("Close"), priority=True)]

    def __init__(self, message: str, title: str = "Problem"):
        super().__init__()
        self.message, self.title_text = message, title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error"):
            yield Label(plain(self.title_text), classes="title")
            yield Static(plain(self.message))
            yield Button("OK", variant="error", id="ok")

    def on_button_pressed(self) -> None:
        self.dismiss()


class ConfirmDialog(TakesNoText, DialogModal[bool]):
    """Whether to delete something. Its safe answer is every key a typist hits: `enter`,
    `escape`, and any letter (which then goes on to the text box, tui/keyboard.py); only
    `delete` again deletes, a key no sentence holds (a "y" would be the y of "mycket")."""

    BINDINGS = [
        Binding("delete", "answer(True)", N_("Delete"), priority=True),
        Binding("enter,escape", "answer(False)", N_("Keep"), priority=True),
    ]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question))
            yield Label(_("delete: delete · enter or escape: keep it"), classes="hint")

    safe_answer = False

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class TextDialog(FormDialog):
    """Enter or edit one text: a decision, a concern, a turn, a comment."""

    def __init__(self, title: str, text: str = ""):
        super().__init__()
        self.title_text, self.initial = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="title")
            yield TextArea(visible(self.initial), soft_wrap=True, id="text")
            yield Label(_("ctrl+s: save   escape: cancel"), classes="hint")

    def save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)


class ActionDialog(FormDialog):
    """An action item: what, how, who, with whom, when, first step. Who completes from the
    participants' names."""

    def __init__(
        self, columns: list[tuple[str, str]], names: list[str], item: ActionItem | None = None
    ):
        super().__init__()
        self.columns, self.names = columns, names
        self.item = item or ActionItem("")

    def compose(self) -> ComposeResult:
        suggester = SuggestFromList(self.names, case_sensitive=False)
        with Vertical(classes="dialog form"):
            yield Label(_("Action item"), classes="title")
            for field, label in self.columns:
                current = getattr(self.item, field)
                if field == "when":
                    current = current.isoformat() if current else ""
                with Horizontal(classes="row"):
                    yield Label(plain(label), classes="field-label")
                    yield Input(
                        visible(current or ""),
                        placeholder=_("YYYY-MM-DD") if field == "when" else "",
                        id=f"f-{field}",
                        compact=True,
                        suggester=suggester if field in ("who", "with_whom") else None,
                    )
            yield Label(_("enter: next field · ctrl+s: save · escape: cancel"), classes="hint")

    def field_entered(self, field: Input) -> None:
        if field.id in ("f-who", "f-with_whom"):
            complete(field, self.names)
        super().field_entered(field)

    def save(self) -> None:
        values = {f: self.query_one(f"#f-{f}", Input).value.strip() for f, _ in self.columns}
        if not values.get("what"):
            self.notify(_("An action item needs a 'what'."), severity="error")
            self.set_focus(self.query_one("#f-what", Input))
            return
        try:
            when = typed_day(values.get("when", ""))
        except MeetingError as exc:
            self.notify(str(exc), severity="error")
            self.set_focus(self.query_one("#f-when", Input))
            return
        # A copy: the caller's item changes only once the store has taken the change.
        item = dataclasses.replace(self.item)
        for field, text in values.items():
            setattr(item, field, when if field == "when" else text)
        self.dismiss(item)


def typed_day(text: str) -> dt.date | None:
    """A date as a form takes it (YYYY-MM-DD), None where nothing is written; a
    MeetingError that says how to write it otherwise."""
    if not text.strip():
        return None
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise MeetingError(_("Write the date as YYYY-MM-DD.")) from None


LABEL_COLUMN = 14  # .dialog.form .field-label's width, in app.tcss


@dataclasses.dataclass(frozen=True)
class Field:
    """One line of a FieldsDialog: its id, its label, its text, and the names it completes
    (enter takes the first that begins with what is typed; none: a plain text)."""

    id: str
    label: str
    value: str = ""
    names: tuple[str, ...] = ()
    hint: str = ""  # shown in the empty field ("YYYY-MM-DD")


class FieldsDialog(FormDialog):
    """A card's form of a few one-line fields (a need: to whom, what, whose). `check` takes
    the texts by field id and gives the result, or raises a DialogtuiError: its message is
    shown and what was typed stays in the form to be put right."""

    def __init__(self, title: str, fields: list[Field], check):
        super().__init__()
        self.title_text, self.field_list, self.check = title, fields, check

    def compose(self) -> ComposeResult:
        # Labels longer than the label column stand above their fields, whole.
        stacked = any(cell_len(f.label) >= LABEL_COLUMN for f in self.field_list)
        with Vertical(classes="dialog form"):
            yield Label(plain(self.title_text), classes="title")
            for f in self.field_list:
                suggester = SuggestFromList(f.names, case_sensitive=False) if f.names else None
                field = Input(
                    visible(f.value),
                    placeholder=f.hint,
                    id=f"f-{f.id}",
                    compact=True,
                    suggester=suggester,
                )
                if stacked:
                    yield Label(plain(f.label), classes="stacked-label")
                    yield field
                    continue
                with Horizontal(classes="row"):
                    yield Label(plain(f.label), classes="field-label")
                    yield field
            yield Label(
                _("enter: next field · ctrl+s: save · escape: cancel"), classes="hint", id="hint"
            )

    def field_entered(self, field: Input) -> None:
        own = next((f for f in self.field_list if f"f-{f.id}" == field.id), None)
        if own is not None and own.names:
            complete(field, list(own.names))
        super().field_entered(field)

    def save(self) -> None:
        texts = {f.id: self.query_one(f"#f-{f.id}", Input).value for f in self.field_list}
        try:
            self.dismiss(self.check(texts))
        except DialogtuiError as exc:
            # In the form itself too, where the eyes are, until it is put right.
            self.query_one("#hint", Label).update(plain(str(exc), style="bold"))
            self.notify(visible(str(exc)), severity="error", markup=False)


class _NameFilter(Input):
    """The speaker dialog's box for a name's first letters. While it is empty, a digit is
    not its to type: it picks a speaker (the dialog's binding)."""

    digits_pick = True

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if self.digits_pick and not self.value and character and character in "123456789":
            return False
        return super().check_consume_key(key, character)


class SpeakerDialog(CancellableDialog):
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


class PickDialog(TakesNoText, ListKeys, CancellableDialog):
    """Choose one of the lines (the caller's words, shown as typed); dismissed with its
    index."""

    BINDINGS = [Binding("enter", "go", N_("Choose"), priority=True), *ListKeys.LIST_BINDINGS]

    def __init__(self, title: str, lines: list[str], current: int):
        super().__init__()
        self.title_text, self.lines, self.current = title, lines, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(self.title_text), classes="title")
            yield OptionList(*(Option(plain(line), id=str(n)) for n, line in enumerate(self.lines)))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        self.set_focus(options)

    async def action_go(self) -> None:
        options = self.query_one(OptionList)
        await drain(options)  # the arrow keys typed before enter
        if options.highlighted is not None:
            self.dismiss(options.highlighted)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)  # a click


class JumpDialog(PickDialog):
    """Jump to any step; each line is one step of the agenda, as the caller describes it."""

    BINDINGS = [Binding("enter", "go", N_("Go to step"), priority=True), *ListKeys.LIST_BINDINGS]

    def __init__(self, lines: list[str], current: int):
        super().__init__(_("Go to step"), lines, current)


@dataclasses.dataclass(frozen=True)
class NoteRow:
    """One line of the notes list, and how to correct or delete what it stands for."""

    line: str  # as listed
    title: str  # of the dialog that corrects it
    text: str  # the text to correct
    keep_key: str  # its dialog's text is kept under this key, as every dialog's is
    question: str | None  # asked before deleting it; None: it is corrected, never deleted


class NotesDialog(TakesNoText, ListKeys, CancellableDialog):
    """The meeting's decisions, concerns and consent note, to correct or delete.

    The correcting dialog opens on top of the list, from the key's own binding, so that the
    keys typed after enter are the new text (a dialog opened later, once the list has
    gone, would miss them). The screen's `change(row, text or None)` does the change and
    gives the new list; `push` is how the screen shows a dialog (and keeps its text)."""

    BINDINGS = [
        Binding("enter", "choose(False)", N_("Edit"), priority=True),
        Binding("delete", "choose(True)", N_("Delete"), priority=True),
        *ListKeys.LIST_BINDINGS,
    ]

    def __init__(self, rows: list[NoteRow], change, push):
        super().__init__()
        self.rows, self.change, self.push = rows, change, push

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Decisions, concerns, consent and groups"), classes="title")
            yield OptionList()
            yield Static(_("Nothing noted yet: f4 notes a decision, f5 a concern."), id="none")
            yield Label(_("enter: edit · delete: delete · escape: close"), classes="hint")

    def on_mount(self) -> None:
        self.show(self.rows)
        self.set_focus(self.query_one(OptionList))

    def show(self, rows: list[NoteRow]) -> None:
        options = self.query_one(OptionList)
        at = options.highlighted or 0
        self.rows = rows
        options.set_options(Option(plain(row.line)) for row in rows)
        options.display = bool(rows)
        self.query_one("#none").display = not rows
        if rows:
            options.highlighted = min(at, len(rows) - 1)

    async def action_choose(self, delete: bool) -> None:
        options = self.query_one(OptionList)
        await drain(options)  # the arrow keys typed before it
        if options.highlighted is None or not self.rows:
            return
        row = self.rows[options.highlighted]

        def done(result: str | bool | None) -> None:
            if result is True:  # yes, delete
                self.show(self.change(row, None))
            elif isinstance(result, str):
                self.show(self.change(row, result))

        if delete:
            if row.question is None:
                self.notify(_("This is corrected, not deleted: enter corrects it."))
                return
            await self.push(ConfirmDialog(row.question), done)
        else:
            await self.push(TextDialog(row.title, row.text), done, row.keep_key)

    async def on_option_list_option_selected(self) -> None:
        await self.action_choose(False)  # a click


class ParticipantDialog(FormDialog):
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


class FolderDialog(ListKeys, FormDialog):
    """Ask for a folder to write the files into (created if missing), whether to
    pseudonymise them, and the language of their headings and dates (the meeting's, or a
    recipient's). Files already there are replaced only after a second enter, with a
    question that names the meeting they are of (`meeting`). `names(pseudonymised,
    labels)` gives the names the files would have: they say the meeting's title (or its
    pseudonymised one) in the words of the headings' language."""

    # Space ticks the box in typed order (the box's own space runs after an enter typed
    # just after it, which would write the files with names).
    BINDINGS = [
        Binding("space", "tick", N_("Tick"), show=False, priority=True),
        *ListKeys.LIST_BINDINGS,
    ]

    def __init__(
        self,
        title: str,
        default: str,
        names: Callable[[bool, str], Sequence[str]] | Sequence[str] = (),
        labels: str = "en",
        meeting: str = "",
    ):
        super().__init__()
        self.title_text, self.default, self.names = title, default, names
        self.labels = labels  # the meeting's language, chosen unless another is
        self.meeting = meeting  # "Framtidsdialog, 5 dec. 2026", for the question
        # The folder, pseudonymised or not, and language whose files enter again replaces.
        self._replace_in: tuple[str, bool, str] | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(plain(self.title_text), classes="title")
            with Horizontal(classes="row"):
                yield Label(_("Folder"), classes="field-label")
                yield Input(visible(self.default), id="folder", compact=True)
            yield TickBox(
                _("Pseudonymised, to share outside the meeting"),  # whole at 80 columns
                id="pseudonymise",
                compact=True,
            )
            with Horizontal(classes="row"):
                yield Label(_("Headings in"), classes="field-label")
                languages = [Option(i18n.NAMES[code], id=code) for code in i18n.LANGUAGES]
                yield OptionList(*languages, id="labels", compact=True)
            yield Label(
                _("enter: write the files · tab: pseudonymised, language · escape: cancel"),
                id="hint",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#labels", OptionList).highlighted = i18n.LANGUAGES.index(self.labels)
        self.query_one("#hint", Label).styles.width = "100%"  # a long question wraps

    def on_input_changed(self) -> None:
        super().on_input_changed()
        self._replace_in = None  # another folder: ask again

    def action_list(self, action: str) -> None:
        if isinstance(self.focused, OptionList):  # the folder's field has no use for them
            super().action_list(action)

    async def action_tick(self) -> None:
        box = self.focused
        if not isinstance(box, Checkbox):
            raise SkipAction()  # a space in the folder's name
        await settle(self)
        box.toggle()

    async def action_enter(self) -> None:
        if isinstance(self.focused, Checkbox | OptionList):  # enter writes; space ticks
            await settle(self)
            self.save()
            return
        await super().action_enter()

    def save(self) -> None:
        value = self.query_one("#folder", Input).value.strip()
        if not value:
            return
        folder = Path(value).expanduser()
        chosen = self.query_one("#labels", OptionList).highlighted
        labels = i18n.LANGUAGES[chosen] if chosen is not None else self.labels
        pseudonymise = self.query_one("#pseudonymise", Checkbox).value
        names = self.names(pseudonymise, labels) if callable(self.names) else self.names
        there = [n for n in names if (folder / n).exists()]
        if there and self._replace_in != (value, pseudonymise, labels):
            self._replace_in = (value, pseudonymise, labels)
            # Short enough for 80 columns: whose files they are, not each file's name.
            said = _(
                "Files of {meeting} are already in this folder: enter again replaces them, "
                "or choose another folder."
            )
            self.query_one("#hint", Label).update(
                plain(said.format(meeting=self.meeting), style="bold")
            )
            return
        self.dismiss((folder, pseudonymise, labels))


def open_dialogs(screens: list) -> list[FormDialog]:
    """The forms open on top of a screen, for keeping their text."""
    return [s for s in screens if isinstance(s, FormDialog) and s.keep_key]
