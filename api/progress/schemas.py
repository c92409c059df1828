"""Response bodies of progress."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pydantic import BaseModel, Field

from api.assessments.models import SubmissionStatus


class UnitProgress(BaseModel):
    unit_code: str
    unit_name_vi: str
    group: str
    status: SubmissionStatus
    indicators: int = Field(description="Indicators the unit answers itself")
    answered: int
    answered_pct: Decimal = Field(description="Answered ÷ indicators × 100, two decimals")
    evidence_needed: int = Field(description="Answers that need evidence (not a nil answer)")
    evidence_done: int
    evidence_pct: Decimal
    returned: int = Field(description="Answers DIC returned, awaiting the unit")
    last_activity: dt.datetime | None
    deadline: dt.date | None = Field(
        description="The day (Ho Chi Minh City) the unit's next step is due"
    )
    deadline_at: dt.datetime | None = Field(
        description="When it is due (UTC): the round's deadline or the unit's extension"
    )
    extended_until: dt.datetime | None = Field(description="The unit's own deadline, if any")
    overdue: bool = Field(description="Its deadline has passed and the step is not taken")
    complete: bool = Field(description="Submitted with nothing missing (or accepted)")


class GroupProgress(BaseModel):
    group: str
    units: int
    submitted: int = Field(description="Submitted, resubmitted or accepted")
    accepted: int
    overdue: int
    answered_pct: Decimal = Field(description="Average over the group's units")


class ProgressOut(BaseModel):
    round_id: int
    as_of: dt.date = Field(description="Today in Ho Chi Minh City (UTC+7)")
    groups: list[GroupProgress]
    units: list[UnitProgress]
