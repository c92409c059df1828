"""Tables of review decisions (append-only; the newest per answer is the current one) and of the
comment threads between a unit and DIC on each answer."""

from __future__ import annotations

import datetime as dt
import enum
from decimal import Decimal
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, ExactDecimal, JSONType, UTCDateTime, utcnow


class Decision(enum.StrEnum):
    accepted = "accepted"
    adjusted = "adjusted"
    returned = "returned"


class ReviewDecision(Base):
    """One decision of a reviewer on one answer. Never updated: a new decision is a new row."""

    __tablename__ = "review_decisions"
    __table_args__ = (
        Index("ix_review_decisions_answer", "round_id", "unit_id", "indicator_code", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    indicator_code: Mapped[str] = mapped_column(String(32))
    decision: Mapped[Decision] = mapped_column(
        Enum(Decision, native_enum=False, length=16, create_constraint=True, name="decision")
    )
    # An adjustment: the reviewer's points (replacing the computed ones) or values (by input name,
    # stored as reviewer-source element values), never both.
    points: Mapped[Decimal | None] = mapped_column(ExactDecimal)
    values: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    comment: Mapped[str | None] = mapped_column(Text)
    # The submission's state the decision was made on (its version), so a later reader can tell
    # a decision made before the unit's resubmission from one made after it.
    submission_version: Mapped[int]
    reviewer: Mapped[str] = mapped_column(String(128))
    decided_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AnswerComment(Base):
    """One message in the thread on an answer, from the unit's staff or from DIC."""

    __tablename__ = "answer_comments"
    __table_args__ = (
        Index("ix_answer_comments_answer", "round_id", "unit_id", "indicator_code", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    indicator_code: Mapped[str] = mapped_column(String(32))
    author: Mapped[str] = mapped_column(String(128))
    author_side: Mapped[str] = mapped_column(String(8))  # "unit" | "dic"
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
