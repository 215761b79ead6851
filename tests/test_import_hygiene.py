"""The domain, store and export layers never pull in Textual, nor does the CLI's quick path;
no module imports itself round about; the question-set format imports nothing above it.

Every module of those packages is imported, each in a clean interpreter (a package's empty
`__init__` proves nothing), and a planted import shows that each check can fail.
"""

from __future__ import annotations

import json
import os
import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import dialogtui

SRC = Path(dialogtui.__file__).parent
PLAIN_PACKAGES = ["questionset", "meeting", "store", "export", "kinds", "wall"]
PLAIN_MODULES = [
    "cli",
    "cli._speaking",
    "cli.documents",
    "cli.meetings",
    "cli.output",
    "cli.root",
    "cli.sets",
    "cli.settings",
    "agenda",
    "display",
    "errors",
    "labels",
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


def test_no_module_imports_itself_round_about(tmp_path):
    assert _cycles(_imports(SRC)) == []
    # The check can fail: a planted import of paths by the errors module (paths imports
    # errors), and one of the format by a kind at its top (below).
    planted = tmp_path / "dialogtui"
    shutil.copytree(SRC, planted)
    errors = planted / "errors.py"
    errors.write_text(errors.read_text("utf-8") + "\nimport dialogtui.paths\n", "utf-8")
    found = set(_cycles(_imports(planted)))
    assert {"dialogtui.errors", "dialogtui.paths"} <= set().union(*found)


# What uses the format sits above it: reading a set (`validate`, `schema`, the start
# screen's listing) must never pull in what the kinds do, the meeting, the export or the
# screens, however deep the import (a lazy one, or one for the type checker only, too).
ABOVE_THE_FORMAT = ("dialogtui.kinds", "dialogtui.meeting", "dialogtui.export", "dialogtui.tui")


def format_leaks(source: Path = SRC) -> dict[str, set[str]]:
    """Each module of `dialogtui.questionset` that reaches a module above the format, with
    the modules above it that it reaches."""
    graph = _imports(source)
    leaks: dict[str, set[str]] = {}
    for name in graph:
        if name != "dialogtui.questionset" and not name.startswith("dialogtui.questionset."):
            continue
        reached, todo = set(), [name]
        while todo:
            for imported in graph[todo.pop()] - reached:
                reached.add(imported)
                todo.append(imported)
        above = {
            m for m in reached if any(m == p or m.startswith(p + ".") for p in ABOVE_THE_FORMAT)
        }
        if above:
            leaks[name] = above
    return leaks


def test_the_format_imports_nothing_above_it(tmp_path):
    assert format_leaks() == {}
    # The check can fail: a lazy import of the kinds by the model, and an import of the
    # screens for the type checker only, by a module the loader imports.
    planted = tmp_path / "dialogtui"
    shutil.copytree(SRC, planted, ignore=shutil.ignore_patterns("__pycache__"))
    with (planted / "questionset" / "model.py").open("a", encoding="utf-8") as fh:
        fh.write("\n\ndef _planted():\n    from dialogtui.kinds import SPECS  # noqa\n")
    with (planted / "questionset" / "files.py").open("a", encoding="utf-8") as fh:
        fh.write("\nimport typing\n\nif typing.TYPE_CHECKING:\n    import dialogtui.tui.app\n")
    leaks = format_leaks(planted)
    assert "dialogtui.kinds" in leaks["dialogtui.questionset.model"]
    assert "dialogtui.tui.app" in leaks["dialogtui.questionset.files"]
    assert "dialogtui.tui.app" in leaks["dialogtui.questionset.loader"]  # through files


IMPORT_ALL = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
"""


def _last_public_name(path: Path) -> str | None:
    """The public name a module defines last: importing it from the module while the
    module is only partly run (a cycle) fails, wherever the cycle enters."""
    import ast

    names: list[str] = []
    for node in ast.parse(path.read_text("utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.append(node.name)
        elif isinstance(node, ast.Assign):
            names += [t.id for t in node.targets if isinstance(t, ast.Name)]
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.append(node.target.id)
    public = [n for n in names if not n.startswith("_")]
    return public[-1] if public else None


def _module_path(root: Path, module: str) -> Path:
    parts = module.split(".")[1:]
    leaf = root.joinpath(*parts)
    return leaf / "__init__.py" if leaf.is_dir() else leaf.with_suffix(".py")


FORMAT_MODULES = [
    m
    for m in plain_modules()
    if m.startswith("dialogtui.questionset.") and _last_public_name(_module_path(SRC, m))
]
KIND_MODULES = [m for m in plain_modules() if m.startswith("dialogtui.kinds.")]


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("planted")
    shutil.copytree(SRC, root / "dialogtui", ignore=shutil.ignore_patterns("__pycache__"))
    return root


@settings(max_examples=6, derandomize=True)
@given(
    kind=st.sampled_from(KIND_MODULES),
    fmt=st.sampled_from(FORMAT_MODULES),
    format_first=st.booleans(),
)
def test_a_kind_may_import_the_format_at_its_top(package_copy, kind, fmt, format_first):
    """A kind's author writes `from dialogtui.questionset.… import …` at the top of the
    kind's module, as anywhere else: start-up still works, whichever is imported first."""
    path = _module_path(package_copy / "dialogtui", kind)
    name = _last_public_name(_module_path(package_copy / "dialogtui", fmt))
    original = path.read_text("utf-8")
    path.write_text(f"{original}\nfrom {fmt} import {name}  # planted\n", "utf-8")
    try:
        order = [fmt, "dialogtui.kinds", kind] if format_first else ["dialogtui.kinds", kind, fmt]
        done = subprocess.run(
            [sys.executable, "-c", IMPORT_ALL, *order],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(package_copy)},
        )
    finally:
        path.write_text(original, "utf-8")
    assert done.returncode == 0, done.stderr[-800:]
