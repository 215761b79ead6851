"""What every dialog stands on: its frame, escape, the forms (enter to the next field, ctrl+s
to save), the keys their typed text is kept under, and a list's arrow keys in typed order.

Each dialog returns its result through `dismiss`, typed: a `FormDialog[ActionItem]` gives an
`ActionItem` or, cancelled, None, and whatever opens it passes a `Callable[[T | None], None]`
that the type checker holds to the same T.

Their keys follow `tui/ordering.py`: enter, ctrl+s, escape and the answer keys are priority
bindings that first let the keys typed before them land, so a form typed in one burst
("Boka tid", enter, enter, "Anna", ctrl+s) fills the right fields.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from abc import abstractmethod
from collections.abc import Callable
from typing import ClassVar, TypeVar

from rich.cells import cell_len
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, OptionList, Select, TextArea

from dialogtui.display import plain, visible
from dialogtui.errors import DialogtuiError, MeetingError
from dialogtui.i18n import N_, _, date_advice, typed_date
from dialogtui.tui.ordering import OrderedFocus, settle
from dialogtui.tui.typed import DialogModal

T = TypeVar("T")

# The frame of every dialog (and of help, which looks like one).
DIALOG_FRAME = """
.dialog {
    width: 80%;
    max-width: 90;
    height: auto;
    max-height: 90%;
    border: thick $primary;
    background: $surface;
    padding: 0 1;
}
.dialog .title { text-style: bold; margin-bottom: 1; }
"""


class Dialog(DialogModal[T]):
    """A dialog that gives a T (or None) when it closes."""

    DEFAULT_CSS = DIALOG_FRAME


class CancellableDialog(Dialog[T]):
    """A dialog that escape closes with no result (None)."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), priority=True)]

    def action_cancel(self) -> None:
        if any(select.expanded for select in self.query(Select)):
            raise SkipAction()  # escape first closes an open drop-down
        self.dismiss(None)


# -- the keys a form's text is kept under ---------------------------------------------------

KINDS: dict[str, KeepKind] = {}  # every kind of kept dialog made, by its name


@dataclasses.dataclass(frozen=True)
class KeepKind:
    """A kind of dialog whose text is kept (a decision, a card, an objection), named as its
    keys begin in the store. Each is made once, by the module that opens such dialogs, and
    registered with how it opens again (`tui/keeping.py`); no two share a name, so that a
    kept text always finds the one dialog it came from."""

    name: str

    def __post_init__(self) -> None:
        if not self.name or ":" in self.name:
            raise RuntimeError(f"a kept dialog's kind is a name without ':', not {self.name!r}")
        if self.name in KINDS:
            raise RuntimeError(f"two kinds of kept dialog are named {self.name!r}")
        KINDS[self.name] = self

    def key(self, about: object = "") -> KeepKey:
        """The key of one such dialog: what it is about ("new", a card's id), or nothing."""
        return KeepKey(self, str(about))


@dataclasses.dataclass(frozen=True)
class KeepKey:
    """The key a dialog's text is kept under, as the store keeps it: "card:12", "plan"."""

    kind: KeepKind
    about: str = ""

    def __str__(self) -> str:
        return f"{self.kind.name}:{self.about}" if self.about else self.kind.name

    @staticmethod
    def parts(stored: str) -> tuple[str, str]:
        """A stored key's kind's name and what it is about."""
        name, _sep, about = stored.partition(":")
        return name, about


# -- forms ----------------------------------------------------------------------------------


class FormDialog(OrderedFocus, CancellableDialog[T]):
    """A dialog of fields: enter goes to the next field, ctrl+s saves.

    What is typed into it is kept every second under `keep_key` (the capture screen saves
    it with the draft), so that quitting or a crash with the dialog open loses nothing; the
    next start opens the dialog again with `restore()`.
    """

    DEFAULT_CSS = """
    .dialog.form .row { height: auto; margin-bottom: 1; }
    .dialog.form .field-label { width: 14; color: $text-muted; }
    .dialog.form .stacked-label { color: $text-muted; }
    .dialog.form Input { width: 1fr; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", N_("Save"), priority=True),
        Binding("enter", "enter", N_("Next field"), show=False, priority=True),
        *OrderedFocus.FOCUS_BINDINGS,
    ]
    AUTO_FOCUS = None  # `on_mount` focuses the first field, at once
    keep_key: KeepKey | None = None
    restoring: str | None = None  # text kept from an earlier run, filled in as it mounts

    def fields(self) -> list[Input | TextArea]:
        return [w for w in self.query("Input, TextArea") if isinstance(w, Input | TextArea)]

    def on_mount(self) -> None:
        # Textual runs this after a subclass's own on_mount: the kept text has the last word.
        if self.restoring is not None:
            self.restore(self.restoring)
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

    @abstractmethod
    def save(self) -> None:
        """What saving the form means: `dismiss` with its result, or say what is wrong."""

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


class TextDialog(FormDialog[str]):
    """Enter or edit one text: a decision, a concern, a turn, a comment."""

    DEFAULT_CSS = ".dialog TextArea { height: 8; }"

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


def complete(field: Input, names: list[str]) -> None:
    """Enter takes the suggested name, as the scribe would expect: the first name that
    begins with what is typed, as the field's suggester shows it."""
    if field.value:
        typed = field.value.casefold()
        match = next((n for n in names if n.casefold().startswith(typed)), None)
        if match:
            field.value = match


def typed_day(text: str, label: str = "") -> dt.date | None:
    """A date as a form takes it: ISO or as the UI's language writes it ("15.1.2027" in
    Finnish), None where nothing is written. Otherwise a MeetingError that names the field
    by its `label` and shows how to write a date ("När: skriv datumet som 2027-01-15");
    without a label, for a caller that names the field itself, only how."""
    try:
        return typed_date(text)
    except ValueError:
        advice = date_advice()
        said = f"{label}: {advice}" if label else advice[:1].upper() + advice[1:]
        raise MeetingError(said) from None


LABEL_COLUMN = 14  # the width of FormDialog's `.field-label`


@dataclasses.dataclass(frozen=True)
class Field:
    """One line of a FieldsDialog: its id, its label, its text, and the names it completes
    (enter takes the first that begins with what is typed; none: a plain text)."""

    id: str
    label: str
    value: str = ""
    names: tuple[str, ...] = ()
    hint: str = ""  # shown in the empty field ("ÅÅÅÅ-MM-DD", `i18n.date_hint`)


class FieldsDialog(FormDialog[T]):
    """A card's form of a few one-line fields (a need: to whom, what, whose). `check` takes
    the texts by field id and gives the result, or raises a DialogtuiError: its message is
    shown and what was typed stays in the form to be put right."""

    def __init__(self, title: str, fields: list[Field], check: Callable[[dict[str, str]], T]):
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


class ListKeys:
    """A dialog whose list moves with the arrow keys in typed order. A list's own arrow keys
    are bindings that run only once the key has gone round the app — after an enter or an
    x typed just after them, which would then choose the row above. As priority bindings
    of the dialog they run the moment they are read."""

    LIST_BINDINGS: ClassVar[list[Binding]] = [
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
        assert isinstance(self, Screen)
        for options in self.query(OptionList):
            getattr(options, f"action_{action}")()
