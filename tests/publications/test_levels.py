"""Levels (mức độ), counts per level and pillar views (trụ cột) in score runs and publications:
the results endpoints, the public JSON, CSV and XLSX, and a unit's public history; the notice
data of a framework with illustrative parts."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from decimal import Decimal
from typing import Any

from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession

from api.publications import render
from api.publications.schemas import PublicationOut, PublicResults
from api.results.service import serialize
from api.scoring import UnitInfo, score
from tests.frameworks.test_frameworks import small_document
from tests.scoring.test_levels_pillars import (
    CITY_LEVELS,
    HCMC_2022,
    framework_922,
    province_values,
)
from tests.support import builders
from tests.support.http import PUBLIC

RESULTS = f"{PUBLIC}/rounds/1/results"
THRESHOLDS = [
    (Decimal("0.8"), "nang_cao"),
    (Decimal("0.6"), "hinh_thanh"),
    (Decimal(0), "khoi_dong"),
]


def expected_level(index: str) -> str:
    return next(code for start, code in THRESHOLDS if Decimal(index) >= start)


async def test_a_published_round_gives_each_unit_its_level_and_each_group_its_counts(
    client: AsyncClient, published: PublicationOut
) -> None:
    document = (await client.get(RESULTS)).json()
    PublicResults.model_validate(document)
    framework = document["round"]["framework"]
    assert framework["provenance"]["kind"] == "mixed"
    assert framework["levels"][0]["groups"] == ["SBN"]
    for group in document["groups"]:
        levels = [row["level"]["code"] for row in group["rankings"]]
        assert levels == [expected_level(row["index"]) for row in group["rankings"]]
        counted = Counter(levels)
        assert [(c["code"], c["count"]) for c in group["level_counts"]] == [
            (code, counted.get(code, 0)) for code in ("khoi_dong", "hinh_thanh", "nang_cao")
        ]
        assert sum(c["count"] for c in group["level_counts"]) == group["unit_count"]
        assert all(row["pillar_views"] == [] for row in group["rankings"])  # none in this seed

    rows = list(csv.DictReader(io.StringIO((await client.get(f"{RESULTS}.csv")).text)))
    by_unit = {r["unit_code"]: r for g in document["groups"] for r in g["rankings"]}
    assert [c for c in rows[0] if c.startswith("level")] == ["level", "level_name_vi"]
    for row in rows:
        assert row["level"] == by_unit[row["unit_code"]]["level"]["code"]
        assert row["level_name_vi"] == by_unit[row["unit_code"]]["level"]["name_vi"]

    book = load_workbook(io.BytesIO((await client.get(f"{RESULTS}.xlsx")).content), read_only=True)
    about = {row[0]: row[1] for row in book["Thông tin"].iter_rows(values_only=True)}
    assert about["Nội dung minh họa"].startswith("Cấu trúc (8 trụ cột")
    assert "Thanh Niên, 7/3/2024" in " ".join(
        str(row[1]) for row in book["Thông tin"].iter_rows(values_only=True) if row[0] == "Nguồn"
    )
    sbn = next(g for g in document["groups"] if g["code"] == "SBN")
    assert about["Số đơn vị theo mức độ, nhóm SBN"] == "; ".join(
        f"{c['name_vi']}: {c['count']}" for c in sbn["level_counts"]
    )
    sheet = list(book["Xếp hạng SBN"].iter_rows(values_only=True))
    column = sheet[0].index("Mức độ")
    names = [r["level"]["name_vi"] for r in sbn["rankings"]]
    assert [cells[column] for cells in sheet[1:]] == names

    history = (await client.get(f"{PUBLIC}/units/SO-TTTT")).json()["history"]
    latest = history[-1]
    assert latest["level"]["code"] == by_unit["SO-TTTT"]["level"]["code"]
    assert latest["provenance"]["kind"] == "mixed"


async def test_score_run_results_and_a_units_explanation_show_its_level(
    client: AsyncClient, published: PublicationOut, evaluator: dict[str, str]
) -> None:
    url = f"/api/v1/rounds/1/score-runs/{published.score_run_id}/results"
    body = (await client.get(url, headers=evaluator)).json()
    for group in body["groups"]:
        assert sum(c["count"] for c in group["level_counts"]) == len(group["rankings"])
        for row in group["rankings"]:
            assert row["level"]["code"] == expected_level(row["index"])
    unit = (await client.get(f"{url}/Q1", headers=evaluator)).json()
    level = unit["level"]
    assert level["code"] == expected_level(unit["total"]["index"])
    assert level["explanation_vi"].startswith(f"Chỉ số {unit['total']['index'].replace('.', ',')}")
    assert unit["pillar_views"] == []


def render_922(**extra: Any) -> tuple[render.Rendering, dict[str, Any]]:
    """A 922-shaped run with the three pillar views and levels, rendered as a publication."""
    framework = framework_922(levels=[{"bands": CITY_LEVELS}], **extra)
    low = {code: value / 2 for code, value in HCMC_2022.items()}
    run = score(
        framework,
        [UnitInfo("HCM", "TINH"), UnitInfo("LOW", "TINH")],
        province_values({"HCM": HCMC_2022, "LOW": low}),
    )
    results = serialize(run)
    names = {c.code: render.Names(c.name_vi, c.name_en) for c in framework.walk()}
    rendering = render.build(
        round_info={
            "id": 9,
            "year": 2022,
            "title_vi": "DTI 2022",
            "title_en": "DTI 2022",
            "is_demo": False,
            "framework": {"id": 1, "code": "922", "title_vi": "922", "title_en": "922"},
        },
        version=1,
        reason=None,
        published_at=dt.datetime(2023, 7, 1, tzinfo=dt.UTC),
        score_run={"id": 1, "input_hash": run.input_hash},
        results=results,
        groups={"TINH": render.Names("Tỉnh", "Provinces")},
        units={"HCM": render.Names("TP.HCM", "HCMC"), "LOW": render.Names("Thấp", "Low")},
        pillars=[(c.code, names[c.code]) for c in framework.criteria],
        criteria=names,
    )
    return rendering, results


def test_publications_carry_pillar_views_in_json_csv_and_xlsx() -> None:
    rendering, results = render_922()
    document = json.loads(rendering.document)
    assert document["content_hash"] == rendering.content_hash
    [group] = document["groups"]
    hcm = next(r for r in group["rankings"] if r["unit_code"] == "HCM")
    assert hcm["index"] == "0.7164"  # 716.355 ÷ 1000 (published: 0.7163, from rounded values)
    assert hcm["level"] == {"code": "hinh_thanh", "name_vi": "Hình thành", "name_en": "Forming"}
    views = {v["code"]: v for v in hcm["pillar_views"]}
    assert views["CQS"] == {
        "code": "CQS",
        "name_vi": "Chính quyền số",
        "name_en": "Digital government",
        "points": "548.34",
        "max_points": "700.00",
        "index": "0.7833",
    }
    assert [p["code"] for p in hcm["pillars"]] == [str(n) for n in range(1, 10)]  # unchanged
    assert [(c["code"], c["count"]) for c in group["level_counts"]] == [
        ("khoi_dong", 1),
        ("hinh_thanh", 1),
        ("nang_cao", 0),
    ]
    stored = results["units"]["HCM"]["pillar_views"][0]
    assert [part["code"] for part in stored["parts"]] == ["1", "2", "3", "4", "5", "6", "7"]

    rows = list(csv.DictReader(io.StringIO(rendering.csv.decode("utf-8-sig"))))
    assert [c for c in rows[0] if c.startswith("view_")] == [
        f"view_{code}_{k}" for code in ("CQS", "KTS", "XHS") for k in ("points", "index")
    ]
    assert [c for c in rows[0] if c.startswith("pillar_")] == [f"pillar_{n}" for n in range(1, 10)]
    csv_hcm = next(r for r in rows if r["unit_code"] == "HCM")
    assert (csv_hcm["view_CQS_points"], csv_hcm["view_CQS_index"]) == ("548.34", "0.7833")
    assert csv_hcm["level"] == "hinh_thanh"

    book = load_workbook(io.BytesIO(rendering.xlsx), read_only=True)
    sheet = list(book["Xếp hạng TINH"].iter_rows(values_only=True))
    header = list(sheet[0])
    assert header[-4:] == [
        "Mức độ",
        "Trụ cột Chính quyền số (chỉ số)",
        "Trụ cột Kinh tế số (chỉ số)",
        "Trụ cột Xã hội số (chỉ số)",
    ]
    xlsx_hcm = next(cells for cells in sheet[1:] if cells[1] == "HCM")
    assert xlsx_hcm[-4] == "Hình thành"
    assert f"{xlsx_hcm[-3]:.4f}" == "0.7833"


# --- levels at their edges, through the API ---------------------------------------------------

# Index = value ÷ 100: each unit lands on a threshold or just under it.
EDGE_VALUES = {"SO-TP": "59.99", "SO-TC": "60", "SO-XD": "79.99", "SO-YT": "80"}
EDGE_COUNTS = [("khoi_dong", 1), ("hinh_thanh", 2), ("nang_cao", 1)]
EDGE_LEVELS = {
    "SO-TP": "khoi_dong",
    "SO-TC": "hinh_thanh",
    "SO-XD": "hinh_thanh",
    "SO-YT": "nang_cao",
}


def edge_document() -> dict[str, Any]:
    """One 100-point indicator reading a 0–100 figure, with the city's three levels."""
    element = {
        "code": "E-X",
        "name_vi": "Điểm đạt",
        "name_en": "Points reached",
        "value_type": "decimal",
        "min": 0,
        "max": 100,
        "source": "reviewer",
    }
    leaf = {
        "code": "1.1",
        "name_vi": "Điểm đạt",
        "name_en": "Points reached",
        "max_points": 100,
        "inputs": [{"name": "value", "element_code": "E-X"}],
        "rule": {"kind": "linear", "floor": 0, "target": 100},
    }
    return small_document(
        "EDGES-2024",
        year=2024,
        elements=[element],
        criteria=[
            {
                "code": "1",
                "name_vi": "Trụ cột 1",
                "name_en": "Pillar 1",
                "rule": {"kind": "sum_of_children"},
                "children": [leaf],
            }
        ],
        levels=[{"bands": CITY_LEVELS}],
    )


async def test_levels_follow_the_thresholds_at_their_edges_in_runs_and_publications(
    client: AsyncClient,
    session: AsyncSession,
    evaluator: dict[str, str],
    approver: dict[str, str],
) -> None:
    values = {code: {"E-X": value} for code, value in EDGE_VALUES.items()}
    round_id = await builders.framework_round(
        session, edge_document(), year=2024, unit_codes=list(EDGE_VALUES), values=values
    )
    await builders.move(
        session, "collecting", "reviewing", "preliminary", "final", round_id=round_id
    )

    url = f"/api/v1/rounds/{round_id}/score-runs"
    created = await client.post(url, json={"kind": "final"}, headers=evaluator)
    assert created.status_code == 201, created.text
    run = (await client.get(f"{url}/{created.json()['id']}/results", headers=evaluator)).json()
    [group] = run["groups"]
    assert {r["unit_code"]: r["level"]["code"] for r in group["rankings"]} == EDGE_LEVELS
    assert {r["unit_code"]: r["index"] for r in group["rankings"]}["SO-TP"] == "0.5999"
    assert [(c["code"], c["count"]) for c in group["level_counts"]] == EDGE_COUNTS

    published = await client.post(
        f"/api/v1/rounds/{round_id}/publications",
        json={"score_run_id": created.json()["id"]},
        headers=approver,
    )
    assert published.status_code == 201, published.text
    public = (await client.get(f"{PUBLIC}/rounds/{round_id}/results")).json()
    [group] = public["groups"]
    assert {r["unit_code"]: r["level"]["code"] for r in group["rankings"]} == EDGE_LEVELS
    assert [(c["code"], c["count"]) for c in group["level_counts"]] == EDGE_COUNTS
