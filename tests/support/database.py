"""The test database: where it is, how it is migrated and seeded, and one per pytest-xdist worker.

SQLite: the first worker to need it migrates and seeds a template file under a file lock; every
worker then works in its own copy. PostgreSQL: each worker migrates and seeds a schema of its own,
dropped when the worker ends.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any

import aiosqlite
import pytest
from alembic import command
from alembic.config import Config
from filelock import FileLock
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.core.database import make_engine
from api.core.settings import PROJECT_DIR
from api.seed.loader import load_demo, load_reference
from tests.support.auth import DEMO_PASSWORD


def worker() -> str:
    """The pytest-xdist worker running this process (``gw0``, ``gw1``, …), or ``main``."""
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def async_url(url: str) -> str:
    """Accept plain ``postgresql://`` URLs (as .ci/run passes) and use the asyncpg driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    return url


def is_postgresql(url: str) -> bool:
    return url.startswith("postgresql")


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    config.attributes["configure_logger"] = False
    if connection is not None:
        config.attributes["connection"] = connection
    return config


async def migrate_and_seed(engine: AsyncEngine) -> None:
    """The schema at head, the reference data, and the demo accounts and rounds without
    generated answers: tests start from empty assessments."""
    async with engine.begin() as connection:
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
    async with AsyncSession(engine, expire_on_commit=False) as session:
        await load_reference(session)
        await load_demo(session, DEMO_PASSWORD, with_values=False)
        await session.commit()


def sqlite_copy(template: Path, target: Path) -> None:
    """``target``: a copy of ``template``, which the first caller (of any worker) migrates and
    seeds while the others wait for it."""
    with FileLock(f"{template}.lock"):
        if not template.exists():
            building = template.with_name(f"{template.name}.building")
            # In a thread of its own: its event loop is not the tests' (which may be running).
            with ThreadPoolExecutor(1) as thread:
                thread.submit(asyncio.run, _build_sqlite(building)).result()
            _copy(building, template)
    _copy(template, target)


async def _build_sqlite(path: Path) -> None:
    engine = make_engine(sqlite_url(path))
    try:
        await migrate_and_seed(engine)
    finally:
        await engine.dispose()


def _copy(source: Path, target: Path) -> None:
    """SQLite's online backup: the whole database, whatever is still in its write-ahead log."""
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


async def create_schema(server_url: str) -> str:
    """A new, empty PostgreSQL schema named after this worker."""
    schema = f"test_{worker()}_{uuid.uuid4().hex[:8]}"
    await _execute(server_url, f'CREATE SCHEMA "{schema}"')
    return schema


async def drop_schema(server_url: str, schema: str) -> None:
    await _execute(server_url, f'DROP SCHEMA "{schema}" CASCADE')


def schema_engine(server_url: str, schema: str) -> AsyncEngine:
    """An engine whose connections work in ``schema``."""
    return make_engine(server_url, connect_args={"server_settings": {"search_path": schema}})


async def _execute(server_url: str, statement: str) -> None:
    engine = make_engine(server_url)
    try:
        async with engine.begin() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


def sqlite_trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, the name of every function sent to SQLite's thread (aiosqlite's
    ``_execute``, which ``api.core.sqlite_driver`` uses for each trip there)."""
    seen: list[str] = []
    original = aiosqlite.Connection._execute

    async def counted(self: aiosqlite.Connection, fn: Any, *args: Any, **kwargs: Any) -> Any:
        seen.append(getattr(fn, "__name__", repr(fn)))
        return await original(self, fn, *args, **kwargs)

    monkeypatch.setattr(aiosqlite.Connection, "_execute", counted)
    return seen
