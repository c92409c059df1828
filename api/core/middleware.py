"""ASGI middleware: request ids, security headers, Prometheus metrics, the last-resort 500, and
request body limits.

It is pure ASGI (no BaseHTTPMiddleware) so it adds nothing per request but a few dict operations,
and it catches what escapes every handler, so even an unexpected 500 is problem+json with an
``X-Request-ID`` and no stack trace.
"""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from prometheus_client import Counter, Histogram
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.core.errors import PROBLEM_JSON, BodyTooLarge, body_too_large
from api.core.i18n import negotiate_language, title, translate
from api.core.request_context import reset_request_id, set_request_id
from api.core.settings import Settings

logger = logging.getLogger("api.requests")

REQUESTS = Counter("dti_http_requests_total", "HTTP requests served", ["method", "route", "status"])
LATENCY = Histogram(
    "dti_http_request_duration_seconds", "HTTP request latency", ["method", "route"]
)

_VALID_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
# The SPA loads only its own files.
# blob: lets a reviewer preview an evidence file (PDF in a frame, image) fetched with their token;
# objects and plugins stay off.
SPA_CSP = (
    b"default-src 'self'; img-src 'self' data: blob:; frame-src blob:; object-src 'none'; "
    b"style-src 'self' 'unsafe-inline'; font-src 'self' data:; connect-src 'self'; "
    b"frame-ancestors 'none'; base-uri 'self'"
)

# Swagger UI (/docs) loads its script, styles and start-up script from this server too (no CDN, no
# inline script); its styles and the schema's example images need inline styles and data: URLs.
DOCS_CSP = (
    b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    b"script-src 'self'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; "
    b"base-uri 'self'"
)
# Answers under these paths carry tokens: never cached, even for a caller not signed in yet.
NO_STORE_PATHS = ("/api/v1/auth/",)


PUBLIC_EXPOSED = b"ETag, Content-Disposition, X-Content-Hash, X-Publication-Version, X-Request-ID"


class PublicCORS:
    """CORS for the public read API only: any origin may GET it (dashboards on other sites); the
    signed-in API stays same-origin.

    Every public response says ``Access-Control-Allow-Origin: *`` whether or not the request named
    an origin: the answer is the same for all, so a CDN may cache one copy for every site.
    Preflight requests are answered by Starlette's ``CORSMiddleware``.
    """

    def __init__(self, app: ASGIApp, prefix: str) -> None:
        self.app = app
        self.prefix = prefix
        self.preflight = CORSMiddleware(
            app,
            allow_origins=["*"],
            allow_methods=["GET", "HEAD"],
            allow_headers=["If-None-Match", "Accept-Language"],
            max_age=86400,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            await self.preflight(scope, receive, send)
            return

        async def send_open(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    (b"access-control-allow-origin", b"*"),
                    (b"access-control-expose-headers", PUBLIC_EXPOSED),
                ]
            await send(message)

        await self.app(scope, receive, send_open)


KB = 1024
MB = 1024 * KB
INGEST_MAX_BYTES = 64 * MB
# What multipart framing adds around an evidence file, at most, in an accepted request.
MULTIPART_FRAMING = 64 * KB
# A framework workbook uploaded for import (api/frameworks/sheets.py reads at most this much).
FRAMEWORK_XLSX_MAX_BYTES = 8 * MB
_EVIDENCE_UPLOAD = re.compile(
    r"^(?:/rounds/[^/]+/units/[^/]+/(?:feedback/[^/]+/)?evidence|/proposals/[^/]+/attachment)$"
)


@dataclass(frozen=True)
class BodyLimit:
    """The largest body a route accepts, and the message code (with its params) of its 413."""

    max_bytes: int
    code: str
    params: dict[str, object] = field(default_factory=dict)


def body_limit(path: str, settings: Settings) -> BodyLimit:
    """The body limit of a request to ``path`` (below the API prefix): the one place that knows
    which routes accept more than ``DTI_MAX_BODY_KB``. Evidence uploads take the largest file
    allowed plus the multipart framing (the store enforces the file's own size); ingest pushes
    take 64 MB of CSV, XLSX or JSON; everything else, JSON, the global limit."""
    if path == "/ingest/values":
        return BodyLimit(INGEST_MAX_BYTES, "ingest.too_large", {"max_mb": INGEST_MAX_BYTES // MB})
    if path == "/frameworks/import.xlsx":
        return BodyLimit(
            FRAMEWORK_XLSX_MAX_BYTES + MULTIPART_FRAMING,
            "framework_excel.too_large",
            {"max_mb": FRAMEWORK_XLSX_MAX_BYTES // MB},
        )
    if _EVIDENCE_UPLOAD.match(path):
        max_mb = settings.evidence_max_mb
        return BodyLimit(max_mb * MB + MULTIPART_FRAMING, "evidence.too_large", {"max_mb": max_mb})
    return BodyLimit(settings.max_body_kb * KB, "http.too_large", {"max_kb": settings.max_body_kb})


class RequestBodyLimit:
    """Refuse a request body past its route's limit (``body_limit``) with a 413 problem: at once
    when ``Content-Length`` announces it, otherwise as soon as the bytes received pass it, so a
    chunked body is never read, spooled or parsed beyond the limit.

    The count happens in ``receive``: past the limit it raises ``BodyTooLarge``, which the
    handlers render whoever was reading (JSON parsing, a multipart form, a stream).
    """

    def __init__(self, app: ASGIApp, prefix: str) -> None:
        self.app = app
        self.prefix = prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        settings: Settings = scope["app"].state.settings
        inner = path[len(self.prefix) :] if path.startswith(self.prefix) else path
        limit = body_limit(inner, settings)
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > limit.max_bytes:
            error = BodyTooLarge(limit.code, **limit.params)
            language = negotiate_language(_header(scope, b"accept-language") or None)
            await body_too_large(error, language)(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit.max_bytes:
                    raise BodyTooLarge(limit.code, **limit.params)
            return message

        await self.app(scope, counted, send)


def _header(scope: Scope, name: bytes) -> str:
    for key, value in scope.get("headers") or []:
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return ""


class RequestContextMiddleware:
    """Give every request an id (kept from the client when sane), measure it, guard it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        incoming = headers.get(b"x-request-id", b"").decode("latin-1")
        request_id = incoming if _VALID_ID.match(incoming) else uuid.uuid4().hex
        token = set_request_id(request_id)
        started = time.perf_counter()
        status_holder = {"status": 500, "started": False}
        path: str = scope.get("path", "")

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
                status_holder["started"] = True
                extra = [(b"x-request-id", request_id.encode())]
                existing = {k.lower() for k, _ in message.get("headers", [])}
                extra += [(k, v) for k, v in SECURITY_HEADERS if k not in existing]
                if path.startswith("/docs"):
                    extra.append((b"content-security-policy", DOCS_CSP))
                elif not path.startswith("/api"):
                    extra.append((b"content-security-policy", SPA_CSP))
                if (
                    path.startswith("/api/")
                    and (b"authorization" in headers or path.startswith(NO_STORE_PATHS))
                    and b"cache-control" not in existing
                ):
                    # Signed-in answers (and the token answers) are the caller's alone: no
                    # browser or proxy cache keeps them. Public results set their own.
                    extra.append((b"cache-control", b"no-store"))
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:
            logger.exception("unhandled error on %s %s", scope.get("method"), path)
            if not status_holder["started"]:
                await _send_internal_error(headers, request_id, send_wrapper)
        finally:
            route = scope.get("route")
            route_path = getattr(route, "path", None) or "unmatched"
            method = scope.get("method", "")
            REQUESTS.labels(method, route_path, str(status_holder["status"])).inc()
            LATENCY.labels(method, route_path).observe(time.perf_counter() - started)
            reset_request_id(token)


async def _send_internal_error(headers: dict[bytes, bytes], request_id: str, send: Send) -> None:
    language = negotiate_language(headers.get(b"accept-language", b"").decode("latin-1") or None)
    body: dict[str, Any] = {
        "type": "https://dti-hub.local/problems/internal",
        "title": title(500, language),
        "status": 500,
        "detail": translate("http.internal", language, {"request_id": request_id}),
        "code": "http.internal",
        "request_id": request_id,
    }
    payload = json.dumps(body, ensure_ascii=False).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 500,
            "headers": [
                (b"content-type", PROBLEM_JSON.encode()),
                (b"content-length", str(len(payload)).encode()),
                (b"content-language", language.encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
