"""Helpers for assessment tests: the demo 2023 round (collecting) and its Q1 assessment."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from httpx import AsyncClient, Response

from tests.conftest import auth_headers

ROUND_2023 = 1  # the demo round of 2023, created first by the seed, in phase collecting


def assessment_url(unit: str = "Q1", round_id: int = ROUND_2023) -> str:
    return f"/api/v1/rounds/{round_id}/units/{unit}"


async def get_assessment(
    client: AsyncClient, headers: dict[str, str], unit: str = "Q1"
) -> Response:
    return await client.get(f"{assessment_url(unit)}/assessment", headers=headers)


async def put_answer(
    client: AsyncClient,
    headers: dict[str, str],
    indicator: str,
    inputs: dict[str, Any],
    note: str | None = None,
    unit: str = "Q1",
    etag: str | None = None,
) -> Response:
    if etag is None:
        etag = (await get_assessment(client, headers, unit)).headers["etag"]
    return await client.put(
        f"{assessment_url(unit)}/answers/{indicator}",
        json={"inputs": inputs, "note": note},
        headers={**headers, "If-Match": etag},
    )


async def upload(
    client: AsyncClient,
    headers: dict[str, str],
    indicator: str,
    content: bytes,
    filename: str = "quyet-dinh.pdf",
    unit: str = "Q1",
    content_type: str = "application/pdf",
) -> Response:
    return await client.post(
        f"{assessment_url(unit)}/evidence",
        data={"indicator_code": indicator},
        files={"file": (filename, content, content_type)},
        headers=headers,
    )


def pdf_bytes(text: str = "bien ban hop") -> bytes:
    return f"%PDF-1.4\n% {text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n".encode()


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
async def q1_head(client: AsyncClient) -> dict[str, str]:
    return await auth_headers(client, "q1.head")


async def answer_everything_with_nil(client: AsyncClient, headers: dict[str, str]) -> None:
    """Answer every self-entered input with "no"/zero, which needs no evidence."""
    body = (await get_assessment(client, headers)).json()
    elements = (await client.get("/api/v1/frameworks/1/elements", headers=headers)).json()
    kinds = {e["code"]: e for e in elements}
    etag = None
    for item in body["answers"]:
        inputs: dict[str, Any] = {}
        for name, state in item["input_states"].items():
            if state["read_only"]:
                continue
            element = kinds[state["element_code"]]
            if element["value_type"] == "boolean":
                inputs[name] = False
            elif element["value_type"] == "choice":
                inputs[name] = "none"
            else:
                inputs[name] = 1 if name == "b" else 0
        if inputs:
            response = await put_answer(client, headers, item["indicator_code"], inputs, etag=etag)
            assert response.status_code == 200, response.text
            etag = response.headers["etag"]
