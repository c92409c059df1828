"""Request and response bodies of help: tours seen and the support contact."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from api.core.principal import Role
from api.core.validation import reject_control_characters

# A phone number as people write it: digits with spaces, dots, dashes, brackets, a leading +,
# and an extension (`ext. 12`, `máy lẻ 12`) left to the office hours text.
_PHONE = re.compile(r"^\+?[0-9][0-9 .()\-]{1,30}$")
# The address form the users screen accepts too (something@domain.tld), without spaces.
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


class ToursOut(BaseModel):
    """The first sign-in tours the caller has seen (one per role, keyed by the role's name)."""

    seen: list[Role]


class ContactOut(BaseModel):
    """The support contact shown in the help centre; every field null until DIC sets it."""

    hotline: str | None = None
    email: str | None = None
    office_hours_vi: str | None = None
    office_hours_en: str | None = None
    updated_at: dt.datetime | None = None


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


class ContactIn(BaseModel):
    """The whole contact (a field left out or null is cleared); a hotline or an e-mail at least."""

    model_config = ConfigDict(extra="forbid")

    hotline: Annotated[str | None, Field(max_length=32, examples=["028 3822 1234"])] = None
    email: Annotated[str | None, Field(max_length=255, examples=["hotro.dti@example.gov.vn"])] = (
        None
    )
    office_hours_vi: Annotated[str | None, Field(max_length=200)] = None
    office_hours_en: Annotated[str | None, Field(max_length=200)] = None

    plain: ClassVar[Any] = reject_control_characters(
        "hotline", "email", "office_hours_vi", "office_hours_en"
    )

    @field_validator("hotline", "email", "office_hours_vi", "office_hours_en", mode="before")
    @classmethod
    def _strip(cls, value: Any) -> Any:
        return _blank_to_none(value)

    @field_validator("hotline")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is not None and not _PHONE.match(value):
            raise PydanticCustomError("help.contact_phone", "not a phone number")
        return value

    @field_validator("email")
    @classmethod
    def _email(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.match(value):
            raise PydanticCustomError("help.contact_email", "not an e-mail address")
        return value
