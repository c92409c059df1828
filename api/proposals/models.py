"""The table of the units' proposals (đề xuất) to change the criteria, and DIC's triage."""

from __future__ import annotations

import datetime as dt
import enum

from sqlalchemy import Enum, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, UTCDateTime, utcnow


class ProposalKind(enum.StrEnum):
    change = "change"  # change an indicator (wording, points, rule)
    new = "new"  # add a new indicator
    remove = "remove"  # remove an indicator


class ProposalStatus(enum.StrEnum):
    submitted = "submitted"
    accepted = "accepted"
    declined = "declined"
    duplicate = "duplicate"


def _enum(kind: type[enum.StrEnum], name: str) -> Enum:
    return Enum(kind, native_enum=False, length=16, create_constraint=True, name=name)


class Proposal(Base):
    """A unit's proposal to change, add or remove an indicator of a framework version, and
    DIC's answer: accepted into a draft version (linked to a criterion code there), declined
    with a reason, or a duplicate of another proposal.

    The frameworks' codes are kept beside their ids: a draft deleted later leaves the proposal
    saying which version it named."""

    __tablename__ = "proposals"
    __table_args__ = (
        Index("ix_proposals_unit_status", "unit_id", "status"),
        Index("ix_proposals_status", "status", "id"),
        Index("ix_proposals_framework", "framework_id", "criterion_code"),
        Index("ix_proposals_target", "target_framework_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    framework_id: Mapped[int | None] = mapped_column(
        ForeignKey("frameworks.id", ondelete="SET NULL")
    )
    framework_code: Mapped[str] = mapped_column(String(64))
    # The indicator concerned; for a new indicator, the criterion it would go under (or none).
    criterion_code: Mapped[str | None] = mapped_column(String(32))
    kind: Mapped[ProposalKind] = mapped_column(_enum(ProposalKind, "proposal_kind"))
    title: Mapped[str] = mapped_column(String(300))
    rationale: Mapped[str] = mapped_column(Text)
    # The proposed wording, points or rule, in the unit's words.
    proposed_text: Mapped[str] = mapped_column(Text)
    filed_by: Mapped[str] = mapped_column(String(128))
    filed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    attachment_sha256: Mapped[str | None] = mapped_column(
        ForeignKey("evidence_blobs.sha256", ondelete="RESTRICT")
    )
    attachment_name: Mapped[str | None] = mapped_column(String(255))
    status: Mapped[ProposalStatus] = mapped_column(
        _enum(ProposalStatus, "proposal_status"), default=ProposalStatus.submitted
    )
    target_framework_id: Mapped[int | None] = mapped_column(
        ForeignKey("frameworks.id", ondelete="SET NULL")
    )
    target_framework_code: Mapped[str | None] = mapped_column(String(64))
    target_criterion_code: Mapped[str | None] = mapped_column(String(32))
    duplicate_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("proposals.id", ondelete="SET NULL")
    )
    # DIC's answer: the note of an acceptance, the reason of a decline.
    response: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(128))
    decided_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
