"""The application factory: settings, database, routers, error handlers, middleware and the SPA."""

from __future__ import annotations

import asyncio
import contextlib
import fcntl
import hashlib
import logging
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import IO

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.staticfiles import StaticFiles

from api.audit.router import router as audit_router
from api.auth.router import admin_router as users_router
from api.auth.router import router as auth_router
from api.auth.service import principal_from_token
from api.core.database import make_engine, make_session_factory
from api.core.errors import install_error_handlers, problem_responses
from api.core.middleware import PublicCORS, RequestBodyLimit, RequestContextMiddleware
from api.core.principal import Authenticator
from api.core.settings import Settings, get_settings
from api.core.storage import make_storage
from api.evidence.router import router as evidence_router
from api.feedback.router import router as feedback_router
from api.frameworks.router import router as frameworks_router
from api.ingest.router import router as ingest_router
from api.notifications.router import router as notifications_router
from api.ops.router import DOCS_ASSETS, SWAGGER_DIST, docs_router
from api.ops.router import router as ops_router
from api.progress import jobs
from api.progress.router import router as progress_router
from api.publications.fastpath import PublicResultsFastPath
from api.publications.public import PublicCache
from api.publications.public_router import router as public_router
from api.publications.router import router as publications_router
from api.results.router import router as results_router
from api.reviews.router import router as reviews_router
from api.rounds.router import router as rounds_router
from api.units.router import router as units_router
from api.views.router import queue_router as review_queue_router
from api.views.router import router as assessment_router

API_PREFIX = "/api/v1"

DESCRIPTION = """
**DTI Hub** — Hệ thống quản lý, đánh giá Bộ chỉ số chuyển đổi số (DTI) của Thành phố Hồ Chí Minh.

Errors are RFC 9457 `application/problem+json`, in Vietnamese by default and in English with
`Accept-Language: en`. Decimals that must stay exact (points, values) are strings.
"""


def _one_worker_lock(settings: Settings) -> IO[bytes] | None:
    """An exclusive lock on a file named after the database, held while the process lives: of the
    workers of ``python -m api serve --workers N`` only the one that gets it runs the in-process
    reminders (None for the others), so they are not made N times. One machine only: several
    machines run ``python -m api remind`` from one cron instead."""
    digest = hashlib.sha256(settings.database_url.encode()).hexdigest()[:16]
    handle = (Path(tempfile.gettempdir()) / f"dti-hub-reminders-{digest}.lock").open("ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def create_app(settings: Settings | None = None) -> FastAPI:
    """A configured DTI Hub application."""
    settings = settings or get_settings()
    logging.basicConfig(level=settings.log_level)
    engine = make_engine(
        settings.database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_max_overflow,
        pool_timeout=settings.db_pool_timeout,
        busy_timeout=settings.db_busy_timeout_seconds,
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        job = None
        lock = _one_worker_lock(settings) if settings.reminders_enabled else None
        if lock is not None:
            job = asyncio.create_task(
                jobs.daily(app.state.session_factory, settings=settings), name="reminders"
            )
        yield
        if job is not None:
            job.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await job
        if lock is not None:
            lock.close()
        await engine.dispose()

    app = FastAPI(
        title="DTI Hub API",
        version="1.0.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        # /docs is ours (Swagger UI without a CDN, under a CSP); /openapi.json is off in production
        # unless DTI_DOCS_ENABLED (the frontend's client is built from openapi.yaml in the repo).
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json" if settings.serve_docs else None,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.storage = make_storage(settings)
    authenticate: Authenticator = principal_from_token
    app.state.authenticate = authenticate
    app.state.public_cache = PublicCache()

    api = APIRouter(prefix=API_PREFIX, responses=problem_responses(401, 403, 404, 409, 422))
    for router in (
        auth_router,
        users_router,
        units_router,
        frameworks_router,
        rounds_router,
        assessment_router,
        evidence_router,
        audit_router,
        ingest_router,
        reviews_router,
        review_queue_router,
        feedback_router,
        progress_router,
        notifications_router,
        results_router,
        publications_router,
    ):
        api.include_router(router)
    # The public read API comes first: it takes the most traffic, and routes are matched in order.
    app.include_router(public_router, prefix=API_PREFIX, responses=problem_responses(404, 422))
    app.include_router(api)
    app.include_router(ops_router)
    if settings.serve_docs:
        app.include_router(docs_router)
        app.mount(DOCS_ASSETS, StaticFiles(directory=str(SWAGGER_DIST)), name="docs-assets")
    install_error_handlers(app)
    app.add_middleware(PublicResultsFastPath, prefix=API_PREFIX)
    app.add_middleware(PublicCORS, prefix=f"{API_PREFIX}/public/")
    app.add_middleware(RequestBodyLimit, prefix=API_PREFIX)
    app.add_middleware(RequestContextMiddleware)
    _mount_spa(app, settings.spa_dir)
    return app


def _mount_spa(app: FastAPI, spa_dir: Path) -> None:
    """Serve the built SPA at ``/`` with history fallback: unknown non-API paths get index.html."""
    index = spa_dir / "index.html"
    if not index.is_file():
        return
    assets = spa_dir / "assets"
    if assets.is_dir():
        app.mount("/assets", StaticFiles(directory=assets), name="assets")
    root = spa_dir.resolve()

    @app.api_route("/{path:path}", methods=["GET", "HEAD"], include_in_schema=False)
    async def spa(path: str) -> FileResponse:
        if path.startswith(("api/", "docs", "openapi.json")) or path in ("api",):
            raise StarletteHTTPException(status_code=404)
        candidate = (root / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            return FileResponse(candidate)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
