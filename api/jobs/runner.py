"""The job runner: background jobs and periodic tasks.

Domains register their tasks in a :class:`Registry` (the app factory and ``python -m api worker``
put it together, so no domain imports a higher one); a request enqueues a job with
:meth:`Runner.enqueue`, and the job starts only once the request's transaction has committed.

Two runners, chosen by ``DTI_JOBS_BACKEND`` (``auto``: by the database):

- **pgqueuer** (PostgreSQL). A job is a row of pgqueuer's queue table, inserted in the request's
  own transaction (so it exists if and only if the request committed); any worker picks it with
  ``FOR UPDATE SKIP LOCKED`` and runs it once. Workers are ``python -m api worker`` processes and,
  unless ``DTI_JOBS_WORKER_IN_APP=false``, every app process. Periodic tasks are pgqueuer
  schedules: each due time is taken by one worker of all machines (its schedules table, locked).
- **in-process** (SQLite, the embedded default). A job is an asyncio task of the app process that
  enqueued it, started after the commit, one job at a time per process; the app's lifespan cancels
  what runs at shutdown. Nothing is persisted by the runner: a job cut short by a restart is not
  resumed (its task's own state tells, e.g. an import report left ``running``). Periodic tasks run
  from one scheduler loop per process; at each due time every process tries to insert the
  ``job_ticks`` row (task, due time) and only the one whose insert succeeds runs it, so N workers
  on one machine run it once.

Cancellation is the task's business: a task checks its own state (an import checks its report's
``cancel_requested`` between chunks), which works the same on both runners.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import json
import logging
import os
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol

from croniter import croniter
from sqlalchemy import delete, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session, SessionTransaction

from api.core.database import unit_of_work, utcnow
from api.core.settings import Settings
from api.core.sqlite_driver import inline_statements
from api.jobs.models import JobTick

log = logging.getLogger(__name__)

SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]
PENDING = "dti_jobs_pending"  # session.info key: jobs to start once the session commits
LISTENING = "dti_jobs_listening"


@dataclass(frozen=True)
class JobEnv:
    """What a task gets: sessions of its own (it commits them) and the settings."""

    session_factory: SessionFactory
    settings: Settings


Task = Callable[[JobEnv, dict[str, Any]], Awaitable[None]]
PeriodicTask = Callable[[JobEnv], Awaitable[None]]


@dataclass(frozen=True)
class Periodic:
    name: str
    cron: str  # in UTC
    run: PeriodicTask


@dataclass
class Registry:
    """The tasks a runner knows, by name, and the periodic ones with their cron expressions."""

    tasks: dict[str, Task] = field(default_factory=dict)
    periodic: list[Periodic] = field(default_factory=list)

    def task(self, name: str, run: Task) -> None:
        assert name not in self.tasks, f"task {name} registered twice"
        self.tasks[name] = run

    def every(self, name: str, cron: str, run: PeriodicTask) -> None:
        if not croniter.is_valid(cron):
            raise ValueError(f"invalid cron expression for {name}: {cron}")
        self.periodic.append(Periodic(name, cron, run))


def next_due(cron: str, after: dt.datetime) -> dt.datetime:
    """The first time ``cron`` (UTC) is due strictly after ``after``."""
    due = croniter(cron, after.astimezone(dt.UTC)).get_next(dt.datetime)
    assert isinstance(due, dt.datetime)
    return due if due.tzinfo else due.replace(tzinfo=dt.UTC)


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"[:64]


class Runner(Protocol):
    registry: Registry

    async def enqueue(self, session: AsyncSession, task: str, payload: dict[str, Any]) -> None:
        """Run ``task`` with ``payload`` once ``session``'s transaction commits (never if not)."""

    async def start(self) -> None:
        """Start what this process runs (its worker, its scheduler)."""

    async def stop(self) -> None:
        """Stop them; jobs in flight are cancelled (in-process) or finished (pgqueuer)."""


def _encode(task: str, payload: dict[str, Any]) -> bytes:
    return json.dumps({"task": task, "payload": payload}).encode()


class InProcessRunner:
    """Jobs as asyncio tasks of this process; periodic tasks claimed through ``job_ticks``."""

    def __init__(self, registry: Registry, env: Callable[[], JobEnv], *, scheduler: bool) -> None:
        self.registry = registry
        self._env = env
        self._scheduler_wanted = scheduler
        self._jobs: set[asyncio.Task[None]] = set()
        self._one_at_a_time = asyncio.Semaphore(1)
        self._scheduler: asyncio.Task[None] | None = None
        self.name = worker_name()

    async def enqueue(self, session: AsyncSession, task: str, payload: dict[str, Any]) -> None:
        assert task in self.registry.tasks, f"unknown task {task}"
        sync: Session = session.sync_session
        pending: list[tuple[str, dict[str, Any]]] | None = sync.info.get(PENDING)
        if pending is None:
            pending = sync.info[PENDING] = []
        if not sync.info.get(LISTENING):
            sync.info[LISTENING] = True

            def committed(done: Session) -> None:
                if done.in_nested_transaction():  # a savepoint released: not committed yet
                    return
                for name, data in sync.info.pop(PENDING, []):
                    self._spawn(name, data)

            def rolled_back(_session: Session, previous: SessionTransaction) -> None:
                if previous.parent is None:  # the whole transaction, not a savepoint in it
                    sync.info.pop(PENDING, None)

            event.listen(sync, "after_commit", committed)
            event.listen(sync, "after_soft_rollback", rolled_back)
        pending.append((task, payload))

    def _spawn(self, task: str, payload: dict[str, Any]) -> None:
        job = asyncio.get_running_loop().create_task(self._run(task, payload), name=task)
        self._jobs.add(job)
        job.add_done_callback(self._jobs.discard)

    async def _run(self, task: str, payload: dict[str, Any]) -> None:
        # A job may be spawned by a request whose statements run inline (its task copies the
        # request's context): a job's own run on SQLite's thread (api.core.sqlite_driver).
        async with self._one_at_a_time:
            try:
                with inline_statements(False):
                    await self.registry.tasks[task](self._env(), payload)
            except Exception:  # the task records its own failure where it can; never lost silently
                log.exception("job %s failed (%s)", task, payload)

    async def idle(self) -> None:
        """Wait until every job started so far (and those they start) has ended."""
        while self._jobs:
            await asyncio.gather(*list(self._jobs), return_exceptions=True)

    async def run_tick(self, periodic: Periodic, due_at: dt.datetime) -> bool:
        """Run ``periodic`` for ``due_at`` if this process claims it first; whether it ran."""
        env = self._env()
        async with env.session_factory() as session, unit_of_work(session):
            try:
                async with session.begin_nested():
                    session.add(JobTick(name=periodic.name, due_at=due_at, claimed_by=self.name))
            except IntegrityError:
                return False  # another worker took this run
            # Claims older than a month are of no use to anyone.
            await session.execute(
                delete(JobTick).where(JobTick.claimed_at < utcnow() - dt.timedelta(days=31))
            )
        try:
            await periodic.run(env)
        except Exception:  # the next due time tries again
            log.exception("periodic task %s failed", periodic.name)
        return True

    async def _schedule(self) -> None:
        due = {p.name: next_due(p.cron, utcnow()) for p in self.registry.periodic}
        while True:
            soonest = min(due.values())
            await asyncio.sleep(max((soonest - utcnow()).total_seconds(), 0))
            for periodic in self.registry.periodic:
                if due[periodic.name] <= utcnow():
                    await self.run_tick(periodic, due[periodic.name])
                    due[periodic.name] = next_due(periodic.cron, utcnow())

    async def start(self) -> None:
        if self._scheduler_wanted and self.registry.periodic and self._scheduler is None:
            self._scheduler = asyncio.create_task(self._schedule(), name="scheduler")

    async def stop(self) -> None:
        running = [*self._jobs, *([self._scheduler] if self._scheduler else [])]
        for task in running:
            task.cancel()
        for task in running:
            with contextlib.suppress(asyncio.CancelledError):
                await task
        self._scheduler = None


def asyncpg_dsn(database_url: str) -> str:
    """``postgresql+asyncpg://…`` as the plain DSN asyncpg connects with."""
    return make_url(database_url).set(drivername="postgresql").render_as_string(False)


async def _raw_asyncpg(session: AsyncSession) -> Any:
    """The asyncpg connection under ``session``, inside its transaction."""
    connection = await session.connection()
    # SQLAlchemy's asyncpg adapter begins the transaction with its first statement: one goes
    # first, or what runs on the bare connection would commit on its own.
    await connection.exec_driver_sql("SELECT 1")
    raw = await connection.get_raw_connection()
    return raw.driver_connection


class PgQueuerRunner:
    """Jobs and periodic tasks on pgqueuer (PostgreSQL)."""

    def __init__(
        self,
        registry: Registry,
        env: Callable[[], JobEnv],
        *,
        dsn: str,
        worker: bool,
        server_settings: dict[str, str] | None = None,
    ) -> None:
        self.registry = registry
        self._env = env
        self._dsn = dsn
        self._server_settings = server_settings
        self._worker_wanted = worker
        self._worker: asyncio.Task[None] | None = None
        self._shutdown: asyncio.Event | None = None

    async def enqueue(self, session: AsyncSession, task: str, payload: dict[str, Any]) -> None:
        from pgqueuer import Queries

        assert task in self.registry.tasks, f"unknown task {task}"
        # In the request's transaction: the job is there if and only if the request commits.
        queries = Queries.from_asyncpg_connection(await _raw_asyncpg(session))
        await queries.enqueue(task, _encode(task, payload))

    def build(self, connection: Any) -> Any:
        """A PgQueuer over ``connection`` with every task and periodic task registered."""
        from pgqueuer import PgQueuer
        from pgqueuer.models import Job, Schedule

        pgq = PgQueuer.from_asyncpg_connection(connection)
        for name, task in self.registry.tasks.items():

            def bind_task(task: Task) -> Callable[[Job], Awaitable[None]]:
                async def run(job: Job) -> None:
                    message = json.loads(job.payload or b"{}")
                    await task(self._env(), message.get("payload", {}))

                return run

            pgq.entrypoint(name)(bind_task(task))
        for periodic in self.registry.periodic:

            def bind_periodic(periodic: Periodic) -> Callable[[Schedule], Awaitable[None]]:
                async def run(_schedule: Schedule) -> None:
                    await periodic.run(self._env())

                return run

            pgq.schedule(periodic.name, periodic.cron)(bind_periodic(periodic))
        return pgq

    @contextlib.asynccontextmanager
    async def connection(self) -> AsyncIterator[Any]:
        import asyncpg

        connection = await asyncpg.connect(self._dsn, server_settings=self._server_settings)
        try:
            yield connection
        finally:
            await connection.close()

    async def work(self, *, drain: bool = False) -> None:
        """Run a worker until stopped (or, with ``drain``, until the queue is empty)."""
        from pgqueuer.types import QueueExecutionMode

        async with self.connection() as connection:
            pgq = self.build(connection)
            self._shutdown = pgq.shutdown
            if drain:
                await pgq.qm.run(mode=QueueExecutionMode.drain)
            else:
                await pgq.run()

    async def start(self) -> None:
        if self._worker_wanted and self._worker is None:
            self._worker = asyncio.create_task(self.work(), name="pgqueuer worker")
            self._worker.add_done_callback(_log_end)

    async def stop(self) -> None:
        if self._shutdown is not None:
            self._shutdown.set()
        if self._worker is not None:
            try:
                await asyncio.wait_for(self._worker, timeout=30)
            except (TimeoutError, asyncio.CancelledError):
                pass
            except Exception:
                log.exception("pgqueuer worker ended with an error")
            self._worker = None


def _log_end(worker: asyncio.Task[None]) -> None:
    if not worker.cancelled() and worker.exception() is not None:
        log.error("the pgqueuer worker stopped", exc_info=worker.exception())


def make_runner(
    settings: Settings, registry: Registry, env: Callable[[], JobEnv], *, in_app: bool
) -> Runner:
    """The runner ``settings`` ask for (module docstring); ``in_app``: for an app process."""
    backend = settings.jobs_backend
    if backend == "auto":
        backend = "pgqueuer" if settings.database_url.startswith("postgresql") else "in_process"
    if backend == "pgqueuer":
        return PgQueuerRunner(
            registry,
            env,
            dsn=asyncpg_dsn(settings.database_url),
            worker=settings.jobs_worker_in_app or not in_app,
        )
    return InProcessRunner(registry, env, scheduler=True)
