"""The public results endpoint versus a bare FastAPI app returning the same bytes, in one run.

Makes a scratch SQLite database, migrates it and seeds the demo (whose 2022 round is published),
then serves, each with one uvicorn worker and the same settings:

1. DTI Hub itself (``python -m api serve``): ``GET /api/v1/public/rounds/{id}/results`` with all its
   middleware (request id, security headers, metrics, CORS), routing, ETag and cache headers;
2. a bare FastAPI app with one route returning the very same bytes (the ceiling for a FastAPI app
   serving stored bytes, DESIGN.md § Performance).

A load generator on loopback (``wrk``, from Debian's packages; an asyncio HTTP/1.1 client when
wrk is missing) drives each in turn, alternating, and the best of each is kept. It prints both
rates, the ratio (the target is ≥ 0.8) and, for scale, the rate of 304 answers to a matching
If-None-Match.

    .venv/bin/python bench/public.py [--seconds 8] [--connections 32] [--rounds 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]

BARE_APP = """
import sys
from pathlib import Path

import uvicorn
from fastapi import FastAPI, Response

BODY = Path(sys.argv[1]).read_bytes()
app = FastAPI()


@app.get("/results")
async def results() -> Response:
    return Response(content=BODY, media_type="application/json")


uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning")
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=1).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def run_wrk(url: str, seconds: int, connections: int, headers: dict[str, str]) -> float:
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    match = re.search(r"Requests/sec:\s+([\d.]+)", output)
    if match is None or ("Non-2xx" in output and not headers):
        raise SystemExit(f"wrk failed:\n{output}")
    return float(match.group(1))


async def _python_load(url: str, seconds: int, connections: int, headers: dict[str, str]) -> float:
    """A keep-alive HTTP/1.1 client on raw sockets: each connection sends a request, reads the
    whole response (by Content-Length) and goes again until time is up."""
    parts = re.match(r"http://([^:/]+):(\d+)(/.*)", url)
    if parts is None:
        raise SystemExit(f"not a loopback URL with a port: {url}")
    host, port, path = parts.groups()
    extra = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
    request = f"GET {path} HTTP/1.1\r\nHost: {host}\r\n{extra}\r\n".encode()
    done = 0
    stop = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal done
        reader, writer = await asyncio.open_connection(host, int(port))
        while time.monotonic() < stop:
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            if not head.startswith((b"HTTP/1.1 200", b"HTTP/1.1 304")):
                raise SystemExit(f"unexpected answer: {head[:40]!r}")
            length = re.search(rb"(?i)content-length:\s*(\d+)", head)
            if length:
                await reader.readexactly(int(length.group(1)))
            done += 1
        writer.close()

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return done / (time.monotonic() - started)


def load(url: str, seconds: int, connections: int, headers: dict[str, str] | None = None) -> float:
    headers = headers or {}
    if shutil.which("wrk"):
        return run_wrk(url, seconds, connections, headers)
    return asyncio.run(_python_load(url, seconds, connections, headers))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    python = sys.executable
    scratch = Path(tempfile.mkdtemp(prefix="dti-bench-public-"))
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DTI_")},
        "DTI_ENV": "development",
        "DTI_DATABASE_URL": f"sqlite+aiosqlite:///{scratch / 'dti.db'}",
        "DTI_STORAGE_DIR": str(scratch / "storage"),
        "DTI_DEMO": "1",
        "DTI_HOST": "127.0.0.1",
        "DTI_LOG_LEVEL": "WARNING",
        "DTI_SPA_DIR": str(scratch / "no-spa"),
    }
    processes: list[subprocess.Popen[bytes]] = []
    try:
        for step in ("migrate", "seed"):
            subprocess.run(
                [python, "-m", "api", step], cwd=ROOT, env=env, check=True, capture_output=True
            )
        app_port, bare_port = free_port(), free_port()
        app = subprocess.Popen(
            [python, "-m", "api", "serve"], cwd=ROOT, env=env | {"DTI_PORT": str(app_port)}
        )
        processes.append(app)
        base = f"http://127.0.0.1:{app_port}"
        wait_until_up(f"{base}/healthz", app)
        rounds = httpx.get(f"{base}/api/v1/public/rounds").json()["items"]
        round_id = rounds[0]["id"]
        app_url = f"{base}/api/v1/public/rounds/{round_id}/results"
        served = httpx.get(app_url)
        body_file = scratch / "results.json"
        body_file.write_bytes(served.content)
        bare = subprocess.Popen(
            [python, "-c", BARE_APP, str(body_file), str(bare_port)], cwd=ROOT, env=env
        )
        processes.append(bare)
        bare_url = f"http://127.0.0.1:{bare_port}/results"
        wait_until_up(bare_url, bare)
        assert httpx.get(bare_url).content == served.content, "the two bodies differ"

        tool = "wrk" if shutil.which("wrk") else "asyncio client (wrk not installed)"
        print(f"public results of round {round_id}: {len(served.content):,} bytes, ", end="")
        print(f"ETag {served.headers['etag'][:14]}…, load generator: {tool}")
        print(f"{args.connections} connections, {args.seconds} s per measurement, ", end="")
        print(f"{args.rounds} rounds alternating")
        for url in (bare_url, app_url):
            load(url, 2, args.connections)  # warm up
        bare_rates, app_rates = [], []
        for _ in range(args.rounds):
            bare_rates.append(load(bare_url, args.seconds, args.connections))
            app_rates.append(load(app_url, args.seconds, args.connections))
        etag = served.headers["etag"]
        not_modified = load(app_url, args.seconds, args.connections, {"If-None-Match": etag})
        bare_best, app_best = max(bare_rates), max(app_rates)
        print(f"bare FastAPI, same bytes : {bare_best:10,.0f} req/s  (runs: ", end="")
        print(", ".join(f"{r:,.0f}" for r in bare_rates) + ")")
        print(f"DTI Hub public endpoint  : {app_best:10,.0f} req/s  (runs: ", end="")
        print(", ".join(f"{r:,.0f}" for r in app_rates) + ")")
        print(f"ratio (target >= 0.8)    : {app_best / bare_best:10.2f}")
        print(f"DTI Hub, 304 answers     : {not_modified:10,.0f} req/s")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=10)
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
