"""The framework document (docs/framework-format.md) as Pydantic models, and API bodies.

Shape and types are checked here (422 naming the field); cross-references between elements,
criteria, groups and rules are checked in ``service.check_document``, which reports every problem
at once.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from api.core.validation import reject_null

Points = Annotated[Decimal, Field(ge=0, le=100000, max_digits=12, decimal_places=4)]
Number = Annotated[Decimal, Field(ge=-(10**12), le=10**12, max_digits=18, decimal_places=6)]
InputName = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[a-z][a-z0-9_]*$")]
ElementCode = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][\w.\-]*$")]
CriterionCode = Annotated[
    str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9]+([.\-][A-Za-z0-9]+)*$")
]
GroupCode = Annotated[str, Field(min_length=1, max_length=32)]
Direction = Literal["higher_is_better", "lower_is_better"]
ValueType = Literal["boolean", "integer", "decimal", "percent", "date", "choice", "text"]
Source = Literal["self", "provider", "reviewer"]
Text = Annotated[str, Field(max_length=5000)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BooleanRule(Strict):
    """max if the answer is yes, else 0."""

    kind: Literal["boolean"]
    input: InputName = "value"


class ChoiceRule(Strict):
    """Points per option of a choice element."""

    kind: Literal["choice"]
    input: InputName = "value"
    points: dict[str, Points] = Field(min_length=1, max_length=100)


class Band(Strict):
    threshold: Number
    points: Points


class BandsRule(Strict):
    """Step table: the points of the band the value reaches."""

    kind: Literal["bands"]
    input: InputName = "value"
    direction: Direction = "higher_is_better"
    bands: list[Band] = Field(min_length=1, max_length=50)


class LinearRule(Strict):
    """Goalposts: max × clamp((x − floor) ÷ (target − floor), 0, 1).

    With fixed goalposts the direction follows from them (floor > target: lower is better); a
    ``direction`` given as well must agree. With group goalposts it says which end is best.
    """

    kind: Literal["linear"]
    input: InputName = "value"
    goalposts: Literal["fixed", "group_min_max"] = "fixed"
    floor: Number | None = None
    target: Number | None = None
    direction: Direction | None = None


class RatioLinearScale(Strict):
    kind: Literal["linear"]
    floor: Number
    target: Number


class RatioBandsScale(Strict):
    kind: Literal["bands"]
    direction: Direction = "higher_is_better"
    bands: list[Band] = Field(min_length=1, max_length=50)


RatioScale = Annotated[RatioLinearScale | RatioBandsScale, Field(discriminator="kind")]


def _default_scale() -> RatioLinearScale:
    return RatioLinearScale(kind="linear", floor=Decimal(0), target=Decimal(100))


class RatioRule(Strict):
    """x = numerator ÷ denominator × 100, then scored by ``scale``."""

    kind: Literal["ratio"]
    numerator: InputName = "a"
    denominator: InputName = "b"
    scale: RatioScale = Field(default_factory=_default_scale)
    zero_denominator: Literal["zero", "not_applicable"] = "zero"


class RelativeToBestRule(Strict):
    """max × x ÷ the best x in the group."""

    kind: Literal["relative_to_best"]
    input: InputName = "value"


class RankRule(Strict):
    """Points by rank in the group."""

    kind: Literal["rank"]
    input: InputName = "value"
    direction: Direction = "higher_is_better"
    points_by_rank: list[Points] = Field(min_length=1, max_length=500)


class ManualRule(Strict):
    """Points set by a reviewer, with a reason."""

    kind: Literal["manual"]


class SumOfChildrenRule(Strict):
    """Inner criteria: the weighted sum of the children."""

    kind: Literal["sum_of_children"]


Rule = Annotated[
    BooleanRule
    | ChoiceRule
    | BandsRule
    | LinearRule
    | RatioRule
    | RelativeToBestRule
    | RankRule
    | ManualRule
    | SumOfChildrenRule,
    Field(discriminator="kind"),
]


class Option(Strict):
    value: Annotated[str, Field(min_length=1, max_length=64)]
    label_vi: Annotated[str, Field(min_length=1, max_length=500)]
    label_en: Annotated[str, Field(min_length=1, max_length=500)]


class DataElementIn(Strict):
    """A data element (chỉ tiêu số liệu)."""

    code: ElementCode
    name_vi: Annotated[str, Field(min_length=1, max_length=500)]
    name_en: Annotated[str, Field(min_length=1, max_length=500)]
    value_type: ValueType
    options: list[Option] | None = Field(default=None, max_length=100)
    min: Number | None = None
    max: Number | None = None
    unit: Annotated[str, Field(max_length=64)] | None = None
    source: Source = "self"
    provider_code: Annotated[str, Field(min_length=1, max_length=32)] | None = None


class InputRef(Strict):
    name: InputName
    element_code: ElementCode


class Guidance(Strict):
    """How an indicator is determined, proved, supplied and verified."""

    method_vi: Text | None = None
    method_en: Text | None = None
    evidence_vi: Text | None = None
    evidence_en: Text | None = None
    data_source_vi: Text | None = None
    data_source_en: Text | None = None
    verified_by_vi: Text | None = None
    verified_by_en: Text | None = None


Url = Annotated[str, Field(min_length=8, max_length=1000, pattern=r"^https?://\S+$")]


class Reference(Strict):
    """A source a framework's content comes from: a decision, its appendix, an article."""

    title: Annotated[str, Field(min_length=1, max_length=500)]
    url: Url | None = None
    note_vi: Text | None = None
    note_en: Text | None = None


class FrameworkProvenance(Strict):
    """Where a framework comes from: ``sourced`` (every part from the references), ``illustrative``
    (invented for a demonstration) or ``mixed`` (only the parts marked sourced are)."""

    kind: Literal["sourced", "illustrative", "mixed"]
    references: list[Reference] = Field(default_factory=list, max_length=50)
    note_vi: Text | None = None
    note_en: Text | None = None


class PartProvenance(Strict):
    """Where a criterion, a level set or a pillar view comes from (absent: as its parent)."""

    kind: Literal["sourced", "illustrative"]
    reference: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    url: Url | None = None
    note_vi: Text | None = None
    note_en: Text | None = None


class LevelBand(Strict):
    """One level (mức độ): from ``min_index`` up to, not including, the next level's."""

    code: Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z0-9][\w\-]*$")]
    name_vi: Annotated[str, Field(min_length=1, max_length=200)]
    name_en: Annotated[str, Field(min_length=1, max_length=200)]
    min_index: Annotated[Decimal, Field(ge=0, le=1, max_digits=7, decimal_places=6)]


class LevelSetIn(Strict):
    """Levels on the index for ``groups`` (absent: every group no other set names)."""

    groups: list[GroupCode] | None = Field(default=None, min_length=1, max_length=20)
    bands: list[LevelBand] = Field(min_length=1, max_length=20)
    provenance: PartProvenance | None = None


class PillarViewIn(Strict):
    """A named aggregation over top-level criteria (trụ cột); views may share criteria."""

    code: CriterionCode
    name_vi: Annotated[str, Field(min_length=1, max_length=500)]
    name_en: Annotated[str, Field(min_length=1, max_length=500)]
    criteria: list[CriterionCode] = Field(min_length=1, max_length=200)
    provenance: PartProvenance | None = None


class CriterionIn(Strict):
    """A criterion (tiêu chí) and its children."""

    code: CriterionCode
    name_vi: Annotated[str, Field(min_length=1, max_length=1000)]
    name_en: Annotated[str, Field(min_length=1, max_length=1000)]
    groups: list[GroupCode] | None = Field(default=None, max_length=20)
    weight: Annotated[Decimal, Field(gt=0, le=1000, max_digits=12, decimal_places=6)] = Decimal(1)
    max_points: Points | None = None
    inputs: list[InputRef] = Field(default_factory=list, max_length=20)
    rule: Rule
    not_applicable_when_missing: bool = False
    evidence_required: bool = False
    guidance: Guidance = Field(default_factory=Guidance)
    provenance: PartProvenance | None = None
    children: list[CriterionIn] = Field(default_factory=list, max_length=200)


class FrameworkMeta(Strict):
    code: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][\w.\-]*$")]
    title_vi: Annotated[str, Field(min_length=1, max_length=500)]
    title_en: Annotated[str, Field(min_length=1, max_length=500)]
    legal_basis: Annotated[str, Field(max_length=500)] | None = None
    year: Annotated[int, Field(ge=2000, le=2100)]
    groups: list[GroupCode] = Field(min_length=1, max_length=20)


class FrameworkDocument(FrameworkMeta):
    """A whole framework version: metadata, data elements, the criteria tree, and optionally its
    levels, pillar views and provenance."""

    elements: list[DataElementIn] = Field(default_factory=list, max_length=2000)
    criteria: list[CriterionIn] = Field(min_length=1, max_length=200)
    levels: list[LevelSetIn] | None = Field(default=None, max_length=20)
    pillar_views: list[PillarViewIn] | None = Field(default=None, max_length=50)
    provenance: FrameworkProvenance | None = None


class CriterionPatch(Strict):
    """Fields of one criterion to change; the framework is re-validated as a whole."""

    name_vi: Annotated[str, Field(min_length=1, max_length=1000)] | None = None
    name_en: Annotated[str, Field(min_length=1, max_length=1000)] | None = None
    groups: list[GroupCode] | None = Field(default=None, max_length=20)
    weight: Annotated[Decimal, Field(gt=0, le=1000, max_digits=12, decimal_places=6)] | None = None
    max_points: Points | None = None
    inputs: list[InputRef] | None = Field(default=None, max_length=20)
    rule: Rule | None = None
    not_applicable_when_missing: bool | None = None
    evidence_required: bool | None = None
    guidance: Guidance | None = None

    not_null: ClassVar[Any] = reject_null(
        "name_vi",
        "name_en",
        "weight",
        "inputs",
        "rule",
        "not_applicable_when_missing",
        "evidence_required",
        "guidance",
    )


FrameworkStatusName = Literal["draft", "active", "retired"]


class FrameworkOut(BaseModel):
    id: int
    code: str
    title_vi: str
    title_en: str
    legal_basis: str | None
    year: int
    status: FrameworkStatusName
    groups: list[str]
    cloned_from_id: int | None
    is_frozen: bool = Field(description="Used by a round: edits are refused; clone it instead")
    revision: int
    levels: list[LevelSetIn] | None = Field(
        default=None, description="Levels (mức độ) on the index"
    )
    pillar_views: list[PillarViewIn] | None = Field(
        default=None, description="Named aggregations over top-level criteria (trụ cột)"
    )
    provenance: FrameworkProvenance | None = Field(
        default=None, description="Where the framework comes from; none when not stated"
    )
    max_points_by_group: dict[str, Decimal]
    criteria_count: int
    indicator_count: int
    element_count: int
    created_at: dt.datetime
    updated_at: dt.datetime


class InputOut(BaseModel):
    name: str
    element_code: str
    value_type: ValueType
    source: Source
    provider_code: str | None


class CriterionOut(BaseModel):
    code: str
    name_vi: str
    name_en: str
    is_leaf: bool
    max_points: Decimal | None = Field(description="Declared on leaves; inner nodes sum children")
    max_points_by_group: dict[str, Decimal]
    weight: Decimal
    groups: list[str] = Field(description="The groups this criterion applies to")
    rule: Rule
    inputs: list[InputOut]
    not_applicable_when_missing: bool
    evidence_required: bool
    guidance: Guidance
    provenance: PartProvenance | None = Field(
        default=None, description="Its own mark; absent: as its parent's, then the framework's"
    )
    children: list[CriterionOut]


class DataElementOut(DataElementIn):
    pass


class CloneRequest(Strict):
    code: Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][\w.\-]*$")]
    title_vi: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    title_en: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    year: Annotated[int, Field(ge=2000, le=2100)] | None = None


class StatusChange(Strict):
    status: FrameworkStatusName


class FieldChange(BaseModel):
    field: str
    before: object
    after: object


class GroupMax(BaseModel):
    """A group's max points before and after (None where the criterion does not apply)."""

    group: str
    before: Decimal | None
    after: Decimal | None


class CriterionDiff(BaseModel):
    code: str
    change: Literal["added", "removed", "changed"]
    name_vi: str
    fields: list[FieldChange]
    name_en: str = ""
    # Criteria only (empty for data elements): what the side-by-side view marks.
    max_points_by_group: list[GroupMax] = Field(
        default_factory=list, description="Max points per group before and after (criteria)"
    )
    points_changed: bool = Field(default=False, description="A group's max points differ")
    rule_changed: bool = Field(default=False, description="The scoring rule differs")
    rule_before: Rule | None = None
    rule_after: Rule | None = None


class FrameworkDiff(BaseModel):
    base_id: int
    target_id: int
    metadata: list[FieldChange]
    criteria: list[CriterionDiff]
    elements: list[CriterionDiff]
    totals: list[GroupMax] = Field(
        default_factory=list, description="The framework's max points per group, before and after"
    )


# --- the editor's worked example (rule preview) ---------------------------------------------

PreviewValue = StrictBool | Number | Annotated[str, Field(max_length=64)] | None


class RulePreviewRequest(Strict):
    """One rule, its max points and example values, to be scored by the engine."""

    rule: Rule
    max_points: Points
    inputs: dict[InputName, PreviewValue] = Field(
        default_factory=dict, max_length=20, description="The example unit's value of each input"
    )
    others: list[Annotated[dict[InputName, PreviewValue], Field(max_length=20)]] = Field(
        default_factory=list,
        max_length=100,
        description="The other units of the group (relative_to_best, rank, group goalposts)",
    )
    group: GroupCode = Field(default="G", description="The group's code, as the text names it")
    reviewer_points: Points | None = Field(default=None, description="manual: the points set")
    reviewer_reason: Annotated[str, Field(max_length=500)] = "—"


class RulePreviewOut(BaseModel):
    points: Decimal = Field(description="The example's points, 2 decimals as published")
    max_points: Decimal = Field(description="0 when the example leaves the indicator out")
    applicable: bool
    outcome: str
    formula_vi: str
    formula_en: str
