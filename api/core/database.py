"""Database engine, declarative base, portable column types and the request's unit of work.

Works on SQLite (aiosqlite, the embedded default) and PostgreSQL (asyncpg). Services never commit:
the unit of work around each request commits once at the end, or rolls everything back.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from decimal import Decimal
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import JSON, DateTime, MetaData, Numeric, String, event, make_url
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import Pool
from sqlalchemy.types import TypeDecorator, TypeEngine

from api.core import sqlite_driver
from api.core.errors import DomainError
from api.core.write_gate import WriteGate

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base of every model; constraint names are deterministic for migrations."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite keeps no zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC)


class ExactDecimal(TypeDecorator[Decimal]):
    """A decimal kept exactly: NUMERIC on PostgreSQL, text on SQLite (which rounds via float)."""

    impl = Numeric(18, 6)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(String(40))
        return dialect.type_descriptor(Numeric(18, 6))

    def process_bind_param(self, value: Decimal | int | str | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        number = value if isinstance(value, Decimal) else Decimal(value)
        return format(number, "f") if dialect.name == "sqlite" else number

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        return plain_decimal(Decimal(str(value)))


def plain_decimal(value: Decimal) -> Decimal:
    """``Decimal("20.000000")`` -> ``20``, ``1E+3`` -> ``1000``: no padding, no exponent."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal


JSONType = JSON().with_variant(postgresql.JSONB(), "postgresql")


def utcnow() -> dt.datetime:
    """Now, timezone-aware, in UTC."""
    return dt.datetime.now(dt.UTC)


READ_ONLY = "dti_read_only"
"""Execution option marking a connection that only reads (SQLite then begins deferred)."""
ONE_STATEMENT = "dti_one_statement"
"""Execution option marking a read of one statement: on SQLite it begins no transaction at all
(the statement is its own, in SQLite's autocommit mode), which spares the BEGIN and the
rollback; a read of several statements needs BEGIN for one consistent snapshot."""


def make_engine(url: str, *, busy_timeout: float | None = None, **kwargs: Any) -> AsyncEngine:
    """An async engine for ``url``; on SQLite with real transactions, SAVEPOINTs and FKs.

    ``busy_timeout`` (seconds) bounds how long a statement waits for a lock: SQLite's write lock
    (``busy_timeout``), a PostgreSQL row or table lock (``lock_timeout``). Past it the statement
    fails with an error that the app answers 503 with Retry-After (``api.core.errors``). The app
    passes ``DTI_DB_BUSY_TIMEOUT_SECONDS``; command-line jobs and migrations, left at None, wait
    30 s on SQLite and as long as it takes on PostgreSQL, as before.
    """
    if url.startswith("sqlite"):
        busy_timeout = 30 if busy_timeout is None else busy_timeout
        database = make_url(url).database
        if not database or database == ":memory:" or database.startswith("file:"):
            for option in ("pool_size", "max_overflow", "pool_timeout"):
                kwargs.pop(option, None)  # an in-memory database has one connection, no pool
        if database and database != ":memory:" and not database.startswith("file:"):
            Path(database).parent.mkdir(parents=True, exist_ok=True)  # e.g. var/ on a fresh clone
        connect_args = {"timeout": busy_timeout, **kwargs.pop("connect_args", {})}
        if make_url(url).get_driver_name() == "aiosqlite":
            kwargs.setdefault("module", sqlite_driver.dbapi())  # one trip a statement
        engine = create_async_engine(url, connect_args=connect_args, **kwargs)
        _tune_sqlite(engine, busy_timeout_ms=int(busy_timeout * 1000))
        return engine
    if busy_timeout is not None and make_url(url).get_driver_name() == "asyncpg":
        connect_args = dict(kwargs.pop("connect_args", {}))
        server_settings = {
            "lock_timeout": str(int(busy_timeout * 1000)),
            **connect_args.get("server_settings", {}),
        }
        kwargs["connect_args"] = {**connect_args, "server_settings": server_settings}
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


def _tune_sqlite(engine: AsyncEngine, *, busy_timeout_ms: int) -> None:
    # pysqlite's own transaction handling breaks SAVEPOINT; SQLAlchemy's documented recipe takes it
    # over so nested transactions (and per-test rollbacks) behave as on PostgreSQL.
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.close()
        # SQLite's lower() folds ASCII only; Vietnamese names ("Ủy ban", "Thủ Đức") need Unicode.
        dbapi_connection.create_function("lower", 1, _unicode_lower, deterministic=True)

    # IMMEDIATE takes the write lock up front: two requests that read then write would otherwise
    # both start deferred, and the second's upgrade to a writer fails at once ("database is
    # locked") instead of waiting its turn under busy_timeout. Reads (READ_ONLY) stay deferred so
    # they never queue behind writers.
    # Writers queue at the app's gate rather than in SQLite's busy handler (api/core/write_gate).
    database = make_url(str(engine.url)).database
    on_disk = bool(database) and database != ":memory:" and not str(database).startswith("file:")
    gate = WriteGate(
        timeout=busy_timeout_ms / 1000,
        lock_file=Path(f"{database}-writer.lock") if on_disk else None,
    )
    _GATES[engine.sync_engine.pool] = gate

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Any) -> None:
        options = connection.get_execution_options()
        if options.get(READ_ONLY, False):
            if not options.get(ONE_STATEMENT, False):
                connection.exec_driver_sql("BEGIN")
            return
        info = connection.connection.info  # the pooled connection's, kept across checkouts
        gate.enter(info)
        try:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            gate.leave(info)
            raise

    @event.listens_for(engine.sync_engine.pool, "checkin")
    def _on_checkin(_dbapi_connection: Any, record: Any) -> None:
        gate.leave(record.info)

    @event.listens_for(engine.sync_engine.pool, "invalidate")
    def _on_invalidate(_dbapi_connection: Any, record: Any, _exception: Any) -> None:
        gate.leave(record.info)


_GATES: WeakKeyDictionary[Pool, WriteGate] = WeakKeyDictionary()

WRITERS_FIRST_LIMIT = 0.2
"""Seconds a read waits at most for its process's writer to leave SQLite's write lock."""


async def writers_first(session: AsyncSession) -> None:
    """Before CPU-heavy work for a read (a view to render), let a writer of this process that
    is inside SQLite's write lock finish first (``api.core.write_gate``, "Writers first"), so the
    database-wide lock is held for the writer's own work only. A no-op on PostgreSQL, for a
    session that may write, and for a test's session bound to its connection."""
    bind = session.sync_session.bind
    if not isinstance(bind, Engine) or not bind.get_execution_options().get(READ_ONLY, False):
        return
    gate = _GATES.get(bind.pool)
    if gate is not None:
        await gate.writers_first(WRITERS_FIRST_LIMIT)


def _unicode_lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def make_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    """Sessions that keep loaded objects usable after commit."""
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=True)


SessionFactory = Callable[[], AbstractAsyncContextManager[AsyncSession]]


@asynccontextmanager
async def read_only(
    sessions: SessionFactory, *, one_statement: bool = False
) -> AsyncIterator[AsyncSession]:
    """A session of ``sessions`` for a short read, ended (rolled back) on exit.

    On SQLite its transaction begins deferred, so it never takes (or waits for) the database-wide
    write lock: this is how a request authenticates, authorises and fills caches before it reads
    its body, and how a GET reads. Nothing may be written through it. A session already in a
    transaction (a test's, shared by the app) is used as it is. ``one_statement``: the read is a
    single statement (``ONE_STATEMENT``), so SQLite begins no transaction for it.
    """
    async with sessions() as session:
        reads_only(session, one_statement=one_statement)
        yield session


_READ_ENGINES: WeakKeyDictionary[Engine, dict[bool, Engine]] = WeakKeyDictionary()


def reads_only(session: AsyncSession, *, one_statement: bool = False) -> None:
    """Make the session's transaction a read (deferred on SQLite), without taking a connection
    before its first statement: a request holding one pooled connection while it waits for a
    second could starve the pool. A session bound to a connection (a test's) is left as it is."""
    sync = session.sync_session
    if isinstance(sync.bind, Engine) and not session.in_transaction():
        engine = sync.bind
        if engine.get_execution_options().get(READ_ONLY, False):
            return  # already a read (commit_then_read after a read)
        variants = _READ_ENGINES.setdefault(engine, {})
        if one_statement not in variants:
            options = {READ_ONLY: True, ONE_STATEMENT: one_statement}
            variants[one_statement] = engine.execution_options(**options)
        sync.bind = variants[one_statement]


async def commit_then_read(session: AsyncSession) -> None:
    """Commit what the request wrote now, and go on reading only: a write route that answers with
    a view renders it after its writes are committed, so the write lock (SQLite's, database-wide)
    is held for the writes alone. A failed commit raises here, before any answer is sent. The
    unit of work's own commit at the end then has nothing to do."""
    await session.commit()
    reads_only(session)


@asynccontextmanager
async def unit_of_work(session: AsyncSession) -> AsyncIterator[AsyncSession]:
    """Around one request: commit once at the end, or roll back on failure.

    A ``DomainError`` raised with ``commit=True`` still commits what was written before it.
    """
    try:
        yield session
    except DomainError as exc:
        if exc.commit:
            await session.commit()
        else:
            await session.rollback()
        raise
    except BaseException:
        await session.rollback()
        raise
    else:
        try:
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
