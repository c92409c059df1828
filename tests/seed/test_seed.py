"""The seed files and their loader: valid documents, the expected units and groups, and loading
again (as every ``make run`` does) adds nothing and changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal
from typing import Any

import pytest
import yaml
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from api.assessments.models import ElementValue, Submission, SubmissionStatus, ValueSource
from api.auth.models import ApiClient, User
from api.core.principal import Role
from api.frameworks.documents import load_document
from api.frameworks.models import Criterion, DataElement, Framework, FrameworkStatus
from api.frameworks.schemas import FrameworkDocument
from api.frameworks.tree import max_points_by_group
from api.frameworks.validation import check_document
from api.results import service as results_service
from api.rounds import service as rounds
from api.rounds.models import Phase, PhaseChange, Round, RoundUnit
from api.seed.demo_values import seed_fixed_values, seed_round_values
from api.seed.loader import (
    SEED_DIR,
    demo_agencies,
    framework_documents,
    load_demo,
    load_reference,
    read_yaml,
)
from api.seed.models import SeedMark
from api.units.models import Unit, UnitGroup, unit_group_members, unit_predecessors
from tests.rounds.test_round_2025 import official_codes
from tests.support.auth import DEMO_PASSWORD

FRAMEWORK_FILES = sorted((SEED_DIR / "frameworks").glob("*.yaml"))
DOCUMENTS = [
    FrameworkDocument.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    for path in FRAMEWORK_FILES
]
COUNTED: list[Any] = [
    UnitGroup,
    Unit,
    unit_group_members,
    unit_predecessors,
    Framework,
    DataElement,
    Criterion,
    User,
    ApiClient,
    Round,
    RoundUnit,
    PhaseChange,
]


async def table_counts(session: AsyncSession) -> dict[str, int]:
    counts = {}
    for table in COUNTED:
        name = getattr(table, "__tablename__", None) or table.name
        counts[name] = await session.scalar(select(func.count()).select_from(table)) or 0
    return counts


async def known_codes(session: AsyncSession) -> tuple[set[str], set[str]]:
    """The seeded group codes and the codes of the units that supply figures."""
    groups = set(await session.scalars(select(UnitGroup.code)))
    providers = set(await session.scalars(select(Unit.code).where(Unit.is_provider.is_(True))))
    return groups, providers


# --- loading again --------------------------------------------------------------------------


async def test_loading_again_adds_nothing(session: AsyncSession) -> None:
    before = await table_counts(session)
    assert before["units"] == 53 + 168 + 4  # units.yaml, the 2025 communes, units-2025.yaml
    assert before["unit_groups"] == 5
    assert before["frameworks"] == 5
    assert before["rounds"] == 4

    reference = await load_reference(session)
    demo = await load_demo(session, DEMO_PASSWORD)
    await session.flush()

    assert all(n == 0 for n in reference.added.values()), reference.added
    assert all(n == 0 for n in demo.added.values()), demo.added
    assert await table_counts(session) == before


async def test_loading_again_keeps_admin_edits(session: AsyncSession) -> None:
    unit = await session.scalar(select(Unit).where(Unit.code == "SO-TTTT"))
    assert unit is not None
    unit.name_en = "Department of Science and Technology (merged)"
    framework = await session.scalar(select(Framework).where(Framework.code == "DTI-922-TPHCM"))
    assert framework is not None
    framework.status = FrameworkStatus.retired
    await session.flush()

    report = await load_reference(session)
    assert sum(report.added.values()) == 0
    await session.refresh(unit)
    await session.refresh(framework)
    assert unit.name_en == "Department of Science and Technology (merged)"
    assert framework.status == FrameworkStatus.retired


async def _without_accounts(session: AsyncSession, unit_code: str) -> None:
    """Delete the demo client and staff account of an agency (they keep its unit in use)."""
    unit_id = await session.scalar(select(Unit.id).where(Unit.code == unit_code))
    await session.execute(delete(ApiClient).where(ApiClient.unit_id == unit_id))
    for user in await session.scalars(select(User).where(User.unit_id == unit_id)):
        await session.delete(user)
    await session.flush()


async def test_what_dic_deleted_stays_deleted(session: AsyncSession) -> None:
    await _without_accounts(session, "CUC-TK")
    unit = await session.scalar(select(Unit).where(Unit.code == "CUC-TK"))
    assert unit is not None
    await session.delete(unit)
    framework = await session.scalar(select(Framework).where(Framework.code == "DTI-922-TPHCM"))
    await session.delete(framework)
    await session.flush()
    report = await load_reference(session)
    assert sum(report.added.values()) == 0
    assert await session.scalar(select(Unit).where(Unit.code == "CUC-TK")) is None
    assert await session.scalar(select(Framework).where(Framework.code == "DTI-922-TPHCM")) is None


async def test_loader_adds_what_was_never_seeded(session: AsyncSession) -> None:
    # As if units.yaml had gained CUC-TK after this database was seeded.
    await _without_accounts(session, "CUC-TK")
    unit = await session.scalar(select(Unit).where(Unit.code == "CUC-TK"))
    assert unit is not None
    await session.delete(unit)
    await session.execute(
        delete(SeedMark).where(SeedMark.kind == "unit", SeedMark.code == "CUC-TK")
    )
    await session.flush()
    report = await load_reference(session)
    assert report.added == {"units": 1}
    restored = await session.scalar(select(Unit).where(Unit.code == "CUC-TK"))
    assert restored is not None
    assert restored.name_vi == "Cục Thống kê Thành phố"


async def test_seeded_rounds_and_accounts(session: AsyncSession) -> None:
    seeded = list(await session.scalars(select(Round).order_by(Round.id)))
    assert all(r.is_demo for r in seeded)
    # The units' 2024 and 2023 assessments (their ids stay 1 and 2), then the provincial figures,
    # then the merged city's 2025 assessment (tests/seed/test_city_2025.py). The published demo
    # starts with 2023, the city's first assessed year.
    assert [r.id for r in seeded] == [1, 2, 3, 4]
    rounds = {r.year: r for r in seeded[:2]}
    assert set(rounds) == {2023, 2024}
    assert rounds[2024].phase == Phase.collecting
    assert rounds[2023].phase == Phase.published
    assert all(len(r.participants) == 48 for r in rounds.values())
    province = seeded[2]
    assert (province.year, province.phase) == (2022, Phase.published)
    assert [p.unit.code for p in province.participants] == ["TPHCM"]
    city_2025 = seeded[3]
    assert (city_2025.year, city_2025.phase) == (2025, Phase.collecting)
    assert len(city_2025.participants) == 168 + 21 + 3  # communes, departments, vertical agencies
    step_3 = [p for p in read_yaml("providers.yaml") if p.get("step_3")]
    # The ten agencies that supply the city's figures for the Ministry (step 3 of the plan).
    assert sorted(p["unit_code"] for p in step_3) == [
        "CA-TP",
        "CUC-THUE",
        "CUC-TK",
        "NHNN-HCM",
        "SO-CT",
        "SO-GDDT",
        "SO-KHDT",
        "SO-TC",
        "VIEN-NCPT",
        "VP-UBND",
    ]
    usernames = set(await session.scalars(select(User.username)))
    staff = {f"{p['client_id']}.staff" for p in step_3}
    assert usernames == {u["username"] for u in read_yaml("demo.yaml")["users"]} | staff
    clients = {c.client_id: c for c in await session.scalars(select(ApiClient))}
    assert set(clients) == {p["client_id"] for p in step_3}
    for agency in step_3:
        seeded = clients[agency["client_id"]]
        assert seeded.unit is not None
        assert seeded.unit.code == agency["unit_code"]
        assert seeded.scopes, agency
        assert all(s["unit_code"] == "*" and s["round_id"] is None for s in seeded.scopes)
        user = await session.scalar(
            select(User).where(User.username == f"{agency['client_id']}.staff")
        )
        assert user is not None
        assert user.roles == [Role.provider]
        assert user.unit is not None
        assert user.unit.code == agency["unit_code"]
    assert [s["element_code"] for s in clients["cuc-thue"].scopes] == [
        "E-8.1-a",
        "E-8.1-b",
        "E-8.2-a",
        "E-8.2-b",
        "E-T8",
        # Framework 4 (2025): its own codes, so an agency's scopes never mix the two frameworks.
        "E25-8.1-a",
        "E25-8.1-b",
        "E25-8.2-a",
        "E25-8.2-b",
        "E25-8.3-a",
        "E25-8.3-b",
    ]


# --- the seed files -------------------------------------------------------------------------


async def test_the_provincial_figures_give_the_index_and_pillars_dti_gov_vn_published(
    session: AsyncSession,
) -> None:
    """The seeded DTI 2022 values of the City (dti.gov.vn) scored by the 922 framework: the
    published index 0.7163 (the published values are rounded to 4 decimals, so within 0.0001)."""
    round_ = await session.scalar(
        select(Round).join(Framework).where(Framework.code == "DTI-922-PUBLISHED")
    )
    assert round_ is not None
    # Tests seed the demo without its values (they start from empty assessments): the file's.
    item = next(r for r in read_yaml("demo.yaml")["rounds"] if "values" in r)
    assert await seed_fixed_values(session=session, round_=round_, values=item["values"]) == 9
    run = await results_service.compute(session=session, round_=round_)
    total = run.unit("TPHCM").total
    assert total.max_points == 1000
    assert abs(total.index - Decimal("0.7163")) <= Decimal("0.0001")
    views = {view.code: view for view in run.pillar_views("TPHCM")}
    assert {code: view.max_points for code, view in views.items()} == {
        "CQS": 700,
        "KTS": 650,
        "XHS": 650,
    }
    # Chính quyền số: the foundation (89.17 + 90 + 82.58 + 62.67 + 55.80 + 0) and 0.8406 × 200.
    assert views["CQS"].points == Decimal("548.34")


def test_there_are_five_framework_files() -> None:
    assert [p.name for p in FRAMEWORK_FILES] == [
        "1-hcmc-dti-2023.yaml",
        "2-dti-922-province.yaml",
        "3-dti-922-published.yaml",
        "4-hcmc-dti-2025.yaml",
        "5-dti-405-published.yaml",
    ]


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.code)
async def test_framework_file_is_valid(document: FrameworkDocument, session: AsyncSession) -> None:
    groups, providers = await known_codes(session)
    assert len(providers) == 12
    errors = check_document(document, known_groups=groups, known_providers=providers)
    assert [(e.field, e.code, e.params) for e in errors] == []


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda d: d.code)
async def test_framework_file_matches_the_database(
    document: FrameworkDocument, session: AsyncSession
) -> None:
    framework = await session.scalar(select(Framework).where(Framework.code == document.code))
    assert framework is not None
    stored = await load_document(session=session, framework=framework)
    assert stored == document


def test_framework_totals() -> None:
    totals = {
        doc.code: max_points_by_group(doc.criteria, doc.groups)[0] for doc in framework_documents()
    }
    assert totals == {
        "DTI-405-PUBLISHED": {"TP": Decimal(1000)},
        "DTI-922-PUBLISHED": {"TP": Decimal(1000)},
        "DTI-922-TPHCM": {"TP": Decimal(270)},
        "HCMC-DTI-2023": {"QH": Decimal(1000), "SBN": Decimal(1000)},
        "HCMC-DTI-2025": {"NGANH-DOC": Decimal(100), "PXDK": Decimal(100), "SBN": Decimal(100)},
    }
    per_node = max_points_by_group(
        next(d for d in framework_documents() if d.code == "HCMC-DTI-2023").criteria,
        ["SBN", "QH"],
    )[1]
    assert per_node["6"] == {"QH": Decimal(200), "SBN": Decimal(250)}
    assert per_node["7"] == {"SBN": Decimal(250)}
    assert per_node["8"] == {"QH": Decimal(150)}
    assert per_node["10"] == {"QH": Decimal(0), "SBN": Decimal(0)}


async def test_the_405_framework_is_seeded_with_its_sourced_and_illustrative_parts(
    session: AsyncSession,
) -> None:
    """405/QĐ-BKHCN as published (5-dti-405-published.yaml): 8 main indicators and 1000 points
    (sourced), each indicator's points illustrative, the pillars' composition assumed."""
    framework = await session.scalar(select(Framework).where(Framework.code == "DTI-405-PUBLISHED"))
    assert framework is not None
    assert framework.status == FrameworkStatus.active
    doc = await load_document(session=session, framework=framework)
    assert (doc.year, doc.groups, doc.legal_basis) == (2024, ["TP"], "405/QĐ-BKHCN ngày 03/04/2025")

    # The 8 main indicators, named as 405 names them: 5 foundation, then 3 activity.
    assert [(c.code, c.name_vi) for c in doc.criteria] == [
        ("1", "Nhận thức số"),
        ("2", "Thể chế số"),
        ("3", "Hạ tầng số"),
        ("4", "Nhân lực số"),
        ("5", "An toàn thông tin mạng"),
        ("6", "Chính quyền số"),
        ("7", "Kinh tế số"),
        ("8", "Xã hội số"),
    ]
    totals, per_node = max_points_by_group(doc.criteria, doc.groups)
    assert totals == {"TP": Decimal(1000)}
    # The split is 922's (illustrative): 100 per foundation indicator, 200/150/150 activities.
    assert [per_node[c.code]["TP"] for c in doc.criteria] == [100] * 5 + [200, 150, 150]
    # Each main indicator reads its published value (0..1) from one reviewer-entered element.
    for criterion in doc.criteria:
        (leaf,) = criterion.children
        (ref,) = leaf.inputs
        element = next(e for e in doc.elements if e.code == ref.element_code)
        assert (element.value_type, element.source) == ("decimal", "reviewer")
        assert (element.min, element.max) == (0, 1)

    provenance = doc.provenance
    assert provenance is not None
    assert provenance.kind == "mixed"
    assert [r.title for r in provenance.references] == [
        "405/QĐ-BKHCN ngày 03/04/2025 của Bộ Khoa học và Công nghệ",
        "Công bố DTI 2024 (sggp.org.vn, vietnamnet.vn, 21/10/2025)",
    ]
    assert provenance.note_en is not None
    sourced, _, rest = provenance.note_en.partition("Illustrative")
    assert "8 main indicators" in sourced
    assert "47 components, 1,000 points" in sourced
    assert "mean of its predecessors' values" in sourced
    assert "each main indicator's maximum" in rest
    assert "Assumed: each pillar" in rest
    # Under `mixed` only what is marked sourced is claimed: each indicator's points are not.
    for criterion in doc.criteria:
        assert criterion.provenance is not None
        assert criterion.provenance.kind == "illustrative"
        assert criterion.provenance.reference == "405/QĐ-BKHCN ngày 03/04/2025"
        assert criterion.children[0].provenance is None  # as its parent
    views = doc.pillar_views or []
    assert [(v.code, v.criteria) for v in views] == [
        ("CQS", ["1", "2", "3", "4", "5", "6"]),
        ("KTS", ["1", "2", "3", "4", "5", "7"]),
        ("XHS", ["1", "2", "3", "4", "5", "8"]),
    ]
    for view in views:
        assert view.provenance is not None
        assert view.provenance.kind == "illustrative"
        assert view.provenance.note_en is not None
        assert "is assumed" in view.provenance.note_en
    # No demo round: no published per-indicator values of the City's predecessors are at hand.
    assert await session.scalar(select(Round.id).where(Round.framework_id == framework.id)) is None


def test_provider_codes_are_seeded_providers() -> None:
    units = {u["code"] for u in read_yaml("units.yaml")}
    providers = {p["unit_code"] for p in read_yaml("providers.yaml")}
    assert providers <= units, providers - units
    used = set()
    for doc in framework_documents():
        named = {e.provider_code for e in doc.elements if e.source == "provider"}
        assert named <= providers, named - providers
        used |= named
    # providers.yaml lists only agencies that are a source in at least one framework.
    assert used == providers


async def test_seeded_provider_flags(session: AsyncSession) -> None:
    flagged = set(await session.scalars(select(Unit.code).where(Unit.is_provider.is_(True))))
    assert flagged == {p["unit_code"] for p in read_yaml("providers.yaml")}
    assert {"CA-TP", "CUC-THUE", "SO-TTTT", "VP-UBND"} <= flagged
    assert not flagged & {"Q1", "TPHCM", "SO-NV"}


def test_units_file_has_the_expected_groups() -> None:
    units = read_yaml("units.yaml")
    codes = [u["code"] for u in units]
    assert len(codes) == len(set(codes)) == 53
    per_group = Counter(g for u in units for g in u.get("groups", []))
    assert per_group == {"SBN": 26, "QH": 22, "TP": 1}
    assert [u["code"] for u in units if "TP" in u.get("groups", [])] == ["TPHCM"]
    unranked = sorted(u["code"] for u in units if not u.get("groups"))
    assert unranked == ["CA-TP", "CUC-THUE", "CUC-TK", "NHNN-HCM"]
    group_codes = {g["code"] for g in read_yaml("groups.yaml")}
    assert group_codes == {"SBN", "QH", "TP", "PXDK", "NGANH-DOC"}
    assert all(set(u.get("groups", [])) <= group_codes for u in units)


def test_demo_file_refers_to_seeded_things() -> None:
    demo = read_yaml("demo.yaml")
    units = {u["code"] for u in read_yaml("units.yaml")} | official_codes()  # the 2025 communes
    elements = {e.code for doc in framework_documents() for e in doc.elements}
    codes = {doc.code for doc in framework_documents()}
    for user in demo["users"]:
        assert user["unit_code"] is None or user["unit_code"] in units
    for agency in demo_agencies():
        assert agency["unit_code"] in units
        assert agency["scopes"], agency
        for scope in agency["scopes"]:
            assert scope["element_code"] in elements
    for item in demo["rounds"]:
        assert item["framework_code"] in codes


# --- demo answers ---------------------------------------------------------------------------


async def _fresh_round(session: AsyncSession, year: int) -> Round:
    """A round of framework 1 over the units of 2024 (before the districts were abolished)."""
    framework_id = await session.scalar(
        select(Framework.id).where(Framework.code == "HCMC-DTI-2023")
    )
    assert framework_id is not None
    return await rounds.create(
        session=session,
        actor_id=None,
        year=year,
        title_vi=f"Thử {year}",
        title_en=f"Trial {year}",
        framework_id=framework_id,
        groups=None,
        unit_codes=None,
        schedule={},
        is_demo=True,
        reference_date=dt.date(2024, 12, 31),
    )


async def test_demo_answers_are_deterministic_and_plausible(session: AsyncSession) -> None:
    first = await _fresh_round(session, 2030)
    second = await _fresh_round(session, 2031)
    written = [
        await seed_round_values(
            session=session,
            round_=r,
            seed=7,
            unit_codes=["Q1", "SO-TTTT"],
            share=0.5,
            submitted=False,
        )
        for r in (first, second)
    ]
    assert written[0] == written[1] > 0

    async def values(round_id: int) -> list[tuple[int, str, object]]:
        rows = await session.execute(
            select(ElementValue.unit_id, ElementValue.element_code, ElementValue.value)
            .where(ElementValue.round_id == round_id)
            .order_by(ElementValue.unit_id, ElementValue.element_code)
        )
        return [tuple(row) for row in rows.all()]

    assert await values(first.id) == await values(second.id)
    stored = await values(first.id)
    units = {unit_id for unit_id, _, _ in stored}
    assert len(units) == 2
    by_code = {code: value for _, code, value in stored}
    for code, value in by_code.items():
        if code.endswith("-a") and code[:-2] + "-b" in by_code:
            assert value <= by_code[code[:-2] + "-b"]  # a ratio's part never exceeds its whole
    statuses = dict(
        (
            await session.execute(
                select(Unit.code, Submission.status)
                .join(Unit, Unit.id == Submission.unit_id)
                .where(Submission.round_id == first.id)
            )
        ).all()
    )
    assert len(statuses) == 48  # every participant has its assessment from the start
    assert {code for code, s in statuses.items() if s == SubmissionStatus.in_progress} == {
        "Q1",
        "SO-TTTT",
    }


async def test_a_finished_demo_round_has_every_unit_and_source(session: AsyncSession) -> None:
    round_ = await _fresh_round(session, 2032)
    await seed_round_values(
        session=session, round_=round_, seed=2022, unit_codes=None, share=1.0, submitted=True
    )
    rows = (
        await session.execute(
            select(ElementValue.unit_id, ElementValue.source).where(
                ElementValue.round_id == round_.id
            )
        )
    ).all()
    assert len({unit_id for unit_id, _ in rows}) == 48
    assert {source for _, source in rows} == {ValueSource.unit, ValueSource.provider}
