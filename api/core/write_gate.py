"""One writer at a time on SQLite, queued in the app instead of in SQLite's busy handler.

SQLite admits one write transaction at a time (``BEGIN IMMEDIATE``, see ``database``). A
connection that finds the write lock taken does not wait in line: its busy handler sleeps and
polls (1, 2, 5 … then every 100 ms) until the lock is free or ``busy_timeout`` runs out. With
a dozen pooled connections writing at once (a deadline day's burst of saves), the lock then sits
idle between writers while the next one sleeps, and the burst takes twice its work; with two
worker processes, every hand-over from one to the other waited out such a sleep.

``WriteGate`` queues writers instead, in two steps, both before ``BEGIN IMMEDIATE``:

1. the process's own writers on an ``asyncio.Lock`` (one per event loop);
2. the head of that queue on an exclusive ``flock`` of a file beside the database
   (``<database>-writer.lock``), which the kernel hands to the next process at once when it is
   let go. It is taken in a worker thread; a wait that runs out is abandoned safely (the thread
   lets the lock go as soon as it gets it).

A connection gives the gate back when the pool takes it back (the transaction is over by then,
committed or rolled back), so the next writer begins at once. Waiting is bounded by the same
busy timeout, past which the caller gets SQLite's own "database is locked" (answered 503 with
Retry-After, as before). A connection that writes again before it is returned keeps the gate.
Writers that do not go through a gate (the ``sqlite3`` shell) still meet SQLite's own lock.

The gate lives in the engine's event hooks: the "begin" hook runs inside SQLAlchemy's greenlet,
where ``await_only`` may wait on the event loop.

**Writers first.** The holder's statements each go to SQLite's thread and come back through the
event loop, where they queue behind whatever else is ready: on a deadline day, other requests
rendering their assessment views (milliseconds of CPU each). A section of about 4 ms of work then
held the gate for 10 to 16 ms, and every writer of both processes waited for it. Work that does
not need the gate (rendering a read) therefore first waits, briefly (``writers_first``), while a
writer of its own process is inside the gate; it runs while the gate is in the other process's
hands or free.
"""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy.exc import OperationalError
from sqlalchemy.util import await_only

_HOLDS = "dti_write_gate"  # key in a pooled connection's info: it holds the gate


def _locked() -> OperationalError:
    return OperationalError("BEGIN IMMEDIATE", None, sqlite3.OperationalError("database is locked"))


class _FileLock:
    """An exclusive ``flock`` of one file, shared by the writers of every process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    def _descriptor(self) -> int:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd

    async def acquire(self, seconds: float) -> None:
        fd = self._descriptor()
        try:  # free: no thread needed
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        mutex = threading.Lock()
        state = {"taken": False, "abandoned": False}

        def take() -> None:
            fcntl.flock(fd, fcntl.LOCK_EX)
            with mutex:
                if state["abandoned"]:
                    fcntl.flock(fd, fcntl.LOCK_UN)
                else:
                    state["taken"] = True

        waiting = asyncio.ensure_future(asyncio.to_thread(take))
        try:
            await asyncio.wait_for(asyncio.shield(waiting), seconds)
        except TimeoutError:
            with mutex:
                if not state["taken"]:
                    state["abandoned"] = True
                    raise _locked() from None

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)


class WriteGate:
    """An ``asyncio.Lock`` per event loop, then a file lock across processes (module docstring),
    held by at most one pooled connection at a time."""

    def __init__(self, timeout: float, lock_file: Path | None = None) -> None:
        self.timeout = timeout
        self._file = _FileLock(lock_file) if lock_file is not None else None
        self._locks: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            WeakKeyDictionary()
        )
        # Set while no writer of the loop is inside the gate (file lock taken, section running).
        self._idle: WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Event] = (
            WeakKeyDictionary()
        )

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    def _idle_event(self) -> asyncio.Event:
        loop = asyncio.get_running_loop()
        idle = self._idle.get(loop)
        if idle is None:
            idle = self._idle[loop] = asyncio.Event()
            idle.set()
        return idle

    async def writers_first(self, limit: float) -> None:
        """Wait (at most ``limit`` seconds) while a writer of this event loop is inside the gate."""
        idle = self._idle.get(asyncio.get_running_loop())
        if idle is None or idle.is_set():
            return
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(limit):
                await idle.wait()

    def enter(self, info: dict[Any, Any]) -> None:
        """Take the gate for the connection whose ``info`` this is (once: a holder keeps it)."""
        if info.get(_HOLDS):
            return
        lock = self._lock()
        try:
            await_only(asyncio.wait_for(lock.acquire(), self.timeout))
        except TimeoutError:
            raise _locked() from None
        if self._file is not None:
            try:
                await_only(self._file.acquire(self.timeout))
            except BaseException:
                lock.release()
                raise
        idle = self._idle_event()
        idle.clear()
        info[_HOLDS] = (lock, idle)

    def leave(self, info: dict[Any, Any]) -> None:
        """Give the gate back, if this connection holds it."""
        held: tuple[asyncio.Lock, asyncio.Event] | None = info.pop(_HOLDS, None)
        if held is None:
            return
        lock, idle = held
        if self._file is not None:
            self._file.release()
        idle.set()
        if lock.locked():
            lock.release()
