"""The house rules, checked over the import graph of the package (docs/architecture.md).

Imports run one way, up the pipeline: a room may import the rooms below it and nothing above.
No module takes another module's private name; nothing below the command line imports click;
only the language room touches Lark.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "clausekit"

# The rooms from the floor up; a room may import any room on a lower line. Rooms on one line
# are siblings and may not import each other.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "resources", "callable_modules"),
    ("model",),
    ("language",),
    ("library",),
    ("analysis",),
    ("lint", "diff"),
    ("compare", "amend"),
    ("negotiation",),
    ("render",),
    ("importers", "integrations"),
    ("cli",),
    ("__init__", "__main__"),
)
LEVEL = {room: level for level, rooms in enumerate(LAYERS) for room in rooms}


@dataclass(frozen=True)
class Import:
    module: str  # the importing module, dotted
    target: str  # the imported module, dotted
    names: tuple[str, ...]  # names taken with ``from target import ...``
    line: int


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> Iterator[Import]:
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    yield Import(module, alias.name, (), node.lineno)
            elif isinstance(node, ast.ImportFrom) and node.module:
                assert node.level == 0, f"{module}:{node.lineno}: relative import (the house uses absolute ones)"
                yield Import(module, node.module, tuple(alias.name for alias in node.names), node.lineno)


def _room(dotted: str) -> str | None:
    """The room of a clausekit module (``clausekit.diff.align`` -> ``diff``), None outside."""
    parts = dotted.split(".")
    if parts[0] != "clausekit":
        return None
    if len(parts) == 1:
        return "__init__"
    return parts[1]


def _is_module(dotted: str) -> bool:
    path = ROOT.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


IMPORTS = list(_imports())


def test_every_room_of_the_package_has_a_place_in_the_layers() -> None:
    rooms = {_room(_module_name(path)) for path in PACKAGE.rglob("*.py")}
    assert rooms <= set(LEVEL), f"rooms with no layer: {sorted(rooms - set(LEVEL))} (add them to LAYERS and docs)"


def test_imports_run_one_way() -> None:
    wrong = []
    for item in IMPORTS:
        source, target = _room(item.module), _room(item.target)
        if target is None or source == target or (target in ("__init__",) and item.names == ("__version__",)):
            continue
        if LEVEL[target] >= LEVEL[source]:  # type: ignore[index]
            wrong.append(f"{item.module}:{item.line} imports {item.target} ({source} may not import {target})")
    assert not wrong, "\n".join(wrong)


def test_no_module_takes_another_modules_private_name() -> None:
    wrong = []
    for item in IMPORTS:
        if _room(item.target) is None:
            continue
        private = [name for name in item.names if name.startswith("_") and not name.startswith("__")]
        if private and item.target != item.module:
            wrong.append(f"{item.module}:{item.line} takes {private} from {item.target}")
        # A module whose own name is private (clausekit.x._y) is private to its package.
        hidden = [part for part in item.target.split(".") if part.startswith("_") and not part.startswith("__")]
        if hidden and not item.module.startswith(item.target.rsplit(".", 1)[0]):
            wrong.append(f"{item.module}:{item.line} imports the private module {item.target}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize(
    ("library", "allowed"),
    [
        ("click", ("cli",)),
        ("lark", ("language",)),
        ("docx", ("render", "importers")),
        ("jinja2", ("render",)),
        ("pygls", ("integrations",)),
        ("lsprotocol", ("integrations",)),
    ],
)
def test_outside_libraries_stay_in_their_rooms(library: str, allowed: tuple[str, ...]) -> None:
    wrong = [
        f"{item.module}:{item.line} imports {item.target}"
        for item in IMPORTS
        if item.target.split(".")[0] == library and _room(item.module) not in allowed
    ]
    assert not wrong, "\n".join(wrong)


def test_lark_stays_in_the_parser_and_its_lexer() -> None:
    users = {item.module for item in IMPORTS if item.target.split(".")[0] == "lark"}
    assert users <= {"clausekit.language.parser", "clausekit.language.lexer", "clausekit.language.amend_parser"}, users


def test_no_warning_or_error_class_is_matched_by_its_name() -> None:
    wrong = []
    for path in PACKAGE.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            if "__name__ ==" in line and ("Warning" in line or "Error" in line):
                wrong.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not wrong, "\n".join(wrong)


def test_every_imported_clausekit_module_exists() -> None:
    missing = [
        f"{item.module}:{item.line} imports {item.target}"
        for item in IMPORTS
        if _room(item.target) is not None and not _is_module(item.target)
    ]
    assert not missing, "\n".join(missing)
