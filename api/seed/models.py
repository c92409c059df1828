"""What the seed has already put in place, so that running it again never brings back what DIC
deliberately deleted (a retired unit, a framework dropped before use, a demo account)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, UTCDateTime, utcnow


class SeedMark(Base):
    """One seeded item, by kind (unit, group, framework, user, client, round) and code."""

    __tablename__ = "seed_marks"

    kind: Mapped[str] = mapped_column(String(32), primary_key=True)
    code: Mapped[str] = mapped_column(String(255), primary_key=True)
    seeded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
