"""The city's 2025 index sets (framework 4, HCMC-DTI-2025) and their demo round: the published
counts and totals (departments 6 main indicators / 32 components / 100 points, wards, communes and
the special zone 8 / 42 / 100), every criterion's own provenance under a framework marked mixed,
and the demo round over the merged city's units, which a score run scores."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from api.frameworks.models import Framework
from api.frameworks.schemas import CriterionIn
from api.frameworks.tree import applicable_leaves, max_points_by_group
from api.rounds.models import Phase, Round
from api.seed.demo_values import seed_round_values
from api.seed.loader import framework_documents, read_yaml
from tests.frameworks.test_frameworks import framework_by_code
from tests.rounds.test_round_2025 import merged_city_participants

CODE = "HCMC-DTI-2025"
DOCUMENT = next(doc for doc in framework_documents() if doc.code == CODE)
FOUNDATION = [
    "Nhận thức số",
    "Thể chế số",
    "Hạ tầng số",
    "Nhân lực số",
    "An toàn thông tin mạng",
]
# Published for 2025 (ttbc-hcm.gov.vn): the commune set's eight main indicators.
COMMUNE_MAINS = [*FOUNDATION, "Chính quyền số", "Kinh tế số", "Xã hội số"]
# Assumed from 79/QĐ-UBND (2023): the 2025 names of the departments' six are not published.
DEPARTMENT_MAINS = [*FOUNDATION, "Hoạt động chuyển đổi số"]


def shape(group: str) -> tuple[list[str], int, Decimal]:
    """The main indicators (names) that apply to ``group``, how many component indicators do, and
    the group's total max points."""
    totals, per_node = max_points_by_group(DOCUMENT.criteria, DOCUMENT.groups)
    mains = [c.name_vi for c in DOCUMENT.criteria if group in per_node[c.code]]
    components = applicable_leaves(DOCUMENT.criteria, group, per_node)
    return mains, len(components), totals[group]


def walk(nodes: list[CriterionIn]) -> Iterator[CriterionIn]:
    for node in nodes:
        yield node
        yield from walk(node.children)


def demo_item() -> dict[str, Any]:
    item: dict[str, Any] = next(
        r for r in read_yaml("demo.yaml")["rounds"] if r["framework_code"] == CODE
    )
    return item


# --- the framework ---------------------------------------------------------------------------


def test_the_framework_ranks_departments_vertical_agencies_and_communes() -> None:
    assert (DOCUMENT.year, DOCUMENT.groups) == (2025, ["SBN", "NGANH-DOC", "PXDK"])


@pytest.mark.parametrize("group", ["SBN", "NGANH-DOC"])
def test_departments_have_6_main_indicators_32_components_100_points(group: str) -> None:
    assert shape(group) == (DEPARTMENT_MAINS, 32, Decimal(100))


def test_wards_communes_have_8_main_indicators_42_components_100_points() -> None:
    assert shape("PXDK") == (COMMUNE_MAINS, 42, Decimal(100))


def test_every_criterion_carries_its_own_provenance() -> None:
    provenance = DOCUMENT.provenance
    assert provenance is not None
    assert provenance.kind == "mixed"
    assert "minh họa" in (provenance.note_vi or "")
    assert "llustrative" in (provenance.note_en or "")
    titles = [reference.title for reference in provenance.references]
    assert any("ttbc-hcm.gov.vn" in title for title in titles)
    assert any("79/QĐ-UBND" in title for title in titles)

    marks = {node.code: node.provenance for node in walk(DOCUMENT.criteria)}
    assert all(mark is not None for mark in marks.values()), [
        code for code, mark in marks.items() if mark is None
    ]
    mains = {node.code: node.provenance for node in DOCUMENT.criteria}
    # A main indicator's name is sourced (the commune set's) or assumed (the departments' sixth);
    # its points and every component indicator are illustrative.
    assert {code: mark.kind for code, mark in mains.items() if mark} == {
        "1": "sourced",
        "2": "sourced",
        "3": "sourced",
        "4": "sourced",
        "5": "sourced",
        "6": "illustrative",
        "7": "sourced",
        "8": "sourced",
        "9": "sourced",
    }
    for code, mark in mains.items():
        assert "illustrative" in ((mark.note_en if mark else None) or ""), code
    assert "79/QĐ-UBND" in ((mains["6"].reference if mains["6"] else None) or "")
    components = [node for node in walk(DOCUMENT.criteria) if not node.children]
    assert len(components) == 32 + 42 - 16  # the two sets share 16 foundation components
    assert {node.provenance.kind for node in components if node.provenance} == {"illustrative"}
    # No levels are published for 2025: the 2023 thresholds, marked illustrative.
    assert DOCUMENT.levels is not None
    assert [level_set.provenance.kind for level_set in DOCUMENT.levels if level_set.provenance] == [
        "illustrative"
    ]


async def test_the_framework_is_shown_as_mixed_with_its_notice(
    client: AsyncClient, viewer: dict[str, str]
) -> None:
    framework = await framework_by_code(client, viewer, CODE)
    assert framework["status"] == "active"
    assert framework["provenance"]["kind"] == "mixed"
    assert "minh họa" in framework["provenance"]["note_vi"]
    assert len(framework["provenance"]["references"]) == 3


# --- the demo round --------------------------------------------------------------------------


async def demo_round(session: AsyncSession) -> Round:
    round_ = await session.scalar(
        select(Round).join(Framework).where(Framework.code == CODE, Round.is_demo.is_(True))
    )
    assert round_ is not None
    return round_


async def test_the_2025_demo_round_holds_the_merged_citys_units(
    session: AsyncSession, client: AsyncClient, approver: dict[str, str]
) -> None:
    round_ = await demo_round(session)
    assert round_.id == 4  # appended after the other demo rounds, whose ids stay 1, 2 and 3
    assert (round_.year, round_.phase) == (2025, Phase.collecting)
    assert "dữ liệu minh họa" in round_.title_vi
    participants = await merged_city_participants(client, approver, round_.id)
    departments = {code for code, group in participants.items() if group == "SBN"}
    assert {"SO-KHCN", "SO-TC", "SO-NNMT", "VP-UBND"} <= departments
    assert Counter(participants.values()) == {"PXDK": 168, "SBN": 21, "NGANH-DOC": 3}
    assert not {"Q1", "TP-TD", "H-CG"} & set(participants)  # districts abolished on 1 July
    assert set(demo_item()["answered_units"]) <= set(participants)


async def test_the_2025_demo_round_can_be_scored(
    session: AsyncSession, client: AsyncClient, evaluator: dict[str, str]
) -> None:
    round_ = await demo_round(session)
    # Tests seed the demo without its values: the file's generated answers, as the seed writes them.
    item = demo_item()
    answered = item["answered_units"]
    written = await seed_round_values(
        session=session,
        round_=round_,
        seed=item["seed"],
        unit_codes=answered,
        share=item["answered_share"],
        submitted=False,
    )
    assert written > 0

    url = f"/api/v1/rounds/{round_.id}/score-runs"
    created = await client.post(url, json={"kind": "draft"}, headers=evaluator)
    assert created.status_code == 201, created.text
    results = await client.get(f"{url}/{created.json()['id']}/results", headers=evaluator)
    assert results.status_code == 200, results.text
    groups = {group["code"]: group["rankings"] for group in results.json()["groups"]}
    assert {code: len(rows) for code, rows in groups.items()} == {
        "SBN": 21,
        "NGANH-DOC": 3,
        "PXDK": 168,
    }
    for code, rows in groups.items():
        for row in rows:
            assert Decimal(row["max_points"]) == 100, (code, row["unit_code"])
            assert 0 <= Decimal(row["index"]) <= 1, (code, row["unit_code"])
            assert row["level"] is not None  # the illustrative levels apply to every group
    indices = {row["unit_code"]: Decimal(row["index"]) for row in groups["PXDK"]}
    assert all(indices[code] > 0 for code in answered if code in indices)
    assert sum(1 for index in indices.values() if index > 0) == 6  # the wards that answered
