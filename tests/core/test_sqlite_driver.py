"""The SQLite adapter (api/core/sqlite_driver.py): one trip to SQLite's thread per statement,
with the same rows, counts, keys, errors and transactions as SQLAlchemy's own adapter. What the
trips saved (a third of a save's CPU) is a speed, measured by bench/load.py."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from api.core import database
from api.core.database import make_engine, make_session_factory, read_only
from api.core.sqlite_driver import (
    INLINE_ROWS,
    OneTripConnection,
    inline_statements,
    statements_inline,
)
from tests.support.database import sqlite_trips

metadata = MetaData()
things = Table(
    "things",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(20), nullable=False, unique=True),
)


@pytest.fixture
async def engine(tmp_path: Path) -> AsyncIterator[AsyncEngine]:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'driver.db'}", busy_timeout=5)
    async with engine.begin() as connection:
        await connection.run_sync(metadata.create_all)
    yield engine
    await engine.dispose()


@pytest.fixture
def trips(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of every function sent to SQLite's thread."""
    return sqlite_trips(monkeypatch)


async def test_the_engine_uses_the_one_trip_adapter(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        raw = await connection.get_raw_connection()
        assert isinstance(raw.dbapi_connection, OneTripConnection)


async def test_a_query_is_one_trip_and_a_committed_connection_none_more(
    engine: AsyncEngine, trips: list[str]
) -> None:
    async with engine.begin() as connection:
        await connection.execute(insert(things), [{"name": "a"}, {"name": "b"}])
        trips.clear()
        rows = (await connection.execute(select(things.c.name).order_by(things.c.id))).all()
        assert [r.name for r in rows] == ["a", "b"]
        assert trips == ["on_sqlite_thread"]  # cursor, execute, fetch and close in one trip
        trips.clear()
    # The commit is one trip; the pool's rollback on return makes none (nothing is open).
    assert trips == ["commit"]


async def test_counts_keys_and_columns_are_the_statements(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        first = await connection.execute(insert(things).values(name="x"))
        second = await connection.execute(insert(things).values(name="y"))
        assert second.inserted_primary_key[0] == first.inserted_primary_key[0] + 1
        many = await connection.execute(insert(things), [{"name": f"m{i}"} for i in range(5)])
        assert many.rowcount == 5
        changed = await connection.execute(
            update(things).where(things.c.name.like("m%")).values(name=things.c.name + "!")
        )
        assert changed.rowcount == 5
        result = await connection.execute(select(things.c.id, things.c.name))
        assert list(result.keys()) == ["id", "name"]
        assert len(result.all()) == 7
        # A result read after the statement's cursor is gone still has its rows.
        streamed = await connection.stream(select(things.c.name).order_by(things.c.id))
        assert [row.name async for row in streamed][:2] == ["x", "y"]


async def test_errors_are_sqlalchemys_and_the_connection_goes_on(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(insert(things).values(name="same"))
        with pytest.raises(IntegrityError):
            await connection.execute(insert(things).values(name="same"))
        await connection.rollback()
        with pytest.raises(OperationalError):
            await connection.exec_driver_sql("SELEC nonsense")
        await connection.rollback()
        assert (await connection.execute(select(things.c.id))).all() == []  # rolled back


async def test_an_uncommitted_write_is_rolled_back_when_the_connection_returns(
    engine: AsyncEngine, trips: list[str]
) -> None:
    async with engine.connect() as connection:
        await connection.execute(insert(things).values(name="lost"))
        trips.clear()
    assert trips == ["rollback"]  # a transaction was open: the pool rolls it back
    async with engine.connect() as connection:
        assert (await connection.execute(select(things.c.name))).all() == []


async def test_a_read_ends_without_a_trip_and_one_statement_begins_none(
    engine: AsyncEngine, trips: list[str]
) -> None:
    sessions = make_session_factory(engine)
    async with read_only(sessions) as session:
        await session.execute(select(things.c.id))
    # BEGIN and the SELECT; the read's end (nothing written) on the event loop's thread.
    assert trips == ["on_sqlite_thread", "on_sqlite_thread"]
    trips.clear()
    async with read_only(sessions, one_statement=True) as session:
        await session.execute(select(things.c.id))
    assert trips == ["on_sqlite_thread"]  # the SELECT alone, in SQLite's autocommit mode


async def test_inline_reads_and_locked_writes_make_no_trip(
    engine: AsyncEngine, trips: list[str]
) -> None:
    with inline_statements():
        async with engine.begin() as connection:
            first = await connection.execute(insert(things).values(name="one"))
            await connection.execute(
                update(things).where(things.c.id == first.inserted_primary_key[0]).values(name="1")
            )
            assert (await connection.execute(select(things.c.name))).scalar_one() == "1"
        # Only what may wait went to SQLite's thread: the write lock and the synced commit.
        assert trips == ["on_sqlite_thread", "commit"]
        trips.clear()
        async with engine.begin() as connection:
            await connection.execute(insert(things), [{"name": f"n{i:04d}"} for i in range(600)])
            assert trips == ["on_sqlite_thread", "on_sqlite_thread"]  # executemany: a trip
            trips.clear()
            names = (await connection.execute(select(things.c.name).order_by(things.c.id))).all()
            # The first INLINE_ROWS rows inline, the rest in one trip, in order.
            assert trips == ["fetchall"]
            assert [n for (n,) in names] == ["1"] + [f"n{i:04d}" for i in range(600)]
            assert len(names) > INLINE_ROWS
    assert not statements_inline()


async def test_read_only_engine_reads_inline_with_no_trip(
    engine: AsyncEngine, trips: list[str]
) -> None:
    sessions = make_session_factory(engine)
    async with engine.begin() as connection:
        await connection.execute(insert(things).values(name="a"))
    trips.clear()
    with inline_statements():
        async with read_only(sessions) as session:
            assert (await session.execute(select(things.c.name))).scalar_one() == "a"
            await session.commit()
    assert trips == []  # BEGIN, SELECT and the read's commit: all on the event loop's thread


async def test_a_write_in_a_read_is_committed_on_sqlites_thread(
    engine: AsyncEngine, trips: list[str]
) -> None:
    """A deferred transaction that changed rows (never done by the app) is synced on SQLite's
    thread, not inline."""
    async with engine.connect() as connection:
        reader = await connection.execution_options(**{database.READ_ONLY: True})
        await reader.exec_driver_sql("INSERT INTO things (name) VALUES ('w')")
        trips.clear()
        await reader.commit()
    assert trips == ["commit"]
    async with engine.connect() as connection:
        assert (await connection.execute(select(things.c.name))).scalar_one() == "w"
