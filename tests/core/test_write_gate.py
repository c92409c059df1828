"""SQLite writers queue at the app's gate (api/core/write_gate.py): one at a time, the wait
bounded by the busy timeout and then answered as "database is locked", reads never queued.
What the gate saves (the lock idle while SQLite's busy handler sleeps) is a speed, measured by
bench/load.py's burst of saves."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine

from api.core import database
from api.core.database import (
    READ_ONLY,
    make_engine,
    make_session_factory,
    read_only,
    writers_first,
)
from api.core.errors import database_busy


async def _engine(tmp_path: Path, busy_timeout: float) -> AsyncEngine:
    engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'gate.db'}", busy_timeout=busy_timeout)
    async with engine.begin() as connection:
        await connection.exec_driver_sql("CREATE TABLE t (n INTEGER)")
    return engine


async def test_writers_take_turns_and_all_get_through(tmp_path: Path) -> None:
    engine = await _engine(tmp_path, busy_timeout=10)
    seen: list[tuple[str, int]] = []

    async def writer(n: int) -> None:
        async with engine.begin() as connection:
            seen.append(("in", n))
            await connection.exec_driver_sql("INSERT INTO t VALUES (?)", (n,))
            await asyncio.sleep(0.01)
            seen.append(("out", n))

    try:
        await asyncio.gather(*(writer(n) for n in range(12)))
        # One at a time: each writer is out before the next is in.
        assert [step for step, _ in seen] == ["in", "out"] * 12
        assert [n for _, n in seen[::2]] == [n for _, n in seen[1::2]]
        assert sorted(n for _, n in seen[::2]) == list(range(12))
        async with engine.connect() as connection:
            assert (await connection.exec_driver_sql("SELECT count(*) FROM t")).scalar() == 12
    finally:
        await engine.dispose()


async def test_a_writer_waits_no_longer_than_the_busy_timeout(tmp_path: Path) -> None:
    engine = await _engine(tmp_path, busy_timeout=0.2)
    holding = asyncio.Event()
    release = asyncio.Event()

    async def holder() -> None:
        async with engine.begin() as connection:
            await connection.exec_driver_sql("INSERT INTO t VALUES (1)")
            holding.set()
            await release.wait()

    task = asyncio.create_task(holder())
    try:
        await holding.wait()
        with pytest.raises(OperationalError) as raised:
            async with engine.begin() as connection:
                await connection.exec_driver_sql("INSERT INTO t VALUES (2)")
        assert database_busy(raised.value), "answered 503 with Retry-After, not 500"
        # A read does not queue behind the writer.
        async with engine.connect() as connection:
            reader = await connection.execution_options(**{READ_ONLY: True})
            assert (await reader.exec_driver_sql("SELECT count(*) FROM t")).scalar() == 0
    finally:
        release.set()
        await task
    # The gate came back with the holder's connection: the next writer goes through.
    async with engine.begin() as connection:
        await connection.exec_driver_sql("INSERT INTO t VALUES (3)")
    await engine.dispose()


async def test_a_connection_writing_twice_keeps_the_gate(tmp_path: Path) -> None:
    engine = await _engine(tmp_path, busy_timeout=0.5)
    try:
        async with engine.connect() as connection:
            for n in range(3):
                async with connection.begin():
                    await connection.exec_driver_sql("INSERT INTO t VALUES (?)", (n,))
            assert (await connection.exec_driver_sql("SELECT count(*) FROM t")).scalar() == 3
    finally:
        await engine.dispose()


async def test_writers_of_two_engines_queue_at_the_file_lock(tmp_path: Path) -> None:
    """Two engines on one file stand for two worker processes: the second waits at the lock file
    beside the database (not in SQLite's busy handler), up to the busy timeout."""
    first = await _engine(tmp_path, busy_timeout=0.3)
    second = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'gate.db'}", busy_timeout=5)
    assert (tmp_path / "gate.db-writer.lock").exists()
    holding, release = asyncio.Event(), asyncio.Event()

    async def holder() -> None:
        async with second.begin() as connection:
            await connection.exec_driver_sql("INSERT INTO t VALUES (1)")
            holding.set()
            await release.wait()

    task = asyncio.create_task(holder())
    try:
        await holding.wait()
        with pytest.raises(OperationalError) as raised:
            async with first.begin() as connection:
                await connection.exec_driver_sql("INSERT INTO t VALUES (2)")
        assert database_busy(raised.value)
        # The other engine's writer waits, then goes through as soon as the holder ends.
        waiting = asyncio.create_task(_insert(first, 3))
        await asyncio.sleep(0.05)
        assert not waiting.done()
        release.set()
        await task
        await waiting
        async with first.connect() as connection:
            found = (await connection.exec_driver_sql("SELECT n FROM t ORDER BY n")).all()
        assert [n for (n,) in found] == [1, 3]
    finally:
        release.set()
        await first.dispose()
        await second.dispose()


async def _insert(engine: AsyncEngine, n: int) -> None:
    async with engine.begin() as connection:
        await connection.exec_driver_sql("INSERT INTO t VALUES (?)", (n,))


async def test_a_read_lets_its_processs_writer_inside_the_gate_finish_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``writers_first``: a view about to render waits while a writer of its event loop holds
    the write lock, goes on when the writer leaves, and never waits past its limit."""
    monkeypatch.setattr(database, "WRITERS_FIRST_LIMIT", 5.0)
    engine = await _engine(tmp_path, busy_timeout=10)
    factory = make_session_factory(engine)
    holding, release = asyncio.Event(), asyncio.Event()
    order: list[str] = []

    async def writer() -> None:
        async with engine.begin() as connection:
            await connection.exec_driver_sql("INSERT INTO t VALUES (1)")
            holding.set()
            await release.wait()
            order.append("writer done")

    async def reader() -> None:
        async with read_only(factory) as session:
            await writers_first(session)
            order.append("reader renders")

    try:
        # The gate free: no wait at all.
        await asyncio.wait_for(reader(), 1)
        assert order == ["reader renders"]
        order.clear()
        task = asyncio.create_task(writer())
        await holding.wait()
        waiting = asyncio.create_task(reader())
        await asyncio.sleep(0.2)
        assert not waiting.done(), "the read waits while the writer is inside the gate"
        release.set()
        await asyncio.wait_for(asyncio.gather(task, waiting), 5)
        assert order == ["writer done", "reader renders"]

        # Bounded: past its limit the read goes on, the writer still inside.
        monkeypatch.setattr(database, "WRITERS_FIRST_LIMIT", 0.1)
        holding.clear()
        release.clear()
        order.clear()
        task = asyncio.create_task(writer())
        await holding.wait()
        await asyncio.wait_for(reader(), 2)
        assert order == ["reader renders"]
        release.set()
        await task
        # A session that may write never waits (it could be the holder itself).
        async with factory() as session:
            holding.clear()
            release.clear()
            task = asyncio.create_task(writer())
            await holding.wait()
            await asyncio.wait_for(writers_first(session), 0.05)
            release.set()
            await task
    finally:
        release.set()
        await engine.dispose()
