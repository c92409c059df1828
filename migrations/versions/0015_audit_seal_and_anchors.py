"""Audit seals and anchors: each audit event gets a MAC under the audit key (DTI_AUDIT_KEY, kept
outside the database), and each publication the audit chain's head when it was published

Events recorded before this migration have no MAC: the key is not the database's to know, so they
are sealed by ``python -m api audit-rekey`` (README § Audit trail), which checks their chain first.
Until then the audit verification reports them as ``unsealed``. Publications made before this
migration have no anchor.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 21:45:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE, on SQLite too (3.35+ adds and drops columns in place): batch mode would
    # rebuild the publications table and lose its triggers refusing UPDATE and DELETE.
    op.add_column("audit_events", sa.Column("mac", sa.String(length=64), nullable=True))
    op.add_column("publications", sa.Column("audit_anchor_id", sa.Integer(), nullable=True))
    op.add_column(
        "publications", sa.Column("audit_anchor_hash", sa.String(length=64), nullable=True)
    )


def downgrade() -> None:
    op.drop_column("publications", "audit_anchor_hash")
    op.drop_column("publications", "audit_anchor_id")
    op.drop_column("audit_events", "mac")
