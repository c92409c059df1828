"""Tables of rounds, their participants and their phase history."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Boolean, Date, Enum, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.core.database import Base, JSONType, UTCDateTime, utcnow
from api.frameworks.models import Framework
from api.units.models import Unit, UnitGroup


class Phase(enum.StrEnum):
    draft = "draft"
    collecting = "collecting"
    reviewing = "reviewing"
    preliminary = "preliminary"
    final = "final"
    published = "published"


class Round(Base):
    """An assessment round (kỳ đánh giá)."""

    __tablename__ = "rounds"

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    title_vi: Mapped[str] = mapped_column(String(500))
    title_en: Mapped[str] = mapped_column(String(500))
    framework_id: Mapped[int] = mapped_column(
        ForeignKey("frameworks.id", ondelete="RESTRICT"), index=True
    )
    phase: Mapped[Phase] = mapped_column(
        Enum(Phase, native_enum=False, length=16, create_constraint=True, name="round_phase"),
        default=Phase.draft,
    )
    # {phase: {"starts_at": ISO UTC, "ends_at": ISO UTC}} (api.rounds.schedule)
    schedule: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    # The day the participants were chosen on (units valid that day); 31 December of the year
    # for rounds made before it was kept.
    reference_date: Mapped[dt.date | None] = mapped_column(Date)
    # Phases move on their scheduled start (a periodic task, api.rounds.jobs), besides by hand.
    auto_advance: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    is_demo: Mapped[bool] = mapped_column(Boolean, default=False)
    # A practice round (vòng tập huấn): a copy of a round (``practice_of_id``) where units and
    # agencies practise on separate data; never published, never urged, never a "current" round
    # (api.rounds.practice). The copy stays a practice round if its original is deleted.
    is_practice: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Not a foreign key: SQLite adds none to an existing table without rebuilding ``rounds``, and
    # that rebuild would cascade. Deleting a round clears its copies' link (service.delete).
    practice_of_id: Mapped[int | None] = mapped_column(Integer, index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    framework: Mapped[Framework] = relationship(lazy="selectin")
    participants: Mapped[list[RoundUnit]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, lazy="selectin"
    )


class RoundUnit(Base):
    """A unit taking part in a round, with the group it is ranked in (a snapshot at creation)."""

    __tablename__ = "round_units"

    round_id: Mapped[int] = mapped_column(
        ForeignKey("rounds.id", ondelete="CASCADE"), primary_key=True
    )
    unit_id: Mapped[int] = mapped_column(
        ForeignKey("units.id", ondelete="RESTRICT"), primary_key=True, index=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("unit_groups.id", ondelete="RESTRICT"))
    # The unit's own deadline (an extension past the end of collecting), why, by whom and when.
    deadline_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    deadline_reason: Mapped[str | None] = mapped_column(String(1000))
    deadline_set_by: Mapped[str | None] = mapped_column(String(64))
    deadline_set_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    unit: Mapped[Unit] = relationship(lazy="selectin")
    group: Mapped[UnitGroup] = relationship(lazy="selectin")


class PhaseChange(Base):
    """One move of a round's phase: who, when, from, to."""

    __tablename__ = "round_phase_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    from_phase: Mapped[str] = mapped_column(String(16))
    to_phase: Mapped[str] = mapped_column(String(16))
    changed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    changed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    note: Mapped[str | None] = mapped_column(String(1000))
    # Moved by the schedule (auto-advance), not by a person or a publication.
    automatic: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
