"""Lineage links record how much of the predecessor the successor took (whole or part) and the
day the merger or split took effect

Links made before this migration keep both empty: the successor's first day stands for the date,
and the share is not known.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Plain ALTER TABLE on SQLite too (nullable columns without a default are added in place).
    op.add_column("unit_predecessors", sa.Column("share", sa.String(length=8), nullable=True))
    op.add_column("unit_predecessors", sa.Column("effective_on", sa.Date(), nullable=True))


def downgrade() -> None:
    op.drop_column("unit_predecessors", "effective_on")
    op.drop_column("unit_predecessors", "share")
