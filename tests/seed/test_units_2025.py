"""The merged city's units as the seed loads them: the 168 commune-level units with the official
codes of the vietnam-provinces package, the districts closed with their history, lineage taken
from vietnamadminunits (never more precise than it), the vertical agencies and the 2025
departments, sourced or marked unverified; loading again adds nothing and brings back nothing."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import vietnam_provinces
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import Submission
from api.rounds.models import RoundUnit
from api.seed import lineage_2025, units_2025
from api.seed.loader import load_reference, read_yaml
from api.units.models import Unit, UnitGroup, unit_group_members, unit_predecessors

CLOSED = dt.date(2025, 6, 30)


def official() -> dict[str, dict[str, object]]:
    """HCMC's wards as the package lists them, by code (read here, independently of the seed)."""
    data = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text(encoding="utf-8"))
    [hcmc] = [p for p in data if p["code"] == 79]
    return {str(w["code"]): w for w in hcmc["wards"]}


async def members(session: AsyncSession, group: str) -> list[Unit]:
    return list(
        await session.scalars(
            select(Unit)
            .join(unit_group_members, unit_group_members.c.unit_id == Unit.id)
            .join(UnitGroup, UnitGroup.id == unit_group_members.c.group_id)
            .where(UnitGroup.code == group)
            .order_by(Unit.code)
        )
    )


async def links_of(session: AsyncSession, code: str) -> list[dict[str, object]]:
    predecessor = Unit.__table__.alias("predecessor")
    rows = await session.execute(
        select(predecessor.c.code, unit_predecessors)
        .join(Unit, Unit.id == unit_predecessors.c.unit_id)
        .join(predecessor, predecessor.c.id == unit_predecessors.c.predecessor_id)
        .where(Unit.code == code)
        .order_by(predecessor.c.code)
    )
    return [dict(row._mapping) for row in rows.all()]


async def test_the_city_has_168_commune_level_units_with_official_codes(
    session: AsyncSession,
) -> None:
    communes = await members(session, "PXDK")
    assert len(communes) == 168
    assert Counter(u.kind for u in communes) == {"ward": 113, "commune": 54, "special_zone": 1}
    package = official()
    assert {u.code for u in communes} == set(package)
    for unit in communes:
        assert unit.name_vi == " ".join(str(package[unit.code]["name"]).split())
        assert unit.valid_from == dt.date(2025, 7, 1)
        assert unit.valid_to is None
        assert not unit.unverified
        assert unit.source is not None
        assert "vietnam-provinces" in unit.source
        assert unit.source.endswith(f"mã {unit.code}")
    by_code = {u.code: u for u in communes}
    assert by_code["26740"].name_vi == "Phường Sài Gòn"
    assert by_code["26740"].name_en == "Sài Gòn Ward"
    assert by_code["26732"].kind == "special_zone"
    assert by_code["26732"].name_vi == "Đặc khu Côn Đảo"
    assert by_code["26732"].name_en == "Côn Đảo Special Zone"


async def test_the_data_file_names_its_source_and_the_counts_it_expects() -> None:
    spec = units_2025.spec()
    assert spec["package"] == "vietnam-provinces"
    assert spec["province_code"] == 79
    assert spec["expected"] == {"phường": 113, "xã": 54, "đặc khu": 1}
    assert "Tổng cục Thống kê" in spec["source"]


async def test_loading_again_adds_nothing_and_brings_back_no_deleted_ward(
    session: AsyncSession,
) -> None:
    report = await load_reference(session)
    assert sum(report.added.values()) == 0, report.added
    ward = await session.scalar(select(Unit).where(Unit.code == "26743"))  # Phường Bến Thành
    assert ward is not None
    # It takes part in the demo 2025 round (seeded without values here): out of it first.
    await session.execute(delete(Submission).where(Submission.unit_id == ward.id))
    await session.execute(delete(RoundUnit).where(RoundUnit.unit_id == ward.id))
    await session.delete(ward)
    q1 = await session.scalar(select(Unit).where(Unit.code == "Q1"))
    assert q1 is not None
    q1.valid_to = None  # DIC reopened it (say): the seed does not close it again
    await session.flush()
    report = await load_reference(session)
    assert sum(report.added.values()) == 0, report.added
    assert await session.scalar(select(Unit).where(Unit.code == "26743")) is None
    await session.refresh(q1)
    assert q1.valid_to is None


async def test_the_districts_close_the_day_before_and_keep_their_history(
    session: AsyncSession,
) -> None:
    districts = await members(session, "QH")
    assert len(districts) == 22
    assert {u.valid_to for u in districts} == {CLOSED}
    # Every district handed its area to 2025 units: each is a predecessor of some.
    predecessors = set(await session.scalars(select(unit_predecessors.c.predecessor_id)))
    assert all(d.id in predecessors for d in districts)


async def test_phuong_sai_gon_took_a_part_of_quan_1_as_the_package_says(
    session: AsyncSession,
) -> None:
    [link] = await links_of(session, "26740")
    assert link["code"] == "Q1"
    assert link["share"] == "part"  # Quận 1 went to several wards: never "whole"
    assert link["effective_on"] == dt.date(2025, 7, 1)
    assert not link["unverified"]
    note = str(link["note"])
    # Bến Nghé whole, parts of Đa Kao and Nguyễn Thái Bình (the sourced example).
    assert note.startswith(
        "Quận 1: Phường Bến Nghé; một phần Phường Đa Kao, Phường Nguyễn Thái Bình"
    )
    assert "vietnamadminunits" in note
    # A ward formed from two districts links to both.
    two = [u for u in lineage_2025_links() if len(u[1]) > 1]
    assert two
    code, predecessors = two[0]
    assert [str(link["code"]) for link in await links_of(session, code)] == sorted(predecessors)


def lineage_2025_links() -> list[tuple[str, list[str]]]:
    by_unit: dict[str, list[str]] = {}
    for link in units_2025.lineage()["links"]:
        by_unit.setdefault(link["unit"], []).append(link["predecessor"])
    return sorted(by_unit.items())


def test_the_lineage_file_is_what_vietnamadminunits_gives() -> None:
    """Regenerate with `python -m api.seed.lineage_2025 > api/seed/units-2025-lineage.yaml`."""
    assert lineage_2025.current() == units_2025.lineage()
    links = units_2025.lineage()["links"]
    districts = {u["code"] for u in read_yaml("units.yaml") if u.get("groups") == ["QH"]}
    assert {link["predecessor"] for link in links} == districts
    assert {link["share"] for link in links} <= {"whole", "part"}
    # Units of the former Bình Dương and Bà Rịa – Vũng Tàu have no predecessor here.
    assert len({link["unit"] for link in links}) < 168


async def test_departments_reorganised_in_2025_have_their_successors(
    session: AsyncSession,
) -> None:
    so_tttt = await session.scalar(select(Unit).where(Unit.code == "SO-TTTT"))
    assert so_tttt is not None
    assert so_tttt.valid_to == dt.date(2025, 2, 28)
    [link] = await links_of(session, "SO-KHCN")
    assert (link["code"], link["share"], link["effective_on"]) == (
        "SO-TTTT",
        "whole",
        dt.date(2025, 3, 1),
    )
    assert not link["unverified"]  # sourced: the merger of March 2025
    # The rest of the 2025 list is DIC's to confirm: flagged, units and links alike.
    nnmt = await session.scalar(select(Unit).where(Unit.code == "SO-NNMT"))
    assert nnmt is not None
    assert nnmt.unverified
    assert nnmt.source is not None
    assert "Chưa xác minh" in nnmt.source
    nnmt_links = await links_of(session, "SO-NNMT")
    assert [str(x["code"]) for x in nnmt_links] == ["SO-NNPTNT", "SO-TNMT"]
    assert all(x["unverified"] for x in nnmt_links)
    labour = await session.execute(
        select(Unit.code, unit_predecessors.c.share)
        .join(unit_predecessors, unit_predecessors.c.unit_id == Unit.id)
        .where(
            unit_predecessors.c.predecessor_id
            == select(Unit.id).where(Unit.code == "SO-LDTBXH").scalar_subquery()
        )
    )
    assert sorted(labour.all()) == [("SO-GDDT", "part"), ("SO-NV", "part"), ("SO-YT", "part")]


async def test_vertical_agencies_and_ban_quan_ly_khu_nam(session: AsyncSession) -> None:
    vertical = await members(session, "NGANH-DOC")
    assert [u.code for u in vertical] == ["BHXH-TP", "CA-TP", "KBNN-TP"]
    flags = {u.code: u.unverified for u in vertical}
    assert flags == {"BHXH-TP": True, "CA-TP": False, "KBNN-TP": False}
    sbn = {u.code for u in await members(session, "SBN")}
    assert "BQL-KNAM" in sbn
    khu_nam = await session.scalar(select(Unit).where(Unit.code == "BQL-KNAM"))
    assert khu_nam is not None
    assert khu_nam.source is not None
    assert "7/3/2024" in khu_nam.source


async def test_a_vertical_agency_membership_dic_removed_stays_removed(
    session: AsyncSession,
) -> None:
    ca_tp = await session.scalar(select(Unit.id).where(Unit.code == "CA-TP"))
    await session.execute(delete(unit_group_members).where(unit_group_members.c.unit_id == ca_tp))
    await session.flush()
    await load_reference(session)
    assert "CA-TP" not in {u.code for u in await members(session, "NGANH-DOC")}
