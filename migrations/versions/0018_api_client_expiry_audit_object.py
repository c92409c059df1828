"""API clients: an optional expiry and the time of their last token grant; the audit trail's
index per object (one object's timeline)

Scopes limited to one round need no column: a scope's ``round_id`` lives in the ``scopes`` JSON,
and scopes stored before this migration, without one, keep meaning every round.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.core.database

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "api_clients",
        sa.Column("expires_at", api.core.database.UTCDateTime(timezone=True), nullable=True),
    )
    op.add_column(
        "api_clients",
        sa.Column("last_used_at", api.core.database.UTCDateTime(timezone=True), nullable=True),
    )
    op.create_index(
        "ix_audit_events_object", "audit_events", ["object_type", "object_id", "id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_audit_events_object", table_name="audit_events")
    op.drop_column("api_clients", "last_used_at")
    op.drop_column("api_clients", "expires_at")
