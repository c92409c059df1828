"""Request and response bodies of what-if runs and rank stability."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from api.core.pagination import MAX_ID

CodeKey = Annotated[str, Field(min_length=1, max_length=32)]
Weight = Annotated[
    Decimal, Field(ge=0, le=10, max_digits=12, decimal_places=6, allow_inf_nan=False)
]
MaxPoints = Annotated[
    Decimal, Field(ge=0, le=100_000, max_digits=12, decimal_places=4, allow_inf_nan=False)
]
MAX_CHANGES = 500
MAX_SAMPLES = 1000
MAX_SPREAD = 50


class ScenarioIn(BaseModel):
    """What to score the round's inputs with: a framework version (the round's own when absent)
    and, optionally, other weights or max points for some of its criteria (by code)."""

    model_config = ConfigDict(extra="forbid")

    framework_id: Annotated[int, Field(ge=1, le=MAX_ID)] | None = Field(
        default=None,
        description="Any framework version, a draft included; the round's framework if absent",
    )
    weights: dict[CodeKey, Weight] = Field(
        default_factory=dict,
        max_length=MAX_CHANGES,
        description="Criterion code -> weight (0..10): the multiplier of its points and max in "
        "its parent",
    )
    max_points: dict[CodeKey, MaxPoints] = Field(
        default_factory=dict,
        max_length=MAX_CHANGES,
        description="Criterion code -> max points. An indicator's own max (its rule's points are "
        "clamped to it); for an inner criterion the max it contributes to its parent, set "
        "through its weight (refused when that max differs between the round's groups)",
    )


class StabilityParams(BaseModel):
    model_config = ConfigDict(extra="forbid")

    spread_percent: Annotated[
        Decimal, Field(ge=0, le=MAX_SPREAD, max_digits=6, decimal_places=2, allow_inf_nan=False)
    ] = Field(default=Decimal(10), description="Every weight is multiplied by 1 ± up to this %")
    samples: Annotated[int, Field(ge=1, le=MAX_SAMPLES)] = Field(
        default=200, description="Draws of perturbed weights"
    )
    seed: Annotated[int, Field(ge=0, le=2**31 - 1)] = Field(
        default=1, description="The random generator's seed: the same seed gives the same figures"
    )


class StabilityIn(ScenarioIn, StabilityParams):
    """Rank stability of the round's framework, or of the scenario described as for a what-if."""


class ReportIn(ScenarioIn):
    """The what-if, and optionally rank stability, as one workbook."""

    stability: StabilityParams | None = Field(
        default=None, description="Add rank stability of the scenario with these parameters"
    )


class RoundRef(BaseModel):
    id: int
    year: int
    title_vi: str
    title_en: str
    phase: str
    is_demo: bool


class FrameworkRef(BaseModel):
    id: int
    code: str
    title_vi: str
    title_en: str
    status: str
    revision: int
    year: int


class ScenarioOut(BaseModel):
    framework: FrameworkRef
    weights: dict[str, str] = Field(description="The weights asked for, as given")
    max_points: dict[str, str] = Field(description="The max points asked for, as given")
    applied_weights: dict[str, str] = Field(
        description="Every weight changed, including those that set an inner criterion's max"
    )
    uncollected_elements: list[str] = Field(
        description="Data elements the scenario reads that the round never collected: every "
        "unit counts as missing them"
    )


class Standing(BaseModel):
    points: str
    max_points: str
    index: str
    rank: int | None


class UnitWhatIf(BaseModel):
    unit_code: str
    unit_name_vi: str
    unit_name_en: str
    base: Standing
    new: Standing
    points_change: str
    rank_change: int | None = Field(description="Places gained (> 0) or lost (< 0)")


class GroupWhatIf(BaseModel):
    code: str
    name_vi: str
    name_en: str
    units: list[UnitWhatIf] = Field(description="By new rank, then unit code")


class Move(BaseModel):
    unit_code: str
    unit_name_vi: str
    unit_name_en: str
    group: str
    base_rank: int | None
    new_rank: int | None
    rank_change: int


class WhatIfSummary(BaseModel):
    units: int
    moved: int
    up: int
    down: int
    largest_moves: list[Move] = Field(description="The largest rank changes, at most 5")


class WhatIfOut(BaseModel):
    round: RoundRef
    base_framework: FrameworkRef
    scenario: ScenarioOut
    groups: list[GroupWhatIf]
    summary: WhatIfSummary
    computed_at: dt.datetime


class UnitStability(BaseModel):
    unit_code: str
    unit_name_vi: str
    unit_name_en: str
    rank: int | None = Field(description="The rank under the scenario's weights as they are")
    median_rank: str
    low_rank: int = Field(description="5th percentile (a low number is a good place)")
    high_rank: int = Field(description="95th percentile")
    best_rank: int
    worst_rank: int


class GroupStability(BaseModel):
    code: str
    name_vi: str
    name_en: str
    units: list[UnitStability] = Field(description="By rank, then unit code")


class StabilityOut(BaseModel):
    round: RoundRef
    base_framework: FrameworkRef
    scenario: ScenarioOut
    spread_percent: str
    samples: int
    seed: int
    groups: list[GroupStability]
    computed_at: dt.datetime
