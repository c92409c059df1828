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


class ErrorKind(BaseModel):
    code: str = Field(description="The kind of error (its message code)")
    count: int = Field(description="Row errors of this kind in the whole batch")
    example: str = Field(description="The first error of this kind, as a message")


class Progress(BaseModel):
    done: int = Field(description="Rows checked so far")
    total: int = Field(description="Rows in the batch")


Status = Literal["queued", "running", "applied", "validated", "rejected", "cancelled", "failed"]


class ReportSummary(BaseModel):
    """An import report without its row errors (lists of reports stay small)."""

    report_id: int
    round_id: int
    status: Status = Field(
        description="applied, validated (dry run) or rejected; a background batch is queued, then "
        "running, and may end cancelled or failed"
    )
    dry_run: bool
    format: str
    actor: str = Field(description="Who sent the batch: a client id or a username")
    actor_kind: Literal["client", "user"]
    counts: Counts
    errors_total: int = Field(description="Row errors found in the whole batch")
    error_kinds: list[ErrorKind] = Field(description="Row errors counted by kind, most first")
    progress: Progress
    cancel_requested: bool
    created_at: dt.datetime
    finished_at: dt.datetime | None
    replayed: bool = Field(default=False, description="The same Idempotency-Key was seen before")


class ReportOut(ReportSummary):
    errors: list[RowError] = Field(
        description="The first row errors (up to 100); all that are kept (the first 1,000) are "
        "served page by page at GET /ingest/reports/{id}/errors"
    )
