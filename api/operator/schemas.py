"""Bodies of the operating department's setting."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from api.core.validation import reject_control_characters

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=255)]
ShortName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]


class OperatorOut(BaseModel):
    """Who runs DTI Hub and publishes the results, as every page and document names it."""

    name_vi: str = Field(description="Full name, e.g. Sở Khoa học và Công nghệ Thành phố HCM")
    name_en: str
    short_name_vi: str = Field(description="Short name used in sentences, e.g. Sở KH&CN")
    short_name_en: str
    since: dt.date | None = Field(description="Since when it runs the system")
    is_default: bool = Field(description="Nobody has set it yet: the installation's default")
    updated_by: str | None
    updated_at: dt.datetime | None


class OperatorIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name_vi: Name
    name_en: Name
    short_name_vi: ShortName
    short_name_en: ShortName
    since: dt.date | None = None

    plain: ClassVar[Any] = reject_control_characters(
        "name_vi", "name_en", "short_name_vi", "short_name_en"
    )
