"""Frameworks through the HTTP API: the seeded versions and their criteria trees, freezing,
cloning, editing one criterion (validation naming the field, ETag / If-Match), diffs, import of a
document, status moves, deletion and permissions."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

from httpx import AsyncClient

from api.frameworks.schemas import FrameworkDocument
from tests.support.problems import assert_problem, fields

FRAMEWORKS = "/api/v1/frameworks"
ROUNDS = "/api/v1/rounds"
CODE_2023 = "HCMC-DTI-2023"
CODE_922 = "DTI-922-TPHCM"


async def framework_by_code(
    client: AsyncClient, headers: dict[str, str], code: str
) -> dict[str, Any]:
    response = await client.get(FRAMEWORKS, params={"limit": 500}, headers=headers)
    assert response.status_code == 200, response.text
    found = [f for f in response.json()["items"] if f["code"] == code]
    assert len(found) == 1, f"framework {code} not listed"
    framework: dict[str, Any] = found[0]
    return framework


async def criteria(
    client: AsyncClient, headers: dict[str, str], framework_id: int, **params: Any
) -> list[dict[str, Any]]:
    response = await client.get(
        f"{FRAMEWORKS}/{framework_id}/criteria", params=params, headers=headers
    )
    assert response.status_code == 200, response.text
    tree: list[dict[str, Any]] = response.json()
    return tree


def walk(nodes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every node of a tree, depth first."""
    out: list[dict[str, Any]] = []
    for node in nodes:
        out.append(node)
        out.extend(walk(node["children"]))
    return out


def leaf_total(nodes: list[dict[str, Any]], group: str) -> Decimal:
    """The sum of the max points of the leaves applying to ``group``."""
    return sum(
        (
            Decimal(n["max_points"])
            for n in walk(nodes)
            if not n["children"] and group in n["groups"]
        ),
        Decimal(0),
    )


def node(nodes: list[dict[str, Any]], code: str) -> dict[str, Any]:
    [found] = [n for n in walk(nodes) if n["code"] == code]
    return found


def decimals(mapping: dict[str, str]) -> dict[str, Decimal]:
    return {k: Decimal(v) for k, v in mapping.items()}


async def clone_2023(
    client: AsyncClient, admin: dict[str, str], code: str = "HCMC-DTI-2024-DRAFT"
) -> dict[str, Any]:
    original = await framework_by_code(client, admin, CODE_2023)
    response = await client.post(
        f"{FRAMEWORKS}/{original['id']}/clone", json={"code": code, "year": 2024}, headers=admin
    )
    assert response.status_code == 201, response.text
    clone: dict[str, Any] = response.json()
    clone["etag"] = response.headers["etag"]
    return clone


def small_document(code: str = "SMALL-2025", **overrides: Any) -> dict[str, Any]:
    """A valid two-indicator framework for the SBN group (30 points)."""
    doc: dict[str, Any] = {
        "code": code,
        "title_vi": "Bộ chỉ số thử nghiệm",
        "title_en": "Trial framework",
        "legal_basis": "01/QĐ-TEST",
        "year": 2025,
        "groups": ["SBN"],
        "elements": [
            {
                "code": "E-A",
                "name_vi": "Có chuyên mục CĐS",
                "name_en": "Has a DX section",
                "value_type": "boolean",
                "source": "self",
            },
            {
                "code": "E-B",
                "name_vi": "Tỷ lệ chi cho CĐS",
                "name_en": "DX spending share",
                "value_type": "percent",
                "source": "provider",
                "provider_code": "SO-TC",
            },
        ],
        "criteria": [
            {
                "code": "1",
                "name_vi": "Trụ cột 1",
                "name_en": "Pillar 1",
                "rule": {"kind": "sum_of_children"},
                "children": [
                    {
                        "code": "1.1",
                        "name_vi": "Chuyên mục CĐS",
                        "name_en": "DX section",
                        "max_points": 10,
                        "inputs": [{"name": "value", "element_code": "E-A"}],
                        "rule": {"kind": "boolean"},
                        "evidence_required": True,
                    },
                    {
                        "code": "1.2",
                        "name_vi": "Tỷ lệ chi cho CĐS",
                        "name_en": "DX spending",
                        "max_points": "20.5",
                        "inputs": [{"name": "value", "element_code": "E-B"}],
                        "rule": {"kind": "linear", "floor": 0, "target": 1},
                    },
                ],
            }
        ],
    }
    doc.update(overrides)
    return doc


# --- the seeded frameworks ------------------------------------------------------------------


async def test_seeded_2023_framework_summary(client: AsyncClient, viewer: dict[str, str]) -> None:
    framework = await framework_by_code(client, viewer, CODE_2023)
    assert decimals(framework["max_points_by_group"]) == {"SBN": 1000, "QH": 1000}
    assert framework["is_frozen"] is True
    assert framework["status"] == "active"
    assert framework["groups"] == ["SBN", "QH"]
    assert framework["year"] == 2023
    assert framework["legal_basis"] == "79/QĐ-UBND ngày 10/01/2023"
    assert framework["cloned_from_id"] is None
    assert framework["indicator_count"] == 46
    assert framework["criteria_count"] == 56


async def test_points_are_plain_decimal_strings(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    """Decimals are strings, written the same whatever the database (no padding zeros)."""
    framework = await framework_by_code(client, viewer, CODE_2023)
    assert framework["max_points_by_group"] == {"SBN": "1000", "QH": "1000"}
    tree = await criteria(client, viewer, framework["id"])
    assert node(tree, "6")["max_points_by_group"] == {"QH": "200", "SBN": "250"}
    assert node(tree, "1.1")["max_points"] == "20"
    assert node(tree, "1.1")["weight"] == "1"


async def test_seeded_2023_tree_sums_to_1000_per_group(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    framework = await framework_by_code(client, viewer, CODE_2023)
    tree = await criteria(client, viewer, framework["id"])
    assert [n["code"] for n in tree] == [str(i) for i in range(1, 11)]
    assert leaf_total(tree, "SBN") == 1000
    assert leaf_total(tree, "QH") == 1000
    # Inner nodes report the same sums per group as their leaves.
    for pillar in tree:
        assert pillar["is_leaf"] is False
        assert pillar["max_points"] is None
        assert pillar["rule"] == {"kind": "sum_of_children"}
        for group, total in decimals(pillar["max_points_by_group"]).items():
            assert leaf_total([pillar], group) == total
    assert sum(Decimal(p["max_points_by_group"].get("SBN", 0)) for p in tree) == 1000


async def test_pillar_6_is_250_for_sbn_and_200_for_qh(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    framework = await framework_by_code(client, viewer, CODE_2023)
    tree = await criteria(client, viewer, framework["id"])
    pillar = node(tree, "6")
    assert decimals(pillar["max_points_by_group"]) == {"SBN": 250, "QH": 200}
    assert leaf_total([pillar], "SBN") == 250
    assert leaf_total([pillar], "QH") == 200
    assert pillar["groups"] == ["QH", "SBN"]
    assert node(tree, "6.8")["groups"] == ["SBN"]
    assert node(tree, "7")["groups"] == ["SBN"]
    assert decimals(node(tree, "7")["max_points_by_group"]) == {"SBN": 250}
    assert node(tree, "8.1")["groups"] == ["QH"]  # inherited from pillar 8


async def test_indicator_details(client: AsyncClient, viewer: dict[str, str]) -> None:
    framework = await framework_by_code(client, viewer, CODE_2023)
    tree = await criteria(client, viewer, framework["id"])
    choice = node(tree, "1.1")
    assert choice["is_leaf"] is True
    assert Decimal(choice["max_points"]) == 20
    assert choice["rule"]["kind"] == "choice"
    assert decimals(choice["rule"]["points"]) == {"head": 20, "deputy": 10, "none": 0}
    assert choice["inputs"] == [
        {
            "name": "value",
            "element_code": "E-1.1",
            "value_type": "choice",
            "source": "self",
            "provider_code": None,
        }
    ]
    assert choice["evidence_required"] is True
    assert choice["guidance"]["method_vi"]
    provided = node(tree, "8.1")
    assert provided["rule"]["kind"] == "ratio"
    assert {i["name"]: i["provider_code"] for i in provided["inputs"]} == {
        "a": "CUC-THUE",
        "b": "CUC-THUE",
    }
    assert all(i["source"] == "provider" for i in provided["inputs"])


async def test_criteria_of_group_qh_leave_out_sbn_criteria(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    framework = await framework_by_code(client, viewer, CODE_2023)
    tree = await criteria(client, viewer, framework["id"], group="QH")
    codes = {n["code"] for n in walk(tree)}
    assert not codes & {"7", "7.1", "7.2", "7.3", "3.5", "4.5", "6.8", "6.9"}
    assert {"8", "9", "3.4", "4.4", "6.1", "10.1"} <= codes
    assert all("QH" in n["groups"] for n in walk(tree))
    assert leaf_total(tree, "QH") == 1000
    sbn = await criteria(client, viewer, framework["id"], group="SBN")
    sbn_codes = {n["code"] for n in walk(sbn)}
    assert {"7", "3.5", "4.5", "6.8", "6.9"} <= sbn_codes
    assert not sbn_codes & {"8", "9", "3.4", "4.4"}


async def test_elements_of_the_2023_framework(client: AsyncClient, viewer: dict[str, str]) -> None:
    framework = await framework_by_code(client, viewer, CODE_2023)
    response = await client.get(f"{FRAMEWORKS}/{framework['id']}/elements", headers=viewer)
    assert response.status_code == 200
    elements = {e["code"]: e for e in response.json()}
    assert len(elements) == framework["element_count"]
    assert elements["E-2.3"]["source"] == "provider"
    assert elements["E-2.3"]["provider_code"] == "SO-TC"
    assert [o["value"] for o in elements["E-1.1"]["options"]] == ["head", "deputy", "none"]


async def test_province_framework(client: AsyncClient, viewer: dict[str, str]) -> None:
    framework = await framework_by_code(client, viewer, CODE_922)
    assert framework["groups"] == ["TP"]
    assert decimals(framework["max_points_by_group"]) == {"TP": 270}
    assert framework["status"] == "active"
    assert framework["is_frozen"] is False
    tree = await criteria(client, viewer, framework["id"])
    assert [n["code"] for n in tree] == [f"T{i}" for i in range(1, 12)]
    assert leaf_total(tree, "TP") == 270
    response = await client.get("/api/v1/units", params={"group": "TP"}, headers=viewer)
    assert [u["code"] for u in response.json()["items"]] == ["TPHCM"]


async def test_list_filters(client: AsyncClient, viewer: dict[str, str]) -> None:
    response = await client.get(FRAMEWORKS, params={"status": "active"}, headers=viewer)
    assert response.status_code == 200
    codes = {f["code"] for f in response.json()["items"]}
    assert {CODE_2023, CODE_922} <= codes
    response = await client.get(FRAMEWORKS, params={"status": "retired"}, headers=viewer)
    assert response.json()["total"] == 0
    response = await client.get(FRAMEWORKS, params={"status": "bogus"}, headers=viewer)
    assert fields(assert_problem(response, 422, "http.validation")) == ["status"]


async def test_get_one_with_etag_and_unknown_id(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    framework = await framework_by_code(client, viewer, CODE_2023)
    response = await client.get(f"{FRAMEWORKS}/{framework['id']}", headers=viewer)
    assert response.status_code == 200
    assert response.json()["code"] == CODE_2023
    assert response.headers["etag"]
    for path in ("", "/criteria", "/document", "/elements"):
        missing = await client.get(f"{FRAMEWORKS}/999999{path}", headers=viewer)
        assert_problem(missing, 404, "framework.not_found")


async def test_frameworks_need_sign_in(client: AsyncClient) -> None:
    assert_problem(await client.get(FRAMEWORKS), 401, "auth.not_authenticated")


# --- frozen, clone, edit --------------------------------------------------------------------


async def test_frozen_framework_refuses_put_and_patch(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    framework = await framework_by_code(client, admin, CODE_2023)
    url = f"{FRAMEWORKS}/{framework['id']}"
    document = (await client.get(f"{url}/document", headers=admin)).json()
    document["title_en"] = "Changed"

    body = assert_problem(await client.put(url, json=document, headers=admin), 409)
    assert body["code"] == "framework.frozen"
    assert body["detail"].startswith("Bộ chỉ số HCMC-DTI-2023 đã được dùng trong kỳ đánh giá")
    assert response_language(body) == "vi"

    patch = {"name_en": "Changed"}
    body = assert_problem(await client.patch(f"{url}/criteria/1.1", json=patch, headers=admin), 409)
    assert body["code"] == "framework.frozen"
    assert "HCMC-DTI-2023" in body["detail"]

    english = {**admin, "Accept-Language": "en"}
    response = await client.patch(f"{url}/criteria/1.1", json=patch, headers=english)
    body = assert_problem(response, 409, "framework.frozen")
    assert body["detail"] == (
        "Framework HCMC-DTI-2023 is used by a round and is frozen. Clone it into a new version "
        "to edit."
    )
    assert body["title"] == "Conflict"
    assert response.headers["content-language"] == "en"
    response = await client.put(url, json=document, headers=english)
    assert assert_problem(response, 409, "framework.frozen")["detail"].startswith("Framework")

    # Nothing changed.
    unchanged = await framework_by_code(client, admin, CODE_2023)
    assert unchanged["title_en"] == framework["title_en"]
    assert unchanged["revision"] == framework["revision"]


def response_language(body: dict[str, Any]) -> str:
    return "vi" if body["title"] == "Xung đột trạng thái" else "en"


async def test_frozen_framework_cannot_go_back_to_draft(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    framework = await framework_by_code(client, admin, CODE_2023)
    response = await client.post(
        f"{FRAMEWORKS}/{framework['id']}/status", json={"status": "draft"}, headers=admin
    )
    assert_problem(response, 409, "framework.status_move")
    assert (await framework_by_code(client, admin, CODE_2023))["status"] == "active"


async def test_clone_is_an_unfrozen_draft_with_the_same_totals(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    original = await framework_by_code(client, admin, CODE_2023)
    clone = await clone_2023(client, admin)
    assert clone["code"] == "HCMC-DTI-2024-DRAFT"
    assert clone["status"] == "draft"
    assert clone["is_frozen"] is False
    assert clone["cloned_from_id"] == original["id"]
    assert clone["year"] == 2024
    assert clone["title_vi"] == original["title_vi"]
    assert clone["legal_basis"] == original["legal_basis"]
    assert decimals(clone["max_points_by_group"]) == {"SBN": 1000, "QH": 1000}
    for key in ("criteria_count", "indicator_count", "element_count", "groups"):
        assert clone[key] == original[key]
    tree = await criteria(client, admin, clone["id"])
    assert leaf_total(tree, "SBN") == 1000
    assert leaf_total(tree, "QH") == 1000
    assert tree == await criteria(client, admin, original["id"])
    # Cloning again under a taken code is a conflict.
    response = await client.post(
        f"{FRAMEWORKS}/{original['id']}/clone", json={"code": clone["code"]}, headers=admin
    )
    assert_problem(response, 409, "framework.code_taken")


async def test_clone_of_unknown_framework_is_404(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.post(f"{FRAMEWORKS}/999999/clone", json={"code": "X"}, headers=admin)
    assert_problem(response, 404, "framework.not_found")


async def test_patch_with_malformed_band_names_the_field(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    clone = await clone_2023(client, admin)
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.2",
        json={"rule": {"kind": "bands", "bands": [{"threshold": 4, "points": "abc"}]}},
        headers=admin,
    )
    body = assert_problem(response, 422, "http.validation")
    assert fields(body) == ["rule.bands[0].points"]


async def test_patch_with_malformed_ratio_scale_names_the_field(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    clone = await clone_2023(client, admin)
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.3",
        json={
            "rule": {
                "kind": "ratio",
                "scale": {"kind": "bands", "bands": [{"threshold": 50, "points": -1}]},
            }
        },
        headers=admin,
    )
    body = assert_problem(response, 422, "http.validation")
    assert fields(body) == ["rule.scale.bands[0].points"]


async def test_patch_with_unknown_rule_kind(client: AsyncClient, admin: dict[str, str]) -> None:
    clone = await clone_2023(client, admin)
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.2",
        json={"rule": {"kind": "magic", "bands": []}},
        headers=admin,
    )
    body = assert_problem(response, 422, "http.validation")
    assert fields(body) in (["rule.kind"], ["rule"])
    assert "magic" in body["errors"][0]["message"]
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.2", json={"rule": {"bands": []}}, headers=admin
    )
    assert fields(assert_problem(response, 422, "http.validation")) in (["rule.kind"], ["rule"])


async def test_patch_with_unknown_field(client: AsyncClient, admin: dict[str, str]) -> None:
    clone = await clone_2023(client, admin)
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.2", json={"colour": "red"}, headers=admin
    )
    assert fields(assert_problem(response, 422, "http.validation")) == ["colour"]


async def test_patch_choice_points_over_max(client: AsyncClient, admin: dict[str, str]) -> None:
    clone = await clone_2023(client, admin)
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.1",
        json={"rule": {"kind": "choice", "points": {"head": 25, "deputy": 10, "none": 0}}},
        headers=admin,
    )
    body = assert_problem(response, 422, "http.validation")
    assert fields(body) == ["rule.points.head"]
    assert "25" in body["errors"][0]["message"]
    assert "20" in body["errors"][0]["message"]


async def test_patch_choice_points_must_name_every_option(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    clone = await clone_2023(client, admin)
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.1",
        json={"rule": {"kind": "choice", "points": {"head": 20}}},
        headers=admin,
    )
    body = assert_problem(response, 422, "http.validation")
    assert fields(body) == ["rule.points"]


async def test_patch_bands_rule_on_a_choice_input(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    clone = await clone_2023(client, admin)
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.1",
        json={"rule": {"kind": "bands", "bands": [{"threshold": 1, "points": 10}]}},
        headers=admin,
    )
    body = assert_problem(response, 422, "http.validation")
    assert fields(body) == ["inputs"]
    assert "choice" in body["errors"][0]["message"]
    english = {**admin, "Accept-Language": "en"}
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.1",
        json={"rule": {"kind": "bands", "bands": [{"threshold": 1, "points": 10}]}},
        headers=english,
    )
    body = assert_problem(response, 422, "http.validation")
    assert body["errors"][0]["message"] == (
        "Input value must be of type decimal | integer | percent (it is choice)."
    )


async def test_patch_max_below_band_points(client: AsyncClient, admin: dict[str, str]) -> None:
    clone = await clone_2023(client, admin)
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.2", json={"max_points": 10}, headers=admin
    )
    body = assert_problem(response, 422, "http.validation")
    # Bands of 1.2: 20, 15, 10, 5 points; the first two exceed the new max.
    assert fields(body) == ["rule.bands[0].points", "rule.bands[1].points"]


async def test_patch_unknown_criterion_is_404(client: AsyncClient, admin: dict[str, str]) -> None:
    clone = await clone_2023(client, admin)
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/99.9", json={"name_en": "x"}, headers=admin
    )
    assert_problem(response, 404, "criterion.not_found")


async def test_refused_patch_changes_nothing(client: AsyncClient, admin: dict[str, str]) -> None:
    clone = await clone_2023(client, admin)
    before = await criteria(client, admin, clone["id"])
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.1",
        json={"name_en": "Renamed", "max_points": 5},
        headers=admin,
    )
    assert_problem(response, 422, "http.validation")
    assert await criteria(client, admin, clone["id"]) == before
    current = await client.get(f"{FRAMEWORKS}/{clone['id']}", headers=admin)
    assert current.json()["revision"] == clone["revision"]
    assert current.headers["etag"] == clone["etag"]


async def test_valid_patch_changes_the_tree_and_bumps_the_etag(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    clone = await clone_2023(client, admin)
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.2",
        json={
            "name_en": "Steering committee meetings",
            "max_points": 25,
            "rule": {
                "kind": "bands",
                "bands": [{"threshold": 6, "points": 25}, {"threshold": 4, "points": 20}],
            },
        },
        headers={**admin, "If-Match": clone["etag"]},
    )
    assert response.status_code == 200, response.text
    updated = response.json()
    assert updated["revision"] == clone["revision"] + 1
    assert response.headers["etag"] != clone["etag"]
    assert decimals(updated["max_points_by_group"]) == {"SBN": 1005, "QH": 1005}

    tree = await criteria(client, admin, clone["id"])
    changed = node(tree, "1.2")
    assert changed["name_en"] == "Steering committee meetings"
    assert changed["name_vi"] == "Số cuộc họp của Ban chỉ đạo CĐS trong năm"  # untouched
    assert Decimal(changed["max_points"]) == 25
    assert [(Decimal(b["threshold"]), Decimal(b["points"])) for b in changed["rule"]["bands"]] == [
        (6, 25),
        (4, 20),
    ]
    assert changed["inputs"][0]["element_code"] == "E-1.2"
    assert decimals(node(tree, "1")["max_points_by_group"]) == {"SBN": 105, "QH": 105}
    assert leaf_total(tree, "QH") == 1005
    # The codes and order of the tree are kept.
    original = await framework_by_code(client, admin, CODE_2023)
    before = [n["code"] for n in walk(await criteria(client, admin, original["id"]))]
    assert [n["code"] for n in walk(tree)] == before

    fetched = await client.get(f"{FRAMEWORKS}/{clone['id']}", headers=admin)
    assert fetched.headers["etag"] == response.headers["etag"]


async def test_patch_with_stale_if_match_is_412(client: AsyncClient, admin: dict[str, str]) -> None:
    clone = await clone_2023(client, admin)
    url = f"{FRAMEWORKS}/{clone['id']}/criteria/1.4"
    first = await client.patch(
        url, json={"name_en": "First edit"}, headers={**admin, "If-Match": clone["etag"]}
    )
    assert first.status_code == 200, first.text
    stale = await client.patch(
        url, json={"name_en": "Lost update"}, headers={**admin, "If-Match": clone["etag"]}
    )
    body = assert_problem(stale, 412, "framework.stale")
    assert first.headers["etag"] in body["detail"]
    assert node(await criteria(client, admin, clone["id"]), "1.4")["name_en"] == "First edit"
    fresh = await client.patch(
        url, json={"name_en": "Second edit"}, headers={**admin, "If-Match": first.headers["etag"]}
    )
    assert fresh.status_code == 200
    anything = await client.patch(
        url, json={"name_en": "Third edit"}, headers={**admin, "If-Match": "*"}
    )
    assert anything.status_code == 200
    assert anything.json()["revision"] == clone["revision"] + 3


async def test_put_with_stale_if_match_is_412(client: AsyncClient, admin: dict[str, str]) -> None:
    clone = await clone_2023(client, admin)
    url = f"{FRAMEWORKS}/{clone['id']}"
    document = (await client.get(f"{url}/document", headers=admin)).json()
    document["title_en"] = "Replaced"
    response = await client.put(url, json=document, headers={**admin, "If-Match": clone["etag"]})
    assert response.status_code == 200, response.text
    assert response.json()["title_en"] == "Replaced"
    assert response.json()["revision"] == clone["revision"] + 1
    response = await client.put(url, json=document, headers={**admin, "If-Match": clone["etag"]})
    assert_problem(response, 412, "framework.stale")


async def test_diff_lists_the_changed_criterion(client: AsyncClient, admin: dict[str, str]) -> None:
    original = await framework_by_code(client, admin, CODE_2023)
    clone = await clone_2023(client, admin)
    url = f"{FRAMEWORKS}/{clone['id']}/diff"
    response = await client.get(url, params={"base": original["id"]}, headers=admin)
    assert response.status_code == 200
    diff = response.json()
    assert diff["base_id"] == original["id"]
    assert diff["target_id"] == clone["id"]
    assert diff["criteria"] == []
    assert diff["elements"] == []
    assert {c["field"] for c in diff["metadata"]} == {"code", "year"}

    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/2.4",
        json={"name_en": "Policies issued", "max_points": 20},
        headers=admin,
    )
    assert response.status_code == 200, response.text
    diff = (await client.get(url, params={"base": original["id"]}, headers=admin)).json()
    assert [(c["code"], c["change"]) for c in diff["criteria"]] == [("2.4", "changed")]
    [change] = diff["criteria"]
    assert change["name_vi"] == "Số cơ chế, chính sách thúc đẩy CĐS ban hành trong năm"
    assert [f["field"] for f in change["fields"]] == ["name_en"]
    assert change["fields"][0]["after"] == "Policies issued"

    response = await client.get(url, params={"base": 999999}, headers=admin)
    assert_problem(response, 404, "framework.not_found")
    response = await client.get(url, headers=admin)
    assert fields(assert_problem(response, 422, "http.validation")) == ["base"]


# --- import ---------------------------------------------------------------------------------


async def test_import_with_bad_cross_references_lists_them_all(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    doc = small_document("BAD-REFS", groups=["SBN", "NOPE"])
    doc["elements"][1].pop("provider_code")  # provider without provider_code
    doc["criteria"][0]["children"][0]["inputs"][0]["element_code"] = "E-MISSING"
    doc["criteria"][0]["children"][1]["groups"] = ["QH"]  # not one of the parent's groups
    response = await client.post(FRAMEWORKS, json=doc, headers=admin)
    body = assert_problem(response, 422, "http.validation")
    assert set(fields(body)) == {
        "groups[1]",
        "elements[1].provider_code",
        "criteria[0].children[0].inputs[0].element_code",
        "criteria[0].children[1].groups[0]",
    }
    assert "(4 " in body["detail"]
    messages = " ".join(e["message"] for e in body["errors"])
    assert "NOPE" in messages
    assert "E-MISSING" in messages
    # Nothing was created.
    listed = (await client.get(FRAMEWORKS, params={"limit": 500}, headers=admin)).json()
    assert "BAD-REFS" not in {f["code"] for f in listed["items"]}


async def test_import_with_unknown_group_on_a_pillar(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    doc = small_document("BAD-GROUP")
    doc["criteria"][0]["groups"] = ["QH"]
    body = assert_problem(await client.post(FRAMEWORKS, json=doc, headers=admin), 422)
    assert fields(body) == ["criteria[0].groups[0]"]


async def test_import_with_unknown_provider(client: AsyncClient, admin: dict[str, str]) -> None:
    doc = small_document("BAD-PROVIDER")
    doc["elements"][1]["provider_code"] = "NOBODY"
    body = assert_problem(await client.post(FRAMEWORKS, json=doc, headers=admin), 422)
    assert fields(body) == ["elements[1].provider_code"]
    assert "NOBODY" in body["errors"][0]["message"]


async def test_import_with_a_unit_that_supplies_no_figures_as_provider(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    doc = small_document("BAD-PROVIDER")
    doc["elements"][1]["provider_code"] = "Q1"  # a district, not a provider agency
    body = assert_problem(await client.post(FRAMEWORKS, json=doc, headers=admin), 422)
    assert fields(body) == ["elements[1].provider_code"]
    assert "Q1" in body["errors"][0]["message"]


async def test_import_with_provider_code_on_a_self_element(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    doc = small_document("BAD-SELF")
    doc["elements"][0]["provider_code"] = "SO-TC"
    body = assert_problem(await client.post(FRAMEWORKS, json=doc, headers=admin), 422)
    assert fields(body) == ["elements[0].provider_code"]


async def test_import_with_malformed_document(client: AsyncClient, admin: dict[str, str]) -> None:
    doc = small_document("BAD-SHAPE")
    doc["year"] = 1999
    doc["elements"][0]["value_type"] = "colour"
    doc["criteria"][0]["children"][1]["max_points"] = "lots"
    body = assert_problem(await client.post(FRAMEWORKS, json=doc, headers=admin), 422)
    assert set(fields(body)) == {
        "year",
        "elements[0].value_type",
        "criteria[0].children[1].max_points",
    }


async def test_import_of_valid_document_is_a_draft(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.post(FRAMEWORKS, json=small_document(), headers=admin)
    assert response.status_code == 201, response.text
    framework = response.json()
    assert response.headers["etag"]
    assert framework["code"] == "SMALL-2025"
    assert framework["status"] == "draft"
    assert framework["is_frozen"] is False
    assert framework["revision"] == 1
    assert framework["legal_basis"] == "01/QĐ-TEST"
    assert decimals(framework["max_points_by_group"]) == {"SBN": Decimal("30.5")}
    assert framework["criteria_count"] == 3
    assert framework["indicator_count"] == 2
    assert framework["element_count"] == 2
    tree = await criteria(client, admin, framework["id"])
    assert node(tree, "1.2")["inputs"][0]["provider_code"] == "SO-TC"
    assert Decimal(node(tree, "1.2")["max_points"]) == Decimal("20.5")
    # The same code again is a conflict.
    response = await client.post(FRAMEWORKS, json=small_document(), headers=admin)
    assert_problem(response, 409, "framework.code_taken")


async def test_seeded_document_round_trips(client: AsyncClient, admin: dict[str, str]) -> None:
    original = await framework_by_code(client, admin, CODE_2023)
    response = await client.get(f"{FRAMEWORKS}/{original['id']}/document", headers=admin)
    assert response.status_code == 200
    document = response.json()
    parsed = FrameworkDocument.model_validate(document)
    assert parsed.code == CODE_2023
    assert parsed.legal_basis == "79/QĐ-UBND ngày 10/01/2023"

    copy_doc = copy.deepcopy(document)
    copy_doc["code"] = "HCMC-DTI-2023-COPY"
    response = await client.post(FRAMEWORKS, json=copy_doc, headers=admin)
    assert response.status_code == 201, response.text
    imported = response.json()
    assert decimals(imported["max_points_by_group"]) == decimals(original["max_points_by_group"])
    assert imported["criteria_count"] == original["criteria_count"]
    assert imported["element_count"] == original["element_count"]
    again = (await client.get(f"{FRAMEWORKS}/{imported['id']}/document", headers=admin)).json()
    assert FrameworkDocument.model_validate(again) == parsed.model_copy(
        update={"code": "HCMC-DTI-2023-COPY"}
    )


async def test_province_document_round_trips(client: AsyncClient, admin: dict[str, str]) -> None:
    original = await framework_by_code(client, admin, CODE_922)
    document = (await client.get(f"{FRAMEWORKS}/{original['id']}/document", headers=admin)).json()
    document["code"] = "DTI-922-COPY"
    response = await client.post(FRAMEWORKS, json=document, headers=admin)
    assert response.status_code == 201, response.text
    assert decimals(response.json()["max_points_by_group"]) == {"TP": 270}


# --- status, rounds, deletion ---------------------------------------------------------------


async def test_status_moves(client: AsyncClient, admin: dict[str, str]) -> None:
    created = (await client.post(FRAMEWORKS, json=small_document(), headers=admin)).json()
    url = f"{FRAMEWORKS}/{created['id']}/status"

    other = (await client.post(FRAMEWORKS, json=small_document("SMALL-B"), headers=admin)).json()
    response = await client.post(
        f"{FRAMEWORKS}/{other['id']}/status", json={"status": "retired"}, headers=admin
    )
    body = assert_problem(response, 409, "framework.status_move")
    assert "draft" in body["detail"]
    assert "retired" in body["detail"]

    response = await client.post(url, json={"status": "active"}, headers=admin)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "active"
    assert response.json()["revision"] == created["revision"] + 1
    response = await client.post(url, json={"status": "retired"}, headers=admin)
    assert response.status_code == 200
    assert response.json()["status"] == "retired"
    response = await client.post(url, json={"status": "retired"}, headers=admin)
    assert_problem(response, 409, "framework.status_move")
    response = await client.post(url, json={"status": "draft"}, headers=admin)
    assert_problem(response, 409, "framework.status_move")
    response = await client.post(url, json={"status": "active"}, headers=admin)
    assert response.json()["status"] == "active"
    # An unused active framework may go back to draft.
    response = await client.post(url, json={"status": "draft"}, headers=admin)
    assert response.status_code == 200
    assert response.json()["status"] == "draft"
    response = await client.post(url, json={"status": "gone"}, headers=admin)
    assert fields(assert_problem(response, 422, "http.validation")) == ["status"]


async def test_round_needs_an_active_framework_which_it_then_freezes(
    client: AsyncClient, admin: dict[str, str], approver: dict[str, str]
) -> None:
    clone = await clone_2023(client, admin)
    round_body = {
        "year": 2024,
        "title_vi": "Kỳ đánh giá 2024",
        "title_en": "2024 round",
        "framework_id": clone["id"],
    }
    response = await client.post(ROUNDS, json=round_body, headers=approver)
    body = assert_problem(response, 409, "framework.not_active")
    assert clone["code"] in body["detail"]

    response = await client.post(
        f"{FRAMEWORKS}/{clone['id']}/status", json={"status": "active"}, headers=admin
    )
    assert response.status_code == 200
    response = await client.post(ROUNDS, json=round_body, headers=approver)
    assert response.status_code == 201, response.text
    assert response.json()["framework_code"] == clone["code"]

    framework = (await client.get(f"{FRAMEWORKS}/{clone['id']}", headers=admin)).json()
    assert framework["is_frozen"] is True
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.1", json={"name_en": "x"}, headers=admin
    )
    assert_problem(response, 409, "framework.frozen")
    response = await client.delete(f"{FRAMEWORKS}/{clone['id']}", headers=admin)
    assert_problem(response, 409, "framework.in_use")

    retired = await client.post(
        f"{FRAMEWORKS}/{clone['id']}/status", json={"status": "retired"}, headers=admin
    )
    assert retired.status_code == 200
    response = await client.post(ROUNDS, json={**round_body, "year": 2025}, headers=approver)
    assert_problem(response, 409, "framework.not_active")


async def test_delete_used_framework_is_409(client: AsyncClient, admin: dict[str, str]) -> None:
    framework = await framework_by_code(client, admin, CODE_2023)
    response = await client.delete(f"{FRAMEWORKS}/{framework['id']}", headers=admin)
    body = assert_problem(response, 409, "framework.in_use")
    assert CODE_2023 in body["detail"]
    assert (await client.get(f"{FRAMEWORKS}/{framework['id']}", headers=admin)).status_code == 200


async def test_delete_unused_draft_is_204(client: AsyncClient, admin: dict[str, str]) -> None:
    clone = await clone_2023(client, admin)
    response = await client.delete(f"{FRAMEWORKS}/{clone['id']}", headers=admin)
    assert response.status_code == 204
    assert response.content == b""
    for path in ("", "/criteria"):
        missing = await client.get(f"{FRAMEWORKS}/{clone['id']}{path}", headers=admin)
        assert_problem(missing, 404, "framework.not_found")
    response = await client.delete(f"{FRAMEWORKS}/{clone['id']}", headers=admin)
    assert_problem(response, 404, "framework.not_found")
    # The original is untouched.
    original = await framework_by_code(client, admin, CODE_2023)
    assert leaf_total(await criteria(client, admin, original["id"]), "SBN") == 1000


# --- permissions ----------------------------------------------------------------------------


async def test_non_admin_writes_are_403(
    client: AsyncClient,
    approver: dict[str, str],
    evaluator: dict[str, str],
    viewer: dict[str, str],
    q1_editor: dict[str, str],
) -> None:
    framework = await framework_by_code(client, viewer, CODE_922)
    url = f"{FRAMEWORKS}/{framework['id']}"
    document = (await client.get(f"{url}/document", headers=viewer)).json()
    attempts: list[tuple[str, str, Any]] = [
        ("POST", FRAMEWORKS, small_document()),
        ("PUT", url, document),
        ("PATCH", f"{url}/criteria/T1", {"name_en": "x"}),
        ("POST", f"{url}/clone", {"code": "X-1"}),
        ("POST", f"{url}/status", {"status": "retired"}),
        ("DELETE", url, None),
    ]
    for headers in (approver, evaluator, viewer, q1_editor):
        for method, path, payload in attempts:
            response = await client.request(method, path, json=payload, headers=headers)
            body = assert_problem(response, 403, "auth.forbidden_role")
            assert "admin" in body["detail"]
    unchanged = await framework_by_code(client, viewer, CODE_922)
    assert unchanged["revision"] == framework["revision"]
    assert unchanged["status"] == "active"


async def test_writes_need_sign_in(client: AsyncClient) -> None:
    assert_problem(await client.post(FRAMEWORKS, json=small_document()), 401)
    assert_problem(await client.post(f"{FRAMEWORKS}/1/clone", json={"code": "X"}), 401)


async def test_patch_bands_whose_points_fall_as_the_value_improves(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    clone = await clone_2023(client, admin)
    response = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.2",
        json={
            "rule": {
                "kind": "bands",
                "bands": [{"threshold": 4, "points": 5}, {"threshold": 1, "points": 20}],
            }
        },
        headers={**admin, "Accept-Language": "en"},
    )
    body = assert_problem(response, 422, "http.validation")
    assert fields(body) == ["rule.bands"]
    assert "must not fall" in body["errors"][0]["message"]
    # The same table is right when lower is better (fewer incidents, more points).
    reversed_ok = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/1.2",
        json={
            "rule": {
                "kind": "bands",
                "direction": "lower_is_better",
                "bands": [{"threshold": 4, "points": 5}, {"threshold": 1, "points": 20}],
            }
        },
        headers=admin,
    )
    assert reversed_ok.status_code == 200, reversed_ok.text


async def test_patch_linear_direction_must_agree_with_the_goalposts(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    clone = await clone_2023(client, admin)
    bad = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/2.3",
        json={"rule": {"kind": "linear", "floor": 5, "target": 0, "direction": "higher_is_better"}},
        headers=admin,
    )
    body = assert_problem(bad, 422, "http.validation")
    assert fields(body) == ["rule.direction"]
    # Reversed goalposts alone mean "lower is better", and the engine reads them so.
    good = await client.patch(
        f"{FRAMEWORKS}/{clone['id']}/criteria/2.3",
        json={"rule": {"kind": "linear", "floor": 5, "target": 0}},
        headers=admin,
    )
    assert good.status_code == 200, good.text
    tree = (await client.get(f"{FRAMEWORKS}/{clone['id']}/criteria", headers=admin)).json()
    assert node(tree, "2.3")["rule"] == {
        "kind": "linear",
        "input": "value",
        "goalposts": "fixed",
        "floor": "5",
        "target": "0",
        "direction": None,
    }
