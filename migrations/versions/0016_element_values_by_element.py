"""Element values by (round, element): the assessment view reads the group's values of the
group-relative elements only, instead of every value of the round

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 22:05:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_element_values_round_element",
        "element_values",
        ["round_id", "element_code", "unit_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_element_values_round_element", table_name="element_values")
