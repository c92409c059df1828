"""Schemathesis against the running app, as an admin and as a unit editor.

Each run makes a fresh SQLite database the way the test fixtures do (migrated, reference data and
the demo accounts and rounds: ``tests/support/database.migrate_and_seed``), serves it with
``python -m api serve`` on a free loopback port, signs in the demo accounts (``admin``, who holds
every DIC role, and ``q1.editor``, a unit editor of Q1), then runs ``st run`` on ``openapi.yaml``
once per account, one after the other (the editor sees what the admin's run created). Checks:
no 5xx, and every answer's status, content type and body as ``openapi.yaml`` documents them.
Nothing outlives the run unless ``--keep DIR`` names a folder for the database, the server's log
and the JUnit reports.

``tests/fuzz/test_schemathesis.py`` runs it bounded and deterministic (``make test``);
``make fuzz`` runs it longer, every phase for both accounts:

    .venv/bin/python -m tests.support.fuzz [--as admin[:PHASES]] [--as q1.editor[:PHASES]]
        [--phases examples,coverage,fuzzing,stateful] [--max-examples 100]
        [--seed N | --deterministic] [--config tests/fuzz/ci.toml] [--keep DIR]
        [-- further `st run` options, e.g. --include-path-regex /rounds]

The exit code is 0 when no account's run found a failure; a failure prints the request that
reproduces it (a curl command and a test case id) and the server log's tracebacks.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from api.core.database import make_engine
from api.core.settings import PROJECT_DIR
from tests.support.auth import DEMO_PASSWORD
from tests.support.database import migrate_and_seed, sqlite_url

SCHEMA = PROJECT_DIR / "openapi.yaml"
ALL_PHASES = "examples,coverage,fuzzing,stateful"
ACCOUNTS = ("admin", "q1.editor")  # an administrator and a unit editor (Q1) of the demo
SEED = 20261204
CHECKS = ",".join(
    (
        "not_a_server_error",  # no 5xx
        "status_code_conformance",  # a status the operation documents
        "content_type_conformance",
        "response_schema_conformance",  # a body matching the documented schema
    )
)


@dataclass(frozen=True)
class FuzzRun:
    """What one run does: whom it acts as, with which phases, how many examples, which seed."""

    accounts: dict[str, str] = field(default_factory=lambda: dict.fromkeys(ACCOUNTS, ALL_PHASES))
    max_examples: int = 100  # per operation, in the fuzzing and stateful phases
    seed: int = SEED
    deterministic: bool = False  # the same cases on every run (the seed plays no part then)
    checks: str = CHECKS
    config: Path | None = None  # a schemathesis.toml
    extra: list[str] = field(default_factory=list)  # further ``st run`` options


@dataclass(frozen=True)
class Outcome:
    returncode: int
    output: str  # every account's ``st run`` report, one after the other


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def _fresh_database(path: Path) -> None:
    engine = make_engine(sqlite_url(path))
    try:
        await migrate_and_seed(engine)
    finally:
        await engine.dispose()


def _server_env(folder: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DTI_")}
    env.update(
        DTI_DATABASE_URL=sqlite_url(folder / "fuzz.db"),
        DTI_STORAGE_DIR=str(folder / "storage"),
        DTI_SPA_DIR=str(folder / "no-spa"),
        DTI_HOST="127.0.0.1",
        DTI_PORT=str(port),
        DTI_DEMO_PASSWORD=DEMO_PASSWORD,
        DTI_ACCESS_TOKEN_MINUTES="1440",  # a long run outlives the default 15 minutes
        DTI_LOG_LEVEL="WARNING",
    )
    return env


def _wait_until_up(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        try:
            if httpx.get(f"{base}/readyz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{base} did not come up")


def _sign_in(base: str, username: str) -> str:
    response = httpx.post(
        f"{base}/api/v1/auth/token",
        data={"username": username, "password": DEMO_PASSWORD},
        timeout=60,
    )
    response.raise_for_status()
    token: str = response.json()["access_token"]
    return token


def st_command(base: str, token: str, run: FuzzRun, phases: str, report: Path) -> list[str]:
    """The ``st run`` command acting with ``token``."""
    seeding = ["--generation-deterministic"] if run.deterministic else ["--seed", str(run.seed)]
    return [
        sys.executable,
        "-m",
        "schemathesis.cli",
        *(["--config-file", str(run.config.resolve())] if run.config else []),
        "run",
        str(SCHEMA),
        "--url",
        base,
        "--header",
        f"Authorization: Bearer {token}",
        "--header",
        "Accept-Language: en",
        "--phases",
        phases,
        "--checks",
        run.checks,
        "--max-examples",
        str(run.max_examples),
        *seeding,
        "--workers",
        "1",
        "--request-timeout",
        "60",
        "--suppress-health-check",
        "all",
        "--no-color",
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
        *run.extra,
    ]


def fuzz(run: FuzzRun, keep: Path | None = None) -> Outcome:
    """Serve a fresh database and run schemathesis on it as each account in turn."""
    with tempfile.TemporaryDirectory(prefix="dti-fuzz-") as scratch:
        folder = (keep or Path(scratch)).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("fuzz.db*"):
            old.unlink()
        asyncio.run(_fresh_database(folder / "fuzz.db"))
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        returncode, output = 0, []
        with (folder / "server.log").open("wb") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "api", "serve"],
                env=_server_env(folder, port),
                cwd=PROJECT_DIR,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            try:
                _wait_until_up(base, server)
                tokens = {name: _sign_in(base, name) for name in run.accounts}
                for name, phases in run.accounts.items():
                    command = st_command(
                        base, tokens[name], run, phases, folder / f"junit-{name}.xml"
                    )
                    # In the run's folder: schemathesis keeps its cache (.schemathesis/) there.
                    done = subprocess.run(
                        command, capture_output=True, text=True, check=False, cwd=folder
                    )
                    output.append(f"===== as {name} ({phases}): st run exited {done.returncode}\n")
                    output.append(done.stdout + done.stderr)
                    returncode = returncode or done.returncode
            finally:
                server.terminate()
                server.wait(timeout=30)
        if returncode:
            output.append("\n===== server log (the tracebacks of any 5xx)\n")
            output.append((folder / "server.log").read_text(errors="replace")[-20000:])
        return Outcome(returncode, "".join(output))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.support.fuzz",
        description="Schemathesis against a fresh, running DTI Hub (README § Tests).",
    )
    parser.add_argument(
        "--as",
        dest="accounts",
        action="append",
        metavar="NAME[:PHASES]",
        help=f"a demo account, with its own phases (default: {', '.join(ACCOUNTS)})",
    )
    parser.add_argument("--phases", default=ALL_PHASES, help="for accounts given without phases")
    parser.add_argument("--max-examples", type=int, default=100, help="per operation")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--deterministic", action="store_true", help="as CI: no randomness")
    parser.add_argument("--checks", default=CHECKS)
    parser.add_argument("--config", type=Path, help="a schemathesis.toml")
    parser.add_argument("--keep", type=Path, help="keep the database, logs and cases here")
    parser.add_argument("extra", nargs="*", help="further `st run` options, after --")
    args = parser.parse_args(argv)
    accounts = {}
    for entry in args.accounts or ACCOUNTS:
        name, _, phases = entry.partition(":")
        accounts[name] = phases or args.phases
    run = FuzzRun(
        accounts=accounts,
        max_examples=args.max_examples,
        seed=args.seed,
        deterministic=args.deterministic,
        checks=args.checks,
        config=args.config,
        extra=args.extra,
    )
    outcome = fuzz(run, keep=args.keep)
    print(outcome.output)
    return outcome.returncode


if __name__ == "__main__":
    sys.exit(main())
