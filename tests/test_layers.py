"""The layers contract (pyproject.toml, checked by ``lint-imports``) names every module, and the
models it leaves out import only models and core (README § Layers)."""

from __future__ import annotations

import tomllib

import grimp

from api.core.settings import PROJECT_DIR


def _layers() -> list[str]:
    config = tomllib.loads((PROJECT_DIR / "pyproject.toml").read_text(encoding="utf-8"))
    [contract] = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    assert not contract.get("ignore_imports"), "a cycle is fixed where it is born, never ignored"
    return [name.strip() for line in contract["layers"] for name in line.split(":")]


def _is_model(module: str) -> bool:
    return module == "api.models" or module.endswith(".models")


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("api")


def test_every_module_is_in_a_layer_except_models_and_packages() -> None:
    layers = _layers()
    graph = _graph()
    packages = {m for m in graph.modules if graph.find_children(m)}
    missing = sorted(
        m
        for m in graph.modules
        if m not in packages
        and not _is_model(m)
        and not any(m == layer or m.startswith(layer + ".") for layer in layers)
    )
    assert missing == [], f"add these to the layers contract in pyproject.toml: {missing}"


def _in_api(module: str) -> bool:
    return module.startswith("api.")


def _is_core(module: str) -> bool:
    return module == "api.core" or module.startswith("api.core.")


def test_models_import_only_models_and_core() -> None:
    graph = _graph()
    wrong = {
        (model, imported)
        for model in graph.modules
        if _is_model(model) and model != "api.models"
        for imported in graph.find_modules_directly_imported_by(model)
        if _in_api(imported)
        and not (_is_model(imported) and imported != "api.models")
        and not _is_core(imported)
    }
    assert wrong == set()


def test_packages_import_only_what_they_hold() -> None:
    """A package's ``__init__`` is in no layer line: it may import its own modules only (the
    scoring engine hands its public names on), never another domain's."""
    graph = _graph()
    wrong = {
        (package, imported)
        for package in graph.modules
        if graph.find_children(package)
        for imported in graph.find_modules_directly_imported_by(package)
        if _in_api(imported) and not imported.startswith(package + ".")
    }
    assert wrong == set()
