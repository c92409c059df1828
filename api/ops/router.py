"""``/healthz``, ``/readyz``, ``/metrics`` (for Prometheus, not for everyone) and the API
documentation page ``/docs`` (Swagger UI served from this server, when the docs are on)."""

from __future__ import annotations

import hmac
import ipaddress
from importlib.resources import files
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory
from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from api.core.database import READ_ONLY
from api.core.errors import Forbidden
from api.core.i18n import negotiate_language, title
from api.core.settings import Settings

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
async def metrics(request: Request) -> Response:
    if not metrics_allowed(request, request.app.state.settings):
        raise Forbidden("ops.metrics_forbidden")
    return Response(
        generate_latest(),
        media_type=CONTENT_TYPE_LATEST,
        headers={"Cache-Control": "no-store"},
    )


def metrics_allowed(request: Request, settings: Settings) -> bool:
    """``DTI_METRICS_TOKEN`` as a bearer token, from anywhere; or, while ``DTI_METRICS_LOOPBACK``
    is on, no token from a loopback address (the client address uvicorn settled on, after the
    ``X-Forwarded-For`` of a proxy it trusts)."""
    scheme, _, presented = request.headers.get("authorization", "").partition(" ")
    if settings.metrics_token and scheme.lower() == "bearer":
        return hmac.compare_digest(presented.strip().encode(), settings.metrics_token.encode())
    if not settings.metrics_loopback or request.client is None:
        return False
    try:
        return ipaddress.ip_address(request.client.host).is_loopback
    except ValueError:
        return False


# --- /docs ------------------------------------------------------------------------------------

# Swagger UI's files, as the fastapi-offline package ships them (kept current with Swagger UI 5).
SWAGGER_DIST = files("fastapi_offline") / "static"
DOCS_ASSETS = "/docs/assets"

_DOCS_PAGE = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>DTI Hub API</title>
<link rel="stylesheet" href="{DOCS_ASSETS}/swagger-ui.css">
<link rel="icon" href="{DOCS_ASSETS}/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{DOCS_ASSETS}/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body>
</html>
"""

# Started from a file rather than an inline script, so the page's CSP needs no 'unsafe-inline'.
_DOCS_INIT = """window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger-ui",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
  layout: "BaseLayout",
  validatorUrl: null, // no badge fetched from validator.swagger.io
});
"""

docs_router = APIRouter(include_in_schema=False)


@docs_router.get("/docs")
async def docs() -> HTMLResponse:
    return HTMLResponse(_DOCS_PAGE)


@docs_router.get("/docs/init.js")
async def docs_init() -> Response:
    return Response(_DOCS_INIT, media_type="text/javascript")
