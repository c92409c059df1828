"""The table of the operating department's name (one row; none until DIC first changes it)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, String
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, UTCDateTime, utcnow


class OperatorSetting(Base):
    """The operating department's names, full and short, and since when it runs the system."""

    __tablename__ = "operator_settings"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1
    name_vi: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255))
    short_name_vi: Mapped[str] = mapped_column(String(64))
    short_name_en: Mapped[str] = mapped_column(String(64))
    since: Mapped[dt.date | None] = mapped_column(Date)
    updated_by: Mapped[str] = mapped_column(String(128))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
