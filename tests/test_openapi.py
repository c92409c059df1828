"""openapi.yaml at the root is the app's schema; regenerate it with `make openapi`."""

from __future__ import annotations

import pytest

from api.__main__ import openapi_yaml
from api.core.settings import PROJECT_DIR


@pytest.fixture(scope="module")
def schema_yaml() -> str:
    """The app's schema as ``make openapi`` writes it (made once: it builds the whole app)."""
    return openapi_yaml()


def test_openapi_yaml_matches_the_app(schema_yaml: str) -> None:
    committed = (PROJECT_DIR / "openapi.yaml").read_text(encoding="utf-8")
    assert committed == schema_yaml, "openapi.yaml is stale: run `make openapi` and commit it"


def test_every_operation_documents_problem_errors_and_a_summary(schema_yaml: str) -> None:
    import yaml

    schema = yaml.safe_load(schema_yaml)
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("summary"), f"{method.upper()} {path} has no summary"


def test_no_route_is_shadowed_by_an_earlier_one(schema_yaml: str) -> None:
    """Routes are matched in order (the app puts the busiest first): a path that another
    operation of the same method would also match must come before it, as
    ``/rounds/participants-preview`` comes before ``/rounds/{round_id}``."""
    import re

    import yaml

    schema = yaml.safe_load(schema_yaml)
    operations = [(path, method) for path, ops in schema["paths"].items() for method in ops]

    def pattern(path: str) -> re.Pattern[str]:
        return re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$")

    for position, (path, method) in enumerate(operations):
        sample = re.sub(r"\{[^}]+\}", "x1", path)
        for earlier, earlier_method in operations[:position]:
            assert not (earlier_method == method and pattern(earlier).match(sample)), (
                f"{method.upper()} {path} is shadowed by {earlier}, which comes first"
            )


def test_no_dependency_runs_in_the_thread_pool() -> None:
    """FastAPI runs a plain ``def`` dependency in its thread pool, a hand-off on every request that
    costs more than reading the app's state or the query: every dependency of every route is
    ``async def`` (or an object with an async ``__call__``, such as the bearer scheme)."""
    import importlib
    import inspect
    import sys

    from fastapi import APIRouter
    from fastapi.dependencies.models import Dependant
    from fastapi.routing import APIRoute

    importlib.import_module("api.main")  # the app's module imports every router

    def runs_on_the_loop(call: object) -> bool:
        """A coroutine or async generator function, or an object whose class's ``__call__`` is."""
        return any(
            check(target)
            for target in (call, type(call).__call__)
            for check in (inspect.iscoroutinefunction, inspect.isasyncgenfunction)
        )

    def sync_ones(dependant: Dependant) -> set[str]:
        found: set[str] = set()
        for sub in dependant.dependencies:
            if sub.call is not None and not runs_on_the_loop(sub.call):
                found.add(f"{sub.call.__module__}.{getattr(sub.call, '__qualname__', sub.call)}")
            found |= sync_ones(sub)
        return found

    routers = [
        value
        for name, module in list(sys.modules.items())
        if name.startswith("api.")
        for value in vars(module).values()
        if isinstance(value, APIRouter)
    ]
    routes = [route for router in routers for route in router.routes if isinstance(route, APIRoute)]
    assert len(routes) > 100
    offenders = set().union(*(sync_ones(route.dependant) for route in routes))
    assert not offenders, f"dependencies run in the thread pool: {sorted(offenders)}"
