"""SQLAlchemy Core tables. Every user action is a new row: nothing is updated in place.

Core, not ORM classes: the records are append-only, so an ORM session (identity map,
change tracking, lazy loads) has nothing to track, while importing `sqlalchemy.orm`,
building declarative classes and configuring mappers on the first query cost about 65 ms
of every start. Rows go in with `insert()` and come back as
plain `Row`s, which `mapping` turns into domain models.

Skill and role ids are plain strings, not foreign keys to catalog tables: the catalog
ships with the code and may retire or rename a skill, and the user's history must outlive
that.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from gaptracker.domain.models import BUILT_IN_PACK_ID

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """Stores aware datetimes as naive UTC (SQLite has no time zones); returns them aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        return value.replace(tzinfo=dt.UTC) if value is not None else None


class UserText(TypeDecorator[str]):
    """Text as the user typed it, kept exactly. PostgreSQL's text cannot hold U+0000
    (SQLite's can), so there, and only there, a backslash is stored doubled and U+0000 as
    a backslash and a zero; reading undoes both."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or dialect.name != "postgresql":
            return value
        return value.replace("\\", "\\\\").replace("\x00", "\\0")

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None or dialect.name != "postgresql" or "\\" not in value:
            return value
        return _ESCAPED.sub(lambda m: "\x00" if m[1] == "0" else m[1], value)


_ESCAPED = re.compile(r"\\(.)", re.DOTALL)

metadata = MetaData(naming_convention=NAMING)


def pack_column() -> Column[str]:
    """The skill pack a user row was made under (every row before packs: the built-in)."""
    return Column("pack_id", String(40), nullable=False, default=BUILT_IN_PACK_ID)


LOGIN_LENGTH = 63
"""PostgreSQL's longest role name (NAMEDATALEN - 1 bytes)."""


def member_column() -> Column[str]:
    """Whose row this is: on a group database (storage.group) the login that wrote it, or
    the mentee a mentor wrote a review for, set by the server's default and checked by
    its row-level security; on a SQLite file always ''. No code sets it."""
    return Column("member", String(LOGIN_LENGTH), nullable=False, server_default="")


checkins = Table(
    "checkins",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("role_id", String(100), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    pack_column(),
    member_column(),
    Index("ix_checkins_member_started", "member", "started_at"),
)

ratings = Table(
    "ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("skill_id", String(100), nullable=False),
    Column("level", Integer, nullable=False),
    Column("note", UserText, nullable=False, default=""),
    Column("evidence", UserText, nullable=False, default=""),
    Column("effective_date", Date, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("catalog_version", String(40), nullable=False),
    Column("checkin_id", ForeignKey("checkins.id"), index=True),
    pack_column(),
    member_column(),
    Column("rubric_digest", String(64)),
    CheckConstraint("level BETWEEN 0 AND 5", name="level_range"),
    Index("ix_ratings_member_skill_effective", "member", "skill_id", "effective_date"),
    Index("ix_ratings_member_effective_date", "member", "effective_date"),
)

goals = Table(
    "goals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("skill_id", String(100), nullable=False),
    Column("level", Integer, nullable=False),
    Column("due", Date, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    pack_column(),
    member_column(),
    Index("ix_goals_member", "member"),
    CheckConstraint("level BETWEEN 1 AND 5", name="level_range"),
)

plan_events = Table(
    "plan_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("item_id", String(100), nullable=False),
    Column("status", String(20), nullable=False),
    Column("text", UserText, nullable=False, default=""),
    Column("confidence", Integer),
    Column("title", UserText, nullable=False, default=""),
    Column("description", UserText, nullable=False, default=""),
    Column("skill_ids", UserText, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    pack_column(),
    member_column(),
    CheckConstraint("confidence IS NULL OR confidence BETWEEN 0 AND 5", name="confidence"),
    Index("ix_plan_events_member_item", "member", "kind", "item_id"),
)
"""`skill_ids` is comma-separated (slugs hold no commas)."""

target_changes = Table(
    "target_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("role_id", String(100), nullable=False),
    Column("changed_at", UTCDateTime, nullable=False),
    pack_column(),
    member_column(),
    Index("ix_target_changes_member_changed", "member", "changed_at"),
)

applicability_marks = Table(
    "applicability_marks",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("role_id", String(100), nullable=False),
    Column("skill_id", String(100), nullable=False),
    Column("not_applicable", Boolean, nullable=False),
    Column("reason", UserText, nullable=False, default=""),
    Column("created_at", UTCDateTime, nullable=False),
    pack_column(),
    member_column(),
    Index("ix_applicability_marks_member", "member"),
)

pack_choices = Table(
    "pack_choices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("pack_id", String(40), nullable=False),
    Column("version", String(40), nullable=False),
    Column("chosen_at", UTCDateTime, nullable=False),
    member_column(),
    Index("ix_pack_choices_member", "member"),
)
"""`gaptracker pack use`, kept as history: the latest row is the active pack (none: the
built-in one). `pack_id` on the other tables says which pack a row was made under."""

review_bundles = Table(
    "review_bundles",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("role_id", String(100), nullable=False),
    Column("skill_ids", UserText, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    pack_column(),
    member_column(),
    Index("ix_review_bundles_member", "member"),
)
"""The review requests `gaptracker share` wrote: a review is imported only if it names
one of them by id and content hash. `skill_ids` is comma-separated (slugs hold none)."""

mentor_ratings = Table(
    "mentor_ratings",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("review_id", String(32), nullable=False, index=True),
    Column("bundle_id", ForeignKey("review_bundles.id"), nullable=False),
    Column("mentor", String(80), nullable=False),
    Column("reviewed_on", Date, nullable=False),
    Column("skill_id", String(100), nullable=False),
    Column("level", Integer, nullable=False),
    Column("note", UserText, nullable=False, default=""),
    Column("imported_at", UTCDateTime, nullable=False),
    pack_column(),
    member_column(),
    Index("ix_mentor_ratings_member", "member"),
    CheckConstraint("level BETWEEN 0 AND 5", name="level_range"),
)
"""A mentor's levels, one row per skill of an imported review, kept as history."""

members = Table(
    "members",
    metadata,
    Column("login", String(LOGIN_LENGTH), primary_key=True),
    Column("name", UserText, nullable=False, default=""),
    Column("added_at", UTCDateTime, nullable=False),
)
"""The people of a group database (`group add-member`); empty on a SQLite file. Their
PostgreSQL logins are what the database checks; this only names them."""

mentorships = Table(
    "mentorships",
    metadata,
    Column("mentor", ForeignKey("members.login"), primary_key=True),
    Column("mentee", ForeignKey("members.login"), primary_key=True),
    Column("added_at", UTCDateTime, nullable=False),
    CheckConstraint("mentor <> mentee", name="not_self"),
    Index("ix_mentorships_mentee", "mentee"),
)
"""`group add-mentor MENTOR MENTEE`: who reads whose rows and may review them."""

USER_DATA_TABLES = (
    checkins,
    ratings,
    goals,
    plan_events,
    target_changes,
    applicability_marks,
    pack_choices,
    review_bundles,
    mentor_ratings,
)
"""The tables of a member's own rows (a `member` column each): what a backup holds and
`restore --replace` erases, and what row-level security keeps apart on a server."""
