"""Score runs and preliminary results: each unit sees its own, files feedback within the window,
DIC answers every one before the final run."""

from __future__ import annotations

import datetime as dt
from typing import Any

from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import SubmissionStatus
from api.core.clock import city_today
from tests.support import builders
from tests.support.auth import Tokens
from tests.support.files import pdf_bytes
from tests.support.http import assessment_url
from tests.support.problems import assert_problem, fields

ROUND = "/api/v1/rounds/1"
UNIT = assessment_url()


async def phase(client: AsyncClient, approver: dict[str, str], to: str) -> None:
    response = await client.post(f"{ROUND}/phase", json={"phase": to}, headers=approver)
    assert response.status_code == 200, response.text


async def window(client: AsyncClient, approver: dict[str, str], start: int, end: int) -> None:
    today = city_today()
    schedule = {
        "preliminary": {
            "starts_on": (today + dt.timedelta(days=start)).isoformat(),
            "ends_on": (today + dt.timedelta(days=end)).isoformat(),
        }
    }
    response = await client.patch(ROUND, json={"schedule": schedule}, headers=approver)
    assert response.status_code == 200, response.text


async def run(client: AsyncClient, headers: dict[str, str], kind: str) -> dict[str, Any]:
    response = await client.post(f"{ROUND}/score-runs", json={"kind": kind}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_preliminary_results_feedback_and_the_final_run(
    client: AsyncClient,
    session: AsyncSession,
    tokens: Tokens,
    q1_editor: dict[str, str],
    evaluator: dict[str, str],
    approver: dict[str, str],
) -> None:
    assert await builders.submitted_with_nil(session) == SubmissionStatus.submitted
    assert await builders.accept_pending(session) == SubmissionStatus.accepted

    early = await client.post(
        f"{ROUND}/score-runs", json={"kind": "preliminary"}, headers=evaluator
    )
    assert_problem(early, 409, "results.run_phase")  # still collecting
    await phase(client, approver, "reviewing")
    preliminary = await run(client, evaluator, "preliminary")
    assert preliminary["shared_with_units"] is True
    assert len(preliminary["input_hash"]) == 64

    # Each unit reads its own results, with the explanation of every point; nothing else.
    mine = await client.get(f"{ROUND}/score-runs/{preliminary['id']}/results/Q1", headers=q1_editor)
    assert mine.status_code == 200, mine.text
    assert mine.json()["group"] == "QH"
    assert mine.json()["explanations"]["1.2"]["points"] == "0.00"
    assert mine.json()["explanations"]["1.2"]["formula_vi"]
    other = await client.get(
        f"{ROUND}/score-runs/{preliminary['id']}/results/Q3", headers=q1_editor
    )
    assert other.status_code == 404
    ranking = await client.get(f"{ROUND}/score-runs/{preliminary['id']}/results", headers=q1_editor)
    assert_problem(ranking, 403, "auth.forbidden_role")
    ranks = await client.get(
        f"{ROUND}/score-runs/{preliminary['id']}/results", params={"group": "QH"}, headers=evaluator
    )
    [qh] = ranks.json()["groups"]
    assert qh["code"] == "QH"
    assert "Q1" in [row["unit_code"] for row in qh["rankings"]]
    assert [row["rank"] for row in qh["rankings"]] == sorted(row["rank"] for row in qh["rankings"])

    # The window: closed before the phase, open inside its dates.
    early_feedback = await client.post(
        f"{UNIT}/feedback",
        json={"indicator_code": "1.2", "body": "Đề nghị xem lại."},
        headers=q1_editor,
    )
    assert_problem(early_feedback, 409, "feedback.window_closed")
    await window(client, approver, -1, 1)
    await phase(client, approver, "preliminary")
    filed = await client.post(
        f"{UNIT}/feedback",
        json={"indicator_code": "1.2", "body": "Đơn vị đã họp 4 lần, có biên bản kèm theo."},
        headers=q1_editor,
    )
    assert filed.status_code == 201, filed.text
    feedback_id = filed.json()["id"]
    twice = await client.post(
        f"{UNIT}/feedback", json={"indicator_code": "1.2", "body": "Lần nữa"}, headers=q1_editor
    )
    assert_problem(twice, 409, "feedback.already_open")
    attached = await client.post(
        f"{UNIT}/feedback/{feedback_id}/evidence",
        files={"file": ("bien-ban.pdf", pdf_bytes("bien ban hop quy IV"), "application/pdf")},
        headers=q1_editor,
    )
    assert attached.status_code == 201, attached.text
    stranger = await tokens.user("so-tttt.editor")
    foreign = await client.post(
        f"{UNIT}/feedback", json={"indicator_code": "1.2", "body": "x"}, headers=stranger
    )
    assert foreign.status_code == 404
    by_dic = await client.post(
        f"{UNIT}/feedback", json={"indicator_code": "1.3", "body": "x"}, headers=evaluator
    )
    assert_problem(by_dic, 403, "feedback.unit_only")
    # The answer's own evidence list is untouched by the feedback's file.
    answer = next(
        a
        for a in (await client.get(f"{UNIT}/assessment", headers=q1_editor)).json()["answers"]
        if a["indicator_code"] == "1.2"
    )
    assert answer["evidence"] == []

    # No final run during the window, nor after it while feedback waits; DIC answers it
    # (accepting means adjusting) in the final phase too.
    during = await client.post(f"{ROUND}/score-runs", json={"kind": "final"}, headers=evaluator)
    assert_problem(during, 409, "results.run_phase")
    await phase(client, approver, "final")
    blocked = await client.post(f"{ROUND}/score-runs", json={"kind": "final"}, headers=evaluator)
    assert_problem(blocked, 409, "results.feedback_open")
    closed = await client.post(
        f"{UNIT}/feedback", json={"indicator_code": "1.3", "body": "Muộn"}, headers=q1_editor
    )
    assert_problem(closed, 409, "feedback.window_closed")
    waiting = await client.get(f"{ROUND}/feedback", params={"status": "open"}, headers=evaluator)
    assert [(f["unit_code"], f["indicator_code"]) for f in waiting.json()] == [("Q1", "1.2")]
    bare = await client.post(
        f"{UNIT}/feedback/{feedback_id}/answer",
        json={"decision": "accepted", "reason": "Có biên bản."},
        headers=evaluator,
    )
    assert fields(assert_problem(bare, 422)) == ["points"]
    answered = await client.post(
        f"{UNIT}/feedback/{feedback_id}/answer",
        json={"decision": "accepted", "reason": "Biên bản hợp lệ: 4 cuộc họp.", "points": "10"},
        headers=evaluator,
    )
    assert answered.status_code == 200, answered.text
    assert answered.json()["status"] == "accepted"
    seen = (await client.get(f"{UNIT}/feedback", headers=q1_editor)).json()
    assert seen["window"]["open"] is False  # the round has left the preliminary phase
    assert seen["run_id"] == preliminary["id"]
    [item] = seen["items"]
    assert (item["status"], item["response"]) == ("accepted", "Biên bản hợp lệ: 4 cuộc họp.")
    assert [f["filename"] for f in item["files"]] == ["bien-ban.pdf"]
    again = await client.post(
        f"{UNIT}/feedback/{feedback_id}/answer",
        json={"decision": "rejected", "reason": "Đổi ý"},
        headers=evaluator,
    )
    assert_problem(again, 409, "feedback.answered")

    final = await run(client, evaluator, "final")
    assert final["shared_with_units"] is False
    assert final["input_hash"] != preliminary["input_hash"]
    result = await client.get(f"{ROUND}/score-runs/{final['id']}/results/Q1", headers=evaluator)
    explained = result.json()["explanations"]["1.2"]
    assert explained["points"] == "10.00"
    assert explained["adjustment"] == {"points": "10", "reason": "Biên bản hợp lệ: 4 cuộc họp."}
    hidden = await client.get(f"{ROUND}/score-runs/{final['id']}/results/Q1", headers=q1_editor)
    assert hidden.status_code == 404  # a final run is not shared before publication


async def test_the_window_closes_on_its_last_day(
    client: AsyncClient,
    session: AsyncSession,
    tokens: Tokens,
    q1_editor: dict[str, str],
    evaluator: dict[str, str],
    approver: dict[str, str],
) -> None:
    assert await builders.submitted_with_nil(session) == SubmissionStatus.submitted
    await phase(client, approver, "reviewing")
    await run(client, evaluator, "preliminary")
    await window(client, approver, -5, -1)
    await phase(client, approver, "preliminary")
    late = await client.post(
        f"{UNIT}/feedback", json={"indicator_code": "1.2", "body": "Muộn"}, headers=q1_editor
    )
    problem = assert_problem(late, 409, "feedback.window_closed")
    closes = (city_today() - dt.timedelta(days=1)).strftime("%d/%m/%Y")
    assert closes in problem["detail"]
    await window(client, approver, -5, 0)  # the last day itself is inside the window
    on_time = await client.post(
        f"{UNIT}/feedback", json={"indicator_code": "1.2", "body": "Kịp"}, headers=q1_editor
    )
    assert on_time.status_code == 201, on_time.text
    # A unit that never submitted has no reviewed answers to contest.
    so_tttt = await tokens.user("so-tttt.editor")
    never = await client.post(
        f"{assessment_url('SO-TTTT')}/feedback",
        json={"indicator_code": "1.2", "body": "Xem lại"},
        headers=so_tttt,
    )
    assert_problem(never, 409, "feedback.not_submitted")


async def test_after_publication_the_unit_reads_its_published_results(
    client: AsyncClient, session: AsyncSession, q1_editor: dict[str, str]
) -> None:
    """Issue 18: a unit's results page shows the published results once there are some; a final
    run not (yet) published stays DIC's, and a unit never reads another unit's results."""
    before = (await client.get(f"{UNIT}/feedback", headers=q1_editor)).json()
    assert (before["published_run_id"], before["published_version"]) == (None, None)

    await builders.valued_round(session)
    await builders.move(session, "reviewing", "preliminary", "final")
    unpublished = await builders.score_run(session, "final")
    publication = await builders.publish(session, await builders.score_run(session, "final"))
    found = (await client.get(f"{UNIT}/feedback", headers=q1_editor)).json()
    assert found["published_run_id"] == publication.score_run_id
    assert found["published_version"] == 1

    mine = await client.get(
        f"{ROUND}/score-runs/{publication.score_run_id}/results/Q1", headers=q1_editor
    )
    assert mine.status_code == 200, mine.text
    assert mine.json()["unit_code"] == "Q1"
    assert mine.json()["explanations"]
    other = await client.get(
        f"{ROUND}/score-runs/{publication.score_run_id}/results/Q3", headers=q1_editor
    )
    assert_problem(other, 404, "results.unit_not_found")
    hidden = await client.get(f"{ROUND}/score-runs/{unpublished.id}/results/Q1", headers=q1_editor)
    assert_problem(hidden, 404, "results.unit_not_found")
