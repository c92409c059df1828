"""The home page's to-do list: a section for each role the caller holds, counted from the data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from httpx import AsyncClient
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import SubmissionStatus
from api.auth.models import ApiClient
from api.core.clock import city_today
from tests.support import builders
from tests.support.auth import Headers, Tokens
from tests.support.problems import assert_problem

TODO_URL = "/api/v1/me/todo"


async def todo(client: AsyncClient, headers: Headers) -> dict[str, Any]:
    response = await client.get(TODO_URL, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def items(section: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {item["key"]: item for item in section["items"]}


def sections(body: dict[str, Any]) -> list[str]:
    return [s["section"] for s in body["sections"]]


def section_of(body: dict[str, Any], section: str, round_id: int) -> dict[str, Any]:
    [found] = [s for s in body["sections"] if (s["section"], s["round_id"]) == (section, round_id)]
    return found


async def set_deadline(
    client: AsyncClient, approver: Headers, ends_on: dt.date, round_id: int = 1
) -> None:
    schedule = {"collecting": {"starts_on": "2023-10-01", "ends_on": ends_on.isoformat()}}
    response = await client.patch(
        f"/api/v1/rounds/{round_id}", json={"schedule": schedule}, headers=approver
    )
    assert response.status_code == 200, response.text


async def test_a_focal_person_sees_answers_left_returned_and_the_deadline(
    client: AsyncClient,
    session: AsyncSession,
    approver: Headers,
    q1_editor: Headers,
    q1_head: Headers,
) -> None:
    deadline = city_today() + dt.timedelta(days=5)
    await set_deadline(client, approver, deadline)
    body = await todo(client, q1_editor)
    assert sections(body) == ["unit"]
    [unit] = body["sections"]
    assert (unit["round_id"], unit["unit_code"]) == (1, "Q1")
    mine = items(unit)
    assert set(mine) == {"answers_left", "returned", "deadline"}  # submitting is the head's
    assert mine["answers_left"]["count"] > 0
    assert mine["answers_left"]["done"] is False
    assert (mine["returned"]["count"], mine["returned"]["done"]) == (0, True)
    assert (mine["deadline"]["date"], mine["deadline"]["count"]) == (deadline.isoformat(), 5)

    # The head: everything answered (nil answers need no evidence), so ready to submit; then done.
    await builders.answer_all_with_nil(session)
    head = items((await todo(client, q1_head))["sections"][0])
    assert (head["answers_left"]["count"], head["answers_left"]["done"]) == (0, True)
    assert (head["submit"]["count"], head["submit"]["done"]) == (0, False)
    await builders.submit(session)
    head = items((await todo(client, q1_head))["sections"][0])
    assert head["submit"]["done"] is True
    assert head["deadline"]["date"] is None  # nothing more is due from the unit


async def test_an_evaluator_sees_the_queue_and_the_late_units(
    client: AsyncClient, session: AsyncSession, approver: Headers, evaluator: Headers
) -> None:
    await set_deadline(client, approver, city_today() - dt.timedelta(days=1))
    before = items(section_of(await todo(client, evaluator), "review", 1))
    late = before["late_units"]["count"]
    assert late > 1
    assert (before["to_review"]["count"], before["to_review"]["done"]) == (0, True)
    assert await builders.submitted_with_nil(session) == SubmissionStatus.submitted
    body = await todo(client, evaluator)
    # One section per open round, newest first: the demo 2025 round (no deadline yet), then 2024.
    assert [(s["section"], s["round_id"]) for s in body["sections"]] == [
        ("review", 4),
        ("review", 1),
    ]
    assert {item["key"]: item["count"] for item in body["sections"][0]["items"]} == {
        "to_review": 0,
        "awaiting_units": 0,
        "late_units": 0,
    }
    after = items(section_of(body, "review", 1))
    assert (after["to_review"]["count"], after["to_review"]["done"]) == (1, False)
    assert after["late_units"]["count"] == late - 1
    assert after["awaiting_units"]["count"] == 0


async def test_an_approver_sees_runs_waiting_and_rounds_to_publish(
    client: AsyncClient, session: AsyncSession, approver: Headers
) -> None:
    body = await todo(client, approver)
    assert sections(body) == ["approve", "review", "review"]  # the demo 2025 and 2024 rounds
    approve = items(body["sections"][0])
    assert approve["runs_waiting"]["count"] == 0
    assert approve["rounds_to_publish"]["done"] is True
    await builders.valued_round(session)
    await builders.move(session, "reviewing", "preliminary", "final")
    run = await builders.score_run(session, kind="final")
    approve = items((await todo(client, approver))["sections"][0])
    assert (approve["runs_waiting"]["count"], approve["rounds_to_publish"]["count"]) == (1, 1)
    await builders.publish(session, run)
    approve = items((await todo(client, approver))["sections"][0])
    assert (approve["runs_waiting"]["count"], approve["rounds_to_publish"]["count"]) == (0, 0)


async def test_an_admin_sees_the_years_setup_checklist(
    client: AsyncClient, session: AsyncSession, admin: Headers, approver: Headers
) -> None:
    body = await todo(client, admin)
    assert sections(body) == ["setup", "approve", "review", "review"]
    setup = body["sections"][0]
    assert setup["round_id"] == 4  # the newest round not yet published: the demo 2025 round
    checklist = items(setup)
    assert list(checklist) == [
        "framework_active",
        "units",
        "accounts",
        "api_clients",
        "round",
        "schedule",
    ]
    assert checklist["framework_active"]["done"] is True
    assert checklist["units"]["count"] > 40
    # Of the 2025 round's units, only Phường Sài Gòn has accounts in the demo (Q1 and SO-TTTT,
    # which have too, are not in it).
    assert checklist["accounts"]["done"] is False
    assert checklist["accounts"]["count"] == 168 + 21 + 3 - 1
    assert checklist["api_clients"]["done"] is True
    assert (checklist["round"]["count"], checklist["round"]["done"]) == (2025, True)
    assert checklist["schedule"]["done"] is False

    await set_deadline(client, approver, dt.date(2026, 12, 15), round_id=4)
    await session.execute(update(ApiClient).values(is_active=False))
    checklist = items((await todo(client, admin))["sections"][0])
    assert (checklist["schedule"]["date"], checklist["schedule"]["done"]) == ("2026-12-15", True)
    assert (checklist["api_clients"]["count"], checklist["api_clients"]["done"]) == (0, False)


async def test_viewers_and_agency_staff_have_nothing_to_do_and_clients_no_list(
    client: AsyncClient, tokens: Tokens, viewer: Headers
) -> None:
    assert (await todo(client, viewer))["sections"] == []
    assert (await todo(client, await tokens.user("cuc-thue.staff")))["sections"] == []
    assert_problem(await client.get(TODO_URL, headers=await tokens.client("cuc-thue")), 403)
    assert_problem(await client.get(TODO_URL), 401)
