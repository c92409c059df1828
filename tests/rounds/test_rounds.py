"""Rounds through the HTTP API: creation over an active framework with a snapshot of the
participating units, the phase machine and its history, schedules, deletion, demo rounds and
permissions."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient, Response

from tests.support.auth import Tokens
from tests.support.problems import assert_problem, fields

ROUNDS = "/api/v1/rounds"
FRAMEWORKS = "/api/v1/frameworks"
UNITS = "/api/v1/units"
CODE_2023 = "HCMC-DTI-2023"
FORWARD = ["collecting", "reviewing", "preliminary", "final", "published"]


async def framework_id(client: AsyncClient, headers: dict[str, str], code: str) -> int:
    response = await client.get(FRAMEWORKS, params={"limit": 500}, headers=headers)
    assert response.status_code == 200, response.text
    [found] = [f["id"] for f in response.json()["items"] if f["code"] == code]
    return int(found)


async def round_body(
    client: AsyncClient, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "year": 2024,
        "title_vi": "Đánh giá chỉ số CĐS năm 2024",
        "title_en": "2024 DX index assessment",
        "framework_id": await framework_id(client, headers, CODE_2023),
    }
    body.update(overrides)
    return body


async def real_rounds(client: AsyncClient, headers: dict[str, str], year: int) -> list[int]:
    """The ids of the year's rounds other than the demo ones (the seed has a demo round of 2024)."""
    listed = (await client.get(ROUNDS, params={"year": year}, headers=headers)).json()["items"]
    return [r["id"] for r in listed if not r["is_demo"]]


async def create_round(
    client: AsyncClient, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    response = await client.post(
        ROUNDS, json=await round_body(client, headers, **overrides), headers=headers
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def move(
    client: AsyncClient, headers: dict[str, str], round_id: int, phase: str, **extra: Any
) -> Response:
    return await client.post(
        f"{ROUNDS}/{round_id}/phase", json={"phase": phase, **extra}, headers=headers
    )


# --- creation -------------------------------------------------------------------------------


async def test_approver_creates_a_round(client: AsyncClient, approver: dict[str, str]) -> None:
    fw_id = await framework_id(client, approver, CODE_2023)
    created = await create_round(client, approver)
    assert created["phase"] == "draft"
    assert created["unit_count"] == 48
    assert created["groups"] == ["SBN", "QH"]
    assert created["year"] == 2024
    assert created["framework_id"] == fw_id
    assert created["framework_code"] == CODE_2023
    assert created["title"] == "Đánh giá chỉ số CĐS năm 2024"
    assert created["title_en"] == "2024 DX index assessment"
    assert created["is_demo"] is False
    assert created["next_phases"] == ["collecting"]
    assert created["schedule"] == {}

    response = await client.get(f"{ROUNDS}/{created['id']}", headers=approver)
    assert response.status_code == 200
    assert response.json() == created
    assert await real_rounds(client, approver, 2024) == [created["id"]]


async def test_round_units_list_participants_with_group(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    created = await create_round(client, approver)
    response = await client.get(f"{ROUNDS}/{created['id']}/units", headers=approver)
    assert response.status_code == 200
    participants = response.json()
    assert len(participants) == 48
    by_code = {p["unit_code"]: p for p in participants}
    assert by_code["Q1"] == {
        "unit_code": "Q1",
        "name_vi": "Quận 1",
        "name_en": "District 1",
        "kind": "district",
        "group": "QH",
    }
    assert by_code["SO-TTTT"]["group"] == "SBN"
    assert sum(1 for p in participants if p["group"] == "SBN") == 26
    assert sum(1 for p in participants if p["group"] == "QH") == 22
    assert not {"TPHCM", "CA-TP", "CUC-THUE"} & set(by_code)
    assert participants == sorted(participants, key=lambda p: (p["group"], p["unit_code"]))


async def test_round_of_one_group(client: AsyncClient, approver: dict[str, str]) -> None:
    created = await create_round(client, approver, groups=["QH"])
    assert created["unit_count"] == 22
    assert created["groups"] == ["QH"]
    participants = (await client.get(f"{ROUNDS}/{created['id']}/units", headers=approver)).json()
    assert {p["group"] for p in participants} == {"QH"}


async def test_round_of_chosen_units(client: AsyncClient, approver: dict[str, str]) -> None:
    created = await create_round(client, approver, unit_codes=["Q1", "SO-TTTT"])
    assert created["unit_count"] == 2
    assert created["groups"] == ["SBN", "QH"]
    response = await client.post(
        ROUNDS,
        json=await round_body(client, approver, groups=["QH"], unit_codes=["Q1", "SO-TTTT"]),
        headers=approver,
    )
    body = assert_problem(response, 422, "unit.unknown")
    assert fields(body) == ["unit_codes[1]"]


async def test_group_not_in_framework_is_422(client: AsyncClient, approver: dict[str, str]) -> None:
    response = await client.post(
        ROUNDS, json=await round_body(client, approver, groups=["QH", "TP"]), headers=approver
    )
    body = assert_problem(response, 422, "round.group_not_in_framework")
    assert fields(body) == ["groups[1]"]
    assert "TP" in body["errors"][0]["message"]
    response = await client.post(
        ROUNDS, json=await round_body(client, approver, groups=["NOPE"]), headers=approver
    )
    assert fields(assert_problem(response, 422, "round.group_not_in_framework")) == ["groups[0]"]


async def test_unknown_framework_is_422(client: AsyncClient, approver: dict[str, str]) -> None:
    response = await client.post(
        ROUNDS, json=await round_body(client, approver, framework_id=999999), headers=approver
    )
    assert fields(assert_problem(response, 422, "framework.not_found")) == ["framework_id"]


async def test_malformed_round_is_422(client: AsyncClient, approver: dict[str, str]) -> None:
    body = await round_body(client, approver, year=1999, title_vi="", surprise=True)
    del body["title_en"]
    response = await client.post(ROUNDS, json=body, headers=approver)
    problem = assert_problem(response, 422, "http.validation")
    assert set(fields(problem)) == {"year", "title_vi", "title_en", "surprise"}


async def test_round_over_a_draft_framework_is_409(
    client: AsyncClient, admin: dict[str, str], approver: dict[str, str]
) -> None:
    source = await framework_id(client, admin, CODE_2023)
    response = await client.post(
        f"{FRAMEWORKS}/{source}/clone", json={"code": "HCMC-DTI-2024-DRAFT"}, headers=admin
    )
    assert response.status_code == 201, response.text
    draft_id = response.json()["id"]
    response = await client.post(
        ROUNDS, json=await round_body(client, approver, framework_id=draft_id), headers=approver
    )
    body = assert_problem(response, 409, "framework.not_active")
    assert "HCMC-DTI-2024-DRAFT" in body["detail"]
    assert "draft" in body["detail"]
    assert await real_rounds(client, approver, 2024) == []


async def test_round_takes_the_units_valid_at_the_end_of_its_year(
    client: AsyncClient, admin: dict[str, str], approver: dict[str, str]
) -> None:
    ward = {
        "code": "P-SAI-GON",
        "name_vi": "Phường Sài Gòn",
        "name_en": "Saigon Ward",
        "kind": "ward",
        "groups": ["QH"],
        "valid_from": "2025-07-01",
    }
    assert (await client.post(UNITS, json=ward, headers=admin)).status_code == 201
    # Q4 takes part in the demo round collecting answers: closing it needs confirm_rounds.
    closing = {"valid_to": "2025-06-30", "confirm_rounds": True}
    response = await client.patch(f"{UNITS}/Q4", json=closing, headers=admin)
    assert response.status_code == 200
    before = await create_round(client, approver, year=2024, groups=["QH"])
    after = await create_round(client, approver, year=2025, groups=["QH"])
    assert before["unit_count"] == 22
    assert after["unit_count"] == 1  # the districts gone on 30/6/2025 (the seed), P-SAI-GON in
    codes_2024 = {
        p["unit_code"]
        for p in (await client.get(f"{ROUNDS}/{before['id']}/units", headers=approver)).json()
    }
    codes_2025 = {
        p["unit_code"]
        for p in (await client.get(f"{ROUNDS}/{after['id']}/units", headers=approver)).json()
    }
    assert "Q4" in codes_2024
    assert "P-SAI-GON" not in codes_2024
    assert "Q4" not in codes_2025
    assert "P-SAI-GON" in codes_2025
    # The snapshot stays as it was when the unit changes later.
    response = await client.patch(f"{UNITS}/Q1", json={"groups": ["SBN"]}, headers=admin)
    assert response.status_code == 200
    again = (await client.get(f"{ROUNDS}/{before['id']}/units", headers=approver)).json()
    assert {p["unit_code"]: p["group"] for p in again}["Q1"] == "QH"


async def test_evaluator_and_unit_users_cannot_create(
    client: AsyncClient,
    evaluator: dict[str, str],
    q1_editor: dict[str, str],
    viewer: dict[str, str],
) -> None:
    body = await round_body(client, evaluator)
    for headers in (evaluator, q1_editor, viewer):
        response = await client.post(ROUNDS, json=body, headers=headers)
        problem = assert_problem(response, 403, "auth.forbidden_role")
        assert "approver" in problem["detail"]
    assert_problem(await client.post(ROUNDS, json=body), 401, "auth.not_authenticated")
    assert await real_rounds(client, viewer, 2024) == []


async def test_admin_may_create_rounds(client: AsyncClient, admin: dict[str, str]) -> None:
    created = await create_round(client, admin)
    assert created["unit_count"] == 48


# --- phase machine --------------------------------------------------------------------------


async def test_phase_machine_forward(client: AsyncClient, approver: dict[str, str]) -> None:
    created = await create_round(client, approver)
    for phase in FORWARD[:-1]:
        response = await move(client, approver, created["id"], phase)
        assert response.status_code == 200, response.text
        assert response.json()["phase"] == phase
    final = (await client.get(f"{ROUNDS}/{created['id']}", headers=approver)).json()
    assert final["phase"] == "final"
    assert final["next_phases"] == []  # published is reached by publishing a final run
    response = await move(client, approver, created["id"], "published")
    assert_problem(response, 409, "round.publish_via_publication")


async def test_next_phases(client: AsyncClient, approver: dict[str, str]) -> None:
    created = await create_round(client, approver)
    expected = {
        "collecting": ["reviewing"],
        "reviewing": ["preliminary", "collecting"],
        "preliminary": ["final", "reviewing"],
        "final": [],
    }
    for phase in FORWARD[:-1]:
        response = await move(client, approver, created["id"], phase)
        assert response.json()["next_phases"] == expected[phase]


async def test_review_can_reopen_collection(client: AsyncClient, approver: dict[str, str]) -> None:
    created = await create_round(client, approver)
    for phase in ("collecting", "reviewing", "collecting", "reviewing", "preliminary", "reviewing"):
        response = await move(client, approver, created["id"], phase)
        assert response.status_code == 200, response.text
        assert response.json()["phase"] == phase


async def test_skipping_phases_is_409(client: AsyncClient, approver: dict[str, str]) -> None:
    created = await create_round(client, approver)
    response = await move(client, approver, created["id"], "published")
    body = assert_problem(response, 409, "round.phase_move")
    assert "draft" in body["detail"]
    assert "published" in body["detail"]
    assert "collecting" in body["detail"]  # the allowed move
    for phase in ("reviewing", "final", "draft"):
        assert_problem(await move(client, approver, created["id"], phase), 409, "round.phase_move")
    english = {**approver, "Accept-Language": "en"}
    body = assert_problem(await move(client, english, created["id"], "final"), 409)
    assert body["detail"] == "A round cannot move from phase draft to final. Allowed: collecting."
    # Nothing moved, nothing recorded.
    assert (await client.get(f"{ROUNDS}/{created['id']}", headers=approver)).json()[
        "phase"
    ] == "draft"
    history = await client.get(f"{ROUNDS}/{created['id']}/phase-history", headers=approver)
    assert history.json() == []


async def test_collecting_cannot_go_back_to_draft(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    created = await create_round(client, approver)
    assert (await move(client, approver, created["id"], "collecting")).status_code == 200
    assert_problem(await move(client, approver, created["id"], "draft"), 409, "round.phase_move")
    assert_problem(
        await move(client, approver, created["id"], "preliminary"), 409, "round.phase_move"
    )


async def test_published_round_only_reopens_for_a_correction(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    published = await units_2023(client, approver)
    assert published["next_phases"] == ["final"]
    for phase in ("draft", "collecting", "reviewing", "preliminary", "published"):
        body = assert_problem(await move(client, approver, published["id"], phase), 409)
        assert body["code"] == "round.phase_move"
    reopened = await move(client, approver, published["id"], "final")
    assert reopened.status_code == 200, reopened.text
    assert reopened.json()["next_phases"] == []  # back to published only by publishing again


async def test_unknown_phase_is_422(client: AsyncClient, approver: dict[str, str]) -> None:
    created = await create_round(client, approver)
    body = assert_problem(await move(client, approver, created["id"], "archived"), 422)
    assert body["code"] == "http.validation"
    assert fields(body) == ["phase"]


async def test_phase_move_of_unknown_round_is_404(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    assert_problem(await move(client, approver, 999999, "collecting"), 404, "round.not_found")
    assert_problem(await client.get(f"{ROUNDS}/999999", headers=approver), 404, "round.not_found")
    response = await client.get(f"{ROUNDS}/999999/units", headers=approver)
    assert_problem(response, 404, "round.not_found")
    response = await client.get(f"{ROUNDS}/999999/phase-history", headers=approver)
    assert_problem(response, 404, "round.not_found")


async def test_only_approvers_move_phases(
    client: AsyncClient,
    approver: dict[str, str],
    evaluator: dict[str, str],
    q1_editor: dict[str, str],
) -> None:
    created = await create_round(client, approver)
    for headers in (evaluator, q1_editor):
        response = await move(client, headers, created["id"], "collecting")
        assert_problem(response, 403, "auth.forbidden_role")
        assert_problem(await client.delete(f"{ROUNDS}/{created['id']}", headers=headers), 403)
        response = await client.patch(
            f"{ROUNDS}/{created['id']}", json={"title_en": "x"}, headers=headers
        )
        assert_problem(response, 403)
    assert (await client.get(f"{ROUNDS}/{created['id']}", headers=evaluator)).json()[
        "phase"
    ] == "draft"


async def test_phase_history_lists_the_moves(
    client: AsyncClient, approver: dict[str, str], viewer: dict[str, str]
) -> None:
    created = await create_round(client, approver)
    moves = ["collecting", "reviewing", "collecting", "reviewing", "preliminary"]
    for phase in moves:
        response = await move(client, approver, created["id"], phase, note=f"to {phase}")
        assert response.status_code == 200
    response = await client.get(f"{ROUNDS}/{created['id']}/phase-history", headers=viewer)
    assert response.status_code == 200
    history = response.json()
    assert [(h["from_phase"], h["to_phase"]) for h in history] == list(
        zip(["draft", *moves[:-1]], moves, strict=True)
    )
    assert {h["changed_by"] for h in history} == {"approver"}
    assert [h["note"] for h in history] == [f"to {phase}" for phase in moves]
    times = [h["changed_at"] for h in history]
    assert times == sorted(times)


# --- schedule, update, delete ---------------------------------------------------------------


async def test_schedule_is_stored(client: AsyncClient, approver: dict[str, str]) -> None:
    schedule = {
        "collecting": {"starts_on": "2024-04-01", "ends_on": "2024-11-30"},
        "reviewing": {"starts_at": "2024-12-01T08:00:00+07:00", "ends_on": None},
    }
    created = await create_round(client, approver, schedule=schedule)
    # Days are the city's: a phase starts at 00:00 and ends at 23:59:59 there (UTC+7).
    assert created["schedule"] == {
        "collecting": {
            "starts_at": "2024-03-31T17:00:00Z",
            "ends_at": "2024-11-30T16:59:59Z",
            "starts_on": "2024-04-01",
            "ends_on": "2024-11-30",
        },
        "reviewing": {
            "starts_at": "2024-12-01T01:00:00Z",
            "ends_at": None,
            "starts_on": "2024-12-01",
            "ends_on": None,
        },
    }
    response = await client.patch(
        f"{ROUNDS}/{created['id']}",
        json={"title_en": "Renamed", "schedule": {"final": {"ends_on": "2025-01-31"}}},
        headers=approver,
    )
    assert response.status_code == 200, response.text
    assert response.json()["title_en"] == "Renamed"
    assert response.json()["title_vi"] == created["title_vi"]
    assert response.json()["schedule"] == {
        "final": {
            "starts_at": None,
            "ends_at": "2025-01-31T16:59:59Z",
            "starts_on": None,
            "ends_on": "2025-01-31",
        }
    }


async def test_schedule_ending_before_it_starts_is_422(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    schedule = {"collecting": {"starts_on": "2024-04-01", "ends_on": "2024-03-31"}}
    response = await client.post(
        ROUNDS, json=await round_body(client, approver, schedule=schedule), headers=approver
    )
    body = assert_problem(response, 422, "round.schedule_order")
    assert fields(body) == ["schedule.collecting.ends_at"]
    assert "collecting" in body["errors"][0]["message"]
    assert await real_rounds(client, approver, 2024) == []

    created = await create_round(client, approver)
    response = await client.patch(
        f"{ROUNDS}/{created['id']}", json={"schedule": schedule}, headers=approver
    )
    assert fields(assert_problem(response, 422, "round.schedule_order")) == [
        "schedule.collecting.ends_at"
    ]


async def test_schedule_with_bad_date_is_422(client: AsyncClient, approver: dict[str, str]) -> None:
    schedule = {"collecting": {"starts_on": "2024-02-30"}}
    response = await client.post(
        ROUNDS, json=await round_body(client, approver, schedule=schedule), headers=approver
    )
    body = assert_problem(response, 422, "http.validation")
    assert fields(body) == ["schedule.collecting.starts_on"]


async def test_schedule_with_unknown_phase_is_422_naming_it(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    schedule = {"holidays": {"starts_on": "2024-01-01"}}
    response = await client.post(
        ROUNDS, json=await round_body(client, approver, schedule=schedule), headers=approver
    )
    body = assert_problem(response, 422, "http.validation")
    assert fields(body) == ["schedule.holidays"]
    assert "collecting" in body["errors"][0]["message"]


async def test_delete_non_draft_round_is_409(client: AsyncClient, approver: dict[str, str]) -> None:
    created = await create_round(client, approver)
    assert (await move(client, approver, created["id"], "collecting")).status_code == 200
    response = await client.delete(f"{ROUNDS}/{created['id']}", headers=approver)
    body = assert_problem(response, 409, "round.delete_not_draft")
    assert "collecting" in body["detail"]
    assert (await client.get(f"{ROUNDS}/{created['id']}", headers=approver)).status_code == 200


async def test_delete_draft_round_is_204(client: AsyncClient, approver: dict[str, str]) -> None:
    created = await create_round(client, approver)
    response = await client.delete(f"{ROUNDS}/{created['id']}", headers=approver)
    assert response.status_code == 204
    assert response.content == b""
    assert_problem(await client.get(f"{ROUNDS}/{created['id']}", headers=approver), 404)
    response = await client.delete(f"{ROUNDS}/{created['id']}", headers=approver)
    assert_problem(response, 404, "round.not_found")


async def test_deleting_a_draft_round_frees_its_units(
    client: AsyncClient, admin: dict[str, str], approver: dict[str, str]
) -> None:
    ward = {"code": "P-NEW", "name_vi": "Phường mới", "name_en": "New ward", "kind": "ward"}
    assert (
        await client.post(UNITS, json={**ward, "groups": ["QH"]}, headers=admin)
    ).status_code == 201
    created = await create_round(client, approver, groups=["QH"], unit_codes=["P-NEW"])
    assert_problem(await client.delete(f"{UNITS}/P-NEW", headers=admin), 409, "unit.in_use")
    assert (await client.delete(f"{ROUNDS}/{created['id']}", headers=approver)).status_code == 204
    assert (await client.delete(f"{UNITS}/P-NEW", headers=admin)).status_code == 204


# --- demo rounds ----------------------------------------------------------------------------


async def units_2023(client: AsyncClient, headers: dict[str, str]) -> dict[str, Any]:
    """The units' published 2023 demo round, the city's first assessed year."""
    rounds = (await client.get(ROUNDS, params={"year": 2023}, headers=headers)).json()["items"]
    [found] = [r for r in rounds if r["framework_code"] == CODE_2023]
    return dict(found)


async def test_demo_rounds_are_listed(client: AsyncClient, viewer: dict[str, str]) -> None:
    response = await client.get(ROUNDS, headers=viewer)
    assert response.status_code == 200
    body = response.json()
    demo = [r for r in body["items"] if r["is_demo"]]
    # Newest first: the merged city's 2025 assessment, the units' 2024 and 2023 assessments, and
    # the City's provincial DTI 2022 (the figures dti.gov.vn published).
    assert [(r["year"], r["phase"], r["framework_code"]) for r in demo] == [
        (2025, "collecting", "HCMC-DTI-2025"),
        (2024, "collecting", CODE_2023),
        (2023, "published", CODE_2023),
        (2022, "published", "DTI-922-PUBLISHED"),
    ]
    assert (demo[0]["groups"], demo[0]["unit_count"]) == (["SBN", "PXDK", "NGANH-DOC"], 192)
    assert "dữ liệu minh họa" in demo[0]["title_vi"]
    assert (demo[3]["groups"], demo[3]["unit_count"]) == (["TP"], 1)
    demo = [r for r in demo if r["framework_code"] == CODE_2023]
    for item in demo:
        assert item["framework_code"] == CODE_2023
        assert item["groups"] == ["SBN", "QH"]
        assert item["unit_count"] == 48
        assert "dữ liệu minh họa" in item["title_vi"]
    assert body["total"] == len(body["items"]) == 4


async def test_a_units_staff_see_which_rounds_their_unit_takes_part_in(
    client: AsyncClient, tokens: Tokens, q1_editor: dict[str, str], viewer: dict[str, str]
) -> None:
    """Quận 1 takes part in the units' 2024 and 2023 rounds, not in the merged city's 2025 one nor
    in the City's provincial figures; a caller without a unit is told nothing (null): the app
    opens unit staff on their newest round."""
    for headers, expected in (
        (q1_editor, [False, True, True, False]),  # not in the merged city's 2025 round
        (await tokens.user("sg.editor"), [True, False, False, False]),  # Phường Sài Gòn: 2025
        (viewer, [None, None, None, None]),
    ):
        items = (await client.get(ROUNDS, headers=headers)).json()["items"]
        demo = [r for r in items if r["is_demo"]]
        assert [r["takes_part"] for r in demo] == expected
        one = (await client.get(f"{ROUNDS}/{demo[-1]['id']}", headers=headers)).json()
        assert one["takes_part"] == expected[-1]


async def test_demo_round_history_walked_the_machine(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    published = await units_2023(client, viewer)
    response = await client.get(f"{ROUNDS}/{published['id']}/phase-history", headers=viewer)
    history = response.json()
    assert [h["to_phase"] for h in history] == FORWARD
    assert all(h["changed_by"] is None for h in history)
    assert all(h["note"] == "Dữ liệu minh họa / demo data" for h in history[:-1])
    assert history[-1]["note"] == "v1"  # published by publishing its final run


async def test_published_demo_round_cannot_be_deleted(
    client: AsyncClient, approver: dict[str, str]
) -> None:
    published = await units_2023(client, approver)
    response = await client.delete(f"{ROUNDS}/{published['id']}", headers=approver)
    assert_problem(response, 409, "round.delete_not_draft")


async def test_rounds_need_sign_in(client: AsyncClient) -> None:
    assert_problem(await client.get(ROUNDS), 401, "auth.not_authenticated")


async def test_rounds_pagination(client: AsyncClient, viewer: dict[str, str]) -> None:
    # Newest first: 2025 (the merged city), 2024, 2023, then the provincial figures of 2022.
    response = await client.get(ROUNDS, params={"limit": 1, "offset": 3}, headers=viewer)
    body = response.json()
    assert body["total"] == 4
    assert [(r["year"], r["framework_code"]) for r in body["items"]] == [
        (2022, "DTI-922-PUBLISHED")
    ]
