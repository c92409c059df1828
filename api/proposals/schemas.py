"""Bodies of the units' proposals (đề xuất) and of DIC's triage."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.core.validation import reject_control_characters, reject_null
from api.frameworks.schemas import CriterionCode
from api.proposals.models import ProposalKind, ProposalStatus

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=8000)]
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
FrameworkId = Annotated[int, Field(ge=1, le=2**31 - 1)]


class ProposalIn(BaseModel):
    """A unit's proposal. ``criterion_code`` names the indicator to change or remove; for a new
    indicator it may name the criterion it would go under, or be left out."""

    model_config = ConfigDict(extra="forbid")
    framework_id: FrameworkId
    kind: ProposalKind
    criterion_code: CriterionCode | None = None
    title: Title
    rationale: Text
    proposed_text: Text = Field(description="The proposed wording, points or rule, in words")
    not_null: ClassVar[Any] = reject_null("framework_id", "kind", "title", "rationale")
    no_controls: ClassVar[Any] = reject_control_characters("title")


class TriageIn(BaseModel):
    """DIC's answer. ``accepted``: into a draft version (``target_framework_id``), linked to the
    criterion code there that answers it (``target_criterion_code``), with an optional note;
    ``declined``: ``note`` is the reason, required; ``duplicate``: of ``duplicate_of_id``."""

    model_config = ConfigDict(extra="forbid")
    decision: Literal["accepted", "declined", "duplicate"]
    target_framework_id: FrameworkId | None = None
    target_criterion_code: CriterionCode | None = None
    duplicate_of_id: Annotated[int, Field(ge=1, le=2**31 - 1)] | None = None
    note: Note | None = None
    not_null: ClassVar[Any] = reject_null("decision")


class AttachmentOut(BaseModel):
    filename: str
    size: int
    content_type: str
    sha256: str


class ProposalOut(BaseModel):
    id: int
    unit_code: str
    unit_name_vi: str
    framework_id: int | None = Field(description="None once that version was deleted")
    framework_code: str
    kind: ProposalKind
    criterion_code: str | None
    title: str
    rationale: str
    proposed_text: str
    attachment: AttachmentOut | None
    filed_by: str
    filed_by_name: str | None
    filed_at: dt.datetime
    status: ProposalStatus
    target_framework_id: int | None
    target_framework_code: str | None
    target_criterion_code: str | None
    duplicate_of_id: int | None
    response: str | None = Field(description="DIC's note (accepted) or reason (declined)")
    decided_by: str | None
    decided_by_name: str | None
    decided_at: dt.datetime | None


class ProposalLinkOut(BaseModel):
    """A proposal accepted into a draft version, by the criterion code there that answers it."""

    id: int
    unit_code: str
    unit_name_vi: str
    kind: ProposalKind
    title: str
    criterion_code: str | None = Field(description="The code the unit named (in its version)")
    target_criterion_code: str
    in_framework: bool = Field(description="Whether the draft has a criterion of that code now")
    response: str | None
