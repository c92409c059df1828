"""Request and response bodies of units and unit groups."""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar, Literal

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

Code = Field(min_length=1, max_length=32, pattern=r"^[A-Z0-9][A-Z0-9._-]*$")


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

    not_null: ClassVar[Any] = reject_null(
        "name_vi", "name_en", "kind", "groups", "predecessors", "is_provider"
    )
    plain: ClassVar[Any] = reject_control_characters("name_vi", "name_en")


class UnitHistory(BaseModel):
    """A unit with every unit it descends from through mergers, nearest first."""

    unit: UnitOut
    ancestors: list[UnitOut]
    successors: list[UnitOut]


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
