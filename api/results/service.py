"""Score runs: computing a round with the engine, keeping the outcome, and reading it back.

Who reads what: DIC reads every run; a unit's staff read their own unit's results in runs shared
with units (preliminary ones) and nothing else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.sql.base import ExecutableOption

from api.audit import service as audit
from api.core.errors import Conflict, Forbidden, NotFound
from api.core.principal import DIC_ROLES, Principal
from api.feedback.models import Feedback, FeedbackStatus
from api.frameworks import compiled
from api.operator import service as operator_service
from api.publications.models import Publication
from api.results import adapter, report
from api.results import diff as run_diff
from api.results.models import RunKind, ScoreRun
from api.results.schemas import (
    GroupRanking,
    LevelCountOut,
    LevelOut,
    NodeOut,
    PillarViewOut,
    RankingRow,
    RunDiffOut,
    RunOut,
    UnitResultOut,
)
from api.rounds.models import Phase, Round
from api.scoring import (
    Explanation,
    LevelCount,
    LevelResult,
    NodeResult,
    PillarViewResult,
    round_index,
    round_points,
    score,
)
from api.scoring import ScoreRun as EngineRun
from api.units.models import Unit

RUN_PHASES = {
    RunKind.draft: frozenset({Phase.collecting, Phase.reviewing, Phase.preliminary, Phase.final}),
    RunKind.preliminary: frozenset({Phase.reviewing, Phase.preliminary}),
    # After the feedback window: the approver moves the round to `final` once it is over (and back
    # from `published` to `final` to correct a publication, which a new final run then re-issues).
    RunKind.final: frozenset({Phase.final}),
}


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _explanation(e: Explanation) -> dict[str, Any]:
    return {
        "rule": e.rule,
        "outcome": e.outcome.value,
        "applicable": e.applicable,
        "inputs": [
            {
                "name": i.name,
                "element_code": i.element_code,
                "value": _plain(i.value),
                "source": i.source,
            }
            for i in e.inputs
        ],
        "formula_vi": e.formula_vi,
        "formula_en": e.formula_en,
        "points": str(round_points(e.points)),
        "max_points": str(round_points(e.max_points)),
        "adjustment": (
            {"points": str(e.adjustment.points), "reason": e.adjustment.reason}
            if e.adjustment
            else None
        ),
    }


def _node(node: NodeResult) -> dict[str, Any]:
    return {
        "points": str(round_points(node.points)),
        "max_points": str(round_points(node.max_points)),
        "index": str(round_index(node.index)),
        "rank": node.rank,
        "applicable": node.applicable,
    }


def _level(level: LevelResult | None) -> dict[str, Any] | None:
    if level is None:
        return None
    return {
        "code": level.code,
        "name_vi": level.name_vi,
        "name_en": level.name_en,
        "min_index": str(level.min_index),
        "next_min_index": None if level.next_min_index is None else str(level.next_min_index),
        "explanation_vi": level.explanation_vi,
        "explanation_en": level.explanation_en,
    }


def _pillar_view(view: PillarViewResult) -> dict[str, Any]:
    return {
        "code": view.code,
        "name_vi": view.name_vi,
        "name_en": view.name_en,
        "points": str(round_points(view.points)),
        "max_points": str(round_points(view.max_points)),
        "index": str(round_index(view.index)),
        "applicable": view.applicable,
        "parts": [
            {
                "code": part.code,
                "points": str(round_points(part.weight * part.points)),
                "max_points": str(round_points(part.weight * part.max_points)),
                "applicable": part.applicable,
            }
            for part in view.parts
        ],
        "formula_vi": view.formula_vi,
        "formula_en": view.formula_en,
    }


def _level_counts(counts: tuple[LevelCount, ...]) -> list[dict[str, Any]]:
    return [
        {
            "code": item.level.code,
            "name_vi": item.level.name_vi,
            "name_en": item.level.name_en,
            "min_index": str(item.level.min_index),
            "count": item.count,
        }
        for item in counts
    ]


def serialize(run: EngineRun) -> dict[str, Any]:
    """The run as stored: per unit, every node (tree order), every indicator's explanation, its
    level and its pillar views; per group, the units at each level. (Runs stored before levels
    existed lack ``level``, ``pillar_views`` and ``level_counts``: readers take them as none.)"""
    units: dict[str, Any] = {}
    for result in run.results():
        nodes: dict[str, Any] = {}

        def walk(node: NodeResult, into: dict[str, Any] = nodes) -> None:
            into[node.code or "total"] = _node(node)  # the root's code is TOTAL, ""
            for child in node.children:
                walk(child, into)

        walk(result.total)
        units[result.unit_code] = {
            "group": result.group,
            "nodes": nodes,
            "explanations": {
                code: _explanation(e) for code, e in run.explain(result.unit_code).items()
            },
            "level": _level(run.level(result.unit_code)),
            "pillar_views": [_pillar_view(v) for v in run.pillar_views(result.unit_code)],
        }
    return {
        "groups": list(run.groups),
        "units": units,
        "level_counts": {group: _level_counts(run.level_counts(group)) for group in run.groups},
    }


async def compute(*, session: AsyncSession, round_: Round) -> EngineRun:
    """The engine's run over the round as it stands (values in force, reviewers' points)."""
    framework = await compiled.load(session=session, framework=round_.framework)
    elements = {e.code: (e.source, e.value_type) for e in framework.doc.elements}
    values = await adapter.round_values(session=session, round_=round_, elements=elements)
    adjustments = await adapter.round_adjustments(session=session, round_=round_)
    return score(framework.engine, adapter.round_units(round_), values, adjustments=adjustments)


def run_out(row: ScoreRun) -> RunOut:
    return RunOut(
        id=row.id,
        round_id=row.round_id,
        kind=row.kind,
        shared_with_units=row.shared_with_units,
        input_hash=row.input_hash,
        unit_count=row.unit_count,
        created_by=row.created_by,
        created_at=row.created_at,
    )


def require_dic(principal: Principal) -> None:
    if not principal.has_any_role(DIC_ROLES):
        raise Forbidden("auth.forbidden_role", roles="evaluator")


async def create_run(
    *,
    session: AsyncSession,
    principal: Principal,
    round_id: int,
    kind: RunKind,
) -> ScoreRun:
    """Compute and keep a run. A final run waits until every feedback has its answer."""
    require_dic(principal)
    round_ = await session.get(Round, round_id, with_for_update=True)
    if round_ is None:
        raise NotFound("round.not_found", id=round_id)
    if round_.phase not in RUN_PHASES[kind]:
        raise Conflict("results.run_phase", kind=kind.value, phase=round_.phase.value)
    if kind == RunKind.final:
        # Counted under the round's lock, which filing feedback takes too.
        waiting = await session.scalar(
            select(func.count())
            .select_from(Feedback)
            .where(Feedback.round_id == round_.id, Feedback.status == FeedbackStatus.open)
        )
        if waiting:
            raise Conflict("results.feedback_open", count=int(waiting))
    return await store_run(session=session, round_=round_, kind=kind, actor=principal.name)


async def store_run(*, session: AsyncSession, round_: Round, kind: RunKind, actor: str) -> ScoreRun:
    """Compute the round as it stands and keep the run (the caller has checked who and when)."""
    run = await compute(session=session, round_=round_)
    row = ScoreRun(
        round_id=round_.id,
        kind=kind,
        shared_with_units=kind == RunKind.preliminary,
        input_hash=run.input_hash,
        framework_id=round_.framework_id,
        framework_revision=round_.framework.revision,
        unit_count=len(run.units),
        results=serialize(run),
        created_by=actor,
    )
    session.add(row)
    await session.flush()
    await audit.record(
        session=session,
        action=f"results.run_{kind.value}",
        object_type="round",
        object_id=str(round_.id),
        after={"run_id": row.id, "input_hash": row.input_hash, "units": row.unit_count},
    )
    return row


async def list_runs(
    *, session: AsyncSession, principal: Principal, round_id: int
) -> list[ScoreRun]:
    require_dic(principal)
    rows = await session.scalars(
        select(ScoreRun).where(ScoreRun.round_id == round_id).order_by(ScoreRun.id.desc())
    )
    return list(rows)


async def find_run(*, session: AsyncSession, round_id: int, run_id: int) -> ScoreRun:
    row = await session.get(ScoreRun, run_id)
    if row is None or row.round_id != round_id:
        raise NotFound("results.run_not_found", id=run_id)
    return row


async def get_run(
    *, session: AsyncSession, principal: Principal, round_id: int, run_id: int
) -> ScoreRun:
    require_dic(principal)
    return await find_run(session=session, round_id=round_id, run_id=run_id)


async def latest_shared(*, session: AsyncSession, round_id: int) -> ScoreRun | None:
    """The newest run shared with units (the preliminary results they see)."""
    row: ScoreRun | None = await session.scalar(
        select(ScoreRun)
        .where(ScoreRun.round_id == round_id, ScoreRun.shared_with_units.is_(True))
        .order_by(ScoreRun.id.desc())
        .limit(1)
    )
    return row


async def _names(session: AsyncSession, round_: Round) -> tuple[dict[str, str], dict[str, str]]:
    units = {p.unit.code: p.unit.name_vi for p in round_.participants}
    doc = (await compiled.load(session=session, framework=round_.framework)).doc
    criteria: dict[str, str] = {}

    def walk(nodes: Any) -> None:
        for node in nodes:
            criteria[node.code] = node.name_vi
            walk(node.children)

    walk(doc.criteria)
    return units, criteria


def _node_out(code: str, data: dict[str, Any], criteria: dict[str, str]) -> NodeOut:
    return NodeOut(code=code, name_vi=criteria.get(code), **data)


def _level_out(data: dict[str, Any]) -> LevelOut | None:
    level = data.get("level")
    return None if level is None else LevelOut.model_validate(level)


def _pillar_views_out(data: dict[str, Any], criteria: dict[str, str]) -> list[PillarViewOut]:
    views = []
    for view in data.get("pillar_views", ()):
        parts = [part | {"name_vi": criteria.get(part["code"])} for part in view["parts"]]
        views.append(PillarViewOut.model_validate(view | {"parts": parts}))
    return views


async def rankings(
    *, session: AsyncSession, row: ScoreRun, group: str | None
) -> list[GroupRanking]:
    """Each group's ranking on the total, with the pillars of every unit."""
    round_ = await session.get(Round, row.round_id)
    assert round_ is not None
    units, criteria = await _names(session, round_)
    doc = (await compiled.load(session=session, framework=round_.framework)).doc
    pillars = [c.code for c in doc.criteria]
    stored: dict[str, Any] = row.results["units"]
    out: list[GroupRanking] = []
    for code in row.results["groups"]:
        if group is not None and code != group:
            continue
        members = [(u, data) for u, data in stored.items() if data["group"] == code]
        members.sort(key=lambda item: (item[1]["nodes"]["total"]["rank"] or 0, item[0]))
        counts = row.results.get("level_counts", {}).get(code, [])
        out.append(
            GroupRanking(
                code=code,
                level_counts=[LevelCountOut.model_validate(item) for item in counts],
                rankings=[
                    RankingRow(
                        rank=data["nodes"]["total"]["rank"] or 0,
                        unit_code=unit_code,
                        unit_name_vi=units.get(unit_code, unit_code),
                        points=data["nodes"]["total"]["points"],
                        max_points=data["nodes"]["total"]["max_points"],
                        index=data["nodes"]["total"]["index"],
                        pillars=[
                            _node_out(p, data["nodes"][p], criteria)
                            for p in pillars
                            if p in data["nodes"] and data["nodes"][p]["applicable"]
                        ],
                        level=_level_out(data),
                        pillar_views=_pillar_views_out(data, criteria),
                    )
                    for unit_code, data in members
                ],
            )
        )
    return out


async def latest_publication(
    *, session: AsyncSession, round_id: int, options: Sequence[ExecutableOption] = ()
) -> Publication | None:
    """The round's newest published version, if it has one (loaded with ``options``). Here, not
    in publications, so that feedback, a layer below publications, can name it too."""
    row: Publication | None = await session.scalar(
        select(Publication)
        .where(Publication.round_id == round_id)
        .order_by(Publication.version.desc())
        .limit(1)
        .options(*options)
    )
    return row


async def unit_result(
    *, session: AsyncSession, principal: Principal, row: ScoreRun, unit_code: str
) -> UnitResultOut:
    """One unit's results in a run: for DIC; for the unit's own staff, in a run shared with units
    (the preliminary results) or in a published run (public anyway)."""
    allowed = principal.has_any_role(DIC_ROLES)
    if not allowed and principal.is_unit_staff(unit_code):
        allowed = row.shared_with_units or bool(
            await session.scalar(select(exists().where(Publication.score_run_id == row.id)))
        )
    data = row.results["units"].get(unit_code)
    if not allowed or data is None:
        raise NotFound("results.unit_not_found", unit_code=unit_code, id=row.id)
    round_ = await session.get(Round, row.round_id)
    assert round_ is not None
    units, criteria = await _names(session, round_)
    nodes = [
        _node_out(code, data["nodes"][code], criteria)
        for code in sorted(data["nodes"], key=run_diff.code_order)
        if code != "total" and data["nodes"][code]["applicable"]
    ]
    return UnitResultOut(
        run=run_out(row),
        unit_code=unit_code,
        unit_name_vi=units.get(unit_code, unit_code),
        group=data["group"],
        total=_node_out("total", data["nodes"]["total"], criteria),
        nodes=nodes,
        explanations=data["explanations"],
        level=_level_out(data),
        pillar_views=_pillar_views_out(data, criteria),
    )


async def compare(
    *, session: AsyncSession, principal: Principal, round_id: int, run_id: int, against: int | None
) -> RunDiffOut:
    """What changed from run ``against`` (by default the run made just before) to run ``run_id``."""
    target = await get_run(session=session, principal=principal, round_id=round_id, run_id=run_id)
    if against is None:
        base = await session.scalar(
            select(ScoreRun)
            .where(ScoreRun.round_id == round_id, ScoreRun.id < target.id)
            .order_by(ScoreRun.id.desc())
            .limit(1)
        )
        if base is None:
            raise NotFound("results.no_earlier_run", id=run_id)
    else:
        base = await find_run(session=session, round_id=round_id, run_id=against)
    round_ = await session.get(Round, round_id)
    assert round_ is not None
    units, criteria = await _names(session, round_)
    changes = run_diff.diff(base.results, target.results)
    for unit in changes["units"]:
        unit["unit_name_vi"] = units.get(unit["unit_code"], unit["unit_code"])
        for criterion in unit["criteria"]:
            criterion["name_vi"] = criteria.get(criterion["code"])
    return RunDiffOut.model_validate(
        {
            "base": run_out(base),
            "target": run_out(target),
            "same_inputs": base.input_hash == target.input_hash,
            "framework_changed": (base.framework_id, base.framework_revision)
            != (target.framework_id, target.framework_revision),
            **changes,
        }
    )


async def city_report(
    *, session: AsyncSession, principal: Principal, round_id: int, run_id: int
) -> tuple[bytes, str]:
    """A run as the national DTI tables (code, indicator, figure, source, points), as XLSX."""
    row = await get_run(session=session, principal=principal, round_id=round_id, run_id=run_id)
    round_ = await session.get(Round, round_id)
    assert round_ is not None
    doc = (await compiled.load(session=session, framework=round_.framework)).doc
    providers = {e.provider_code for e in doc.elements if e.provider_code}
    provider_names = {
        u.code: u.name_vi
        for u in await session.scalars(select(Unit).where(Unit.code.in_(providers)))
    }
    operator = await operator_service.get(session=session)
    data = report.city_report(
        title=f"{round_.title_vi} — {doc.title_vi} — lần tính điểm {row.id} ({row.kind.value})",
        results=row.results,
        criteria=doc.criteria,
        elements=doc.elements,
        unit_names={p.unit.code: p.unit.name_vi for p in round_.participants},
        provider_names=provider_names,
        operator_name=operator.name_vi,
        operator_short_name=operator.short_name_vi,
    )
    return data, f"dti-report-{round_.year}-r{round_.id}-run{row.id}.xlsx"
