"""Command line: ``python -m api {migrate,seed,openapi,serve,remind,worker,audit-verify,
audit-rekey,backup,restore,check}``."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path
from typing import Any

import yaml

import api.models  # noqa: F401  (every table in the metadata: foreign keys cross domains)
from api.core.settings import PROJECT_DIR, Settings, get_settings
from api.ops import serving


def migrate() -> None:
    """Upgrade the database to the newest migration."""
    from alembic import command
    from alembic.config import Config

    command.upgrade(Config(str(PROJECT_DIR / "alembic.ini")), "head")


async def _seed(demo: bool) -> None:
    from api.core.database import make_engine, make_session_factory
    from api.seed.loader import load_demo, load_reference

    settings = get_settings()
    engine = make_engine(settings.database_url)
    try:
        async with make_session_factory(engine)() as session, session.begin():
            report = await load_reference(session)
            if demo:
                demo_report = await load_demo(session, settings.demo_password)
                report.added.update(demo_report.added)
        added = ", ".join(f"{k}: {v}" for k, v in report.added.items()) or "nothing new"
        print(f"seed: {added}")
    finally:
        await engine.dispose()


async def _remind(now: str | None) -> None:
    import datetime as dt

    from api.core.database import make_engine, make_session_factory
    from api.progress.jobs import run_once
    from api.urging.jobs import digest_once, escalate_once

    settings = get_settings()
    engine = make_engine(settings.database_url)
    try:
        moment = dt.datetime.fromisoformat(now) if now else None
        if moment is not None and moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        factory = make_session_factory(engine)
        # Escalation and the week's digest first: the outbox run below sends their e-mails too.
        escalated = await escalate_once(factory, settings=settings, now=moment)
        digested = await digest_once(factory, settings=settings, now=moment)
        report = await run_once(factory, settings=settings, now=moment)
        print(
            f"remind: {report.notifications} notifications, {report.emails_queued} e-mails "
            f"queued, {report.emails_sent} sent, {report.emails_failed} failed attempts"
        )
        print(
            f"urging: {escalated.notifications} escalations to heads, "
            f"{digested.notifications} digest notifications to approvers"
        )
    finally:
        await engine.dispose()


async def _worker(drain: bool) -> None:
    from api.core.database import make_engine, make_session_factory
    from api.jobs.runner import JobEnv, PgQueuerRunner, make_runner
    from api.main import build_registry

    settings = get_settings()
    engine = make_engine(settings.database_url)
    env = JobEnv(make_session_factory(engine), settings)
    runner = make_runner(settings, build_registry(settings), lambda: env, in_app=False)
    if not isinstance(runner, PgQueuerRunner):
        raise SystemExit(
            "worker: jobs run on PostgreSQL only; with SQLite each app process runs its own "
            "(see README § Background jobs)"
        )
    try:
        await runner.work(drain=drain)
    finally:
        await engine.dispose()


async def _audit_verify() -> int:
    from api.audit import service as audit
    from api.core.database import make_engine, make_session_factory

    engine = make_engine(get_settings().database_url)
    try:
        async with make_session_factory(engine)() as session:
            result = await audit.verify(session=session)
    finally:
        await engine.dispose()
    if result.ok:
        print(f"audit-verify: ok, {result.checked} events, {result.anchors_checked} anchors")
        return 0
    print(
        f"audit-verify: BROKEN at event {result.first_broken_id} ({result.reason}); "
        f"{result.checked} events held before it",
        file=sys.stderr,
    )
    return 1


def _old_audit_key(old_key_file: Path | None) -> bytes | None:
    """The previous audit key when it is being changed: from a file, or DTI_AUDIT_OLD_KEY (never
    from the command line, where other users of the machine could read it)."""
    import os

    if old_key_file is not None:
        return old_key_file.read_text().strip().encode()
    old = os.environ.get("DTI_AUDIT_OLD_KEY", "").strip()
    return old.encode() if old else None


async def _audit_rekey(old_key: bytes | None) -> int:
    from api.audit import service as audit
    from api.core.database import make_engine, make_session_factory

    engine = make_engine(get_settings().database_url)
    try:
        async with make_session_factory(engine)() as session, session.begin():
            resealed = await audit.reseal(session=session, old_key=old_key)
    except audit.ChainBroken as exc:
        print(f"audit-rekey: refused, nothing changed: {exc}", file=sys.stderr)
        return 1
    finally:
        await engine.dispose()
    print(
        f"audit-rekey: {resealed.events} events sealed under DTI_AUDIT_KEY "
        f"({resealed.newly_sealed} for the first time), {resealed.anchors} anchors hold"
    )
    return 0


async def _backup(target: Path, allow_missing: bool) -> int:
    from api.ops.backup import backup

    result = await backup(get_settings(), target, allow_missing=allow_missing)
    manifest = result.manifest
    rows = sum(manifest["counts"].values())
    print(
        f"backup: {result.path} ({manifest['database_kind']} at migration "
        f"{manifest['alembic_revision']}, {rows} rows in {len(manifest['counts'])} tables, "
        f"{len(manifest['blobs'])} evidence blobs, {manifest['blob_bytes']} bytes)"
    )
    if result.missing:
        print(
            f"backup: WITHOUT {len(result.missing)} missing or damaged blob(s), listed in "
            "the manifest (missing_blobs)"
        )
    return 0


async def _restore(source: Path, blobs_only: bool) -> int:
    from api.ops.backup import restore

    result = await restore(get_settings(), source, blobs_only=blobs_only)
    manifest = result.manifest
    print(
        f"restore: {result.blobs_written} evidence blobs written, {result.blobs_present} "
        f"already there"
        + (
            ""
            if blobs_only
            else f"; the database is as of {manifest['created_at']} "
            f"(migration {manifest['alembic_revision']})"
        )
    )
    if manifest.get("missing_blobs"):
        print(
            f"restore: the backup was made without {len(manifest['missing_blobs'])} blob(s) "
            "missing at the time; `python -m api check` lists them"
        )
    if result.needs_migrate:
        print("restore: the code is newer than the backup: run `python -m api migrate` next")
    return 0


async def _check(deep: bool) -> int:
    from api.ops.backup import storage_description
    from api.ops.check import check, render

    settings = get_settings()
    report = await check(settings, deep=deep)
    where = storage_description(settings)
    place = (
        f"bucket {where['bucket']} ({where['prefix']})" if where["kind"] == "s3" else where["dir"]
    )
    print(render(report, where=place))
    return 0 if report.ok else 1


def serve_workers(option: int | None, setting: int | None, env: str) -> int:
    """How many uvicorn workers ``serve`` starts: the option, else DTI_WORKERS, else the
    machine's cores in production and 1 in development (one process to debug and reload)."""
    if option is not None:
        return option
    if setting is not None:
        return setting
    return (os.cpu_count() or 1) if env == "production" else 1


def openapi_yaml() -> str:
    """The app's OpenAPI schema as YAML (what ``openapi.yaml`` must equal)."""
    from api.main import create_app

    schema = create_app().openapi()
    return yaml.safe_dump(schema, sort_keys=False, allow_unicode=True, width=100)


def uvicorn_trusted_proxies(settings: Settings) -> list[str]:
    """``DTI_TRUSTED_PROXIES`` as uvicorn's ``forwarded_allow_ips`` (addresses and networks)."""
    return [str(network) for network in settings.trusted_proxy_networks]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api", description="DTI Hub commands")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="upgrade the database to head")
    seed = sub.add_parser("seed", help="load units, groups and frameworks (idempotent)")
    seed.add_argument("--demo", action="store_true", help="also demo accounts and rounds")
    out = sub.add_parser("openapi", help="write the OpenAPI schema as YAML")
    out.add_argument("--output", type=Path, default=PROJECT_DIR / "openapi.yaml")
    serve = sub.add_parser("serve", help="serve the app with uvicorn on DTI_HOST:DTI_PORT")
    serve.add_argument(
        "--workers",
        type=int,
        help="worker processes (default DTI_WORKERS, else: cores in production, 1 in development)",
    )
    remind = sub.add_parser(
        "remind",
        help="make today's reminders, escalations and the week's digest; send the e-mail outbox",
    )
    remind.add_argument("--now", help="as if it were this moment (ISO 8601; for tests, catch-up)")
    worker = sub.add_parser("worker", help="run background jobs and periodic tasks (PostgreSQL)")
    worker.add_argument("--drain", action="store_true", help="stop once the queue is empty")
    sub.add_parser(
        "audit-verify", help="check the audit chain, its seals and anchors (exit 1 if broken)"
    )
    rekey = sub.add_parser(
        "audit-rekey",
        help="seal the audit chain under DTI_AUDIT_KEY (events from before sealing; a key change)",
    )
    rekey.add_argument(
        "--old-key-file",
        type=Path,
        help="when changing the key: a file holding the previous key (or DTI_AUDIT_OLD_KEY)",
    )
    backup = sub.add_parser(
        "backup", help="back up the database and the evidence files (the app may keep running)"
    )
    backup.add_argument(
        "target",
        type=Path,
        help="a folder of backups (a dated one is made inside it) or a new .tar/.tar.gz file",
    )
    backup.add_argument(
        "--allow-missing",
        action="store_true",
        help="back up even when evidence blobs are missing from storage (listed in the manifest)",
    )
    restore = sub.add_parser(
        "restore", help="replace the database and put back the evidence files (stop the app first)"
    )
    restore.add_argument("source", type=Path, help="a backup folder or archive")
    restore.add_argument(
        "--blobs-only",
        action="store_true",
        help="only put back the evidence files storage lacks; leave the database alone",
    )
    check = sub.add_parser(
        "check", help="find evidence files missing from storage (exit 1) and orphan blobs"
    )
    check.add_argument(
        "--deep", action="store_true", help="also read every blob and check its SHA-256"
    )
    args = parser.parse_args(argv)

    if args.command in ("backup", "restore"):
        from api.ops.backup import BackupError

        try:
            if args.command == "backup":
                return asyncio.run(_backup(args.target, args.allow_missing))
            return asyncio.run(_restore(args.source, args.blobs_only))
        except BackupError as exc:
            print(f"{args.command}: {exc}", file=sys.stderr)
            return 1
    if args.command == "check":
        return asyncio.run(_check(args.deep))

    if args.command == "migrate":
        migrate()
    elif args.command == "seed":
        settings = get_settings()
        if args.demo and settings.env == "production":
            parser.error("demo data is never loaded when DTI_ENV=production")
        asyncio.run(_seed(args.demo or settings.demo))
    elif args.command == "remind":
        asyncio.run(_remind(args.now))
    elif args.command == "worker":
        asyncio.run(_worker(args.drain))
    elif args.command == "audit-verify":
        return asyncio.run(_audit_verify())
    elif args.command == "audit-rekey":
        return asyncio.run(_audit_rekey(_old_audit_key(args.old_key_file)))
    elif args.command == "openapi":
        args.output.write_text(openapi_yaml(), encoding="utf-8")
        print(f"wrote {args.output}")
    elif args.command == "serve":
        import uvicorn

        settings = get_settings()
        workers = serve_workers(args.workers, settings.workers, settings.env)
        if workers < 1:
            parser.error("--workers must be at least 1")
        options: dict[str, Any] = {
            "app": "api.main:create_app",
            "factory": True,
            "host": settings.host,
            "port": settings.port,
            # X-Forwarded-For is believed from DTI_TRUSTED_PROXIES only (api.core.addresses).
            "proxy_headers": bool(settings.trusted_proxy_networks),
            "forwarded_allow_ips": uvicorn_trusted_proxies(settings),
            "log_level": settings.log_level.lower(),
        }
        if workers > 1 and serving.SUPPORTED:
            # A socket per worker, spread by the kernel (api/ops/serving.py says why).
            return serving.run(workers, options)
        uvicorn.run(**options, workers=workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
