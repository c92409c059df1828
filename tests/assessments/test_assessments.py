"""Self-assessment: answers with validation and revisions, ETag, evidence, submission, preview."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.values import parse_value
from api.audit.models import AuditEvent
from api.evidence.models import Blob
from api.frameworks.schemas import DataElementIn
from tests.support import builders
from tests.support.auth import Tokens
from tests.support.files import docx_bytes, pdf_bytes
from tests.support.http import AppFactory, assessment_url, get_assessment, put_answer, upload

PROBLEM = "application/problem+json"


def answer(body: dict[str, Any], code: str) -> dict[str, Any]:
    return next(a for a in body["answers"] if a["indicator_code"] == code)


async def test_a_fresh_assessment(client: AsyncClient, q1_editor: dict[str, str]) -> None:
    response = await get_assessment(client, q1_editor)
    assert response.status_code == 200
    assert response.headers["etag"] == '"assessment-1-Q1-v0"'
    body = response.json()
    assert body["status"] == "not_started"
    assert body["group"] == "QH"
    assert body["editable"] is True
    codes = [a["indicator_code"] for a in body["answers"]]
    assert "3.4" in codes  # QH indicators only
    assert "3.5" not in codes
    assert body["preview"]["max_points"] == "1000.00"
    assert body["preview"]["points"] == "0.00"
    assert [p["code"] for p in body["preview"]["pillars"]] == [
        "1",
        "2",
        "3",
        "4",
        "5",
        "6",
        "8",
        "9",
        "10",
    ]
    provider_input = answer(body, "8.1")["input_states"]["a"]
    assert provider_input["read_only"] is True
    assert provider_input["provider_code"] == "CUC-THUE"
    assert {m["field"] for m in body["missing"]} >= {"answers.1.1", "answers.1.2"}


async def test_answers_change_the_preview_and_the_version(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    first = await put_answer(client, q1_editor, "1.1", {"value": "head"}, note="QĐ 15/QĐ-UBND")
    assert first.status_code == 200, first.text
    assert first.headers["etag"] == '"assessment-1-Q1-v1"'
    body = first.json()
    assert body["status"] == "in_progress"
    assert answer(body, "1.1")["points"] == "20.00"
    assert answer(body, "1.1")["note"] == "QĐ 15/QĐ-UBND"
    assert body["preview"]["points"] == "20.00"

    count = await put_answer(client, q1_editor, "1.2", {"value": 3}, etag=first.headers["etag"])
    assert answer(count.json(), "1.2")["points"] == "15.00"  # 3 meetings: 15 points
    ratio = await put_answer(client, q1_editor, "1.3", {"a": "3", "b": 4})
    assert answer(ratio.json(), "1.3")["points"] == "15.00"  # 3/4 × 20
    assert answer(ratio.json(), "1.3")["inputs"] == {"a": 3, "b": 4}
    assert ratio.json()["preview"]["points"] == "50.00"
    assert ratio.json()["preview"]["pillars"][0] == {
        "code": "1",
        "points": "50.00",
        "max_points": "100.00",
        "index": "0.5000",
    }
    assert ratio.json()["version"] == 3


async def test_an_unchanged_save_makes_no_new_version(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    first = await put_answer(client, q1_editor, "1.4", {"value": True})
    again = await put_answer(client, q1_editor, "1.4", {"value": True}, etag=first.headers["etag"])
    assert again.status_code == 200
    assert again.headers["etag"] == first.headers["etag"]


async def test_history_keeps_every_revision(
    client: AsyncClient, q1_editor: dict[str, str], session: AsyncSession
) -> None:
    await put_answer(client, q1_editor, "1.2", {"value": 1})
    await put_answer(client, q1_editor, "1.2", {"value": 4}, note="Thêm 3 cuộc họp")
    await put_answer(client, q1_editor, "1.2", {"value": None}, note="Thêm 3 cuộc họp")
    history = await client.get(f"{assessment_url()}/answers/1.2/history", headers=q1_editor)
    assert history.status_code == 200
    changes = [(h["field"], h["old"], h["new"], h["actor"]) for h in history.json()]
    assert changes == [
        ("inputs.value", None, 1, "q1.editor"),
        ("inputs.value", 1, 4, "q1.editor"),
        ("note", None, "Thêm 3 cuộc họp", "q1.editor"),
        ("inputs.value", 4, None, "q1.editor"),
    ]
    events = await session.scalar(
        select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "answer.save")
    )
    assert events == 3


async def test_validation_names_each_field(client: AsyncClient, q1_editor: dict[str, str]) -> None:
    cases: list[tuple[str, dict[str, Any], str, str]] = [
        ("1.1", {"value": "chairman"}, "inputs.value", "Phải là một trong: head, deputy, none."),
        ("1.2", {"value": -1}, "inputs.value", "Không được nhỏ hơn 0."),
        ("1.2", {"value": 2.5}, "inputs.value", "Phải là số nguyên."),
        ("1.2", {"value": "nhiều"}, "inputs.value", "Phải là số."),
        ("1.4", {"value": "yes"}, "inputs.value", "Phải là Có hoặc Không (true/false)."),
        ("1.3", {"a": 5, "b": 4}, "inputs.a", "Tử số (5) không được lớn hơn mẫu số (4)."),
        ("1.4", {"valeu": True}, "inputs.valeu", "Chỉ số 1.4 không có dữ liệu đầu vào tên valeu."),
        (
            "8.1",
            {"a": 10, "b": 20},
            "inputs.a",
            "Số liệu này do CUC-THUE cung cấp; đơn vị không nhập được.",
        ),
    ]
    for indicator, inputs, field, message in cases:
        response = await put_answer(client, q1_editor, indicator, inputs)
        assert response.status_code == 422, (indicator, inputs)
        assert response.headers["content-type"] == PROBLEM
        errors = response.json()["errors"]
        assert {"field": field, "message": message} in errors, errors
    english = await client.put(
        f"{assessment_url()}/answers/1.2",
        json={"inputs": {"value": -1}},
        headers={**q1_editor, "If-Match": "*", "Accept-Language": "en"},
    )
    assert english.json()["errors"] == [
        {"field": "inputs.value", "message": "Must not be less than 0."}
    ]
    # Nothing was written by the refused saves.
    assert (await get_assessment(client, q1_editor)).json()["version"] == 0


async def test_unknown_indicator_is_404(client: AsyncClient, q1_editor: dict[str, str]) -> None:
    response = await put_answer(client, q1_editor, "3.5", {"a": 1, "b": 2})  # SBN only
    assert response.status_code == 404
    assert response.json()["code"] == "assessment.indicator_not_found"


def error_code(element: DataElementIn, raw: Any) -> str | None:
    """The message code of the error ``raw`` gives for ``element`` (None when it is accepted)."""
    _, error = parse_value(element, raw, "f")
    return error.code if error else None


def test_value_parsing_by_type() -> None:
    def element(value_type: str, **extra: Any) -> DataElementIn:
        return DataElementIn(
            code="E", name_vi="x", name_en="x", value_type=value_type, source="self", **extra
        )

    assert parse_value(element("percent"), "99.5", "f") == ("99.5", None)
    assert parse_value(element("percent"), "99,50", "f") == ("99.5", None)
    assert error_code(element("percent"), 100.5) == "value.max"
    assert error_code(element("decimal"), "1e400") == "value.max"
    assert error_code(element("decimal"), "0.1234567") == "value.decimals"
    assert parse_value(element("decimal"), "1.50", "f") == ("1.5", None)
    assert error_code(element("decimal"), "NaN") == "value.number"
    assert parse_value(element("integer"), "12", "f") == (12, None)
    assert parse_value(element("date"), "2023-12-31", "f") == ("2023-12-31", None)
    assert error_code(element("date"), "31/12/2023") == "value.date"
    assert error_code(element("integer", max=10), 11) == "value.max"
    assert error_code(element("boolean"), 1) == "value.boolean"
    assert error_code(element("text"), "x" * 5000) == "value.text_long"
    assert parse_value(element("integer"), None, "f") == (None, None)


async def test_stale_or_missing_if_match(client: AsyncClient, q1_editor: dict[str, str]) -> None:
    first = await put_answer(client, q1_editor, "1.4", {"value": True})
    assert first.status_code == 200
    stale = await put_answer(
        client, q1_editor, "1.4", {"value": False}, etag='"assessment-1-Q1-v0"'
    )
    assert stale.status_code == 412
    assert stale.json()["code"] == "assessment.stale"
    missing = await client.put(
        f"{assessment_url()}/answers/1.4", json={"inputs": {"value": False}}, headers=q1_editor
    )
    assert missing.status_code == 428
    body = (await get_assessment(client, q1_editor)).json()
    assert answer(body, "1.4")["inputs"] == {"value": True}  # the stale write lost nothing


async def test_closed_round_refuses_answers(
    client: AsyncClient, q1_editor: dict[str, str], approver: dict[str, str]
) -> None:
    moved = await client.post(
        "/api/v1/rounds/1/phase", json={"phase": "reviewing"}, headers=approver
    )
    assert moved.status_code == 200
    response = await put_answer(client, q1_editor, "1.4", {"value": True})
    assert response.status_code == 409
    assert response.json()["code"] == "assessment.round_closed"
    assert (await get_assessment(client, q1_editor)).json()["editable"] is False


async def test_evidence_upload_dedup_download_and_unlink(
    client: AsyncClient, q1_editor: dict[str, str], session: AsyncSession
) -> None:
    content = pdf_bytes()
    first = await upload(client, q1_editor, "1.1", content, filename="../../Quyết định: 15.pdf")
    assert first.status_code == 201, first.text
    meta = first.json()
    assert meta["content_type"] == "application/pdf"
    assert meta["size"] == len(content)
    assert meta["filename"] == "Quyết định_ 15.pdf"
    second = await upload(client, q1_editor, "1.2", content, filename="bien-ban.pdf")
    assert second.json()["sha256"] == meta["sha256"]
    blobs = await session.scalar(
        select(func.count()).select_from(Blob).where(Blob.sha256 == meta["sha256"])
    )
    assert blobs == 1

    download = await client.get(f"/api/v1/evidence/{meta['id']}", headers=q1_editor)
    assert download.status_code == 200
    assert download.content == content
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["x-content-type-options"] == "nosniff"

    body = (await get_assessment(client, q1_editor)).json()
    assert [e["id"] for e in answer(body, "1.1")["evidence"]] == [meta["id"]]
    etag = (await get_assessment(client, q1_editor)).headers["etag"]
    removed = await client.delete(
        f"{assessment_url()}/evidence/{meta['id']}", headers={**q1_editor, "If-Match": etag}
    )
    assert removed.status_code == 204
    body = (await get_assessment(client, q1_editor)).json()
    assert answer(body, "1.1")["evidence"] == []
    # The blob stays: the other answer and the history still refer to it.
    assert (
        await client.get(f"/api/v1/evidence/{meta['id']}", headers=q1_editor)
    ).status_code == 200


async def test_office_documents_are_recognised(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    response = await upload(
        client,
        q1_editor,
        "2.1",
        docx_bytes(),
        filename="ke-hoach.docx",
        content_type="application/octet-stream",
    )
    assert response.status_code == 201, response.text
    assert response.json()["content_type"].endswith("wordprocessingml.document")


async def test_a_renamed_executable_is_415(client: AsyncClient, q1_editor: dict[str, str]) -> None:
    exe = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 200
    response = await upload(client, q1_editor, "1.1", exe, filename="bao-cao.pdf")
    assert response.status_code == 415
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["code"] == "evidence.type"
    fake_zip = b"PK\x03\x04" + b"\x00" * 100
    assert (await upload(client, q1_editor, "1.1", fake_zip, filename="x.docx")).status_code == 415
    assert (await upload(client, q1_editor, "1.1", b"", filename="empty.pdf")).status_code == 415


async def test_a_file_over_the_limit_is_413(make_client: AppFactory, tokens: Tokens) -> None:
    client = await make_client(evidence_max_mb=1)
    headers = await tokens.user("q1.editor")
    big = pdf_bytes() + b"0" * (1024 * 1024 + 10)
    response = await upload(client, headers, "1.1", big)
    assert response.status_code == 413
    assert response.json()["code"] == "evidence.too_large"
    assert "1 MB" in response.json()["detail"]
    body = (await get_assessment(client, headers)).json()
    assert answer(body, "1.1")["evidence"] == []


async def test_upload_needs_a_file_and_an_indicator(
    client: AsyncClient, q1_editor: dict[str, str]
) -> None:
    no_file = await client.post(
        f"{assessment_url()}/evidence", data={"indicator_code": "1.1"}, headers=q1_editor
    )
    assert no_file.status_code == 422
    assert no_file.json()["errors"][0]["field"] == "file"
    unknown = await upload(client, q1_editor, "99.9", pdf_bytes())
    assert unknown.status_code == 404


async def test_submit_lists_what_is_missing_then_locks(
    client: AsyncClient, q1_editor: dict[str, str], q1_head: dict[str, str], session: AsyncSession
) -> None:
    refused = await client.post(f"{assessment_url()}/submit", headers=q1_editor)
    assert refused.status_code == 403
    assert refused.json()["code"] == "assessment.head_only"

    await put_answer(client, q1_editor, "1.1", {"value": "head"})
    incomplete = await client.post(f"{assessment_url()}/submit", headers=q1_head)
    assert incomplete.status_code == 422
    fields = [e["field"] for e in incomplete.json()["errors"]]
    assert "evidence.1.1" in fields  # a non-zero answer needs its evidence
    assert "answers.1.2" in fields
    assert str(len(fields)) in incomplete.json()["detail"]

    await builders.answer_all_with_nil(session)
    await put_answer(client, q1_editor, "1.1", {"value": "head"})
    still = await client.post(f"{assessment_url()}/submit", headers=q1_head)
    assert [e["field"] for e in still.json()["errors"]] == ["evidence.1.1"]
    assert (await upload(client, q1_editor, "1.1", pdf_bytes())).status_code == 201

    submitted = await client.post(f"{assessment_url()}/submit", headers=q1_head)
    assert submitted.status_code == 200, submitted.text
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["submitted_by"] == "q1.head"
    assert submitted.json()["submitted_by_name"] == "Võ Thanh Tùng (Chủ tịch UBND Quận 1)"
    assert submitted.json()["editable"] is False

    locked = await put_answer(client, q1_editor, "1.4", {"value": True})
    assert locked.status_code == 409
    assert locked.json()["code"] == "assessment.locked"
    again = await client.post(f"{assessment_url()}/submit", headers=q1_head)
    assert again.status_code == 409
    assert (await upload(client, q1_editor, "1.1", pdf_bytes("x"))).status_code == 409


async def test_audit_chain_records_and_detects_tampering(
    client: AsyncClient, q1_editor: dict[str, str], admin: dict[str, str], session: AsyncSession
) -> None:
    await put_answer(client, q1_editor, "1.1", {"value": "deputy"})
    await upload(client, q1_editor, "1.1", pdf_bytes())
    events = await client.get(
        "/api/v1/audit-events", params={"object_type": "answer"}, headers=admin
    )
    assert events.status_code == 200
    items = events.json()["items"]
    assert [e["action"] for e in items[:2]] == ["evidence.link", "answer.save"]
    assert items[1]["after"] == {"value": "deputy"}
    assert items[1]["actor"] == "q1.editor"
    assert items[0]["prev_hash"] == items[1]["hash"]
    ok = await client.get("/api/v1/audit-events/verify", headers=admin)
    assert ok.json()["ok"] is True
    assert ok.json()["checked"] >= 2

    await session.execute(
        update(AuditEvent).where(AuditEvent.id == items[1]["id"]).values(after={"value": "head"})
    )
    broken = await client.get("/api/v1/audit-events/verify", headers=admin)
    assert broken.json() == {
        "ok": False,
        "checked": broken.json()["checked"],
        "first_broken_id": items[1]["id"],
        "reason": "hash",
        "anchors_checked": 0,
    }
    assert (await client.get("/api/v1/audit-events", headers=q1_editor)).status_code == 403


async def test_only_the_units_staff_see_it_editable(
    client: AsyncClient, q1_editor: dict[str, str], evaluator: dict[str, str]
) -> None:
    assert (await get_assessment(client, q1_editor)).json()["editable"] is True
    assert (await get_assessment(client, evaluator)).json()["editable"] is False
