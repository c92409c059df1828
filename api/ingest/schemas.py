"""Request and response bodies of ingestion."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from api.core.pagination import MAX_ID


class ValueIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    unit_code: Annotated[str, Field(max_length=32)]
    element_code: Annotated[str, Field(max_length=64)]
    value: Any = Field(description="The figure: number, numeric string, boolean, date or option")


class IngestBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    round_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    values: list[ValueIn] = Field(min_length=1, max_length=200_000)


class RowError(BaseModel):
    row: int = Field(description="1-based position in `values`, or the line of a CSV sheet")
    field: str
    message: str


class Counts(BaseModel):
    received: int
    applied: int
    unchanged: int
    rejected: int


class ReportOut(BaseModel):
    report_id: int
    round_id: int
    status: Literal["applied", "validated", "rejected"]
    dry_run: bool
    format: str
    counts: Counts
    errors: list[RowError]
    created_at: dt.datetime
    replayed: bool = Field(default=False, description="The same Idempotency-Key was seen before")
