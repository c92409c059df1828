"""What-if runs and rank stability: read a round's inputs, build the scenario, score it off the
event loop.

    inputs = await load(session=, round_id=, scenario=)      # reads only; plain data out
    out = await run_bounded(what_if_out, inputs)              # the engine, in a worker thread

The base is the round's own framework on the round's values as they stand (for a published round,
the published figures unless a correction is pending), with the reviewers' points in force. The
scenario reads the same values by data element code: an element the round never collected is
missing for every unit. Reviewers' points carry over to indicators the scenario still has.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar
from weakref import WeakKeyDictionary

from anyio import CapacityLimiter, to_thread
from sqlalchemy.ext.asyncio import AsyncSession

from api.core.errors import Conflict, FieldError, Invalid, NotFound, validation_failed
from api.frameworks import compiled
from api.frameworks import service as frameworks
from api.frameworks.compiled import CompiledFramework
from api.frameworks.models import Framework as FrameworkRow
from api.frameworks.tree import max_points_by_group
from api.results import adapter
from api.rounds import service as rounds
from api.scoring import (
    TOTAL,
    Adjustment,
    NodeResult,
    UnitInfo,
    Value,
    rank_stability,
    revise,
    round_index,
    round_points,
    score,
    what_if,
)
from api.scoring import Framework as EngineFramework
from api.scoring import ScoreRun as EngineRun
from api.whatif import sheets
from api.whatif.schemas import (
    FrameworkRef,
    GroupStability,
    GroupWhatIf,
    Move,
    RoundRef,
    ScenarioIn,
    ScenarioOut,
    StabilityOut,
    StabilityParams,
    Standing,
    UnitStability,
    UnitWhatIf,
    WhatIfOut,
    WhatIfSummary,
)

# Rank stability costs about a microsecond per unit, indicator and sample here: refuse more than
# a few seconds of it (the HCMC round, 47 units × 46 indicators, fits 1,000 samples twice over).
MAX_WORK = 5_000_000
# At most this many what-if computations at once per app process: each holds a core.
THREADS = 2
LARGEST_MOVES = 5

T = TypeVar("T")
_LIMITERS: WeakKeyDictionary[asyncio.AbstractEventLoop, CapacityLimiter] = WeakKeyDictionary()


async def run_bounded(function: Callable[..., T], *args: object) -> T:
    """``function(*args)`` in a worker thread, at most ``THREADS`` at once in this process."""
    loop = asyncio.get_running_loop()
    limiter = _LIMITERS.get(loop)
    if limiter is None:
        limiter = _LIMITERS[loop] = CapacityLimiter(THREADS)
    return await to_thread.run_sync(function, *args, limiter=limiter)


@dataclass(frozen=True)
class Group:
    code: str
    name_vi: str
    name_en: str


@dataclass(frozen=True)
class Inputs:
    """Everything a what-if needs, read from the database: plain data, safe in a thread."""

    round: RoundRef
    base_ref: FrameworkRef
    base: EngineFramework
    scenario: EngineFramework
    scenario_out: ScenarioOut
    units: tuple[UnitInfo, ...]
    names: Mapping[str, tuple[str, str]]
    groups: tuple[Group, ...]
    values: Mapping[str, Mapping[str, Value]]
    adjustments: Mapping[tuple[str, str], Adjustment]
    leaf_count: int


def _framework_ref(row: FrameworkRow) -> FrameworkRef:
    return FrameworkRef(
        id=row.id,
        code=row.code,
        title_vi=row.title_vi,
        title_en=row.title_en,
        status=row.status.value,
        revision=row.revision,
        year=row.year,
    )


async def load(*, session: AsyncSession, round_id: int, scenario: ScenarioIn) -> Inputs:
    """The round's inputs and the scenario to score them with (422 naming the field at fault)."""
    round_ = await rounds.get(session=session, round_id=round_id)
    if not round_.participants:
        raise Conflict("whatif.no_units", id=round_id)
    base = await compiled.load(session=session, framework=round_.framework)
    base_ref = _framework_ref(round_.framework)
    if scenario.framework_id is None or scenario.framework_id == round_.framework_id:
        target, target_ref = base, base_ref
    else:
        try:
            row = await frameworks.get(session=session, framework_id=scenario.framework_id)
        except NotFound as exc:
            raise Invalid(
                "whatif.framework_not_found", field="framework_id", id=scenario.framework_id
            ) from exc
        target, target_ref = (
            await compiled.load(session=session, framework=row),
            _framework_ref(row),
        )

    units = tuple(adapter.round_units(round_))
    round_groups = {unit.group for unit in units}
    missing = sorted(round_groups - set(target.doc.groups))
    if missing:
        raise Invalid(
            "whatif.groups_missing",
            field="framework_id",
            code=target.doc.code,
            groups=", ".join(missing),
        )
    engine, applied = apply_changes(target, scenario, round_groups)
    values = await adapter.round_values(session=session, round_=round_, elements=base.element_kinds)
    adjustments = await adapter.round_adjustments(session=session, round_=round_)
    read = {
        ref.element_code
        for criterion in engine.walk()
        if not criterion.children
        and (criterion.groups is None or round_groups & set(criterion.groups))
        for ref in criterion.inputs
    }
    group_names = {p.group.code: (p.group.name_vi, p.group.name_en) for p in round_.participants}
    ordered_groups = [g for g in base.doc.groups if g in round_groups]
    return Inputs(
        round=RoundRef(
            id=round_.id,
            year=round_.year,
            title_vi=round_.title_vi,
            title_en=round_.title_en,
            phase=round_.phase.value,
            is_demo=round_.is_demo,
        ),
        base_ref=base_ref,
        base=base.engine,
        scenario=engine,
        scenario_out=ScenarioOut(
            framework=target_ref,
            weights={code: str(value) for code, value in scenario.weights.items()},
            max_points={code: str(value) for code, value in scenario.max_points.items()},
            applied_weights={code: str(value) for code, value in applied.items()},
            uncollected_elements=sorted(read - base.element_kinds.keys()),
        ),
        units=units,
        names={p.unit.code: (p.unit.name_vi, p.unit.name_en) for p in round_.participants},
        groups=tuple(Group(g, *group_names[g]) for g in ordered_groups),
        values=values,
        adjustments=adjustments,
        leaf_count=sum(1 for c in engine.walk() if not c.children),
    )


def apply_changes(
    target: CompiledFramework, scenario: ScenarioIn, round_groups: set[str]
) -> tuple[EngineFramework, dict[str, Decimal]]:
    """The target framework with the scenario's weights and max points, and every weight it
    changed (an inner criterion's max is set through its weight)."""
    engine = target.engine
    if not scenario.weights and not scenario.max_points:
        return engine, {}
    known = {criterion.code: criterion for criterion in engine.walk()}
    errors: list[FieldError] = []
    for field, changes in (("weights", scenario.weights), ("max_points", scenario.max_points)):
        for code in changes:
            if code not in known:
                errors.append(
                    FieldError(
                        f"{field}.{code}",
                        "whatif.unknown_criterion",
                        code=code,
                        framework=engine.code,
                    )
                )
    for code in scenario.max_points:
        if code in scenario.weights:
            errors.append(FieldError(f"max_points.{code}", "whatif.weight_and_max", code=code))
    if errors:
        raise validation_failed(errors)

    leaf_max = {c: m for c, m in scenario.max_points.items() if not known[c].children}
    inner_max = {c: m for c, m in scenario.max_points.items() if known[c].children}
    engine = revise(engine, weights=scenario.weights, max_points=leaf_max)
    applied = dict(scenario.weights)
    # Deepest first: a pillar's max counts its main indicators' new weights.
    depth = _depths(engine)
    for code in sorted(inner_max, key=lambda c: -depth[c]):
        _, per_node = max_points_by_group(engine.criteria, engine.groups)
        maxima = per_node.get(code, {})
        own = {g: m for g, m in maxima.items() if g in round_groups} or maxima
        distinct = set(own.values())
        if len(distinct) > 1:
            shown = ", ".join(f"{g}: {round_points(m)}" for g, m in sorted(own.items()))
            errors.append(
                FieldError(
                    f"max_points.{code}", "whatif.max_differs_by_group", code=code, maxima=shown
                )
            )
            continue
        current = distinct.pop() if distinct else Decimal(0)
        if not current:
            errors.append(FieldError(f"max_points.{code}", "whatif.max_of_empty", code=code))
            continue
        weight = inner_max[code] / current
        engine = revise(engine, weights={code: weight})
        applied[code] = weight
    if errors:
        raise validation_failed(errors)
    return engine, applied


def _depths(framework: EngineFramework) -> dict[str, int]:
    depths: dict[str, int] = {}
    stack = [(criterion, 1) for criterion in framework.criteria]
    while stack:
        criterion, level = stack.pop()
        depths[criterion.code] = level
        stack.extend((child, level + 1) for child in criterion.children)
    return depths


def check_stability_work(inputs: Inputs, params: StabilityParams) -> None:
    """Refuse rank stability that would hold a core for too long (422 on ``samples``)."""
    per_sample = max(1, len(inputs.units) * inputs.leaf_count)
    if params.samples * per_sample > MAX_WORK:
        raise Invalid(
            "whatif.too_much_work",
            field="samples",
            units=len(inputs.units),
            indicators=inputs.leaf_count,
            samples=params.samples,
            max_samples=max(1, MAX_WORK // per_sample),
        )


# --- computations (pure; run in a worker thread) ------------------------------------------------


def _scenario_run(inputs: Inputs) -> tuple[EngineRun, EngineRun]:
    """The base run and the scenario's, both by the engine (422 if the scenario cannot score the
    round's values, e.g. an element whose type changed)."""
    try:
        base = score(inputs.base, inputs.units, inputs.values, adjustments=inputs.adjustments)
        return base, what_if(base, inputs.scenario).scenario
    except ValueError as exc:
        raise Invalid(
            "whatif.not_scoreable",
            field="framework_id",
            code=inputs.scenario_out.framework.code,
            reason=str(exc),
        ) from exc


def _standing(node: NodeResult) -> Standing:
    return Standing(
        points=str(round_points(node.points)),
        max_points=str(round_points(node.max_points)),
        index=str(round_index(node.index)),
        rank=node.rank,
    )


def what_if_out(inputs: Inputs) -> WhatIfOut:
    """Each unit's points, max, index and rank before and after, per group, and a summary."""
    base, scenario = _scenario_run(inputs)
    groups: list[GroupWhatIf] = []
    moves: list[Move] = []
    for group in inputs.groups:
        rows: list[UnitWhatIf] = []
        for unit in base.units:
            if unit.group != group.code:
                continue
            before, after = base.node(unit.code, TOTAL), scenario.node(unit.code, TOTAL)
            change = (
                before.rank - after.rank
                if before.rank is not None and after.rank is not None
                else None
            )
            name_vi, name_en = inputs.names[unit.code]
            rows.append(
                UnitWhatIf(
                    unit_code=unit.code,
                    unit_name_vi=name_vi,
                    unit_name_en=name_en,
                    base=_standing(before),
                    new=_standing(after),
                    points_change=str(round_points(after.points) - round_points(before.points)),
                    rank_change=change,
                )
            )
            if change:
                moves.append(
                    Move(
                        unit_code=unit.code,
                        unit_name_vi=name_vi,
                        unit_name_en=name_en,
                        group=group.code,
                        base_rank=before.rank,
                        new_rank=after.rank,
                        rank_change=change,
                    )
                )
        rows.sort(key=lambda r: (r.new.rank is None, r.new.rank or 0, r.unit_code))
        groups.append(
            GroupWhatIf(code=group.code, name_vi=group.name_vi, name_en=group.name_en, units=rows)
        )
    moves.sort(key=lambda m: (-abs(m.rank_change), m.group, m.unit_code))
    return WhatIfOut(
        round=inputs.round,
        base_framework=inputs.base_ref,
        scenario=inputs.scenario_out,
        groups=groups,
        summary=WhatIfSummary(
            units=len(base.units),
            moved=len(moves),
            up=sum(1 for m in moves if m.rank_change > 0),
            down=sum(1 for m in moves if m.rank_change < 0),
            largest_moves=moves[:LARGEST_MOVES],
        ),
        computed_at=dt.datetime.now(dt.UTC),
    )


def stability_out(inputs: Inputs, params: StabilityParams) -> StabilityOut:
    """Each unit's rank under the scenario, its median and 5–95 % interval under perturbed
    weights, per group."""
    _, run = _scenario_run(inputs)
    found = rank_stability(
        run, spread_percent=params.spread_percent, samples=params.samples, seed=params.seed
    )
    by_group: dict[str, list[UnitStability]] = {g.code: [] for g in inputs.groups}
    for row in found:
        name_vi, name_en = inputs.names[row.unit_code]
        by_group.setdefault(row.group, []).append(
            UnitStability(
                unit_code=row.unit_code,
                unit_name_vi=name_vi,
                unit_name_en=name_en,
                rank=row.rank,
                median_rank=str(row.median_rank),
                low_rank=row.low_rank,
                high_rank=row.high_rank,
                best_rank=row.best_rank,
                worst_rank=row.worst_rank,
            )
        )
    for rows in by_group.values():
        rows.sort(key=lambda r: (r.rank is None, r.rank or 0, r.unit_code))
    return StabilityOut(
        round=inputs.round,
        base_framework=inputs.base_ref,
        scenario=inputs.scenario_out,
        spread_percent=str(params.spread_percent),
        samples=params.samples,
        seed=params.seed,
        groups=[
            GroupStability(
                code=g.code, name_vi=g.name_vi, name_en=g.name_en, units=by_group[g.code]
            )
            for g in inputs.groups
        ],
        computed_at=dt.datetime.now(dt.UTC),
    )


# --- the operations (after ``load``) -----------------------------------------------------------


async def run_what_if(inputs: Inputs) -> WhatIfOut:
    return await run_bounded(what_if_out, inputs)


async def run_stability(inputs: Inputs, params: StabilityParams) -> StabilityOut:
    check_stability_work(inputs, params)
    return await run_bounded(stability_out, inputs, params)


def _report(inputs: Inputs, params: StabilityParams | None) -> bytes:
    stability = stability_out(inputs, params) if params is not None else None
    return sheets.workbook(what_if_out(inputs), stability)


async def run_report(inputs: Inputs, params: StabilityParams | None) -> bytes:
    """The what-if and, with ``params``, the scenario's rank stability, as a workbook."""
    if params is not None:
        check_stability_work(inputs, params)
    return await run_bounded(_report, inputs, params)
