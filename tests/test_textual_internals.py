"""What the app assumes of Textual's internals (`dialogtui/tui/textual_internals.py`) and of
the documented behaviour it leans on, one test per assumption: a new Textual that breaks
one fails the test named for it."""

from __future__ import annotations

import asyncio
import types

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.widgets import Input, OptionList, Select, TextArea
from textual.widgets.option_list import Option
from textual.widgets.select import NoSelection

from dialogtui.tui import textual_internals
from dialogtui.tui.textual_internals import ErrorHookApp


class Boom(Exception):
    pass


class Failing(ErrorHookApp):
    """Raises from a key's action; catches what reaches Textual if `catches`."""

    BINDINGS = [Binding("x", "fail", "Fail")]

    def __init__(self, catches: bool, tell_the_test: bool = False):
        super().__init__()
        self.catches = catches
        self.tell_the_test = tell_the_test
        self.caught: list[Exception] = []

    def action_fail(self) -> None:
        raise Boom("in an action")

    def catch_unhandled(self, error: Exception) -> bool:
        self.caught.append(error)
        if not self.catches:
            return False
        if self.tell_the_test:
            self.raise_after_test(error)
        self.exit(return_code=70)
        return True


def drive(app: App, *keys: str) -> None:
    async def main():
        async with app.run_test() as pilot:
            await pilot.press(*keys)
            await pilot.pause()

    asyncio.run(main())


def test_textual_still_calls_handle_exception_with_the_error():
    app = Failing(catches=True, tell_the_test=True)
    with pytest.raises(Boom) as raised:
        drive(app, "x")
    assert app.caught == [raised.value]
    assert app.return_code == 70  # the hook's exit, not Textual's (1)


def test_textual_handles_the_error_itself_when_the_hook_declines():
    app = Failing(catches=False)
    with pytest.raises(Boom):
        drive(app, "x")
    assert [type(e) for e in app.caught] == [Boom]


def test_textual_run_test_raises_the_error_the_app_records():
    # Also at once: the pilot's wait for the screen ends on the recorded error (without
    # it, `press` would wait its thirty seconds for an app that is shutting down).
    app = Failing(catches=True, tell_the_test=True)
    with pytest.raises(Boom, match="in an action"):
        drive(app, "x")
    assert app._exception_event.is_set()  # what ends the pilot's wait


def code_names(function) -> set[str]:
    """The global names a function and the functions inside it look up."""
    found, codes = set(), [function.__code__]
    while codes:
        code = codes.pop()
        found |= set(code.co_names)
        codes += [c for c in code.co_consts if isinstance(c, types.CodeType)]
    return found


def test_textual_linux_driver_makes_its_decoder_with_its_modules_getincrementaldecoder():
    linux_driver = pytest.importorskip("textual.drivers.linux_driver")
    import dialogtui.tui.app  # noqa: F401  (the app replaces it on import)

    assert "getincrementaldecoder" in code_names(linux_driver.LinuxDriver.run_input_thread)
    decode = linux_driver.getincrementaldecoder("utf-8")().decode
    assert decode(b"K\xe4ke") == "K\ufffdke"  # Latin-1's "ä": a mark, not an error


def test_textual_parser_turns_each_sequence_into_keys_in_sequence_to_key_events():
    from textual._xterm_parser import XTermParser

    import dialogtui.tui.app  # noqa: F401  (the app wraps it on import)

    parser = XTermParser()
    keys = [*parser.feed("\x1b3a\x1bb"), *parser.feed("")]
    assert [(k.key, k.character) for k in keys if isinstance(k, events.Key)] == [
        ("alt+3", None),  # alt and 3: a speaker key, not "£"
        ("a", "a"),
        ("ctrl+left", None),  # ESC b: a word left, as Textual reads it
    ]


def test_textual_sequence_table_names_esc_b_and_esc_f_as_word_moves():
    assert textual_internals.moves_by_word("\x1bb")
    assert textual_internals.moves_by_word("\x1bf")
    assert not textual_internals.moves_by_word("\x1b3")
    assert not textual_internals.moves_by_word("\x1bx")


class Own(Input):
    BINDINGS = [Binding("ctrl+y", "own", "Own")]


def test_textual_keeps_a_widgets_own_bindings_by_key():
    field = Own()
    assert [b.action for b in textual_internals.own_bindings(field, "ctrl+y")] == ["own"]
    assert "home" in [b.action for b in textual_internals.own_bindings(field, "home")]
    assert list(textual_internals.own_bindings(field, "f12")) == []


class Choosing(App):
    def compose(self) -> ComposeResult:
        yield Select([("Förälder", "parent"), ("Skola", "school")], id="role")
        yield OptionList(Option("ett"), Option("två\ntre\nfyra"), Option("fem"), id="list")


def test_textual_select_keeps_its_options_in_order_the_blank_one_first():
    async def main():
        app = Choosing()
        async with app.run_test():
            select = app.query_one("#role", Select)
            values = [textual_internals.select_value_at(select, n) for n in range(3)]
            assert isinstance(values[0], NoSelection)
            assert values[1:] == ["parent", "school"]

    asyncio.run(main())


def test_textual_option_list_knows_each_options_first_line_and_height():
    async def main():
        app = Choosing()
        async with app.run_test() as pilot:
            options = app.query_one("#list", OptionList)
            await pilot.pause()
            lines = [textual_internals.option_lines(options, n) for n in range(3)]
            assert lines == [(0, 1), (1, 3), (4, 1)]

    asyncio.run(main())


class Base(TextArea):
    def on_key(self, event: events.Key) -> None:
        self.app.seen.append(("base", event.key))  # type: ignore[attr-defined]


class Sub(Base):
    def on_key(self, event: events.Key) -> None:
        self.app.seen.append(("sub", event.key))  # type: ignore[attr-defined]
        if event.key == "x":
            event.prevent_default()


class Typing(App):
    def __init__(self):
        super().__init__()
        self.seen: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield Sub()


def test_textual_calls_each_classs_handler_subclass_first_until_prevent_default():
    # The text box handles enter in its own `on_key`, before TextArea's; a dialog's footer
    # is mounted by the dialogs' base class's `on_mount` beside the dialog's own.
    async def main():
        app = Typing()
        async with app.run_test() as pilot:
            await pilot.press("a", "x", "b")
            await pilot.pause()
            order = [("sub", "a"), ("base", "a"), ("sub", "x"), ("sub", "b"), ("base", "b")]
            assert app.seen == order  # and no ("base", "x")
            assert app.query_one(Sub).text == "ab"  # typed by TextArea's own handler: not "x"

    asyncio.run(main())


def test_textual_runs_a_dialogs_own_on_mount_and_its_base_classs():
    from dialogtui.tui.typed import DialogModal
    from dialogtui.tui.widgets.footer import KeyFooter

    class Dialog(DialogModal[None]):
        mounted = False

        def on_mount(self) -> None:
            Dialog.mounted = True

    async def main():
        app = App()
        async with app.run_test() as pilot:
            dialog = Dialog()
            await app.push_screen(dialog)
            await pilot.pause()
            assert Dialog.mounted and dialog.query(KeyFooter)

    asyncio.run(main())


@pytest.mark.parametrize("language", ["sv", "fi", "da", "nb"])
def test_the_footer_of_an_open_drop_down_is_in_the_language(language):
    # Textual's open Select binds escape as "Dismiss menu", which the footer passes through
    # the catalogue (dialogtui.i18n's THIRD_PARTY): the catalogue must hold Textual's words.
    from textual.widgets._select import SelectOverlay

    from dialogtui import i18n

    [(key, _action, words)] = SelectOverlay.BINDINGS
    assert key == "escape"
    i18n.use(language)
    try:
        assert i18n._(words) != words
    finally:
        i18n.use("en")


def test_textual_palette_adds_its_no_matches_line_with_add_option_under_its_id():
    from textual.command import CommandList, CommandPalette

    class Palette(CommandPalette):
        def on_mount(self) -> None:
            textual_internals.say_no_matches(self, lambda: "Inga träffar")

    class Host(App):
        def on_mount(self) -> None:
            self.push_screen(Palette())

    said: list[str] = []

    async def main():
        async with Host().run_test() as pilot:
            await pilot.press(*"zqxj")  # no command has these letters
            commands = pilot.app.screen.query_one(CommandList)
            for _ in range(500):  # the palette says it half a second after the search
                if commands.option_count == 1 and commands.get_option_at_index(0).disabled:
                    break
                await pilot.pause()
            line = commands.get_option_at_index(0)
            said.append(line.prompt.renderable.plain)  # centred, as Textual draws it
            assert line.id == CommandPalette._NO_MATCHES and line.disabled

    asyncio.run(main())
    assert said == ["Inga träffar"]
