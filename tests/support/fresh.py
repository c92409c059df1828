"""A database of its own for a test that needs real commits (backup, restore, ``check``): the
shared test database works in rolled-back transactions, which another connection never sees.

SQLite: a copy of the worker's migrated and seeded file. PostgreSQL: a new database on the test
server, migrated and seeded, dropped afterwards.
"""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, closing
from pathlib import Path

from sqlalchemy import make_url, text

from api.core.database import make_engine
from tests.support import database


@asynccontextmanager
async def fresh_database(database_url: str, folder: Path) -> AsyncIterator[str]:
    """The URL of a new, migrated and seeded database like the test database."""
    if not database.is_postgresql(database_url):
        source = make_url(database_url).database
        assert source is not None
        path = folder / "fresh.db"
        with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(path)) as dst:
            src.backup(dst)
        yield database.sqlite_url(path)
        return
    name = f"fresh_{uuid.uuid4().hex[:12]}"
    await _admin(database_url, f'CREATE DATABASE "{name}"')
    url = make_url(database_url).set(database=name).render_as_string(hide_password=False)
    try:
        engine = make_engine(url)
        try:
            await database.migrate_and_seed(engine)
        finally:
            await engine.dispose()
        yield url
    finally:
        await _admin(database_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def _admin(server_url: str, statement: str) -> None:
    engine = make_engine(server_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(statement))
    finally:
        await engine.dispose()


async def all_rows(url: str) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of the app (sorted): what a round trip must keep."""
    import api.models  # noqa: F401  (every table in the metadata)
    from api.core.database import Base

    engine = make_engine(url)
    try:
        async with engine.connect() as connection:
            rows: dict[str, list[tuple[object, ...]]] = {}
            for table in Base.metadata.sorted_tables:
                result = await connection.execute(table.select())
                rows[table.name] = sorted((tuple(r) for r in result), key=repr)
            return rows
    finally:
        await engine.dispose()
