"""The job runner: jobs start only once their request commits, and a periodic task's due time
runs once however many workers there are (in-process on SQLite; pgqueuer on PostgreSQL)."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from api.core.database import make_session_factory
from api.core.settings import Settings
from api.core.sqlite_driver import inline_statements, statements_inline
from api.jobs.models import JobTick
from api.jobs.runner import (
    InProcessRunner,
    JobEnv,
    PgQueuerRunner,
    Registry,
    asyncpg_dsn,
    make_runner,
)
from api.main import build_registry
from tests.support import database


def shared(session: AsyncSession) -> JobEnv:
    @asynccontextmanager
    async def factory() -> AsyncIterator[AsyncSession]:
        yield session

    return JobEnv(factory, Settings())


def without_sessions() -> JobEnv:
    """The env of a runner whose tasks open no session (it is only built or scheduled)."""

    @asynccontextmanager
    async def factory() -> AsyncIterator[AsyncSession]:
        raise AssertionError("this test's tasks open no session")
        yield  # an async generator, for asynccontextmanager

    return JobEnv(factory, Settings())


async def test_a_periodic_task_runs_once_over_several_in_process_workers(
    session: AsyncSession,
) -> None:
    runs: list[str] = []

    async def remind(_env: JobEnv) -> None:
        runs.append("ran")

    registry = Registry()
    registry.every("test.remind", "0 1 * * *", remind)
    env = shared(session)
    workers = [InProcessRunner(registry, lambda: env, scheduler=True) for _ in range(3)]
    due = dt.datetime(2026, 12, 5, 1, 0, tzinfo=dt.UTC)
    taken = [await w.run_tick(registry.periodic[0], due) for w in workers]
    assert taken == [True, False, False]
    assert runs == ["ran"]
    assert await workers[1].run_tick(registry.periodic[0], due + dt.timedelta(days=1))
    assert runs == ["ran", "ran"]
    claims = await session.scalar(select(func.count()).where(JobTick.name == "test.remind"))
    assert claims == 2


async def test_an_in_process_job_starts_only_after_its_commit(session: AsyncSession) -> None:
    ran: list[dict[str, Any]] = []

    async def task(_env: JobEnv, payload: dict[str, Any]) -> None:
        ran.append(payload)

    registry = Registry()
    registry.task("test.task", task)
    env = shared(session)
    runner = InProcessRunner(registry, lambda: env, scheduler=False)
    async with session.begin_nested():
        await runner.enqueue(session, "test.task", {"n": 1})
    await session.rollback()  # the request failed: its job never runs
    await runner.idle()
    assert ran == []
    await runner.enqueue(session, "test.task", {"n": 2})
    assert ran == []
    await session.commit()
    await runner.idle()
    assert ran == [{"n": 2}]


def test_the_app_registers_the_tasks_and_the_reminders_when_enabled() -> None:
    quiet = build_registry(Settings())
    assert set(quiet.tasks) == {"ingest.batch"}
    # Rounds move on their schedule whatever the settings (each round says whether it does).
    assert [(p.name, p.cron) for p in quiet.periodic] == [("rounds.auto_advance", "*/5 * * * *")]
    reminding = build_registry(Settings(reminders_enabled=True, remind_hour=8))
    assert {(p.name, p.cron) for p in reminding.periodic} == {
        ("progress.reminders", "0 1 * * *"),
        ("notifications.deliver", "*/15 * * * *"),
        ("urging.escalate", "0 1 * * *"),
        ("urging.digest", "0 1 * * 1"),
        ("rounds.auto_advance", "*/5 * * * *"),
    }
    env = without_sessions()
    assert isinstance(make_runner(Settings(), quiet, lambda: env, in_app=True), InProcessRunner)
    on_postgres = Settings(database_url="postgresql+asyncpg://u:p@db:5432/dti")
    runner = make_runner(on_postgres, quiet, lambda: env, in_app=True)
    assert isinstance(runner, PgQueuerRunner)
    assert asyncpg_dsn(on_postgres.database_url) == "postgresql://u:p@db:5432/dti"


# --- pgqueuer (PostgreSQL) -----------------------------------------------------------------------


@pytest.fixture
async def postgres(database_url: str, engine: AsyncEngine) -> AsyncIterator[tuple[str, str]]:
    """The server's DSN and this worker's schema; what the test commits there is removed."""
    if not database.is_postgresql(database_url):
        pytest.skip("pgqueuer runs on PostgreSQL")
    async with engine.connect() as connection:
        schema = await connection.scalar(text("SELECT current_schema()"))
    assert isinstance(schema, str)
    yield asyncpg_dsn(database_url), schema
    async with engine.begin() as connection:
        await connection.execute(delete(JobTick).where(JobTick.name.like("test.%")))
        for table in ("pgqueuer", "pgqueuer_log", "pgqueuer_schedules", "pgqueuer_statistics"):
            await connection.execute(text(f"DELETE FROM {table}"))  # noqa: S608 (names above)


async def test_a_pgqueuer_worker_runs_a_committed_job(
    postgres: tuple[str, str], engine: AsyncEngine
) -> None:
    dsn, schema = postgres
    factory = make_session_factory(engine)

    async def mark(env: JobEnv, payload: dict[str, Any]) -> None:
        async with env.session_factory() as session, session.begin():
            session.add(
                JobTick(
                    name="test.mark",
                    due_at=dt.datetime.fromisoformat(payload["at"]),
                    claimed_by="worker",
                )
            )

    registry = Registry()
    registry.task("test.mark", mark)
    env = JobEnv(factory, Settings())
    runner = PgQueuerRunner(
        registry, lambda: env, dsn=dsn, worker=False, server_settings={"search_path": schema}
    )
    at = dt.datetime(2026, 12, 5, tzinfo=dt.UTC)
    async with factory() as session, session.begin():
        await runner.enqueue(session, "test.mark", {"at": at.isoformat()})
        await session.rollback()  # a request that failed: its job is gone with it
    async with factory() as session, session.begin():
        await runner.enqueue(session, "test.mark", {"at": at.isoformat()})
    async with factory() as session:
        queued = await session.scalar(text("SELECT count(*) FROM pgqueuer"))
    assert queued == 1

    await asyncio.wait_for(runner.work(drain=True), timeout=60)
    async with factory() as session:
        marks = (await session.scalars(select(JobTick).where(JobTick.name == "test.mark"))).all()
        left = await session.scalar(text("SELECT count(*) FROM pgqueuer"))
    assert [(m.due_at, m.claimed_by) for m in marks] == [(at, "worker")]
    assert left == 0


async def test_a_pgqueuer_schedule_is_taken_by_one_of_two_workers(
    postgres: tuple[str, str],
) -> None:
    from pgqueuer import Queries
    from pgqueuer.domain.models import CronExpressionEntrypoint
    from pgqueuer.domain.types import CronEntrypoint, CronExpression

    dsn, schema = postgres

    async def remind(_env: JobEnv) -> None:
        return None

    registry = Registry()
    registry.every("test.remind", "*/15 * * * *", remind)
    runner = PgQueuerRunner(
        registry,
        without_sessions,
        dsn=dsn,
        worker=False,
        server_settings={"search_path": schema},
    )
    key = CronExpressionEntrypoint(
        entrypoint=CronEntrypoint("test.remind"), expression=CronExpression("*/15 * * * *")
    )
    async with runner.connection() as one, runner.connection() as two:
        assert key in runner.build(one).sm.registry  # the periodic task is a pgqueuer schedule
        first, second = Queries.from_asyncpg_connection(one), Queries.from_asyncpg_connection(two)
        await first.insert_schedule({key: dt.timedelta(0)})  # due now
        await second.insert_schedule({key: dt.timedelta(0)})  # a second worker starting
        taken = await asyncio.gather(
            first.fetch_schedule({key: dt.timedelta(minutes=15)}),
            second.fetch_schedule({key: dt.timedelta(minutes=15)}),
        )
    assert sorted(len(t) for t in taken) == [0, 1]


async def test_a_job_spawned_by_an_inline_request_runs_its_statements_on_sqlites_thread(
    session: AsyncSession,
) -> None:
    """A job copies the context of the request that committed it: the request's short
    statements may run on the event loop's thread (api.core.sqlite_driver), a job's do not."""
    seen: list[bool] = []

    async def task(_env: JobEnv, _payload: dict[str, Any]) -> None:
        seen.append(statements_inline())

    registry = Registry()
    registry.task("test.task", task)
    runner = InProcessRunner(registry, lambda: shared(session), scheduler=False)
    with inline_statements():
        await runner.enqueue(session, "test.task", {})
        await session.commit()
    await runner.idle()
    assert seen == [False]
