"""Units and unit groups through the HTTP API: listing by group, search, pagination, validity
filters, administration (create, change, delete), merger history and permissions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from httpx import AsyncClient

from tests.support.problems import assert_problem, fields

UNITS = "/api/v1/units"
GROUPS = "/api/v1/unit-groups"
# The last day of the 2023 seed's units as they were: districts were abolished on 1 July 2025,
# so listings of today hold the 2025 units instead (tests/seed/test_units_2025.py).
ON_2024 = {"active_on": "2024-12-31"}


def new_unit(code: str, **extra: Any) -> dict[str, Any]:
    return {
        "code": code,
        "name_vi": f"Phường {code}",
        "name_en": f"{code} Ward",
        "kind": "ward",
        **extra,
    }


async def list_codes(client: AsyncClient, headers: dict[str, str], **params: Any) -> list[str]:
    response = await client.get(UNITS, params={"limit": 500, **params}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return [u["code"] for u in body["items"]]


# --- listing --------------------------------------------------------------------------------


async def test_units_of_group_qh(client: AsyncClient, viewer: dict[str, str]) -> None:
    response = await client.get(UNITS, params={"group": "QH", **ON_2024}, headers=viewer)
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 22
    assert len(body["items"]) == 22
    codes = {u["code"] for u in body["items"]}
    assert {"TP-TD", "Q1", "Q12", "Q-BTH", "H-CG"} <= codes
    assert all(u["groups"] == ["QH"] for u in body["items"])
    q1 = next(u for u in body["items"] if u["code"] == "Q1")
    assert q1["name_vi"] == "Quận 1"
    assert q1["name_en"] == "District 1"
    assert q1["kind"] == "district"
    assert q1["parent_code"] is None
    assert q1["predecessors"] == []


async def test_units_of_group_sbn(client: AsyncClient, viewer: dict[str, str]) -> None:
    response = await client.get(UNITS, params={"group": "SBN", **ON_2024}, headers=viewer)
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 26
    codes = {u["code"] for u in body["items"]}
    assert {"VP-UBND", "SO-TTTT", "SO-TC", "VIEN-NCPT", "BQL-SHTP"} <= codes
    assert not codes & {"Q1", "TPHCM", "CA-TP"}
    assert all("SBN" in u["groups"] for u in body["items"])


async def test_units_of_group_tp(client: AsyncClient, viewer: dict[str, str]) -> None:
    response = await client.get(UNITS, params={"group": "TP"}, headers=viewer)
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 1
    [unit] = body["items"]
    assert unit["code"] == "TPHCM"
    assert unit["groups"] == ["TP"]
    assert unit["kind"] == "province"


async def test_all_units_include_unranked_providers(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    codes = await list_codes(client, viewer, **ON_2024)
    # 26 SBN + 22 QH + TPHCM + 3 vertical agencies (CA-TP among them) + 3 provider-only agencies
    assert len(codes) == 55
    assert codes == sorted(codes)
    assert {"CA-TP", "CUC-THUE", "CUC-TK", "NHNN-HCM"} <= set(codes)


async def test_filter_by_provider(client: AsyncClient, viewer: dict[str, str]) -> None:
    providers = await list_codes(client, viewer, is_provider="true", **ON_2024)
    assert len(providers) == 12
    assert {"CA-TP", "CUC-THUE", "CUC-TK", "NHNN-HCM", "VP-UBND", "SO-TTTT"} <= set(providers)
    others = await list_codes(client, viewer, is_provider="false", **ON_2024)
    assert len(others) == 43
    assert not set(providers) & set(others)
    assert await list_codes(client, viewer, group="QH", is_provider="true") == []
    response = await client.get(f"{UNITS}/CUC-THUE", headers=viewer)
    assert response.json()["is_provider"] is True
    assert response.json()["groups"] == []


async def test_filter_by_kind(client: AsyncClient, viewer: dict[str, str]) -> None:
    assert len(await list_codes(client, viewer, kind="rural_district", **ON_2024)) == 5
    assert await list_codes(client, viewer, kind="city", **ON_2024) == ["TP-TD"]
    assert await list_codes(client, viewer, kind="rural_district") == []  # abolished in 2025
    assert len(await list_codes(client, viewer, kind="commune")) == 54


async def test_unknown_group_is_a_422_naming_the_query_field(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    response = await client.get(UNITS, params={"group": "NOPE"}, headers=viewer)
    body = assert_problem(response, 422, "group.unknown")
    assert body["errors"][0]["field"] == "group"
    assert "NOPE" in body["errors"][0]["message"]


async def test_unauthenticated_is_a_401_problem(client: AsyncClient) -> None:
    response = await client.get(UNITS, params={"group": "QH"})
    body = assert_problem(response, 401, "auth.not_authenticated")
    assert response.headers["www-authenticate"].lower().startswith("bearer")
    assert "errors" not in body


async def test_bad_token_is_a_401_problem(client: AsyncClient) -> None:
    response = await client.get(UNITS, headers={"Authorization": "Bearer not-a-token"})
    assert_problem(response, 401)


async def test_one_unit_and_unknown_unit(client: AsyncClient, viewer: dict[str, str]) -> None:
    response = await client.get(f"{UNITS}/SO-TTTT", headers=viewer)
    assert response.status_code == 200
    assert response.json()["groups"] == ["SBN"]
    missing = await client.get(f"{UNITS}/NOPE", headers=viewer)
    body = assert_problem(missing, 404, "unit.not_found")
    assert "NOPE" in body["detail"]


async def test_not_found_in_english(client: AsyncClient, viewer: dict[str, str]) -> None:
    response = await client.get(
        f"{UNITS}/NOPE", headers={**viewer, "Accept-Language": "en-US,en;q=0.9"}
    )
    body = assert_problem(response, 404, "unit.not_found")
    assert body["detail"] == "Unit NOPE not found."
    assert response.headers["content-language"] == "en"


# --- search and pagination ------------------------------------------------------------------


async def test_search_by_code_is_case_insensitive(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    assert await list_codes(client, viewer, q="q1", **ON_2024) == ["Q1", "Q10", "Q11", "Q12"]
    assert await list_codes(client, viewer, q="so-ttt", **ON_2024) == ["SO-TTTT"]
    assert await list_codes(client, viewer, q="2674") == ["26740", "26743"]  # official codes


async def test_search_by_vietnamese_name(client: AsyncClient, viewer: dict[str, str]) -> None:
    rural = ["H-BC", "H-CC", "H-CG", "H-HM", "H-NB"]
    assert await list_codes(client, viewer, q="huyện", **ON_2024) == rural
    assert await list_codes(client, viewer, q="HUYỆN", **ON_2024) == rural
    # Search folds accents (people often type without them), so "bình" also finds "Thương binh".
    assert await list_codes(client, viewer, q="bình", **ON_2024) == [
        "H-BC",
        "Q-BT",
        "Q-BTH",
        "Q-TB",
        "SO-LDTBXH",
    ]


async def test_search_by_english_name(client: AsyncClient, viewer: dict[str, str]) -> None:
    assert await list_codes(client, viewer, q="department of finance") == ["SO-TC"]


async def test_search_folds_vietnamese_capitals_in_names(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    # "Văn phòng Ủy ban nhân dân Thành phố": the capital Ủ must match a lower-case query, and
    # "Thành phố Thủ Đức" the query "thủ đức" (Đ is not ASCII).
    assert "VP-UBND" in await list_codes(client, viewer, q="ủy ban")
    assert await list_codes(client, viewer, q="Thủ Đức", **ON_2024) == ["TP-TD"]


async def test_search_treats_wildcards_literally(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    # No unit has "%" or "_" in its code or names: the search must not act as a LIKE pattern.
    assert await list_codes(client, viewer, q="%") == []
    assert await list_codes(client, viewer, q="_") == []


async def test_search_combined_with_group(client: AsyncClient, viewer: dict[str, str]) -> None:
    assert await list_codes(client, viewer, group="SBN", q="ban", **ON_2024) == sorted(
        ["BAN-DT", "BQL-ATTP", "BQL-KCX", "BQL-KNAM", "BQL-SHTP", "VP-UBND"]
    )
    assert await list_codes(client, viewer, group="QH", q="sở") == []


async def test_pagination_with_total(client: AsyncClient, viewer: dict[str, str]) -> None:
    everything = await list_codes(client, viewer, group="SBN", **ON_2024)
    assert len(everything) == 26
    seen: list[str] = []
    for offset in (0, 10, 20):
        response = await client.get(
            UNITS, params={"group": "SBN", "limit": 10, "offset": offset, **ON_2024}, headers=viewer
        )
        assert response.status_code == 200
        body = response.json()
        assert body["total"] == 26
        assert body["limit"] == 10
        assert body["offset"] == offset
        assert len(body["items"]) == (10 if offset < 20 else 6)
        seen.extend(u["code"] for u in body["items"])
    assert seen == everything
    beyond = await client.get(
        UNITS, params={"group": "SBN", "limit": 10, "offset": 100, **ON_2024}, headers=viewer
    )
    assert beyond.json() == {"items": [], "total": 26, "limit": 10, "offset": 100}


async def test_bad_pagination_is_a_422(client: AsyncClient, viewer: dict[str, str]) -> None:
    body = assert_problem(
        await client.get(UNITS, params={"limit": 0}, headers=viewer), 422, "http.validation"
    )
    assert fields(body) == ["limit"]
    body = assert_problem(
        await client.get(UNITS, params={"limit": 501}, headers=viewer), 422, "http.validation"
    )
    assert fields(body) == ["limit"]
    body = assert_problem(
        await client.get(UNITS, params={"offset": -1}, headers=viewer), 422, "http.validation"
    )
    assert fields(body) == ["offset"]


# --- administration -------------------------------------------------------------------------


async def create_merger(client: AsyncClient, admin: dict[str, str]) -> dict[str, Any]:
    """Two Quận 1 wards until 30/6/2025, merged into phường Sài Gòn from 1/7/2025."""
    for code in ("P-BEN-NGHE", "P-DA-KAO"):
        response = await client.post(
            UNITS,
            json=new_unit(code, parent_code="Q1", valid_to="2025-06-30"),
            headers=admin,
        )
        assert response.status_code == 201, response.text
        assert response.json()["parent_code"] == "Q1"
    response = await client.post(
        UNITS,
        json=new_unit(
            "P-SAI-GON",
            groups=["QH"],
            valid_from="2025-07-01",
            predecessors=["P-DA-KAO", "P-BEN-NGHE"],
        ),
        headers=admin,
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def test_admin_creates_a_merged_ward(client: AsyncClient, admin: dict[str, str]) -> None:
    created = await create_merger(client, admin)
    created["predecessors"].sort()
    assert created == {
        "code": "P-SAI-GON",
        "name_vi": "Phường P-SAI-GON",
        "name_en": "P-SAI-GON Ward",
        "kind": "ward",
        "groups": ["QH"],
        "parent_code": None,
        "valid_from": "2025-07-01",
        "valid_to": None,
        "predecessors": ["P-BEN-NGHE", "P-DA-KAO"],
        "is_provider": False,
        "source": None,
        "unverified": False,
    }
    response = await client.get(f"{UNITS}/P-SAI-GON", headers=admin)
    assert response.status_code == 200
    assert response.json()["predecessors"] == ["P-BEN-NGHE", "P-DA-KAO"]

    # The merged ward counts in its group from its first day, the old wards until their last.
    assert "P-SAI-GON" in await list_codes(client, admin, group="QH", active_on="2025-07-01")
    assert "P-SAI-GON" not in await list_codes(client, admin, group="QH", active_on="2025-06-30")
    assert "P-BEN-NGHE" in await list_codes(client, admin, active_on="2025-06-30")
    assert "P-BEN-NGHE" not in await list_codes(client, admin, active_on="2025-07-01")
    # The districts themselves closed on 30/6/2025 (the seed): the ward is the group's only unit.
    assert await list_codes(client, admin, group="QH", active_on="2025-07-01") == ["P-SAI-GON"]


async def test_merger_history_shows_ancestors_and_successors(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    await create_merger(client, admin)
    response = await client.get(f"{UNITS}/P-SAI-GON/history", headers=admin)
    assert response.status_code == 200, response.text
    history = response.json()
    assert history["unit"]["code"] == "P-SAI-GON"
    assert sorted(u["code"] for u in history["ancestors"]) == ["P-BEN-NGHE", "P-DA-KAO"]
    assert all(u["valid_to"] == "2025-06-30" for u in history["ancestors"])
    assert all(u["parent_code"] == "Q1" for u in history["ancestors"])
    assert history["successors"] == []

    response = await client.get(f"{UNITS}/P-BEN-NGHE/history", headers=admin)
    assert response.status_code == 200, response.text
    history = response.json()
    assert history["unit"]["code"] == "P-BEN-NGHE"
    assert history["ancestors"] == []
    assert [u["code"] for u in history["successors"]] == ["P-SAI-GON"]


async def test_history_of_unit_without_mergers(client: AsyncClient, viewer: dict[str, str]) -> None:
    response = await client.get(f"{UNITS}/SO-TP/history", headers=viewer)
    assert response.status_code == 200
    assert response.json()["unit"]["code"] == "SO-TP"
    assert response.json()["ancestors"] == []
    assert response.json()["successors"] == []


async def test_history_follows_mergers_over_generations(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    for payload in (
        new_unit("W-A", valid_to="2020-12-31"),
        new_unit("W-B", valid_to="2020-12-31"),
        new_unit("W-AB", valid_from="2021-01-01", predecessors=["W-A", "W-B"]),
        new_unit("W-C"),
        new_unit("W-ABC", valid_from="2025-07-01", predecessors=["W-AB", "W-C"]),
    ):
        response = await client.post(UNITS, json=payload, headers=admin)
        assert response.status_code == 201, response.text
    response = await client.get(f"{UNITS}/W-ABC/history", headers=admin)
    assert response.status_code == 200
    ancestors = [u["code"] for u in response.json()["ancestors"]]
    # Nearest first: the direct predecessors, then theirs.
    assert sorted(ancestors[:2]) == ["W-AB", "W-C"]
    assert sorted(ancestors[2:]) == ["W-A", "W-B"]
    response = await client.get(f"{UNITS}/W-AB/history", headers=admin)
    assert [u["code"] for u in response.json()["successors"]] == ["W-ABC"]


async def test_history_of_unknown_unit_is_404(client: AsyncClient, viewer: dict[str, str]) -> None:
    assert_problem(await client.get(f"{UNITS}/NOPE/history", headers=viewer), 404, "unit.not_found")


async def test_valid_to_hides_a_unit_unless_asked(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    last_day = dt.date.today() - dt.timedelta(days=1)
    # SO-TP takes part in the demo round collecting answers: closing it needs the admin's word.
    response = await client.patch(
        f"{UNITS}/SO-TP", json={"valid_to": last_day.isoformat()}, headers=admin
    )
    assert_problem(response, 409, "unit.close_in_round")
    response = await client.patch(
        f"{UNITS}/SO-TP",
        json={"valid_to": last_day.isoformat(), "confirm_rounds": True},
        headers=admin,
    )
    assert response.status_code == 200, response.text
    assert response.json()["valid_to"] == last_day.isoformat()

    today = await list_codes(client, admin, group="SBN")
    assert len(today) == 20  # 21 departments today (after the 2025 reorganisations), less one
    assert "SO-TP" not in today
    on_last_day = await list_codes(client, admin, group="SBN", active_on=last_day.isoformat())
    assert len(on_last_day) == 21
    assert "SO-TP" in on_last_day
    assert "SO-TP" in await list_codes(client, admin, group="SBN", active_on="2023-12-31")
    everything = await list_codes(client, admin, group="SBN", include_inactive="true")
    assert len(everything) == 28  # 26 of 2023 and 2 of 2025
    assert "SO-TP" in everything
    # The unit itself is still readable, and the group still counts it as a member.
    assert (await client.get(f"{UNITS}/SO-TP", headers=admin)).status_code == 200


async def test_future_unit_is_listed_from_its_first_day(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    first_day = dt.date.today() + dt.timedelta(days=30)
    response = await client.post(
        UNITS, json=new_unit("P-FUTURE", valid_from=first_day.isoformat()), headers=admin
    )
    assert response.status_code == 201
    assert "P-FUTURE" not in await list_codes(client, admin, kind="ward")
    assert "P-FUTURE" in await list_codes(client, admin, kind="ward", active_on=first_day)
    assert "P-FUTURE" in await list_codes(client, admin, kind="ward", include_inactive=True)


async def test_dates_out_of_order_are_a_422(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.post(
        UNITS,
        json=new_unit("P-BAD", valid_from="2025-07-01", valid_to="2025-06-30"),
        headers=admin,
    )
    body = assert_problem(response, 422, "unit.dates_order")
    assert fields(body) == ["valid_to"]
    unit = f"{UNITS}/SO-TP"
    response = await client.patch(unit, json={"valid_from": "2030-01-01"}, headers=admin)
    assert response.status_code == 200  # no valid_to yet
    response = await client.patch(unit, json={"valid_to": "2029-12-31"}, headers=admin)
    assert fields(assert_problem(response, 422, "unit.dates_order")) == ["valid_to"]


async def test_admin_changes_names_and_groups(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.patch(
        f"{UNITS}/CUC-TK",
        json={"name_en": "City Statistics Office (renamed)", "groups": ["SBN"]},
        headers=admin,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["name_en"] == "City Statistics Office (renamed)"
    assert body["name_vi"] == "Cục Thống kê Thành phố"
    assert body["groups"] == ["SBN"]
    assert "CUC-TK" in await list_codes(client, admin, group="SBN")


async def test_unit_users_and_readers_cannot_create_units(
    client: AsyncClient,
    evaluator: dict[str, str],
    viewer: dict[str, str],
    q1_editor: dict[str, str],
    approver: dict[str, str],
) -> None:
    for headers in (evaluator, viewer, q1_editor):
        response = await client.post(UNITS, json=new_unit("P-NOPE"), headers=headers)
        body = assert_problem(response, 403, "auth.forbidden_role")
        assert "admin" in body["detail"]
    assert_problem(await client.post(UNITS, json=new_unit("P-NOPE"), headers=approver), 403)
    assert_problem(await client.patch(f"{UNITS}/Q1", json={"name_en": "x"}, headers=q1_editor), 403)
    assert_problem(await client.delete(f"{UNITS}/Q1", headers=evaluator), 403)
    assert_problem(await client.get(f"{UNITS}/P-NOPE", headers=viewer), 404)


async def test_create_unit_unauthenticated_is_401(client: AsyncClient) -> None:
    assert_problem(await client.post(UNITS, json=new_unit("P-NOPE")), 401)


async def test_duplicate_code_is_a_409(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.post(UNITS, json=new_unit("Q1"), headers=admin)
    body = assert_problem(response, 409, "unit.code_taken")
    assert "Q1" in body["detail"]


async def test_unknown_group_in_body_is_a_422(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.post(UNITS, json=new_unit("P-NEW", groups=["NOPE"]), headers=admin)
    body = assert_problem(response, 422, "group.unknown")
    assert body["errors"][0]["field"] == "groups[0]"
    response = await client.post(
        UNITS, json=new_unit("P-NEW", groups=["QH", "NOPE"]), headers=admin
    )
    assert fields(assert_problem(response, 422, "group.unknown")) == ["groups[1]"]
    assert (await client.get(f"{UNITS}/P-NEW", headers=admin)).status_code == 404


async def test_unknown_references_are_422(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.post(
        UNITS, json=new_unit("P-NEW", predecessors=["Q1", "NOPE"]), headers=admin
    )
    assert fields(assert_problem(response, 422, "unit.unknown")) == ["predecessors[1]"]
    response = await client.post(
        UNITS, json=new_unit("P-NEW", predecessors=["P-NEW"]), headers=admin
    )
    assert fields(assert_problem(response, 422, "unit.predecessor_self")) == ["predecessors"]


async def test_unknown_parent_is_a_422_naming_parent_code(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.post(UNITS, json=new_unit("P-NEW", parent_code="NOPE"), headers=admin)
    assert fields(assert_problem(response, 422, "unit.unknown")) == ["parent_code"]
    response = await client.patch(f"{UNITS}/Q1", json={"parent_code": "NOPE"}, headers=admin)
    assert fields(assert_problem(response, 422, "unit.unknown")) == ["parent_code"]


async def test_malformed_body_is_a_422_naming_fields(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.post(
        UNITS,
        json={"code": "bad code", "name_vi": "", "name_en": "x", "kind": "galaxy", "extra": 1},
        headers=admin,
    )
    body = assert_problem(response, 422, "http.validation")
    assert set(fields(body)) == {"code", "name_vi", "kind", "extra"}
    assert all(e["message"] for e in body["errors"])


async def test_parent_cycle_is_a_422(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.post(UNITS, json=new_unit("P-CHILD", parent_code="Q6"), headers=admin)
    assert response.status_code == 201
    response = await client.post(
        UNITS, json=new_unit("P-GRANDCHILD", parent_code="P-CHILD"), headers=admin
    )
    assert response.status_code == 201
    response = await client.patch(
        f"{UNITS}/Q6", json={"parent_code": "P-GRANDCHILD"}, headers=admin
    )
    body = assert_problem(response, 422, "unit.parent_cycle")
    assert fields(body) == ["parent_code"]
    response = await client.patch(f"{UNITS}/Q6", json={"parent_code": "Q6"}, headers=admin)
    assert fields(assert_problem(response, 422, "unit.parent_cycle")) == ["parent_code"]
    assert (await client.get(f"{UNITS}/Q6", headers=admin)).json()["parent_code"] is None
    # A legal move still works, and clearing the parent too.
    response = await client.patch(
        f"{UNITS}/P-GRANDCHILD", json={"parent_code": "Q6"}, headers=admin
    )
    assert response.status_code == 200
    assert response.json()["parent_code"] == "Q6"
    response = await client.patch(
        f"{UNITS}/P-GRANDCHILD", json={"parent_code": None}, headers=admin
    )
    assert response.json()["parent_code"] is None


async def test_delete_unit_in_a_round_is_a_409(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.delete(f"{UNITS}/Q3", headers=admin)  # in the demo rounds
    body = assert_problem(response, 409, "unit.in_use")
    assert "Q3" in body["detail"]
    assert (await client.get(f"{UNITS}/Q3", headers=admin)).status_code == 200


async def test_delete_unit_with_accounts_is_a_409(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    # CUC-THUE takes part in no round, but the cuc-thue provider client belongs to it.
    assert_problem(await client.delete(f"{UNITS}/CUC-THUE", headers=admin), 409, "unit.in_use")


async def test_delete_provider_named_by_a_framework_is_a_409(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    # CUC-TK has no account and takes part in no round, but framework DTI-922-TPHCM names it as
    # the provider of figure T9: deleting it would leave that framework with a dangling
    # provider_code (and its clones would then fail validation).
    response = await client.delete(f"{UNITS}/CUC-TK", headers=admin)
    assert_problem(response, 409, "unit.in_use")
    assert (await client.get(f"{UNITS}/CUC-TK", headers=admin)).status_code == 200


async def test_delete_fresh_unit(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.post(UNITS, json=new_unit("P-TEMP", groups=["QH"]), headers=admin)
    assert response.status_code == 201
    response = await client.delete(f"{UNITS}/P-TEMP", headers=admin)
    assert response.status_code == 204
    assert response.content == b""
    assert_problem(await client.get(f"{UNITS}/P-TEMP", headers=admin), 404, "unit.not_found")
    assert_problem(await client.delete(f"{UNITS}/P-TEMP", headers=admin), 404, "unit.not_found")
    assert len(await list_codes(client, admin, group="QH", **ON_2024)) == 22


# --- unit groups ----------------------------------------------------------------------------


async def test_unit_groups_with_counts(client: AsyncClient, viewer: dict[str, str]) -> None:
    response = await client.get(GROUPS, headers=viewer)
    assert response.status_code == 200
    groups = response.json()
    # Members valid today: the departments after 2025, no district, the 168 communes.
    assert [(g["code"], g["unit_count"]) for g in groups] == [
        ("SBN", 21),
        ("QH", 0),
        ("TP", 1),
        ("PXDK", 168),
        ("NGANH-DOC", 3),
    ]
    assert groups[0]["name_vi"] == "Sở, ban, ngành"
    assert [g["sort_order"] for g in groups] == [1, 2, 3, 4, 5]


async def test_unit_groups_need_sign_in(client: AsyncClient) -> None:
    assert_problem(await client.get(GROUPS), 401, "auth.not_authenticated")


async def test_group_crud(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.post(
        GROUPS,
        json={"code": "PX", "name_vi": "Phường, xã", "name_en": "Wards", "sort_order": 4},
        headers=admin,
    )
    assert response.status_code == 201, response.text
    assert response.json() == {
        "code": "PX",
        "name_vi": "Phường, xã",
        "name_en": "Wards",
        "sort_order": 4,
        "unit_count": 0,
    }
    duplicate = await client.post(
        GROUPS, json={"code": "PX", "name_vi": "x", "name_en": "x"}, headers=admin
    )
    assert_problem(duplicate, 409, "group.code_taken")

    response = await client.post(UNITS, json=new_unit("P-ONE", groups=["PX"]), headers=admin)
    assert response.status_code == 201
    response = await client.patch(
        f"{GROUPS}/PX", json={"name_en": "Wards and communes"}, headers=admin
    )
    assert response.status_code == 200
    assert response.json()["name_en"] == "Wards and communes"
    assert response.json()["name_vi"] == "Phường, xã"
    assert response.json()["unit_count"] == 1

    listed = {g["code"]: g for g in (await client.get(GROUPS, headers=admin)).json()}
    assert listed["PX"]["unit_count"] == 1
    assert await list_codes(client, admin, group="PX") == ["P-ONE"]

    assert (await client.delete(f"{GROUPS}/PX", headers=admin)).status_code == 204
    assert "PX" not in {g["code"] for g in (await client.get(GROUPS, headers=admin)).json()}
    assert (await client.get(f"{UNITS}/P-ONE", headers=admin)).json()["groups"] == []
    assert_problem(await client.delete(f"{GROUPS}/PX", headers=admin), 404, "group.not_found")
    assert_problem(
        await client.patch(f"{GROUPS}/PX", json={"name_en": "x"}, headers=admin),
        404,
        "group.not_found",
    )


async def test_group_validation(client: AsyncClient, admin: dict[str, str]) -> None:
    response = await client.post(
        GROUPS, json={"code": "lower case", "name_vi": "x", "name_en": "x"}, headers=admin
    )
    assert fields(assert_problem(response, 422, "http.validation")) == ["code"]


async def test_delete_group_in_use_is_a_409(client: AsyncClient, admin: dict[str, str]) -> None:
    for code in ("SBN", "QH", "TP"):  # SBN, QH: framework 2023 and rounds; TP: framework 922
        body = assert_problem(await client.delete(f"{GROUPS}/{code}", headers=admin), 409)
        assert body["code"] == "group.in_use"
        assert code in body["detail"]
    codes = [g["code"] for g in (await client.get(GROUPS, headers=admin)).json()]
    assert codes == ["SBN", "QH", "TP", "PXDK", "NGANH-DOC"]


async def test_non_admin_cannot_manage_groups(
    client: AsyncClient, evaluator: dict[str, str], q1_editor: dict[str, str]
) -> None:
    for headers in (evaluator, q1_editor):
        response = await client.post(
            GROUPS, json={"code": "PX", "name_vi": "x", "name_en": "x"}, headers=headers
        )
        assert_problem(response, 403, "auth.forbidden_role")
        assert_problem(
            await client.patch(f"{GROUPS}/SBN", json={"name_en": "x"}, headers=headers), 403
        )
        assert_problem(await client.delete(f"{GROUPS}/SBN", headers=headers), 403)


async def test_a_unit_with_successors_or_children_cannot_be_deleted(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    base = {"name_vi": "Phường", "name_en": "Ward", "kind": "ward"}
    await client.post("/api/v1/units", json={**base, "code": "P-OLD"}, headers=admin)
    await client.post(
        "/api/v1/units", json={**base, "code": "P-NEW", "predecessors": ["P-OLD"]}, headers=admin
    )
    await client.post(
        "/api/v1/units", json={**base, "code": "KP-1", "parent_code": "P-NEW"}, headers=admin
    )
    for code in ("P-OLD", "P-NEW"):
        response = await client.delete(f"/api/v1/units/{code}", headers=admin)
        assert response.status_code == 409, code
        assert response.json()["code"] == "unit.in_use"
    history = await client.get("/api/v1/units/P-NEW/history", headers=admin)
    assert [u["code"] for u in history.json()["ancestors"]] == ["P-OLD"]
    assert (await client.delete("/api/v1/units/KP-1", headers=admin)).status_code == 204


async def test_a_provider_named_by_a_framework_stays_a_provider(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.patch(
        "/api/v1/units/CUC-THUE", json={"is_provider": False}, headers=admin
    )
    assert response.status_code == 409
    assert response.json()["code"] == "unit.provider_in_use"


async def test_search_ignores_accents_and_case(client: AsyncClient, viewer: dict[str, str]) -> None:
    for query in ("thu duc", "THỦ ĐỨC", "Thủ Đức", "thủ đức"):
        response = await client.get("/api/v1/units", params={"q": query, **ON_2024}, headers=viewer)
        assert [u["code"] for u in response.json()["items"]] == ["TP-TD"], query
    decomposed = "Thu\u0309 \u0110u\u031bc"  # "Thủ Đức" typed with combining marks (NFD)
    response = await client.get(
        "/api/v1/units", params={"q": decomposed, **ON_2024}, headers=viewer
    )
    assert [u["code"] for u in response.json()["items"]] == ["TP-TD"]
    # Today the name is a 2025 ward's (phường Thủ Đức, official code 26824).
    response = await client.get("/api/v1/units", params={"q": "thu duc"}, headers=viewer)
    assert [u["code"] for u in response.json()["items"]] == ["26824"]
