"""The typing-order rule of tui/ordering.py, checked over every screen and widget of the app:
a key whose action opens a dialog or a screen, or reads what is typed in fields, is a
priority binding (the app runs it the moment it reads the key, so the keys typed after it
go where it leads), and its action first lets the keys typed before it land (`settle`, or a
helper that does). Read from the actions' source, following the calls they make on
themselves; a planted binding shows that the check can fail."""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import textwrap
from collections.abc import Iterator

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

import dialogtui.tui

# Calls that open a dialog or a screen: Textual's, the capture screen's doors to its
# dialogs, and a panel's `ask`.
OPENS = {"push_screen", "push_screen_wait", "open_dialog", "want", "ask"}
# Calls that first let the keys typed before them land (each begins with `settle`).
# `_settled`: the capture screen's `settle`, which also writes the room's view choice pending.
SETTLES = {"settle", "settled", "_settled", "drain", "ask", "take_enter", "take_arrow"}
# Keys that are exempt, and why.
EXEMPT = {
    # A text box's own enter reads its own text in its own queue, where the keys before it
    # were typed; nothing else can be in between.
    ("DraftArea", "enter"),
}


def every_tui_module() -> None:
    for info in pkgutil.walk_packages(dialogtui.tui.__path__, "dialogtui.tui."):
        importlib.import_module(info.name)


def subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from subclasses(sub)


def ours(prefix: str = "dialogtui.") -> list[type]:
    every_tui_module()
    found = {c for base in (Screen, Widget) for c in subclasses(base)}
    return sorted((c for c in found if c.__module__.startswith(prefix)), key=lambda c: c.__name__)


def _tree(function) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    try:
        source = textwrap.dedent(inspect.getsource(function))
    except (OSError, TypeError):
        return None
    node = ast.parse(source).body[0]
    return node if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) else None


def _called(call: ast.Call) -> str:
    f = call.func
    return f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else ""


def _on_self(call: ast.Call) -> str | None:
    """The method a call runs on the same object: `self.x()` or `super().x()`."""
    f = call.func
    if not isinstance(f, ast.Attribute):
        return None
    if isinstance(f.value, ast.Name) and f.value.id == "self":
        return f.attr
    if isinstance(f.value, ast.Call) and _called(f.value) == "super":
        return f.attr
    return None


def what_it_does(cls: type, name: str, depth: int = 4, seen=None) -> set[str]:
    """ "opens" and/or "reads": what the method `name` of `cls` does, itself or through the
    methods it calls on itself."""
    seen = set() if seen is None else seen
    does: set[str] = set()
    for klass in cls.__mro__:
        function = klass.__dict__.get(name)
        if (
            function is None
            or (klass, name) in seen
            or not klass.__module__.startswith("dialogtui")
        ):
            continue
        seen.add((klass, name))
        tree = _tree(function)
        if tree is None:
            continue
        fields = _fields_named(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                if _opens(node):
                    does.add("opens")
                if _called(node) == "fields":
                    does.add("reads")
                method = _on_self(node)
                if method and depth:
                    does |= what_it_does(cls, method, depth - 1, seen)
            elif isinstance(node, ast.Attribute) and node.attr in ("value", "text"):
                base = node.value
                if (isinstance(base, ast.Call) and _called(base) == "query_one") or (
                    isinstance(base, ast.Name) and base.id in fields
                ):
                    does.add("reads")  # what is typed in a field of the screen
    return does


def _opens(call: ast.Call) -> bool:
    called = _called(call)
    kept_open = (  # the capture screen's `self.kept.open(...)`
        called == "open"
        and isinstance(call.func, ast.Attribute)
        and isinstance(call.func.value, ast.Attribute)
        and call.func.value.attr == "kept"
    )
    return called in OPENS or kept_open


def _fields_named(tree: ast.AST) -> set[str]:
    """The names a function gives to fields: from `query_one`, `self.focused`, `fields()`."""
    names = set()
    for node in ast.walk(tree):
        value, targets = None, []
        if isinstance(node, ast.Assign | ast.NamedExpr):
            value = node.value
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, ast.For | ast.comprehension):
            value, targets = node.iter, [node.target]
        is_field = (isinstance(value, ast.Call) and _called(value) in ("query_one", "fields")) or (
            isinstance(value, ast.Attribute) and value.attr == "focused"
        )
        if is_field:
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def settles_first(cls: type, name: str) -> bool:
    """Whether the first thing the action awaits lets the keys before it land."""
    function = getattr(cls, name, None)
    tree = _tree(function) if function else None
    if tree is None:
        return False
    where = lambda n: (n.lineno, n.col_offset)  # noqa: E731
    awaits = [n for n in ast.walk(tree) if isinstance(n, ast.Await)]
    first = min(awaits, key=where, default=None)
    if first is None or not isinstance(first.value, ast.Call):
        return False
    # Nothing is opened before it, as the keys typed before the key would go to it.
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and where(n) < where(first)]
    if any(_opens(c) for c in calls):
        return False
    call = first.value
    if _called(call) in SETTLES:
        return True
    # `await super().action_enter()`: the action it hands on to is checked in its place.
    method = _on_self(call)
    return bool(method and method.startswith("action_") and settles_first(cls, method))


def problems(classes: list[type]) -> list[str]:
    found = []
    for cls in classes:
        for key, bindings in cls._merged_bindings.key_to_bindings.items():
            for binding in bindings:
                if (cls.__name__, key) in EXEMPT or "." in binding.action.split("(")[0]:
                    continue  # another node's action (screen.back, app.quit): checked there
                action = "action_" + binding.action.split("(")[0]
                if not hasattr(cls, action):
                    continue  # Textual's own (dismiss, focus_next)
                does = what_it_does(cls, action)
                if not does:
                    continue
                said = f"{cls.__name__}: {key} → {binding.action} ({', '.join(sorted(does))})"
                if not binding.priority:
                    found.append(f"{said} is not a priority binding")
                elif not settles_first(cls, action):
                    found.append(f"{said} does not settle first")
    return found


def test_every_key_that_opens_or_reads_is_a_priority_binding_that_settles_first():
    classes = ours()
    assert len(classes) > 30  # every screen, dialog and widget of the app
    assert problems(classes) == []


def test_the_check_finds_a_planted_key_that_breaks_the_rule():
    from dialogtui.tui.dialogs.base import TextDialog
    from dialogtui.tui.ordering import settle

    class Planted(Screen[None]):
        BINDINGS = [
            Binding("f3", "note", "Note"),  # not priority
            Binding("f4", "late", "Late", priority=True),
            Binding("f5", "fine", "Fine", priority=True),
        ]

        async def action_note(self) -> None:
            await settle(self)
            await self.app.push_screen(TextDialog("A note"))

        async def action_late(self) -> None:
            self.app.push_screen(TextDialog("Opened before the keys typed before it land"))
            await settle(self)

        async def action_fine(self) -> None:
            await settle(self)
            await self.app.push_screen(TextDialog("A note"))

    Planted.__module__ = "dialogtui.tests.planted"  # read as the app's own
    assert problems([Planted]) == [
        "Planted: f3 → note (opens) is not a priority binding",
        "Planted: f4 → late (opens) does not settle first",
    ]
