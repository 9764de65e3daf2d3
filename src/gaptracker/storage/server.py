"""A gaptracker database on a PostgreSQL server, named by a URL instead of a file.

`--db postgresql+psycopg://HOST/DBNAME` (or GAPTRACKER_DB) opens it through SQLAlchemy
and psycopg 3, an optional extra (`pip install "gaptracker[postgres]"`), imported only
here and only for a URL, so the commands on a SQLite file never load it. Credentials
come from libpq alone (~/.pgpass, a service file, PG* variables): a URL that carries a
password is refused, so gaptracker never holds or shows one.

None of the SQLite file's safeguards apply (no file to check, no BEGIN IMMEDIATE, no
PRAGMAs, no lock file, no copy before migrating): the server's transactions are atomic
for DDL too. Opening never migrates: a database on a server is a group's (storage.group),
and only its owner's `group init` makes or upgrades the schema, under a transaction-level
advisory lock, so two of them run one after the other. Every other client refuses a
schema older than it needs, saying who can upgrade it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from gaptracker.domain.errors import StorageError
from gaptracker.domain.models import PackChoice
from gaptracker.domain.text import one_line
from gaptracker.storage.db import make_empty_engine
from gaptracker.storage.migrations.revisions import HEAD
from gaptracker.storage.repositories import SqlPackChoiceRepository
from gaptracker.storage.schema import Database, refuse_if_not_ours
from gaptracker.storage.unit_of_work import SqlUnitOfWorkFactory

SCHEME = "postgresql+psycopg"
MIGRATION_LOCK = 0x6761_7074_7261_636B  # "gaptrack": one key for every gaptracker schema
"""The advisory lock a migration holds (pg_advisory_xact_lock), for its transaction."""

_PASSES_POLICIES = text(
    "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = session_user"
)
CONNECT_TIMEOUT_SECONDS = 10
INSUFFICIENT_PRIVILEGE = "42501"
"""The SQLSTATE of a table this login has no privilege on: a login that is not a member."""
INSTALL_HINT = 'a PostgreSQL database needs psycopg: pip install "gaptracker[postgres]"'


def server_url(text_: str) -> URL:
    """The parsed URL; StorageError for a scheme other than postgresql+psycopg, a
    password in the URL, or no database name."""
    shown = one_line(text_)[:200]
    try:
        url = make_url(text_)
    except (ArgumentError, ValueError):
        raise StorageError(f"{shown!r} is not a database URL; use {SCHEME}://HOST/DBNAME") from None
    if url.drivername != SCHEME:
        raise StorageError(
            f"unsupported database URL scheme {one_line(url.drivername)!r}: use "
            f"{SCHEME}://HOST/DBNAME, or a SQLite file's path"
        )
    if url.password is not None:
        raise StorageError(
            "the database URL holds a password: take it out and put it in ~/.pgpass "
            "(or PGPASSWORD, or a service file); gaptracker never keeps one"
        )
    if not url.database:
        raise StorageError(f"the database URL names no database: use {SCHEME}://HOST/DBNAME")
    return url


def label(url: URL) -> str:
    """The URL as messages show it (it never holds a password: see server_url)."""
    return one_line(url.render_as_string(hide_password=True))


def make_server_engine(url: URL) -> Engine:
    """An engine on the server; the session's time zone is the user's, so the local
    day of a stored time (`repositories._day`) is the day Python's `local_day` gives."""
    try:
        import psycopg  # noqa: F401  (only to say what is missing before SQLAlchemy does)
    except ImportError:
        raise StorageError(INSTALL_HINT) from None
    engine = create_engine(url, connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS})

    @event.listens_for(engine, "checkout")
    def _on_checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        zone = local_zone_name()  # the process's zone may have moved since (time.tzset)
        if record.info.get("zone") != zone:
            _set_zone(dbapi_connection, zone)
            record.info["zone"] = zone

    return engine


def _set_zone(dbapi_connection: Any, zone: str) -> None:
    import psycopg

    try:
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT set_config('TimeZone', %s, false)", (zone,))
    except psycopg.Error:  # a zone name the server does not know: UTC, said nowhere
        dbapi_connection.rollback()
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SELECT set_config('TimeZone', 'UTC', false)")
    dbapi_connection.commit()


def local_zone_name() -> str:
    """The IANA name of the zone Python's local time uses: TZ, else /etc/localtime's."""
    zone = os.environ.get("TZ", "").lstrip(":")
    if not zone:
        real = os.path.realpath("/etc/localtime")
        zone = real.split("zoneinfo/", 1)[1] if "zoneinfo/" in real else "UTC"
    elif "zoneinfo/" in zone:
        zone = zone.split("zoneinfo/", 1)[1]
    return zone


def open_server_database(url_text: str, *, bypassing: bool = False) -> Database:
    """Connect to a group's database at the current revision; StorageError (one line)
    when the server cannot be reached, refuses the login, has no such database, the
    login is not a member, or the schema is not ours, older or newer than this
    gaptracker. A database without a schema reads as one without rows, and refuses
    every write, saying how its owner makes the group.

    A login that row-level security does not hold (a superuser, BYPASSRLS) would read
    every member's rows as its own, and mix them into its figures and backups: it is
    refused, unless `bypassing` (the owner's `group` commands, which read no member's
    rows, and may well be run by the server's superuser).
    """
    url = server_url(url_text)
    where = label(url)
    engine = _engine_for(url, url_text)
    try:
        with engine.connect() as connection:
            revision, foreign = revision_of(connection)
            passes_policies = bool(connection.execute(_PASSES_POLICIES).scalar())
        refuse_if_not_ours(where, revision, foreign)
        if revision is None:
            engine.dispose()
            return _empty_stand_in(where)
        if passes_policies and not bypassing:
            raise StorageError(
                f"cannot use {where}: this login is a superuser or has BYPASSRLS, so no"
                " policy keeps the members' rows apart for it, and it would read them all"
                " as its own; use a plain login of your own (nothing was changed)"
            )
        if revision != HEAD:
            raise StorageError(
                f"{where} is at schema {revision} and this gaptracker needs {HEAD}: the "
                f"group's owner upgrades it with `gaptracker --db URL group init` "
                "(nothing was changed)"
            )
    except SQLAlchemyError as exc:
        engine.dispose()
        raise server_error(exc, where) from None
    except BaseException:
        engine.dispose()
        raise
    return Database(Path(where), engine, SqlUnitOfWorkFactory(engine, Path(where)), url=where)


def no_group_yet(where: str) -> StorageError:
    return StorageError(
        f"there is no gaptracker group in {where} yet: its owner makes it with "
        "`gaptracker --db URL group init` (nothing was changed)"
    )


def _empty_stand_in(where: str) -> Database:
    refusal = no_group_yet(where)
    engine = make_empty_engine()
    factory = SqlUnitOfWorkFactory(engine, Path(where), refusal)
    return Database(Path(where), engine, factory, exists=False, url=where)


def revision_of(connection: Connection) -> tuple[str | None, bool]:
    """(alembic revision or None, whether the schema holds tables that are not ours)."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        return None, bool(tables)
    version = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return version, False


def server_error(exc: BaseException, where: str) -> StorageError:
    """One line for what the server or libpq said (server down, login refused, no such
    database), naming the database by its URL."""
    original = getattr(exc, "orig", None) or exc
    if getattr(original, "sqlstate", None) == INSUFFICIENT_PRIVILEGE and "row-level" not in str(
        original
    ):
        return StorageError(
            f"cannot use {where}: this login is not a member of its group (the group's "
            "owner adds it with `gaptracker group add-member LOGIN`), or may not do that"
        )
    detail = str(original).strip().splitlines()
    reason = one_line(detail[0] if detail else type(original).__name__)[:300]
    return StorageError(f"cannot use {where}: {reason}")


def chosen_pack_on_server(url_text: str) -> PackChoice | None:
    """The latest `pack use` recorded on the server (pack_choice.chosen_pack's twin): read
    before the database is opened, migrating nothing; any problem reads as no choice, and
    the command's own open says what is wrong. Its engine, with the connection it opened
    in its pool, is kept for that open (`_engine_for`): one connection per command."""
    try:
        engine = _engine_for(server_url(url_text), url_text)
    except StorageError:
        return None
    try:
        with engine.connect() as connection:
            if "pack_choices" not in inspect(connection).get_table_names():
                return None
            return SqlPackChoiceRepository(connection).latest()
    except SQLAlchemyError:
        return None
    finally:
        _kept_engines[url_text] = engine


_kept_engines: dict[str, Engine] = {}
"""The engine `chosen_pack_on_server` used, for the open that follows it."""


def _engine_for(url: URL, url_text: str | None = None) -> Engine:
    kept = _kept_engines.pop(url_text, None) if url_text is not None else None
    return kept if kept is not None else make_server_engine(url)
