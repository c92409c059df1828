"""A round's schedule: phase times entered in city time (UTC+7) and kept in UTC, in order and
without overlap (every field at fault named); the reference date and the auto-advance switch."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.rounds.test_rounds import ROUNDS, create_round, real_rounds, round_body
from tests.support.auth import Tokens
from tests.support.problems import assert_problem, fields

FULL = {
    "collecting": {
        "starts_at": "2025-04-01T08:00:00+07:00",
        "ends_at": "2025-11-30T17:00:00+07:00",
    },
    "reviewing": {"starts_at": "2025-12-01T08:00:00+07:00", "ends_at": "2025-12-20T17:00:00+07:00"},
    "preliminary": {"starts_on": "2025-12-22", "ends_on": "2026-01-05"},
    "final": {"starts_on": "2026-01-06", "ends_on": "2026-01-15"},
    "published": {"starts_at": "2026-01-20T09:00:00+07:00"},
}


async def post(client: AsyncClient, headers: dict[str, str], schedule: dict[str, Any]) -> Any:
    return await client.post(
        ROUNDS, json=await round_body(client, headers, schedule=schedule), headers=headers
    )


async def test_times_are_kept_in_utc_and_days_are_the_citys(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    created = await create_round(client, approver, schedule=FULL)
    schedule = created["schedule"]
    assert list(schedule) == ["collecting", "reviewing", "preliminary", "final", "published"]
    assert schedule["collecting"] == {
        "starts_at": "2025-04-01T01:00:00Z",
        "ends_at": "2025-11-30T10:00:00Z",
        "starts_on": "2025-04-01",
        "ends_on": "2025-11-30",
    }
    # A day in the city begins at 00:00 there (17:00 UTC the day before) and ends at 23:59:59.
    assert schedule["preliminary"]["starts_at"] == "2025-12-21T17:00:00Z"
    assert schedule["preliminary"]["starts_on"] == "2025-12-22"
    assert schedule["final"]["ends_at"] == "2026-01-15T16:59:59Z"
    assert schedule["published"] == {
        "starts_at": "2026-01-20T02:00:00Z",
        "ends_at": None,
        "starts_on": "2026-01-20",
        "ends_on": None,
    }
    # The same instant in another offset is the same time.
    response = await client.patch(
        f"{ROUNDS}/{created['id']}",
        json={"schedule": {"collecting": {"starts_at": "2025-04-01T01:00:00Z"}}},
        headers=approver,
    )
    assert response.json()["schedule"]["collecting"]["starts_at"] == "2025-04-01T01:00:00Z"


async def test_a_phase_may_not_begin_before_the_one_before_ends(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    schedule = {
        **FULL,
        "reviewing": {"starts_at": "2025-11-30T16:00:00+07:00", "ends_at": None},
    }
    body = assert_problem(await post(client, approver, schedule), 422, "round.schedule_overlap")
    assert fields(body) == ["schedule.reviewing.starts_at"]
    english = {**approver, "Accept-Language": "en"}
    body = assert_problem(await post(client, english, schedule), 422)
    assert body["errors"][0]["message"] == (
        "Phase reviewing cannot begin before phase collecting ends (30/11/2025 17:00, "
        "Ho Chi Minh City time)."
    )
    # Touching is allowed: reviewing may start the moment collecting ends.
    touching = {**FULL, "reviewing": {"starts_at": "2025-11-30T17:00:00+07:00"}}
    assert (await post(client, approver, touching)).status_code == 201


async def test_every_field_at_fault_is_named_at_once(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    schedule = {
        "collecting": {"starts_on": "2025-04-01", "ends_on": "2025-03-01"},  # ends before start
        "reviewing": {"starts_on": "2025-02-01"},  # before collecting ends (and starts)
        "final": {"starts_at": "2025-05-01T00:00:00+07:00", "starts_on": "2025-05-01"},  # both
        "draft": {"starts_on": "2025-01-01"},  # never scheduled
    }
    response = await post(client, approver, schedule)
    body = assert_problem(response, 422, "http.validation")
    assert sorted(fields(body)) == [
        "schedule.collecting.ends_at",
        "schedule.draft",
        "schedule.final.starts_on",
        "schedule.reviewing.starts_at",
    ]
    assert body["error_count"] == 4
    assert await real_rounds(client, approver, 2024) == []


async def test_without_an_end_the_next_phase_follows_the_start(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    schedule = {
        "collecting": {"starts_on": "2025-04-01"},
        "reviewing": {"starts_on": "2025-03-01", "ends_on": "2025-12-31"},
    }
    body = assert_problem(await post(client, approver, schedule), 422, "round.schedule_sequence")
    assert fields(body) == ["schedule.reviewing.starts_at"]
    # Phases left out are skipped: collecting then final is in order.
    schedule = {"collecting": {"ends_on": "2025-11-30"}, "final": {"starts_on": "2026-01-06"}}
    assert (await post(client, approver, schedule)).status_code == 201


async def test_a_time_needs_its_offset_and_a_plausible_year(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    naive = {"collecting": {"starts_at": "2025-04-01T08:00:00"}}
    body = assert_problem(await post(client, approver, naive), 422, "http.validation")
    assert fields(body) == ["schedule.collecting.starts_at"]
    far = {"collecting": {"starts_at": "9999-12-31T23:00:00-12:00", "ends_on": "0001-01-01"}}
    body = assert_problem(await post(client, approver, far), 422, "http.validation")
    assert sorted(fields(body)) == ["schedule.collecting.ends_on", "schedule.collecting.starts_at"]
    assert "2000" in body["errors"][0]["message"]


async def test_reference_date_and_auto_advance(
    client: AsyncClient, approver: dict[str, str], admin: dict[str, str]
) -> None:
    created = await create_round(client, approver)
    assert created["reference_date"] == "2024-12-31"  # the year's end unless chosen
    assert created["auto_advance"] is False
    chosen = await create_round(client, approver, reference_date="2024-06-30", auto_advance=True)
    assert (chosen["reference_date"], chosen["auto_advance"]) == ("2024-06-30", True)

    response = await client.patch(
        f"{ROUNDS}/{created['id']}", json={"auto_advance": True}, headers=approver
    )
    assert response.status_code == 200, response.text
    assert response.json()["auto_advance"] is True
    response = await client.patch(
        f"{ROUNDS}/{created['id']}", json={"auto_advance": None}, headers=approver
    )
    assert fields(assert_problem(response, 422)) == ["auto_advance"]

    events = await client.get(
        "/api/v1/audit-events",
        params={"action": "round.update", "object_id": str(created["id"])},
        headers=admin,
    )
    [event] = events.json()["items"]
    assert (event["actor"], event["before"], event["after"]) == (
        "approver",
        {"auto_advance": False},
        {"auto_advance": True},
    )


async def test_only_approvers_and_admins_create_and_reschedule(
    client: AsyncClient,
    tokens: Tokens,
    approver: dict[str, str],
    admin: dict[str, str],
    evaluator: dict[str, str],
    q1_editor: dict[str, str],
    q1_head: dict[str, str],
    viewer: dict[str, str],
) -> None:
    created = await create_round(client, admin, schedule=FULL, auto_advance=True)
    provider = await tokens.client("cuc-thue")
    body = await round_body(client, approver, schedule=FULL)
    change = {"schedule": {"final": {"ends_on": "2026-02-01"}}, "auto_advance": False}
    for headers in (evaluator, q1_editor, q1_head, viewer, provider):
        assert_problem(await client.post(ROUNDS, json=body, headers=headers), 403)
        response = await client.patch(f"{ROUNDS}/{created['id']}", json=change, headers=headers)
        assert_problem(response, 403, "auth.forbidden_role")
    unchanged = (await client.get(f"{ROUNDS}/{created['id']}", headers=approver)).json()
    assert unchanged["schedule"] == created["schedule"]
    assert unchanged["auto_advance"] is True
    response = await client.patch(f"{ROUNDS}/{created['id']}", json=change, headers=admin)
    assert response.status_code == 200, response.text
    assert response.json()["auto_advance"] is False
