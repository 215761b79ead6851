"""What the screens look like, one snapshot per stage of a meeting, at 80×24 and 60×20, with
five participants with long names and the longest step title of the shipped sets: nothing
essential may fall off the screen unseen.

Review changes with `scripts/test -n0 tests/test_snapshots.py --snapshot-update` and the diff
in tests/__snapshots__/ (an SVG per snapshot; snapshot_report.html shows failures).
"""

from __future__ import annotations

import contextlib

import pytest
from meeting_helpers import new_meeting
from tui_helpers import START, first_screen, until

from dialogtui.kinds import choice as choice_kind
from dialogtui.kinds import scale as scale_kind
from dialogtui.meeting.clock import FakeClock
from dialogtui.records import ActionItem
from dialogtui.store import Store
from dialogtui.tui.app import build_app
from dialogtui.tui.ordering import drain

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]
PEOPLE = [
    ("Anna-Karin Johansson-Lindqvist", "skola", "Rektor"),
    ("Mohammed Abdulrahman Al-Hassan", "socialtjanst", "IFO"),
    ("Kristoffer Gustafsson-Bergström", "skola", "Kurator"),
    ("Maria Magdalena Eriksson", "socialtjanst", "Familjebehandlare"),
    ("Per-Olof Andersson Nyström", "skola", "Speciallärare"),
]
NO_ROLES = [(name, None) for name, _, _ in PEOPLE]


def app_with(tmp_path, setup=None, **kwargs):
    """An app over a private database, made deterministic: a fixed clock, no blinking."""
    db = tmp_path / "db"
    clock = FakeClock(START)
    meeting_id = None
    if setup:
        store = Store.open(db)
        engine = setup(store, clock)
        meeting_id = engine.id
        engine.close()
        store.close()
    return build_app(db_path=db, clock=clock, meeting_id=meeting_id, **kwargs)


async def steady(pilot):
    from textual.worker import WorkerCancelled, WorkerFailed

    app = pilot.app
    await first_screen(pilot)
    # The pilot starts before the start screen (the app's base) is mounted: until it has
    # its fields and its focus, there is nothing to stop blinking, and the search box's
    # cursor blinked off a second after its Focus (test_start[60x20] on a loaded machine).
    await until(pilot, lambda: app.screen.is_mounted and app.screen.focused is not None)
    # What showing the screen starts after its first frame (the start screen's preview;
    # a newer preview cancels an older one) is running once that frame is drawn.
    await app.screen.wait_for_refresh()
    for worker in list(app.workers):
        with contextlib.suppress(WorkerCancelled, WorkerFailed):
            await worker.wait()
    # A blinking cursor would make a snapshot depend on the moment it is taken.
    for field in app.screen.query("Input, TextArea"):
        field.cursor_blink = False
    # The focused field draws its cursor once it has handled its Focus event, which is in
    # its queue from the moment it has the focus: drained, unless the focus moved meanwhile.
    for _ in range(10):
        focused = app.screen.focused
        await drain(focused)
        if app.screen.focused is focused:
            break
    await pilot.pause()


def after(*keys):
    """Press `keys`, then hold the screen still: the dialogs they open do not blink either
    (snap_compare's own `press` would come after `run_before`)."""

    async def run_before(pilot):
        await steady(pilot)
        await pilot.press(*keys)
        await steady(pilot)

    return run_before


def round_step(store, clock):
    m = new_meeting(
        store, "samtidigt-traff-2", PEOPLE, clock=clock, title="Pilotverkstad 2", place="Skolan"
    )
    m.start()
    clock.advance(minutes=3)
    m.submit("Anna-Karin, rektor. Jag hoppas på konkreta steg för eleverna i år 7.")
    clock.advance(minutes=2)
    m.pass_turn()
    m.drafts.save("Kristoffer, kurator, jag har med mig")
    clock.advance(minutes=1)
    return m


def scale_step(store, clock):
    m = new_meeting(store, "raseborg-orons-zoner", NO_ROLES, clock=clock)
    m.start()
    scale_kind.rate(m.kind_context(), m.participants[0].id, 4)
    m.cycle_speaker(1)
    return m


def choice_step(store, clock):
    m = new_meeting(store, "dialogredskab-3-samarbejdsrelationer", NO_ROLES, clock=clock)
    m.start()
    choice_kind.mark(m.kind_context(), "stafet", "now")
    choice_kind.mark(m.kind_context(), "fodboldhold", "desired")
    return m


def action_step(store, clock):
    m = new_meeting(store, "samtidigt-traff-5", PEOPLE, clock=clock, consent_given=True)
    m.start()
    m.goto_step(3)
    clock.advance(minutes=50)  # over its 40 minutes
    m.set_speaker(m.groups.add("Föräldraträffen").id)  # "Sätt er i grupper": a group per activity
    m.actions.add(
        ActionItem(
            "Gemensam föräldraträff",
            "Kvällsmöte",
            "Anna-Karin Johansson-Lindqvist",
            "Mohammed Abdulrahman Al-Hassan",
            START.date().replace(month=2),
            "Skicka inbjudan",
        )
    )
    m.actions.add(ActionItem("Rutin för orosanmälan", who="Mohammed Abdulrahman Al-Hassan"))
    return m


def needs_step(store, clock):
    """Träff 2's needs, organisation by organisation: two needs, one of them answered."""
    from dialogtui.kinds import needs

    people = [(name, role) for name, role, _ in PEOPLE[:2]]
    m = new_meeting(store, "samtidigt-traff-2", people, clock=clock)
    m.start()
    m.goto_step(m.qs.index_of("behov"))
    clock.advance(minutes=12)
    asked = needs.add(
        m.kind_context(), "Skola", "Socialtjänst", "Återkoppling inom en vecka efter en anmälan"
    )
    needs.add(m.kind_context(), "Skola", "Socialtjänst", "En kontaktperson per familj")
    needs.answer(m.kind_context(), asked.id, "Ja, med vårdnadshavarnas samtycke")
    return m


def timeline_step(store, clock):
    """Träff 3's timeline: Skola's two sheets and Socialtjänst's, put up between them."""
    from dialogtui.kinds import board

    people = [(name, role) for name, role, _ in PEOPLE[:2]]
    m = new_meeting(store, "samtidigt-traff-3", people, clock=clock)
    m.start()
    m.goto_step(m.qs.index_of("tidslinje"))
    board.put_up(m.kind_context(), "Anmälan till elevhälsan om hög frånvaro", "ht 2023", "Skola")
    board.put_up(m.kind_context(), "Åtgärdsprogram", "vt 2024", "Skola")
    m.next_in_round()
    board.move(
        m.kind_context(),
        board.put_up(m.kind_context(), "Orosanmälan", "dec 2023", "Socialtjänst").id,
        -1,
    )
    clock.advance(minutes=25)
    return m


def longest_title(store, clock):
    """The longest step title of the shipped sets (84 characters), its clock running over."""
    people = [(name, None) for name, _, _ in PEOPLE]
    m = new_meeting(store, "hva-planlegging", people, clock=clock)
    m.start()
    m.goto_step(1)
    clock.advance(minutes=95)
    return m


@pytest.mark.parametrize("size", SIZES)
def test_start(snap_compare, tmp_path, size):
    assert snap_compare(app_with(tmp_path), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_setup(snap_compare, tmp_path, size):
    app = app_with(tmp_path, set_ref="samtidigt-traff-4")
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_setup_with_five_long_names(snap_compare, tmp_path, size):
    """The set with the longest role name, five long names, one being corrected."""
    app = app_with(tmp_path, set_ref="raseborg-klientmote")

    async def fill(pilot):
        await first_screen(pilot)
        screen = pilot.app.screen
        for name, role, org in [
            (n, "familj" if k % 2 else "myndighet", o) for k, (n, _, o) in enumerate(PEOPLE)
        ]:
            screen.query_one("#p-name").value = name
            screen.query_one("#p-role").value = role
            screen.query_one("#p-org").value = org
            screen.query_one("#p-name").focus()
            await pilot.press("enter")
        await steady(pilot)

    assert snap_compare(app, terminal_size=size, run_before=fill)


@pytest.mark.parametrize("size", SIZES)
def test_capture_round(snap_compare, tmp_path, size):
    assert snap_compare(app_with(tmp_path, round_step), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_capture_scale(snap_compare, tmp_path, size):
    assert snap_compare(app_with(tmp_path, scale_step), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_capture_choice(snap_compare, tmp_path, size):
    assert snap_compare(app_with(tmp_path, choice_step), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_capture_action_plan(snap_compare, tmp_path, size):
    assert snap_compare(app_with(tmp_path, action_step), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_capture_needs(snap_compare, tmp_path, size):
    assert snap_compare(app_with(tmp_path, needs_step), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_capture_timeline(snap_compare, tmp_path, size):
    assert snap_compare(app_with(tmp_path, timeline_step), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_capture_longest_step_title(snap_compare, tmp_path, size):
    app = app_with(tmp_path, longest_title)
    assert snap_compare(app, terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES)
def test_speaker_dialog(snap_compare, tmp_path, size):
    app = app_with(tmp_path, round_step)
    assert snap_compare(app, terminal_size=size, run_before=after("f6", "m", "o"))


@pytest.mark.parametrize("size", SIZES)
def test_notes_dialog(snap_compare, tmp_path, size):
    def with_notes(store, clock):
        from dialogtui.records import NoteKind

        m = round_step(store, clock)
        m.notes.add(
            NoteKind.decision, "Nästa träff 21 april, samma tid och plats i skolans bibliotek"
        )
        m.notes.add(NoteKind.concern, "Frånvaron på måndagar")
        return m

    app = app_with(tmp_path, with_notes)
    assert snap_compare(app, terminal_size=size, run_before=after("f7"))


@pytest.mark.parametrize("size", SIZES)
def test_action_dialog(snap_compare, tmp_path, size):
    app = app_with(tmp_path, action_step)
    assert snap_compare(app, terminal_size=size, run_before=after("f3", "O", "r", "d", "n", "a"))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare, tmp_path, size):
    app = app_with(tmp_path, round_step)
    assert snap_compare(app, terminal_size=size, run_before=after("f1"))


@pytest.mark.parametrize("size", SIZES)
def test_end(snap_compare, tmp_path, size):
    app = app_with(tmp_path, action_step)
    assert snap_compare(app, terminal_size=size, run_before=after("ctrl+o"))


def read_back_step(store, clock):
    """A round read back: one turn corrected in the room, one objected to."""
    m = round_step(store, clock)
    m.submit("Maria, socialsekreterare. Att vi ses oftare.")
    first, _passed, second = m.turns.in_step(0)
    m.turns.edit(first.id, first.text + " Och för år 8.", at_read_back=True)
    m.read_back.object_to(second.id, "Anna-Karin Johansson-Lindqvist", "Vi sa en gång i månaden.")
    m.read_back.accept("Anna-Karin Johansson-Lindqvist, Maria Magdalena Eriksson")
    return m


@pytest.mark.parametrize("size", SIZES)
def test_read_back(snap_compare, tmp_path, size):
    app = app_with(tmp_path, read_back_step)
    assert snap_compare(app, terminal_size=size, run_before=after("f10"))


@pytest.mark.parametrize("size", SIZES)
def test_failure_bad_date_in_action(snap_compare, tmp_path, size):
    app = app_with(tmp_path, action_step)
    keys = ["f3", "X", "enter", "enter", "enter", "enter", "3", "1", "/", "2", "ctrl+s"]
    assert snap_compare(app, terminal_size=size, run_before=after(*keys))


@pytest.mark.parametrize("size", SIZES)
def test_failure_disk_full_dialog(snap_compare, tmp_path, size):
    app = app_with(tmp_path, round_step)

    async def full_disk(pilot):
        from dialogtui.errors import StoreError

        def refuse(*args, **kwargs):
            raise StoreError(
                "the disk is full (or failing); nothing new was saved, "
                "the last saved state is intact"
            )

        await first_screen(pilot)
        pilot.app.screen.engine.store.add_turn = refuse
        await steady(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=full_disk)


def test_capture_round_light_theme(snap_compare, tmp_path):
    app = app_with(tmp_path, round_step)

    async def light(pilot):
        pilot.app.theme = "textual-light"
        await steady(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=light)


def _in_language(language: str) -> None:
    from dialogtui import i18n

    i18n.use(language)  # conftest speaks English again before the next test


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_capture_round_in_the_users_language(snap_compare, tmp_path, language):
    """The scribe's screen in Swedish and in Finnish (the longest words) at 80×24: the set's
    texts in its own language, the app's words in the user's (issue 14)."""
    _in_language(language)
    app = app_with(tmp_path, round_step)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steady)


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_setup_in_the_users_language(snap_compare, tmp_path, language):
    _in_language(language)
    app = app_with(tmp_path, set_ref="samtidigt-traff-4")
    assert snap_compare(app, terminal_size=(80, 24), run_before=steady)


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_help_in_the_users_language(snap_compare, tmp_path, language):
    _in_language(language)
    app = app_with(tmp_path, round_step)
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("f1"))


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_end_in_the_users_language(snap_compare, tmp_path, language):
    _in_language(language)
    app = app_with(tmp_path, action_step)
    assert snap_compare(app, terminal_size=(80, 24), run_before=after("ctrl+o"))


@pytest.mark.parametrize("size", SIZES)
def test_capture_action_plan_with_the_keyboard_in_it(snap_compare, tmp_path, size):
    """escape from the text box: the plan is framed and `esc Text box` leads the footer."""
    app = app_with(tmp_path, action_step)
    assert snap_compare(app, terminal_size=size, run_before=after("escape"))


@pytest.mark.parametrize("language", ["sv", "fi"])
def test_a_deletion_asked_in_the_users_language(snap_compare, tmp_path, language):
    """delete in the plan: the question, answered only by delete (any other key keeps it)."""
    _in_language(language)
    app = app_with(tmp_path, action_step)

    async def asked(pilot):
        from dialogtui.tui.dialogs.alerts import ConfirmDialog

        await steady(pilot)
        await pilot.press("escape", "delete")
        # The question has no field to focus (steady waits for one): wait for it to show.
        await until(pilot, lambda: isinstance(pilot.app.screen, ConfirmDialog))
        await pilot.app.screen.wait_for_refresh()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=asked)
