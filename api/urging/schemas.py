"""Request and response bodies of urging."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

from api.core.pagination import MAX_ID
from api.core.validation import MAX_ROUND_UNITS, reject_control_characters, reject_null

Subject = Annotated[str, Field(min_length=1, max_length=200)]
Body = Annotated[str, Field(min_length=1, max_length=4000)]
Name = Annotated[str, Field(min_length=1, max_length=128)]
PLACEHOLDER_HELP = (
    "Placeholders filled for each unit: {unit}, {unit_code}, {round}, {deadline}, {days_late}, "
    "{answers_left}, {answered_pct}; {{ and }} for a literal brace"
)


class Texts(BaseModel):
    subject_vi: Subject
    subject_en: Subject
    body_vi: Body = Field(description=PLACEHOLDER_HELP)
    body_en: Body = Field(description=PLACEHOLDER_HELP)

    def texts(self) -> dict[str, str]:
        return {
            "subject_vi": self.subject_vi,
            "subject_en": self.subject_en,
            "body_vi": self.body_vi,
            "body_en": self.body_en,
        }


class TemplateIn(Texts):
    model_config = ConfigDict(extra="forbid")
    name: Name

    # Tab and line breaks pass; NUL and other controls (which PostgreSQL's text refuses) do not.
    plain: ClassVar[Any] = reject_control_characters(
        "name", "subject_vi", "subject_en", "body_vi", "body_en"
    )


class TemplateUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name | None = None
    subject_vi: Subject | None = None
    subject_en: Subject | None = None
    body_vi: Body | None = None
    body_en: Body | None = None

    not_null: ClassVar[Any] = reject_null("name", "subject_vi", "subject_en", "body_vi", "body_en")
    plain: ClassVar[Any] = reject_control_characters(
        "name", "subject_vi", "subject_en", "body_vi", "body_en"
    )


class TemplateOut(BaseModel):
    id: int
    name: str
    subject_vi: str
    subject_en: str
    body_vi: str
    body_en: str
    updated_by: str
    updated_at: dt.datetime


class UrgeIn(Texts):
    model_config = ConfigDict(extra="forbid")
    unit_codes: list[Annotated[str, Field(min_length=1, max_length=32)]] = Field(
        min_length=1, max_length=MAX_ROUND_UNITS, description="The round's units to urge"
    )
    template_id: Annotated[int, Field(ge=1, le=MAX_ID)] | None = Field(
        default=None, description="The template the texts came from (kept for the record)"
    )

    plain: ClassVar[Any] = reject_control_characters(
        "subject_vi", "subject_en", "body_vi", "body_en"
    )


class UrgedUnit(BaseModel):
    unit_code: str
    urging_id: int
    recipients: int = Field(description="The unit's active focal people and heads told")


class UrgeOut(BaseModel):
    round_id: int
    units: list[UrgedUnit]
    notifications: int = Field(description="In-app notifications made")
    emails: int = Field(description="E-mails queued in the outbox (none without a mail server)")


class UrgingOut(BaseModel):
    id: int
    unit_code: str
    kind: str = Field(description="manual (from the progress page) or escalation (to the head)")
    level: int | None
    subject_vi: str
    subject_en: str
    body_vi: str
    body_en: str
    recipients: int
    sent_by: str
    sent_at: dt.datetime
