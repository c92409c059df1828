"""SQLAlchemy's aiosqlite adapter with one trip to SQLite's thread per statement.

aiosqlite runs every call on the connection's own thread and hands the result back through the
event loop: a trip costs about 50 µs of CPU on this kind of machine (a queue, a thread wake-up,
the loop's self-pipe), whatever the call does. SQLAlchemy's adapter makes four trips for a query
(open a cursor, execute, fetch every row, close the cursor) and three for any other statement; a
save of one answer ran about 70 trips, a third of its CPU time.

``OneTripCursor`` does the four in one function on SQLite's thread, and keeps what SQLAlchemy
reads afterwards (the rows, ``description``, ``rowcount``, ``lastrowid``). The connection also
remembers, after each trip, whether SQLite has a transaction open, so the pool's rollback of a
connection it takes back (after every commit, and after every read) makes no trip when there is
nothing to roll back. Results, errors and transactions are SQLAlchemy's and SQLite's as before:
the tests run on this adapter, and server-side cursors (``stream()``) keep SQLAlchemy's own.

**Inline statements.** Inside ``inline_statements()`` (the assessment's routes and the caller's
read: short statements on indexed rows of one unit), the statements that cannot wait run on the
event loop's own thread, with no trip at all: reads, a deferred ``BEGIN``, and the writes of a
transaction that already holds the write lock (``BEGIN IMMEDIATE``, taken after the app's write
gate). A read's first 256 rows are fetched there and any further rows on SQLite's thread. What
may wait stays on SQLite's thread, so the event loop never sleeps in SQLite's busy handler or in
``fsync``: ``BEGIN IMMEDIATE`` (another program may hold the lock), the commit of a write (the
write-ahead log is synced), ``executemany``, ``PRAGMA`` and any other statement. Everything else
in the app (imports, score runs, exports, jobs) runs every statement on SQLite's thread as above;
only the end of a transaction that wrote nothing (a read's commit or rollback, which neither
waits nor syncs) runs on the event loop's thread everywhere. The sqlite3 connection is therefore
opened with ``check_same_thread=False``; one request uses it at a time, each call awaited before
the next.

It uses aiosqlite's ``Connection._execute`` (queue a function for the thread) and ``_conn`` (the
sqlite3 connection), the private names here; ``tests/core/test_sqlite_driver.py`` fails if an
upgrade of aiosqlite changes them.
"""

from __future__ import annotations

import collections
import contextlib
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextvars import ContextVar
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_

_INLINE: ContextVar[bool] = ContextVar("dti_sqlite_inline", default=False)
INLINE_ROWS = 256
"""Rows of a read fetched on the event loop's thread; the rest come from SQLite's thread."""


def statements_inline() -> bool:
    """Whether this task's statements run inline now (``inline_statements``)."""
    return _INLINE.get()


@contextlib.contextmanager
def inline_statements(inline: bool = True) -> Iterator[None]:
    """Run the statements of this block that cannot wait on the event loop's thread (module
    docstring). For short statements on a few indexed rows only. ``inline=False`` turns it off
    for a block: a task started inside it (a job) copies the flag, and is not short."""
    token = _INLINE.set(inline)
    try:
        yield
    finally:
        _INLINE.reset(token)


async def _nothing() -> None:
    """Awaited once per inline statement: SQLAlchemy's ``AsyncConnection`` checks that its
    driver awaited something (``AwaitRequired``), and this costs two greenlet switches."""


def _inline_kind(operation: str, writing: bool) -> bool:
    """Whether a statement can run on the event loop's thread: it cannot wait for a lock."""
    head = operation[:16].lstrip().upper()
    if head.startswith("SELECT") or head == "BEGIN":
        return True
    return writing and head.startswith(("INSERT", "UPDATE", "DELETE", "SAVEPOINT", "RELEASE"))


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A cursor whose ``execute`` opens, runs, fetches and closes a sqlite3 cursor in one trip."""

    __slots__ = ("_description", "_lastrowid", "_owner", "_rowcount")

    def __init__(self, adapt_connection: Any) -> None:  # the base class's signature
        self._adapt_connection = adapt_connection
        self._owner: OneTripConnection = adapt_connection  # where the transaction state is kept
        self._connection = adapt_connection._connection
        # No sqlite3 cursor is kept between statements (no trip to open one); the slot is the
        # base class's, typed as an open cursor, and stays None here.
        self._cursor = None  # type: ignore[assignment]
        self._soft_closed_memoized = EMPTY_DICT
        self._rows: collections.deque[Any] = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int:
        # sqlite3's own is None before any INSERT; SQLAlchemy reads it only after one.
        return self._lastrowid  # type: ignore[return-value]

    def _keep(self, cursor: sqlite3.Cursor) -> None:
        """What SQLAlchemy reads of a statement once its sqlite3 cursor is closed."""
        self._description = cursor.description
        self._rowcount = cursor.rowcount
        self._lastrowid = cursor.lastrowid

    def _trip(self, run: Callable[[sqlite3.Cursor], Any]) -> None:
        raw: sqlite3.Connection = self._connection._conn

        def on_sqlite_thread() -> None:
            cursor = raw.cursor()
            try:
                run(cursor)
                self._keep(cursor)
                if cursor.description is not None:
                    self._rows = collections.deque(cursor.fetchall())
            finally:
                cursor.close()
                self._owner.in_transaction = raw.in_transaction

        try:
            await_(self._connection._execute(on_sqlite_thread))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        if _INLINE.get() and _inline_kind(operation, self._owner.writing):
            try:
                self._inline(operation, parameters or ())
            except Exception as error:
                self._adapt_connection._handle_exception(error)
            return
        self._trip(lambda cursor: cursor.execute(operation, parameters or ()))
        if operation.startswith(("BEGIN IMMEDIATE", "BEGIN EXCLUSIVE")):
            self._owner.writing = True

    def _inline(self, operation: str, parameters: Any) -> None:
        raw: sqlite3.Connection = self._connection._conn
        cursor = raw.cursor()
        try:
            cursor.execute(operation, parameters)
            self._keep(cursor)
            if cursor.description is not None:
                rows = cursor.fetchmany(INLINE_ROWS)
                if len(rows) == INLINE_ROWS:  # a long read: the rest on SQLite's thread
                    rows += await_(self._connection._execute(cursor.fetchall))
                self._rows = collections.deque(rows)
        finally:
            cursor.close()
            self._owner.in_transaction = raw.in_transaction
        await_(_nothing())

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> Any:
        self._trip(lambda cursor: cursor.executemany(operation, seq_of_parameters))

    async def _async_soft_close(self) -> None:
        return  # nothing is open on SQLite's side; description and rows are kept here

    def close(self) -> None:
        self._rows.clear()


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    """The adapter's connection with ``OneTripCursor``, whose transactions end without a trip
    when they wrote nothing: a rollback with no transaction open does nothing, and a read's
    commit or rollback (no write lock taken, no row changed) runs on the event loop's thread, as
    it neither waits nor syncs."""

    __slots__ = ("_changes", "in_transaction", "writing")
    _cursor_cls = OneTripCursor

    def __init__(self, dbapi: Any, connection: Any) -> None:
        super().__init__(dbapi, connection)
        self.in_transaction = True  # unknown until the first statement: assume one is open
        self.writing = False  # inside BEGIN IMMEDIATE: the write lock is held
        self._changes = -1  # SQLite's count of changed rows when the last transaction ended

    def _wrote_nothing(self) -> bool:
        return not self.writing and self._connection._conn.total_changes == self._changes

    def _end_inline(self, end: Callable[[], None]) -> None:
        try:
            end()
        except Exception as error:
            self._handle_exception(error)

    def _ended(self) -> None:
        self.in_transaction = self.writing = False
        self._changes = self._connection._conn.total_changes

    def rollback(self) -> None:
        if self.in_transaction:
            if self._wrote_nothing():
                self._end_inline(self._connection._conn.rollback)
            else:
                super().rollback()
        self._ended()

    def commit(self) -> None:
        if self._wrote_nothing():
            self._end_inline(self._connection._conn.commit)
        else:
            super().commit()
        self._ended()


class OneTripDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """The DBAPI module SQLAlchemy's aiosqlite dialect is given (``create_async_engine(...,
    module=...)``): connections are ``OneTripConnection``."""

    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        # Used from the event loop's thread too (inline_statements), one call at a time.
        kw.setdefault("check_same_thread", False)
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def dbapi() -> OneTripDBAPI:
    return OneTripDBAPI(aiosqlite, sqlite3)
