"""Publishing score runs, and reading publications back (for DIC and for the public).

A publication is written once: the results document, CSV and XLSX are rendered at publication and
stored as bytes, and the table refuses any UPDATE or DELETE (see ``models``). The first publication
of a round moves it to ``published``; later ones (v2, v3, …) are corrections and need a reason.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from api.audit import service as audit
from api.core.database import utcnow
from api.core.errors import Conflict, Forbidden, Invalid, NotFound
from api.core.principal import Principal, Role
from api.frameworks import compiled
from api.frameworks.schemas import CriterionIn
from api.operator import service as operator_service
from api.publications import render
from api.publications.models import Publication
from api.results import service as results
from api.results.diff import code_order
from api.results.models import RunKind, ScoreRun
from api.rounds import service as rounds
from api.rounds.models import Phase, Round
from api.units.models import Unit, UnitGroup, unit_predecessors

# A correction reopens a published round to `final` first (reviewers adjust, a new final run).
PUBLISHING_PHASES = frozenset({Phase.final})


def require_approver(principal: Principal) -> None:
    if not principal.has_any_role((Role.approver,)):
        raise Forbidden("auth.forbidden_role", roles="approver")


async def publish(
    *,
    session: AsyncSession,
    principal: Principal,
    round_id: int,
    score_run_id: int,
    reason: str | None,
) -> Publication:
    """Publish a final score run of the round as its next version (approver)."""
    require_approver(principal)
    round_ = await session.get(Round, round_id, with_for_update=True)
    if round_ is None:
        raise NotFound("round.not_found", id=round_id)
    run = await session.get(ScoreRun, score_run_id)
    if run is None:
        raise Invalid("results.run_not_found", field="score_run_id", id=score_run_id)
    if run.round_id != round_.id:
        raise Invalid("results.run_other_round", field="score_run_id", id=score_run_id)
    return await publish_run(
        session=session, round_=round_, run=run, reason=reason, actor=principal.name
    )


async def publish_run(
    *, session: AsyncSession, round_: Round, run: ScoreRun, reason: str | None, actor: str
) -> Publication:
    """Render and store the next version of the round's results (the caller holds the round's
    row lock and has checked who publishes). A practice round is never published."""
    if round_.is_practice:
        raise Conflict("practice.no_publication", id=round_.id)
    if round_.phase not in PUBLISHING_PHASES:
        raise Conflict("publication.phase", phase=round_.phase.value)
    if run.kind != RunKind.final:
        raise Conflict("publication.run_not_final", id=run.id, kind=run.kind.value)
    newest = await session.scalar(
        select(func.max(ScoreRun.id)).where(
            ScoreRun.round_id == round_.id, ScoreRun.kind == RunKind.final
        )
    )
    # Published points must be what the stored inputs give now: not an older final run, and not
    # one made before a reviewer changed something (the engine's input hash tells, in milliseconds).
    if newest != run.id or (await results.compute(session=session, round_=round_)).input_hash != (
        run.input_hash
    ):
        raise Conflict("publication.run_stale", id=run.id)
    last = await latest(session=session, round_id=round_.id)
    version = 1 if last is None else last.version + 1
    reason = (reason or "").strip() or None
    if last is not None and last.score_run_id == run.id:
        raise Conflict("publication.same_run", id=run.id, version=last.version)
    if version > 1 and reason is None:
        raise Invalid("publication.reason_required", field="reason", version=version)
    published_at = utcnow()
    rendering = await _render(
        session=session,
        round_=round_,
        run=run,
        version=version,
        reason=reason,
        published_at=published_at,
    )
    if round_.phase != Phase.published:
        await rounds.move_phase(
            session=session,
            round_id=round_.id,
            target=Phase.published,
            actor_id=None,
            note=f"v{version}",
            by_publication=True,
        )
    await audit.record(
        session=session,
        action="publication.publish",
        object_type="round",
        object_id=str(round_.id),
        after={
            "version": version,
            "score_run_id": run.id,
            "content_hash": rendering.content_hash,
            "reason": reason,
        },
    )
    # The audit chain's head, this publication's own event included, kept in the immutable row:
    # deleting the newest audit events and rewinding the head is detected (api.audit.service).
    head = await audit.anchor(session=session)
    row = Publication(
        round_id=round_.id,
        version=version,
        score_run_id=run.id,
        reason=reason,
        content_hash=rendering.content_hash,
        document=rendering.document,
        csv=rendering.csv,
        xlsx=rendering.xlsx,
        detail=rendering.detail,
        published_by=actor,
        published_at=published_at,
        audit_anchor_id=head.event_id,
        audit_anchor_hash=head.hash,
    )
    session.add(row)
    await session.flush()
    return row


def round_ref(round_: Round) -> dict[str, Any]:
    """How published documents name a round."""
    return {
        "id": round_.id,
        "year": round_.year,
        "title_vi": round_.title_vi,
        "title_en": round_.title_en,
        "is_demo": round_.is_demo,
    }


def framework_ref(round_: Round, revision: int) -> dict[str, Any]:
    """How published documents name a round's framework (at the revision it was scored with)."""
    framework = round_.framework
    return {
        "id": framework.id,
        "code": framework.code,
        "title_vi": framework.title_vi,
        "title_en": framework.title_en,
        "legal_basis": framework.legal_basis,
        "revision": revision,
        # Where it comes from, and its levels and pillar views (none on frameworks without).
        "provenance": framework.provenance,
        "levels": framework.levels,
        "pillar_views": framework.pillar_views,
    }


def _walk(nodes: Iterable[CriterionIn], into: dict[str, render.Names]) -> None:
    for node in nodes:
        into[node.code] = render.Names(node.name_vi, node.name_en)
        _walk(node.children, into)


async def _render(
    *,
    session: AsyncSession,
    round_: Round,
    run: ScoreRun,
    version: int,
    reason: str | None,
    published_at: Any,
) -> render.Rendering:
    doc = (await compiled.load(session=session, framework=round_.framework)).doc
    criteria: dict[str, render.Names] = {}
    _walk(doc.criteria, criteria)
    group_rows = await session.scalars(
        select(UnitGroup).where(UnitGroup.code.in_(run.results["groups"]))
    )
    operator = await operator_service.get(session=session)
    return render.build(
        round_info=round_ref(round_) | {"framework": framework_ref(round_, run.framework_revision)},
        version=version,
        reason=reason,
        published_at=published_at,
        score_run={"id": run.id, "input_hash": run.input_hash},
        results=run.results,
        groups={g.code: render.Names(g.name_vi, g.name_en) for g in group_rows},
        units={
            p.unit.code: render.Names(p.unit.name_vi, p.unit.name_en) for p in round_.participants
        },
        pillars=[(c.code, criteria[c.code]) for c in doc.criteria],
        criteria=criteria,
        publisher=render.Names(operator.name_vi, operator.name_en),
    )


BYTES = (
    undefer(Publication.document),
    undefer(Publication.csv),
    undefer(Publication.xlsx),
    undefer(Publication.detail),
)


async def latest(
    *, session: AsyncSession, round_id: int, with_bytes: bool = False
) -> Publication | None:
    """The round's newest publication, if any (with its stored files on request)."""
    return await results.latest_publication(
        session=session, round_id=round_id, options=BYTES if with_bytes else ()
    )


async def get_version(*, session: AsyncSession, round_id: int, version: int) -> Publication:
    """A given version of the round's results, with its stored files, or 404."""
    row = await session.scalar(
        select(Publication)
        .where(Publication.round_id == round_id, Publication.version == version)
        .options(*BYTES)
    )
    if row is None:
        raise NotFound("publication.version_not_found", id=round_id, version=version)
    return row


async def list_for_round(*, session: AsyncSession, round_id: int) -> list[Publication]:
    """Every version of a round's results, newest first (404 for an unknown round)."""
    await rounds.get(session=session, round_id=round_id)
    rows = await session.scalars(
        select(Publication)
        .where(Publication.round_id == round_id)
        .order_by(Publication.version.desc())
    )
    return list(rows)


# --- public reading ------------------------------------------------------------------------


async def published_rounds(*, session: AsyncSession) -> list[tuple[Round, list[Publication]]]:
    """Rounds with at least one publication, newest year first, each with its versions (newest
    first). Bytes are not loaded."""
    rows = await session.execute(
        select(Round, Publication)
        .join(Publication, Publication.round_id == Round.id)
        .where(Round.is_practice.is_(False))  # never published; kept out should one ever be
        .order_by(Round.year.desc(), Round.id.desc(), Publication.version.desc())
    )
    out: dict[int, tuple[Round, list[Publication]]] = {}
    for round_, publication in rows.all():
        out.setdefault(round_.id, (round_, []))[1].append(publication)
    return list(out.values())


@dataclass(frozen=True)
class Ancestor:
    """A unit that ``lineage``'s unit replaced, directly or through earlier changes: ``share`` is
    "whole" only if every link on the way was, "part" if one was, None if one is not known."""

    unit: Unit
    share: str | None
    effective_on: dt.date | None
    note: str | None


def _path_share(first: str | None, second: str | None) -> str | None:
    if first == "part" or second == "part":
        return "part"
    return "whole" if first == second == "whole" else None


async def lineage(*, session: AsyncSession, code: str) -> tuple[Unit, list[Ancestor]]:
    """A unit and every unit it replaced, directly or through earlier mergers, in code order."""
    unit = await session.scalar(select(Unit).where(Unit.code == code))
    if unit is None:
        raise NotFound("unit.not_found", code=code)
    # unit id -> (share along the path, effective date and note of the unit's own nearest link)
    found: dict[int, tuple[str | None, dt.date | None, str | None]] = {}
    frontier: dict[int, str | None] = {unit.id: "whole"}
    while frontier:
        rows = await session.execute(
            select(unit_predecessors).where(unit_predecessors.c.unit_id.in_(frontier))
        )
        following: dict[int, str | None] = {}
        for row in rows.all():
            if row.predecessor_id == unit.id or row.predecessor_id in found:
                continue
            share = _path_share(frontier[row.unit_id], row.share)
            direct = row.unit_id == unit.id
            found[row.predecessor_id] = (
                share,
                row.effective_on if direct else None,
                row.note if direct else None,
            )
            following[row.predecessor_id] = share
        frontier = following
    units = await session.scalars(select(Unit).where(Unit.id.in_(found)).order_by(Unit.code))
    return unit, [Ancestor(u, *found[u.id]) for u in units]


async def latest_per_round(*, session: AsyncSession) -> list[Publication]:
    """The newest publication of every published round, with its document and detail."""
    newest = (
        select(Publication.round_id, func.max(Publication.version).label("version"))
        .group_by(Publication.round_id)
        .subquery()
    )
    rows = await session.scalars(
        select(Publication)
        .join(
            newest,
            (newest.c.round_id == Publication.round_id) & (newest.c.version == Publication.version),
        )
        .join(Round, Round.id == Publication.round_id)
        .where(Round.is_practice.is_(False))
        .options(undefer(Publication.document), undefer(Publication.detail))
    )
    return list(rows)


def unit_entries(
    publication: Publication, document: dict[str, Any], codes: set[str]
) -> list[dict[str, Any]]:
    """The rows of ``codes`` in a publication's document, with their group's averages and the
    unit's points per criterion."""
    entries = []
    for group in document["groups"]:
        averages = {p["code"]: p for p in group["pillars"]}
        for row in group["rankings"]:
            if row["unit_code"] not in codes:
                continue
            detail = publication.detail.get(row["unit_code"], {})
            entries.append(
                {
                    "round": {
                        k: document["round"][k] for k in ("id", "year", "title_vi", "title_en")
                    }
                    | {"is_demo": document["round"]["is_demo"]},
                    "version": document["version"],
                    "content_hash": document["content_hash"],
                    "published_at": document["published_at"],
                    "unit_code": row["unit_code"],
                    "unit_name_vi": row["unit_name_vi"],
                    "unit_name_en": row["unit_name_en"],
                    "group": {
                        "code": group["code"],
                        "name_vi": group["name_vi"],
                        "name_en": group["name_en"],
                        "unit_count": group["unit_count"],
                        "average_index": group["average_index"],
                    },
                    "rank": row["rank"],
                    "points": row["points"],
                    "max_points": row["max_points"],
                    "index": row["index"],
                    "pillars": [
                        p
                        | {
                            "group_average_points": averages[p["code"]]["average_points"],
                            "group_average_index": averages[p["code"]]["average_index"],
                        }
                        for p in row["pillars"]
                    ],
                    "level": row.get("level"),
                    "pillar_views": row.get("pillar_views", []),
                    "provenance": document["round"]["framework"].get("provenance"),
                    "criteria": [
                        {"code": code} | detail[code] for code in sorted(detail, key=code_order)
                    ],
                }
            )
    return entries


def sort_key(entry: dict[str, Any]) -> tuple[int, int, str]:
    return (entry["round"]["year"], entry["round"]["id"], entry["unit_code"])


def parse(document: bytes) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(document)
    return loaded
