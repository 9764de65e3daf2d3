"""Initial schema: ratings, target changes, applicability marks.

Revision ID: 0001
Revises:
Create Date: 2026-11-25 03:34:57.123736
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "applicability_marks",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.String(length=100), nullable=False),
        sa.Column("skill_id", sa.String(length=100), nullable=False),
        sa.Column("not_applicable", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applicability_marks")),
    )
    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("evidence", sa.Text(), nullable=False),
        sa.Column("effective_date", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("catalog_version", sa.String(length=40), nullable=False),
        sa.CheckConstraint("level BETWEEN 0 AND 5", name=op.f("ck_ratings_level_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ratings")),
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ratings_skill_effective", ["skill_id", "effective_date"], unique=False
        )

    op.create_table(
        "target_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.String(length=100), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_changes")),
    )


def downgrade() -> None:
    op.drop_table("target_changes")
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_index("ix_ratings_skill_effective")

    op.drop_table("ratings")
    op.drop_table("applicability_marks")
