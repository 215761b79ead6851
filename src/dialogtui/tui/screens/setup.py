"""Meeting set-up: date, place, facilitators, participants, consent, previous meeting."""

from __future__ import annotations

from rich.text import Text
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Checkbox, Input, Label, OptionList, Select
from textual.widgets.input import Selection
from textual.widgets.option_list import Option

from dialogtui.display import plain, visible
from dialogtui.errors import DialogtuiError, MeetingError
from dialogtui.export.pseudonymise import pseudonym_clash
from dialogtui.i18n import N_, _, date_advice, date_field_text, date_hint
from dialogtui.meeting.engine import MeetingEngine
from dialogtui.questionset.model import QuestionSet
from dialogtui.questionset.placeholders import check_date
from dialogtui.records import MeetingInfo, Participant
from dialogtui.tui.dialogs.base import typed_day
from dialogtui.tui.ordering import OrderedFocus, settle
from dialogtui.tui.typed import DialogScreen
from dialogtui.tui.widgets.fields import Field, RoleSelect
from dialogtui.tui.widgets.footer import KeyFooter
from dialogtui.tui.widgets.tick import TickBox


def _field(label: str, widget) -> ComposeResult:
    with Horizontal(classes="row"):
        yield Label(label, classes="field-label")  # translated by the caller
        yield widget


class ParticipantList(OptionList):
    """The participants so far. Its keys are the set-up screen's (priority bindings that
    run when the list has the focus), so that an arrow key and the delete typed after it
    act in that order. None of them is a letter: a letter typed here is a name (the
    screen's `take_typing`)."""

    HELP_TITLE = N_("Participant list")

    def on_focus(self) -> None:
        if self.highlighted is None and self.option_count:
            self.highlighted = 0  # the first delete removes someone, not nothing


class SetupScreen(OrderedFocus, DialogScreen[None]):
    # Priority bindings that first let the keys typed before them land (tui/ordering.py):
    # a whole form typed in one burst fills the right fields.
    BINDINGS = [
        Binding("ctrl+s", "start", N_("Start meeting"), priority=True),
        Binding("ctrl+a", "add", N_("Add participant"), priority=True),
        Binding("enter", "enter", N_("Next field / add / edit"), show=False, priority=True),
        Binding("escape", "back", N_("Back")),
        *OrderedFocus.FOCUS_BINDINGS,
        # In the participant list (elsewhere these keys edit or move as usual). No letter:
        # a letter typed in the list is the next participant's name (`take_typing`).
        Binding("delete", "in_list('remove')", N_("Remove participant"), show=False, priority=True),
        Binding("alt+up,ctrl+up", "in_list('move', -1)", N_("Move up"), show=False, priority=True),
        Binding(
            "alt+down,ctrl+down", "in_list('move', 1)", N_("Move down"), show=False, priority=True
        ),
        # In the participant list and the role's drop-down:
        Binding("down", "cursor(1)", N_("Next"), show=False, priority=True),
        Binding("up", "cursor(-1)", N_("Previous"), show=False, priority=True),
    ]

    def __init__(self, qs: QuestionSet, text: str):
        super().__init__()
        self.qs, self.text = qs, text
        self.people: list[Participant] = []

    def compose(self) -> ComposeResult:
        qs = self.qs
        asks = visible(qs.facilitators.asker if qs.facilitators else _("Facilitator who asks"))
        writes = visible(qs.facilitators.writer if qs.facilitators else _("Facilitator who writes"))
        with VerticalScroll(id="setup"):
            yield Label(plain(_("New meeting: {title}").format(title=qs.title), style="bold"))
            yield from _field(_("Title"), Field(visible(qs.title), id="title", compact=True))
            yield from _field(
                _("Date"),
                Field(
                    date_field_text(self.app.clock.now().date()),
                    placeholder=date_hint(),
                    id="date",
                    compact=True,
                ),
            )
            yield from _field(_("Place"), Field(id="place", compact=True))
            yield from _field(_("Asks"), Field(placeholder=asks, id="asker", compact=True))
            yield from _field(_("Writes"), Field(placeholder=writes, id="writer", compact=True))
            if qs.asks_consent:
                if qs.consent_text:
                    yield Label(plain(qs.consent_text), classes="hint")
                if qs.consent_mode == "recommended":
                    yield Label(
                        _("Recommended, not required: the meeting can start without it."),
                        classes="hint",
                    )
                yield TickBox(_("Guardians' consent recorded"), id="consent", compact=True)
                yield from _field(
                    _("Consent note"),
                    Field(placeholder=_("how consent was given"), id="consent-note", compact=True),
                )
            yield from _field(
                _("Follows up"),
                Select(
                    self._previous_options(),
                    prompt=_("(no previous meeting)"),
                    id="previous",
                    allow_blank=True,
                    compact=True,
                ),
            )
            yield Label(
                _("Participants (enter adds; list: enter edits, del removes, alt+↑/↓ moves)"),
                classes="section",
            )
            with Horizontal(classes="row"):
                # Not selected on focus: a participant back in the fields to be corrected
                # must not be replaced by the first key typed.
                yield Field(placeholder=_("Name"), id="p-name", compact=True, select_on_focus=False)
                if qs.roles:  # a set without roles asks for none
                    roles = [(plain(r.name), r.id) for r in qs.roles]
                    role = RoleSelect(
                        roles, prompt=_("Role"), id="p-role", allow_blank=True, compact=True
                    )
                    # As wide as the longest role's name (and the arrow), up to a limit.
                    role.styles.width = min(
                        28, 4 + max(len(_("Role")), *(len(r.name) for r in qs.roles))
                    )
                    yield role
                yield Field(
                    placeholder=_("Organisation"), id="p-org", compact=True, select_on_focus=False
                )
                yield Field(
                    placeholder=_("Pseudonym (optional)"),
                    id="p-pseudonym",
                    compact=True,
                    select_on_focus=False,
                )
            if any(step.is_round and step.by_organisation for step in qs.steps):
                # Whom each speaks for, where the set's rounds go organisation by organisation.
                yield Label(
                    _(
                        "Organisation: whom they speak for in rounds by organisation "
                        "(else their role)"
                    )
                    if qs.roles
                    else _("Organisation: whom they speak for in rounds by organisation"),
                    classes="hint",
                )
            yield ParticipantList(id="people")
        yield KeyFooter()

    def _previous_options(self) -> list[tuple[Text, int]]:
        """Every meeting to follow up, told apart: its series' name first, the latest of
        each series first; its date, title, set, people and open actions (two Träff 4s
        of one day are two groups' meetings)."""
        from dialogtui.questionset.library import listings
        from dialogtui.tui.screens.start import follow_up_lines

        try:
            rows = self.app.store.list_meetings()
        except DialogtuiError:
            return []
        set_titles = {e.id: e.title for e in reversed(listings())} if rows else {}
        return follow_up_lines(rows, set_titles)

    def on_mount(self) -> None:
        self.sub_title = _("New meeting")
        self.set_focus(self.query_one("#place", Input))

    # -- participants -------------------------------------------------------------------

    def on_select_changed(self, event: Select.Changed) -> None:
        """A series usually meets with the same people: following up a meeting brings its
        participants along, if none have been entered yet."""
        if event.select.id != "previous" or self.people or not isinstance(event.value, int):
            return
        try:
            earlier = self.app.store.meeting_info(event.value).participants
        except DialogtuiError as exc:
            self.app.report(exc)
            return
        roles = {r.id for r in self.qs.roles}
        self.people = [
            Participant(p.name, p.role if p.role in roles else None, p.organisation, p.pseudonym)
            for p in earlier
        ]
        self._show_people()

    def _role_select(self) -> RoleSelect | None:
        found = self.query(RoleSelect)
        return found.first() if found else None

    async def action_enter(self) -> None:
        field = self.focused
        if isinstance(field, ParticipantList):
            await self.action_in_list("edit")
            return
        role = self._role_select()
        chosen = await role.take_enter(self) if role is not None else None
        if chosen is not None:
            if chosen:
                self._role_chosen()
            return
        if not isinstance(field, Input):
            raise SkipAction()  # enter opens a drop-down, ticks a box
        await settle(self)
        if field.id in ("p-name", "p-org", "p-pseudonym"):
            self._add()
        else:
            self.focus_next()  # Screen.focus_next moves the focus at once

    async def action_add(self) -> None:
        await settle(self)
        self._add()

    async def action_cursor(self, delta: int) -> None:
        """up and down in the participant list and the role's drop-down, in typed order (the
        lists' own arrow keys would run after an enter typed right after them); on the closed
        Role field they open it, as Textual's own do."""
        role = self._role_select()
        if role is not None and await role.take_arrow(self, delta):
            return
        field = self.focused
        if not isinstance(field, ParticipantList):
            raise SkipAction()  # typed into a field, or moving in another drop-down
        await settle(self)
        (field.action_cursor_down if delta > 0 else field.action_cursor_up)()

    async def take_typing(self, key: str, always: bool = False) -> None:
        """A printable key, as the app reads it (tui/keyboard.py): typed in the participant
        list, it is the next participant's name, and the Name field takes the keyboard
        before the key is handed on. No key of the list is a letter, so none is lost there
        and none removes or corrects anyone."""
        if isinstance(self.focused, ParticipantList):
            await settle(self)
            self.set_focus(self.query_one("#p-name", Input))

    def on_role_select_chosen(self, _: RoleSelect.Chosen) -> None:
        self._role_chosen()

    def _role_chosen(self) -> None:
        """On to Organisation, where enter adds the participant."""
        self._suggest_organisation()
        self.set_focus(self.query_one("#p-org", Input))

    _suggested: str | None = None  # the organisation put in the field, not typed there

    def _suggest_organisation(self) -> None:
        """Where a participant of the role chosen already has an organisation, it is put in
        the Organisation field, all of it selected: enter keeps it, typing replaces it,
        backspace empties it. Left empty, the role stood for the organisation: a school
        counsellor entered after "Karis skola" became a second school, "Skola".

        Carried down, not asked: in these meetings most people of one role come from one
        organisation, and a question at enter would cost a key for each of them and catch
        the keys typed ahead (the next name typed in as the answer). The field is in view
        beside the name, and the role stays for the next participant in the same way. What
        the scribe typed in the field is never replaced."""
        role = self._role_select()
        field = self.query_one("#p-org", Input)
        if role is None or (field.value.strip() and field.value != self._suggested):
            return
        chosen = role.value
        present = next(
            (
                p.organisation
                for p in reversed(self.people)
                if isinstance(chosen, str) and p.role == chosen and p.organisation.strip()
            ),
            "",
        )
        field.value = self._suggested = visible(present)
        # All of it selected, the cursor at its start: a narrow field shows its beginning.
        field.selection = Selection(len(field.value), 0)

    def _add(self) -> None:
        name_input = self.query_one("#p-name", Input)
        name = name_input.value.strip()
        if not name:
            self.set_focus(name_input)
            return
        roles = self.query("#p-role")
        role = roles.first(Select).value if roles else None
        org = self.query_one("#p-org", Input).value.strip()
        pseudonym = self.query_one("#p-pseudonym", Input).value.strip() or None
        role_id = role if isinstance(role, str) else None
        person = Participant(name, role_id, org, pseudonym)
        clash = pseudonym_clash(
            person, [p for n, p in enumerate(self.people) if n != self._editing]
        )
        if clash:
            self.notify(
                visible(
                    _(
                        "The pseudonym “{pseudonym}” is also {clash}'s name: the shared "
                        "minutes would seem to quote them. Choose another."
                    ).format(pseudonym=pseudonym, clash=clash)
                ),
                severity="warning",
                markup=False,
            )
        if self._editing is not None and self._editing <= len(self.people):
            self.people.insert(self._editing, person)  # back in its place, corrected
            placed = self._editing
        else:
            self.people.append(person)
            placed = len(self.people) - 1
        self._editing = None
        for field in ("#p-name", "#p-org", "#p-pseudonym"):
            self.query_one(field, Input).value = ""
        self._suggested = None
        self._suggest_organisation()
        self._show_people(placed)
        self.set_focus(name_input)

    _editing: int | None = None  # where the participant being corrected goes back
    _edited: Participant | None = None  # as they were, should their name be emptied

    async def action_in_list(self, what: str, delta: int = 0) -> None:
        """The participant list's keys, as priority bindings that run in typed order."""
        people = self.query_one(ParticipantList)
        if self.focused is not people:
            raise SkipAction()  # typed into a field, or moving in a drop-down
        await settle(self)
        index = people.highlighted
        if index is None or not 0 <= index < len(self.people):
            return
        if what == "remove":
            del self.people[index]
            self._show_people(min(index, len(self.people) - 1))
        elif what == "move":
            j = index + delta
            if 0 <= j < len(self.people):
                self.people[index], self.people[j] = self.people[j], self.people[index]
                self._show_people(j)
        elif what == "edit":
            self._edit(index)

    def _edit(self, index: int) -> None:
        """Back into the fields above the list, to be corrected and added again in its place."""
        if self._editing is not None:
            return  # one at a time: the one in the fields is added back first
        person = self.people.pop(index)
        self._editing, self._edited = index, person
        self.query_one("#p-name", Input).value = visible(person.name)
        for select in self.query("#p-role").results(Select):
            select.value = person.role if person.role else Select.NULL
        self.query_one("#p-org", Input).value = visible(person.organisation)
        self._suggested = None  # theirs, as entered
        self.query_one("#p-pseudonym", Input).value = visible(person.pseudonym or "")
        self._show_people(min(index, len(self.people) - 1))
        for field in self.query("#p-name, #p-org, #p-pseudonym").results(Input):
            field.cursor_position = len(field.value)  # to go on typing at the end
        self.set_focus(self.query_one("#p-name", Input))

    def _show_people(self, highlight: int | None = None) -> None:
        names = {r.id: r.name for r in self.qs.roles}
        options = []
        for n, p in enumerate(self.people, start=1):
            line = plain(f"{n}. {p.name}")
            shown = (names.get(p.role or ""), p.organisation, p.pseudonym and f"“{p.pseudonym}”")
            extra = ", ".join(x for x in shown if x)
            if extra:
                line.append(f"  ({visible(extra)})", style="dim")
            if names and not p.role:
                line.append("  " + _("(no role)"), style="bold italic")
            options.append(Option(line))
        people = self.query_one(ParticipantList)
        people.set_options(options)
        if options:
            people.highlighted = highlight if highlight is not None and highlight >= 0 else 0

    # -- start ----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.app.pop_screen()

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    async def action_start(self) -> None:
        await settle(self)
        value = self._value
        try:
            date = typed_day(value("date"), _("Date"))
            if date is None:  # a meeting has a date: an emptied field is refused too
                raise MeetingError(f"{_('Date')}: {date_advice()}")
            check_date(date, self.qs.horizon)
        except DialogtuiError as exc:
            self.notify(visible(exc), severity="error", markup=False)
            self.set_focus(self.query_one("#date", Input))
            return
        if self.query_one("#p-name", Input).value.strip():
            self._add()  # a name typed but not yet added is surely meant to be added
        elif self._editing is not None and self._edited is not None:
            self.people.insert(self._editing, self._edited)  # emptied, not meant to go
            self._editing = None
        previous = self.query_one("#previous", Select).value
        consent = None
        note = ""
        if self.qs.asks_consent:
            consent = self.query_one("#consent", Checkbox).value
            note = value("consent-note")
            if not consent and self.qs.consent_mode == "required":
                self.notify(
                    _("Record the guardians' consent first (the set requires it)."),
                    severity="error",
                )
                self.set_focus(self.query_one("#consent", Checkbox))
                return
        info = MeetingInfo(
            set_id=self.qs.id,
            title=value("title") or self.qs.title,
            date=date,
            place=value("place"),
            asker=value("asker"),
            writer=value("writer"),
            previous_id=previous if isinstance(previous, int) else None,
            participants=self.people,
            consent_given=consent,
            consent_note=note,
        )
        try:
            engine = MeetingEngine.create(self.app.store, self.qs, self.text, info, self.app.clock)
        except DialogtuiError as exc:
            self.app.report(exc)
            return
        from dialogtui.tui.screens.capture import CaptureScreen

        self.app.switch_screen(CaptureScreen(engine))
