"""Score runs between themselves: what changed and why, and the city's report in the shape of the
national DTI tables."""

from __future__ import annotations

import io
from typing import Any

from httpx import AsyncClient
from openpyxl import load_workbook
from sqlalchemy.ext.asyncio import AsyncSession

from api.rounds.models import Round
from api.seed.demo_values import seed_round_values
from tests.support.http import ROUND, run
from tests.support.problems import assert_problem


async def test_the_diff_names_the_units_indicators_and_reasons(
    client: AsyncClient,
    valued_round: int,
    evaluator: dict[str, str],
    q1_editor: dict[str, str],
) -> None:
    first = await run(client, evaluator, "draft")
    same = await run(client, evaluator, "draft")
    unchanged = await client.get(f"{ROUND}/score-runs/{same['id']}/diff", headers=evaluator)
    assert unchanged.status_code == 200, unchanged.text
    assert unchanged.json()["same_inputs"] is True
    assert unchanged.json()["units"] == []

    points = await client.post(
        f"{ROUND}/units/Q1/reviews/1.1",
        json={"decision": "adjusted", "points": "5", "comment": "Quyết định kiện toàn chưa ký"},
        headers=evaluator,
    )
    assert points.status_code in (200, 201), points.text
    figures = await client.post(
        f"{ROUND}/units/Q1/reviews/1.2",
        json={"decision": "adjusted", "values": {"value": 0}, "comment": "Không có biên bản"},
        headers=evaluator,
    )
    assert figures.status_code in (200, 201), figures.text
    second = await run(client, evaluator, "draft")

    response = await client.get(
        f"{ROUND}/score-runs/{second['id']}/diff",
        params={"against": first["id"]},
        headers=evaluator,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["base"]["id"] == first["id"]
    assert body["target"]["id"] == second["id"]
    assert body["same_inputs"] is False
    assert body["framework_changed"] is False
    [q1] = [u for u in body["units"] if u["unit_code"] == "Q1"]
    assert q1["unit_name_vi"] == "Quận 1"
    assert q1["group"] == "QH"
    changes = {c["code"]: c for c in q1["criteria"]}
    assert changes["1.1"]["name_vi"].startswith("Trưởng Ban chỉ đạo")
    assert changes["1.1"]["points_after"] == "5.00"
    assert [r["kind"] for r in changes["1.1"]["reasons"]] == ["adjustment"]
    assert changes["1.1"]["reasons"][0]["after"]["reason"] == "Quyết định kiện toàn chưa ký"
    [figure] = changes["1.2"]["reasons"]
    assert figure["kind"] == "input"
    assert figure["element_code"] == "E-1.2"
    assert figure["after"] == 0
    assert figure["source_after"] == "reviewer"
    assert figure["source_before"] == "unit"
    assert changes["1.2"]["points_after"] == "0.00"
    # The default base is the run just before; the first run has none.
    default = await client.get(f"{ROUND}/score-runs/{second['id']}/diff", headers=evaluator)
    assert default.json()["base"]["id"] == same["id"]
    first_diff = await client.get(f"{ROUND}/score-runs/{first['id']}/diff", headers=evaluator)
    assert_problem(first_diff, 404, "results.no_earlier_run")
    denied = await client.get(f"{ROUND}/score-runs/{second['id']}/diff", headers=q1_editor)
    assert_problem(denied, 403, "auth.forbidden_role")


async def test_the_city_report_has_the_national_table_shape(
    client: AsyncClient,
    session: AsyncSession,
    approver: dict[str, str],
    evaluator: dict[str, str],
    q1_head: dict[str, str],
) -> None:
    frameworks = (await client.get("/api/v1/frameworks", headers=approver)).json()["items"]
    # The City's figures (922): by code, since group TP has other frameworks (922, 405 published).
    province = next(f for f in frameworks if f["code"] == "DTI-922-TPHCM")
    created = await client.post(
        "/api/v1/rounds",
        json={
            "year": 2023,
            "title_vi": "Số liệu DTI cấp tỉnh 2023",
            "title_en": "Provincial DTI figures 2023",
            "framework_id": province["id"],
        },
        headers=approver,
    )
    assert created.status_code == 201, created.text
    round_id = created.json()["id"]
    moved = await client.post(
        f"/api/v1/rounds/{round_id}/phase", json={"phase": "collecting"}, headers=approver
    )
    assert moved.status_code == 200, moved.text
    round_ = await session.get(Round, round_id)
    assert round_ is not None
    await seed_round_values(
        session=session, round_=round_, seed=922, unit_codes=None, share=1.0, submitted=False
    )
    await session.flush()
    made = await client.post(
        f"/api/v1/rounds/{round_id}/score-runs", json={"kind": "draft"}, headers=evaluator
    )
    assert made.status_code == 201, made.text
    run_id = made.json()["id"]
    unit = await client.get(
        f"/api/v1/rounds/{round_id}/score-runs/{run_id}/results/TPHCM", headers=evaluator
    )
    result: dict[str, Any] = unit.json()
    # Tree order, whatever order the stored JSON keeps (PostgreSQL's JSONB sorts keys by length).
    assert [n["code"] for n in result["nodes"]] == [f"T{n}" for n in range(1, 12)]

    response = await client.get(
        f"/api/v1/rounds/{round_id}/score-runs/{run_id}/report.xlsx", headers=evaluator
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-disposition"].startswith('attachment; filename="dti-report')
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    assert book.sheetnames == ["TPHCM"]
    rows = list(book["TPHCM"].iter_rows(values_only=True))
    # The operating department as it is named today (a setting), under the title.
    assert rows[1][0] == "Cơ quan vận hành: Sở Khoa học và Công nghệ Thành phố Hồ Chí Minh"
    assert rows[4][:7] == (
        "Mã",
        "Chỉ tiêu",
        "Số liệu",
        "Đơn vị cung cấp số liệu",
        "Nguồn",
        "Điểm",
        "Điểm tối đa",
    )
    table = {row[0]: row for row in rows[5:] if row[0]}
    assert list(table) == [f"T{n}" for n in range(1, 12)]
    t1 = table["T1"]
    assert t1[1] == "Tỷ lệ hồ sơ TTHC xử lý trực tuyến toàn trình"
    a, b = (i["value"] for i in result["explanations"]["T1"]["inputs"])
    assert t1[2] == f"a = {a}; b = {b}"
    assert t1[3] == "Văn phòng Ủy ban nhân dân Thành phố"
    assert t1[4] == "Cơ quan cung cấp"
    assert f"{t1[5]:.2f}" == result["explanations"]["T1"]["points"]
    assert t1[6] == 30
    assert table["T9"][3] == "Cục Thống kê Thành phố"
    total = rows[-1]
    assert f"{total[5]:.2f}" == result["total"]["points"]
    assert total[6] == 270  # the eleven figures: 30+20+20+20+20+20+30+20+40+30+20
    denied = await client.get(
        f"/api/v1/rounds/{round_id}/score-runs/{run_id}/report.xlsx",
        headers=q1_head,
    )
    assert_problem(denied, 403, "auth.forbidden_role")
