"""Help centre: first sign-in tours seen per user and role, and the support contact

Users who have signed in before this migration count as having seen the tour of each role they
hold: the tour is for first sign-in, and they are past it.

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-20 09:00:00.000000
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.core.database

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    tours = op.create_table(
        "tour_views",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("tour", sa.String(length=20), nullable=False),
        sa.Column("seen_at", api.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_tour_views_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("user_id", "tour", name=op.f("pk_tour_views")),
    )
    op.create_table(
        "help_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hotline", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=255), nullable=True),
        sa.Column("office_hours_vi", sa.String(length=200), nullable=True),
        sa.Column("office_hours_en", sa.String(length=200), nullable=True),
        sa.Column("updated_by", sa.String(length=128), nullable=False),
        sa.Column("updated_at", api.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_help_contact")),
    )
    rows = op.get_bind().execute(
        sa.text(
            "SELECT user_roles.user_id, user_roles.role FROM user_roles "
            "JOIN users ON users.id = user_roles.user_id WHERE users.last_login_at IS NOT NULL"
        )
    )
    now = dt.datetime.now(dt.UTC)
    seen = [{"user_id": user_id, "tour": role, "seen_at": now} for user_id, role in rows]
    if seen:
        op.bulk_insert(tours, seen)


def downgrade() -> None:
    op.drop_table("help_contact")
    op.drop_table("tour_views")
