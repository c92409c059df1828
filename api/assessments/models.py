"""Tables of submissions, element values (one current row per source) and their revisions."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import Enum, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from api.core.database import Base, JSONType, UTCDateTime, utcnow


class SubmissionStatus(enum.StrEnum):
    not_started = "not_started"
    in_progress = "in_progress"
    submitted = "submitted"
    returned = "returned"
    resubmitted = "resubmitted"
    accepted = "accepted"


class ValueSource(enum.StrEnum):
    """Who supplied a value: the unit itself, a provider agency (API), or a DIC reviewer."""

    unit = "unit"
    provider = "provider"
    reviewer = "reviewer"


class Submission(Base):
    """A unit's assessment in a round (one per unit per round); ``version`` backs its ETag."""

    __tablename__ = "submissions"
    __table_args__ = (UniqueConstraint("round_id", "unit_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    status: Mapped[SubmissionStatus] = mapped_column(
        Enum(
            SubmissionStatus,
            native_enum=False,
            length=16,
            create_constraint=True,
            name="submission_status",
        ),
        default=SubmissionStatus.not_started,
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    submitted_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    submitted_by: Mapped[str | None] = mapped_column(String(128))
    # The answers DIC returned since the last (re)submission: the only ones the unit may change
    # while the assessment is returned (review calls ``reopen_answer`` / ``settle_answer``).
    reopened: Mapped[list[str] | None] = mapped_column(JSONType)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ElementValue(Base):
    """The current value of one data element for one unit in a round, from one source."""

    __tablename__ = "element_values"
    __table_args__ = (
        UniqueConstraint("round_id", "unit_id", "element_code", "source"),
        # The group's values of a few elements (group-relative indicators in the assessment view).
        Index("ix_element_values_round_element", "round_id", "element_code", "unit_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"), index=True)
    element_code: Mapped[str] = mapped_column(String(64))
    source: Mapped[ValueSource] = mapped_column(
        Enum(ValueSource, native_enum=False, length=16, create_constraint=True, name="value_source")
    )
    value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    revision: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(128))


class ValueRevision(Base):
    """One change of an element value: who, when, from what source, old and new value."""

    __tablename__ = "value_revisions"
    __table_args__ = (Index("ix_value_revisions_value_id_revision", "value_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    value_id: Mapped[int] = mapped_column(ForeignKey("element_values.id", ondelete="CASCADE"))
    revision: Mapped[int] = mapped_column(Integer)
    old_value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    new_value: Mapped[Any] = mapped_column(JSONType, nullable=True)
    actor: Mapped[str] = mapped_column(String(128))
    actor_kind: Mapped[str] = mapped_column(String(16))
    request_id: Mapped[str | None] = mapped_column(String(64))
    # The import report of the batch that made the change (figures pushed by an agency).
    ingest_report_id: Mapped[int | None] = mapped_column(
        ForeignKey("ingest_reports.id", ondelete="SET NULL"), index=True
    )
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class AnswerNote(Base):
    """The unit's note (giải thích) on one indicator answer; changes are kept as revisions."""

    __tablename__ = "answer_notes"
    __table_args__ = (UniqueConstraint("round_id", "unit_id", "indicator_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    round_id: Mapped[int] = mapped_column(ForeignKey("rounds.id", ondelete="CASCADE"))
    unit_id: Mapped[int] = mapped_column(ForeignKey("units.id", ondelete="RESTRICT"))
    indicator_code: Mapped[str] = mapped_column(String(32))
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_by: Mapped[str] = mapped_column(String(128))


class NoteRevision(Base):
    """One change of an answer's note."""

    __tablename__ = "note_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    note_id: Mapped[int] = mapped_column(
        ForeignKey("answer_notes.id", ondelete="CASCADE"), index=True
    )
    old_note: Mapped[str | None] = mapped_column(Text)
    new_note: Mapped[str | None] = mapped_column(Text)
    actor: Mapped[str] = mapped_column(String(128))
    request_id: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
