"""What-if runs and rank stability over a round's stored inputs: the figures are the engine's, a
variant's weights move ranks as arithmetic says, a draft's new indicator is missing everywhere,
stability is reproducible, the workbook holds the same figures, and only DIC may ask."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.frameworks import compiled
from api.frameworks import service as frameworks
from api.frameworks.models import Framework
from api.frameworks.schemas import FrameworkDocument
from api.results import adapter
from api.rounds.models import Round
from api.scoring import TOTAL, rank_stability, revise, round_index, round_points, score, what_if
from tests.support import builders
from tests.support.auth import Headers, Tokens
from tests.support.http import OPEN_ROUND
from tests.support.problems import assert_problem, fields

D = Decimal


def url(round_id: int, what: str = "what-if") -> str:
    return f"/api/v1/rounds/{round_id}/{what}"


async def post(
    client: AsyncClient, headers: Headers, body: dict[str, Any], *, round_id: int, what: str
) -> dict[str, Any]:
    response = await client.post(url(round_id, what), json=body, headers=headers)
    assert response.status_code == 200, response.text
    found: dict[str, Any] = response.json()
    return found


def by_unit(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {unit["unit_code"]: unit for group in body["groups"] for unit in group["units"]}


# --- a small built round: three districts, two pillars of one indicator each ------------------

TINY: dict[str, Any] = {
    "code": "TINY-WHATIF",
    "title_vi": "Bộ chỉ số thử (minh họa)",
    "title_en": "Test framework (illustrative)",
    "year": 2030,
    "groups": ["QH"],
    "elements": [
        {"code": f"E-{x}", "name_vi": x, "name_en": x, "value_type": "integer", "min": 0}
        for x in ("A", "B")
    ],
    "criteria": [
        {
            "code": pillar,
            "name_vi": f"Trụ cột {pillar}",
            "name_en": f"Pillar {pillar}",
            "rule": {"kind": "sum_of_children"},
            "children": [
                {
                    "code": f"{pillar}.1",
                    "name_vi": f"Chỉ số {pillar}.1",
                    "name_en": f"Indicator {pillar}.1",
                    "max_points": 10,
                    "inputs": [{"name": "value", "element_code": element}],
                    "rule": {"kind": "linear", "floor": 0, "target": 10},
                }
            ],
        }
        for pillar, element in (("1", "E-A"), ("2", "E-B"))
    ],
}
# Points are the values: Q1 10 + 0, Q3 6 + 6, Q4 0 + 9.
TINY_VALUES = {"Q1": (10, 0), "Q3": (6, 6), "Q4": (0, 9)}


async def tiny_round(session: AsyncSession) -> int:
    """A round of Q1, Q3 and Q4 on the tiny framework, with its values stored."""
    values = {code: {"E-A": a, "E-B": b} for code, (a, b) in TINY_VALUES.items()}
    return await builders.framework_round(
        session,
        TINY,
        year=2024,  # the districts were abolished on 1 July 2025
        unit_codes=list(TINY_VALUES),
        values=values,
    )


def ranks(body: dict[str, Any], side: str) -> dict[str, int]:
    return {code: unit[side]["rank"] for code, unit in by_unit(body).items()}


async def test_a_variant_weights_move_the_ranks_as_the_arithmetic_says(
    client: AsyncClient, session: AsyncSession, evaluator: Headers
) -> None:
    round_id = await tiny_round(session)

    same = await post(client, evaluator, {}, round_id=round_id, what="what-if")
    assert ranks(same, "base") == ranks(same, "new") == {"Q3": 1, "Q1": 2, "Q4": 3}
    assert same["summary"]["moved"] == 0
    assert by_unit(same)["Q3"]["base"] == {
        "points": "12.00",
        "max_points": "20.00",
        "index": "0.6000",
        "rank": 1,
    }

    doubled = await post(
        client, evaluator, {"weights": {"1": 2}}, round_id=round_id, what="what-if"
    )
    assert ranks(doubled, "new") == {"Q1": 1, "Q3": 2, "Q4": 3}  # 20, 18, 9
    assert {c: u["new"]["points"] for c, u in by_unit(doubled).items()} == {
        "Q1": "20.00",
        "Q3": "18.00",
        "Q4": "9.00",
    }
    assert by_unit(doubled)["Q1"]["new"]["max_points"] == "30.00"
    assert by_unit(doubled)["Q1"]["rank_change"] == 1
    assert by_unit(doubled)["Q3"]["rank_change"] == -1
    summary = doubled["summary"]
    assert (summary["units"], summary["moved"], summary["up"], summary["down"]) == (3, 2, 1, 1)
    assert [m["unit_code"] for m in summary["largest_moves"]] == ["Q1", "Q3"]

    tripled = await post(
        client, evaluator, {"weights": {"2": 3}}, round_id=round_id, what="what-if"
    )
    assert ranks(tripled, "new") == {"Q4": 1, "Q3": 2, "Q1": 3}  # 27, 24, 10

    # An indicator's max scales a linear rule's points; ties share a rank (competition ranking).
    wider = await post(
        client, evaluator, {"max_points": {"2.1": 20}}, round_id=round_id, what="what-if"
    )
    assert ranks(wider, "new") == {"Q3": 1, "Q4": 1, "Q1": 3}  # 18, 18, 10

    # A pillar's max is set through its weight: 20 points for pillar 1 is weight 2.
    pillar = await post(
        client, evaluator, {"max_points": {"1": "20"}}, round_id=round_id, what="what-if"
    )
    assert pillar["scenario"]["applied_weights"] == {"1": "2"}
    assert ranks(pillar, "new") == ranks(doubled, "new")


async def test_what_if_figures_equal_the_engines(
    client: AsyncClient, session: AsyncSession, evaluator: Headers
) -> None:
    await builders.valued_round(session)
    body = {"weights": {"1": "1.5", "6": "0.5"}, "max_points": {"2.1": "5", "3": "150"}}
    found = await post(client, evaluator, body, round_id=OPEN_ROUND, what="what-if")

    round_ = await session.get(Round, OPEN_ROUND)
    assert round_ is not None
    base_framework = await compiled.load(session=session, framework=round_.framework)
    values = await adapter.round_values(
        session=session, round_=round_, elements=base_framework.element_kinds
    )
    adjustments = await adapter.round_adjustments(session=session, round_=round_)
    base = score(
        base_framework.engine, adapter.round_units(round_), values, adjustments=adjustments
    )
    # Pillar 3 is 100 points in both groups: 150 is weight 1.5.
    variant = revise(
        base_framework.engine,
        weights={"1": D("1.5"), "6": D("0.5"), "3": D("1.5")},
        max_points={"2.1": D(5)},
    )
    expected = what_if(base, variant)

    units = by_unit(found)
    assert set(units) == {unit.code for unit in base.units}
    for unit in base.units:
        shown = units[unit.code]
        for side, run in (("base", base), ("new", expected.scenario)):
            node = run.node(unit.code, TOTAL)
            assert shown[side] == {
                "points": str(round_points(node.points)),
                "max_points": str(round_points(node.max_points)),
                "index": str(round_index(node.index)),
                "rank": node.rank,
            }, (unit.code, side)
    changes = {c.unit_code: c.change for c in expected.changes}
    assert {code: unit["rank_change"] for code, unit in units.items()} == changes
    assert found["summary"]["moved"] == sum(1 for change in changes.values() if change)
    assert [g["code"] for g in found["groups"]] == ["SBN", "QH"]
    assert found["scenario"]["framework"]["code"] == "HCMC-DTI-2023"
    assert found["base_framework"]["id"] == round_.framework_id


async def test_a_drafts_new_indicator_scores_as_missing_for_every_unit(
    client: AsyncClient, session: AsyncSession, admin: Headers
) -> None:
    await builders.valued_round(session)
    round_ = await session.get(Round, OPEN_ROUND)
    assert round_ is not None
    doc = (await compiled.load(session=session, framework=round_.framework)).doc
    data = doc.model_dump(mode="json", exclude_none=True)
    data["code"] = "HCMC-DTI-2024-DU-THAO"
    data["elements"].append(
        {"code": "E-NEW", "name_vi": "Mới", "name_en": "New", "value_type": "boolean"}
    )
    data["criteria"][0]["children"].append(
        {
            "code": "1.99",
            "name_vi": "Chỉ số mới (minh họa)",
            "name_en": "New indicator (illustrative)",
            "max_points": 30,
            "inputs": [{"name": "value", "element_code": "E-NEW"}],
            "rule": {"kind": "boolean"},
        }
    )
    async with builders.acting_as(session, "admin"):
        draft = await frameworks.create(session=session, doc=FrameworkDocument.model_validate(data))
        draft_id = draft.id

    found = await post(
        client, admin, {"framework_id": draft_id}, round_id=OPEN_ROUND, what="what-if"
    )
    assert found["scenario"]["framework"]["status"] == "draft"
    assert found["scenario"]["uncollected_elements"] == ["E-NEW"]
    for code, unit in by_unit(found).items():
        assert unit["new"]["points"] == unit["base"]["points"], code
        assert D(unit["new"]["max_points"]) == D(unit["base"]["max_points"]) + 30, code
        assert unit["new"]["rank"] == unit["base"]["rank"], code  # nobody has it: no move


async def test_rank_stability_is_reproducible_and_holds_the_base_rank_without_spread(
    client: AsyncClient, session: AsyncSession, evaluator: Headers
) -> None:
    await builders.valued_round(session)
    body = {"spread_percent": 20, "samples": 60, "seed": 7}
    first = await post(client, evaluator, body, round_id=OPEN_ROUND, what="rank-stability")
    again = await post(client, evaluator, body, round_id=OPEN_ROUND, what="rank-stability")
    assert first["groups"] == again["groups"]
    assert (first["spread_percent"], first["samples"], first["seed"]) == ("20", 60, 7)
    for unit in by_unit(first).values():
        assert unit["best_rank"] <= unit["low_rank"] <= D(unit["median_rank"])
        assert D(unit["median_rank"]) <= unit["high_rank"] <= unit["worst_rank"]

    still = await post(
        client,
        evaluator,
        {"spread_percent": 0, "samples": 5, "seed": 1},
        round_id=OPEN_ROUND,
        what="rank-stability",
    )
    for code, unit in by_unit(still).items():
        assert unit["low_rank"] <= unit["rank"] <= unit["high_rank"], code
        assert unit["best_rank"] == unit["worst_rank"] == unit["rank"], code
        assert D(unit["median_rank"]) == unit["rank"], code

    # The engine's own figures for the same run and parameters.
    round_ = await session.get(Round, OPEN_ROUND)
    assert round_ is not None
    framework = await compiled.load(session=session, framework=round_.framework)
    values = await adapter.round_values(
        session=session, round_=round_, elements=framework.element_kinds
    )
    run = score(framework.engine, adapter.round_units(round_), values)
    engine = {r.unit_code: r for r in rank_stability(run, spread_percent=D(20), samples=60, seed=7)}
    for code, unit in by_unit(first).items():
        assert (unit["low_rank"], unit["high_rank"], D(unit["median_rank"])) == (
            engine[code].low_rank,
            engine[code].high_rank,
            engine[code].median_rank,
        )


async def test_rank_stability_of_a_variant_ranks_under_its_weights(
    client: AsyncClient, session: AsyncSession, evaluator: Headers
) -> None:
    round_id = await tiny_round(session)
    found = await post(
        client,
        evaluator,
        {"weights": {"2": 3}, "spread_percent": 0, "samples": 3, "seed": 2},
        round_id=round_id,
        what="rank-stability",
    )
    assert {c: u["rank"] for c, u in by_unit(found).items()} == {"Q4": 1, "Q3": 2, "Q1": 3}
    assert [u["unit_code"] for u in found["groups"][0]["units"]] == ["Q4", "Q3", "Q1"]


async def test_the_workbook_holds_the_same_figures_and_names_its_parameters(
    client: AsyncClient, session: AsyncSession, approver: Headers
) -> None:
    await builders.valued_round(session)
    round_ = await session.get(Round, OPEN_ROUND)
    assert round_ is not None
    round_.title_vi = '=HYPERLINK("http://x")'  # text, never a formula
    await session.flush()
    scenario = {"weights": {"1": "2"}}
    stability = {"spread_percent": "15", "samples": 40, "seed": 11}
    response = await client.post(
        url(OPEN_ROUND, "what-if.xlsx"),
        json={**scenario, "stability": stability},
        headers=approver,
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response.headers["content-disposition"]
    found = await post(client, approver, scenario, round_id=OPEN_ROUND, what="what-if")
    intervals = await post(
        client, approver, {**scenario, **stability}, round_id=OPEN_ROUND, what="rank-stability"
    )

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Thong tin", "SBN", "QH"]
    info = {row[0]: row[1] for row in book["Thong tin"].iter_rows(values_only=True) if row}
    assert info["Kỳ đánh giá"].startswith('=HYPERLINK("http://x")')
    title_cell = next(c for c in book["Thong tin"]["B"] if str(c.value).startswith("=HYPER"))
    assert title_cell.data_type == "s"
    assert "HCMC-DTI-2023" in info["Bộ chỉ số của kỳ"]
    assert info["Trọng số thay đổi"] == "1: 2"
    assert info["Độ ổn định: hạt giống (seed)"] == 11
    assert info["Độ ổn định: số lần lấy mẫu"] == 40
    assert "15" in info["Độ ổn định: biên độ trọng số"]
    assert info["Thời điểm tính (giờ TP.HCM)"]
    assert info["Số đơn vị đổi hạng"] == found["summary"]["moved"]

    units = by_unit(found)
    stable = by_unit(intervals)
    for group in found["groups"]:
        rows = list(book[group["code"]].iter_rows(values_only=True))
        header_at = next(i for i, row in enumerate(rows) if row[0] == "Hạng mới")
        header = list(rows[header_at])
        table = [dict(zip(header, row, strict=True)) for row in rows[header_at + 1 :]]
        assert [row["Mã đơn vị"] for row in table] == [u["unit_code"] for u in group["units"]]
        for row in table:
            unit = units[row["Mã đơn vị"]]
            assert D(str(row["Điểm (hiện hành)"])) == D(unit["base"]["points"])
            assert D(str(row["Điểm (mô phỏng)"])) == D(unit["new"]["points"])
            assert D(str(row["Chỉ số (mô phỏng)"])) == D(unit["new"]["index"])
            assert row["Hạng (hiện hành)"] == unit["base"]["rank"]
            assert row["Hạng (mô phỏng)"] == unit["new"]["rank"]
            assert row["Thay đổi hạng (+ lên, − xuống)"] == unit["rank_change"]
            interval = stable[row["Mã đơn vị"]]
            assert D(str(row["Hạng trung vị"])) == D(interval["median_rank"])
            assert (row["Hạng 5 %"], row["Hạng 95 %"]) == (
                interval["low_rank"],
                interval["high_rank"],
            )


async def test_the_workbook_without_stability_has_no_interval_columns(
    client: AsyncClient, session: AsyncSession, evaluator: Headers
) -> None:
    response = await client.post(url(OPEN_ROUND, "what-if.xlsx"), json={}, headers=evaluator)
    assert response.status_code == 200, response.text
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["QH"].iter_rows(values_only=True))
    header = next(row for row in rows if row[0] == "Hạng mới")
    assert "Hạng trung vị" not in header


@pytest.mark.parametrize("what", ["what-if", "rank-stability", "what-if.xlsx"])
async def test_only_dic_may_simulate(client: AsyncClient, tokens: Tokens, what: str) -> None:
    for who in ("q1.editor", "q1.head", "so-tttt.head", "viewer", "cuc-thue.staff"):
        response = await client.post(url(OPEN_ROUND, what), json={}, headers=await tokens.user(who))
        assert_problem(response, 403)
    for who in ("evaluator", "approver", "admin"):
        response = await client.post(url(OPEN_ROUND, what), json={}, headers=await tokens.user(who))
        assert response.status_code == 200, (who, response.text)


async def test_an_unknown_round_is_404(client: AsyncClient, evaluator: Headers) -> None:
    response = await client.post(url(999_999), json={}, headers=evaluator)
    assert_problem(response, 404, "round.not_found")


async def test_bad_input_is_422_naming_the_field(
    client: AsyncClient, session: AsyncSession, evaluator: Headers
) -> None:
    async def refused(body: dict[str, Any], what: str = "what-if", **headers: str) -> Any:
        response = await client.post(
            url(OPEN_ROUND, what), json=body, headers={**evaluator, **headers}
        )
        return assert_problem(response, 422)

    unknown = await refused({"weights": {"9.9.9": 1}, "max_points": {"X": 3}})
    assert fields(unknown) == ["weights.9.9.9", "max_points.X"]
    assert "9.9.9" in unknown["errors"][0]["message"]

    english = await refused({"weights": {"42": 1}}, **{"Accept-Language": "en"})
    assert english["errors"][0]["message"] == "Framework HCMC-DTI-2023 has no criterion 42."

    assert fields(await refused({"weights": {"1": 11}})) == ["weights.1"]
    assert fields(await refused({"weights": {"1": -1}})) == ["weights.1"]
    assert fields(await refused({"max_points": {"1.1": "-5"}})) == ["max_points.1.1"]
    assert fields(await refused({"weights": {"1": 2}, "max_points": {"1": 3}})) == ["max_points.1"]
    # Pillar 6 is 250 points for SBN and 200 for QH: its max cannot be one number.
    differs = await refused({"max_points": {"6": 300}})
    assert differs["code"] == "http.validation"
    assert fields(differs) == ["max_points.6"]
    assert "SBN: 250" in differs["errors"][0]["message"]

    provincial = await session.scalar(select(Framework.id).where(Framework.code == "DTI-922-TPHCM"))
    groups = await refused({"framework_id": provincial})
    assert groups["code"] == "whatif.groups_missing"
    assert fields(groups) == ["framework_id"]
    assert fields(await refused({"framework_id": 999_999})) == ["framework_id"]

    assert fields(await refused({"samples": 1001}, "rank-stability")) == ["samples"]
    assert fields(await refused({"samples": 0}, "rank-stability")) == ["samples"]
    assert fields(await refused({"spread_percent": 51}, "rank-stability")) == ["spread_percent"]
    assert fields(await refused({"seed": -1}, "rank-stability")) == ["seed"]
    assert fields(await refused({"stability": {"samples": 5000}}, "what-if.xlsx")) == [
        "stability.samples"
    ]
    assert fields(await refused({"unknown": 1})) == ["unknown"]


async def test_too_much_stability_work_is_refused_with_the_samples_allowed(
    client: AsyncClient, evaluator: Headers, monkeypatch: pytest.MonkeyPatch
) -> None:
    from api.whatif import service

    monkeypatch.setattr(service, "MAX_WORK", 10_000)
    response = await client.post(
        url(OPEN_ROUND, "rank-stability"), json={"samples": 1000}, headers=evaluator
    )
    body = assert_problem(response, 422, "whatif.too_much_work")
    assert fields(body) == ["samples"]
