"""A 2025 round holds the merged city's units: the 168 commune-level units with their official
codes, the departments as they stand after March 2025, and the vertical agencies; no abolished
district and no merged department takes part."""

from __future__ import annotations

import json
from collections import Counter

import vietnam_provinces
from httpx import AsyncClient
from sqlalchemy.ext.asyncio import AsyncSession

from tests.frameworks.test_frameworks import small_document
from tests.support import builders


def official_codes() -> set[str]:
    data = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    [hcmc] = [p for p in data if p["code"] == 79]
    return {str(w["code"]) for w in hcmc["wards"]}


async def merged_city_participants(
    client: AsyncClient, headers: dict[str, str], round_id: int
) -> dict[str, str]:
    """The round's participants (code -> group), checked to hold every one of the merged city's
    168 commune-level units by its official code and no department merged in March 2025."""
    response = await client.get(f"/api/v1/rounds/{round_id}/units", headers=headers)
    assert response.status_code == 200, response.text
    participants = {p["unit_code"]: p["group"] for p in response.json()}
    communes = {code for code, group in participants.items() if group == "PXDK"}
    assert communes == official_codes()
    assert len(communes) == 168
    departments = {code for code, group in participants.items() if group == "SBN"}
    merged = {"SO-TTTT", "SO-KHDT", "SO-GTVT", "SO-NNPTNT", "SO-TNMT", "SO-LDTBXH", "BAN-DT"}
    assert not departments & merged
    return participants


async def test_a_2025_round_holds_the_168_communes_and_the_departments(
    session: AsyncSession, client: AsyncClient, approver: dict[str, str]
) -> None:
    document = small_document("TEST-2025", groups=["SBN", "NGANH-DOC", "PXDK"])
    round_id = await builders.framework_round(session, document, year=2025)
    participants = await merged_city_participants(client, approver, round_id)
    by_group = Counter(participants.values())
    assert by_group["NGANH-DOC"] == 3  # Công an TP, Kho bạc Nhà nước TP, BHXH TP (unverified)
    departments = {code for code, group in participants.items() if group == "SBN"}
    assert {"SO-KHCN", "SO-TC", "SO-NNMT", "SO-DTTG", "BQL-KNAM", "VP-UBND"} <= departments
