"""An app on a database of its own whose commits are real, for tests about concurrency and locks
(the other tests share one rolled-back transaction, which cannot show two requests contending):
on SQLite a file copied from the worker's database, on PostgreSQL a schema of its own, migrated
and seeded, dropped afterwards."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import make_url, select

from api.auth.models import User
from api.core.database import make_engine, make_session_factory
from api.core.security import create_access_token
from api.core.settings import Settings
from api.main import create_app
from tests.support import database
from tests.support.auth import DEMO_PASSWORD, Headers, bearer
from tests.support.http import http_client


@asynccontextmanager
async def live_app(
    database_url: str, folder: Path, pool: dict[str, Any] | None = None, **overrides: Any
) -> AsyncIterator[FastAPI]:
    """The app on a database of its own (module docstring), with settings ``overrides`` and
    ``pool`` options for its engine (``pool_size``, ``max_overflow``, …)."""
    settings = Settings(
        database_url=database_url,
        storage_dir=folder / "storage",
        spa_dir=folder / "no-spa",
        demo_password=DEMO_PASSWORD,
        **overrides,
    )
    options: dict[str, Any] = {"busy_timeout": settings.db_busy_timeout_seconds, **(pool or {})}
    schema = None
    if database.is_postgresql(database_url):
        schema = await database.create_schema(database_url)
        options["connect_args"] = {"server_settings": {"search_path": schema}}
        url = database_url
    else:
        source = make_url(database_url).database
        assert source is not None
        target = folder / "live.db"
        database._copy(Path(source), target)  # the committed seed: tests never commit to it
        url = database.sqlite_url(target)
        settings = settings.model_copy(update={"database_url": url})
    engine = make_engine(url, **options)
    try:
        if schema is not None:
            await database.migrate_and_seed(engine)
        app = create_app(settings)
        await app.state.engine.dispose()
        app.state.engine = engine
        app.state.session_factory = make_session_factory(engine)
        yield app
    finally:
        await engine.dispose()
        if schema is not None:
            await database.drop_schema(database_url, schema)


@asynccontextmanager
async def live_client(app: FastAPI) -> AsyncIterator[AsyncClient]:
    async with http_client(app) as client:
        yield client


async def user_headers(app: FastAPI, username: str) -> Headers:
    """An access token of ``username`` on the live app's database."""
    settings: Settings = app.state.settings
    async with app.state.session_factory() as session:
        user_id = await session.scalar(select(User.id).where(User.username == username))
    assert user_id is not None, f"no user {username}"
    token = create_access_token(
        subject=str(user_id),
        kind="user",
        secret_key=settings.secret_key,
        algorithm=settings.jwt_algorithm,
        lifetime=dt.timedelta(minutes=settings.access_token_minutes),
    )
    return bearer(token)
