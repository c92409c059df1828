"""Bodies of publication endpoints. The public results are served as stored bytes; the models below
describe them for the OpenAPI document and the SPA's generated client."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.core.pagination import MAX_ID
from api.frameworks.schemas import (
    CriterionOut,
    DataElementOut,
    FrameworkProvenance,
    LevelSetIn,
    PillarViewIn,
)


class PublishIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    score_run_id: Annotated[int, Field(ge=1, le=MAX_ID, description="A final score run")]
    reason: Annotated[
        str | None,
        Field(max_length=2000, description="Why a corrected version is issued (v2 and later)"),
    ] = None


class AuditAnchorOut(BaseModel):
    event_id: int = Field(description="The newest audit event when this version was published")
    hash: str = Field(description="That event's chain hash (SHA-256)")


class PublicationOut(BaseModel):
    round_id: int
    version: int
    score_run_id: int
    reason: str | None
    content_hash: str = Field(description="SHA-256 of the canonical JSON of the results document")
    published_at: dt.datetime
    published_by: str | None = Field(default=None, description="Not shown to the public")
    audit_anchor: AuditAnchorOut | None = Field(
        default=None,
        description="The audit chain's head at publication; verifying the audit trail checks it "
        "(none on versions published before anchoring existed)",
    )


class PublicFramework(BaseModel):
    id: int
    code: str
    title_vi: str
    title_en: str
    legal_basis: str | None
    revision: int
    provenance: FrameworkProvenance | None = Field(
        default=None,
        description="Where the framework comes from (illustrative or mixed: the pages show a "
        "notice naming what is sourced); absent on versions published before it was recorded",
    )
    levels: list[LevelSetIn] | None = Field(default=None, description="Its level sets (mức độ)")
    pillar_views: list[PillarViewIn] | None = Field(
        default=None, description="Its pillar views (trụ cột) over top-level criteria"
    )


class PublicRound(BaseModel):
    id: int
    year: int
    title_vi: str
    title_en: str
    is_demo: bool
    framework: PublicFramework


class PublicPillar(BaseModel):
    code: str
    name_vi: str
    name_en: str
    points: str
    max_points: str
    index: str


class PublicLevel(BaseModel):
    """A unit's level (mức độ) in its group's level set."""

    code: str
    name_vi: str
    name_en: str


class PublicLevelCount(BaseModel):
    code: str
    name_vi: str
    name_en: str
    min_index: str = Field(description="The level runs from here up to the next level's")
    count: int


class PublicRanking(BaseModel):
    rank: int
    unit_code: str
    unit_name_vi: str
    unit_name_en: str
    points: str
    max_points: str
    index: str = Field(description="points ÷ max_points, 4 decimals")
    pillars: list[PublicPillar] = Field(description="The top-level criteria")
    level: PublicLevel | None = Field(
        default=None, description="None when the framework sets no levels for the group"
    )
    pillar_views: list[PublicPillar] = Field(
        default_factory=list,
        description="The framework's pillar views (trụ cột: named sums of top-level criteria)",
    )


class PublicGroupPillar(BaseModel):
    code: str
    name_vi: str
    name_en: str
    max_points: str
    average_points: str
    average_index: str


class PublicGroup(BaseModel):
    code: str
    name_vi: str
    name_en: str
    unit_count: int
    average_points: str | None
    average_index: str | None
    pillars: list[PublicGroupPillar]
    level_counts: list[PublicLevelCount] = Field(
        default_factory=list, description="Units per level, lowest level first"
    )
    rankings: list[PublicRanking]


class PublicRunRef(BaseModel):
    id: int
    input_hash: str


class PublicPublisher(BaseModel):
    name_vi: str
    name_en: str


class PublicResults(BaseModel):
    """A published version of a round's results, exactly as stored (canonical JSON)."""

    round: PublicRound
    version: int
    reason: str | None
    published_at: str
    score_run: PublicRunRef
    detail_sha256: str = Field(
        description="SHA-256 of the canonical JSON of every unit's points per criterion "
        "(served by /results/detail)"
    )
    csv_sha256: str = Field(description="SHA-256 of the CSV download's bytes")
    content_hash: str = Field(
        description="SHA-256 of this document's canonical JSON (sorted keys, no spaces, UTF-8) "
        "without the content_hash field"
    )
    groups: list[PublicGroup]
    publisher: PublicPublisher | None = Field(
        default=None,
        description="The operating department that published it, as named that day (absent "
        "from documents published before it was recorded)",
    )


class PublicVersion(BaseModel):
    version: int
    content_hash: str
    published_at: dt.datetime
    reason: str | None


class PublicRoundItem(BaseModel):
    id: int
    year: int
    title_vi: str
    title_en: str
    is_demo: bool
    framework_code: str
    groups: list[str]
    latest: PublicVersion
    versions: list[PublicVersion] = Field(description="Every version, newest first")


class PublicRoundList(BaseModel):
    items: list[PublicRoundItem]
    total: int


class PublicUnitPillar(PublicPillar):
    group_average_points: str
    group_average_index: str


class PublicCriterionPoints(BaseModel):
    code: str
    points: str
    max_points: str
    index: str


class PublicUnitGroup(BaseModel):
    code: str
    name_vi: str
    name_en: str
    unit_count: int
    average_index: str | None


class PublicRoundRef(BaseModel):
    id: int
    year: int
    title_vi: str
    title_en: str
    is_demo: bool


class PublicUnitEntry(BaseModel):
    round: PublicRoundRef
    version: int
    content_hash: str
    published_at: str
    unit_code: str = Field(description="The unit as it was in that round (maybe a predecessor)")
    unit_name_vi: str
    unit_name_en: str
    group: PublicUnitGroup
    rank: int
    points: str
    max_points: str
    index: str
    pillars: list[PublicUnitPillar]
    criteria: list[PublicCriterionPoints]
    level: PublicLevel | None = None
    pillar_views: list[PublicPillar] = Field(default_factory=list)
    provenance: FrameworkProvenance | None = Field(
        default=None, description="Where the round's framework comes from"
    )


class PublicPoints(BaseModel):
    points: str
    max_points: str
    index: str


class PublicUnitRef(BaseModel):
    code: str
    name_vi: str
    name_en: str
    kind: str


class PublicPredecessorRef(PublicUnitRef):
    share: Literal["whole", "part"] | None = Field(
        description="How much of it this unit took: whole, part (of a district, say), unknown"
    )
    effective_on: dt.date | None = Field(description="When, for a direct predecessor")
    note: str | None = Field(description="Where the link comes from (e.g. the wards behind it)")


class PublicPredecessorEntry(PublicUnitEntry):
    """A predecessor's published result: that area's score, not the successor's."""

    share: Literal["whole", "part"] | None


class PublicUnitHistory(BaseModel):
    unit: PublicUnitRef
    predecessors: list[PublicPredecessorRef] = Field(
        description="Every unit it replaced, directly or through earlier mergers"
    )
    history: list[PublicUnitEntry] = Field(
        description="The unit's own published results, oldest round first"
    )
    predecessor_history: list[PublicPredecessorEntry] = Field(
        description="Its predecessors' published results, oldest round first: each is that "
        "area's result (labelled as such), never part of this unit's own series"
    )


class PublicGroupMax(BaseModel):
    code: str
    name_vi: str
    name_en: str
    max_points: str


class PublicProvider(BaseModel):
    name_vi: str
    name_en: str


class PublicMethodology(BaseModel):
    """How a published round's index is computed: its framework, as frozen for the round."""

    round: PublicRoundRef
    framework: PublicFramework
    groups: list[PublicGroupMax]
    providers: dict[str, PublicProvider] = Field(description="Supplying agencies by unit code")
    elements: list[DataElementOut] = Field(
        description="The data elements the indicators read: names, types, units, choice labels"
    )
    criteria: list[CriterionOut]
