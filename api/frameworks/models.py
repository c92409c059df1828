"""Tables of framework versions, their data elements and their criteria tree."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Enum, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.core.database import Base, ExactDecimal, JSONType, UTCDateTime, utcnow


class FrameworkStatus(enum.StrEnum):
    draft = "draft"
    active = "active"
    retired = "retired"


class Framework(Base):
    """One version of an index framework (bộ chỉ số)."""

    __tablename__ = "frameworks"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    title_vi: Mapped[str] = mapped_column(String(500))
    title_en: Mapped[str] = mapped_column(String(500))
    legal_basis: Mapped[str | None] = mapped_column(String(500))
    year: Mapped[int] = mapped_column(Integer)
    status: Mapped[FrameworkStatus] = mapped_column(
        Enum(
            FrameworkStatus,
            native_enum=False,
            length=16,
            create_constraint=True,
            name="framework_status",
        ),
        default=FrameworkStatus.draft,
    )
    groups: Mapped[list[str]] = mapped_column(JSONType)
    # Levels (mức độ), pillar views (trụ cột) and provenance as in the framework format
    # (docs/framework-format.md); None on frameworks that set none.
    levels: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType)
    pillar_views: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType)
    provenance: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
    cloned_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("frameworks.id", ondelete="SET NULL")
    )
    revision: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    # The database cascades deletes (ON DELETE CASCADE); the ORM must not delete row by row too.
    elements: Mapped[list[DataElement]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="DataElement.position",
        lazy="raise",
    )
    criteria: Mapped[list[Criterion]] = relationship(
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Criterion.position",
        lazy="raise",
    )


class DataElement(Base):
    """A raw figure or answer (chỉ tiêu số liệu) that indicators read."""

    __tablename__ = "data_elements"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(64))
    name_vi: Mapped[str] = mapped_column(String(500))
    name_en: Mapped[str] = mapped_column(String(500))
    value_type: Mapped[str] = mapped_column(String(16))
    options: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONType)
    min_value: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    max_value: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    unit_of_measure: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(String(16))
    provider_code: Mapped[str | None] = mapped_column(String(32))


class Criterion(Base):
    """A node of the criteria tree (tiêu chí): pillar, main or component indicator."""

    __tablename__ = "criteria"
    __table_args__ = (UniqueConstraint("framework_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("criteria.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(32))
    name_vi: Mapped[str] = mapped_column(String(1000))
    name_en: Mapped[str] = mapped_column(String(1000))
    max_points: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    weight: Mapped[Decimal] = mapped_column(ExactDecimal, default=Decimal(1))
    groups: Mapped[list[str] | None] = mapped_column(JSONType)
    rule: Mapped[dict[str, Any]] = mapped_column(JSONType)
    inputs: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list)
    not_applicable_when_missing: Mapped[bool] = mapped_column(Boolean, default=False)
    evidence_required: Mapped[bool] = mapped_column(Boolean, default=False)
    guidance: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    note: Mapped[str | None] = mapped_column(Text)
    provenance: Mapped[dict[str, Any] | None] = mapped_column(JSONType)
