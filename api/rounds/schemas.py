"""Request and response bodies of rounds."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from api.core.pagination import MAX_ID
from api.core.validation import (
    MAX_GROUPS,
    MAX_ROUND_UNITS,
    reject_control_characters,
    reject_null,
)
from api.rounds.models import Phase

FIRST_YEAR, LAST_YEAR = 2000, 2100


def within_years(*fields: str) -> Any:
    """A validator keeping times and days of ``fields`` within the years a round may have (and
    far from the calendar's ends, where a shift to UTC would overflow)."""

    def check(cls: type, value: Any) -> Any:
        if isinstance(value, dt.date) and not FIRST_YEAR <= value.year <= LAST_YEAR:
            raise PydanticCustomError(
                "round.time_range", "out of range", {"min": FIRST_YEAR, "max": LAST_YEAR}
            )
        return value

    return field_validator(*fields, mode="after")(classmethod(check))


class PhaseDates(BaseModel):
    """When a phase starts and ends: an instant with its offset (city time is +07:00), or a whole
    day in the city (a start on a day is 00:00 there, an end 23:59:59), not both."""

    model_config = ConfigDict(extra="forbid")
    starts_at: AwareDatetime | None = None
    ends_at: AwareDatetime | None = None
    starts_on: dt.date | None = Field(default=None, description="00:00 of this day in the city")
    ends_on: dt.date | None = Field(default=None, description="23:59:59 of this day in the city")

    in_range: ClassVar[Any] = within_years("starts_at", "ends_at", "starts_on", "ends_on")


Schedule = dict[Phase, PhaseDates]


class ScheduledPhase(BaseModel):
    starts_at: dt.datetime | None = Field(description="UTC")
    ends_at: dt.datetime | None = Field(description="UTC")
    starts_on: dt.date | None = Field(description="The city's day of starts_at")
    ends_on: dt.date | None = Field(description="The city's day of ends_at")


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
    reference_date: dt.date | None = Field(
        default=None,
        description="The units valid on this day take part; default: 31 December of the year",
    )
    in_range: ClassVar[Any] = within_years("reference_date")
    unit_codes: list[str] | None = Field(
        default=None,
        max_length=MAX_ROUND_UNITS,
        description="Only these units take part; default: every member of the groups valid on "
        "the reference date",
    )
    schedule: Schedule = Field(default_factory=dict, max_length=len(Phase))
    auto_advance: bool = Field(default=False, description="Phases move on their scheduled start")
    is_demo: bool = False

    plain: ClassVar[Any] = reject_control_characters("title_vi", "title_en")


class RoundUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title_vi: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    title_en: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    schedule: Schedule | None = Field(default=None, max_length=len(Phase))
    auto_advance: bool | None = None

    not_null: ClassVar[Any] = reject_null("title_vi", "title_en", "schedule", "auto_advance")
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
    reference_date: dt.date
    schedule: dict[Phase, ScheduledPhase]
    auto_advance: bool
    is_demo: bool
    is_practice: bool = Field(
        description="A practice round (vòng tập huấn): separate data, never published"
    )
    practice_of_id: int | None = Field(
        description="The round a practice round was copied from (null once that is deleted)"
    )
    takes_part: bool | None = Field(
        default=None,
        description="Whether the caller's unit takes part in it (unit staff; null for DIC and "
        "other callers without a unit): the app opens a unit's staff on their newest round",
    )
    created_at: dt.datetime
    updated_at: dt.datetime


class PracticeCreate(BaseModel):
    """A practice copy of a round: its titles (default: the original's, marked as practice) and
    its schedule: ``open`` (no dates: nobody is ever late) or ``shifted`` (the original's, moved so
    that collecting starts now)."""

    model_config = ConfigDict(extra="forbid")
    title_vi: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    title_en: Annotated[str, Field(min_length=1, max_length=500)] | None = None
    schedule: Literal["open", "shifted"] = "open"

    plain: ClassVar[Any] = reject_control_characters("title_vi", "title_en")


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
    automatic: bool = Field(description="Moved by the schedule (auto-advance)")


class ParticipantsAdd(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit_codes: list[Annotated[str, Field(min_length=1, max_length=32)]] = Field(
        min_length=1, max_length=MAX_ROUND_UNITS
    )


class DeadlineSet(BaseModel):
    """A unit's own deadline (an extension past the round's), or ``null`` to remove it."""

    model_config = ConfigDict(extra="forbid")
    deadline_at: AwareDatetime | None
    reason: Annotated[str, Field(min_length=1, max_length=1000)]

    plain: ClassVar[Any] = reject_control_characters("reason")
    in_range: ClassVar[Any] = within_years("deadline_at")


class UnitDeadlineOut(BaseModel):
    unit_code: str
    name_vi: str
    name_en: str
    group: str
    round_deadline: dt.datetime | None = Field(description="The end of collecting (UTC)")
    extended_until: dt.datetime | None = Field(description="The unit's own deadline, if any")
    deadline: dt.datetime | None = Field(description="The deadline in force for the unit")
    reason: str | None
    set_by: str | None
    set_at: dt.datetime | None
