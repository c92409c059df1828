"""Tables of units, unit groups, group membership and predecessor links."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Column, Date, ForeignKey, Integer, String, Table, event, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.core.database import Base, UTCDateTime, utcnow
from api.core.text import fold

unit_group_members = Table(
    "unit_group_members",
    Base.metadata,
    Column("unit_id", ForeignKey("units.id", ondelete="CASCADE"), primary_key=True),
    Column("group_id", ForeignKey("unit_groups.id", ondelete="CASCADE"), primary_key=True),
)

# A lineage link: ``unit_id`` took over the whole of ``predecessor_id`` or a part of it
# (``share``) on ``effective_on``. Links written before mergers were recorded through the API
# have neither (the successor's first day stands for the date).
unit_predecessors = Table(
    "unit_predecessors",
    Base.metadata,
    Column("unit_id", ForeignKey("units.id", ondelete="CASCADE"), primary_key=True),
    Column("predecessor_id", ForeignKey("units.id", ondelete="CASCADE"), primary_key=True),
    Column("share", String(8), nullable=True),
    Column("effective_on", Date, nullable=True),
    # Where the link comes from (e.g. the pre-2025 wards behind it) and whether DIC has still to
    # confirm it (seeded from an unverified list): a partial link is never more precise than this.
    Column("note", String(1000), nullable=True),
    Column("unverified", Boolean, nullable=False, default=False, server_default=false()),
)


class UnitGroup(Base):
    """A ranking group (nhóm xếp hạng), e.g. SBN or QH."""

    __tablename__ = "unit_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_vi: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class Unit(Base):
    """An assessed or supplying unit (đơn vị): department, district, ward, agency, the city."""

    __tablename__ = "units"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name_vi: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(32), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("units.id", ondelete="SET NULL"))
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    # A sector agency that supplies figures (cơ quan cung cấp số liệu); it may be assessed too.
    is_provider: Mapped[bool] = mapped_column(Boolean, default=False)
    # Where the unit comes from (a decision, a package's official list), and whether DIC has still
    # to confirm it: a unit seeded from an unverified list is shown as such, never as official.
    source: Mapped[str | None] = mapped_column(String(500))
    unverified: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Code and names folded (no case, no accents), kept by the events below, for search.
    search_text: Mapped[str] = mapped_column(String(600), default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    parent: Mapped[Unit | None] = relationship(remote_side=[id], lazy="selectin", join_depth=1)
    groups: Mapped[list[UnitGroup]] = relationship(
        secondary=unit_group_members, order_by=UnitGroup.sort_order, lazy="selectin"
    )
    predecessors: Mapped[list[Unit]] = relationship(
        secondary=unit_predecessors,
        primaryjoin=id == unit_predecessors.c.unit_id,
        secondaryjoin=id == unit_predecessors.c.predecessor_id,
        order_by="Unit.code",
        lazy="selectin",
        join_depth=1,
    )


@event.listens_for(Unit, "before_insert")
@event.listens_for(Unit, "before_update")
def _refresh_search_text(_mapper: object, _connection: object, unit: Unit) -> None:
    unit.search_text = fold(f"{unit.code} {unit.name_vi} {unit.name_en}")
