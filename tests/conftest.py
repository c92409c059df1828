"""Test fixtures: a migrated and seeded database per pytest-xdist worker, one rolled-back
transaction per test, the app built once per worker and bound to each test's session, and bearer
headers for the demo accounts.

The database is SQLite (a temporary file per worker, copied from a template migrated once) unless
``TEST_DATABASE_URL`` names a PostgreSQL database; then each worker works in a schema of its own,
dropped at the end. Every test that uses the database is marked ``db`` (see
``pytest_collection_modifyitems``); the PostgreSQL pass runs those.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.core.database import make_engine
from api.core.settings import Settings
from api.main import create_app
from tests.support import database
from tests.support.auth import DEMO_PASSWORD, Headers, Tokens
from tests.support.http import AppFactory, bind, http_client, unbind

# Tests configure the app explicitly; a developer's DTI_* variables must not leak into them.
for _name in [k for k in os.environ if k.startswith("DTI_")]:
    del os.environ[_name]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``db`` every test that reaches the database (through ``database_url``, which every
    database fixture depends on): the tests the PostgreSQL pass runs. Then put the slow first."""
    for item in items:
        if "database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)
    # The slow tests first (the fuzz run alone takes over a minute): started early, they run
    # beside the rest instead of keeping one worker busy after the others have finished.
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The server's URL on PostgreSQL; on SQLite this worker's own file, migrated and seeded."""
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return database.async_url(url)
    # Workers' temporary folders share a parent, the run's: the template is made there, once.
    run_dir = tmp_path_factory.getbasetemp()
    if database.worker() != "main":
        run_dir = run_dir.parent
    path = tmp_path_factory.mktemp("db") / "test.db"
    database.sqlite_copy(run_dir / "template.db", path)
    return database.sqlite_url(path)


@pytest.fixture(scope="session")
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    """This worker's database, migrated and seeded."""
    if not database.is_postgresql(database_url):
        engine = make_engine(database_url)
        yield engine
        await engine.dispose()
        return
    schema = await database.create_schema(database_url)
    engine = database.schema_engine(database_url, schema)
    try:
        await database.migrate_and_seed(engine)
        yield engine
    finally:
        await engine.dispose()
        await database.drop_schema(database_url, schema)


@pytest.fixture
async def session(engine: AsyncEngine) -> AsyncIterator[AsyncSession]:
    """A session inside a transaction that is rolled back after the test; the app's commits
    become savepoints, so nothing a test writes outlives it."""
    async with engine.connect() as connection:
        transaction = await connection.begin()
        session = AsyncSession(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        )
        try:
            yield session
        finally:
            await session.close()
            await transaction.rollback()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    """The test's settings: its own evidence folder."""
    return Settings(
        database_url=database_url,
        storage_dir=tmp_path / "storage",
        spa_dir=tmp_path / "no-spa",
        demo_password=DEMO_PASSWORD,
    )


@pytest.fixture(scope="session")
async def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> FastAPI:
    """The app, built once per worker; ``client`` binds it to each test."""
    folder = tmp_path_factory.mktemp("app")
    app = create_app(
        Settings(
            database_url=database_url,
            storage_dir=folder / "storage",
            spa_dir=folder / "no-spa",
            demo_password=DEMO_PASSWORD,
        )
    )
    await app.state.engine.dispose()  # tests use the test database's engine instead
    return app


@pytest.fixture
async def make_client(
    app: FastAPI, session: AsyncSession, engine: AsyncEngine, settings: Settings
) -> AsyncIterator[AppFactory]:
    """A client of the app serving this test, with settings overrides (a tiny upload limit, a
    mail server, a bucket): the app reads its settings per request, and its evidence storage is
    made from them when it is bound. One per test."""
    clients: list[AsyncClient] = []

    async def build(**overrides: Any) -> AsyncClient:
        assert not clients, "the app serves one test, with one set of settings"
        bind(app, session=session, engine=engine, settings=settings.model_copy(update=overrides))
        clients.append(http_client(app))
        return clients[0]

    yield build
    if clients:
        await clients[0].aclose()
        unbind(app)


@pytest.fixture
async def client(make_client: AppFactory) -> AsyncClient:
    """An HTTP client of the app, serving this test's session and settings."""
    return await make_client()


@pytest.fixture
async def own_app_client(
    session: AsyncSession, engine: AsyncEngine, settings: Settings
) -> AsyncIterator[AsyncClient]:
    """A client of an app of its own, for a test that changes the app itself (adds a route,
    swaps its engine); it shares the test's session."""
    app = create_app(settings)
    await app.state.engine.dispose()
    bind(app, session=session, engine=engine, settings=settings)
    async with http_client(app) as client:
        yield client


@pytest.fixture
def tokens(session: AsyncSession, settings: Settings) -> Tokens:
    """Bearer headers for any demo account or client: ``await tokens.user("q1.head")``."""
    return Tokens(session, settings)


@pytest.fixture
async def admin(tokens: Tokens) -> Headers:
    return await tokens.user("admin")


@pytest.fixture
async def approver(tokens: Tokens) -> Headers:
    return await tokens.user("approver")


@pytest.fixture
async def evaluator(tokens: Tokens) -> Headers:
    return await tokens.user("evaluator")


@pytest.fixture
async def q1_editor(tokens: Tokens) -> Headers:
    return await tokens.user("q1.editor")


@pytest.fixture
async def q1_head(tokens: Tokens) -> Headers:
    return await tokens.user("q1.head")


@pytest.fixture
async def viewer(tokens: Tokens) -> Headers:
    return await tokens.user("viewer")
