"""Bodies of feedback on preliminary results and of DIC's answers, and the feedback window."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.assessments.schemas import EvidenceOut
from api.core.validation import MAX_INPUTS, reject_null

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)]


class FeedbackIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    indicator_code: Annotated[str, Field(min_length=1, max_length=32)]
    body: Text
    not_null: ClassVar[Any] = reject_null("indicator_code", "body")


class FeedbackAnswerIn(BaseModel):
    """DIC's answer: ``accepted`` with the adjustment (points or the reviewer's figures), or
    ``rejected``; the reason is shown to the unit either way."""

    model_config = ConfigDict(extra="forbid")
    decision: Literal["accepted", "rejected"]
    reason: Text
    points: Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=4)] | None = None
    values: dict[str, Any] | None = Field(default=None, max_length=MAX_INPUTS)
    not_null: ClassVar[Any] = reject_null("decision", "reason")


class FeedbackOut(BaseModel):
    id: int
    unit_code: str
    indicator_code: str
    score_run_id: int
    body: str
    filed_by: str
    filed_by_name: str | None
    filed_at: dt.datetime
    status: str = Field(description="open | accepted | rejected")
    response: str | None
    responded_by: str | None
    responded_by_name: str | None
    responded_at: dt.datetime | None
    files: list[EvidenceOut]


class WindowOut(BaseModel):
    opens_on: dt.date | None
    closes_on: dt.date | None
    open: bool


class UnitFeedbackOut(BaseModel):
    window: WindowOut
    run_id: int | None = Field(description="The preliminary run the unit sees (None: none yet)")
    published_run_id: int | None = Field(
        default=None,
        description="The run of the round's newest published version, once there is one: the "
        "results the unit sees from then on",
    )
    published_version: int | None = Field(
        default=None, description="That published version's number (v1, v2 …)"
    )
    items: list[FeedbackOut]
