"""Tables of help: which first sign-in tours a user has seen, and the support contact."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, UTCDateTime, utcnow


class TourView(Base):
    """A first sign-in tour (one per role) that a user has finished or dismissed: kept on the
    server, so it does not come back in another browser."""

    __tablename__ = "tour_views"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    tour: Mapped[str] = mapped_column(String(20), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class HelpContact(Base):
    """The support contact DIC publishes in the help centre (one row, id 1; absent until set)."""

    __tablename__ = "help_contact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hotline: Mapped[str | None] = mapped_column(String(32))
    email: Mapped[str | None] = mapped_column(String(255))
    office_hours_vi: Mapped[str | None] = mapped_column(String(200))
    office_hours_en: Mapped[str | None] = mapped_column(String(200))
    updated_by: Mapped[str] = mapped_column(String(128))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
