"""A deadline day: the assessment view and concurrent saves against the real server.

Migrates a scratch database (a temporary SQLite file, or the PostgreSQL database given with
``--database-url``; use an empty scratch database there), seeds through the services a round of
``--units`` units (every unit with its own editor, values for about 80 % of each unit's answers, the
round collecting), then for each worker count (``--workers``, default 1 and the machine's cores)
starts ``python -m api serve --workers N`` (real uvicorn) and prints:

1. the assessment view, ``GET /rounds/{id}/units/{code}/assessment``: requests per second, p50 and
   p99 at ``--connections`` concurrent keep-alive connections (a light client of its own,
   ``--requests`` requests in all), each request by the unit's own editor, the units taken in
   turn; and the count of 5xx;
2. ``--saves`` concurrent saves of one answer (``PUT …/answers/{code}`` with the current ETag), each
   by a different unit's editor: the wall time of the burst, p50 and p99, and the count of 5xx and
   of other failures.

Targets (issue 14): ≥ 150 req/s and a burst of 200 saves under 2 s, with zero 5xx, in a 200-unit
round; ``--units 3800 --database-url postgresql://…`` must give zero 5xx. Figures only, no asserts.

    .venv/bin/python bench/load.py [--units 200] [--workers 1,2] [--requests 2000]
    .venv/bin/python bench/load.py --units 3800 --database-url postgresql://postgres@127.0.0.1/x
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import functools
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.public import free_port, wait_until_up  # noqa: E402 (after the sys.path line)


@dataclass
class Seeded:
    round_id: int
    units: list[str]
    tokens: dict[str, str]  # unit code -> its editor's bearer token


@dataclass
class Figures:
    latencies: list[float] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    wall: float = 0.0
    cpu: list[float] = field(default_factory=list)  # server CPU seconds by worker process

    def add(self, status: int, seconds: float) -> None:
        self.latencies.append(seconds)
        self.statuses[status] = self.statuses.get(status, 0) + 1

    @property
    def server_errors(self) -> int:
        return sum(n for s, n in self.statuses.items() if s >= 500)

    def quantile(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


def async_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+asyncpg://" + url.removeprefix("postgresql://")
    return url


async def seed(units: int, tag: str) -> Seeded:
    """Units, their editors and a collecting round, through the services (DTI_* set by main)."""
    from sqlalchemy import select

    import api.models  # noqa: F401 (every table in the metadata: foreign keys cross domains)
    from api.auth import service as auth_service
    from api.auth.models import User
    from api.core.database import make_engine, make_session_factory
    from api.core.principal import Role
    from api.core.security import create_access_token, hash_password
    from api.core.settings import get_settings
    from api.frameworks.models import Framework
    from api.rounds import service as rounds_service
    from api.rounds.models import Phase
    from api.seed.demo_values import seed_round_values
    from api.units import service as units_service

    settings = get_settings()
    # One Argon2 hash for every editor: hashing 3,800 passwords would take minutes.
    shared_hash = hash_password(secrets.token_urlsafe(12))
    # setattr: mypy refuses assigning to a module's function; the bench only seeds with it.
    setattr(auth_service, "hash_password", lambda _password: shared_hash)  # noqa: B010
    engine = make_engine(settings.database_url)
    factory = make_session_factory(engine)
    codes = [f"B{tag}-{i:05d}" for i in range(units)]
    try:
        for start in range(0, units, 500):
            async with factory() as session, session.begin():
                for i, code in enumerate(codes[start : start + 500], start=start):
                    await units_service.create_unit(
                        session=session,
                        data={
                            "code": code,
                            "name_vi": f"Đơn vị thử tải {i}",
                            "name_en": f"Load test unit {i}",
                            "kind": "department" if i % 2 else "district",
                            "groups": ["SBN" if i % 2 else "QH"],
                        },
                    )
                    await auth_service.create_user(
                        session=session,
                        username=f"b{tag}-{i:05d}".lower(),
                        full_name=f"Biên tập viên {i}",
                        password="unused-password",
                        roles=[Role.unit_editor],
                        unit_code=code,
                        email=None,
                        rules=None,
                    )
        async with factory() as session, session.begin():
            framework_id = await session.scalar(
                select(Framework.id).where(Framework.code.like("%HCMC%")).order_by(Framework.id)
            ) or await session.scalar(select(Framework.id).order_by(Framework.id))
            assert framework_id is not None, "no framework: run `python -m api seed` first"
            round_ = await rounds_service.create(
                session=session,
                actor_id=None,
                year=2026,
                title_vi=f"Thử tải {tag}",
                title_en=f"Load test {tag}",
                framework_id=framework_id,
                groups=None,
                unit_codes=codes,
                schedule={},
                is_demo=False,
            )
            await seed_round_values(
                session=session,
                round_=round_,
                seed=7,
                unit_codes=None,  # every participant, agencies' figures included
                share=0.8,
                submitted=False,
            )
            await rounds_service.move_phase(
                session=session,
                round_id=round_.id,
                target=Phase.collecting,
                actor_id=None,
                note="bench/load.py",
            )
            round_id = round_.id
            users = dict(
                (
                    await session.execute(
                        select(User.username, User.id).where(User.username.like(f"b{tag}-%"))
                    )
                ).all()
            )
        if engine.dialect.name == "postgresql":
            async with engine.begin() as connection:
                # Planner statistics for the new rows, as autovacuum would soon gather them.
                await connection.exec_driver_sql("ANALYZE")
        tokens = {
            code: create_access_token(
                subject=str(users[f"b{tag}-{i:05d}".lower()]),
                kind="user",
                secret_key=settings.secret_key,
                algorithm=settings.jwt_algorithm,
                lifetime=dt.timedelta(hours=2),
            )
            for i, code in enumerate(codes)
        }
        return Seeded(round_id, codes, tokens)
    finally:
        await engine.dispose()


def _path(seeded: Seeded, code: str) -> str:
    return f"/api/v1/rounds/{seeded.round_id}/units/{code}/assessment"


class Connection:
    """One keep-alive HTTP/1.1 connection sending prepared requests: the load generator shares
    the machine's cores with the server, and httpx spent about as much CPU per request as the
    server did, so the figures measured the client. This one costs a few hundredths of that."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    async def send(self, raw: bytes) -> tuple[int, dict[bytes, bytes], bytes]:
        if self.writer is None or self.writer.is_closing():
            await self.open()
        assert self.reader is not None
        assert self.writer is not None
        self.writer.write(raw)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        headers: dict[bytes, bytes] = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name:
                headers[name.strip().lower()] = value.strip()
        if b"content-length" in headers:
            body = await self.reader.readexactly(int(headers[b"content-length"]))
        else:  # chunked
            chunks = []
            while size := int((await self.reader.readuntil(b"\r\n")).strip(), 16):
                chunks.append(await self.reader.readexactly(size))
                await self.reader.readexactly(2)
            await self.reader.readexactly(2)
            body = b"".join(chunks)
        if headers.get(b"connection") == b"close":
            await self.close()
        return status, headers, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
            self.writer = None


def request_bytes(
    method: str, path: str, headers: dict[str, str], body: bytes = b"", *, port: int
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Accept-Language: vi"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    if body or method in ("PUT", "POST"):
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


async def read_load(port: int, seeded: Seeded, connections: int, requests: int) -> Figures:
    figures = Figures()
    prepared = [
        request_bytes(
            "GET",
            _path(seeded, code),
            {"Authorization": f"Bearer {seeded.tokens[code]}"},
            port=port,
        )
        for code in seeded.units
    ]
    queue = iter(range(requests))
    pool = [Connection("127.0.0.1", port) for _ in range(connections)]
    await asyncio.gather(*(c.open() for c in pool))

    async def worker(connection: Connection) -> None:
        for n in queue:
            started = time.perf_counter()
            try:
                status, _, _ = await connection.send(prepared[n % len(prepared)])
            except (OSError, asyncio.IncompleteReadError, ValueError):
                status = 599
                await connection.close()
            figures.add(status, time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in pool))
    figures.wall = time.perf_counter() - started
    await asyncio.gather(*(c.close() for c in pool))
    return figures


def _change(answer: dict[str, Any], round_no: int) -> dict[str, Any]:
    """The answer with its note changed and a yes/no input flipped (when it has one)."""
    inputs = dict(answer["inputs"])
    for name, state in answer["input_states"].items():
        if state["read_only"]:
            inputs.pop(name, None)
        elif isinstance(inputs.get(name), bool):
            inputs[name] = not inputs[name]
    return {"inputs": inputs, "note": f"Lưu thử tải lần {round_no}"}


async def save_burst(
    port: int,
    seeded: Seeded,
    saves: int,
    round_no: int,
    cpu: Callable[[], dict[int, float]],
) -> Figures:
    """Each of ``saves`` editors reads their assessment, then all save one answer at once, each
    on a connection opened beforehand. ``cpu`` reads the server's CPU time by process, before and
    after the burst."""
    figures = Figures()
    requests: list[bytes] = []
    reader = Connection("127.0.0.1", port)
    for code in seeded.units[:saves]:
        auth = {"Authorization": f"Bearer {seeded.tokens[code]}"}
        status, headers, body = await reader.send(
            request_bytes("GET", _path(seeded, code), auth, port=port)
        )
        assert status == 200, body[:500]
        view = json.loads(body)
        answer = next(a for a in view["answers"] if a["editable"])
        url = f"/api/v1/rounds/{seeded.round_id}/units/{code}/answers/{answer['indicator_code']}"
        payload = json.dumps(_change(answer, round_no)).encode()
        put_headers = {**auth, "If-Match": headers[b"etag"].decode()}
        requests.append(request_bytes("PUT", url, put_headers, payload, port=port))
    await reader.close()
    # Each editor's connection, opened just before the burst (an idle keep-alive connection is
    # closed by the server after a few seconds, as a browser's would be).
    connections = [Connection("127.0.0.1", port) for _ in requests]
    await asyncio.gather(*(c.open() for c in connections))
    prepared = list(zip(connections, requests, strict=True))
    gate = asyncio.Event()

    async def one(connection: Connection, raw: bytes) -> None:
        await gate.wait()
        started = time.perf_counter()
        try:
            status, _, _ = await connection.send(raw)
        except (OSError, asyncio.IncompleteReadError, ValueError):
            status = 599
        figures.add(status, time.perf_counter() - started)

    tasks = [asyncio.create_task(one(*p)) for p in prepared]
    await asyncio.sleep(0.2)  # every task waits at the gate
    before = cpu()
    started = time.perf_counter()
    gate.set()
    await asyncio.gather(*tasks)
    figures.wall = time.perf_counter() - started
    after = cpu()
    used = [after[pid] - before.get(pid, 0.0) for pid in after]
    figures.cpu = [seconds for seconds in used if seconds > 0]  # not the resource tracker
    await asyncio.gather(*(c.close() for c, _ in prepared))
    return figures


def serve(env: dict[str, str], workers: int, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "api", "serve"]
    if workers > 1:
        command += ["--workers", str(workers)]
    return subprocess.Popen(command, cwd=ROOT, env={**env, "DTI_PORT": str(port)})


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def worker_cpu(process: subprocess.Popen[bytes]) -> dict[int, float]:
    """CPU seconds (user + system) used so far by each process serving: the worker processes
    ``serve`` started, or the one process itself (Linux /proc; empty elsewhere)."""
    ticks = os.sysconf("SC_CLK_TCK")
    pids = [process.pid]
    with contextlib.suppress(OSError):
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()
        pids = [int(pid) for pid in children] or pids
    used: dict[int, float] = {}
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used[pid] = (int(fields[11]) + int(fields[12])) / ticks
    return used


def statuses(figures: Figures) -> str:
    return ", ".join(f"{s}: {n}" for s, n in sorted(figures.statuses.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument(
        "--workers", default=f"1,{os.cpu_count() or 1}", help="worker counts, comma-separated"
    )
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--requests", type=int, default=2000, help="assessment GETs per run")
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--database-url", help="postgresql://… (an empty scratch database)")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="dti-bench-load-"))
    url = async_url(args.database_url or f"sqlite+aiosqlite:///{scratch / 'dti.db'}")
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("DTI_")},
        "DTI_ENV": "development",
        "DTI_DATABASE_URL": url,
        "DTI_SECRET_KEY": secrets.token_urlsafe(48),
        "DTI_STORAGE_DIR": str(scratch / "storage"),
        "DTI_HOST": "127.0.0.1",
        "DTI_LOG_LEVEL": "WARNING",
        "DTI_SPA_DIR": str(scratch / "no-spa"),
    }
    for step in ("migrate", "seed"):
        subprocess.run([sys.executable, "-m", "api", step], cwd=ROOT, env=env, check=True)
    os.environ.update(env)
    started = time.perf_counter()
    seeded = asyncio.run(seed(args.units, secrets.token_hex(3)))
    print(
        f"seeded a round of {args.units} units in {time.perf_counter() - started:.1f} s "
        f"({'PostgreSQL' if 'postgresql' in url else 'SQLite'}); "
        f"{args.connections} connections, {args.requests} GETs, {args.saves} saves"
    )
    saves = min(args.saves, args.units)
    for round_no, workers in enumerate(int(w) for w in args.workers.split(",")):
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        process = serve(env, workers, port)
        try:
            wait_until_up(f"{base}/healthz", process)
            asyncio.run(read_load(port, seeded, 8, 100))  # warm up every worker
            reads = asyncio.run(read_load(port, seeded, args.connections, args.requests))
            burst = asyncio.run(
                save_burst(port, seeded, saves, round_no, functools.partial(worker_cpu, process))
            )
        finally:
            stop(process)
        print(
            f"workers={workers}  GET assessment: {len(reads.latencies) / reads.wall:7.1f} req/s"
            f"  p50 {reads.quantile(0.5) * 1000:6.0f} ms  p99 {reads.quantile(0.99) * 1000:6.0f} ms"
            f"  5xx {reads.server_errors}  [{statuses(reads)}]"
        )
        print(
            f"workers={workers}  {saves} concurrent saves: wall {burst.wall:6.2f} s"
            f"  p50 {burst.quantile(0.5) * 1000:6.0f} ms  p99 {burst.quantile(0.99) * 1000:6.0f} ms"
            f"  5xx {burst.server_errors}  [{statuses(burst)}]"
            f"  mean {statistics.fmean(burst.latencies) * 1000:.0f} ms"
        )
        print(
            f"workers={workers}  server CPU in the burst: {sum(burst.cpu):.2f} s"
            f" ({' + '.join(f'{c:.2f}' for c in burst.cpu)} by worker),"
            f" {sum(burst.cpu) / saves * 1000:.1f} ms a save"
        )


if __name__ == "__main__":
    main()
