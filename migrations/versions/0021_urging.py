"""Urging: editable message templates (with the default one) and the messages sent to units

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-10 09:00:00.000000
"""

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.core.database

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The template DIC starts from (editable in the app; nothing official is quoted in it).
DEFAULT_TEMPLATE = {
    "name": "Đôn đốc nộp bài tự đánh giá",
    "subject_vi": "Đôn đốc hoàn thành bài tự đánh giá kỳ «{round}»",
    "subject_en": "Please complete your self-assessment in «{round}»",
    "body_vi": (
        "Kính gửi {unit}: hạn nộp bài tự đánh giá kỳ «{round}» là {deadline} (đã quá {days_late} "
        "ngày). Đơn vị còn {answers_left} chỉ số chưa trả lời (đã trả lời {answered_pct}%). Đề "
        "nghị đơn vị khẩn trương hoàn thành và nộp bài. Trân trọng."
    ),
    "body_en": (
        "To {unit}: the self-assessment in «{round}» is due on {deadline} ({days_late} days "
        "late). {answers_left} indicators are still unanswered ({answered_pct}% answered). "
        "Please complete and submit it promptly."
    ),
}


def upgrade() -> None:
    templates = op.create_table(
        "urge_templates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("subject_vi", sa.String(length=200), nullable=False),
        sa.Column("subject_en", sa.String(length=200), nullable=False),
        sa.Column("body_vi", sa.Text(), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        sa.Column("updated_by", sa.String(length=128), nullable=False),
        sa.Column("updated_at", api.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_urge_templates")),
        sa.UniqueConstraint("name", name=op.f("uq_urge_templates_name")),
    )
    op.create_table(
        "urgings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("template_id", sa.Integer(), nullable=True),
        sa.Column("subject_vi", sa.String(length=200), nullable=False),
        sa.Column("subject_en", sa.String(length=200), nullable=False),
        sa.Column("body_vi", sa.Text(), nullable=False),
        sa.Column("body_en", sa.Text(), nullable=False),
        sa.Column("recipients", sa.Integer(), nullable=False),
        sa.Column("sent_by", sa.String(length=128), nullable=False),
        sa.Column("sent_at", api.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("dedupe_key", sa.String(length=255), nullable=True),
        sa.ForeignKeyConstraint(
            ["round_id"], ["rounds.id"], name=op.f("fk_urgings_round_id_rounds"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["template_id"],
            ["urge_templates.id"],
            name=op.f("fk_urgings_template_id_urge_templates"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_urgings_unit_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_urgings")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_urgings_dedupe_key")),
    )
    with op.batch_alter_table("urgings", schema=None) as batch_op:
        batch_op.create_index("ix_urgings_round_unit", ["round_id", "unit_id", "id"], unique=False)
    op.bulk_insert(
        templates,
        [{**DEFAULT_TEMPLATE, "updated_by": "system", "updated_at": dt.datetime.now(dt.UTC)}],
    )


def downgrade() -> None:
    with op.batch_alter_table("urgings", schema=None) as batch_op:
        batch_op.drop_index("ix_urgings_round_unit")
    op.drop_table("urgings")
    op.drop_table("urge_templates")
