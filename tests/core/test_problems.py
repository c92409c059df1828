"""Every error is RFC 9457 problem+json, translated, with a request id and no stack trace."""

from __future__ import annotations

import pytest
from fastapi import APIRouter
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.errors import field_path
from api.core.i18n import negotiate_language
from tests.support.http import app_of

PROBLEM = "application/problem+json"


async def test_unknown_path_is_404_problem(client: AsyncClient) -> None:
    response = await client.get("/api/v1/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == 404
    assert body["title"] == "Không tìm thấy"
    assert body["detail"] == "Không tìm thấy địa chỉ yêu cầu."
    assert body["request_id"] == response.headers["x-request-id"]
    english = await client.get("/api/v1/nothing-here", headers={"Accept-Language": "en"})
    assert english.json()["title"] == "Not found"


async def test_wrong_method_is_405_problem(client: AsyncClient) -> None:
    response = await client.delete("/api/v1/auth/me", headers={"Accept-Language": "en"})
    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["detail"] == "Method DELETE is not allowed on this resource."
    assert "allow" in response.headers


async def test_validation_is_422_naming_each_field(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.get("/api/v1/units", params={"limit": 0}, headers=admin)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["errors"] == [{"field": "limit", "message": "Phải lớn hơn hoặc bằng 1."}]
    assert body["detail"] == "Dữ liệu gửi lên không hợp lệ (1 lỗi)."

    bad_body = await client.post(
        "/api/v1/units",
        json={"code": "lower case", "name_vi": "", "kind": "planet"},
        headers={**admin, "Accept-Language": "en"},
    )
    assert bad_body.status_code == 422
    fields = {e["field"] for e in bad_body.json()["errors"]}
    assert fields == {"code", "name_vi", "name_en", "kind"}
    assert all(e["message"] for e in bad_body.json()["errors"])


async def test_malformed_json_is_422(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.post(
        "/api/v1/units",
        content=b"{not json",
        headers={**admin, "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["errors"][0]["message"] == "Nội dung JSON không hợp lệ."


async def test_unexpected_error_is_500_problem_without_a_trace(
    own_app_client: AsyncClient,
) -> None:
    client = own_app_client
    boom = APIRouter()

    @boom.get("/boom")
    async def explode() -> None:
        raise RuntimeError("secret internals: password=hunter2")

    app_of(client).include_router(boom)
    response = await client.get("/boom", headers={"X-Request-ID": "trace-me-123"})
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["x-request-id"] == "trace-me-123"
    body = response.json()
    assert body["status"] == 500
    assert body["request_id"] == "trace-me-123"
    assert "trace-me-123" in body["detail"]
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    english = await client.get("/boom", headers={"Accept-Language": "en"})
    assert english.json()["title"] == "Internal server error"


async def test_request_id_is_kept_when_sane_and_made_otherwise(client: AsyncClient) -> None:
    kept = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert kept.headers["x-request-id"] == "abc-123"
    replaced = await client.get("/healthz", headers={"X-Request-ID": "bad id\nwith newline"})
    assert replaced.headers["x-request-id"] != "bad id\nwith newline"
    assert len(replaced.headers["x-request-id"]) == 32
    fresh = await client.get("/healthz")
    assert len(fresh.headers["x-request-id"]) == 32


async def test_security_headers(client: AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert "referrer-policy" in response.headers


async def test_health_ready_and_metrics(client: AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json() == {"status": "ready", "checks": {"database": "ok", "migrations": "ok"}}
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200
    assert "dti_http_requests_total" in metrics.text


async def test_readyz_reports_an_unreachable_database(own_app_client: AsyncClient) -> None:
    from api.core.database import make_engine

    client = own_app_client
    app = app_of(client)
    # Nothing listens on port 1: the connection is refused at once.
    app.state.engine = make_engine("postgresql+asyncpg://postgres@127.0.0.1:1/nothing")
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unreachable"
    await app.state.engine.dispose()


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "vi"),
        ("", "vi"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("vi-VN,vi;q=0.9,en;q=0.8", "vi"),
        ("fr-FR, en;q=0.5", "en"),
        ("vi;q=0.4, en;q=0.8", "en"),
        ("fr", "vi"),
        ("en;q=0", "vi"),
        ("en;q=abc", "vi"),
    ],
)
def test_language_negotiation(header: str | None, expected: str) -> None:
    assert negotiate_language(header) == expected


def test_field_path_drops_union_tags_and_formats_indexes() -> None:
    body = {"criteria": [{"rule": {"kind": "bands", "bands": [{"threshold": 1}]}}]}
    loc = ("body", "criteria", 0, "rule", "bands", "bands", 0, "points")
    assert field_path(loc, body) == "criteria[0].rule.bands[0].points"
    assert field_path(("query", "limit")) == "limit"
    assert field_path(("body",)) == "body"


async def test_a_failed_commit_is_a_500_not_a_success(
    client: AsyncClient,
    admin: dict[str, str],
    session: AsyncSession,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    async def failing_commit() -> None:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(session, "commit", failing_commit)
    unit = {"code": "P-LOST", "name_vi": "Phường", "name_en": "Ward", "kind": "ward"}
    response = await client.post("/api/v1/units", json=unit, headers=admin)
    assert response.status_code == 500
    assert response.headers["content-type"] == PROBLEM
    monkeypatch.undo()
    assert (await client.get("/api/v1/units/P-LOST", headers=admin)).status_code == 404


async def test_messages_are_translated_and_counted(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    one = await client.get(
        "/api/v1/units", params={"limit": 0}, headers={**admin, "Accept-Language": "en"}
    )
    assert one.json()["detail"] == "The submitted data is invalid (1 error)."
    email = await client.post(
        "/api/v1/users",
        json={
            "username": "x.y",
            "full_name": "X",
            "password": "long-enough-1",
            "roles": ["viewer"],
            "email": "not-an-email",
        },
        headers=admin,
    )
    message = email.json()["errors"][0]["message"]
    assert email.json()["errors"][0]["field"] == "email"
    assert message.startswith("Giá trị không hợp lệ (")
    assert "{" not in message
    phase = await client.post("/api/v1/rounds/1/phase", json={"phase": "done"}, headers=admin)
    assert " hoặc " in phase.json()["errors"][0]["message"]
    assert " or " not in phase.json()["errors"][0]["message"]
    broken = await client.post(
        "/api/v1/units",
        content=b'{"code": "X",',
        headers={**admin, "Content-Type": "application/json"},
    )
    assert broken.json()["errors"][0]["field"] == "body"


async def test_explicit_nulls_and_huge_ids_are_422_not_500(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    for url, body in (
        ("/api/v1/users/viewer", {"full_name": None}),
        ("/api/v1/users/viewer", {"is_active": None}),
        ("/api/v1/units/Q1", {"name_vi": None}),
        ("/api/v1/frameworks/2/criteria/T1", {"rule": None}),
        ("/api/v1/rounds/1", {"title_vi": None}),
    ):
        response = await client.patch(url, json=body, headers=admin)
        assert response.status_code == 422, (url, response.text)
        assert response.json()["errors"][0]["field"] == next(iter(body))
        assert response.json()["errors"][0]["message"] == "Không được để trống (null)."
    for url in (
        "/api/v1/rounds/2147483648",
        "/api/v1/frameworks/99999999999999999999",
        "/api/v1/frameworks/1/diff?base=99999999999",
    ):
        assert (await client.get(url, headers=admin)).status_code == 422, url
