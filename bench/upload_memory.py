"""Peak memory of the server while it receives a large evidence upload (prints figures only).

Starts the real app (uvicorn) on a free loopback port with a fresh SQLite database, signs in as the
demo editor of Q1 and uploads a file of SIZE_MB megabytes (a PDF header followed by zeros, streamed
from disk by the client). It prints the server's resident memory before, and its peak (VmHWM)
after: streaming to storage keeps the peak flat whatever the file's size.

    .venv/bin/python bench/upload_memory.py [SIZE_MB]
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def memory_kib(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def main() -> None:
    size_mb = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    work = Path(tempfile.mkdtemp(prefix="dti-bench-upload-"))
    port = free_port()
    env = {
        **os.environ,
        "DTI_DATABASE_URL": f"sqlite+aiosqlite:///{work / 'bench.db'}",
        "DTI_STORAGE_DIR": str(work / "storage"),
        "DTI_PORT": str(port),
        "DTI_DEMO": "1",
        "DTI_EVIDENCE_MAX_MB": str(size_mb + 10),
        "DTI_LOG_LEVEL": "WARNING",
    }
    for command in (["migrate"], ["seed"]):
        subprocess.run(
            [PYTHON, "-m", "api", *command], cwd=ROOT, env=env, check=True, capture_output=True
        )
    server = subprocess.Popen([PYTHON, "-m", "api", "serve"], cwd=ROOT, env=env)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        token = httpx.post(
            f"{base}/api/v1/auth/token", data={"username": "q1.editor", "password": "demo12345"}
        ).json()["access_token"]
        headers = {"Authorization": f"Bearer {token}"}
        # Warm the endpoint with a small file, so imports and caches are not counted as upload.
        small = b"%PDF-1.4\n% warm-up\n"
        httpx.post(
            f"{base}/api/v1/rounds/1/units/Q1/evidence",
            data={"indicator_code": "1.1"},
            files={"file": ("warm.pdf", small, "application/pdf")},
            headers=headers,
        ).raise_for_status()
        before = memory_kib(server.pid)
        big = work / "big.pdf"
        with big.open("wb") as handle:
            handle.write(b"%PDF-1.4\n")
            block = b"0" * (1024 * 1024)
            for _ in range(size_mb):
                handle.write(block)
        started = time.perf_counter()
        with big.open("rb") as handle:
            response = httpx.post(
                f"{base}/api/v1/rounds/1/units/Q1/evidence",
                data={"indicator_code": "1.1"},
                files={"file": ("big.pdf", handle, "application/pdf")},
                headers=headers,
                timeout=300,
            )
        elapsed = time.perf_counter() - started
        response.raise_for_status()
        after = memory_kib(server.pid)
        print(
            f"upload of {size_mb} MB: HTTP {response.status_code} in {elapsed:.2f} s "
            f"({size_mb / elapsed:.0f} MB/s)"
        )
        print(f"server RSS before        {before['VmRSS'] / 1024:8.1f} MiB")
        print(f"server RSS after         {after['VmRSS'] / 1024:8.1f} MiB")
        print(
            f"server peak RSS (VmHWM)  {after['VmHWM'] / 1024:8.1f} MiB "
            f"(peak before the upload: {before['VmHWM'] / 1024:.1f} MiB)"
        )
        print(
            f"peak growth during upload {(after['VmHWM'] - before['VmHWM']) / 1024:7.1f} MiB "
            f"for a {size_mb} MiB file"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
