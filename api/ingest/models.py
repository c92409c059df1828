"""The import report of every batch a provider (or DIC) pushed, its idempotency key, and the rows
of a batch waiting for its background job."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, JSONType, UTCDateTime, utcnow


class IngestReport(Base):
    """What happened to one batch: counts, its first row errors with counts by kind, whether it
    was applied, and (for a batch run as a background job) its progress."""

    __tablename__ = "ingest_reports"
    # A key belongs to one sender: a user and a client may share a name, never a key space.
    __table_args__ = (UniqueConstraint("actor_kind", "actor", "idempotency_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"), index=True)
    actor: Mapped[str] = mapped_column(String(128), index=True)
    actor_kind: Mapped[str] = mapped_column(String(16))
    format: Mapped[str] = mapped_column(String(8))
    dry_run: Mapped[bool] = mapped_column(Boolean)
    # applied | validated | rejected; a background batch: queued | running first, and it may end
    # cancelled or failed.
    status: Mapped[str] = mapped_column(String(16))
    received: Mapped[int] = mapped_column(Integer)
    applied: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)
    rejected: Mapped[int] = mapped_column(Integer)
    # The first ERRORS_KEPT row errors only (deferred: lists never load them), ...
    errors: Mapped[list[dict[str, Any]]] = mapped_column(JSONType, default=list, deferred=True)
    # ... and every error counted: {code: {"count": n, "example": the first error of the kind}}.
    error_kinds: Mapped[dict[str, Any]] = mapped_column(JSONType, default=dict)
    errors_total: Mapped[int] = mapped_column(Integer, default=0)
    # Rows checked so far (a background batch; equal to ``received`` once checked).
    progress: Mapped[int] = mapped_column(Integer, default=0)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    idempotency_key: Mapped[str | None] = mapped_column(String(128))
    body_sha256: Mapped[str] = mapped_column(String(64))
    request_id: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class IngestBatch(Base):
    """The parsed rows of a batch waiting for (or in) its background job; deleted when it ends."""

    __tablename__ = "ingest_batches"

    report_id: Mapped[int] = mapped_column(
        ForeignKey("ingest_reports.id", ondelete="CASCADE"), primary_key=True
    )
    # JSON: {"principal": the sender as it was, "rows": [[row, unit, element, value], ...]}
    content: Mapped[bytes] = mapped_column(LargeBinary)
