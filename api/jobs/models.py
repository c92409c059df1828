"""The claim of one periodic task's run (the in-process runner's guard on SQLite)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, UTCDateTime, utcnow


class JobTick(Base):
    """A periodic task's run at one due time: the worker that inserts the row runs it; every other
    worker finds the key taken and skips it, so N workers on one machine run it once."""

    __tablename__ = "job_ticks"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    due_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, primary_key=True)
    claimed_by: Mapped[str] = mapped_column(String(64))
    claimed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
