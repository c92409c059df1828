"""Closing units, mergers and splits through the API: a closed unit is kept; closing one of a
round in progress needs the admin's confirmation; a merger or split is written all at once
(successors, lineage links, predecessors closed the day before) or refused field by field with
nothing written; the lineage shows in the unit's history; only an admin may do any of it."""

from __future__ import annotations

from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.audit.models import AuditEvent
from api.rounds.models import Phase, Round
from api.units.models import Unit
from tests.support.auth import Tokens
from tests.support.problems import assert_problem, fields

UNITS = "/api/v1/units"
REORGANISE = "/api/v1/unit-reorganisations"


def ward(code: str, **extra: Any) -> dict[str, Any]:
    return {"code": code, "name_vi": f"Phường {code}", "name_en": f"{code} Ward", "kind": "ward"}


async def make(client: AsyncClient, admin: dict[str, str], code: str, **extra: Any) -> None:
    response = await client.post(UNITS, json={**ward(code), **extra}, headers=admin)
    assert response.status_code == 201, response.text


async def events(session: AsyncSession, action: str, object_id: str) -> list[AuditEvent]:
    rows = await session.scalars(
        select(AuditEvent)
        .where(AuditEvent.action == action, AuditEvent.object_id == object_id)
        .order_by(AuditEvent.id)
    )
    return list(rows)


def merger(**extra: Any) -> dict[str, Any]:
    """Phường Sài Gòn from 1/7/2025: all of Bến Nghé and a part of Đa Kao (domain README)."""
    return {
        "kind": "merger",
        "effective_on": "2025-07-01",
        "predecessors": [
            {"code": "P-BEN-NGHE", "share": "whole"},
            {"code": "P-DA-KAO", "share": "part"},
        ],
        "successors": [
            {
                "mode": "new",
                "code": "P-SAI-GON",
                "name_vi": "Phường Sài Gòn",
                "name_en": "Sai Gon Ward",
                "kind": "ward",
                "groups": ["QH"],
            }
        ],
        **extra,
    }


async def old_wards(client: AsyncClient, admin: dict[str, str]) -> None:
    for code in ("P-BEN-NGHE", "P-DA-KAO"):
        await make(client, admin, code, parent_code="Q1", valid_from="2000-01-01")


# --- closing --------------------------------------------------------------------------------


async def test_closing_a_unit_keeps_it_with_its_last_day(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    await make(client, admin, "P-OLD", valid_from="2000-01-01")
    response = await client.post(
        f"{UNITS}/P-OLD/close", json={"valid_to": "2024-12-31"}, headers=admin
    )
    assert response.status_code == 200, response.text
    assert response.json()["valid_to"] == "2024-12-31"
    kept = await client.get(f"{UNITS}/P-OLD", headers=admin)
    assert kept.status_code == 200
    assert kept.json()["valid_to"] == "2024-12-31"
    listed = await client.get(UNITS, params={"kind": "ward", "limit": 500}, headers=admin)
    assert "P-OLD" not in [u["code"] for u in listed.json()["items"]]
    [event] = await events(session, "unit.close", "P-OLD")
    assert event.before is not None
    assert event.before["valid_to"] is None
    assert event.after is not None
    assert event.after["valid_to"] == "2024-12-31"
    assert event.actor == "admin"


async def test_closing_twice_or_before_the_first_day_is_refused(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    await make(client, admin, "P-OLD", valid_from="2020-01-01")
    response = await client.post(
        f"{UNITS}/P-OLD/close", json={"valid_to": "2019-12-31"}, headers=admin
    )
    assert fields(assert_problem(response, 422, "unit.dates_order")) == ["valid_to"]
    ok = await client.post(f"{UNITS}/P-OLD/close", json={"valid_to": "2024-12-31"}, headers=admin)
    assert ok.status_code == 200
    again = await client.post(
        f"{UNITS}/P-OLD/close", json={"valid_to": "2025-12-31"}, headers=admin
    )
    body = assert_problem(again, 409, "unit.already_closed")
    assert "2024-12-31" in body["detail"]
    missing = await client.post(
        f"{UNITS}/NOPE/close", json={"valid_to": "2025-12-31"}, headers=admin
    )
    assert_problem(missing, 404, "unit.not_found")


async def test_closing_a_unit_of_a_collecting_round_needs_confirmation(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    # SO-TP takes part in the demo 2024 and 2025 rounds, both collecting answers.
    response = await client.post(
        f"{UNITS}/SO-TP/close", json={"valid_to": "2025-06-30"}, headers=admin
    )
    body = assert_problem(response, 409, "unit.close_in_round")
    assert body["unit_codes"] == ["SO-TP"]
    assert sorted((r["id"], r["phase"]) for r in body["rounds"]) == [
        (1, "collecting"),
        (4, "collecting"),
    ]
    assert "SO-TP" in body["detail"]
    assert (await client.get(f"{UNITS}/SO-TP", headers=admin)).json()["valid_to"] is None
    assert await events(session, "unit.close", "SO-TP") == []

    confirmed = await client.post(
        f"{UNITS}/SO-TP/close",
        json={"valid_to": "2025-06-30", "confirm_rounds": True},
        headers=admin,
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["valid_to"] == "2025-06-30"
    [event] = await events(session, "unit.close", "SO-TP")
    assert event.after is not None
    assert [r["phase"] for r in event.after["rounds_confirmed"]] == ["collecting"] * 2


async def test_a_round_past_collecting_does_not_hold_a_unit_back(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    await session.execute(update(Round).values(phase=Phase.reviewing))
    response = await client.post(
        f"{UNITS}/SO-CT/close", json={"valid_to": "2025-06-30"}, headers=admin
    )
    assert response.status_code == 200, response.text


async def test_reopening_by_edit_clears_the_end_date(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    await make(client, admin, "P-OLD", valid_to="2024-12-31")
    response = await client.patch(f"{UNITS}/P-OLD", json={"valid_to": None}, headers=admin)
    assert response.status_code == 200
    assert response.json()["valid_to"] is None


# --- mergers --------------------------------------------------------------------------------


async def test_a_merger_is_recorded_and_visible_in_history(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    await old_wards(client, admin)
    response = await client.post(REORGANISE, json=merger(note="NQ 1685/NQ-UBTVQH15"), headers=admin)
    assert response.status_code == 201, response.text
    body = response.json()
    [successor] = body["successors"]
    assert successor["code"] == "P-SAI-GON"
    assert successor["valid_from"] == "2025-07-01"
    assert successor["groups"] == ["QH"]
    assert successor["predecessors"] == ["P-BEN-NGHE", "P-DA-KAO"]
    closing = {u["code"]: u["valid_to"] for u in body["predecessors"]}
    # Bến Nghé went whole: it ends the day before; Đa Kao gave a part and goes on.
    assert closing == {"P-BEN-NGHE": "2025-06-30", "P-DA-KAO": None}
    assert sorted((x["predecessor_code"], x["share"]) for x in body["links"]) == [
        ("P-BEN-NGHE", "whole"),
        ("P-DA-KAO", "part"),
    ]

    history = (await client.get(f"{UNITS}/P-SAI-GON/history", headers=admin)).json()
    assert [u["code"] for u in history["ancestors"]] == ["P-BEN-NGHE", "P-DA-KAO"]
    assert history["links"] == [
        {
            "predecessor_code": "P-BEN-NGHE",
            "successor_code": "P-SAI-GON",
            "share": "whole",
            "effective_on": "2025-07-01",
            "note": None,
            "unverified": False,
        },
        {
            "predecessor_code": "P-DA-KAO",
            "successor_code": "P-SAI-GON",
            "share": "part",
            "effective_on": "2025-07-01",
            "note": None,
            "unverified": False,
        },
    ]
    old = (await client.get(f"{UNITS}/P-BEN-NGHE/history", headers=admin)).json()
    assert [u["code"] for u in old["successors"]] == ["P-SAI-GON"]
    assert [u["code"] for u in old["descendants"]] == ["P-SAI-GON"]

    [merge] = await events(session, "unit.merge", "P-SAI-GON")
    assert merge.after is not None
    assert merge.after["effective_on"] == "2025-07-01"
    assert merge.after["note"] == "NQ 1685/NQ-UBTVQH15"
    assert merge.after["predecessors"] == [
        {"code": "P-BEN-NGHE", "share": "whole", "closed": True},
        {"code": "P-DA-KAO", "share": "part", "closed": False},
    ]
    assert len(await events(session, "unit.create", "P-SAI-GON")) == 1
    assert len(await events(session, "unit.close", "P-BEN-NGHE")) == 1
    assert await events(session, "unit.close", "P-DA-KAO") == []


async def test_a_unit_giving_its_last_part_may_close(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    await old_wards(client, admin)
    body = merger()
    body["predecessors"][1]["close"] = True
    response = await client.post(REORGANISE, json=body, headers=admin)
    assert response.status_code == 201, response.text
    closing = {u["code"]: u["valid_to"] for u in response.json()["predecessors"]}
    assert closing == {"P-BEN-NGHE": "2025-06-30", "P-DA-KAO": "2025-06-30"}


async def test_an_existing_unit_absorbs_another(client: AsyncClient, admin: dict[str, str]) -> None:
    await make(client, admin, "P-A", valid_from="2000-01-01")
    await make(client, admin, "P-B", valid_from="2000-01-01")
    response = await client.post(
        REORGANISE,
        json={
            "kind": "merger",
            "effective_on": "2025-07-01",
            "predecessors": [{"code": "P-A"}],
            "successors": [{"mode": "existing", "code": "P-B"}],
        },
        headers=admin,
    )
    assert response.status_code == 201, response.text
    unit = (await client.get(f"{UNITS}/P-B", headers=admin)).json()
    assert unit["predecessors"] == ["P-A"]
    assert unit["valid_from"] == "2000-01-01"
    assert (await client.get(f"{UNITS}/P-A", headers=admin)).json()["valid_to"] == "2025-06-30"


async def test_a_split_divides_one_unit_among_several(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    await make(client, admin, "X-OLD", valid_from="2000-01-01")
    new = [
        {"mode": "new", "code": code, "name_vi": f"Xã {code}", "name_en": code, "kind": "commune"}
        for code in ("X-NORTH", "X-SOUTH")
    ]
    response = await client.post(
        REORGANISE,
        json={
            "kind": "split",
            "effective_on": "2026-01-01",
            "predecessors": [{"code": "X-OLD", "share": "part"}],
            "successors": new,
        },
        headers=admin,
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["predecessors"][0]["valid_to"] == "2025-12-31"
    assert {(x["successor_code"], x["share"]) for x in body["links"]} == {
        ("X-NORTH", "part"),
        ("X-SOUTH", "part"),
    }
    history = (await client.get(f"{UNITS}/X-OLD/history", headers=admin)).json()
    assert [u["code"] for u in history["successors"]] == ["X-NORTH", "X-SOUTH"]
    assert len(await events(session, "unit.split", "X-OLD")) == 1


async def test_a_split_may_leave_the_old_unit_open(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    await make(client, admin, "X-OLD", valid_from="2000-01-01")
    response = await client.post(
        REORGANISE,
        json={
            "kind": "split",
            "effective_on": "2026-01-01",
            "predecessors": [{"code": "X-OLD", "share": "part", "close": False}],
            "successors": [
                {"mode": "new", "code": c, "name_vi": c, "name_en": c, "kind": "commune"}
                for c in ("X-1", "X-2")
            ],
        },
        headers=admin,
    )
    assert response.status_code == 201, response.text
    assert response.json()["predecessors"][0]["valid_to"] is None


async def test_inconsistent_input_is_refused_field_by_field_and_writes_nothing(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    await old_wards(client, admin)
    await make(client, admin, "P-LATE", valid_from="2025-07-01")
    before = await session.scalar(select(func.count()).select_from(Unit))
    body = {
        "kind": "merger",
        "effective_on": "2025-07-01",
        "predecessors": [
            {"code": "P-BEN-NGHE", "share": "whole", "close": False},
            {"code": "P-NOPE"},
            {"code": "P-LATE"},
            {"code": "P-BEN-NGHE"},
        ],
        "successors": [
            {
                "mode": "new",
                "code": "P-DA-KAO",
                "name_vi": "x",
                "name_en": "x",
                "kind": "ward",
                "parent_code": "NOPE",
                "groups": ["ZZ"],
            }
        ],
    }
    response = await client.post(REORGANISE, json=body, headers=admin)
    problem = assert_problem(response, 422)
    assert fields(problem) == [
        "predecessors[0].close",
        "predecessors[1].code",
        "predecessors[2].code",
        "predecessors[3].code",
        "successors[0].code",
        "successors[0].parent_code",
        "successors[0].groups[0]",
    ]
    assert await session.scalar(select(func.count()).select_from(Unit)) == before
    assert (await client.get(f"{UNITS}/P-BEN-NGHE", headers=admin)).json()["valid_to"] is None


@pytest.mark.parametrize(
    ("body", "field"),
    [
        (  # a merger has one successor
            {
                "kind": "merger",
                "predecessors": [{"code": "P-BEN-NGHE"}, {"code": "P-DA-KAO"}],
                "successors": [
                    {"mode": "existing", "code": "Q3"},
                    {"mode": "existing", "code": "Q5"},
                ],
            },
            "successors",
        ),
        (  # a new unit of one predecessor is no merger
            {
                "kind": "merger",
                "predecessors": [{"code": "P-BEN-NGHE"}],
                "successors": [
                    {"mode": "new", "code": "P-N", "name_vi": "n", "name_en": "n", "kind": "ward"}
                ],
            },
            "predecessors",
        ),
        (  # a split has one predecessor
            {
                "kind": "split",
                "predecessors": [{"code": "P-BEN-NGHE", "share": "part"}, {"code": "P-DA-KAO"}],
                "successors": [
                    {"mode": "existing", "code": "Q3"},
                    {"mode": "existing", "code": "Q5"},
                ],
            },
            "predecessors",
        ),
        (  # a split gives parts
            {
                "kind": "split",
                "predecessors": [{"code": "P-BEN-NGHE", "share": "whole"}],
                "successors": [
                    {"mode": "existing", "code": "Q3"},
                    {"mode": "existing", "code": "Q5"},
                ],
            },
            "predecessors[0].share",
        ),
        (  # a successor cannot be a predecessor too
            {
                "kind": "merger",
                "predecessors": [{"code": "P-BEN-NGHE"}, {"code": "P-DA-KAO"}],
                "successors": [{"mode": "existing", "code": "P-DA-KAO"}],
            },
            "successors[0].code",
        ),
    ],
)
async def test_the_shape_of_a_change_is_checked(
    client: AsyncClient, admin: dict[str, str], body: dict[str, Any], field: str
) -> None:
    await old_wards(client, admin)
    response = await client.post(
        REORGANISE, json={"effective_on": "2025-07-01", **body}, headers=admin
    )
    assert field in fields(assert_problem(response, 422))


async def test_a_unit_merged_whole_cannot_be_merged_again(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    await old_wards(client, admin)
    assert (await client.post(REORGANISE, json=merger(), headers=admin)).status_code == 201
    again = merger()
    again["successors"][0]["code"] = "P-OTHER"
    response = await client.post(REORGANISE, json=again, headers=admin)
    problem = assert_problem(response, 422)
    # Bến Nghé went whole into Sài Gòn; Đa Kao gave only a part, and may give another.
    assert fields(problem) == ["predecessors[0].code"]
    assert "P-BEN-NGHE" in problem["errors"][0]["message"]
    english = await client.post(REORGANISE, json=again, headers={**admin, "Accept-Language": "en"})
    assert assert_problem(english, 422)["errors"][0]["message"] == (
        "Unit P-BEN-NGHE has already been merged whole into another unit."
    )


async def test_a_cycle_is_refused(client: AsyncClient, admin: dict[str, str]) -> None:
    await old_wards(client, admin)
    assert (await client.post(REORGANISE, json=merger(), headers=admin)).status_code == 201
    # Đa Kao, which Sài Gòn descends from, cannot take Sài Gòn over.
    response = await client.post(
        REORGANISE,
        json={
            "kind": "merger",
            "effective_on": "2026-01-01",
            "predecessors": [{"code": "P-SAI-GON"}],
            "successors": [{"mode": "existing", "code": "P-DA-KAO"}],
        },
        headers=admin,
    )
    body = assert_problem(response, 422)
    assert fields(body) == ["successors[0].code"]
    assert "P-DA-KAO" in body["errors"][0]["message"]


async def test_a_merger_closing_units_of_a_collecting_round_needs_confirmation(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession
) -> None:
    body = {
        "kind": "merger",
        "effective_on": "2025-07-01",
        "predecessors": [{"code": "SO-TP"}, {"code": "SO-CT"}],
        "successors": [
            {"mode": "new", "code": "P-NEW", "name_vi": "n", "name_en": "n", "kind": "ward"}
        ],
    }
    response = await client.post(REORGANISE, json=body, headers=admin)
    problem = assert_problem(response, 409, "unit.close_in_round")
    assert problem["unit_codes"] == ["SO-TP", "SO-CT"]
    assert (await client.get(f"{UNITS}/P-NEW", headers=admin)).status_code == 404
    response = await client.post(REORGANISE, json={**body, "confirm_rounds": True}, headers=admin)
    assert response.status_code == 201, response.text
    [event] = await events(session, "unit.merge", "P-NEW")
    assert event.after is not None
    assert {r["unit"] for r in event.after["rounds_confirmed"]} == {"SO-CT", "SO-TP"}


async def test_history_over_generations_has_descendants_and_links(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    await old_wards(client, admin)
    assert (await client.post(REORGANISE, json=merger(), headers=admin)).status_code == 201
    await make(client, admin, "P-C", valid_from="2000-01-01")
    response = await client.post(
        REORGANISE,
        json={
            "kind": "merger",
            "effective_on": "2030-01-01",
            "predecessors": [{"code": "P-SAI-GON"}, {"code": "P-C"}],
            "successors": [
                {"mode": "new", "code": "P-BIG", "name_vi": "b", "name_en": "b", "kind": "ward"}
            ],
        },
        headers=admin,
    )
    assert response.status_code == 201, response.text
    history = (await client.get(f"{UNITS}/P-BEN-NGHE/history", headers=admin)).json()
    assert [u["code"] for u in history["successors"]] == ["P-SAI-GON"]
    assert [u["code"] for u in history["descendants"]] == ["P-SAI-GON", "P-BIG"]
    assert [(x["predecessor_code"], x["successor_code"]) for x in history["links"]] == [
        ("P-BEN-NGHE", "P-SAI-GON"),
        ("P-SAI-GON", "P-BIG"),
    ]
    big = (await client.get(f"{UNITS}/P-BIG/history", headers=admin)).json()
    assert [u["code"] for u in big["ancestors"]] == ["P-C", "P-SAI-GON", "P-BEN-NGHE", "P-DA-KAO"]
    assert len(big["links"]) == 4


# --- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "who",
    [
        "evaluator",
        "approver",
        "q1.editor",
        "q1.head",
        "cuc-thue.staff",
        "viewer",
        "client:cuc-thue",
    ],
)
async def test_only_an_admin_closes_merges_or_splits(
    client: AsyncClient, tokens: Tokens, who: str
) -> None:
    headers = (
        await tokens.client(who.removeprefix("client:"))
        if who.startswith("client:")
        else await tokens.user(who)
    )
    close = await client.post(f"{UNITS}/Q1/close", json={"valid_to": "2025-06-30"}, headers=headers)
    assert_problem(close, 403)
    reorganise = await client.post(REORGANISE, json=merger(), headers=headers)
    assert_problem(reorganise, 403)
    edit = await client.patch(f"{UNITS}/Q1", json={"valid_to": "2025-06-30"}, headers=headers)
    assert_problem(edit, 403)


async def test_signing_in_is_required(client: AsyncClient) -> None:
    assert_problem(await client.post(REORGANISE, json=merger()), 401)
    assert_problem(await client.post(f"{UNITS}/Q1/close", json={"valid_to": "2025-06-30"}), 401)
