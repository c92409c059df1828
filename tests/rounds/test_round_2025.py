"""A 2025 round holds the merged city's units: the 168 commune-level units with their official
codes, the departments as they stand after March 2025, and the vertical agencies; no abolished
district and no merged department takes part."""

from __future__ import annotations

import json
from collections import Counter

import vietnam_provinces
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from api.frameworks import service as frameworks
from api.frameworks.models import FrameworkStatus
from api.frameworks.schemas import FrameworkDocument
from api.rounds import service as rounds
from tests.frameworks.test_frameworks import small_document


def official_codes() -> set[str]:
    data = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    [hcmc] = [p for p in data if p["code"] == 79]
    return {str(w["code"]) for w in hcmc["wards"]}


async def test_a_2025_round_holds_the_168_communes_and_the_departments(
    session: AsyncSession, client: AsyncClient, approver: dict[str, str]
) -> None:
    doc = FrameworkDocument.model_validate(
        small_document("TEST-2025", groups=["SBN", "NGANH-DOC", "PXDK"])
    )
    framework = await frameworks.create(session=session, doc=doc, status=FrameworkStatus.active)
    round_ = await rounds.create(
        session=session,
        actor_id=None,
        year=2025,
        title_vi="Đánh giá thử 2025",
        title_en="Trial 2025",
        framework_id=framework.id,
        groups=None,
        unit_codes=None,
        schedule={},
        is_demo=False,
    )
    await session.flush()
    response = await client.get(f"/api/v1/rounds/{round_.id}/units", headers=approver)
    assert response.status_code == 200, response.text
    participants = {p["unit_code"]: p["group"] for p in response.json()}
    by_group = Counter(participants.values())

    communes = {code for code, group in participants.items() if group == "PXDK"}
    assert communes == official_codes()
    assert len(communes) == 168
    assert by_group["NGANH-DOC"] == 3  # Công an TP, Kho bạc Nhà nước TP, BHXH TP (unverified)

    departments = {code for code, group in participants.items() if group == "SBN"}
    assert {"SO-KHCN", "SO-TC", "SO-NNMT", "SO-DTTG", "BQL-KNAM", "VP-UBND"} <= departments
    merged = {"SO-TTTT", "SO-KHDT", "SO-GTVT", "SO-NNPTNT", "SO-TNMT", "SO-LDTBXH", "BAN-DT"}
    assert not departments & merged
    assert by_group["SBN"] == 26 - len(merged) + 2
    assert not {"Q1", "TP-TD", "H-CG"} & set(participants)  # districts abolished on 1 July

    # The same framework for 2024 takes the units of that year instead.
    earlier = await rounds.create(
        session=session,
        actor_id=None,
        year=2024,
        title_vi="Đánh giá thử 2024",
        title_en="Trial 2024",
        framework_id=framework.id,
        groups=["SBN"],
        unit_codes=None,
        schedule={},
        is_demo=False,
    )
    await session.flush()
    listed = await client.get(f"/api/v1/rounds/{earlier.id}/units", headers=approver)
    codes_2024 = {p["unit_code"] for p in listed.json()}
    assert {"SO-TTTT", "BQL-KNAM"} <= codes_2024
    assert "SO-NNMT" not in codes_2024
