"""The domain, store and export layers never pull in Textual, nor does the CLI's quick path.

Every module of those packages is imported, each in a clean interpreter (a package's empty
`__init__` proves nothing), and a planted import shows that the check can fail.
"""

from __future__ import annotations

import json
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import dialogtui

SRC = Path(dialogtui.__file__).parent
PLAIN_PACKAGES = ["questionset", "meeting", "store", "export", "kinds"]
PLAIN_MODULES = [
    "cli",
    "cli._speaking",
    "cli.documents",
    "cli.meetings",
    "cli.output",
    "cli.root",
    "cli.sets",
    "cli.settings",
    "display",
    "errors",
    "paths",
    "atomic",
    "records",
    "recovery",
    "crash",
    "entry",
]


def plain_modules(root: Path = SRC) -> list[str]:
    names = [f"dialogtui.{m}" for m in PLAIN_MODULES]
    for package in PLAIN_PACKAGES:
        names.append(f"dialogtui.{package}")
        for info in pkgutil.walk_packages([str(root / package)], f"dialogtui.{package}."):
            names.append(info.name)
    return sorted(names)


CHECK = """
import importlib, json, sys
importlib.import_module(sys.argv[1])
print(json.dumps(sorted(m for m in sys.modules if m == "textual" or m.startswith("textual."))))
"""


def textual_importers(modules: list[str], path: Path | None = None) -> dict[str, list[str]]:
    """Which of `modules` pull in Textual, each imported in a fresh interpreter."""
    env = dict(os.environ)
    if path is not None:
        env["PYTHONPATH"] = str(path)
    found: dict[str, list[str]] = {}
    for module in modules:
        out = subprocess.run(
            [sys.executable, "-c", CHECK, module],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        )
        if imported := json.loads(out.stdout):
            found[module] = imported[:3]
    return found


def test_the_check_covers_every_leaf_module():
    modules = plain_modules()
    for leaf in ("dialogtui.meeting.engine", "dialogtui.export.markdown", "dialogtui.store.db"):
        assert leaf in modules


def test_no_textual_in_the_domain_store_export_or_cli():
    assert textual_importers(plain_modules()) == {}


def test_the_check_fails_on_a_planted_textual_import(tmp_path):
    copy = tmp_path / "dialogtui"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__"))
    for planted in ("meeting/engine.py", "export/markdown.py"):
        with (copy / planted).open("a", encoding="utf-8") as fh:
            fh.write("\nimport textual.app  # planted\n")
    found = textual_importers(["dialogtui.meeting.engine", "dialogtui.export.markdown"], tmp_path)
    assert set(found) == {"dialogtui.meeting.engine", "dialogtui.export.markdown"}


RESUME = """
import json, sys
import dialogtui.tui.launch as launch
launch.launch = lambda **kw: print(json.dumps(kw))  # where the app would open
sys.argv = ["dialogtui", *sys.argv[1:]]
from dialogtui.entry import main
try:
    main()
except SystemExit as exc:
    print("exit", exc.code)
print(json.dumps(sorted(m for m in ("typer", "click", "dialogtui.cli") if m in sys.modules)))
"""


def test_resume_opens_the_app_without_building_the_command_line(private_home):
    """`dialogtui resume [ID]` is how a scribe usually starts: typer and the CLI module are
    not imported for it; a resume that cannot open its meeting goes to the CLI, which says
    why."""
    from meeting_helpers import new_meeting

    from dialogtui.store import Store

    store = Store.open()
    new_meeting(store, "raseborg-temamote", [("Anna", None)]).close()
    store.close()

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-c", RESUME, *args], capture_output=True, text=True, check=True
        )

    for args in (["resume", "1"], ["resume"]):
        out = run(*args).stdout.splitlines()
        assert out == ['{"meeting_id": 1}', "[]"], out
    failed = run("resume", "7")
    assert failed.stdout.splitlines()[-2:] == ["exit 1", '["dialogtui.cli", "typer"]']
    assert "no meeting with id 7" in failed.stderr


def _imports(source: Path) -> dict[str, set[str]]:
    """Each module of the package and the package's modules it imports anywhere in it (a
    lazy import inside a function too: it is a cycle all the same, only postponed)."""
    import ast

    names = {}
    for path in source.rglob("*.py"):
        parts = path.relative_to(source.parent).with_suffix("").parts
        names[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in names.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package[: len(package) - node.level + 1]
                    base = ".".join([*up, *([node.module] if node.module else [])])
                found |= {base} | {f"{base}.{a.name}" for a in node.names}
        graph[name] = {f for f in found if f in names and f != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The groups of modules that import one another, round about (strongly connected)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[frozenset[str]] = []

    def visit(v: str) -> None:
        order[v] = low[v] = len(order)
        stack.append(v)
        for w in graph[v]:
            if w not in order:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], order[w])
        if low[v] == order[v]:
            group = set()
            while True:
                w = stack.pop()
                group.add(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(frozenset(group))

    for v in sorted(graph):
        if v not in order:
            visit(v)
    return out


# The cycles left to break (the question-set model with the kinds and the engine): named
# whole, so that none grows and no other appears.
KNOWN_CYCLES = {
    frozenset(
        "dialogtui." + m
        for m in [
            "export.labels",
            "kinds",
            "kinds.action_planning",
            "kinds.base",
            "kinds.board",
            "kinds.choice",
            "kinds.follow_up",
            "kinds.needs",
            "kinds.scale",
            "kinds.vote",
            "meeting.engine",
            "meeting.timers",
            "questionset.agenda",
            "questionset.loader",
            "questionset.model",
            "questionset.placeholders",
        ]
    ),
}


def test_no_module_imports_itself_round_about(tmp_path):
    assert set(_cycles(_imports(SRC))) <= KNOWN_CYCLES
    # The check can fail: a planted import of the CLI by the errors module.
    planted = tmp_path / "dialogtui"
    shutil.copytree(SRC, planted)
    errors = planted / "errors.py"
    errors.write_text(errors.read_text("utf-8") + "\nimport dialogtui.paths\n", "utf-8")
    found = set(_cycles(_imports(planted)))
    assert {"dialogtui.errors", "dialogtui.paths"} <= set().union(*(found - KNOWN_CYCLES))
