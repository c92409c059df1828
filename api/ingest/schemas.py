"""Request and response bodies of ingestion."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter
from typing_extensions import TypedDict

from api.core.pagination import MAX_ID


# TypedDicts, not models: a batch may hold 100,000 rows, and validating them into plain dicts
# takes a third of the time of building a model object per row (bench/ingest.py).
class ValueIn(TypedDict):
    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    unit_code: Annotated[str, Field(max_length=32)]
    element_code: Annotated[str, Field(max_length=64)]
    value: Annotated[
        Any, Field(description="The figure: number, numeric string, boolean, date or option")
    ]


class IngestBody(TypedDict):
    __pydantic_config__ = ConfigDict(extra="forbid")  # type: ignore[misc]
    round_id: Annotated[int, Field(ge=1, le=MAX_ID)]
    values: Annotated[list[ValueIn], Field(min_length=1, max_length=200_000)]


INGEST_BODY = TypeAdapter(IngestBody)


class RowError(BaseModel):
    row: int = Field(description="1-based position in `values`, or the line of a CSV sheet")
    field: str
    message: str
    unit_code: str | None = Field(default=None, description="The row's unit_code as sent")
    element_code: str | None = Field(default=None, description="The row's element_code as sent")
    value: str | None = Field(default=None, description="The row's value as sent (as text)")


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
    actor: str = Field(description="Who sent the batch: a client id or a username")
    actor_kind: Literal["client", "user"]
    counts: Counts
    errors: list[RowError]
    created_at: dt.datetime
    replayed: bool = Field(default=False, description="The same Idempotency-Key was seen before")
