"""Migrations are the only way the schema is made: upgrade from empty, no drift, downgrade."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from api.core.database import make_engine
from api.models import Base
from tests.support import database
from tests.support.database import alembic_config


@pytest.fixture
async def empty_engine(database_url: str, tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    """A database with nothing in it (a new SQLite file, or a new PostgreSQL schema)."""
    if not database.is_postgresql(database_url):
        engine = make_engine(database.sqlite_url(tmp_path / "empty.db"))
        yield engine
        await engine.dispose()
        return
    schema = await database.create_schema(database_url)
    engine = database.schema_engine(database_url, schema)
    yield engine
    await engine.dispose()
    await database.drop_schema(database_url, schema)


def _tables(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


def _diff(connection: Connection) -> list[object]:
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "compare_server_default": True}
    )
    return list(compare_metadata(context, Base.metadata))


async def test_upgrade_matches_models_and_downgrade_empties(empty_engine: AsyncEngine) -> None:
    async with empty_engine.begin() as connection:
        assert await connection.run_sync(_tables) == set()
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
    async with empty_engine.connect() as connection:
        tables = await connection.run_sync(_tables)
        assert set(Base.metadata.tables) <= tables
        assert await connection.run_sync(_diff) == []
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.downgrade(alembic_config(c), "base"))
    async with empty_engine.connect() as connection:
        assert await connection.run_sync(_tables) <= {"alembic_version"}
    # And up again: the downgrade left nothing behind that would break a re-run.
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))


async def test_unit_search_text_is_filled_for_existing_units(empty_engine: AsyncEngine) -> None:
    async with empty_engine.begin() as connection:
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "0002"))
        await connection.execute(
            text(
                "INSERT INTO units (code, name_vi, name_en, kind, is_provider, created_at, "
                "updated_at) VALUES ('TP-TD', 'Thành phố Thủ Đức', 'Thu Duc City', 'city', "
                "false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        await connection.run_sync(lambda c: command.upgrade(alembic_config(c), "head"))
        folded = await connection.scalar(text("SELECT search_text FROM units"))
    assert folded == "tp-td thanh pho thu duc thu duc city"
