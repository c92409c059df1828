"""The table of feedback on preliminary results (giải trình) and DIC's answers."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, UTCDateTime, utcnow


class FeedbackStatus(enum.StrEnum):
    open = "open"
    accepted = "accepted"
    rejected = "rejected"


class Feedback(Base):
    """A unit's explanation or objection (giải trình) on one indicator of its preliminary
    results, and DIC's answer: accepted (with the adjustment made) or rejected (with a reason)."""

    __tablename__ = "feedback"
    __table_args__ = (Index("ix_feedback_round_status", "round_id", "status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    indicator_code: Mapped[str] = mapped_column(String(32))
    score_run_id: Mapped[int] = mapped_column(ForeignKey("score_runs.id", ondelete="RESTRICT"))
    body: Mapped[str] = mapped_column(Text)
    filed_by: Mapped[str] = mapped_column(String(128))
    filed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    status: Mapped[FeedbackStatus] = mapped_column(
        Enum(
            FeedbackStatus,
            native_enum=False,
            length=16,
            create_constraint=True,
            name="feedback_status",
        ),
        default=FeedbackStatus.open,
    )
    response: Mapped[str | None] = mapped_column(Text)
    responded_by: Mapped[str | None] = mapped_column(String(128))
    responded_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    review_decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_decisions.id", ondelete="SET NULL")
    )
