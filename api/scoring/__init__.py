"""Scoring engine (bộ máy tính điểm): framework tree, unit groups and values in; points, max,
index, rank and an explanation for every unit and criterion out.

Pure functions over frozen dataclasses, standard library only: nothing here knows about HTTP, the
database or settings (an import-linter contract keeps it so). Adapters in `api.results` turn rows
into `UnitInfo`, `Value` and `Adjustment`, and frameworks come from `framework_from_dict`.

    run = score(framework, units, values, adjustments=..., not_applicable=...)
    run.ranking("QH")              # the group's ranking on the total
    run.unit("Q1")                 # the unit's tree of NodeResults
    run.explain("Q1")              # every indicator's Explanation, in Vietnamese and English
    what_if(run, revise(framework, weights={"6": Decimal("1.2")}))
    rank_stability(run, spread_percent=Decimal(10), samples=1000, seed=1)
    run.level("Q1")                # its level (mức độ) by its group's level set, explained
    run.level_counts("QH")         # units per level in the group
    run.pillar_views("Q1")         # the framework's pillar views (trụ cột), explained
    merged_from_run(run, "HCM", ["HCM-OLD", "BD"])   # 405 rule: mean of predecessors' values

Points keep full precision (38 significant digits); `round_points` (2 decimals) and
`round_index` (4 decimals) round half-up, once, for display and ranking.
"""

from api.scoring.dumper import framework_to_dict
from api.scoring.engine import (
    TOTAL,
    NodeResult,
    RankedUnit,
    RunInputs,
    ScoreRun,
    UnitResult,
    UnitValues,
    score,
)
from api.scoring.explain import ExplainedInput, Explanation, GroupStats, Outcome
from api.scoring.hashing import input_hash
from api.scoring.loader import framework_from_dict, rule_from_dict
from api.scoring.merged import MergedIndicator, MergedUnit, merge_by_mean, merged_from_run
from api.scoring.model import (
    Adjustment,
    Band,
    BandsRule,
    BooleanRule,
    ChoiceRule,
    Criterion,
    Direction,
    Element,
    Framework,
    Goalposts,
    InputRef,
    LeafRule,
    Level,
    LevelSet,
    LinearRule,
    ManualRule,
    PillarView,
    RankRule,
    RatioRule,
    RawValue,
    RelativeToBestRule,
    Rule,
    SumOfChildren,
    UnitInfo,
    Value,
    ZeroDenominator,
)
from api.scoring.rules import round_index, round_points
from api.scoring.views import (
    LevelCount,
    LevelResult,
    PillarPart,
    PillarViewResult,
    count_levels,
    level_of,
    pillar_view,
)
from api.scoring.whatif import RankChange, RankStability, WhatIf, rank_stability, revise, what_if

__all__ = [
    "TOTAL",
    "Adjustment",
    "Band",
    "BandsRule",
    "BooleanRule",
    "ChoiceRule",
    "Criterion",
    "Direction",
    "Element",
    "ExplainedInput",
    "Explanation",
    "Framework",
    "Goalposts",
    "GroupStats",
    "InputRef",
    "LeafRule",
    "Level",
    "LevelCount",
    "LevelResult",
    "LevelSet",
    "LinearRule",
    "ManualRule",
    "MergedIndicator",
    "MergedUnit",
    "NodeResult",
    "Outcome",
    "PillarPart",
    "PillarView",
    "PillarViewResult",
    "RankChange",
    "RankRule",
    "RankStability",
    "RankedUnit",
    "RatioRule",
    "RawValue",
    "RelativeToBestRule",
    "Rule",
    "RunInputs",
    "ScoreRun",
    "SumOfChildren",
    "UnitInfo",
    "UnitResult",
    "UnitValues",
    "Value",
    "WhatIf",
    "ZeroDenominator",
    "count_levels",
    "framework_from_dict",
    "framework_to_dict",
    "input_hash",
    "level_of",
    "merge_by_mean",
    "merged_from_run",
    "pillar_view",
    "rank_stability",
    "revise",
    "round_index",
    "round_points",
    "rule_from_dict",
    "score",
    "what_if",
]
