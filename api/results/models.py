"""Table of score runs: the engine's output for a round at one moment, kept as computed."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Boolean, Enum, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, JSONType, UTCDateTime, utcnow


class RunKind(enum.StrEnum):
    """``draft``: for DIC only; ``preliminary``: each unit sees its own results and may file
    feedback (giải trình); ``final``: after the feedback is answered, what is published."""

    draft = "draft"
    preliminary = "preliminary"
    final = "final"


class ScoreRun(Base):
    """A score run. ``results`` holds, per unit, every criterion's points, max, index and rank
    (rounded as shown) and every indicator's explanation; ``input_hash`` is the engine's hash of
    everything it was computed from, so equal inputs are recognisable as such."""

    __tablename__ = "score_runs"
    __table_args__ = (Index("ix_score_runs_round_kind", "round_id", "kind", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    kind: Mapped[RunKind] = mapped_column(
        Enum(RunKind, native_enum=False, length=16, create_constraint=True, name="run_kind")
    )
    shared_with_units: Mapped[bool] = mapped_column(Boolean, default=False)
    input_hash: Mapped[str] = mapped_column(String(64))
    framework_id: Mapped[int] = mapped_column(ForeignKey("frameworks.id", ondelete="RESTRICT"))
    framework_revision: Mapped[int] = mapped_column(Integer)
    unit_count: Mapped[int] = mapped_column(Integer)
    results: Mapped[dict[str, Any]] = mapped_column(JSONType)
    created_by: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
