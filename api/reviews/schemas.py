"""Request and response bodies of review."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.assessments.models import SubmissionStatus
from api.core.validation import MAX_INPUTS, reject_null
from api.reviews.models import Decision

Comment = Annotated[str, Field(min_length=1, max_length=4000)]


class DecisionIn(BaseModel):
    """A reviewer's decision on one answer. ``adjusted`` carries either ``points`` (replacing the
    computed points) or ``values`` (the reviewer's figures for the answer's inputs, by input
    name), and a ``comment`` giving the reason; ``returned`` needs a comment saying what to fix."""

    model_config = ConfigDict(extra="forbid")
    decision: Decision
    points: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=4)] | None = None
    values: dict[str, Any] | None = Field(
        default=None,
        max_length=MAX_INPUTS,
        description="adjusted: the reviewer's value for each input to change",
    )
    comment: Comment | None = None
    not_null: ClassVar[Any] = reject_null("decision")


class ReviewOut(BaseModel):
    indicator_code: str
    decision: Decision
    points: Decimal | None
    values: dict[str, Any] | None
    comment: str | None
    reviewer: str
    reviewer_name: str | None
    decided_at: dt.datetime
    submission_status: SubmissionStatus


class BulkAcceptOut(BaseModel):
    accepted: int = Field(description="Answers accepted now (those not yet reviewed)")
    submission_status: SubmissionStatus


class CommentIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    body: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]
    not_null: ClassVar[Any] = reject_null("body")


class CommentOut(BaseModel):
    id: int
    indicator_code: str
    author: str
    author_name: str | None
    author_side: str = Field(description="unit | dic")
    body: str
    created_at: dt.datetime


class QueueItem(BaseModel):
    unit_code: str
    unit_name_vi: str
    group: str
    status: SubmissionStatus
    submitted_at: dt.datetime | None
    indicators: int
    accepted: int
    adjusted: int
    returned: int
    pending: int = Field(description="Answers with no decision yet")
    indicator_state: str | None = Field(
        default=None,
        description="With ?indicator=: that answer's state (pending, accepted, adjusted, "
        "returned, or not_applicable)",
    )
