"""Request and response bodies of rounds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from api.core.pagination import MAX_ID
from api.core.validation import (
    MAX_GROUPS,
    MAX_ROUND_UNITS,
    reject_control_characters,
    reject_null,
)
from api.rounds.models import Phase


class PhaseDates(BaseModel):
    model_config = ConfigDict(extra="forbid")
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None


Schedule = dict[Phase, PhaseDates]


class RoundCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    year: Annotated[int, Field(ge=2000, le=2100)]
    title_vi: Annotated[str, Field(min_length=1, max_length=500)]
    title_en: Annotated[str, Field(min_length=1, max_length=500)]
    framework_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    groups: list[str] | None = Field(
        default=None,
        max_length=MAX_GROUPS,
        description="Groups taking part; default: all of the framework's groups",
    )
    unit_codes: list[str] | None = Field(
        default=None,
        max_length=MAX_ROUND_UNITS,
        description="Only these units take part; default: every member of the groups valid on "
        "31 December of the year",
    )
    schedule: Schedule = Field(default_factory=dict, max_length=len(Phase))
    is_demo: bool = False

    plain: ClassVar[Any] = reject_control_characters("title_vi", "title_en")


class RoundUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title_vi: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    title_en: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    schedule: Schedule | None = Field(default=None, max_length=len(Phase))

    not_null: ClassVar[Any] = reject_null("title_vi", "title_en", "schedule")
    plain: ClassVar[Any] = reject_control_characters("title_vi", "title_en")


class PhaseMove(BaseModel):
    model_config = ConfigDict(extra="forbid")
    phase: Phase
    note: Annotated[str, Field(max_length=1000)] | None = None


class RoundOut(BaseModel):
    id: int
    year: int
    title: str
    title_vi: str
    title_en: str
    framework_id: int
    framework_code: str
    phase: Phase
    next_phases: list[Phase] = Field(
        description="Where POST /phase may move it; `published` is reached by publishing"
    )
    groups: list[str]
    unit_count: int
    schedule: Schedule
    is_demo: bool
    created_at: dt.datetime
    updated_at: dt.datetime


class ParticipantOut(BaseModel):
    unit_code: str
    name_vi: str
    name_en: str
    kind: str
    group: str


class PhaseChangeOut(BaseModel):
    from_phase: Phase
    to_phase: Phase
    changed_by: str | None
    changed_at: dt.datetime
    note: str | None
