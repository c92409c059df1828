"""Assertions on RFC 9457 problem documents, shared by the API tests."""

from __future__ import annotations

from typing import Any

from httpx import Response

PROBLEM_JSON = "application/problem+json"


def assert_problem(response: Response, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is an RFC 9457 problem of ``status`` (and message ``code``); its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["type"].startswith("https://")
    assert body["title"]
    assert body["detail"]
    if code is not None:
        assert body["code"] == code, body
    return body


def fields(body: dict[str, Any]) -> list[str]:
    """The fields a problem names, in order."""
    return [e["field"] for e in body.get("errors", [])]
