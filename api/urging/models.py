"""Tables of urging: the editable message templates and every message sent to a unit."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, UTCDateTime, utcnow


class UrgeTemplate(Base):
    """A message DIC sends to units, in Vietnamese and English, with placeholders ({unit},
    {round}, {deadline}, …) filled in for each unit when it is sent."""

    __tablename__ = "urge_templates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(128), unique=True)
    subject_vi: Mapped[str] = mapped_column(String(200))
    subject_en: Mapped[str] = mapped_column(String(200))
    body_vi: Mapped[str] = mapped_column(Text)
    body_en: Mapped[str] = mapped_column(Text)
    updated_by: Mapped[str] = mapped_column(String(128))
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class Urging(Base):
    """One message sent to one unit of a round: by DIC from the progress page (``manual``) or by
    the escalation job to the unit's head (``escalation``, once per unit, round and level: the
    dedupe key)."""

    __tablename__ = "urgings"
    __table_args__ = (Index("ix_urgings_round_unit", "round_id", "unit_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(16))  # manual | escalation
    level: Mapped[int | None] = mapped_column(Integer)
    template_id: Mapped[int | None] = mapped_column(
        ForeignKey("urge_templates.id", ondelete="SET NULL")
    )
    subject_vi: Mapped[str] = mapped_column(String(200))
    subject_en: Mapped[str] = mapped_column(String(200))
    body_vi: Mapped[str] = mapped_column(Text)
    body_en: Mapped[str] = mapped_column(Text)
    recipients: Mapped[int] = mapped_column(Integer, default=0)
    sent_by: Mapped[str] = mapped_column(String(128))
    sent_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    dedupe_key: Mapped[str | None] = mapped_column(String(255), unique=True)
