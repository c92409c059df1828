"""The framework editor's API: every rule kind can be edited (whole document or one criterion) and
the engine then scores with the edited rule; the rule preview (the worked example) gives the
engine's points for every kind and refuses bad rules naming the field; only drafts are edited;
the diff marks changed points and rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.frameworks import compiled, service
from api.scoring import Adjustment, UnitInfo, Value, score
from tests.support.problems import assert_problem, fields

FRAMEWORKS = "/api/v1/frameworks"
PREVIEW = f"{FRAMEWORKS}/rule-preview"
CODE = "1.1"


@dataclass(frozen=True)
class Case:
    """One rule kind: the rule, the elements its inputs read, the example unit's values and the
    other units' (group-relative rules), and the points the example earns out of 20."""

    rule: dict[str, Any]
    inputs: dict[str, str]  # input name -> element code
    values: dict[str, Any]
    points: str
    others: list[dict[str, Any]] = field(default_factory=list)
    reviewer_points: str | None = None


CASES: dict[str, Case] = {
    "boolean": Case({"kind": "boolean"}, {"value": "E-YES"}, {"value": True}, "20"),
    "choice": Case(
        {"kind": "choice", "points": {"head": 20, "deputy": 10, "none": 0}},
        {"value": "E-OPT"},
        {"value": "deputy"},
        "10",
    ),
    "bands": Case(
        {
            "kind": "bands",
            "bands": [
                {"threshold": 4, "points": 20},
                {"threshold": 3, "points": 15},
                {"threshold": 1, "points": 5},
            ],
        },
        {"value": "E-NUM"},
        {"value": 3},
        "15",
    ),
    "bands_lower": Case(
        {
            "kind": "bands",
            "direction": "lower_is_better",
            "bands": [{"threshold": 5, "points": 20}, {"threshold": 10, "points": 8}],
        },
        {"value": "E-NUM"},
        {"value": 7},
        "8",
    ),
    "linear": Case(
        {"kind": "linear", "floor": 0, "target": 10}, {"value": "E-NUM"}, {"value": 4}, "8"
    ),
    "linear_group": Case(
        {"kind": "linear", "goalposts": "group_min_max", "direction": "higher_is_better"},
        {"value": "E-NUM"},
        {"value": 5},
        "10",
        others=[{"value": 0}, {"value": 10}],
    ),
    "ratio_linear": Case(
        {"kind": "ratio", "scale": {"kind": "linear", "floor": 0, "target": 100}},
        {"a": "E-A", "b": "E-B"},
        {"a": 3, "b": 4},
        "15",
    ),
    "ratio_bands": Case(
        {
            "kind": "ratio",
            "scale": {
                "kind": "bands",
                "bands": [{"threshold": 50, "points": 10}, {"threshold": 90, "points": 20}],
            },
        },
        {"a": "E-A", "b": "E-B"},
        {"a": 3, "b": 4},
        "10",
    ),
    "relative_to_best": Case(
        {"kind": "relative_to_best"},
        {"value": "E-NUM"},
        {"value": 5},
        "10",
        others=[{"value": 10}, {"value": 2}],
    ),
    "rank": Case(
        {"kind": "rank", "points_by_rank": [20, 10, 5]},
        {"value": "E-NUM"},
        {"value": 5},
        "10",
        others=[{"value": 10}, {"value": 2}],
    ),
    "manual": Case({"kind": "manual"}, {}, {}, "12", reviewer_points="12"),
}

ELEMENTS: list[dict[str, Any]] = [
    {"code": "E-YES", "name_vi": "Có", "name_en": "Yes", "value_type": "boolean"},
    {
        "code": "E-OPT",
        "name_vi": "Vị trí",
        "name_en": "Position",
        "value_type": "choice",
        "options": [{"value": v, "label_vi": v, "label_en": v} for v in ("head", "deputy", "none")],
    },
    {"code": "E-NUM", "name_vi": "Số", "name_en": "Number", "value_type": "decimal"},
    {"code": "E-A", "name_vi": "Tử số", "name_en": "Numerator", "value_type": "integer"},
    {"code": "E-B", "name_vi": "Mẫu số", "name_en": "Denominator", "value_type": "integer"},
]


def document(case: Case | None = None, code: str = "EDITOR-2026") -> dict[str, Any]:
    """A draft with one pillar and two indicators; 1.1 carries ``case``'s rule (else boolean)."""
    case = case or CASES["boolean"]
    return {
        "code": code,
        "title_vi": "Bộ chỉ số thử (minh họa)",
        "title_en": "Trial framework (illustrative)",
        "year": 2026,
        "groups": ["SBN", "QH"],
        "elements": ELEMENTS,
        "criteria": [
            {
                "code": "1",
                "name_vi": "Trụ cột",
                "name_en": "Pillar",
                "rule": {"kind": "sum_of_children"},
                "children": [
                    {
                        "code": CODE,
                        "name_vi": "Chỉ số sửa",
                        "name_en": "Edited indicator",
                        "max_points": 20,
                        "inputs": [{"name": n, "element_code": e} for n, e in case.inputs.items()],
                        "rule": case.rule,
                    },
                    {
                        "code": "1.2",
                        "name_vi": "Chỉ số khác",
                        "name_en": "Other indicator",
                        "groups": ["SBN"],
                        "max_points": 5,
                        "inputs": [{"name": "value", "element_code": "E-YES"}],
                        "rule": {"kind": "boolean"},
                    },
                ],
            }
        ],
    }


async def create_draft(
    client: AsyncClient, admin: dict[str, str], doc: dict[str, Any] | None = None
) -> tuple[int, str]:
    response = await client.post(FRAMEWORKS, json=doc or document(), headers=admin)
    assert response.status_code == 201, response.text
    return response.json()["id"], response.headers["etag"]


async def engine_points(
    session: AsyncSession, framework_id: int, case: Case
) -> tuple[Decimal, str]:
    """The points (2 decimals) and English formula the stored framework gives the example unit,
    scored by the engine with the example's group."""
    framework = await service.get(session=session, framework_id=framework_id)
    built = await compiled.load(session=session, framework=framework)
    units = [UnitInfo("U0", "SBN")] + [
        UnitInfo(f"U{i + 1}", "SBN") for i in range(len(case.others))
    ]

    def values_of(given: dict[str, Any]) -> dict[str, Value]:
        return {case.inputs[name]: Value(v, "self") for name, v in given.items()}

    values = {"U0": values_of(case.values)} | {
        f"U{i + 1}": values_of(other) for i, other in enumerate(case.others)
    }
    adjustments = (
        {("U0", CODE): Adjustment(Decimal(case.reviewer_points), "—")}
        if case.reviewer_points
        else None
    )
    run = score(built.engine, units, values, adjustments=adjustments)
    explanation = run.explain_indicator("U0", CODE)
    return run.node("U0", CODE).rounded_points, explanation.formula_en


async def preview(client: AsyncClient, headers: dict[str, str], case: Case) -> dict[str, Any]:
    body: dict[str, Any] = {
        "rule": case.rule,
        "max_points": 20,
        "inputs": case.values,
        "others": case.others,
        "group": "SBN",
    }
    if case.reviewer_points:
        body["reviewer_points"] = case.reviewer_points
    response = await client.post(PREVIEW, json=body, headers=headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


# --- every rule kind can be edited, and is scored as edited ----------------------------------


@pytest.mark.parametrize("kind", list(CASES))
async def test_every_rule_kind_edited_through_the_document_is_scored_as_edited(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession, kind: str
) -> None:
    framework_id, etag = await create_draft(client, admin)
    case = CASES[kind]
    response = await client.put(
        f"{FRAMEWORKS}/{framework_id}", json=document(case), headers={**admin, "If-Match": etag}
    )
    assert response.status_code == 200, response.text

    stored = (await client.get(f"{FRAMEWORKS}/{framework_id}/document", headers=admin)).json()
    rule = stored["criteria"][0]["children"][0]["rule"]
    assert rule["kind"] == case.rule["kind"]
    points, formula = await engine_points(session, framework_id, case)
    assert points == Decimal(case.points)

    # The worked example is the engine's own answer, figure and words.
    shown = await preview(client, admin, case)
    assert Decimal(shown["points"]) == points
    assert shown["formula_en"] == formula
    assert shown["max_points"] == "20.00"


@pytest.mark.parametrize("kind", list(CASES))
async def test_every_rule_kind_edited_through_one_criterion_is_scored_as_edited(
    client: AsyncClient, admin: dict[str, str], session: AsyncSession, kind: str
) -> None:
    framework_id, etag = await create_draft(client, admin)
    case = CASES[kind]
    patch = {
        "rule": case.rule,
        "inputs": [{"name": n, "element_code": e} for n, e in case.inputs.items()],
    }
    response = await client.patch(
        f"{FRAMEWORKS}/{framework_id}/criteria/{CODE}",
        json=patch,
        headers={**admin, "If-Match": etag},
    )
    assert response.status_code == 200, response.text
    points, _ = await engine_points(session, framework_id, case)
    assert points == Decimal(case.points)


async def test_an_active_framework_is_not_edited_until_back_to_draft(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    framework_id, _ = await create_draft(client, admin)
    url = f"{FRAMEWORKS}/{framework_id}"
    assert (await client.post(f"{url}/status", json={"status": "active"}, headers=admin)).is_success

    body = assert_problem(
        await client.put(url, json=document(CASES["bands"]), headers=admin),
        409,
        "framework.not_draft",
    )
    assert "EDITOR-2026" in body["detail"]
    response = await client.patch(f"{url}/criteria/1.2", json={"name_en": "x"}, headers=admin)
    assert_problem(response, 409, "framework.not_draft")

    assert (await client.post(f"{url}/status", json={"status": "draft"}, headers=admin)).is_success
    response = await client.patch(f"{url}/criteria/1.2", json={"name_en": "x"}, headers=admin)
    assert response.status_code == 200, response.text


# --- the rule preview ------------------------------------------------------------------------


async def test_preview_of_a_missing_value_and_of_a_zero_denominator(
    client: AsyncClient, evaluator: dict[str, str]
) -> None:
    bands = CASES["bands"]
    response = await client.post(
        PREVIEW, json={"rule": bands.rule, "max_points": 20, "inputs": {}}, headers=evaluator
    )
    assert response.status_code == 200, response.text
    assert response.json()["points"] == "0.00"
    assert response.json()["outcome"] == "missing"

    rule = {**CASES["ratio_linear"].rule, "zero_denominator": "not_applicable"}
    body = {"rule": rule, "max_points": 20, "inputs": {"a": 3, "b": 0}}
    answer = (await client.post(PREVIEW, json=body, headers=evaluator)).json()
    assert answer["outcome"] == "zero_denominator"
    assert answer["applicable"] is False
    assert answer["max_points"] == "0.00"


async def test_preview_speaks_vietnamese_with_decimal_commas(
    client: AsyncClient, evaluator: dict[str, str]
) -> None:
    body = {"rule": {"kind": "linear", "floor": 0, "target": 8}, "max_points": 10, "inputs": {}}
    body["inputs"] = {"value": "3"}
    answer = (await client.post(PREVIEW, json=body, headers=evaluator)).json()
    assert answer["points"] == "3.75"
    assert "3,75 điểm" in answer["formula_vi"]
    assert "3.75 points" in answer["formula_en"]


@pytest.mark.parametrize(
    ("rule", "max_points", "inputs", "field_at_fault"),
    [
        (
            {"kind": "bands", "bands": [{"threshold": 1, "points": 25}]},
            20,
            {"value": 1},
            "rule.bands[0].points",
        ),
        (
            {
                "kind": "bands",
                "bands": [{"threshold": 1, "points": 5}, {"threshold": 1, "points": 10}],
            },
            20,
            {"value": 1},
            "rule.bands[1].threshold",
        ),
        (
            {
                "kind": "bands",
                "bands": [{"threshold": 1, "points": 10}, {"threshold": 3, "points": 5}],
            },
            20,
            {"value": 1},
            "rule.bands",
        ),
        ({"kind": "linear", "floor": 5, "target": 5}, 20, {"value": 1}, "rule.target"),
        ({"kind": "linear", "floor": 5}, 20, {"value": 1}, "rule.target"),
        (
            {"kind": "ratio", "scale": {"kind": "linear", "floor": 50, "target": 50}},
            20,
            {"a": 1, "b": 2},
            "rule.scale.target",
        ),
        ({"kind": "choice", "points": {"head": 30}}, 20, {"value": "head"}, "rule.points.head"),
        ({"kind": "rank", "points_by_rank": [30, 10]}, 20, {}, "rule.points_by_rank[0]"),
        ({"kind": "sum_of_children"}, 20, {}, "rule.kind"),
        (
            {"kind": "bands", "bands": [{"threshold": 1, "points": 5}]},
            20,
            {"value": "abc"},
            "inputs.value",
        ),
        ({"kind": "boolean"}, 20, {"value": "maybe"}, "inputs.value"),
        ({"kind": "bands", "bands": []}, 20, {}, "rule.bands"),
        ({"kind": "magic"}, 20, {}, "rule"),
        ({"kind": "boolean"}, -1, {}, "max_points"),
    ],
)
async def test_preview_refuses_a_bad_rule_naming_the_field(
    client: AsyncClient,
    admin: dict[str, str],
    rule: dict[str, Any],
    max_points: int,
    inputs: dict[str, Any],
    field_at_fault: str,
) -> None:
    body = {"rule": rule, "max_points": max_points, "inputs": inputs}
    response = await client.post(PREVIEW, json=body, headers=admin)
    problem = assert_problem(response, 422)
    found = fields(problem)
    assert found[0] == field_at_fault or found[0].startswith(field_at_fault), found
    english = await client.post(PREVIEW, json=body, headers={**admin, "Accept-Language": "en"})
    assert english.json()["errors"][0]["message"] != problem["errors"][0]["message"]


async def test_preview_is_for_dic_staff(
    client: AsyncClient,
    admin: dict[str, str],
    approver: dict[str, str],
    evaluator: dict[str, str],
    viewer: dict[str, str],
    q1_editor: dict[str, str],
) -> None:
    body = {"rule": {"kind": "boolean"}, "max_points": 10, "inputs": {"value": True}}
    assert_problem(await client.post(PREVIEW, json=body), 401)
    for headers in (viewer, q1_editor):
        assert_problem(await client.post(PREVIEW, json=body, headers=headers), 403)
    for headers in (admin, approver, evaluator):
        response = await client.post(PREVIEW, json=body, headers=headers)
        assert response.status_code == 200, response.text
        assert response.json()["points"] == "10.00"


async def test_editing_is_for_admins(
    client: AsyncClient, admin: dict[str, str], evaluator: dict[str, str]
) -> None:
    framework_id, etag = await create_draft(client, admin)
    url = f"{FRAMEWORKS}/{framework_id}"
    response = await client.put(
        url, json=document(CASES["bands"]), headers={**evaluator, "If-Match": etag}
    )
    assert_problem(response, 403)
    response = await client.patch(f"{url}/criteria/1.2", json={"name_en": "x"}, headers=evaluator)
    assert_problem(response, 403)
    assert_problem(await client.post(FRAMEWORKS, json=document(code="X-2"), headers=evaluator), 403)


# --- the diff marks changed points and rules ---------------------------------------------------


async def test_diff_marks_changed_points_and_rules_with_totals(
    client: AsyncClient, admin: dict[str, str]
) -> None:
    base_id, _ = await create_draft(client, admin)
    changed = document(CASES["bands"], code="EDITOR-2027")
    changed["criteria"][0]["children"][0]["max_points"] = 30
    changed["criteria"][0]["children"][1]["name_en"] = "Renamed"
    target_id, _ = await create_draft(client, admin, changed)

    response = await client.get(
        f"{FRAMEWORKS}/{target_id}/diff", params={"base": base_id}, headers=admin
    )
    assert response.status_code == 200, response.text
    diff = response.json()
    rows = {row["code"]: row for row in diff["criteria"]}
    assert set(rows) == {CODE, "1.2"}

    edited = rows[CODE]
    assert edited["points_changed"] is True
    assert edited["rule_changed"] is True
    assert edited["rule_before"] == {"kind": "boolean", "input": "value"}
    assert edited["rule_after"]["kind"] == "bands"
    assert edited["name_en"] == "Edited indicator"
    assert {(g["group"], g["before"], g["after"]) for g in edited["max_points_by_group"]} == {
        ("SBN", "20", "30"),
        ("QH", "20", "30"),
    }
    renamed = rows["1.2"]
    assert renamed["points_changed"] is False
    assert renamed["rule_changed"] is False
    assert [g["group"] for g in renamed["max_points_by_group"]] == ["SBN"]
    assert {(t["group"], t["before"], t["after"]) for t in diff["totals"]} == {
        ("SBN", "25", "35"),
        ("QH", "20", "30"),
    }
