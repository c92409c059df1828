"""Participants: a new round takes the units of its groups valid on its reference date (the
preview shows which); while it is a draft units are added and removed, and once collecting has
started the list is fixed. Only approvers and admins change it."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient

from tests.rounds.test_rounds import CODE_2023, ROUNDS, UNITS, create_round, framework_id, move
from tests.support.auth import Tokens
from tests.support.problems import assert_problem, fields

PREVIEW = f"{ROUNDS}/participants-preview"


async def codes(client: AsyncClient, headers: dict[str, str], round_id: int) -> dict[str, str]:
    response = await client.get(f"{ROUNDS}/{round_id}/units", headers=headers)
    assert response.status_code == 200, response.text
    return {p["unit_code"]: p["group"] for p in response.json()}


async def new_ward(client: AsyncClient, admin: dict[str, str], **fields_: Any) -> None:
    ward = {"name_vi": "Phường mới", "name_en": "New ward", "kind": "ward", **fields_}
    response = await client.post(UNITS, json=ward, headers=admin)
    assert response.status_code == 201, response.text


async def test_the_preview_is_what_the_round_takes(
    client: AsyncClient, admin: dict[str, str], approver: dict[str, str]
) -> None:
    await new_ward(client, admin, code="P-SAI-GON", groups=["QH"], valid_from="2025-07-01")
    fw = await framework_id(client, approver, CODE_2023)
    params: dict[str, Any] = {"framework_id": fw, "reference_date": "2025-06-30", "groups": "QH"}
    before = await client.get(PREVIEW, params=params, headers=approver)
    assert before.status_code == 200, before.text
    assert len(before.json()) == 22
    assert "P-SAI-GON" not in {p["unit_code"] for p in before.json()}
    after = await client.get(
        PREVIEW, params={**params, "reference_date": "2025-07-01"}, headers=approver
    )
    assert "P-SAI-GON" in {p["unit_code"] for p in after.json()}
    both = await client.get(
        PREVIEW,
        params=[
            ("framework_id", fw),
            ("reference_date", "2025-07-01"),
            ("groups", "SBN"),
            ("groups", "QH"),
        ],
        headers=approver,
    )
    # 1 July 2025: the departments of after March 2025 (21), the districts closed, the new ward.
    assert len(both.json()) == 22
    assert both.json() == sorted(both.json(), key=lambda p: (p["group"], p["unit_code"]))

    created = await create_round(
        client, approver, year=2025, groups=["QH"], reference_date="2025-07-01"
    )
    assert created["reference_date"] == "2025-07-01"
    assert set(await codes(client, approver, created["id"])) == {
        p["unit_code"] for p in after.json()
    }

    response = await client.get(PREVIEW, params={**params, "groups": "TP"}, headers=approver)
    assert fields(assert_problem(response, 422, "round.group_not_in_framework")) == ["groups[0]"]
    response = await client.get(
        PREVIEW, params={**params, "framework_id": 999999}, headers=approver
    )
    assert_problem(response, 422, "framework.not_found")


async def test_units_are_added_and_removed_while_draft(
    client: AsyncClient, admin: dict[str, str], approver: dict[str, str]
) -> None:
    created = await create_round(client, approver, unit_codes=["Q1"])
    url = f"{ROUNDS}/{created['id']}/units"
    response = await client.post(url, json={"unit_codes": ["Q3", "SO-TTTT"]}, headers=approver)
    assert response.status_code == 200, response.text
    assert {p["unit_code"]: p["group"] for p in response.json()} == {
        "Q1": "QH",
        "Q3": "QH",
        "SO-TTTT": "SBN",
    }
    # Each added unit has its (empty) assessment, as at creation.
    response = await client.get(f"{url}/Q3/assessment", headers=approver)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "not_started"
    assert (await client.get(f"{ROUNDS}/{created['id']}", headers=approver)).json()[
        "unit_count"
    ] == 3

    response = await client.delete(f"{url}/Q3", headers=admin)
    assert response.status_code == 204, response.text
    assert set(await codes(client, approver, created["id"])) == {"Q1", "SO-TTTT"}
    assert_problem(await client.get(f"{url}/Q3/assessment", headers=approver), 404)
    assert_problem(
        await client.delete(f"{url}/Q3", headers=approver), 404, "round.unit_not_taking_part"
    )

    events = (
        await client.get(
            "/api/v1/audit-events",
            params={"object_type": "round", "object_id": str(created["id"])},
            headers=admin,
        )
    ).json()["items"]
    by_action = {e["action"]: e for e in events}
    assert by_action["round.participants_add"]["after"] == {"units": {"Q3": "QH", "SO-TTTT": "SBN"}}
    assert by_action["round.participants_add"]["actor"] == "approver"
    assert by_action["round.participants_remove"]["before"] == {"units": {"Q3": "QH"}}
    assert by_action["round.participants_remove"]["actor"] == "admin"


async def test_adding_checks_every_unit_and_adds_none_on_a_fault(
    client: AsyncClient, admin: dict[str, str], approver: dict[str, str]
) -> None:
    await new_ward(client, admin, code="P-LATER", groups=["QH"], valid_from="2026-01-01")
    await new_ward(client, admin, code="P-NOGROUP")
    created = await create_round(client, approver, unit_codes=["Q1"])
    url = f"{ROUNDS}/{created['id']}/units"
    body = {"unit_codes": ["Q3", "NOPE", "Q1", "P-LATER", "P-NOGROUP", "Q3"]}
    response = await client.post(url, json=body, headers=approver)
    problem = assert_problem(response, 422, "http.validation")
    assert fields(problem) == [
        "unit_codes[1]",
        "unit_codes[2]",
        "unit_codes[3]",
        "unit_codes[4]",
        "unit_codes[5]",
    ]
    messages = [e["message"] for e in problem["errors"]]
    assert "NOPE" in messages[0]
    assert "Q1 đã tham gia" in messages[1]
    assert "31/12/2024" in messages[2]
    assert "SBN, QH" in messages[3]
    assert set(await codes(client, approver, created["id"])) == {"Q1"}
    response = await client.post(url, json={"unit_codes": []}, headers=approver)
    assert fields(assert_problem(response, 422)) == ["unit_codes"]


async def test_the_last_unit_stays(client: AsyncClient, approver: dict[str, str]) -> None:
    created = await create_round(client, approver, unit_codes=["Q1"])
    response = await client.delete(f"{ROUNDS}/{created['id']}/units/Q1", headers=approver)
    assert_problem(response, 409, "round.last_unit")


async def test_participants_are_fixed_once_collecting_starts(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    created = await create_round(client, approver, unit_codes=["Q1", "Q3"])
    assert (await move(client, approver, created["id"], "collecting")).status_code == 200
    url = f"{ROUNDS}/{created['id']}/units"
    english = {**approver, "Accept-Language": "en"}
    response = await client.post(url, json={"unit_codes": ["Q5"]}, headers=english)
    body = assert_problem(response, 409, "round.participants_locked")
    assert body["detail"] == (
        "Participants can change only while the round is a draft, before collecting starts "
        "(it is collecting)."
    )
    assert_problem(await client.delete(f"{url}/Q3", headers=approver), 409)
    assert set(await codes(client, approver, created["id"])) == {"Q1", "Q3"}


async def test_only_approvers_and_admins_change_participants(
    client: AsyncClient,
    tokens: Tokens,
    approver: dict[str, str],
    evaluator: dict[str, str],
    q1_editor: dict[str, str],
    q1_head: dict[str, str],
    viewer: dict[str, str],
) -> None:
    created = await create_round(client, approver, unit_codes=["Q1", "Q3"])
    url = f"{ROUNDS}/{created['id']}/units"
    fw = await framework_id(client, approver, CODE_2023)
    provider = await tokens.client("cuc-thue")
    for headers in (evaluator, q1_editor, q1_head, viewer, provider):
        response = await client.get(
            PREVIEW, params={"framework_id": fw, "reference_date": "2024-12-31"}, headers=headers
        )
        assert_problem(response, 403, "auth.forbidden_role")
        response = await client.post(url, json={"unit_codes": ["Q5"]}, headers=headers)
        assert_problem(response, 403, "auth.forbidden_role")
        assert_problem(await client.delete(f"{url}/Q3", headers=headers), 403)
    assert_problem(await client.post(url, json={"unit_codes": ["Q5"]}), 401)
    assert set(await codes(client, approver, created["id"])) == {"Q1", "Q3"}
