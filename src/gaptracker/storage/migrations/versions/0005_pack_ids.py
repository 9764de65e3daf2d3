"""Every user row says which skill pack it was made under, and `pack use` is kept.

Ratings, goals, check-ins, target changes, marks and plan events name skills or roles of
a catalog; with several packs an id means something only within its pack. Every row made
before packs existed was made under the built-in guide, so it gets that pack's id. The
file is copied before this (or any) migration runs (storage.schema).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 02:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BUILT_IN_PACK_ID = "research-infra"
"""Written out, not imported: a migration must read the same whatever the code becomes."""
TABLES = ("checkins", "ratings", "goals", "plan_events", "target_changes", "applicability_marks")


def upgrade() -> None:
    # A plain ADD COLUMN, not a batch copy: copying `checkins` would drop the table the
    # ratings' foreign key points at. The default fills every existing row (and stays in
    # the file's schema; the code always gives the pack itself).
    for table in TABLES:
        op.add_column(
            table,
            sa.Column(
                "pack_id", sa.String(length=40), nullable=False, server_default=BUILT_IN_PACK_ID
            ),
        )
    op.create_table(
        "pack_choices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("pack_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.String(length=40), nullable=False),
        sa.Column("chosen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pack_choices")),
    )


def downgrade() -> None:
    op.drop_table("pack_choices")
    for table in TABLES:  # SQLite 3.35 and later drop a column in place
        op.execute(f"ALTER TABLE {table} DROP COLUMN pack_id")
