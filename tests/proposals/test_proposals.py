"""Proposals (đề xuất): a unit's staff file proposals about the criteria and see only their own
unit's; DIC lists every unit's, triages them (accepted into a draft, declined with a reason, a
duplicate), exports them to Excel; a draft lists the proposals each of its codes answers."""

from __future__ import annotations

import io
from typing import Any

import pytest
from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEvent
from api.frameworks import service as frameworks
from api.frameworks.models import Framework, FrameworkStatus
from api.notifications.models import Notification
from tests.support.auth import Headers, Tokens
from tests.support.files import pdf_bytes
from tests.support.problems import assert_problem, fields

PROPOSALS = "/api/v1/proposals"


@pytest.fixture
async def framework_2023(session: AsyncSession) -> int:
    """The 2023 framework's id (ids, not rows: a refused request rolls back and expires rows)."""
    found = await session.scalar(select(Framework.id).where(Framework.code == "HCMC-DTI-2023"))
    assert found is not None
    return found


@pytest.fixture
async def draft(session: AsyncSession, framework_2023: int) -> int:
    """A draft cloned from the 2023 framework (how DIC starts a revision), by id."""
    clone = await frameworks.clone(
        session=session,
        framework_id=framework_2023,
        code="HCMC-DTI-2024-DRAFT",
        title_vi=None,
        title_en=None,
        year=2024,
    )
    return clone.id


@pytest.fixture
async def so_tttt_editor(tokens: Tokens) -> Headers:
    return await tokens.user("so-tttt.editor")


async def file(
    client: AsyncClient, headers: Headers, framework_id: int, **overrides: Any
) -> dict[str, Any]:
    body = {
        "framework_id": framework_id,
        "kind": "change",
        "criterion_code": "1.2",
        "title": "Tính cả cuộc họp trực tuyến của Ban chỉ đạo",
        "rationale": "Nhiều cuộc họp của Ban chỉ đạo năm qua được tổ chức trực tuyến.",
        "proposed_text": "Số cuộc họp (trực tiếp hoặc trực tuyến): ≥4: 20 điểm; 3: 15; 2: 10.",
        **overrides,
    }
    response = await client.post(PROPOSALS, json=body, headers=headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def triage(client: AsyncClient, headers: Headers, proposal_id: int, **body: Any) -> Any:
    return await client.post(f"{PROPOSALS}/{proposal_id}/triage", json=body, headers=headers)


# --- units ---------------------------------------------------------------------------------------


async def test_a_unit_files_a_proposal_with_a_file_and_reads_it_back(
    client: AsyncClient, q1_editor: Headers, framework_2023: int
) -> None:
    created = await file(client, q1_editor, framework_2023)
    assert created["unit_code"] == "Q1"
    assert created["status"] == "submitted"
    assert created["framework_code"] == "HCMC-DTI-2023"
    assert created["filed_by"] == "q1.editor"
    assert created["attachment"] is None

    response = await client.post(
        f"{PROPOSALS}/{created['id']}/attachment",
        files={"file": ("Biên bản họp.exe", pdf_bytes(), "application/octet-stream")},
        headers=q1_editor,
    )
    assert response.status_code == 201, response.text
    attachment = response.json()["attachment"]
    # The type comes from the bytes, and so does the name's extension.
    assert attachment["content_type"] == "application/pdf"
    assert attachment["filename"] == "Biên bản họp.pdf"

    download = await client.get(f"{PROPOSALS}/{created['id']}/attachment", headers=q1_editor)
    assert download.status_code == 200
    assert download.content == pdf_bytes()
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["x-content-type-options"] == "nosniff"


async def test_a_file_of_a_type_not_accepted_is_refused_and_nothing_is_kept(
    client: AsyncClient, q1_editor: Headers, framework_2023: int
) -> None:
    created = await file(client, q1_editor, framework_2023)
    response = await client.post(
        f"{PROPOSALS}/{created['id']}/attachment",
        files={"file": ("de-xuat.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")},
        headers=q1_editor,
    )
    assert_problem(response, 415, "evidence.type")
    again = await client.get(f"{PROPOSALS}/{created['id']}", headers=q1_editor)
    assert again.json()["attachment"] is None


async def test_a_unit_sees_and_downloads_only_its_own_proposals(
    client: AsyncClient,
    q1_editor: Headers,
    so_tttt_editor: Headers,
    framework_2023: int,
) -> None:
    own = await file(client, q1_editor, framework_2023)
    other = await file(client, so_tttt_editor, framework_2023, title="Đề xuất của Sở")
    await client.post(
        f"{PROPOSALS}/{other['id']}/attachment",
        files={"file": ("a.pdf", pdf_bytes("so"), "application/pdf")},
        headers=so_tttt_editor,
    )

    listed = (await client.get(PROPOSALS, headers=q1_editor)).json()
    assert [p["id"] for p in listed["items"]] == [own["id"]]
    assert listed["total"] == 1
    # Asking for another unit changes nothing: a unit's list is its own.
    listed = (await client.get(PROPOSALS, params={"unit": "SO-TTTT"}, headers=q1_editor)).json()
    assert listed["items"] == []

    for path in ("", "/attachment"):
        response = await client.get(f"{PROPOSALS}/{other['id']}{path}", headers=q1_editor)
        assert_problem(response, 404, "proposal.not_found")
    response = await client.post(
        f"{PROPOSALS}/{other['id']}/attachment",
        files={"file": ("b.pdf", pdf_bytes(), "application/pdf")},
        headers=q1_editor,
    )
    assert_problem(response, 404, "proposal.not_found")


async def test_a_unit_cannot_triage_and_dic_cannot_file(
    client: AsyncClient,
    q1_head: Headers,
    evaluator: Headers,
    viewer: Headers,
    framework_2023: int,
    draft: int,
) -> None:
    created = await file(client, q1_head, framework_2023)
    response = await triage(
        client,
        q1_head,
        created["id"],
        decision="accepted",
        target_framework_id=draft,
        target_criterion_code="1.2",
    )
    assert_problem(response, 403, "auth.forbidden_role")
    assert_problem(await client.get(f"{PROPOSALS}.xlsx", headers=q1_head), 403)

    body = {
        "framework_id": framework_2023,
        "kind": "new",
        "title": "Chỉ số mới",
        "rationale": "Lý do",
        "proposed_text": "Nội dung",
    }
    assert_problem(
        await client.post(PROPOSALS, json=body, headers=evaluator), 403, "proposal.unit_only"
    )
    assert_problem(await client.get(PROPOSALS, headers=viewer), 403, "proposal.forbidden")


async def test_a_proposal_names_a_framework_and_a_criterion_that_exist(
    client: AsyncClient, q1_editor: Headers, framework_2023: int
) -> None:
    base = {
        "framework_id": framework_2023,
        "kind": "change",
        "title": "Sửa chỉ số",
        "rationale": "Lý do",
        "proposed_text": "Nội dung",
    }
    cases = [
        ({"criterion_code": "9.99"}, "criterion_code", "proposal.criterion_not_found"),
        ({}, "criterion_code", "proposal.criterion_required"),
        ({"framework_id": 99999, "criterion_code": "1.2"}, "framework_id", None),
    ]
    for change, field, code in cases:
        response = await client.post(PROPOSALS, json={**base, **change}, headers=q1_editor)
        body = assert_problem(response, 422, code)
        assert fields(body) == [field]
    # A new indicator names no criterion, or the one it would go under.
    await file(client, q1_editor, framework_2023, kind="new", criterion_code=None)
    await file(client, q1_editor, framework_2023, kind="new", criterion_code="1")
    listed = (await client.get(PROPOSALS, headers=q1_editor)).json()
    assert listed["total"] == 2


# --- triage --------------------------------------------------------------------------------------


async def test_accepting_links_a_draft_code_and_the_draft_lists_it(
    client: AsyncClient,
    session: AsyncSession,
    q1_editor: Headers,
    evaluator: Headers,
    framework_2023: int,
    draft: int,
) -> None:
    created = await file(client, q1_editor, framework_2023)
    response = await triage(
        client,
        evaluator,
        created["id"],
        decision="accepted",
        target_framework_id=draft,
        target_criterion_code="1.2",
        note="Đã sửa cách tính ở chỉ số 1.2 của dự thảo.",
    )
    assert response.status_code == 200, response.text
    accepted = response.json()
    assert accepted["status"] == "accepted"
    assert accepted["target_framework_code"] == "HCMC-DTI-2024-DRAFT"
    assert accepted["target_criterion_code"] == "1.2"
    assert accepted["decided_by"] == "evaluator"

    links = await client.get(f"/api/v1/frameworks/{draft}/proposals", headers=evaluator)
    assert links.status_code == 200
    [link] = links.json()
    assert link["id"] == created["id"]
    assert link["target_criterion_code"] == "1.2"
    assert link["in_framework"] is True
    assert link["unit_code"] == "Q1"
    # The base version has none accepted into it; a filter finds them by framework and code.
    base_links = await client.get(
        f"/api/v1/frameworks/{framework_2023}/proposals", headers=evaluator
    )
    assert base_links.json() == []
    found = await client.get(
        PROPOSALS,
        params={"framework_id": draft, "criterion_code": "1.2", "status": "accepted"},
        headers=evaluator,
    )
    assert [p["id"] for p in found.json()["items"]] == [created["id"]]

    # The unit sees the answer, and was told.
    mine = (await client.get(f"{PROPOSALS}/{created['id']}", headers=q1_editor)).json()
    assert mine["status"] == "accepted"
    assert mine["response"] == "Đã sửa cách tính ở chỉ số 1.2 của dự thảo."
    notes = list(
        await session.scalars(
            select(Notification).where(Notification.code == "notify.proposal_accepted")
        )
    )
    assert notes
    assert all(n.link == "/proposals" for n in notes)
    bell = (await client.get("/api/v1/notifications", headers=q1_editor)).json()
    accepted = [m["message"] for m in bell["items"] if "HCMC-DTI-2024-DRAFT" in m["message"]]
    # Named as the operating department is named today (a setting), never «Sở TT&TT».
    assert accepted, bell
    assert all(m.startswith("Sở KH&CN đã tiếp nhận") for m in accepted), accepted


async def test_accepting_needs_a_draft_and_a_code(
    client: AsyncClient,
    session: AsyncSession,
    q1_editor: Headers,
    evaluator: Headers,
    framework_2023: int,
    draft: int,
) -> None:
    created = await file(client, q1_editor, framework_2023)
    body = assert_problem(await triage(client, evaluator, created["id"], decision="accepted"), 422)
    assert fields(body) == ["target_framework_id", "target_criterion_code"]

    response = await triage(
        client,
        evaluator,
        created["id"],
        decision="accepted",
        target_framework_id=framework_2023,
        target_criterion_code="1.2",
    )
    body = assert_problem(response, 409, "proposal.target_not_draft")
    assert fields(body) == ["target_framework_id"]

    response = await triage(
        client,
        evaluator,
        created["id"],
        decision="accepted",
        target_framework_id=99999,
        target_criterion_code="1.2",
    )
    assert fields(assert_problem(response, 422, "proposal.framework_not_found")) == [
        "target_framework_id"
    ]
    # Nothing of the refused answers was kept.
    still = (await client.get(f"{PROPOSALS}/{created['id']}", headers=evaluator)).json()
    assert still["status"] == "submitted"
    assert still["target_framework_id"] is None

    # Accepted into the draft, then the draft is activated: the link is history now.
    await triage(
        client,
        evaluator,
        created["id"],
        decision="accepted",
        target_framework_id=draft,
        target_criterion_code="1.6",
    )
    links = (await client.get(f"/api/v1/frameworks/{draft}/proposals", headers=evaluator)).json()
    assert links[0]["in_framework"] is False  # the draft has no 1.6 (yet)
    await frameworks.set_status(session=session, framework_id=draft, status=FrameworkStatus.active)
    response = await triage(client, evaluator, created["id"], decision="declined", note="Không")
    assert_problem(response, 409, "proposal.link_frozen")


async def test_declining_needs_a_reason_and_a_duplicate_an_other_proposal(
    client: AsyncClient,
    q1_editor: Headers,
    so_tttt_editor: Headers,
    approver: Headers,
    framework_2023: int,
) -> None:
    first = await file(client, so_tttt_editor, framework_2023)
    second = await file(client, q1_editor, framework_2023)

    body = assert_problem(await triage(client, approver, second["id"], decision="declined"), 422)
    assert fields(body) == ["note"]
    for other, code in (
        (None, "proposal.duplicate_required"),
        (second["id"], "proposal.duplicate_self"),
        (99999, "proposal.duplicate_not_found"),
    ):
        response = await triage(
            client, approver, second["id"], decision="duplicate", duplicate_of_id=other
        )
        assert fields(assert_problem(response, 422, code)) == ["duplicate_of_id"]

    response = await triage(
        client, approver, second["id"], decision="duplicate", duplicate_of_id=first["id"]
    )
    assert response.status_code == 200, response.text
    assert response.json()["duplicate_of_id"] == first["id"]
    # The original cannot point at its duplicate: no cycles.
    response = await triage(
        client, approver, first["id"], decision="duplicate", duplicate_of_id=second["id"]
    )
    assert_problem(response, 422, "proposal.duplicate_of_duplicate")

    response = await triage(
        client, approver, first["id"], decision="declined", note="Ngoài phạm vi bộ chỉ số."
    )
    assert response.json()["status"] == "declined"
    assert response.json()["response"] == "Ngoài phạm vi bộ chỉ số."
    # Once answered, the unit cannot attach a file any more.
    response = await client.post(
        f"{PROPOSALS}/{second['id']}/attachment",
        files={"file": ("a.pdf", pdf_bytes(), "application/pdf")},
        headers=q1_editor,
    )
    assert_problem(response, 409, "proposal.decided")


async def test_every_change_is_audited(
    client: AsyncClient,
    session: AsyncSession,
    q1_editor: Headers,
    evaluator: Headers,
    framework_2023: int,
    draft: int,
) -> None:
    created = await file(client, q1_editor, framework_2023)
    await client.post(
        f"{PROPOSALS}/{created['id']}/attachment",
        files={"file": ("a.pdf", pdf_bytes(), "application/pdf")},
        headers=q1_editor,
    )
    await triage(client, evaluator, created["id"], decision="declined", note="Chưa đủ căn cứ.")
    await triage(
        client,
        evaluator,
        created["id"],
        decision="accepted",
        target_framework_id=draft,
        target_criterion_code="1.2",
    )
    events = list(
        await session.scalars(
            select(AuditEvent)
            .where(AuditEvent.object_type == "proposal", AuditEvent.object_id == str(created["id"]))
            .order_by(AuditEvent.id)
        )
    )
    assert [e.action for e in events] == [
        "proposal.file",
        "proposal.attach",
        "proposal.declined",
        "proposal.accepted",
    ]
    assert [e.actor for e in events] == ["q1.editor", "q1.editor", "evaluator", "evaluator"]
    assert events[3].before is not None
    assert events[3].before["status"] == "declined"
    assert events[3].after is not None
    assert events[3].after["target_framework"] == "HCMC-DTI-2024-DRAFT"


# --- DIC's list and export ----------------------------------------------------------------------


async def test_dic_lists_every_unit_filtered_and_paginated(
    client: AsyncClient,
    q1_editor: Headers,
    so_tttt_editor: Headers,
    evaluator: Headers,
    framework_2023: int,
) -> None:
    q1 = [await file(client, q1_editor, framework_2023) for _ in range(3)]
    so = await file(client, so_tttt_editor, framework_2023, criterion_code="2.1")

    everything = (await client.get(PROPOSALS, headers=evaluator)).json()
    assert everything["total"] == 4
    assert [p["id"] for p in everything["items"]] == [so["id"], *[p["id"] for p in q1[::-1]]]
    page = (await client.get(PROPOSALS, params={"limit": 2, "offset": 2}, headers=evaluator)).json()
    assert page["total"] == 4
    assert [p["id"] for p in page["items"]] == [q1[1]["id"], q1[0]["id"]]
    by_unit = (await client.get(PROPOSALS, params={"unit": "SO-TTTT"}, headers=evaluator)).json()
    assert [p["id"] for p in by_unit["items"]] == [so["id"]]
    by_code = (
        await client.get(PROPOSALS, params={"criterion_code": "2.1"}, headers=evaluator)
    ).json()
    assert [p["id"] for p in by_code["items"]] == [so["id"]]
    declined = (
        await client.get(PROPOSALS, params={"status": "declined"}, headers=evaluator)
    ).json()
    assert declined["total"] == 0


async def test_the_export_opens_with_the_rows_and_keeps_formulas_as_text(
    client: AsyncClient,
    q1_editor: Headers,
    evaluator: Headers,
    framework_2023: int,
) -> None:
    await file(client, q1_editor, framework_2023, rationale='=HYPERLINK("http://x","y")')
    declined = await file(
        client,
        q1_editor,
        framework_2023,
        title="Bỏ chỉ số 1.4",
        kind="remove",
        criterion_code="1.4",
    )
    await triage(client, evaluator, declined["id"], decision="declined", note="Chỉ số vẫn cần.")

    response = await client.get(f"{PROPOSALS}.xlsx", headers=evaluator)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("Số", "Mã đơn vị", "Đơn vị", "Bộ chỉ số")
    assert len(rows) == 3
    newest, oldest = rows[1], rows[2]
    assert newest[0] == declined["id"]
    assert newest[4] == "Bỏ chỉ số"
    assert newest[12] == "Không tiếp nhận"
    assert newest[16] == "Chỉ số vẫn cần."
    assert oldest[1:3] == ("Q1", "Quận 1")
    assert oldest[7] == '=HYPERLINK("http://x","y")'
    cell = book.worksheets[0].cell(row=3, column=8)
    assert cell.data_type == "s"

    only_declined = await client.get(
        f"{PROPOSALS}.xlsx", params={"status": "declined"}, headers=evaluator
    )
    rows = list(load_workbook(io.BytesIO(only_declined.content)).worksheets[0].values)
    assert len(rows) == 2
