"""Group mode: every user row says whose it is, and on PostgreSQL the server enforces it.

On both dialects: a `member` column on each user-data table (on a file always ''), the
indexes a member's reads use led by it, and the `members` and `mentorships` tables (empty
on a file). On PostgreSQL only, what makes one database safe for a cohort:

- two NOLOGIN roles named after the database: `<db>_owner` owns every table (the login
  running this is granted it, so its later migrations can change them) and `<db>_member`
  holds the privileges every member's login is granted by `group add-member`;
- row-level security enabled and forced on every user-data table and on the two group
  tables, with policies: a member reads and writes their own rows; a mentor reads their
  mentees' rows and adds reviews (bundles and mentor ratings) for them, nothing else; the
  owner reads everyone's, and alone adds members and mentorships. No one updates a row
  but their own name in `members` (the row their writers lock); a member erases only
  their own rows (`restore --replace`), through `gaptracker_erase_own_rows()`;
- a row's `member` defaults to `gaptracker_viewing()`: the session's
  `gaptracker.viewing` (a mentor looking at a mentee) or else the login itself. The
  setting only narrows what a login reads (every policy still checks the login), so a
  client that sets it to someone else's login sees nothing more;
- "the login" is `session_user` throughout, never `current_user`: every member may
  `SET ROLE <db>_member`, and as that role they would otherwise share one bucket of
  rows that all of them could read and fill.

Existing rows (a single user's server database) become the rows of the login running
this. The file is copied before this (or any) migration runs (storage.schema).
Downgrading drops the policies, the functions and the new columns and tables; the two
roles stay (they belong to the cluster, and may hold logins' grants).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 15:20:00
"""

import hashlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Written out, not imported: a migration must read the same whatever the code becomes.
USER_DATA = (
    "checkins",
    "ratings",
    "goals",
    "plan_events",
    "target_changes",
    "applicability_marks",
    "pack_choices",
    "review_bundles",
    "mentor_ratings",
)
REVIEW_TABLES = ("review_bundles", "mentor_ratings")
"""What a mentor may add for a mentee."""
MEMBER_INDEXES = {  # name: (table, columns)
    "ix_checkins_member_started": ("checkins", ["member", "started_at"]),
    "ix_goals_member": ("goals", ["member"]),
    "ix_target_changes_member_changed": ("target_changes", ["member", "changed_at"]),
    "ix_applicability_marks_member": ("applicability_marks", ["member"]),
    "ix_pack_choices_member": ("pack_choices", ["member"]),
    "ix_review_bundles_member": ("review_bundles", ["member"]),
    "ix_mentor_ratings_member": ("mentor_ratings", ["member"]),
}
REPLACED_INDEXES = {  # old name: (table, old columns, new name, new columns)
    "ix_ratings_skill_effective": (
        "ratings",
        ["skill_id", "effective_date"],
        "ix_ratings_member_skill_effective",
        ["member", "skill_id", "effective_date"],
    ),
    "ix_ratings_effective_date": (
        "ratings",
        ["effective_date"],
        "ix_ratings_member_effective_date",
        ["member", "effective_date"],
    ),
    "ix_plan_events_item": (
        "plan_events",
        ["kind", "item_id"],
        "ix_plan_events_member_item",
        ["member", "kind", "item_id"],
    ),
}
FUNCTIONS = (
    "gaptracker_viewing()",
    "gaptracker_mentors(text)",
    "gaptracker_member_role()",
    "gaptracker_erase_own_rows()",
)
LONGEST_NAME = 63
"""PostgreSQL's NAMEDATALEN - 1 bytes: longer identifiers are cut, which could make the
two roles' names one."""


def upgrade() -> None:
    for table in USER_DATA:  # a plain ADD COLUMN, as 0005: no batch copy of a table
        op.add_column(
            table,
            sa.Column("member", sa.String(length=LONGEST_NAME), nullable=False, server_default=""),
        )
    for old, (table, _, new, columns) in REPLACED_INDEXES.items():
        op.drop_index(old, table_name=table)
        op.create_index(new, table, columns)
    for name, (table, columns) in MEMBER_INDEXES.items():
        op.create_index(name, table, columns)
    op.create_table(
        "members",
        sa.Column("login", sa.String(length=LONGEST_NAME), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("login", name=op.f("pk_members")),
    )
    op.create_table(
        "mentorships",
        sa.Column("mentor", sa.String(length=LONGEST_NAME), nullable=False),
        sa.Column("mentee", sa.String(length=LONGEST_NAME), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("mentor <> mentee", name=op.f("ck_mentorships_not_self")),
        sa.ForeignKeyConstraint(
            ["mentor"], ["members.login"], name=op.f("fk_mentorships_mentor_members")
        ),
        sa.ForeignKeyConstraint(
            ["mentee"], ["members.login"], name=op.f("fk_mentorships_mentee_members")
        ),
        sa.PrimaryKeyConstraint("mentor", "mentee", name=op.f("pk_mentorships")),
    )
    op.create_index("ix_mentorships_mentee", "mentorships", ["mentee"])
    if op.get_bind().dialect.name == "postgresql":
        _secure_on_the_server()


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _unsecure_on_the_server()
    op.drop_index("ix_mentorships_mentee", table_name="mentorships")
    op.drop_table("mentorships")
    op.drop_table("members")
    for name, (table, _) in MEMBER_INDEXES.items():
        op.drop_index(name, table_name=table)
    for old, (table, columns, new, _) in REPLACED_INDEXES.items():
        op.drop_index(new, table_name=table)
        op.create_index(old, table, columns)
    for table in USER_DATA:  # SQLite 3.35 and later drop a column in place
        op.execute(f"ALTER TABLE {table} DROP COLUMN member")


def role_names(database: str) -> tuple[str, str]:
    """(owner, member): `<db>_owner` and `<db>_member`, or for a name too long to take
    the suffixes, a digest of it in their place (storage.group reads the roles back from
    the catalog, never from this rule)."""
    base = database
    if len(f"{base}_member".encode()) > LONGEST_NAME:
        base = "gaptracker_" + hashlib.sha256(database.encode()).hexdigest()[:16]
    return f"{base}_owner", f"{base}_member"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


LINKS = {  # table: (its column, the table it names, that table's column)
    "ratings": ("checkin_id", "checkins", "id"),
    "mentor_ratings": ("bundle_id", "review_bundles", "id"),
}
"""A row may name only a row of the same member's: a foreign key alone would let one
member's rating hold another's check-in, which that member could then never erase."""
SLUG = "'^[a-z0-9]+(-[a-z0-9]+)*$'"
HEX_ID = "'^[0-9a-f]{32}$'"
MENTOR_ROWS = {
    "review_bundles": (
        f"id ~ {HEX_ID} AND content_hash ~ '^[0-9a-f]{{64}}$' AND role_id ~ {SLUG}"
        " AND skill_ids ~ '^[a-z0-9]+(-[a-z0-9]+)*(,[a-z0-9]+(-[a-z0-9]+)*)*$'"
        f" AND pack_id ~ {SLUG}"
    ),
    "mentor_ratings": (
        f"mentor = session_user AND review_id ~ {HEX_ID} AND skill_id ~ {SLUG}"
        f" AND pack_id ~ {SLUG} AND char_length(note) <= 10000"
    ),
}
"""What a mentor's rows in a mentee's tables must be, as the app writes them (the
domain's formats, written out): nothing another login plants can stop the mentee's app
from reading their own data, and a review is in its mentor's own name."""


def _links_own(s: str, table: str) -> str:
    if table not in LINKS:
        return ""
    column, other, key = LINKS[table]
    return (
        f" AND ({table}.{column} IS NULL OR EXISTS (SELECT 1 FROM {s}.{other} o"
        f" WHERE o.{key} = {table}.{column} AND o.member = {table}.member))"
    )


def _make_role(name: str) -> None:
    """A NOLOGIN role by that name, made now; one already there is used only if nothing
    but this group could have made it: no login, no attribute that passes a policy or
    makes roles, and no member but the login running this. A login called `<db>_owner`
    would own every table and could switch the policies off; the roles of an earlier
    database of the same name would bring its members in."""
    op.execute(
        "DO $do$ DECLARE known pg_roles%ROWTYPE; BEGIN"
        f" SELECT * INTO known FROM pg_roles WHERE rolname = {_literal(name)};"
        f" IF NOT FOUND THEN CREATE ROLE {_ident(name)} NOLOGIN;"
        " ELSIF known.rolcanlogin OR known.rolsuper OR known.rolbypassrls"
        " OR known.rolcreaterole OR known.rolreplication OR EXISTS (SELECT 1 FROM"
        " pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE m.roleid = known.oid"
        " AND r.rolname <> session_user) THEN RAISE EXCEPTION"
        f" 'a role named % exists already, and is not one this group can use: drop or"
        f" rename it first', {_literal(name)};"
        " END IF; END $do$"
    )


def _secure_on_the_server() -> None:
    bind = op.get_bind()
    database, schema = bind.execute(sa.text("SELECT current_database(), current_schema()")).one()
    _, member_name = role_names(database)
    owner, member = (_ident(n) for n in role_names(database))
    s = _ident(schema)
    for name in role_names(database):
        _make_role(name)
    op.execute(f"GRANT {owner} TO CURRENT_USER")
    op.execute(f"GRANT USAGE, CREATE ON SCHEMA {s} TO {owner}")
    op.execute(f"GRANT USAGE ON SCHEMA {s} TO {member}")
    for table in USER_DATA:  # the rows there were: the login's that upgrades
        op.execute(f"UPDATE {s}.{table} SET member = SESSION_USER")

    op.execute(
        f"CREATE FUNCTION {s}.gaptracker_viewing() RETURNS text LANGUAGE sql STABLE AS"
        " $f$ SELECT COALESCE(NULLIF(current_setting('gaptracker.viewing', true), ''),"
        " session_user::text) $f$"
    )
    op.execute(
        f"CREATE FUNCTION {s}.gaptracker_mentors(mentee text) RETURNS boolean LANGUAGE sql"
        f" STABLE AS $f$ SELECT EXISTS (SELECT 1 FROM {s}.mentorships m"
        " WHERE m.mentor = session_user AND m.mentee = $1) $f$"
    )
    op.execute(
        f"CREATE FUNCTION {s}.gaptracker_member_role() RETURNS text LANGUAGE sql IMMUTABLE AS"
        f" $f$ SELECT {_literal(member_name)}::text $f$"
    )
    for table in USER_DATA:
        op.execute(
            f"ALTER TABLE {s}.{table} ALTER COLUMN member SET DEFAULT {s}.gaptracker_viewing()"
        )
    # `restore --replace`: members get no DELETE privilege, since it would also let them
    # LOCK any of these tables in ACCESS EXCLUSIVE mode and stop everyone's reads and
    # writes; they erase their own rows through this function, run as the owner role.
    # Run as the owner role, it sees rows by its policies: `viewing` the caller's login.
    erase = " PERFORM set_config('gaptracker.viewing', session_user, true);" + "".join(
        f" DELETE FROM {s}.{table} WHERE member = session_user;" for table in USER_DATA[::-1]
    )
    op.execute(
        f"CREATE FUNCTION {s}.gaptracker_erase_own_rows() RETURNS void LANGUAGE plpgsql"
        f" SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$ BEGIN{erase} END $f$"
    )
    op.execute(f"REVOKE ALL ON FUNCTION {s}.gaptracker_erase_own_rows() FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON FUNCTION {s}.gaptracker_erase_own_rows() TO {member}")

    viewed = f"member = {s}.gaptracker_viewing()"
    for table in USER_DATA:
        t = f"{s}.{table}"
        op.execute(
            f"CREATE POLICY {table}_read ON {t} FOR SELECT TO {member} USING ({viewed}"
            f" AND (member = session_user OR {s}.gaptracker_mentors(member)))"
        )
        op.execute(
            f"CREATE POLICY {table}_owner_read ON {t} FOR SELECT TO {owner} USING ({viewed})"
        )
        op.execute(
            f"CREATE POLICY {table}_add ON {t} FOR INSERT TO {member}"
            f" WITH CHECK (member = session_user{_links_own(s, table)})"
        )
        op.execute(  # only through gaptracker_erase_own_rows(), which runs as the owner
            f"CREATE POLICY {table}_erase_own ON {t} FOR DELETE TO {owner}"
            " USING (member = session_user)"
        )
        if table in REVIEW_TABLES:
            op.execute(
                f"CREATE POLICY {table}_mentor_add ON {t} FOR INSERT TO {member}"
                f" WITH CHECK ({s}.gaptracker_mentors(member){_links_own(s, table)}"
                f" AND {MENTOR_ROWS[table]})"
            )
        _ids_from_an_identity(schema, table)
        columns = [
            name
            for (name,) in bind.execute(
                sa.text(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema"
                    " = :s AND table_name = :t AND NOT (column_name = 'id' AND is_identity"
                    " = 'YES') ORDER BY ordinal_position"
                ),
                {"s": schema, "t": table},
            )
        ]
        listed = ", ".join(_ident(c) for c in columns)
        op.execute(f"GRANT SELECT, INSERT ({listed}) ON {t} TO {member}")

    op.execute(
        f"CREATE POLICY members_read ON {s}.members FOR SELECT TO {member}"
        f" USING (login = session_user OR {s}.gaptracker_mentors(login))"
    )
    # A member's own row is the lock their writers take (storage.unit_of_work): a row
    # lock, not an advisory one, so no one else can take it. Taking it needs UPDATE on
    # some column: the name, of their own row only (so a member may rename themselves).
    op.execute(
        f"CREATE POLICY members_own ON {s}.members FOR UPDATE TO {member}"
        " USING (login = session_user) WITH CHECK (login = session_user)"
    )
    op.execute(f"GRANT UPDATE (name) ON {s}.members TO {member}")
    op.execute(  # what `group add-member --name` accepts: one printable line, shown as is
        f"ALTER TABLE {s}.members ADD CONSTRAINT ck_members_name_shown CHECK"
        " (char_length(name) BETWEEN 1 AND 80 AND name !~ '[[:cntrl:]]')"
    )
    op.execute(
        f"CREATE POLICY mentorships_read ON {s}.mentorships FOR SELECT TO {member}"
        " USING (mentor = session_user OR mentee = session_user)"
    )
    for table in ("members", "mentorships"):
        op.execute(
            f"CREATE POLICY {table}_owner ON {s}.{table} FOR ALL TO {owner}"
            " USING (true) WITH CHECK (true)"
        )
        op.execute(f"GRANT SELECT ON {s}.{table} TO {member}")
    op.execute(f"GRANT SELECT ON {s}.alembic_version TO {member}")
    for table in (*USER_DATA, "members", "mentorships"):
        op.execute(f"ALTER TABLE {s}.{table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {s}.{table} FORCE ROW LEVEL SECURITY")

    # Last: once the owner role owns them, only it (and so this login) may change them.
    for table in (*USER_DATA, "members", "mentorships", "alembic_version"):
        op.execute(f"ALTER TABLE {s}.{table} OWNER TO {owner}")
    for function in FUNCTIONS:
        op.execute(f"ALTER FUNCTION {s}.{function} OWNER TO {owner}")
    op.execute(
        f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA {s}"
        f" GRANT SELECT ON TABLES TO {member}"  # INSERT: column by column (no id)
    )


def _ids_from_an_identity(schema: str, table: str) -> None:
    """The table's serial id becomes an identity column, continuing where it was. A
    serial's sequence needs USAGE granted to whoever inserts, and with it anyone may call
    nextval() until the sequence is spent, for the whole group; an identity's needs
    none. No member may give an id either (INSERT is granted on the other columns): one
    taken ahead of the sequence would make another member's next insert fail."""
    bind = op.get_bind()
    t = f"{_ident(schema)}.{_ident(table)}"
    sequence = bind.execute(
        sa.text("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": f"{schema}.{table}"}
    ).scalar()
    if sequence is None:  # a text id (review_bundles): made by the client
        return
    op.execute(f"ALTER TABLE {t} ALTER COLUMN id DROP DEFAULT")
    op.execute(f"DROP SEQUENCE {sequence}")
    op.execute(f"ALTER TABLE {t} ALTER COLUMN id ADD GENERATED BY DEFAULT AS IDENTITY")
    op.execute(
        f"SELECT setval(pg_get_serial_sequence({_literal(f'{schema}.{table}')}, 'id'),"
        f" COALESCE((SELECT max(id) FROM {t}), 0) + 1, false)"
    )


def _ids_from_a_serial(schema: str, table: str) -> None:
    """`_ids_from_an_identity` undone: a plain sequence as the column's default again."""
    bind = op.get_bind()
    t = f"{_ident(schema)}.{_ident(table)}"
    identity = bind.execute(
        sa.text(
            "SELECT is_identity FROM information_schema.columns WHERE table_schema = :s"
            " AND table_name = :t AND column_name = 'id'"
        ),
        {"s": schema, "t": table},
    ).scalar()
    if identity != "YES":
        return
    sequence = f"{_ident(schema)}.{_ident(f'{table}_id_seq')}"
    op.execute(f"ALTER TABLE {t} ALTER COLUMN id DROP IDENTITY")
    owner = bind.execute(
        sa.text("SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = CAST(:t AS regclass)"),
        {"t": t},
    ).scalar_one()
    op.execute(f"CREATE SEQUENCE {sequence}")
    op.execute(f"ALTER SEQUENCE {sequence} OWNER TO {_ident(owner)}")  # the table's (0008's)
    op.execute(f"ALTER SEQUENCE {sequence} OWNED BY {t}.id")
    op.execute(f"ALTER TABLE {t} ALTER COLUMN id SET DEFAULT nextval('{sequence}'::regclass)")
    op.execute(
        f"SELECT setval('{sequence}'::regclass, COALESCE((SELECT max(id) FROM {t}), 0) + 1, false)"
    )


def _unsecure_on_the_server() -> None:
    bind = op.get_bind()
    schema = bind.execute(sa.text("SELECT current_schema()")).scalar_one()
    s = _ident(schema)
    for table in (*USER_DATA, "members", "mentorships"):
        op.execute(f"ALTER TABLE {s}.{table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {s}.{table} DISABLE ROW LEVEL SECURITY")
        for (policy,) in bind.execute(
            sa.text("SELECT policyname FROM pg_policies WHERE schemaname = :s AND tablename = :t"),
            {"s": schema, "t": table},
        ).all():
            op.execute(f"DROP POLICY {_ident(policy)} ON {s}.{table}")
    for table in USER_DATA:
        op.execute(f"ALTER TABLE {s}.{table} ALTER COLUMN member SET DEFAULT ''")
        _ids_from_a_serial(schema, table)
    for function in FUNCTIONS:
        op.execute(f"DROP FUNCTION {s}.{function}")
