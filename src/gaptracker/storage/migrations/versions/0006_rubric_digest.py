"""Every new rating keeps the digest of the rubric it was made against.

With it, a rating whose skill's level descriptors changed since (a pack edited, a new
version) can be flagged "rubric changed since you rated: re-rate?" (domain.rubric). Rows
made before stay NULL: nothing says which descriptors they were made against, and NULL is
never flagged. The file is copied before this (or any) migration runs (storage.schema).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN, not a batch copy (as in 0005): copying the table would rewrite
    # every rating, and a nullable column without a default touches none of them.
    op.add_column("ratings", sa.Column("rubric_digest", sa.String(length=64), nullable=True))


def downgrade() -> None:
    op.execute("ALTER TABLE ratings DROP COLUMN rubric_digest")  # SQLite 3.35 and later
