"""``python -m api serve --workers N``: N uvicorn processes, each listening on a socket of its own.

Uvicorn's own ``--workers`` binds one socket in a supervisor and shares it: every worker waits
on it and the first to wake accepts everything queued (up to a hundred connections at a time).
Keep-alive connections opened together — a deadline morning's editors, or a proxy's upstream
pool — then mostly land on one worker, which does the work of all while the others idle (seen in
bench/load.py: 179 of 200 concurrent saves on one of two workers).

Here each worker binds its own socket to the same address with ``SO_REUSEPORT``, and the kernel
spreads new connections over the workers by a hash of their addresses. The supervisor starts
the workers, starts again one that dies, and on SIGINT or SIGTERM stops them (uvicorn's graceful
shutdown in each) and waits for them. Where ``SO_REUSEPORT`` does not exist (not Linux or BSD),
``serve`` falls back to uvicorn's shared socket.
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
import socket
import time
from multiprocessing.process import BaseProcess
from types import FrameType
from typing import Any

logger = logging.getLogger("api.serve")

SUPPORTED = hasattr(socket, "SO_REUSEPORT")


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket listening on host:port that other processes may bind too (``SO_REUSEPORT``)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _worker(options: dict[str, Any]) -> None:
    import uvicorn

    sock = listening_socket(options["host"], options["port"])
    uvicorn.Server(uvicorn.Config(**options)).run(sockets=[sock])


def run(workers: int, options: dict[str, Any]) -> int:
    """Serve with ``workers`` processes, each given ``uvicorn.Config(**options)``; returns when
    stopped by SIGINT or SIGTERM."""
    context = multiprocessing.get_context("spawn")
    stopping = False

    def start() -> BaseProcess:
        process = context.Process(target=_worker, args=(options,), name="dti-worker")
        process.start()
        return process

    def stop(signum: int, _frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True
        for process in processes:
            if process.is_alive() and process.pid is not None:
                process.terminate()  # SIGTERM: uvicorn finishes the requests under way

    processes = [start() for _ in range(workers)]
    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    logger.info("serving with %d workers on %s:%s", workers, options["host"], options["port"])
    try:
        while not stopping:
            for i, process in enumerate(processes):
                if not process.is_alive() and not stopping:
                    logger.warning(
                        "worker %s exited (%s): starting another", process.pid, process.exitcode
                    )
                    processes[i] = start()
            time.sleep(0.5)
        for process in processes:
            process.join(timeout=30)
            if process.is_alive():
                process.kill()
                process.join()
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    return 0
