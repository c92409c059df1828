"""Reopened answers: the answers DIC returned since a unit's last submission, kept with the
submission (assessments no longer read review decisions to know what a unit may change)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 19:11:23.753987
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import api.core.database

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

JSON = sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reopened", JSON, nullable=True))

    # The open returns as the decisions said until now: an answer whose newest decision is
    # "returned" and was made after the unit's last (re)submission.
    submissions = sa.table(
        "submissions",
        sa.column("id", sa.Integer),
        sa.column("round_id", sa.Integer),
        sa.column("unit_id", sa.Integer),
        sa.column("submitted_at", api.core.database.UTCDateTime()),
        sa.column("reopened", JSON),
    )
    decisions = sa.table(
        "review_decisions",
        sa.column("id", sa.Integer),
        sa.column("round_id", sa.Integer),
        sa.column("unit_id", sa.Integer),
        sa.column("indicator_code", sa.String),
        sa.column("decision", sa.String),
        sa.column("decided_at", api.core.database.UTCDateTime()),
    )
    connection = op.get_bind()
    newest = (
        sa.select(sa.func.max(decisions.c.id))
        .group_by(decisions.c.round_id, decisions.c.unit_id, decisions.c.indicator_code)
        .scalar_subquery()
    )
    rows = connection.execute(
        sa.select(
            submissions.c.id,
            submissions.c.submitted_at,
            decisions.c.indicator_code,
            decisions.c.decided_at,
        )
        .join(
            decisions,
            (decisions.c.round_id == submissions.c.round_id)
            & (decisions.c.unit_id == submissions.c.unit_id),
        )
        .where(decisions.c.id.in_(newest), decisions.c.decision == "returned")
    ).all()
    reopened: dict[int, set[str]] = {}
    for submission_id, submitted_at, code, decided_at in rows:
        if submitted_at is None or decided_at >= submitted_at:
            reopened.setdefault(submission_id, set()).add(code)
    for submission_id, codes in reopened.items():
        connection.execute(
            submissions.update()
            .where(submissions.c.id == submission_id)
            .values(reopened=sorted(codes))
        )


def downgrade() -> None:
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("reopened")
