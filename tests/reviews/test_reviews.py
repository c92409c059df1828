"""Review: DIC decides on each answer; returned answers alone reopen; the unit resubmits."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import SubmissionStatus
from api.audit.models import AuditEvent
from tests.support import builders
from tests.support.auth import Tokens
from tests.support.files import pdf_bytes
from tests.support.http import assessment_url, get_assessment, put_answer, upload
from tests.support.problems import assert_problem, fields

UNIT = assessment_url()


def answer(body: dict[str, Any], code: str) -> dict[str, Any]:
    return next(a for a in body["answers"] if a["indicator_code"] == code)


async def decide(
    client: AsyncClient, headers: dict[str, str], code: str, **body: Any
) -> dict[str, Any]:
    response = await client.post(f"{UNIT}/reviews/{code}", json=body, headers=headers)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


@pytest.fixture
async def submitted(session: AsyncSession, q1_head: dict[str, str]) -> dict[str, str]:
    """Q1's assessment answered (every self input "no"/zero) and submitted by its head; the
    head's headers."""
    assert await builders.submitted_with_nil(session) == SubmissionStatus.submitted
    return q1_head


async def test_returned_answers_alone_reopen_until_resubmission(
    client: AsyncClient,
    submitted: dict[str, str],
    q1_editor: dict[str, str],
    evaluator: dict[str, str],
) -> None:
    returned = await decide(
        client, evaluator, "1.2", decision="returned", comment="Thiếu số liệu năm 2023."
    )
    assert returned["submission_status"] == "returned"

    body = (await get_assessment(client, q1_editor)).json()
    assert body["status"] == "returned"
    assert answer(body, "1.2")["review"]["decision"] == "returned"
    assert answer(body, "1.2")["review"]["comment"] == "Thiếu số liệu năm 2023."
    assert (
        answer(body, "1.2")["review"]["reviewer_name"]
        == "Trần Thị Bích Ngọc (chuyên viên đánh giá)"
    )
    assert [a["indicator_code"] for a in body["answers"] if a["editable"]] == ["1.2"]

    other = await put_answer(client, q1_editor, "1.3", {"a": 1, "b": 2})
    assert_problem(other, 409, "assessment.not_returned")
    assert_problem(
        await upload(client, q1_editor, "1.3", pdf_bytes()), 409, "assessment.not_returned"
    )
    fixed = await put_answer(client, q1_editor, "1.2", {"value": 3})
    assert fixed.status_code == 200, fixed.text
    assert (await upload(client, q1_editor, "1.2", pdf_bytes("so lieu"))).status_code == 201

    resubmitted = await client.post(f"{UNIT}/submit", headers=submitted)
    assert resubmitted.json()["status"] == "resubmitted"
    assert resubmitted.json()["editable"] is False
    assert answer(resubmitted.json(), "1.2")["review"]["after_resubmission"] is False
    locked = await put_answer(client, q1_editor, "1.2", {"value": 4})
    assert_problem(locked, 409, "assessment.locked")

    accepted = await decide(client, evaluator, "1.2", decision="accepted")
    assert accepted["submission_status"] == "resubmitted"
    history = await client.get(f"{UNIT}/reviews/1.2", headers=q1_editor)
    assert [d["decision"] for d in history.json()] == ["returned", "accepted"]


async def test_adjustments_change_the_points_and_the_unit_sees_why(
    client: AsyncClient,
    submitted: dict[str, str],
    q1_editor: dict[str, str],
    evaluator: dict[str, str],
) -> None:
    before = (await get_assessment(client, q1_editor)).json()
    assert answer(before, "1.2")["points"] == "0.00"
    await decide(
        client,
        evaluator,
        "1.2",
        decision="adjusted",
        points="15",
        comment="Văn bản 12/KH-UBND chứng minh đã triển khai.",
    )
    # By values: the reviewer's figures replace the unit's for scoring; the unit's stay as entered.
    await decide(
        client,
        evaluator,
        "1.3",
        decision="adjusted",
        values={"a": 1, "b": 1},
        comment="Số liệu đúng theo báo cáo của Sở Nội vụ.",
    )
    seen = (await get_assessment(client, q1_editor)).json()
    assert answer(seen, "1.2")["points"] == "15.00"
    assert (
        answer(seen, "1.2")["review"]["comment"] == "Văn bản 12/KH-UBND chứng minh đã triển khai."
    )
    assert answer(seen, "1.3")["review"]["values"] == {"a": 1, "b": 1}
    assert answer(seen, "1.3")["inputs"] == {"a": 0, "b": 1}
    assert answer(seen, "1.3")["points"] == "20.00"
    gained = float(seen["preview"]["points"]) - float(before["preview"]["points"])
    assert round(gained, 2) == 35.0

    # Accepting the unit's figures after all takes the reviewer's away again.
    await decide(client, evaluator, "1.3", decision="accepted")
    again = (await get_assessment(client, q1_editor)).json()
    assert answer(again, "1.3")["points"] == "0.00"

    bulk = await client.post(f"{UNIT}/reviews:accept-pending", headers=evaluator)
    assert bulk.status_code == 200, bulk.text
    assert bulk.json()["submission_status"] == "accepted"
    assert bulk.json()["accepted"] == len(again["answers"]) - 2
    assert (await client.post(f"{UNIT}/reviews:accept-pending", headers=evaluator)).json()[
        "accepted"
    ] == 0


async def test_every_decision_is_checked(
    client: AsyncClient,
    submitted: dict[str, str],
    q1_editor: dict[str, str],
    evaluator: dict[str, str],
) -> None:
    async def refused(code: str, body: dict[str, Any]) -> dict[str, Any]:
        response = await client.post(f"{UNIT}/reviews/{code}", json=body, headers=evaluator)
        return assert_problem(response, 422)

    assert fields(await refused("1.2", {"decision": "adjusted", "comment": "x"})) == ["points"]
    both = {"decision": "adjusted", "points": "1", "values": {"value": 1}, "comment": "x"}
    assert fields(await refused("1.2", both)) == ["points"]
    over = await refused("1.2", {"decision": "adjusted", "points": "21", "comment": "x"})
    assert fields(over) == ["points"]
    assert fields(await refused("1.2", {"decision": "adjusted", "points": "5"})) == ["comment"]
    assert fields(await refused("1.2", {"decision": "returned", "comment": "  "})) == ["comment"]
    assert fields(await refused("1.2", {"decision": "accepted", "points": "5"})) == ["points"]
    unknown = await refused(
        "1.3", {"decision": "adjusted", "values": {"c": 1, "a": "x"}, "comment": "x"}
    )
    assert sorted(fields(unknown)) == ["values.a", "values.c"]
    assert fields(await refused("1.2", {"decision": "maybe"})) == ["decision"]

    by_unit = await client.post(
        f"{UNIT}/reviews/1.2", json={"decision": "accepted"}, headers=q1_editor
    )
    assert_problem(by_unit, 403, "auth.forbidden_role")
    nowhere = await client.post(
        f"{UNIT}/reviews/99.9", json={"decision": "accepted"}, headers=evaluator
    )
    assert nowhere.status_code == 404
    not_yet = await client.post(
        f"{assessment_url('Q3')}/reviews/1.2", json={"decision": "accepted"}, headers=evaluator
    )
    assert_problem(not_yet, 409, "review.not_submitted")


async def test_comments_are_a_thread_the_unit_and_dic_share(
    client: AsyncClient,
    submitted: dict[str, str],
    q1_editor: dict[str, str],
    evaluator: dict[str, str],
    session: AsyncSession,
) -> None:
    thread = f"{UNIT}/answers/1.2/comments"
    asked = await client.post(thread, json={"body": "Đã bổ sung quyết định."}, headers=q1_editor)
    assert asked.status_code == 201, asked.text
    answered = await client.post(thread, json={"body": "Đã nhận, cảm ơn."}, headers=evaluator)
    assert answered.status_code == 201
    listed = (await client.get(thread, headers=q1_editor)).json()
    assert [(c["author_side"], c["body"]) for c in listed] == [
        ("unit", "Đã bổ sung quyết định."),
        ("dic", "Đã nhận, cảm ơn."),
    ]
    assert listed[0]["author_name"] == "Phạm Thị Thu Hà (đầu mối CĐS Quận 1)"
    body = (await get_assessment(client, q1_editor)).json()
    assert answer(body, "1.2")["comments"] == 2
    blank = await client.post(thread, json={"body": "   "}, headers=q1_editor)
    assert fields(assert_problem(blank, 422)) == ["body"]
    actions = set(await session.scalars(select(AuditEvent.action)))
    assert "review.comment" in actions


async def test_a_unit_never_sees_another_units_review(
    client: AsyncClient, tokens: Tokens, submitted: dict[str, str], evaluator: dict[str, str]
) -> None:
    await decide(client, evaluator, "1.2", decision="returned", comment="Bổ sung.")
    await client.post(f"{UNIT}/answers/1.2/comments", json={"body": "Riêng Q1"}, headers=evaluator)
    stranger = await tokens.user("so-tttt.editor")
    for path in (f"{UNIT}/reviews/1.2", f"{UNIT}/answers/1.2/comments", f"{UNIT}/assessment"):
        assert (await client.get(path, headers=stranger)).status_code == 404, path
    written = await client.post(
        f"{UNIT}/answers/1.2/comments", json={"body": "Xin chào"}, headers=stranger
    )
    assert written.status_code == 404
    queue = await client.get("/api/v1/rounds/1/review-queue", headers=stranger)
    assert_problem(queue, 403, "auth.forbidden_role")


async def test_the_review_queue(
    client: AsyncClient, submitted: dict[str, str], evaluator: dict[str, str]
) -> None:
    await decide(client, evaluator, "1.2", decision="returned", comment="Bổ sung.")
    await decide(client, evaluator, "1.3", decision="accepted")
    queue = await client.get(
        "/api/v1/rounds/1/review-queue",
        params={"group": "QH", "indicator": "1.2", "limit": 100},
        headers=evaluator,
    )
    assert queue.status_code == 200, queue.text
    rows = {item["unit_code"]: item for item in queue.json()["items"]}
    assert all(item["group"] == "QH" for item in rows.values())
    q1 = rows["Q1"]
    assert (q1["status"], q1["returned"], q1["accepted"], q1["indicator_state"]) == (
        "returned",
        1,
        1,
        "returned",
    )
    assert q1["pending"] == q1["indicators"] - 2
    assert rows["Q3"]["indicator_state"] == "pending"
    only = await client.get(
        "/api/v1/rounds/1/review-queue", params={"status": "returned"}, headers=evaluator
    )
    assert [item["unit_code"] for item in only.json()["items"]] == ["Q1"]
    unknown = await client.get(
        "/api/v1/rounds/1/review-queue", params={"indicator": "77.7"}, headers=evaluator
    )
    assert fields(assert_problem(unknown, 422)) == ["indicator"]


async def test_a_return_is_answered_by_resubmission(
    client: AsyncClient,
    submitted: dict[str, str],
    q1_editor: dict[str, str],
    evaluator: dict[str, str],
) -> None:
    """While returned, the assessment stays returned whatever else is decided (the unit may be
    mid-edit); once resubmitted, the old return no longer reopens anything and waits for a new
    decision, which accepting the pending answers gives."""
    await decide(client, evaluator, "1.2", decision="returned", comment="Bổ sung.")
    assert (await put_answer(client, q1_editor, "1.2", {"value": 3})).status_code == 200
    meanwhile = await decide(client, evaluator, "1.3", decision="accepted")
    assert meanwhile["submission_status"] == "returned"
    assert (await upload(client, q1_editor, "1.2", pdf_bytes("bien ban"))).status_code == 201
    resubmitted = await client.post(f"{UNIT}/submit", headers=submitted)
    assert resubmitted.json()["status"] == "resubmitted"

    later = await decide(client, evaluator, "1.4", decision="accepted")
    assert later["submission_status"] == "resubmitted"
    assert_problem(
        await put_answer(client, q1_editor, "1.2", {"value": 5}), 409, "assessment.locked"
    )
    body = (await get_assessment(client, q1_editor)).json()
    assert [a["indicator_code"] for a in body["answers"] if a["editable"]] == []
    queue = await client.get(
        "/api/v1/rounds/1/review-queue", params={"indicator": "1.2"}, headers=evaluator
    )
    q1 = next(i for i in queue.json()["items"] if i["unit_code"] == "Q1")
    assert (q1["returned"], q1["indicator_state"]) == (0, "pending")

    bulk = await client.post(f"{UNIT}/reviews:accept-pending", headers=evaluator)
    assert bulk.json()["submission_status"] == "accepted"
    history = await client.get(f"{UNIT}/reviews/1.2", headers=q1_editor)
    assert [d["decision"] for d in history.json()] == ["returned", "accepted"]
