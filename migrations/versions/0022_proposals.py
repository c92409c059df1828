"""Proposals (đề xuất): units propose changes to the criteria; DIC accepts them into a draft,
declines them with a reason or marks them duplicates

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-05 02:58:05.967149
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import api.core.database

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "proposals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.Integer(), nullable=True),
        sa.Column("framework_code", sa.String(length=64), nullable=False),
        sa.Column("criterion_code", sa.String(length=32), nullable=True),
        sa.Column(
            "kind",
            sa.Enum(
                "change",
                "new",
                "remove",
                name="proposal_kind",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("proposed_text", sa.Text(), nullable=False),
        sa.Column("filed_by", sa.String(length=128), nullable=False),
        sa.Column("filed_at", api.core.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("attachment_sha256", sa.String(length=64), nullable=True),
        sa.Column("attachment_name", sa.String(length=255), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "submitted",
                "accepted",
                "declined",
                "duplicate",
                name="proposal_status",
                native_enum=False,
                create_constraint=True,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("target_framework_id", sa.Integer(), nullable=True),
        sa.Column("target_framework_code", sa.String(length=64), nullable=True),
        sa.Column("target_criterion_code", sa.String(length=32), nullable=True),
        sa.Column("duplicate_of_id", sa.Integer(), nullable=True),
        sa.Column("response", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=128), nullable=True),
        sa.Column("decided_at", api.core.database.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["attachment_sha256"],
            ["evidence_blobs.sha256"],
            name=op.f("fk_proposals_attachment_sha256_evidence_blobs"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["duplicate_of_id"],
            ["proposals.id"],
            name=op.f("fk_proposals_duplicate_of_id_proposals"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["framework_id"],
            ["frameworks.id"],
            name=op.f("fk_proposals_framework_id_frameworks"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["target_framework_id"],
            ["frameworks.id"],
            name=op.f("fk_proposals_target_framework_id_frameworks"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["unit_id"], ["units.id"], name=op.f("fk_proposals_unit_id_units"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_proposals")),
    )
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.create_index(
            "ix_proposals_framework", ["framework_id", "criterion_code"], unique=False
        )
        batch_op.create_index("ix_proposals_status", ["status", "id"], unique=False)
        batch_op.create_index("ix_proposals_target", ["target_framework_id"], unique=False)
        batch_op.create_index("ix_proposals_unit_status", ["unit_id", "status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("proposals", schema=None) as batch_op:
        batch_op.drop_index("ix_proposals_unit_status")
        batch_op.drop_index("ix_proposals_target")
        batch_op.drop_index("ix_proposals_status")
        batch_op.drop_index("ix_proposals_framework")

    op.drop_table("proposals")
