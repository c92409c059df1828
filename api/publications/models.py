"""Table of publications. Rows are written once and never changed: the database refuses UPDATE and
DELETE on them (triggers made by migration 0010, on PostgreSQL and on SQLite), so not even a bug or
a hand-written SQL statement can alter a published result. A correction is a new version."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, JSONType, UTCDateTime, utcnow


class Publication(Base):
    """One published version of a round's results (v1, v2 for a corrected re-issue).

    ``document`` is the public results document as served (canonical JSON, its ``content_hash``
    included); ``csv`` and ``xlsx`` are its downloads; ``detail`` holds every unit's points per
    criterion, whose SHA-256 the document names (``detail_sha256``), so the content hash covers it.
    The four are deferred: lists of publications do not load them; readers ask with ``undefer``.
    """

    __tablename__ = "publications"
    __table_args__ = (
        UniqueConstraint("round_id", "version", name="uq_publications_round_version"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="RESTRICT"))
    version: Mapped[int] = mapped_column(Integer)
    score_run_id: Mapped[int] = mapped_column(ForeignKey("score_runs.id", ondelete="RESTRICT"))
    reason: Mapped[str | None] = mapped_column(Text)
    content_hash: Mapped[str] = mapped_column(String(64))
    document: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    csv: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    xlsx: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    detail: Mapped[dict[str, Any]] = mapped_column(JSONType, deferred=True)
    published_by: Mapped[str] = mapped_column(String(128))
    published_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The audit chain's head when this version was published (event id, chain hash): verifying the
    # audit trail checks that this event is still there, unchanged (see api.audit.service).
    audit_anchor_id: Mapped[int | None] = mapped_column(Integer)
    audit_anchor_hash: Mapped[str | None] = mapped_column(String(64))
