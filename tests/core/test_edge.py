"""The HTTP edge: request body limits enforced while the body streams in, capped lists and
validation errors, tokens that must expire, /metrics and /docs closed to the public, and
``Cache-Control: no-store`` on signed-in answers."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
import socket
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
import uvicorn
from httpx import AsyncClient
from jose import jwt

from api.core.middleware import (
    FRAMEWORK_XLSX_MAX_BYTES,
    INGEST_MAX_BYTES,
    MULTIPART_FRAMING,
    body_limit,
)
from api.core.settings import Settings
from api.main import API_PREFIX, create_app
from tests.support.auth import DEMO_PASSWORD, Tokens, bearer
from tests.support.files import pdf_bytes
from tests.support.http import (
    AppFactory,
    app_of,
    assessment_url,
    get_assessment,
    http_client,
)
from tests.support.problems import assert_problem

MB = 1024 * 1024
REFRESH = "/api/v1/auth/refresh"
ME = "/api/v1/auth/me"


class Feed:
    """A request body handed over chunk by chunk, counting the chunks the server pulled."""

    def __init__(self, chunk: bytes, count: int, head: bytes = b"") -> None:
        self.chunk, self.count, self.head = chunk, count, head
        self.pulled = 0

    async def __aiter__(self) -> AsyncIterator[bytes]:
        if self.head:
            yield self.head
        for _ in range(self.count):
            self.pulled += 1
            yield self.chunk


# --- body limits --------------------------------------------------------------------------------


async def test_a_huge_chunked_json_is_refused_while_it_streams(client: AsyncClient) -> None:
    # 300 MB of JSON, without Content-Length, to a route anyone may call.
    feed = Feed(b" " * MB, count=300, head=b'{"refresh_token": ')
    response = await client.post(
        REFRESH, content=feed, headers={"Content-Type": "application/json"}
    )
    body = assert_problem(response, 413, "http.too_large")
    assert "2048 KB" in body["detail"]
    assert response.headers["connection"] == "close"
    # Refused as soon as the default limit (2 MB) was passed: by the second chunk of 300.
    assert feed.pulled == 2


async def test_over_real_http_the_server_stops_reading_and_closes(client: AsyncClient) -> None:
    """Through uvicorn: a chunked 300 MB body gets its 413 and a closed connection after a few
    megabytes, instead of the server reading all of it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    config = uvicorn.Config(
        app_of(client), host="127.0.0.1", port=port, lifespan="off", log_level="warning"
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    loop = asyncio.get_running_loop()
    try:
        while not server.started:  # noqa: ASYNC110 (uvicorn offers no event to wait on)
            await asyncio.sleep(0.01)
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.setblocking(False)
            await loop.sock_sendall(
                sock,
                b"POST /api/v1/auth/refresh HTTP/1.1\r\nHost: test\r\n"
                b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                b"Connection: close\r\n\r\n",
            )

            async def answer() -> bytes:
                # Up to the close; the kernel hands over what arrived before a reset.
                received = b""
                with contextlib.suppress(ConnectionError):
                    while data := await loop.sock_recv(sock, 65536):
                        received += data
                return received

            reading = asyncio.create_task(answer())
            chunk = b"%x\r\n" % MB + b" " * MB + b"\r\n"
            sent = 0
            with contextlib.suppress(ConnectionError):
                while not reading.done() and sent < 300 * MB:
                    await loop.sock_sendall(sock, chunk)
                    sent += MB
                if not reading.done():  # read to the end: whatever it answers, it then closes
                    await loop.sock_sendall(sock, b"0\r\n\r\n")
            response = await reading
        assert response.startswith(b"HTTP/1.1 413"), response[:200]
        assert b"http.too_large" in response
        # What the socket buffers took beside the 2 MB read; far from the 300 MB offered.
        assert sent < 64 * MB
    finally:
        server.should_exit = True
        await serving


async def test_an_announced_oversize_body_is_refused_before_it_is_read(
    client: AsyncClient,
) -> None:
    feed = Feed(b"x" * MB, count=300)
    response = await client.post(
        REFRESH,
        content=feed,
        headers={"Content-Type": "application/json", "Content-Length": str(300 * MB)},
    )
    assert_problem(response, 413, "http.too_large")
    assert feed.pulled == 0


async def test_a_chunked_evidence_upload_over_the_limit_is_refused_while_it_streams(
    make_client: AppFactory, tokens: Tokens
) -> None:
    client = await make_client(evidence_max_mb=1)
    headers = await tokens.user("q1.editor")
    boundary = uuid.uuid4().hex
    head = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="indicator_code"\r\n\r\n1.1\r\n'
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode() + pdf_bytes()
    feed = Feed(b"0" * (256 * 1024), count=4 * 300, head=head)  # 300 MB, no Content-Length
    response = await client.post(
        f"{assessment_url()}/evidence",
        content=feed,
        headers={**headers, "Content-Type": f"multipart/form-data; boundary={boundary}"},
    )
    assert_problem(response, 413, "evidence.too_large")
    # The limit is the file's 1 MB plus the multipart framing: five chunks of 256 KB pass it.
    assert feed.pulled * 256 * 1024 <= 1 * MB + MULTIPART_FRAMING + 256 * 1024
    answers = (await get_assessment(client, headers)).json()["answers"]
    assert all(a["evidence"] == [] for a in answers if a["indicator_code"] == "1.1")


async def test_an_evidence_file_within_the_limit_passes_the_body_limit(
    make_client: AppFactory, tokens: Tokens
) -> None:
    # Larger than DTI_MAX_BODY_KB, within DTI_EVIDENCE_MAX_MB: the upload route has its own.
    client = await make_client(evidence_max_mb=1, max_body_kb=64)
    headers = await tokens.user("q1.editor")
    content = pdf_bytes() + b"0" * (512 * 1024)
    response = await client.post(
        f"{assessment_url()}/evidence",
        data={"indicator_code": "1.1"},
        files={"file": ("bien-ban.pdf", content, "application/pdf")},
        headers=headers,
    )
    assert response.status_code == 201, response.text


async def test_each_route_with_a_body_has_the_limit_made_for_it(client: AsyncClient) -> None:
    """The one table of limits (``body_limit``) matches what the routes read: every multipart
    upload is an evidence upload (but a framework workbook, 8 MB), the ingest push takes 64 MB,
    every other body the default."""
    settings = Settings(max_body_kb=100, evidence_max_mb=3)
    paths = app_of(client).openapi()["paths"]
    seen: set[str] = set()
    for path, operations in paths.items():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {})
            if not content:
                continue
            concrete = re.sub(r"\{[^}]+\}", "7", path).removeprefix(API_PREFIX)
            limit = body_limit(concrete, settings)
            if path == f"{API_PREFIX}/frameworks/import.xlsx":  # a whole index, not one file
                assert limit.code == "framework_excel.too_large"
                assert limit.max_bytes == FRAMEWORK_XLSX_MAX_BYTES + MULTIPART_FRAMING
            elif "multipart/form-data" in content:
                assert limit.code == "evidence.too_large", path
                assert limit.max_bytes == 3 * MB + MULTIPART_FRAMING
            elif path == f"{API_PREFIX}/ingest/values":
                assert limit.max_bytes == INGEST_MAX_BYTES
            else:
                assert limit.code == "http.too_large", path
                assert limit.max_bytes == 100 * 1024
            seen.add(limit.code)
    assert seen == {
        "evidence.too_large",
        "ingest.too_large",
        "http.too_large",
        "framework_excel.too_large",
    }


# --- capped lists and validation errors -------------------------------------------------------


def _object(count: int, prefix: bytes = b"") -> bytes:
    """``{"k0": 1, "k1": 1, …}`` with ``count`` keys, made without building a dict."""
    return b"{" + prefix + b",".join(b'"k%d":1' % i for i in range(count)) + b"}"


async def test_an_answer_with_a_million_unknown_inputs_gets_a_small_422(
    make_client: AppFactory, tokens: Tokens
) -> None:
    client = await make_client(max_body_kb=32 * 1024)  # past the default: reach the validation
    headers = await tokens.user("q1.editor")
    etag = (await get_assessment(client, headers)).headers["etag"]
    body = b'{"inputs": ' + _object(1_000_000) + b"}"
    response = await client.put(
        f"{assessment_url()}/answers/1.1",
        content=body,
        headers={**headers, "If-Match": etag, "Content-Type": "application/json"},
    )
    problem = assert_problem(response, 422, "http.validation")
    assert len(response.content) < 2000
    assert problem["errors"][0]["field"] == "inputs"
    assert problem["error_count"] == 1


async def test_a_422_lists_the_first_errors_and_counts_them_all(
    make_client: AppFactory, tokens: Tokens
) -> None:
    client = await make_client(max_body_kb=8 * 1024)
    headers = await tokens.user("q1.editor")
    etag = (await get_assessment(client, headers)).headers["etag"]
    # 60,000 fields the answer does not have, each one an error.
    body = _object(60_000, prefix=b'"inputs": {},')
    response = await client.put(
        f"{assessment_url()}/answers/1.1",
        content=body,
        headers={**headers, "If-Match": etag, "Content-Type": "application/json"},
    )
    problem = assert_problem(response, 422, "http.validation")
    assert len(problem["errors"]) == 50
    assert problem["error_count"] == 60_000
    assert "60000" in problem["detail"]
    assert len(response.content) < 10_000


async def test_domain_validation_errors_are_capped_too(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    etag = (await get_assessment(client, q1_editor)).headers["etag"]
    inputs = {f"nope{i}": 1 for i in range(80)}
    response = await client.put(
        f"{assessment_url()}/answers/1.1",
        json={"inputs": inputs},
        headers={**q1_editor, "If-Match": etag},
    )
    problem = assert_problem(response, 422)
    assert len(problem["errors"]) == 50
    assert problem["error_count"] == 80


async def test_lists_in_request_bodies_are_capped(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.post(
        "/api/v1/rounds",
        json={
            "year": 2030,
            "title_vi": "x",
            "title_en": "x",
            "framework_id": 1,
            "unit_codes": ["Q1"] * 20_001,
        },
        headers=admin,
    )
    problem = assert_problem(response, 422, "http.validation")
    assert [e["field"] for e in problem["errors"]] == ["unit_codes"]


def test_every_list_and_map_of_a_request_body_is_capped(app: Any) -> None:
    """No request schema takes an unbounded array or map (``maxItems`` / ``maxProperties``)."""
    schema = app.openapi()
    components = schema["components"]["schemas"]
    unbounded: set[str] = set()

    def walk(node: Any, where: str, seen: set[str]) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, where, seen)
            return
        if not isinstance(node, dict):
            return
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                walk(components[name], name, seen)
            return
        if node.get("type") == "array" and "maxItems" not in node:
            unbounded.add(where)
        extra = node.get("additionalProperties")
        capped = "maxProperties" in node
        if node.get("type") == "object" and extra not in (None, False) and not capped:
            unbounded.add(where)
        for key, value in node.items():
            if key == "properties":
                for name, field in value.items():
                    walk(field, f"{where}.{name}", seen)
            else:
                walk(value, where, seen)

    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if "requestBody" in operation:
                walk(operation["requestBody"], f"{method} {path}", set())
    assert not unbounded


# --- tokens -----------------------------------------------------------------------------------


async def test_a_token_without_exp_is_refused(client: AsyncClient, settings: Settings) -> None:
    claims = {"sub": "1", "typ": "access", "knd": "user", "iat": 1, "jti": uuid.uuid4().hex}
    forever = jwt.encode(claims, settings.secret_key, algorithm=settings.jwt_algorithm)
    response = await client.get(ME, headers=bearer(forever))
    assert_problem(response, 401, "auth.invalid_token")
    expiring = {
        **claims,
        "exp": int((dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)).timestamp()),
    }
    good = jwt.encode(expiring, settings.secret_key, algorithm=settings.jwt_algorithm)
    assert (await client.get(ME, headers=bearer(good))).status_code == 200


# --- /metrics and /docs -----------------------------------------------------------------------


async def test_metrics_only_for_loopback_or_the_token(make_client: AppFactory) -> None:
    token = "m" * 32
    client = await make_client(metrics_token=token)
    app = app_of(client)
    assert (await client.get("/metrics")).status_code == 200  # the test client is 127.0.0.1
    async with http_client(app, client=("203.0.113.7", 40000)) as outsider:
        assert_problem(await outsider.get("/metrics"), 403, "ops.metrics_forbidden")
        wrong = await outsider.get("/metrics", headers=bearer("x" * 32))
        assert_problem(wrong, 403, "ops.metrics_forbidden")
        scraped = await outsider.get("/metrics", headers=bearer(token))
        assert scraped.status_code == 200
        assert "dti_http_requests_total" in scraped.text


async def test_metrics_loopback_can_be_switched_off(make_client: AppFactory) -> None:
    client = await make_client(metrics_loopback=False)
    assert_problem(await client.get("/metrics"), 403, "ops.metrics_forbidden")


async def test_docs_are_served_from_here_under_a_csp(client: AsyncClient) -> None:
    page = await client.get("/docs")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1]
    assert "https://" not in page.text
    assert "<script>" not in page.text
    for src in re.findall(r'(?:src|href)="([^"]+)"', page.text):
        asset = await client.get(src)
        assert asset.status_code == 200, src
        assert asset.content
    assert (await client.get("/openapi.json")).json()["info"]["title"] == "DTI Hub API"


@pytest.mark.parametrize("enabled", [None, True])
async def test_docs_are_off_in_production_unless_asked_for(
    settings: Settings, enabled: bool | None
) -> None:
    production = settings.model_copy(
        update={"env": "production", "secret_key": "s" * 40, "docs_enabled": enabled}
    )
    app = create_app(production)
    await app.state.engine.dispose()
    async with http_client(app) as client:
        for path in ("/docs", "/openapi.json", "/docs/assets/swagger-ui-bundle.js"):
            status = (await client.get(path)).status_code
            assert status == (200 if enabled else 404), path


# --- caching ----------------------------------------------------------------------------------


async def test_signed_in_answers_and_tokens_are_not_stored(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    assert (await client.get(ME, headers=q1_editor)).headers["cache-control"] == "no-store"
    failed = await client.get(assessment_url("Q99") + "/assessment", headers=q1_editor)
    assert failed.headers["cache-control"] == "no-store"
    for password in (DEMO_PASSWORD, "wrong-password"):
        answer = await client.post(
            "/api/v1/auth/token", data={"username": "q1.editor", "password": password}
        )
        assert answer.headers["cache-control"] == "no-store", answer.text
    refreshed = await client.post(REFRESH, json={"refresh_token": "not-one"})
    assert refreshed.headers["cache-control"] == "no-store"
    assert "cache-control" not in (await client.get("/healthz")).headers


async def test_public_answers_keep_their_own_caching(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    # Even when the caller sends a token along: the answer is the same for everyone.
    response = await client.get("/api/v1/public/rounds", headers=viewer)
    assert response.status_code == 200
    assert response.headers["cache-control"] == "public, max-age=60"
