"""Frameworks carry levels (mức độ), pillar views (trụ cột) and provenance; criteria carry
provenance (issue 17)

All four are JSON documents in the framework format (docs/framework-format.md), empty on the
frameworks stored before: no levels, no pillar views, provenance not stated.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-12 09:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _json() -> sa.types.TypeEngine[object]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    # Nullable columns without a default: a plain ALTER TABLE on SQLite too.
    op.add_column("frameworks", sa.Column("levels", _json(), nullable=True))
    op.add_column("frameworks", sa.Column("pillar_views", _json(), nullable=True))
    op.add_column("frameworks", sa.Column("provenance", _json(), nullable=True))
    op.add_column("criteria", sa.Column("provenance", _json(), nullable=True))


def downgrade() -> None:
    op.drop_column("criteria", "provenance")
    op.drop_column("frameworks", "provenance")
    op.drop_column("frameworks", "pillar_views")
    op.drop_column("frameworks", "levels")
