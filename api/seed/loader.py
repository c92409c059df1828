"""Load the seed files into the database, idempotently.

Existing rows are never overwritten: DIC may have edited a unit or a framework through the admin
screens, and running the seed again (``make seed``, every ``make run``) must not undo that.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from api.auth import service as auth_service
from api.auth.models import ApiClient, User
from api.core.database import utcnow
from api.core.principal import Role
from api.core.text import fold
from api.frameworks import service as frameworks_service
from api.frameworks.models import Framework, FrameworkStatus
from api.frameworks.schemas import FrameworkDocument
from api.help import service as help_service
from api.publications import service as publications_service
from api.results import service as results_service
from api.results.models import RunKind
from api.rounds import service as rounds_service
from api.rounds.models import Phase, Round
from api.seed import units_2025
from api.seed.demo_values import DEMO_ACTOR, seed_fixed_values, seed_round_values
from api.seed.models import SeedMark
from api.units.models import Unit, UnitGroup, unit_group_members, unit_predecessors

SEED_DIR = Path(__file__).resolve().parent
logger = logging.getLogger("api.seed")


class Marks:
    """The items seeded before. ``fresh`` says whether to create one now: only if it was never
    seeded and does not exist; either way it is marked, so a later deletion sticks."""

    def __init__(self, session: AsyncSession, done: set[tuple[str, str]]) -> None:
        self.session = session
        self.done = done

    @classmethod
    async def load(cls, session: AsyncSession) -> Marks:
        rows = await session.execute(select(SeedMark.kind, SeedMark.code))
        return cls(session, {(kind, code) for kind, code in rows.all()})

    def fresh(self, kind: str, code: str, *, exists: bool) -> bool:
        if (kind, code) in self.done:
            return False
        self.done.add((kind, code))
        self.session.add(SeedMark(kind=kind, code=code))
        return not exists


@dataclass
class SeedReport:
    """What a seed run added (zero everywhere on a second run)."""

    added: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, n: int = 1) -> None:
        self.added[kind] = self.added.get(kind, 0) + n


def read_yaml(name: str) -> Any:
    """A seed file, parsed."""
    with (SEED_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def framework_documents() -> list[FrameworkDocument]:
    """Every seeded framework, validated, in the order of their file names (1-…, 2-…), so that
    framework 1 of the domain reference gets id 1 on a fresh database."""
    return [
        FrameworkDocument.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
        for path in sorted((SEED_DIR / "frameworks").glob("*.yaml"))
    ]


async def load_reference(session: AsyncSession) -> SeedReport:
    """Groups, units and frameworks (active) of the default installation."""
    report = SeedReport()
    marks = await Marks.load(session)
    groups = {g.code: g for g in await session.scalars(select(UnitGroup))}
    for item in read_yaml("groups.yaml"):
        if marks.fresh("group", item["code"], exists=item["code"] in groups):
            groups[item["code"]] = UnitGroup(**item)
            session.add(groups[item["code"]])
            report.count("groups")
    existing_units = set(await session.scalars(select(Unit.code)))
    providers = {item["unit_code"] for item in read_yaml("providers.yaml")}
    for item in read_yaml("units.yaml"):
        if not marks.fresh("unit", item["code"], exists=item["code"] in existing_units):
            continue
        if any(g not in groups for g in item.get("groups", [])):
            continue  # its group was deleted on purpose; the unit is not forced back into it
        session.add(
            Unit(
                code=item["code"],
                name_vi=item["name_vi"],
                name_en=item["name_en"],
                kind=item["kind"],
                valid_from=item.get("valid_from"),
                valid_to=item.get("valid_to"),
                is_provider=item["code"] in providers,
                source=item.get("source"),
                unverified=bool(item.get("unverified", False)),
                groups=[groups[g] for g in item.get("groups", [])],
            )
        )
        report.count("units")
    await session.flush()
    await _load_2025(session, marks, groups, report)
    existing_frameworks = set(await session.scalars(select(Framework.code)))
    for doc in framework_documents():
        if marks.fresh("framework", doc.code, exists=doc.code in existing_frameworks):
            await frameworks_service.create(session=session, doc=doc, status=FrameworkStatus.active)
            report.count("frameworks")
    await session.flush()
    return report


async def _insert_units(
    session: AsyncSession,
    rows: list[dict[str, Any]],
    groups: dict[str, UnitGroup],
) -> None:
    """New units and their group memberships in two statements (the 168 communes come here)."""
    if not rows:
        return
    now = utcnow()
    await session.execute(
        insert(Unit),
        [
            {
                "code": row["code"],
                "name_vi": row["name_vi"],
                "name_en": row["name_en"],
                "kind": row["kind"],
                "valid_from": row.get("valid_from"),
                "valid_to": row.get("valid_to"),
                "is_provider": False,
                "source": row.get("source"),
                "unverified": bool(row.get("unverified", False)),
                # Kept by an ORM event elsewhere; a bulk insert fires none.
                "search_text": fold(f"{row['code']} {row['name_vi']} {row['name_en']}"),
                "created_at": now,
                "updated_at": now,
            }
            for row in rows
        ],
    )
    found = await session.execute(
        select(Unit.code, Unit.id).where(Unit.code.in_([row["code"] for row in rows]))
    )
    ids = dict(found.all())
    members = [
        {"unit_id": ids[row["code"]], "group_id": groups[g].id}
        for row in rows
        for g in row.get("groups", [])
    ]
    if members:
        await session.execute(insert(unit_group_members), members)


async def _load_2025(
    session: AsyncSession, marks: Marks, groups: dict[str, UnitGroup], report: SeedReport
) -> None:
    """The 2025 units (units-2025.yaml): the communes read from vietnam-provinces, the new
    departments and agencies, memberships, the districts' closing and the lineage links."""
    document = units_2025.document()
    spec = document["communes"]
    units = {
        code: (unit_id, valid_to)
        for code, unit_id, valid_to in (
            await session.execute(select(Unit.code, Unit.id, Unit.valid_to))
        ).all()
    }
    new_rows = []
    candidates = [
        row | {"valid_from": spec["valid_from"], "groups": [spec["group"]]}
        for row in units_2025.communes(spec)
    ] + list(document.get("units", []))
    for row in candidates:
        if not marks.fresh("unit", row["code"], exists=row["code"] in units):
            continue
        if any(g not in groups for g in row.get("groups", [])):
            continue  # its group was deleted on purpose (as for units.yaml)
        new_rows.append(row)
    await _insert_units(session, new_rows, groups)
    if new_rows:
        report.count("units", len(new_rows))
        found = await session.execute(
            select(Unit.code, Unit.id).where(Unit.code.in_([row["code"] for row in new_rows]))
        )
        units.update((code, (unit_id, None)) for code, unit_id in found.all())

    # Existing units into groups this file adds (CA-TP into the vertical agencies).
    members = []
    for item in document.get("memberships", []):
        key = f"{item['group']}:{item['unit']}"
        known = item["unit"] in units and item["group"] in groups
        if known and marks.fresh("membership", key, exists=False):
            members.append(
                {"unit_id": units[item["unit"]][0], "group_id": groups[item["group"]].id}
            )
    if members:
        taken = set(
            (
                await session.execute(
                    select(unit_group_members.c.unit_id, unit_group_members.c.group_id)
                )
            ).all()
        )
        fresh = [m for m in members if (m["unit_id"], m["group_id"]) not in taken]
        if fresh:
            await session.execute(insert(unit_group_members), fresh)
        report.count("memberships", len(fresh))

    # Closing: the day before a change. Once per unit; a unit DIC closed already keeps its day.
    closing: dict[str, Any] = {}
    for item in document.get("closures", []):
        for code in item["codes"]:
            closing[code] = item["valid_to"]
    reorganisations = document.get("reorganisations", [])
    for item in reorganisations:
        if item.get("close"):
            closing[item["predecessor"]] = item["effective_on"] - units_2025.DAY
    closed = 0
    for code, valid_to in closing.items():
        if code not in units or not marks.fresh("closure", code, exists=False):
            continue
        if units[code][1] is None:
            await session.execute(
                update(Unit).where(Unit.code == code).values(valid_to=valid_to, updated_at=utcnow())
            )
            closed += 1
    if closed:
        report.count("closures", closed)

    # Lineage links: the departments' reorganisations and the communes' predecessor districts.
    lineage = units_2025.lineage()
    links = [
        {
            "successor": item["successor"],
            "predecessor": item["predecessor"],
            "share": item["share"],
            "effective_on": item["effective_on"],
            "note": item.get("note"),
            "unverified": bool(item.get("unverified", False)),
        }
        for item in reorganisations
    ] + [
        {
            "successor": item["unit"],
            "predecessor": item["predecessor"],
            "share": item["share"],
            "effective_on": units_2025.VALID_FROM,
            "note": f"{item['wards']} ({lineage['source']})",
            "unverified": False,
        }
        for item in lineage["links"]
    ]
    linked = await session.execute(
        select(unit_predecessors.c.unit_id, unit_predecessors.c.predecessor_id)
    )
    existing: set[tuple[int, int]] = {(a, b) for a, b in linked.all()}
    rows = []
    for link in links:
        key = f"{link['successor']}<{link['predecessor']}"
        if link["successor"] not in units or link["predecessor"] not in units:
            continue
        pair = (units[link["successor"]][0], units[link["predecessor"]][0])
        if not marks.fresh("lineage", key, exists=pair in existing):
            continue
        existing.add(pair)
        rows.append(
            {
                "unit_id": pair[0],
                "predecessor_id": pair[1],
                "share": link["share"],
                "effective_on": link["effective_on"],
                "note": link["note"],
                "unverified": link["unverified"],
            }
        )
    if rows:
        await session.execute(insert(unit_predecessors), rows)
        report.count("lineage", len(rows))
    await session.flush()


def demo_agencies() -> list[dict[str, Any]]:
    """The agencies of step 3 of the plan (providers.yaml, ``step_3``), each with the scopes of
    its demo client: every element it supplies in the seeded frameworks, for every unit."""
    agencies = [item for item in read_yaml("providers.yaml") if item.get("step_3")]
    documents = framework_documents()  # parsed once: a second or so per pass
    for agency in agencies:
        codes = [
            e.code
            for doc in documents
            for e in doc.elements
            if e.source == "provider" and e.provider_code == agency["unit_code"]
        ]
        agency["scopes"] = [
            {"element_code": code, "unit_code": "*", "round_id": None}
            for code in dict.fromkeys(codes)
        ]
    return agencies


async def _demo_agencies(
    session: AsyncSession, password: str, marks: Marks, report: SeedReport
) -> None:
    """A demo API client and a staff account (role provider) for each agency of step 3."""
    clients = set(await session.scalars(select(ApiClient.client_id)))
    users = set(await session.scalars(select(User.username)))
    for agency in demo_agencies():
        client_id = agency["client_id"]
        if marks.fresh("client", client_id, exists=client_id in clients):
            await auth_service.create_client(
                session=session,
                client_id=client_id,
                name=f"{agency['name_vi']} – hệ thống cung cấp số liệu (minh họa)",
                unit_code=agency["unit_code"],
                scopes=agency["scopes"],
                secret=password,
            )
            report.count("clients")
        username = f"{client_id}.staff"
        if marks.fresh("user", username, exists=username in users):
            await auth_service.create_user(
                session=session,
                username=username,
                full_name=f"Cán bộ cung cấp số liệu – {agency['name_vi']} (tài khoản minh họa)",
                password=password,
                roles=[Role.provider],
                unit_code=agency["unit_code"],
                email=f"{username}@dti-hub.example.com",
                rules=None,  # the shared demo password, as for the other demo accounts
            )
            report.count("users")


async def _demo_tours_seen(session: AsyncSession, usernames: list[str], marks: Marks) -> None:
    """The demo accounts count as having seen their first sign-in tours (once: a tour reset
    later sticks), so the browser journeys that sign them in are not interrupted by one."""
    users = await session.scalars(select(User).where(User.username.in_(usernames)))
    for user in users:
        if marks.fresh("tour", user.username, exists=False):
            await help_service.mark_seen(session=session, user_id=user.id, tours=user.roles)


async def load_demo(
    session: AsyncSession, password: str, *, with_values: bool = True
) -> SeedReport:
    """Demo accounts, provider clients and rounds (with generated answers), labelled as demo."""
    report = SeedReport()
    marks = await Marks.load(session)
    demo = read_yaml("demo.yaml")
    users = set(await session.scalars(select(User.username)))
    for item in demo["users"]:
        if not marks.fresh("user", item["username"], exists=item["username"] in users):
            continue
        await auth_service.create_user(
            session=session,
            username=item["username"],
            full_name=item["full_name"],
            roles=[Role(r) for r in item["roles"]],
            unit_code=item.get("unit_code"),
            email=item.get("email"),
            # On purpose: the shared demo password skips the password rules (it is short) and
            # needs no change at first sign-in; demo data is never loaded in production.
            rules=None,
            password=password,
        )
        report.count("users")
    await _demo_agencies(session, password, marks, report)
    await _demo_tours_seen(
        session,
        [item["username"] for item in demo["users"]]
        + [
            f"{agency['client_id']}.staff"
            for agency in read_yaml("providers.yaml")
            if agency.get("step_3")
        ],
        marks,
    )
    for item in demo["rounds"]:
        exists = await session.scalar(
            select(Round.id).where(
                Round.is_demo.is_(True),
                Round.is_practice.is_(False),
                Round.year == item["year"],
                Round.title_vi == item["title_vi"],
            )
        )
        if not marks.fresh("round", item["key"], exists=exists is not None):
            continue
        framework_id = await session.scalar(
            select(Framework.id).where(Framework.code == item["framework_code"])
        )
        if framework_id is None:
            logger.warning(
                "demo round %s skipped: no framework %s", item["key"], item["framework_code"]
            )
            continue
        round_ = await rounds_service.create(
            session=session,
            actor_id=None,
            year=item["year"],
            title_vi=item["title_vi"],
            title_en=item["title_en"],
            framework_id=framework_id,
            groups=item["groups"],
            unit_codes=None,
            schedule={},
            is_demo=True,
        )
        if with_values:
            answered = item.get("answered_units", [])
            written = await seed_round_values(
                session=session,
                round_=round_,
                seed=item["seed"],
                unit_codes=None if answered == "all" else list(answered),
                share=float(item.get("answered_share", 1.0)),
                submitted=item["phase"] != Phase.collecting.value,
            )
            report.count("values", written)
            if "values" in item:
                # Figures a public source published (the file names it), not generated ones.
                written = await seed_fixed_values(
                    session=session, round_=round_, values=item["values"]
                )
                report.count("values", written)
        target = Phase(item["phase"])
        # A round is published by publishing a final run (phase moves stop at `final`).
        walk_to = Phase.final if target == Phase.published else target
        while round_.phase != walk_to:
            # Walk the phase machine forward, as DIC would, so the history is complete.
            await rounds_service.move_phase(
                session=session,
                round_id=round_.id,
                target=rounds_service.PHASE_MOVES[round_.phase][0],
                actor_id=None,
                note="Dữ liệu minh họa / demo data",
            )
        if target == Phase.published:
            run = await results_service.store_run(
                session=session, round_=round_, kind=RunKind.final, actor=DEMO_ACTOR
            )
            await publications_service.publish_run(
                session=session, round_=round_, run=run, reason=None, actor=DEMO_ACTOR
            )
            report.count("publications")
        report.count("rounds")
    await session.flush()
    return report
