"""Small modal dialogs. Each returns its result through `dismiss`; escape cancels."""

from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from dialogtui.display import plain, visible
from dialogtui.meeting.records import ActionItem, Participant


class CancellableDialog(ModalScreen):
    """A dialog that escape closes with no result (None)."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class FormDialog(CancellableDialog):
    """A dialog whose fields ctrl+s saves; each subclass's `action_save` says how."""

    BINDINGS = [Binding("ctrl+s", "save", "Save")]


class ErrorDialog(ModalScreen[None]):
    """A problem that needs the user's attention (the disk is full, the meeting is locked)."""

    BINDINGS = [Binding("escape,enter", "dismiss", "Close")]

    def __init__(self, message: str):
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog error"):
            yield Label("Problem", classes="title")
            yield Static(plain(self.message))
            yield Button("OK", variant="error", id="ok")

    def on_button_pressed(self) -> None:
        self.dismiss()


class ConfirmDialog(ModalScreen[bool]):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str):
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(plain(self.question))
            yield Label("y: yes   n: no", classes="hint")

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
            yield Label("ctrl+s: save   escape: cancel", classes="hint")

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
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
            yield Label("Action item", classes="title")
            for field, label in self.columns:
                current = getattr(self.item, field)
                if field == "when":
                    current = current.isoformat() if current else ""
                with Horizontal(classes="row"):
                    yield Label(plain(label), classes="field-label")
                    yield Input(
                        visible(current or ""),
                        placeholder="YYYY-MM-DD" if field == "when" else "",
                        id=f"f-{field}",
                        compact=True,
                        suggester=suggester if field in ("who", "with_whom") else None,
                    )
            yield Label("enter: next field · ctrl+s: save · escape: cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Enter takes the suggested participant name, as the scribe would expect.
        suggestion = getattr(event.input, "_suggestion", "")
        if suggestion and suggestion.casefold().startswith(event.value.casefold()):
            event.input.value = suggestion
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_save()

    def action_save(self) -> None:
        values = {f: self.query_one(f"#f-{f}", Input).value.strip() for f, _ in self.columns}
        if not values.get("what"):
            self.notify("An action item needs a 'what'.", severity="error")
            self.query_one("#f-what", Input).focus()
            return
        when = None
        if values.get("when"):
            try:
                when = dt.date.fromisoformat(values["when"])
            except ValueError:
                self.notify("Write the date as YYYY-MM-DD.", severity="error")
                self.query_one("#f-when", Input).focus()
                return
        item = self.item
        for field, text in values.items():
            setattr(item, field, when if field == "when" else text)
        self.dismiss(item)


class JumpDialog(CancellableDialog):
    """Jump to any step; each line is one step of the agenda, as the caller describes it."""

    def __init__(self, lines: list[str], current: int):
        super().__init__()
        self.lines, self.current = lines, current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Go to step", classes="title")
            yield OptionList(*(Option(plain(line), id=str(n)) for n, line in enumerate(self.lines)))

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.current
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(event.option.id))


class ParticipantDialog(FormDialog):
    """Someone who joins during the meeting: a name and, where the set has roles, a role."""

    def __init__(self, roles: list[tuple[str, str]]):
        super().__init__()
        self.roles = roles

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label("Add participant", classes="title")
            with Horizontal(classes="row"):
                yield Label("Name", classes="field-label")
                yield Input(id="p-name", compact=True)
            if self.roles:
                with Horizontal(classes="row"):
                    yield Label("Role", classes="field-label")
                    yield Select(
                        [(plain(name), rid) for name, rid in self.roles],
                        id="p-role",
                        compact=True,
                        allow_blank=True,
                    )
            with Horizontal(classes="row"):
                yield Label("Organisation", classes="field-label")
                yield Input(id="p-org", compact=True)
            yield Label("enter: next field · ctrl+s: save · escape: cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one("#p-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "p-org":
            self.action_save()
        else:
            self.focus_next()

    def action_save(self) -> None:
        name = self.query_one("#p-name", Input).value.strip()
        if not name:
            self.notify("A participant needs a name.", severity="error")
            return
        role = self.query_one("#p-role", Select).value if self.roles else None
        org = self.query_one("#p-org", Input).value.strip()
        self.dismiss(Participant(name, role if isinstance(role, str) else None, org))


class FolderDialog(CancellableDialog):
    """Ask for a folder to write into (created if missing)."""

    def __init__(self, title: str, default: str):
        super().__init__()
        self.title_text, self.default = title, default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog form"):
            yield Label(plain(self.title_text), classes="title")
            with Horizontal(classes="row"):
                yield Label("Folder", classes="field-label")
                yield Input(visible(self.default), id="folder", compact=True)
            yield Label("enter: write the files · escape: cancel", classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())
