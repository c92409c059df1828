"""Request and response bodies of units and unit groups."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.core.pagination import MAX_ID
from api.core.validation import (
    MAX_GROUPS,
    MAX_PREDECESSORS,
    reject_control_characters,
    reject_null,
)

UnitKind = Literal[
    "department",  # sở
    "agency",  # ban, ngành, viện, văn phòng, cơ quan trung ương đóng tại TP
    "province",  # tỉnh / thành phố trực thuộc trung ương
    "city",  # thành phố thuộc thành phố (Thủ Đức)
    "district",  # quận
    "rural_district",  # huyện
    "town",  # thị xã
    "ward",  # phường
    "commune",  # xã
    "township",  # thị trấn
    "special_zone",  # đặc khu
]

CODE_PATTERN = r"^[A-Z0-9][A-Z0-9._-]*$"
Code = Field(min_length=1, max_length=32, pattern=CODE_PATTERN)

CONFIRM_ROUNDS = (
    "Close the unit although it takes part in a round being prepared (draft) or collecting "
    "answers: without it such a closing is refused with 409 `unit.close_in_round`, whose "
    "`rounds` lists those rounds. The unit stays a participant of them."
)


class UnitOut(BaseModel):
    code: str
    name_vi: str
    name_en: str
    kind: str
    groups: list[str]
    parent_code: str | None
    valid_from: dt.date | None
    valid_to: dt.date | None
    predecessors: list[str]
    is_provider: bool
    source: str | None = Field(
        default=None, description="Where the unit comes from (a decision, an official list)"
    )
    unverified: bool = Field(
        default=False,
        description="Seeded from a list DIC has still to confirm: not to be shown as official",
    )


class UnitCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Code
    name_vi: str = Field(min_length=1, max_length=255)
    name_en: str = Field(min_length=1, max_length=255)
    kind: UnitKind
    groups: list[str] = Field(default_factory=list, max_length=MAX_GROUPS)
    parent_code: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    predecessors: list[str] = Field(
        default_factory=list,
        max_length=MAX_PREDECESSORS,
        description="Codes of the units this one replaced (mergers)",
    )
    is_provider: bool = Field(default=False, description="Supplies figures by API (an agency)")

    plain: ClassVar[Any] = reject_control_characters("name_vi", "name_en")


class UnitUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name_vi: str | None = Field(default=None, min_length=1, max_length=255)
    name_en: str | None = Field(default=None, min_length=1, max_length=255)
    kind: UnitKind | None = None
    groups: list[str] | None = Field(default=None, max_length=MAX_GROUPS)
    parent_code: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    predecessors: list[str] | None = Field(default=None, max_length=MAX_PREDECESSORS)
    is_provider: bool | None = None
    source: str | None = Field(default=None, max_length=500)
    unverified: bool | None = Field(
        default=None, description="false: DIC has checked the unit against its decision"
    )
    confirm_rounds: bool = Field(default=False, description=CONFIRM_ROUNDS)

    not_null: ClassVar[Any] = reject_null(
        "name_vi", "name_en", "kind", "groups", "predecessors", "is_provider", "unverified"
    )
    plain: ClassVar[Any] = reject_control_characters("name_vi", "name_en", "source")


Share = Literal["whole", "part"]


class LineageLink(BaseModel):
    """``successor_code`` took over the whole of ``predecessor_code`` or a part of it."""

    predecessor_code: str
    successor_code: str
    share: Share | None = Field(description="Not known for links recorded without it")
    effective_on: dt.date | None = Field(
        description="The day it took effect (the successor's first day when not recorded)"
    )
    note: str | None = Field(
        default=None, description="Where the link comes from, e.g. the pre-2025 wards behind it"
    )
    unverified: bool = Field(default=False, description="DIC has still to confirm it")


class UnitHistory(BaseModel):
    """A unit with every unit it descends from through mergers and splits, nearest first, the
    units that directly replaced it, every later generation of them, and the links between all
    of these (for drawing the lineage)."""

    unit: UnitOut
    ancestors: list[UnitOut]
    successors: list[UnitOut]
    descendants: list[UnitOut] = Field(
        description="Successors over every generation, nearest first"
    )
    links: list[LineageLink]


class UnitClose(BaseModel):
    """Close a unit: it stays, with its history, valid until ``valid_to`` (its last day)."""

    model_config = ConfigDict(extra="forbid")
    valid_to: dt.date = Field(description="The unit's last day")
    confirm_rounds: bool = Field(default=False, description=CONFIRM_ROUNDS)


class RoundRef(BaseModel):
    id: int
    title_vi: str
    title_en: str
    phase: str


class PredecessorIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Code
    share: Share = Field(default="whole", description="whole: all of it; part: a part of it")
    close: bool | None = Field(
        default=None,
        description="Close it the day before the effective date. Default: when wholly merged "
        "(a merger) or divided (a split). A unit merged whole is always closed; a unit given "
        "in part stays open unless this says its last part has now gone.",
    )


class NewSuccessor(BaseModel):
    """A successor created by the merger or split, valid from the effective date."""

    model_config = ConfigDict(extra="forbid")
    mode: Literal["new"]
    code: str = Code
    name_vi: str = Field(min_length=1, max_length=255)
    name_en: str = Field(min_length=1, max_length=255)
    kind: UnitKind
    parent_code: str | None = None
    groups: list[str] = Field(default_factory=list, max_length=MAX_GROUPS)

    plain: ClassVar[Any] = reject_control_characters("name_vi", "name_en")


class ExistingSuccessor(BaseModel):
    """A unit already valid on the effective date that takes over (absorbs) the predecessors."""

    model_config = ConfigDict(extra="forbid")
    mode: Literal["existing"]
    code: str = Code


Successor = Annotated[NewSuccessor | ExistingSuccessor, Field(discriminator="mode")]


class Reorganisation(BaseModel):
    """A merger (several predecessors, one successor) or a split (one predecessor divided among
    several successors), recorded at once: successors created, lineage links written,
    predecessors closed the day before ``effective_on``."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["merger", "split"]
    effective_on: dt.date = Field(description="The successors' first day")
    predecessors: list[PredecessorIn] = Field(min_length=1, max_length=MAX_PREDECESSORS)
    successors: list[Successor] = Field(min_length=1, max_length=MAX_PREDECESSORS)
    note: str | None = Field(
        default=None, max_length=1000, description="E.g. the decision's number"
    )
    confirm_rounds: bool = Field(default=False, description=CONFIRM_ROUNDS)

    plain: ClassVar[Any] = reject_control_characters("note")


class ReorganisationOut(BaseModel):
    kind: Literal["merger", "split"]
    effective_on: dt.date
    predecessors: list[UnitOut]
    successors: list[UnitOut]
    links: list[LineageLink]


class ImportRowError(BaseModel):
    row: int = Field(description="The sheet's row number (the header is row 1)")
    column: str = Field(description="The column at fault (its header), or `row` for the whole row")
    message: str
    code: str


class UnitImportReport(BaseModel):
    """What an import of units found (dry run) or did: every row or none."""

    status: Literal["validated", "applied", "rejected"]
    dry_run: bool
    rows: int = Field(description="Units read from the sheet")
    created: list[str] = Field(description="Codes of the units created (none on a dry run)")
    closed: list[str] = Field(description="Predecessors closed (or that would be, on a dry run)")
    errors: list[ImportRowError]
    error_count: int


class GroupOut(BaseModel):
    code: str
    name_vi: str
    name_en: str
    sort_order: int
    unit_count: int


class GroupCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str = Code
    name_vi: str = Field(min_length=1, max_length=255)
    name_en: str = Field(min_length=1, max_length=255)
    sort_order: int = Field(default=0, ge=-MAX_ID, le=MAX_ID)

    plain: ClassVar[Any] = reject_control_characters("name_vi", "name_en")


class GroupUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name_vi: str | None = Field(default=None, min_length=1, max_length=255)
    name_en: str | None = Field(default=None, min_length=1, max_length=255)
    sort_order: int | None = Field(default=None, ge=-MAX_ID, le=MAX_ID)

    not_null: ClassVar[Any] = reject_null("name_vi", "name_en", "sort_order")
    plain: ClassVar[Any] = reject_control_characters("name_vi", "name_en")
