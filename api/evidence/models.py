"""Tables of stored files (blobs) and their links to answers."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import BigInteger, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from api.core.database import Base, UTCDateTime, utcnow


class Blob(Base):
    """File content, stored once however many answers link it (content addressing)."""

    __tablename__ = "evidence_blobs"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    content_type: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class EvidenceLink(Base):
    """A file attached to one indicator answer of one unit in one round.

    Unlinking sets ``unlinked_at``: the link stays in the history, and so does the blob.
    """

    __tablename__ = "evidence_links"
    __table_args__ = (Index("ix_evidence_links_answer", "round_id", "unit_id", "indicator_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    indicator_code: Mapped[str] = mapped_column(String(32))
    sha256: Mapped[str] = mapped_column(ForeignKey("evidence_blobs.sha256", ondelete="RESTRICT"))
    filename: Mapped[str] = mapped_column(String(255))
    uploaded_by: Mapped[str] = mapped_column(String(128))
    uploaded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    unlinked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    unlinked_by: Mapped[str | None] = mapped_column(String(128))
    # Set for a file that backs a unit's feedback on preliminary results, not its answer.
    feedback_id: Mapped[int | None] = mapped_column(
        ForeignKey("feedback.id", ondelete="CASCADE"), index=True
    )

    blob: Mapped[Blob] = relationship(lazy="selectin")
