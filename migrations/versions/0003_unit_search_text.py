"""Units get a folded search text (no case, no accents), filled in for the units already there.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 16:26:25.457325
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.core.text import fold

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.String(length=600), nullable=True))
    units = sa.table(
        "units",
        sa.column("id", sa.Integer),
        sa.column("code", sa.String),
        sa.column("name_vi", sa.String),
        sa.column("name_en", sa.String),
        sa.column("search_text", sa.String),
    )
    connection = op.get_bind()
    rows = connection.execute(sa.select(units.c.id, units.c.code, units.c.name_vi, units.c.name_en))
    for unit_id, code, name_vi, name_en in rows.all():
        connection.execute(
            units.update()
            .where(units.c.id == unit_id)
            .values(search_text=fold(f"{code} {name_vi} {name_en}"))
        )
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.alter_column("search_text", existing_type=sa.String(length=600), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table("units", schema=None) as batch_op:
        batch_op.drop_column("search_text")
