"""What-if runs (mô phỏng) and rank stability, for DIC's yearly revision of the criteria.

`revise` makes a variant of a framework (other weights, max points or rules); `what_if` scores the
same values under it, or under another framework version, and reports how each unit's rank moves.
`rank_stability` perturbs every weight by up to ±N % in a seeded Monte-Carlo run and reports each
unit's median rank and its 5–95 % rank interval.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from operator import mul

from api.scoring.engine import TOTAL, ScoreRun, score
from api.scoring.model import Criterion, Direction, Framework, LeafRule
from api.scoring.rules import ONE, ZERO, cents, competition_ranks, engine_context

_STEPS = 1_000_000


@dataclass(frozen=True, slots=True)
class RankChange:
    """How one unit fares in the scenario against the base run; `change` > 0 is moving up."""

    unit_code: str
    group: str
    base_rank: int | None
    new_rank: int | None
    change: int | None
    base_points: Decimal
    new_points: Decimal


@dataclass(frozen=True, slots=True)
class WhatIf:
    """A scenario scored on the base run's inputs, with every unit's rank change at `code`."""

    base: ScoreRun
    scenario: ScoreRun
    code: str
    changes: tuple[RankChange, ...]


@dataclass(frozen=True, slots=True)
class RankStability:
    """One unit's rank under perturbed weights: `low_rank`..`high_rank` is the 5–95 % interval
    (a low rank number is a good place)."""

    unit_code: str
    group: str
    rank: int | None
    median_rank: Decimal
    low_rank: int
    high_rank: int
    best_rank: int
    worst_rank: int


def revise(
    framework: Framework,
    *,
    weights: Mapping[str, Decimal] | None = None,
    max_points: Mapping[str, Decimal] | None = None,
    rules: Mapping[str, LeafRule] | None = None,
    code: str | None = None,
) -> Framework:
    """A copy of the framework with some criteria's weights, max points or rules replaced
    (by criterion code); `code` names the variant."""
    weights = weights or {}
    max_points = max_points or {}
    rules = rules or {}
    wanted = set(weights) | set(max_points) | set(rules)
    known = {criterion.code: criterion for criterion in framework.walk()}
    unknown = wanted - known.keys()
    if unknown:
        raise ValueError(f"unknown criteria {sorted(unknown)}")
    for changed in set(max_points) | set(rules):
        if known[changed].children:
            raise ValueError(f"criterion {changed}: only indicators take max points and rules")
    for changed, weight in weights.items():
        if weight < ZERO:
            raise ValueError(f"criterion {changed}: weight below 0")
    for changed, points in max_points.items():
        if points < ZERO:
            raise ValueError(f"criterion {changed}: max points below 0")

    def revised(criterion: Criterion) -> Criterion:
        children = tuple(revised(child) for child in criterion.children)
        return replace(
            criterion,
            weight=weights.get(criterion.code, criterion.weight),
            max_points=max_points.get(criterion.code, criterion.max_points),
            rule=rules.get(criterion.code, criterion.rule),
            children=children,
        )

    return replace(
        framework,
        code=code if code is not None else framework.code,
        criteria=tuple(revised(criterion) for criterion in framework.criteria),
    )


def what_if(base: ScoreRun, framework: Framework, *, code: str = TOTAL) -> WhatIf:
    """Score the base run's units and values under `framework` and compare ranks at `code`.

    Adjustments and not-applicable marks carry over where the scenario still has the criterion
    (and, for adjustments, it is still an indicator).
    """
    indicators = {c.code for c in framework.walk() if not c.children}
    criteria = {c.code for c in framework.walk()}
    inputs = base.inputs
    scenario = score(
        framework,
        inputs.units,
        inputs.values,
        adjustments={
            key: adjustment
            for key, adjustment in inputs.adjustments.items()
            if key[1] in indicators
        },
        not_applicable=tuple(key for key in inputs.not_applicable if key[1] in criteria),
    )
    changes = []
    for unit in base.units:
        before = base.node(unit.code, code)
        after = scenario.node(unit.code, code)
        moved = (
            before.rank - after.rank if before.rank is not None and after.rank is not None else None
        )
        changes.append(
            RankChange(
                unit.code, unit.group, before.rank, after.rank, moved, before.points, after.points
            )
        )
    group_order = {g: i for i, g in enumerate(framework.groups)}
    changes.sort(
        key=lambda c: (
            group_order.get(c.group, len(group_order)),
            c.new_rank is None,
            c.new_rank or 0,
            c.unit_code,
        )
    )
    return WhatIf(base, scenario, code, tuple(changes))


def rank_stability(
    run: ScoreRun,
    *,
    spread_percent: Decimal = Decimal(10),
    samples: int = 1000,
    seed: int = 0,
    code: str = TOTAL,
) -> tuple[RankStability, ...]:
    """Ranks at `code` when every weight below it is multiplied by a factor drawn uniformly from
    1 ± spread_percent %, `samples` times, from a generator seeded with `seed`.

    Indicator points do not depend on weights, so each sample only re-weighs the run's columns.
    """
    if samples < 1:
        raise ValueError("at least one sample")
    if not ZERO <= spread_percent <= Decimal(100):
        raise ValueError("spread_percent within 0..100")
    with engine_context():
        return _rank_stability(run, spread_percent, samples, seed, code)


def _rank_stability(
    run: ScoreRun, spread_percent: Decimal, samples: int, seed: int, code: str
) -> tuple[RankStability, ...]:
    top = run.framework.criteria if code == TOTAL else run.framework.criterion(code).children
    # Every criterion under `code` with the leaves it weighs: a leaf's weight is the product of
    # the weights on its path, so perturbing one criterion moves all leaves beneath it.
    weights: list[Decimal] = []
    leaves: list[str] = []
    leaf_paths: list[tuple[int, ...]] = []

    def collect(criterion: Criterion, path: tuple[int, ...]) -> None:
        here = (*path, len(weights))
        weights.append(criterion.weight)
        if criterion.children:
            for child in criterion.children:
                collect(child, here)
        else:
            leaves.append(criterion.code)
            leaf_paths.append(here)

    for criterion in top:
        collect(criterion, ())

    applicable = {unit.code: run.node(unit.code, code).applicable for unit in run.units}
    by_group: dict[str, list[str]] = defaultdict(list)
    for unit in run.units:
        if applicable[unit.code]:
            by_group[unit.group].append(unit.code)
    columns = [run.leaf_points(leaf) for leaf in leaves]
    # Per unit: which leaves score anything, and their points; zeros cannot move a total.
    scoring: dict[str, tuple[list[int], list[Decimal]]] = {}
    for unit_code in applicable:
        used = [i for i, column in enumerate(columns) if column[unit_code]]
        scoring[unit_code] = (used, [columns[i][unit_code] for i in used])

    # Reproducible draws are the point here, not unpredictability.
    rng = random.Random(seed)
    scale = spread_percent / Decimal(100) / Decimal(_STEPS)
    drawn: dict[str, list[int]] = defaultdict(list)
    for _ in range(samples):
        factors = [weight * (ONE + scale * rng.randint(-_STEPS, _STEPS)) for weight in weights]
        effective = []
        for path in leaf_paths:
            product = ONE
            for position in path:
                product *= factors[position]
            effective.append(product)
        for members in by_group.values():
            totals = []
            for unit_code in members:
                used, points = scoring[unit_code]
                total = sum(map(mul, [effective[i] for i in used], points), ZERO)
                totals.append(cents(total))
            for unit_code, rank in zip(
                members, competition_ranks(totals, Direction.HIGHER_IS_BETTER), strict=True
            ):
                drawn[unit_code].append(rank)

    out = []
    for unit in run.units:
        ranks = sorted(drawn.get(unit.code, ()))
        if not ranks:
            continue
        middle = len(ranks) // 2
        median = (
            Decimal(ranks[middle])
            if len(ranks) % 2
            else Decimal(ranks[middle - 1] + ranks[middle]) / 2
        )
        out.append(
            RankStability(
                unit_code=unit.code,
                group=unit.group,
                rank=run.node(unit.code, code).rank,
                median_rank=median,
                low_rank=_percentile(ranks, 5),
                high_rank=_percentile(ranks, 95),
                best_rank=ranks[0],
                worst_rank=ranks[-1],
            )
        )
    return tuple(out)


def _percentile(ordered: list[int], percent: int) -> int:
    """Nearest-rank percentile of ascending `ordered`."""
    position = max(1, -(-percent * len(ordered) // 100))
    return ordered[position - 1]
