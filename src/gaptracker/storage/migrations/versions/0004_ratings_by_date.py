"""An index on the ratings' effective date: the dashboard reads the last weeks by date.

Without it, "ratings effective after this day" scans the whole history (5 ms at ten
years of weekly check-ins, and growing); with it, the read costs what the weeks hold.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 07:40:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.create_index("ix_ratings_effective_date", ["effective_date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("ratings", schema=None) as batch_op:
        batch_op.drop_index("ix_ratings_effective_date")
