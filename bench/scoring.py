"""Scoring engine benchmark (DESIGN.md § Performance and scale): prints figures, asserts nothing
about time.

Two scales:
- HCMC: the seed framework (api/seed/frameworks/1-hcmc-dti-2023.yaml) with 47 synthetic units
  (25 SBN, 22 QH) and seeded random values. Target: a run in under 5 ms.
- national: 10,000 units × 100 indicators of a synthetic framework (every rule kind), seeded.
  Target: under 2 s and 1 GB.

For each: wall time of `score` (it includes the input hash and the ranks of the total and the
pillars), the peak memory it allocates (tracemalloc, in a separate pass because tracing slows
Python down) and the process's peak RSS, a NumPy-vectorised reference implementation of the same
points written here (floats), whether both agree, and the ratio of their times.

    .venv/bin/python bench/scoring.py [--seed N] [--quick]
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from api.scoring import (
    TOTAL,
    BandsRule,
    BooleanRule,
    ChoiceRule,
    Criterion,
    Direction,
    Framework,
    Goalposts,
    LinearRule,
    ManualRule,
    RankRule,
    RatioRule,
    RelativeToBestRule,
    ScoreRun,
    UnitInfo,
    Value,
    framework_from_dict,
    rank_stability,
    revise,
    score,
    what_if,
)

ROOT = Path(__file__).resolve().parents[1]
SEED_FRAMEWORK = ROOT / "api" / "seed" / "frameworks" / "1-hcmc-dti-2023.yaml"
# The 2023 units of shared/domain/README.md.
SBN_UNITS = [
    "VP-UBND", "SO-NV", "SO-TP", "SO-KHDT", "SO-TC", "SO-CT", "SO-NNPTNT", "SO-GTVT", "SO-XD",
    "SO-TNMT", "SO-TTTT", "SO-LDTBXH", "SO-VHTT", "SO-DL", "SO-KHCN", "SO-GDDT", "SO-YT",
    "SO-QHKT", "SO-NGV", "TTRA-TP", "BAN-DT", "BQL-ATTP", "BQL-KCX", "BQL-SHTP", "VIEN-NCPT",
]  # fmt: skip
QH_UNITS = [
    "TP-TD", "Q1", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8", "Q10", "Q11", "Q12", "Q-BTH", "Q-GV",
    "Q-PN", "Q-TB", "Q-TP", "Q-BT", "H-CC", "H-HM", "H-BC", "H-NB", "H-CG",
]  # fmt: skip
UnitValues = dict[str, dict[str, Value]]


# --- inputs ------------------------------------------------------------------------------------


def ratio_pairs(fw: Framework) -> dict[str, str]:
    """Numerator element -> denominator element, so synthetic numerators stay below them."""
    pairs = {}
    for criterion in fw.walk():
        if isinstance(criterion.rule, RatioRule):
            pairs[criterion.element_for(criterion.rule.numerator)] = criterion.element_for(
                criterion.rule.denominator
            )
    return pairs


def synthetic_values(
    fw: Framework, unit_codes: Sequence[str], rng: random.Random, missing: float
) -> UnitValues:
    """Valid values for every element: options from the element's list, percents in 0..100,
    numerators no larger than their denominators, counts that make the band tables bite."""
    pairs = ratio_pairs(fw)
    denominators = set(pairs.values())
    values: UnitValues = {}
    for unit in unit_codes:
        found: dict[str, Value] = {}
        for element in fw.elements:
            if rng.random() < missing or element.code in denominators:
                continue
            source = element.provider_code or element.source
            kind = element.value_type
            if element.code in pairs:
                b = rng.randint(0, 300) if rng.random() > 0.02 else 0
                found[element.code] = Value(Decimal(rng.randint(0, b) if b else 0), source)
                found[pairs[element.code]] = Value(Decimal(b), source)
            elif kind == "boolean":
                found[element.code] = Value(rng.random() < 0.7, source)
            elif kind == "choice":
                found[element.code] = Value(rng.choice(element.options), source)
            elif kind in ("percent", "decimal"):
                found[element.code] = Value(Decimal(rng.randint(0, 10_000)) / 100, source)
            elif kind == "integer":
                found[element.code] = Value(Decimal(rng.choice((0, 1, 2, 3, 4, 5, 8, 40))), source)
            elif kind == "date":
                found[element.code] = Value(date(2023, rng.randint(1, 12), 1), source)
            else:
                found[element.code] = Value("ghi chú", source)
        values[unit] = found
    return values


def hcmc_inputs(seed: int) -> tuple[Framework, list[UnitInfo], UnitValues]:
    fw = framework_from_dict(yaml.safe_load(SEED_FRAMEWORK.read_text(encoding="utf-8")))
    units = [UnitInfo(code, "SBN") for code in SBN_UNITS] + [
        UnitInfo(code, "QH") for code in QH_UNITS
    ]
    rng = random.Random(seed)
    return fw, units, synthetic_values(fw, [u.code for u in units], rng, missing=0.03)


NATIONAL_GROUPS = ("PHUONG", "XA", "DAC-KHU")


def national_framework() -> Framework:
    """10 pillars × 10 indicators of 10 points, every rule kind, two group-specific indicators."""
    elements: list[dict[str, Any]] = []
    pillars = []

    def element(code: str, value_type: str, **extra: Any) -> dict[str, str]:
        elements.append(
            {"code": code, "name_vi": code, "name_en": code, "value_type": value_type,
             "source": "provider", "provider_code": "CUC-TK", **extra}
        )  # fmt: skip
        return {"name": extra.pop("input_name", "value"), "element_code": code}

    bands = [
        {"threshold": 4, "points": 10},
        {"threshold": 2, "points": 6},
        {"threshold": 1, "points": 3},
    ]
    for p in range(1, 11):
        children = []
        for i in range(1, 11):
            code = f"{p}.{i}"
            kind = i % 10
            if kind == 1:
                inputs, rule = [element(f"E{code}", "boolean")], {"kind": "boolean"}
            elif kind == 2:
                options = [{"value": v} for v in ("full", "partial", "none")]
                inputs = [element(f"E{code}", "choice", options=options)]
                rule = {"kind": "choice", "points": {"full": 10, "partial": 5, "none": 0}}
            elif kind == 3:
                inputs, rule = [element(f"E{code}", "integer")], {"kind": "bands", "bands": bands}
            elif kind == 4:
                inputs = [element(f"E{code}", "integer")]
                rule = {
                    "kind": "bands",
                    "direction": "lower_is_better",
                    "bands": [{"threshold": 0, "points": 10}, {"threshold": 2, "points": 5}],
                }
            elif kind == 5:
                inputs = [element(f"E{code}", "percent")]
                rule = {"kind": "linear", "floor": 0, "target": 80}
            elif kind in (6, 7):
                inputs = [
                    {**element(f"E{code}-a", "integer"), "name": "a"},
                    {**element(f"E{code}-b", "integer"), "name": "b"},
                ]
                rule = {"kind": "ratio"}
                if kind == 7:
                    rule["scale"] = {
                        "kind": "bands",
                        "bands": [{"threshold": 50, "points": 5}, {"threshold": 90, "points": 10}],
                    }
            elif kind == 8:
                inputs, rule = [element(f"E{code}", "integer")], {"kind": "relative_to_best"}
            elif kind == 9:
                inputs = [element(f"E{code}", "decimal")]
                rule = {"kind": "linear", "goalposts": "group_min_max"}
            else:
                inputs = [element(f"E{code}", "integer")]
                rule = {"kind": "rank", "points_by_rank": [10, 8, 6, 4, 2]}
            leaf: dict[str, Any] = {
                "code": code, "name_vi": code, "name_en": code, "max_points": 10,
                "inputs": inputs, "rule": rule,
            }  # fmt: skip
            if code == "10.9":
                leaf["groups"] = ["XA"]
            if code == "10.10":
                leaf["groups"] = ["PHUONG", "DAC-KHU"]
            children.append(leaf)
        pillars.append({"code": str(p), "name_vi": f"Trụ cột {p}", "name_en": f"Pillar {p}",
                        "children": children})  # fmt: skip
    return framework_from_dict(
        {"code": "NATIONAL-SYN", "title_vi": "Tổng hợp", "title_en": "Synthetic",
         "groups": list(NATIONAL_GROUPS), "elements": elements, "criteria": pillars}
    )  # fmt: skip


def national_inputs(seed: int, size: int) -> tuple[Framework, list[UnitInfo], UnitValues]:
    fw = national_framework()
    rng = random.Random(seed)
    units = [
        UnitInfo(f"X{i:05d}", rng.choices(NATIONAL_GROUPS, weights=(38, 60, 2))[0])
        for i in range(size)
    ]
    return fw, units, synthetic_values(fw, [u.code for u in units], rng, missing=0.04)


# --- the NumPy reference -------------------------------------------------------------------------


def to_arrays(
    fw: Framework, units: Sequence[UnitInfo], values: UnitValues
) -> dict[str, np.ndarray]:
    """Every element as a float column (NaN where missing); choices as the option's position."""
    options = {element.code: element.options for element in fw.elements}
    columns: dict[str, np.ndarray] = {}
    for element in {ref.element_code for c in fw.walk() for ref in c.inputs}:
        column = np.full(len(units), np.nan)
        listed = options.get(element, ())
        for u, unit in enumerate(units):
            found = values.get(unit.code, {}).get(element)
            if found is None or found.value is None:
                continue
            raw = found.value
            if listed:
                column[u] = listed.index(raw) if raw in listed else len(listed)
            else:
                column[u] = float(raw)
        columns[element] = column
    return columns


def numpy_points(
    fw: Framework, groups: np.ndarray, columns: Mapping[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """Points of every unit at every criterion, vectorised per indicator (missing scores 0)."""
    masks = {g: groups == g for g in fw.groups}
    out: dict[str, np.ndarray] = {}

    def banded(x: np.ndarray, rule: BandsRule, top: float) -> np.ndarray:
        ordered = sorted(rule.bands, key=lambda band: band.threshold)
        thresholds = np.array([float(b.threshold) for b in ordered])
        table = np.array([min(float(b.points), top) for b in ordered] + [0.0])
        if rule.direction is Direction.HIGHER_IS_BETTER:
            position = np.searchsorted(thresholds, x, side="right") - 1
            position = np.where(position < 0, len(ordered), position)
        else:
            position = np.searchsorted(thresholds, x, side="left")
        return np.where(np.isnan(x), 0.0, table[position])

    def linear(x: np.ndarray, floor: float, target: float, top: float) -> np.ndarray:
        return np.nan_to_num(np.clip(top * (x - floor) / (target - floor), 0.0, top))

    def in_group(
        x: np.ndarray, allowed: set[str], each: Callable[[np.ndarray, np.ndarray], np.ndarray]
    ) -> np.ndarray:
        points = np.zeros(len(x))
        for group in allowed:
            chosen = masks[group] & ~np.isnan(x)
            if chosen.any():
                points[chosen] = each(x[chosen], x[chosen])
        return points

    def scaled(x: np.ndarray, rule: Any, top: float, allowed: set[str]) -> np.ndarray:
        if isinstance(rule, BandsRule):
            return banded(x, rule, top)
        if rule.goalposts is Goalposts.FIXED:
            return linear(x, float(rule.floor), float(rule.target), top)
        higher = rule.direction is Direction.HIGHER_IS_BETTER

        def goalposts(xs: np.ndarray, _: np.ndarray) -> np.ndarray:
            low, high = xs.min(), xs.max()
            if low == high:
                return np.full(len(xs), top)
            return linear(xs, low, high, top) if higher else linear(xs, high, low, top)

        return in_group(x, allowed, goalposts)

    def leaf(criterion: Criterion, allowed: set[str]) -> np.ndarray:
        rule, top = criterion.rule, float(criterion.max_points or 0)
        if isinstance(rule, ManualRule):
            return np.zeros(len(groups))
        if isinstance(rule, RatioRule):
            a = columns[criterion.element_for(rule.numerator)]
            b = columns[criterion.element_for(rule.denominator)]
            with np.errstate(divide="ignore", invalid="ignore"):
                x = np.where(b != 0, a * 100.0 / b, np.nan)
            return scaled(x, rule.scale, top, allowed)
        x = columns[criterion.element_for(rule.input)]
        if isinstance(rule, BooleanRule):
            return np.where(x == 1.0, top, 0.0)
        if isinstance(rule, ChoiceRule):
            table = dict(rule.points)
            element = next(e for e in fw.elements if e.code == criterion.element_for(rule.input))
            points = np.array([min(float(table.get(o, 0)), top) for o in element.options] + [0.0])
            position = np.where(np.isnan(x), len(element.options), x).astype(int)
            return points[position]
        if isinstance(rule, BandsRule | LinearRule):
            return scaled(x, rule, top, allowed)
        if isinstance(rule, RelativeToBestRule):

            def relative(xs: np.ndarray, _: np.ndarray) -> np.ndarray:
                best = xs.max()
                return np.clip(top * xs / best, 0.0, top) if best > 0 else np.zeros(len(xs))

            return in_group(x, allowed, relative)
        assert isinstance(rule, RankRule)
        table = np.array([min(float(p), top) for p in rule.points_by_rank] + [0.0])

        def by_rank(xs: np.ndarray, _: np.ndarray) -> np.ndarray:
            ordered = np.sort(xs)
            if rule.direction is Direction.HIGHER_IS_BETTER:
                rank = len(xs) - np.searchsorted(ordered, xs, side="right") + 1
            else:
                rank = np.searchsorted(ordered, xs, side="left") + 1
            return table[np.minimum(rank, len(table)) - 1]

        return in_group(x, allowed, by_rank)

    def visit(criterion: Criterion, parent: set[str]) -> np.ndarray:
        allowed = parent & set(criterion.groups or fw.groups)
        if criterion.children:
            points = np.zeros(len(groups))
            for child in criterion.children:
                points += float(child.weight) * visit(child, allowed)
        else:
            applies = np.isin(groups, list(allowed))
            points = np.where(applies, leaf(criterion, allowed), 0.0)
        out[criterion.code] = points
        return points

    total = np.zeros(len(groups))
    for criterion in fw.criteria:
        total += float(criterion.weight) * visit(criterion, set(fw.groups))
    out[TOTAL] = total
    return out


def agreement(run: ScoreRun, reference: Mapping[str, np.ndarray]) -> float:
    """Largest difference between the engine's points and the reference's, at any criterion."""
    worst = 0.0
    for code, expected in reference.items():
        if code == TOTAL:
            got = np.array([float(run.node(u.code).points) for u in run.units])
        else:
            points = run.leaf_points(code) if code in _leaves(run) else None
            if points is None:
                got = np.array([float(run.node(u.code, code).points) for u in run.units])
            else:
                got = np.array([float(points[u.code]) for u in run.units])
        worst = max(worst, float(np.max(np.abs(got - expected))))
    return worst


def _leaves(run: ScoreRun) -> set[str]:
    return {c.code for c in run.framework.walk() if not c.children}


# --- measuring ------------------------------------------------------------------------------------


def timed(action: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best wall time in seconds over `repeat` calls."""
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times), min(times)


def traced_peak(action: Callable[[], object]) -> int:
    """Bytes allocated at the peak of one call (tracemalloc)."""
    gc.collect()
    tracemalloc.start()
    action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def report(
    name: str,
    fw: Framework,
    units: list[UnitInfo],
    values: UnitValues,
    repeat: int,
    unit: str,
) -> ScoreRun:
    scale = 1000.0 if unit == "ms" else 1.0
    leaves = len(_leaves_of(fw))
    print(f"\n== {name}: {len(units)} units × {leaves} indicators ({fw.code})")
    run = score(fw, units, values)
    median, best = timed(lambda: score(fw, units, values), repeat)
    peak = traced_peak(lambda: score(fw, units, values))
    print(f"score              median {median * scale:9.3f} {unit}  best {best * scale:9.3f} {unit}"
          f"  ({repeat} runs)")  # fmt: skip
    print(f"  peak allocated   {peak / 2**20:9.1f} MiB (tracemalloc, one run)")

    columns = to_arrays(fw, run.units, values)
    groups = np.array([u.group for u in run.units])
    reference = numpy_points(fw, groups, columns)
    numpy_median, numpy_best = timed(lambda: numpy_points(fw, groups, columns), repeat)
    worst = agreement(run, reference)
    print(f"numpy reference    median {numpy_median * scale:9.3f} {unit}"
          f"  best {numpy_best * scale:9.3f} {unit}")  # fmt: skip
    print(f"  engine ÷ numpy   {median / numpy_median:9.1f}×")
    print(f"  agreement        max |engine − numpy| = {worst:.2e} points over "
          f"{len(reference)} criteria × {len(units)} units")  # fmt: skip
    if worst > 1e-6:
        raise SystemExit(f"{name}: the engine and the NumPy reference disagree by {worst}")

    sample = run.units[len(run.units) // 2].code
    tree_time, _ = timed(lambda: run.unit(sample), 20)
    explain_time, _ = timed(lambda: run.explain(sample), 20)
    print(f"one unit's tree    {tree_time * 1000:9.3f} ms; every indicator explained "
          f"{explain_time * 1000:9.3f} ms ({sample})")  # fmt: skip
    return run


def _leaves_of(fw: Framework) -> list[Criterion]:
    return [c for c in fw.walk() if not c.children]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument("--quick", action="store_true", help="fewer repeats, 2,000 units")
    args = parser.parse_args()

    print(f"Python {sys.version.split()[0]}, NumPy {np.__version__}, seed {args.seed}")
    fw, units, values = hcmc_inputs(args.seed)
    run = report("HCMC scale", fw, units, values, repeat=50 if args.quick else 300, unit="ms")
    heavier = revise(fw, weights={"6": Decimal("1.5"), "1": Decimal("0.5")})
    whatif_time, _ = timed(lambda: what_if(run, heavier), 20)
    moved = sum(1 for change in what_if(run, heavier).changes if change.change)
    print(f"what-if            {whatif_time * 1000:9.3f} ms (pillar 6 × 1.5, pillar 1 × 0.5: "
          f"{moved} units change rank)")  # fmt: skip
    stability_time, _ = timed(
        lambda: rank_stability(run, spread_percent=Decimal(10), samples=1000, seed=args.seed), 1
    )
    print(f"rank stability     {stability_time * 1000:9.1f} ms (1,000 samples, weights ±10 %)")

    started = time.perf_counter()
    fw, units, values = national_inputs(args.seed, 2_000 if args.quick else 10_000)
    print(f"\n(national inputs generated in {time.perf_counter() - started:.1f} s)")
    report("national scale", fw, units, values, repeat=3, unit="s")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\nprocess peak RSS   {rss:9.1f} MiB (inputs, runs and the NumPy copies together)")


if __name__ == "__main__":
    main()
