"""Request and response bodies of score runs and their results."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from api.results.models import RunKind


class RunIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: RunKind = RunKind.draft


class RunOut(BaseModel):
    id: int
    round_id: int
    kind: RunKind
    shared_with_units: bool
    input_hash: str
    unit_count: int
    created_by: str
    created_at: dt.datetime


class NodeOut(BaseModel):
    code: str
    name_vi: str | None = None
    points: str
    max_points: str
    index: str
    rank: int | None
    applicable: bool


class LevelOut(BaseModel):
    """A unit's level (mức độ), read on its index as published (4 decimals)."""

    code: str
    name_vi: str
    name_en: str
    min_index: str
    next_min_index: str | None = Field(description="Where the next level starts; none at the top")
    explanation_vi: str
    explanation_en: str


class PillarPartOut(BaseModel):
    code: str
    name_vi: str | None = None
    points: str
    max_points: str
    applicable: bool


class PillarViewOut(BaseModel):
    """A pillar view (trụ cột): the named aggregation of some top-level criteria."""

    code: str
    name_vi: str
    name_en: str
    points: str
    max_points: str
    index: str
    applicable: bool
    parts: list[PillarPartOut] = Field(description="Its criteria as they counted for the unit")
    formula_vi: str
    formula_en: str


class LevelCountOut(BaseModel):
    code: str
    name_vi: str
    name_en: str
    min_index: str
    count: int


class RankingRow(BaseModel):
    rank: int
    unit_code: str
    unit_name_vi: str
    points: str
    max_points: str
    index: str
    pillars: list[NodeOut]
    level: LevelOut | None = Field(default=None, description="None: no levels for the group")
    pillar_views: list[PillarViewOut] = Field(default_factory=list)


class GroupRanking(BaseModel):
    code: str
    rankings: list[RankingRow]
    level_counts: list[LevelCountOut] = Field(
        default_factory=list, description="Units per level of the group's level set, lowest first"
    )


class RunResultsOut(BaseModel):
    run: RunOut
    groups: list[GroupRanking]


class UnitResultOut(BaseModel):
    run: RunOut
    unit_code: str
    unit_name_vi: str
    group: str
    total: NodeOut
    nodes: list[NodeOut] = Field(description="Every criterion that applies, in tree order")
    level: LevelOut | None = Field(default=None, description="None: no levels for the group")
    pillar_views: list[PillarViewOut] = Field(default_factory=list)
    explanations: dict[str, Any] = Field(
        description="Per indicator: rule, outcome, inputs read, formula (vi/en), points, adjustment"
    )


class DiffReason(BaseModel):
    """Why an indicator moved: ``input`` (a value or its source changed), ``adjustment`` (a
    reviewer's points), ``applicability``, ``rule``, ``added``/``removed``, or ``group`` (none of
    its own inputs changed: it is scored against the group, whose best or ranks moved)."""

    kind: str
    input_name: str | None = None
    element_code: str | None = None
    before: Any = None
    after: Any = None
    source_before: str | None = None
    source_after: str | None = None


class CriterionChange(BaseModel):
    code: str
    name_vi: str | None = None
    points_before: str | None
    points_after: str | None
    reasons: list[DiffReason]


class UnitChange(BaseModel):
    unit_code: str
    unit_name_vi: str
    group: str
    points_before: str
    points_after: str
    rank_before: int | None
    rank_after: int | None
    criteria: list[CriterionChange]


class RunDiffOut(BaseModel):
    base: RunOut
    target: RunOut
    same_inputs: bool = Field(description="Both runs were computed from the same inputs")
    framework_changed: bool
    units_added: list[str]
    units_removed: list[str]
    units: list[UnitChange] = Field(description="Units whose total, rank or an indicator moved")
