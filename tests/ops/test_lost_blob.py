"""A missing or cut evidence blob: the download answers a 410 problem before any byte (it
answered 200 and then aborted the stream, which browsers show as a network error)."""

from __future__ import annotations

from httpx import AsyncClient

from api.core.settings import Settings
from api.core.storage import LocalStorage
from tests.support.auth import Headers
from tests.support.files import pdf_bytes
from tests.support.http import upload
from tests.support.problems import assert_problem


async def test_downloading_a_lost_blob_is_a_gone_problem(
    client: AsyncClient, q1_editor: Headers, settings: Settings
) -> None:
    content = pdf_bytes("sẽ bị mất")
    uploaded = await upload(client, q1_editor, "1.1", content)
    assert uploaded.status_code == 201, uploaded.text
    url = f"/api/v1/evidence/{uploaded.json()['id']}"
    assert (await client.get(url, headers=q1_editor)).content == content
    LocalStorage(settings.storage_dir).path_of(uploaded.json()["sha256"]).unlink()

    lost = await client.get(url, headers={**q1_editor, "Accept-Language": "en"})
    body = assert_problem(lost, 410, "evidence.blob_missing")
    assert "missing from storage" in body["detail"]
    vi = await client.get(url, headers=q1_editor)
    assert "không còn trong kho" in assert_problem(vi, 410)["detail"]


async def test_a_truncated_blob_is_gone_too(
    client: AsyncClient, q1_editor: Headers, settings: Settings
) -> None:
    """A blob shorter than its row says would break Content-Length half-way: 410 as well."""
    content = pdf_bytes("bị cắt ngắn")
    uploaded = await upload(client, q1_editor, "1.1", content)
    LocalStorage(settings.storage_dir).path_of(uploaded.json()["sha256"]).write_bytes(content[:9])
    response = await client.get(f"/api/v1/evidence/{uploaded.json()['id']}", headers=q1_editor)
    assert_problem(response, 410, "evidence.blob_missing")
