"""``python -m api serve``: how many workers, each with its own socket (periodic tasks run once
whatever the number: tests/jobs/test_runner.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from api.__main__ import serve_workers
from api.core.settings import PROJECT_DIR
from bench.public import free_port


def test_workers_default_to_the_cores_in_production_and_one_in_development() -> None:
    assert serve_workers(None, None, "development") == 1
    assert serve_workers(None, None, "production") >= 1
    assert serve_workers(None, 3, "production") == 3  # DTI_WORKERS
    assert serve_workers(5, 3, "development") == 5  # --workers wins


@pytest.mark.slow
def test_several_workers_each_listen_and_stop_together(tmp_path: Path) -> None:
    """``serve --workers 2``: two worker processes, each with its own socket on the port
    (api/ops/serving.py), both accepting; SIGTERM stops them all."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DTI_")},
        "DTI_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'dti.db'}",
        "DTI_STORAGE_DIR": str(tmp_path / "storage"),
        "DTI_SPA_DIR": str(tmp_path / "no-spa"),
        "DTI_PORT": str(port),
        "DTI_LOG_LEVEL": "WARNING",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "api", "serve", "--workers", "2"], cwd=PROJECT_DIR, env=env
    )
    try:
        deadline = time.monotonic() + 60
        children: list[int] = []
        while time.monotonic() < deadline:
            children = _children(server.pid)
            if len(children) == 2 and all(_listens(pid, port) for pid in children):
                break
            time.sleep(0.2)
        assert len(children) == 2, children
        assert all(_listens(pid, port) for pid in children), "each worker holds a socket"
        # A worker listens before its app has started; on a busy machine that takes seconds.
        for _ in range(20):  # new connections, whichever worker takes them
            assert httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=60).status_code == 200
    finally:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=60)
    assert code == 0
    assert all(not Path(f"/proc/{pid}").exists() for pid in children)


def _children(pid: int) -> list[int]:
    """The supervisor's worker processes (not multiprocessing's resource tracker)."""
    found = Path(f"/proc/{pid}/task/{pid}/children")
    pids = [int(p) for p in found.read_text().split()] if found.exists() else []
    return [p for p in pids if b"spawn_main" in _cmdline(p)]


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _listens(pid: int, port: int) -> bool:
    """Whether the process holds a socket listening on the port (its own, not inherited)."""
    inodes = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:  # LISTEN
            inodes.add(fields[9])
    fds = Path(f"/proc/{pid}/fd")
    try:
        targets = {os.readlink(fd) for fd in fds.iterdir()}
    except OSError:
        return False
    return any(f"socket:[{inode}]" in targets for inode in inodes)
