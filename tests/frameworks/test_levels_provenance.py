"""Levels (mức độ), pillar views (trụ cột) and provenance in framework documents: validation with
the field at fault (vi/en), storage and the document round trip, clones, diffs, and the seeds."""

from __future__ import annotations

import copy
from typing import Any

from httpx import AsyncClient

from api.frameworks.schemas import FrameworkDocument
from tests.frameworks.test_frameworks import (
    CODE_922,
    CODE_2023,
    FRAMEWORKS,
    criteria,
    framework_by_code,
    node,
    small_document,
)
from tests.support.problems import assert_problem, fields

BANDS: list[dict[str, Any]] = [
    {"code": "khoi_dong", "name_vi": "Khởi động", "name_en": "Starting", "min_index": 0},
    {"code": "hinh_thanh", "name_vi": "Hình thành", "name_en": "Forming", "min_index": "0.6"},
    {"code": "nang_cao", "name_vi": "Nâng cao", "name_en": "Advanced", "min_index": "0.8"},
]


def rich_document(code: str = "RICH-2025") -> dict[str, Any]:
    """The small document with two pillars, levels, pillar views and provenance."""
    doc = small_document(code)
    second = copy.deepcopy(doc["criteria"][0])
    second["code"] = "2"
    for index, child in enumerate(second["children"], start=1):
        child["code"] = f"2.{index}"
    doc["criteria"].append(second)
    doc["criteria"][1]["provenance"] = {
        "kind": "sourced",
        "reference": "01/QĐ-TEST, Phụ lục",
        "url": "https://example.gov.vn/01-qd-test",
    }
    doc["levels"] = [{"groups": ["SBN"], "bands": copy.deepcopy(BANDS)}]
    doc["pillar_views"] = [
        {"code": "P1", "name_vi": "Trụ cột A", "name_en": "Pillar A", "criteria": ["1"]},
        {"code": "P2", "name_vi": "Trụ cột B", "name_en": "Pillar B", "criteria": ["1", "2"]},
    ]
    doc["provenance"] = {
        "kind": "mixed",
        "references": [{"title": "01/QĐ-TEST", "note_vi": "Trụ cột 2", "note_en": "Pillar 2"}],
        "note_vi": "Trụ cột 1 là minh họa.",
        "note_en": "Pillar 1 is illustrative.",
    }
    return doc


async def test_a_document_with_levels_pillar_views_and_provenance_round_trips(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    response = await client.post(FRAMEWORKS, json=rich_document(), headers=admin)
    assert response.status_code == 201, response.text
    created = response.json()
    assert created["provenance"]["kind"] == "mixed"
    assert [b["code"] for b in created["levels"][0]["bands"]] == [b["code"] for b in BANDS]
    assert [v["code"] for v in created["pillar_views"]] == ["P1", "P2"]

    url = f"{FRAMEWORKS}/{created['id']}/document"
    document = (await client.get(url, headers=admin)).json()
    parsed = FrameworkDocument.model_validate(document)
    assert parsed == FrameworkDocument.model_validate(rich_document())
    assert document["levels"][0]["bands"][1]["min_index"] == "0.6"
    tree = await criteria(client, admin, created["id"])
    assert node(tree, "2")["provenance"]["reference"] == "01/QĐ-TEST, Phụ lục"
    assert node(tree, "1")["provenance"] is None

    # A clone carries them; the diff from the original reports a change to each.
    response = await client.post(
        f"{FRAMEWORKS}/{created['id']}/clone", json={"code": "RICH-2026"}, headers=admin
    )
    assert response.status_code == 201, response.text
    clone = response.json()
    again = (await client.get(f"{FRAMEWORKS}/{clone['id']}/document", headers=admin)).json()
    expected = parsed.model_copy(update={"code": "RICH-2026"})
    assert FrameworkDocument.model_validate(again) == expected

    changed = copy.deepcopy(again)
    changed["levels"][0]["bands"][1]["min_index"] = "0.65"
    changed["pillar_views"].pop()
    changed["provenance"]["kind"] = "illustrative"
    changed["criteria"][1]["provenance"] = {"kind": "illustrative"}
    response = await client.put(
        f"{FRAMEWORKS}/{clone['id']}", json=changed, headers={**admin, "If-Match": "*"}
    )
    assert response.status_code == 200, response.text
    diff = (
        await client.get(
            f"{FRAMEWORKS}/{clone['id']}/diff", params={"base": created["id"]}, headers=admin
        )
    ).json()
    changed_fields = {c["field"] for c in diff["metadata"]}
    assert changed_fields == {"code", "levels", "pillar_views", "provenance"}
    [level_change] = [c for c in diff["metadata"] if c["field"] == "levels"]
    assert level_change["after"][0]["bands"][1]["min_index"] == "0.65"
    assert [(c["code"], [f["field"] for f in c["fields"]]) for c in diff["criteria"]] == [
        ("2", ["provenance"])
    ]


async def test_level_sets_that_break_the_rules_are_refused_naming_each_field(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    doc = rich_document("BAD-LEVELS")
    doc["groups"] = ["SBN"]
    bad = copy.deepcopy(BANDS)
    bad[0]["min_index"] = "0.1"  # the first level starts above 0
    bad[2]["min_index"] = "0.5"  # below the one before
    bad[2]["code"] = "khoi_dong"  # a code twice
    doc["levels"] = [
        {"groups": ["SBN"], "bands": bad},
        {"groups": ["SBN", "QH"], "bands": BANDS},  # SBN twice; QH not a group of the framework
        {"bands": BANDS},
        {"bands": BANDS},  # a second default set
    ]
    body = assert_problem(await client.post(FRAMEWORKS, json=doc, headers=admin), 422)
    assert set(fields(body)) == {
        "levels[0].bands[0].min_index",
        "levels[0].bands[2].min_index",
        "levels[0].bands[2].code",
        "levels[1].groups[0]",
        "levels[1].groups[1]",
        "levels[3]",
    }
    messages = {e["field"]: e["message"] for e in body["errors"]}
    assert messages["levels[0].bands[0].min_index"] == "Mức đầu tiên phải bắt đầu từ chỉ số 0."
    assert "0.5" in messages["levels[0].bands[2].min_index"]
    assert "levels[0]" in messages["levels[1].groups[0]"]

    response = await client.post(FRAMEWORKS, json=doc, headers={**admin, "Accept-Language": "en"})
    messages = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert messages["levels[0].bands[0].min_index"] == "The first level must start at index 0."
    assert messages["levels[3]"].startswith("Only one default level set")


async def test_a_threshold_outside_0_to_1_is_refused_by_its_type(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    doc = rich_document("BAD-THRESHOLD")
    doc["levels"][0]["bands"][2]["min_index"] = "1.2"
    body = assert_problem(await client.post(FRAMEWORKS, json=doc, headers=admin), 422)
    assert fields(body) == ["levels[0].bands[2].min_index"]


async def test_pillar_views_name_existing_top_level_criteria_once(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    doc = rich_document("BAD-VIEWS")
    doc["pillar_views"] = [
        {"code": "P", "name_vi": "A", "name_en": "A", "criteria": ["1", "1.1", "9", "1"]},
        {"code": "P", "name_vi": "B", "name_en": "B", "criteria": ["2"]},
    ]
    body = assert_problem(await client.post(FRAMEWORKS, json=doc, headers=admin), 422)
    assert fields(body) == [
        "pillar_views[0].criteria[1]",
        "pillar_views[0].criteria[2]",
        "pillar_views[0].criteria[3]",
        "pillar_views[1].code",
    ]
    messages = [e["message"] for e in body["errors"]]
    assert "1.1" in messages[0]
    assert "chỉ số chính" in messages[0]
    assert "9" in messages[1]


async def test_provenance_kinds_are_checked_and_mixing_needs_mixed(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    doc = rich_document("BAD-PROVENANCE")
    doc["provenance"]["kind"] = "official"
    body = assert_problem(await client.post(FRAMEWORKS, json=doc, headers=admin), 422)
    assert fields(body) == ["provenance.kind"]

    doc["provenance"]["kind"] = "illustrative"
    doc["levels"][0]["provenance"] = {"kind": "sourced", "reference": "Báo"}
    body = assert_problem(await client.post(FRAMEWORKS, json=doc, headers=admin), 422)
    assert fields(body) == ["criteria[1].provenance.kind", "levels[0].provenance.kind"]
    assert "mixed" in body["errors"][0]["message"]

    doc["criteria"][1]["provenance"] = {"kind": "sourced", "url": "javascript:alert(1)"}
    body = assert_problem(await client.post(FRAMEWORKS, json=doc, headers=admin), 422)
    assert fields(body) == ["criteria[1].provenance.url"]


async def test_the_seeds_say_what_is_sourced_and_what_is_illustrative(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    city = await framework_by_code(client, viewer, CODE_2023)
    assert city["provenance"]["kind"] == "mixed"
    titles = [r["title"] for r in city["provenance"]["references"]]
    assert any(t.startswith("79/QĐ-UBND") for t in titles)
    assert any(t.startswith("Thanh Niên, 7/3/2024") for t in titles)
    by_group = {tuple(s["groups"]): s for s in city["levels"]}
    assert by_group[("SBN",)]["provenance"]["kind"] == "sourced"
    assert by_group[("QH",)]["provenance"]["kind"] == "illustrative"
    assert [b["min_index"] for b in by_group[("SBN",)]["bands"]] == ["0", "0.6", "0.8"]
    tree = await criteria(client, viewer, city["id"])
    assert {n["provenance"]["kind"] for n in tree} == {"illustrative"}

    province = await framework_by_code(client, viewer, CODE_922)
    assert province["provenance"]["kind"] == "mixed"
    assert province["provenance"]["references"][0]["title"].startswith("922/QĐ-BTTTT")
    assert province["pillar_views"] is None  # its figures are not the 922 main indicators
