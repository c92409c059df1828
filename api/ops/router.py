"""``/healthz``, ``/readyz`` and ``/metrics``."""

from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from api.core.database import READ_ONLY
from api.core.i18n import negotiate_language, title

router = APIRouter(tags=["operations"])

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def head_revisions() -> set[str]:
    """The head revision(s) of the migration scripts shipped with the code."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return set(ScriptDirectory.from_config(config).get_heads())


@router.get("/healthz", summary="The process is up")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="The database is reachable and migrated to head")
async def readyz(request: Request) -> JSONResponse:
    checks: dict[str, str] = {}
    try:
        async with request.app.state.engine.connect() as connection:
            connection = await connection.execution_options(**{READ_ONLY: True})
            await connection.execute(text("SELECT 1"))
            checks["database"] = "ok"
            rows = await connection.execute(text("SELECT version_num FROM alembic_version"))
            current = {row[0] for row in rows}
        checks["migrations"] = "ok" if current == head_revisions() else "pending"
    except Exception as exc:  # any failure means "not ready", reported, never raised
        checks.setdefault("database", "unreachable")
        checks.setdefault("migrations", "unknown")
        checks["error"] = type(exc).__name__
    ready = checks["database"] == "ok" and checks["migrations"] == "ok"
    language = negotiate_language(request.headers.get("accept-language"))
    body = {"status": "ready" if ready else "not_ready", "checks": checks}
    if not ready:
        body["title"] = title(503, language)
    return JSONResponse(body, status_code=200 if ready else 503)


@router.get("/metrics", summary="Prometheus metrics", include_in_schema=False)
async def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
