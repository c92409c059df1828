"""Practice rounds (vòng tập huấn): a round may be a practice copy of another.

Columns are added, never batch-altered: SQLite would rebuild ``rounds``, which every assessment row
references (hence no foreign key on ``practice_of_id``: SQLite cannot add one otherwise).

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-14 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        "rounds",
        sa.Column("is_practice", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("rounds", sa.Column("practice_of_id", sa.Integer(), nullable=True))
    op.create_index(op.f("ix_rounds_practice_of_id"), "rounds", ["practice_of_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_rounds_practice_of_id"), table_name="rounds")
    # Plain drops (SQLite ≥ 3.35): a batch rebuild of ``rounds`` would cascade on SQLite.
    op.drop_column("rounds", "practice_of_id")
    op.drop_column("rounds", "is_practice")
