"""The engine imports nothing but the standard library and itself (DESIGN.md § Scoring); the
import-linter contract in `make test` says the same for the named packages, this test for all."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import api.scoring

PACKAGE = Path(api.scoring.__file__).parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
    return names


def test_scoring_imports_only_the_standard_library_and_itself() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) >= 8
    for path in modules:
        for name in imported_modules(path):
            top = name.split(".")[0]
            allowed = top in sys.stdlib_module_names or name.startswith("api.scoring")
            assert allowed, f"{path.name} imports {name}"
