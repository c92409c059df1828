"""Request and response bodies of assessments."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from api.assessments.models import SubmissionStatus
from api.core.validation import MAX_INPUTS


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    inputs: dict[str, Any] = Field(
        default_factory=dict,
        max_length=MAX_INPUTS,
        description="Input name -> value (boolean, number or numeric string, ISO date, option); "
        "inputs left out or null are cleared",
    )
    note: Annotated[str, Field(max_length=4000)] | None = None


class InputState(BaseModel):
    """Where an input's counting value comes from, and whether the unit may enter it."""

    element_code: str
    source: str = Field(description="self | provider | reviewer")
    provider_code: str | None
    read_only: bool
    updated_at: dt.datetime | None
    updated_by: str | None


class EvidenceOut(BaseModel):
    id: int
    sha256: str
    filename: str
    size: int
    content_type: str
    indicator_code: str
    uploaded_at: dt.datetime
    uploaded_by: str


class AnswerOut(BaseModel):
    indicator_code: str
    inputs: dict[str, Any]
    input_states: dict[str, InputState]
    note: str | None
    evidence: list[EvidenceOut]
    evidence_required: bool
    review: AnswerReview | None = Field(
        default=None, description="The reviewer's current decision, once reviewed"
    )
    editable: bool = Field(description="The caller may change this answer now")
    comments: int = Field(description="Messages in the answer's thread between the unit and DIC")
    points: Decimal
    max_points: Decimal


class AnswerReview(BaseModel):
    decision: str = Field(description="accepted | adjusted | returned")
    points: Decimal | None = Field(description="adjusted: the reviewer's points")
    values: dict[str, Any] | None = Field(description="adjusted: the reviewer's figures")
    comment: str | None = Field(description="The reason (adjusted) or what to fix (returned)")
    reviewer: str
    reviewer_name: str | None
    decided_at: dt.datetime
    after_resubmission: bool = Field(
        description="Made after the unit's last submission (not a decision it already answered)"
    )


class ScoreNode(BaseModel):
    code: str
    points: Decimal
    max_points: Decimal
    index: Decimal


class PreviewOut(BaseModel):
    points: Decimal
    max_points: Decimal
    index: Decimal
    pillars: list[ScoreNode]


class MissingItem(BaseModel):
    field: str
    message: str


class AssessmentOut(BaseModel):
    round_id: int
    unit_code: str
    unit_name_vi: str
    group: str
    status: SubmissionStatus
    version: int
    editable: bool
    submitted_at: dt.datetime | None
    submitted_by: str | None
    submitted_by_name: str | None = Field(description="The full name of who submitted")
    answers: list[AnswerOut]
    missing: list[MissingItem]
    preview: PreviewOut


class HistoryOut(BaseModel):
    at: dt.datetime
    actor: str
    field: str
    element_code: str | None
    source: str
    old: Any
    new: Any
