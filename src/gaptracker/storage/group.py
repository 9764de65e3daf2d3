"""Group mode on a PostgreSQL database: making the group, adding people, and reading back
who this login may see (domain.ports.GroupDirectory).

The database enforces every rule (migration 0008: roles, row-level security); nothing
here decides who sees what. The owner's login, the one that ran `group init`, manages
the group: only it may create the schema, migrate it, and add members and mentors; a
member's client never migrates (storage.server refuses an old schema instead).

Role names are read back from the catalog (the owner role owns the `members` table, and
`gaptracker_member_role()` names the other), never rebuilt from the database's name: a
database copied from another (CREATE DATABASE ... TEMPLATE) keeps the roles its policies
were made for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, text
from sqlalchemy.exc import SQLAlchemyError

from gaptracker.domain.errors import StorageError, UserInputError
from gaptracker.domain.group import Member
from gaptracker.domain.text import one_line
from gaptracker.storage.migrations.revisions import HEAD, KNOWN_REVISIONS
from gaptracker.storage.schema import Database, alembic_config, refuse_if_not_ours
from gaptracker.storage.server import (
    INSUFFICIENT_PRIVILEGE,
    MIGRATION_LOCK,
    label,
    make_server_engine,
    no_group_yet,
    revision_of,
    server_error,
    server_url,
)
from gaptracker.storage.tables import LOGIN_LENGTH, members, mentorships
from gaptracker.storage.unit_of_work import SqlUnitOfWorkFactory

NOT_A_GROUP = "group mode needs a PostgreSQL database: use --db postgresql+psycopg://HOST/DBNAME"


@dataclass(frozen=True)
class GroupMade:
    """What `group init` did: the revisions it applied (none: the schema was current),
    the two roles, and the login that is now the group's owner and first member."""

    applied: list[tuple[str, str]]
    owner_role: str
    member_role: str
    login: str


def pending_revisions(current: str | None) -> list[tuple[str, str]]:
    """(revision, the first line of its docstring) of each migration after `current`:
    what `group init` says it will change before it changes it."""
    from alembic.script import ScriptDirectory

    from gaptracker.storage.schema import MIGRATIONS_DIR

    scripts = ScriptDirectory(str(MIGRATIONS_DIR))
    start = KNOWN_REVISIONS.index(current) + 1 if current is not None else 0
    pending = []
    for revision in KNOWN_REVISIONS[start:]:
        script = scripts.get_revision(revision)
        summary = (script.doc or "").strip().splitlines()[0] if script else ""
        pending.append((revision, summary))
    return pending


def planned_changes(url_text: str) -> tuple[str | None, list[tuple[str, str]]]:
    """(the schema's revision now, what `group init` would apply), changing nothing;
    StorageError for a login that may not make the group, or a schema that is not ours
    or is newer than this gaptracker."""
    url = server_url(url_text)
    engine = make_server_engine(url)
    try:
        with engine.connect() as connection:
            _refuse_unless_it_may_make_roles(connection, label(url))
            revision, foreign = revision_of(connection)
        refuse_if_not_ours(label(url), revision, foreign)
        return revision, pending_revisions(revision)
    except SQLAlchemyError as exc:
        raise server_error(exc, label(url)) from None
    finally:
        engine.dispose()


def init_group(url_text: str, name: str = "") -> GroupMade:
    """Make or upgrade the schema, its roles and policies (migrations, one transaction
    under the migration lock: a second `group init` waits, then finds nothing to do), and
    make this login the group's first member. StorageError, with nothing changed, when
    the login may not create roles, or the schema is not ours or newer."""
    from alembic import command

    url = server_url(url_text)
    where = label(url)
    engine = make_server_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})
            _refuse_unless_it_may_make_roles(connection, where)
            revision, foreign = revision_of(connection)
            refuse_if_not_ours(where, revision, foreign)
            applied = pending_revisions(revision)
            if applied:
                command.upgrade(alembic_config(connection), "head")  # type: ignore[arg-type]
            owner_role, member_role = group_roles(connection)
            login = connection.execute(text("SELECT session_user")).scalar_one()
            _add_member(connection, member_role, login, checked_name(name, login), _now())
    except SQLAlchemyError as exc:
        raise _init_error(exc, where) from None
    finally:
        engine.dispose()
    return GroupMade(applied, owner_role, member_role, login)


def _init_error(exc: SQLAlchemyError, where: str) -> StorageError:
    """What the server said, and what `group init` needs when it is a privilege."""
    original = getattr(exc, "orig", None) or exc
    if getattr(original, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
        return server_error(exc, where)
    detail = one_line(str(original).strip().splitlines()[0])[:200]
    return StorageError(
        f"cannot make a group in {where}: {detail}; `group init` needs a login with"
        " CREATEROLE that owns the database"
    )


def _refuse_unless_it_may_make_roles(connection: Connection, where: str) -> None:
    row = connection.execute(
        text("SELECT rolname, rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = session_user")
    ).one()
    if not row[1]:
        raise StorageError(
            f"cannot make a group in {where}: the login {one_line(row[0])!r} may not create "
            "roles; run `group init` as a login with CREATEROLE that owns the database"
        )


def group_roles(connection: Connection) -> tuple[str, str]:
    """(the owner role, the member role) of this database's group."""
    owner = connection.execute(
        text(
            "SELECT pg_get_userbyid(relowner) FROM pg_class"
            " WHERE oid = to_regclass('members') AND relkind = 'r'"
        )
    ).scalar()
    member = connection.execute(text("SELECT gaptracker_member_role()")).scalar()
    if owner is None or member is None:
        raise StorageError("this database holds no group: its owner runs `gaptracker group init`")
    return owner, member


@dataclass(frozen=True)
class MemberAdded:
    member: bool
    """False: a member already, and nothing changed."""
    login_made: bool
    """There was no login by that name: one was made, without a password."""


def add_member(database: Database, login: str, name: str = "") -> MemberAdded:
    """Make `login` a member (a LOGIN role without a password, if there is none by that
    name; the server's authentication decides how they sign in). Only the owner may (the
    database refuses anyone else)."""
    login = checked_login(login)
    name = checked_name(name, login)
    _refuse_without_a_group(database)
    try:
        with database.engine.begin() as connection:
            _refuse_unless_owner(connection)
            _, member_role = group_roles(connection)
            _refuse_a_role_that_is_not_a_person(connection, login)
            known = connection.execute(
                select(members.c.login).where(members.c.login == login)
            ).first()
            login_made = not connection.execute(
                text("SELECT EXISTS (SELECT FROM pg_roles WHERE rolname = :login)"),
                {"login": login},
            ).scalar()
            connection.execute(
                text(
                    "DO $do$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
                    + _literal(login)
                    + ") THEN CREATE ROLE "
                    + _ident(login)
                    + " LOGIN; END IF; END $do$"
                )
            )
            _add_member(connection, member_role, login, name, _now())
    except SQLAlchemyError as exc:
        raise server_error(exc, _where(database)) from None
    return MemberAdded(known is None, login_made)


def add_mentor(database: Database, mentor: str, mentee: str) -> bool:
    """Let `mentor` read `mentee`'s rows and record reviews for them. Both must be
    members already. False: they were paired already."""
    mentor, mentee = checked_login(mentor), checked_login(mentee)
    if mentor == mentee:
        raise UserInputError(f"{mentor!r} cannot mentor themselves")
    _refuse_without_a_group(database)
    try:
        with database.engine.begin() as connection:
            _refuse_unless_owner(connection)
            known = set(
                connection.execute(
                    select(members.c.login).where(members.c.login.in_((mentor, mentee)))
                ).scalars()
            )
            for login in (mentor, mentee):
                if login not in known:
                    raise UserInputError(
                        f"{login!r} is not a member: add them first with "
                        f"`gaptracker group add-member {login}`"
                    )
            paired = connection.execute(
                select(mentorships.c.mentor).where(
                    mentorships.c.mentor == mentor, mentorships.c.mentee == mentee
                )
            ).first()
            if paired is None:
                connection.execute(
                    insert(mentorships).values(mentor=mentor, mentee=mentee, added_at=_now())
                )
    except SQLAlchemyError as exc:
        raise server_error(exc, _where(database)) from None
    return paired is None


MAX_NAME_LENGTH = 80
"""A member's name as the group shows it: what a mentor's review carries as `who`."""


def checked_name(name: str, login: str) -> str:
    """The name to show for a member (their login when none is given); UserInputError
    for one that is too long or not one line of printable text."""
    name = name or login
    if len(name) > MAX_NAME_LENGTH or not name.isprintable() or not name.strip():
        raise UserInputError(
            f"{one_line(name)[:80]!r} is not a name: 1 to {MAX_NAME_LENGTH} printable characters"
        )
    return name


def checked_login(login: str) -> str:
    """A login as PostgreSQL keeps it; UserInputError for an empty, too long, or
    unprintable one (it would be cut, or hide what it is)."""
    if not login or len(login.encode()) > LOGIN_LENGTH or not login.isprintable():
        raise UserInputError(
            f"{one_line(login)[:80]!r} is not a login: 1 to {LOGIN_LENGTH} bytes of printable text"
        )
    return login


def _where(database: Database) -> str:
    return database.url or str(database.path)


def _refuse_without_a_group(database: Database) -> None:
    if database.url is None:
        raise UserInputError(NOT_A_GROUP)
    if not database.exists:
        raise no_group_yet(_where(database))


def _refuse_unless_owner(connection: Connection) -> None:
    owner, _ = group_roles(connection)
    allowed = connection.execute(
        text("SELECT pg_has_role(session_user, :owner, 'MEMBER')"), {"owner": owner}
    ).scalar()
    if not allowed:
        raise StorageError("only the group's owner adds members and mentors")


def _refuse_a_role_that_is_not_a_person(connection: Connection, login: str) -> None:
    """A login the policies would not hold (a superuser or BYPASSRLS passes every one; a
    CREATEROLE login can grant itself another member's role and read as them;
    REPLICATION can copy the whole database), or a role that cannot sign in (the group's
    own), may not become a member. The owner, who runs `group init`, is the one
    CREATEROLE login a group has."""
    row = connection.execute(
        text(
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolreplication, rolcanlogin,"
            " rolname = session_user FROM pg_roles WHERE rolname = :login"
        ),
        {"login": login},
    ).first()
    if row is None or row[5]:
        return
    superuser, bypass, creates_roles, replicates, can_login, _ = row
    passes = [
        reason
        for reason, held in (
            ("a superuser", superuser),
            ("BYPASSRLS", bypass),
            ("CREATEROLE", creates_roles),
            ("REPLICATION", replicates),
        )
        if held
    ]
    if passes:
        raise UserInputError(
            f"{login!r} has {', '.join(passes)}, which no policy limits: give each person a"
            " plain login of their own"
        )
    if not can_login:
        raise UserInputError(f"{login!r} is a role that cannot log in, not a person's login")


def _add_member(
    connection: Connection, member_role: str, login: str, name: str, now: dt.datetime
) -> None:
    connection.execute(text(f"GRANT {_ident(member_role)} TO {_ident(login)}"))
    known = connection.execute(select(members.c.login).where(members.c.login == login)).first()
    if known is None:
        connection.execute(insert(members).values(login=login, name=name, added_at=now))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text_: str) -> str:
    return "'" + text_.replace("'", "''") + "'"


class SqlGroupDirectory:
    """domain.ports.GroupDirectory over a group database (or, on a file, no group)."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self._server = database.url is not None and database.exists

    def me(self) -> str | None:
        if not self._server:
            return None
        return str(self._scalar("SELECT session_user"))

    def is_owner(self) -> bool:
        if not self._server:
            return False
        try:
            with self._database.engine.connect() as connection:
                owner, _ = group_roles(connection)
                return bool(
                    connection.execute(
                        text("SELECT pg_has_role(session_user, :owner, 'MEMBER')"),
                        {"owner": owner},
                    ).scalar()
                )
        except SQLAlchemyError as exc:
            raise server_error(exc, _where(self._database)) from None

    def members(self) -> Sequence[Member]:
        if not self._server:
            return []
        return self._members(select(members).order_by(members.c.login))

    def mentees(self) -> Sequence[Member]:
        if not self._server:
            return []
        query = (
            select(members)
            .join(mentorships, mentorships.c.mentee == members.c.login)
            .where(mentorships.c.mentor == func.session_user())
            .order_by(members.c.login)
        )
        return self._members(query)

    def viewing(self, login: str) -> SqlUnitOfWorkFactory:
        if not self._server:
            raise StorageError(NOT_A_GROUP)
        return self._database.uow_factory.viewing_member(checked_login(login))

    def _members(self, query: object) -> list[Member]:
        try:
            with self._database.engine.connect() as connection:
                rows = connection.execute(query).all()  # type: ignore[call-overload]
        except SQLAlchemyError as exc:
            raise server_error(exc, _where(self._database)) from None
        return [Member(login=r.login, name=r.name, added_at=r.added_at) for r in rows]

    def _scalar(self, sql: str) -> object:
        try:
            with self._database.engine.connect() as connection:
                return connection.execute(text(sql)).scalar()
        except SQLAlchemyError as exc:
            raise server_error(exc, _where(self._database)) from None


def directory_for(database: Database) -> SqlGroupDirectory:
    """The group directory of an open database (on a file: no group)."""
    return SqlGroupDirectory(database)


__all__ = [
    "HEAD",
    "NOT_A_GROUP",
    "GroupMade",
    "MemberAdded",
    "SqlGroupDirectory",
    "add_member",
    "add_mentor",
    "checked_login",
    "directory_for",
    "init_group",
    "pending_revisions",
    "planned_changes",
]
