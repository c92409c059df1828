"""Command line: ``python -m api {migrate,seed,openapi,serve,remind,worker}``."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import yaml

import api.models  # noqa: F401  (every table in the metadata: foreign keys cross domains)
from api.core.settings import PROJECT_DIR, get_settings


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

    settings = get_settings()
    engine = make_engine(settings.database_url)
    try:
        moment = dt.datetime.fromisoformat(now) if now else None
        if moment is not None and moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)
        report = await run_once(make_session_factory(engine), settings=settings, now=moment)
        print(
            f"remind: {report.notifications} notifications, {report.emails_queued} e-mails "
            f"queued, {report.emails_sent} sent, {report.emails_failed} failed attempts"
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


def openapi_yaml() -> str:
    """The app's OpenAPI schema as YAML (what ``openapi.yaml`` must equal)."""
    from api.main import create_app

    schema = create_app().openapi()
    return yaml.safe_dump(schema, sort_keys=False, allow_unicode=True, width=100)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m api", description="DTI Hub commands")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="upgrade the database to head")
    seed = sub.add_parser("seed", help="load units, groups and frameworks (idempotent)")
    seed.add_argument("--demo", action="store_true", help="also demo accounts and rounds")
    out = sub.add_parser("openapi", help="write the OpenAPI schema as YAML")
    out.add_argument("--output", type=Path, default=PROJECT_DIR / "openapi.yaml")
    sub.add_parser("serve", help="serve the app with uvicorn on DTI_HOST:DTI_PORT")
    remind = sub.add_parser("remind", help="make today's reminders and send the e-mail outbox")
    remind.add_argument("--now", help="as if it were this moment (ISO 8601; for tests, catch-up)")
    worker = sub.add_parser("worker", help="run background jobs and periodic tasks (PostgreSQL)")
    worker.add_argument("--drain", action="store_true", help="stop once the queue is empty")
    args = parser.parse_args(argv)

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
    elif args.command == "openapi":
        args.output.write_text(openapi_yaml(), encoding="utf-8")
        print(f"wrote {args.output}")
    elif args.command == "serve":
        import uvicorn

        settings = get_settings()
        uvicorn.run(
            "api.main:create_app",
            factory=True,
            host=settings.host,
            port=settings.port,
            proxy_headers=True,
            log_level=settings.log_level.lower(),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
