"""The read-back's dialogs: a turn corrected as read back, a participant's objection noted
beside it, and who accepted the minutes. The read-back opens them on the meeting's screen
(`DialogHost`), which keeps their text every second, as every dialog's; after a restart they
open again there, with their text (a half-typed objection is an objection, not a turn)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget
from textual.widgets import Label, Static, TextArea

from dialogtui import i18n
from dialogtui.display import plain
from dialogtui.errors import MeetingError
from dialogtui.i18n import _
from dialogtui.labels import covered_text, labels
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.records import Turn
from dialogtui.tui.dialogs.base import Field, FieldsDialog, KeepKind, TextDialog
from dialogtui.tui.keeping import DialogHost, KeptDialogs, Opening

CORRECTION = KeepKind("read-back")
OBJECTION = KeepKind("objection")
ACCEPTANCE = KeepKind("accepted")


def correction(
    engine: MeetingEngine, host: DialogHost, turn: Turn, then: Callable[[], None]
) -> Opening:
    """The turn corrected as read back (marked so; its earlier text kept)."""

    def done(text: str | None) -> None:
        if text is not None and text.strip() != turn.text:
            change = lambda: engine.turns.edit(turn.id, text, at_read_back=True)  # noqa: E731
            if host.run(change):
                then()

    dialog = TextDialog(_("Correct the turn, as read back"), turn.text)
    return Opening(dialog, done, CORRECTION.key(turn.id))


def participant_named(names: tuple[str, ...], typed: str) -> str | None:
    """The participant `typed` names: exactly (case and spaces aside), or by the first
    letters of their name or of one of its words ("sa", "berg": Sara Berg) where only one
    has them; None where none does, or several."""
    key = " ".join(typed.split()).casefold()
    if not key:
        return None
    exact = [n for n in names if " ".join(n.split()).casefold() == key]
    if exact:
        return exact[0]
    starts = [
        n
        for n in names
        if n.casefold().startswith(key) or any(w.startswith(key) for w in n.casefold().split())
    ]
    return starts[0] if len(starts) == 1 else None


class ObjectionDialog(FieldsDialog[tuple[str, str]]):
    """Who objects, and what they consider incorrect. Who is chosen among the meeting's
    participants (their first letters complete it; the list stands under the fields):
    whose statement an objection is decides the copies it stands in. A name that is no
    participant's is taken only when saved a second time, never by a slip of the keys."""

    DEFAULT_CSS = ".said { width: 100%; margin-top: 1; }"

    def __init__(self, names: tuple[str, ...], check: Callable[[dict[str, str]], tuple[str, str]]):
        fields = [Field("by", _("Who"), names=names), Field("text", _("What is incorrect"))]
        super().__init__(_("An objection, noted beside the turn"), fields, check)
        self.names = names

    def on_mount(self) -> None:
        if self.names:
            people = _("Participants: {names}").format(names=", ".join(self.names))
            said = Static(plain(people), classes="hint said")
            hint = self.query_one("#hint", Label)
            if isinstance(hint.parent, Widget):
                hint.parent.mount(said, before=hint)


class AcceptanceDialog(TextDialog):
    """Who accepted the minutes as read back, with what was read (and what not yet)."""

    DEFAULT_CSS = ".said { width: 100%; margin-bottom: 1; }"

    def __init__(self, title: str, everyone: str, read: str):
        super().__init__(title, everyone)
        self.read = read

    def on_mount(self) -> None:
        box = self.query_one(TextArea)
        if self.read and isinstance(box.parent, Widget):
            box.parent.mount(Static(plain(self.read), classes="said"), before=box)


def objection(engine: MeetingEngine, turn: Turn, then: Callable[[], None]) -> Opening:
    """A participant's objection to the turn, noted beside it."""
    names = tuple(p.name for p in engine.participants)
    confirmed: set[str] = set()  # names no participant has, saved again: someone else's

    def check(texts: dict[str, str]) -> tuple[str, str]:
        typed = " ".join(texts["by"].split())
        by = participant_named(names, typed)
        if by is None and typed and typed.casefold() not in confirmed:
            confirmed.add(typed.casefold())
            said = _(
                "{name} is no participant of this meeting: write the first letters of one, "
                "or ctrl+s again to note the objection as {name}'s."
            )
            raise MeetingError(said.format(name=typed))
        engine.read_back.object_to(turn.id, by or typed, texts["text"])  # raises: stays open
        return by or typed, texts["text"]

    def done(result: tuple[str, str] | None) -> None:
        if result is not None:
            then()

    return Opening(ObjectionDialog(names, check), done, OBJECTION.key(turn.id))


def acceptance(
    engine: MeetingEngine,
    host: DialogHost,
    then: Callable[[], None],
    read: list[tuple[str, int]],
    unseen: list[str] | None = None,
) -> Opening:
    """Who accepted the minutes as read back; `read`: what the read-back showed, kept with
    the acceptance and said in the dialog, with the pages not shown yet."""
    everyone = ", ".join(p.name for p in engine.participants)

    def done(text: str | None) -> None:
        if text is not None and host.run(lambda: engine.read_back.accept(text, read)):
            then()

    parts = covered_text(read, labels(i18n.current()))  # the app's language, as the dialog
    said = [_("Read back: {parts}.").format(parts=parts)] if parts else []
    if unseen:
        said.append(_("Not shown yet: {pages}.").format(pages=", ".join(unseen)))
    # What was read goes with the key: the dialog opened again accepts what was shown.
    key = ACCEPTANCE.key(",".join(f"{part}={n}" for part, n in read))
    dialog = AcceptanceDialog(_("Read back and accepted by"), everyone, " ".join(said))
    return Opening(dialog, done, key)


def _read(arg: str) -> list[tuple[str, int]]:
    """What an acceptance kept under its key covered ("turns=42,decisions=2")."""
    out: list[tuple[str, int]] = []
    for part in filter(None, arg.split(",")):
        name, _sep, n = part.partition("=")
        if n.isdigit():
            out.append((name, int(n)))
    return out


def _turn(engine: MeetingEngine, about: str) -> Turn | None:
    """The turn a kept correction or objection is about, if it is still there."""
    if not about.isdigit():
        return None
    return engine.turns.one(int(about))


def acceptance_again(engine: MeetingEngine, host: DialogHost, about: str) -> Opening:
    """The acceptance open when dialogtui stopped, accepting what it was shown then."""
    return acceptance(engine, host, lambda: None, _read(about))


def register(kept: KeptDialogs, engine: MeetingEngine, host: DialogHost) -> None:
    """The read-back's dialogs open again on the meeting's screen, where their turn still is."""

    def corrected(about: str) -> Opening | None:
        turn = _turn(engine, about)
        return correction(engine, host, turn, lambda: None) if turn else None

    def objected(about: str) -> Opening | None:
        turn = _turn(engine, about)
        return objection(engine, turn, lambda: None) if turn else None

    kept.register(CORRECTION, corrected)
    kept.register(OBJECTION, objected)
    kept.register(ACCEPTANCE, lambda about: acceptance_again(engine, host, about))
