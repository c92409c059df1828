"""One writer at a time on SQLite, queued in the app instead of in SQLite's busy handler.

SQLite admits one write transaction at a time (``BEGIN IMMEDIATE``, see ``database``). A
connection that finds the write lock taken does not wait in line: its busy handler sleeps and
polls (1, 2, 5 … then every 100 ms) until the lock is free or ``busy_timeout`` runs out. With
a dozen pooled connections writing at once (a deadline day's burst of saves), the lock then sits
idle between writers while the next one sleeps, and the burst takes twice its work.

``WriteGate`` queues the app's own writers on an ``asyncio.Lock`` instead: a connection takes the
gate just before it begins a write transaction and gives it back when the pool takes the
connection back (the transaction is over by then, committed or rolled back), so the next writer
begins at once. Waiting for the gate is bounded by the same busy timeout, past which the caller
gets SQLite's own "database is locked" (answered 503 with Retry-After, as before). A connection
that writes again before it is returned keeps the gate (it is not taken twice). Other processes
(more workers, a command-line job) still meet at SQLite's lock: the gate orders each process's
writers, and only its head waits in SQLite's busy handler.

The gate lives in the engine's event hooks: the "begin" hook runs inside SQLAlchemy's greenlet,
where ``await_only`` may wait on the event loop.
"""

from __future__ import annotations

import asyncio
import sqlite3
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy.exc import OperationalError
from sqlalchemy.util import await_only

_HOLDS = "dti_write_gate"  # key in a pooled connection's info: it holds the gate


class WriteGate:
    """An ``asyncio.Lock`` per event loop, held by at most one pooled connection."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._locks: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            WeakKeyDictionary()
        )

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    def enter(self, info: dict[Any, Any]) -> None:
        """Take the gate for the connection whose ``info`` this is (once: a holder keeps it)."""
        if info.get(_HOLDS):
            return
        lock = self._lock()
        try:
            await_only(asyncio.wait_for(lock.acquire(), self.timeout))
        except TimeoutError:
            raise OperationalError(
                "BEGIN IMMEDIATE", None, sqlite3.OperationalError("database is locked")
            ) from None
        info[_HOLDS] = lock

    @staticmethod
    def leave(info: dict[Any, Any]) -> None:
        """Give the gate back, if this connection holds it."""
        lock: asyncio.Lock | None = info.pop(_HOLDS, None)
        if lock is not None and lock.locked():
            lock.release()
