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

It uses aiosqlite's ``Connection._execute`` (queue a function for the thread), the one private
name here; ``tests/test_sqlite_driver.py`` fails if an upgrade of aiosqlite changes it.
"""

from __future__ import annotations

import collections
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite.aiosqlite import (
    AsyncAdapt_aiosqlite_connection,
    AsyncAdapt_aiosqlite_cursor,
    AsyncAdapt_aiosqlite_dbapi,
)
from sqlalchemy.util import EMPTY_DICT
from sqlalchemy.util.concurrency import await_


class OneTripCursor(AsyncAdapt_aiosqlite_cursor):
    """A cursor whose ``execute`` opens, runs, fetches and closes a sqlite3 cursor in one trip."""

    __slots__ = ("_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: Any) -> None:
        # No sqlite3 cursor is kept between statements: no trip to open one.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
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
        return self._lastrowid  # type: ignore[return-value]

    def _trip(self, run: Callable[[sqlite3.Cursor], Any]) -> None:
        connection: OneTripConnection = self._adapt_connection  # type: ignore[assignment]
        raw: sqlite3.Connection = self._connection._conn

        def on_sqlite_thread() -> None:
            cursor = raw.cursor()
            try:
                run(cursor)
                self._description = cursor.description
                self._rowcount = cursor.rowcount
                self._lastrowid = cursor.lastrowid
                if cursor.description is not None:
                    self._rows = collections.deque(cursor.fetchall())
            finally:
                cursor.close()
                connection.in_transaction = raw.in_transaction

        try:
            await_(self._connection._execute(on_sqlite_thread))
        except Exception as error:
            self._adapt_connection._handle_exception(error)

    def execute(self, operation: Any, parameters: Any = None) -> Any:
        self._trip(lambda cursor: cursor.execute(operation, parameters or ()))

    def executemany(self, operation: Any, seq_of_parameters: Sequence[Any]) -> Any:
        self._trip(lambda cursor: cursor.executemany(operation, seq_of_parameters))

    async def _async_soft_close(self) -> None:
        return  # nothing is open on SQLite's side; description and rows are kept here

    def close(self) -> None:
        self._rows.clear()


class OneTripConnection(AsyncAdapt_aiosqlite_connection):
    """The adapter's connection with ``OneTripCursor`` and a rollback that skips the trip when
    SQLite has no transaction open (as recorded after the last trip)."""

    __slots__ = ("in_transaction",)
    _cursor_cls = OneTripCursor

    def __init__(self, dbapi: Any, connection: Any) -> None:
        super().__init__(dbapi, connection)
        self.in_transaction = True  # unknown until the first trip: assume one is open

    def rollback(self) -> None:
        if self.in_transaction:
            super().rollback()
            self.in_transaction = False

    def commit(self) -> None:
        super().commit()
        self.in_transaction = False


class OneTripDBAPI(AsyncAdapt_aiosqlite_dbapi):
    """The DBAPI module SQLAlchemy's aiosqlite dialect is given (``create_async_engine(...,
    module=...)``): connections are ``OneTripConnection``."""

    def connect(self, *arg: Any, **kw: Any) -> OneTripConnection:
        adapted = super().connect(*arg, **kw)
        return OneTripConnection(self, adapted._connection)


def dbapi() -> OneTripDBAPI:
    return OneTripDBAPI(aiosqlite, sqlite3)
