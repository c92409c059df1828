"""The merged city's units and the operating department: where a unit or a lineage link comes
from and whether DIC has still to confirm it; the operating department's name, a setting

Revision ID: 0028
Revises: 0025
Create Date: 2026-12-20 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.core.database

revision: str = "0028"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("units", sa.Column("source", sa.String(length=500), nullable=True))
    op.add_column(
        "units",
        sa.Column("unverified", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("unit_predecessors", sa.Column("note", sa.String(length=1000), nullable=True))
    op.add_column(
        "unit_predecessors",
        sa.Column("unverified", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.create_table(
        "operator_settings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_vi", sa.String(length=255), nullable=False),
        sa.Column("name_en", sa.String(length=255), nullable=False),
        sa.Column("short_name_vi", sa.String(length=64), nullable=False),
        sa.Column("short_name_en", sa.String(length=64), nullable=False),
        sa.Column("since", sa.Date(), nullable=True),
        sa.Column("updated_by", sa.String(length=128), nullable=False),
        sa.Column("updated_at", api.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_operator_settings")),
    )


def downgrade() -> None:
    op.drop_table("operator_settings")
    # Plain ALTER TABLE … DROP COLUMN on SQLite too (a batch copy would trip the foreign keys).
    op.drop_column("unit_predecessors", "unverified")
    op.drop_column("unit_predecessors", "note")
    op.drop_column("units", "unverified")
    op.drop_column("units", "source")
