"""Check-ins, goals, and the check-in of each rating.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 04:18:18.823393
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "checkins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.String(length=100), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_checkins")),
    )
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(length=100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("level BETWEEN 1 AND 5", name=op.f("ck_goals_level_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_goals")),
    )
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("checkin_id", sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f("ix_ratings_checkin_id"), ["checkin_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_ratings_checkin_id_checkins"), "checkins", ["checkin_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_ratings_checkin_id_checkins"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_ratings_checkin_id"))
        batch_op.drop_column("checkin_id")

    op.drop_table("goals")
    op.drop_table("checkins")
