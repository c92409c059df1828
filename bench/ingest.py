"""Bulk ingestion on PostgreSQL: 100,000 figures pushed end to end versus raw COPY (figures only).

Makes a scratch database on the local PostgreSQL, migrates and seeds it, adds 2,500 synthetic
units and a framework of 40 agency-supplied indicators (100,000 values), opens a collecting round,
then, in one run:

1. pushes all 100,000 values in one HTTP request to the real app (uvicorn, loopback) as the
   provider client: JSON parsing, then (over ``DTI_INGEST_BACKGROUND_ROWS``) a 202 and the
   background job on pgqueuer (the app's own worker): validation of every row in chunks with
   progress, revisions, audit, report; timed until the report says it is done;
2. copies the same rows with asyncpg ``COPY`` into the same table, ``element_values`` with its
   keys and indexes, under a second round of the same framework (so the rows do not collide),
   inside a transaction that is rolled back.

It then pushes the batch again with every figure changed (the update path) and prints its rate.
It prints both rates, their ratio (the target is ≥ 0.25) and the server's peak memory, then drops
the database.

    .venv/bin/python bench/ingest.py [--url postgresql://postgres@127.0.0.1:5432] [--units 2500]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
ELEMENTS = 40


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def framework_document() -> dict[str, object]:
    elements = [
        {
            "code": f"B-{i}",
            "name_vi": f"Chỉ tiêu {i}",
            "name_en": f"Figure {i}",
            "value_type": "percent",
            "source": "provider",
            "provider_code": "CUC-THUE",
        }
        for i in range(ELEMENTS)
    ]
    leaves = [
        {
            "code": f"1.{i}",
            "name_vi": f"Chỉ số {i}",
            "name_en": f"Indicator {i}",
            "max_points": 10,
            "inputs": [{"name": "value", "element_code": f"B-{i}"}],
            "rule": {"kind": "linear", "floor": 0, "target": 100},
        }
        for i in range(ELEMENTS)
    ]
    return {
        "code": "BENCH-INGEST",
        "title_vi": "Bộ chỉ số thử tải",
        "title_en": "Load-test framework",
        "year": 2024,
        "groups": ["QH"],
        "elements": elements,
        "criteria": [
            {
                "code": "1",
                "name_vi": "Trụ cột",
                "name_en": "Pillar",
                "rule": {"kind": "sum_of_children"},
                "children": leaves,
            }
        ],
    }


async def prepare(dsn: str, units: int) -> None:
    connection = await asyncpg.connect(dsn)
    try:
        group_id = await connection.fetchval("SELECT id FROM unit_groups WHERE code = 'QH'")
        rows = [
            (f"BX-{n:05d}", f"Phường thử {n}", f"Test ward {n}", "ward", f"bx-{n:05d}")
            for n in range(units)
        ]
        await connection.executemany(
            "INSERT INTO units (code, name_vi, name_en, kind, is_provider, search_text, "
            "created_at, updated_at) VALUES ($1, $2, $3, $4, false, $5, now(), now())",
            rows,
        )
        await connection.execute(
            "INSERT INTO unit_group_members (unit_id, group_id) "
            "SELECT id, $1 FROM units WHERE code LIKE 'BX-%'",
            group_id,
        )
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="postgresql://postgres@127.0.0.1:5432")
    parser.add_argument("--units", type=int, default=2500)
    args = parser.parse_args()
    database = f"dti_bench_ingest_{os.getpid()}"
    admin_dsn = f"{args.url}/postgres"
    dsn = f"{args.url}/{database}"

    async def run_sql(sql: str) -> None:
        connection = await asyncpg.connect(admin_dsn)
        try:
            await connection.execute(sql)
        finally:
            await connection.close()

    asyncio.run(run_sql(f'CREATE DATABASE "{database}"'))
    port = free_port()
    env = {
        **os.environ,
        "DTI_DATABASE_URL": dsn.replace("postgresql://", "postgresql+asyncpg://"),
        "DTI_DEMO": "1",
        "DTI_PORT": str(port),
        "DTI_LOG_LEVEL": "WARNING",
    }
    server = None
    try:
        for command in (["migrate"], ["seed"]):
            subprocess.run(
                [sys.executable, "-m", "api", *command],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
            )
        asyncio.run(prepare(dsn, args.units))
        server = subprocess.Popen([sys.executable, "-m", "api", "serve"], cwd=ROOT, env=env)
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                if httpx.get(f"{base}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        client = httpx.Client(base_url=base, timeout=600)

        def token(form: dict[str, str], path: str) -> dict[str, str]:
            access = client.post(path, data=form).json()["access_token"]
            return {"Authorization": f"Bearer {access}"}

        admin = token({"username": "admin", "password": "demo12345"}, "/api/v1/auth/token")
        framework = client.post("/api/v1/frameworks", json=framework_document(), headers=admin)
        framework.raise_for_status()
        framework_id = framework.json()["id"]
        client.post(
            f"/api/v1/frameworks/{framework_id}/status", json={"status": "active"}, headers=admin
        ).raise_for_status()
        round_ = client.post(
            "/api/v1/rounds",
            json={
                "year": 2024,
                "title_vi": "Thử tải",
                "title_en": "Load test",
                "framework_id": framework_id,
                "groups": ["QH"],
            },
            headers=admin,
        )
        round_.raise_for_status()
        round_id = round_.json()["id"]
        twin = client.post(
            "/api/v1/rounds",
            json={
                "year": 2025,
                "title_vi": "Thử tải (COPY)",
                "title_en": "Load test (COPY)",
                "framework_id": framework_id,
                "groups": ["QH"],
            },
            headers=admin,
        )
        twin.raise_for_status()
        twin_id = twin.json()["id"]
        client.post(
            f"/api/v1/rounds/{round_id}/phase", json={"phase": "collecting"}, headers=admin
        ).raise_for_status()
        secret = client.post(
            "/api/v1/api-clients",
            json={
                "client_id": "bench",
                "name": "Bench",
                "unit_code": "CUC-THUE",
                "scopes": [{"element_code": "*", "unit_code": "*"}],
            },
            headers=admin,
        ).json()["client_secret"]
        provider = token(
            {"grant_type": "client_credentials", "client_id": "bench", "client_secret": secret},
            "/api/v1/auth/client-token",
        )
        units = [f"BX-{n:05d}" for n in range(args.units)]
        rng = random.Random(1)
        values = [
            {"unit_code": unit, "element_code": f"B-{i}", "value": round(rng.uniform(0, 100), 1)}
            for unit in units
            for i in range(ELEMENTS)
        ]

        def push(body: bytes) -> tuple[float, float, httpx.Response, dict[str, object]]:
            """Seconds to the answer, seconds to the end of the import, the answer, the report
            (a large batch answers 202 at once: its report is read until the job has ended)."""
            started = time.perf_counter()
            response = client.post(
                "/api/v1/ingest/values",
                content=body,
                headers={**provider, "Content-Type": "application/json"},
            )
            answered = time.perf_counter() - started
            report = response.json()
            while response.status_code == 202 and report["status"] in ("queued", "running"):
                time.sleep(0.1)
                report = client.get(response.headers["location"], headers=provider).json()
            return answered, time.perf_counter() - started, response, report

        body = json.dumps({"round_id": round_id, "values": values}).encode()
        accepted, pushed, response, report = push(body)
        if response.status_code not in (200, 202) or report["status"] != "applied":
            raise SystemExit(f"push failed: {response.status_code} {str(report)[:500]}")
        # The agency sends corrected figures: every value changes (updates and revision 2).
        for v in values:
            v["value"] = round((float(v["value"]) + 0.5) % 100, 1)
        body = json.dumps({"round_id": round_id, "values": values}).encode()
        _, resent, second, second_report = push(body)
        counts = second_report["counts"]
        if not isinstance(counts, dict) or counts["applied"] != len(values):
            raise SystemExit(f"second push failed: {second.status_code} {str(second_report)[:500]}")
        status = Path(f"/proc/{server.pid}/status").read_text().splitlines()
        peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))

        bare_seconds: list[float] = []

        async def copy() -> float:
            connection = await asyncpg.connect(dsn)
            try:
                ids = dict(
                    await connection.fetch("SELECT code, id FROM units WHERE code LIKE 'BX-%'")
                )
                stamp = datetime.now(UTC)
                records = [
                    (
                        twin_id,
                        ids[v["unit_code"]],
                        v["element_code"],
                        "provider",
                        json.dumps(str(v["value"])),
                        1,
                        stamp,
                        "bench",
                    )
                    for v in values
                ]
                transaction = connection.transaction()
                await transaction.start()
                begin = time.perf_counter()
                await connection.copy_records_to_table(
                    "element_values",
                    records=records,
                    columns=[
                        "round_id",
                        "unit_id",
                        "element_code",
                        "source",
                        "value",
                        "revision",
                        "updated_at",
                        "updated_by",
                    ],
                )
                elapsed = time.perf_counter() - begin
                await transaction.rollback()
                # For scale only: the same COPY into a bare copy (no keys, indexes or checks).
                await connection.execute(
                    "CREATE TEMP TABLE bare (LIKE element_values INCLUDING DEFAULTS)"
                )
                begin = time.perf_counter()
                await connection.copy_records_to_table(
                    "bare",
                    records=records,
                    columns=[
                        "round_id",
                        "unit_id",
                        "element_code",
                        "source",
                        "value",
                        "revision",
                        "updated_at",
                        "updated_by",
                    ],
                )
                bare_seconds.append(time.perf_counter() - begin)
                return elapsed
            finally:
                await connection.close()

        copied = asyncio.run(copy())
        n = len(values)
        print(
            f"{n:,} values; {args.units:,} units × {ELEMENTS} elements; report: {report['counts']}"
        )
        print(
            f"pushed end to end (HTTP, background job, validation, revisions, audit): "
            f"{pushed:7.2f} s = {n / pushed:10,.0f} values/s (answered {response.status_code} "
            f"after {accepted:.2f} s)"
        )
        print(
            f"raw asyncpg COPY into element_values (same table):     {copied:7.2f} s "
            f"= {n / copied:10,.0f} values/s"
        )
        print(f"ratio (push ÷ COPY): {copied / pushed:.3f} (target ≥ 0.25)")
        print(
            f"pushed again, every value changed (updates, revision 2): {resent:7.2f} s "
            f"= {n / resent:10,.0f} values/s"
        )
        bare = bare_seconds[0]
        print(
            f"for scale, COPY into a bare copy (no keys or indexes): {bare:7.2f} s "
            f"= {n / bare:10,.0f} values/s"
        )
        print(f"server peak RSS (VmHWM): {peak / 1024:.0f} MiB")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=10)
        asyncio.run(run_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
