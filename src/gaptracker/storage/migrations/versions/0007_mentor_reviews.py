"""Mentor reviews: the bundles `share` wrote, and the mentors' levels `import-review` kept.

Two new tables; no existing row is touched. The file is copied before this (or any)
migration runs (storage.schema).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 06:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BUILT_IN_PACK_ID = "research-infra"
"""Written out, not imported: a migration must read the same whatever the code becomes."""


def upgrade() -> None:
    op.create_table(
        "review_bundles",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("role_id", sa.String(length=100), nullable=False),
        sa.Column("skill_ids", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("pack_id", sa.String(length=40), nullable=False, server_default=BUILT_IN_PACK_ID),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_bundles")),
    )
    op.create_table(
        "mentor_ratings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("review_id", sa.String(length=32), nullable=False),
        sa.Column("bundle_id", sa.String(length=32), nullable=False),
        sa.Column("mentor", sa.String(length=80), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("skill_id", sa.String(length=100), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("pack_id", sa.String(length=40), nullable=False, server_default=BUILT_IN_PACK_ID),
        sa.CheckConstraint("level BETWEEN 0 AND 5", name=op.f("ck_mentor_ratings_level_range")),
        sa.ForeignKeyConstraint(
            ["bundle_id"],
            ["review_bundles.id"],
            name=op.f("fk_mentor_ratings_bundle_id_review_bundles"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mentor_ratings")),
    )
    with op.batch_alter_table("mentor_ratings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_mentor_ratings_review_id"), ["review_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("mentor_ratings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mentor_ratings_review_id"))
    op.drop_table("mentor_ratings")
    op.drop_table("review_bundles")
