"""A group database on the test server with people of each kind, each a login of their
own: an owner (CREATEROLE, owns the database; not a superuser, whom no policy limits), two
members, a mentor of the first, and a login that is in no group.

Logins belong to the whole server, so each group's are named after its database.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.pg_server import PgServer


@dataclass(frozen=True)
class Group:
    server: PgServer
    database: str
    owner: str
    alice: str
    bob: str
    mona: str
    """Mentors alice, not bob."""
    eve: str
    """A login, in no group."""

    def url(self, login: str) -> str:
        return f"postgresql+psycopg://{login}@/{self.database}?host={self.server.socket_dir}"

    def conninfo(self, login: str) -> str:
        return f"host={self.server.socket_dir} user={login} dbname={self.database}"


def make_group(server: PgServer, database: str) -> Group:
    """The logins and an empty database the owner owns; `group init` is the test's."""
    import psycopg

    names = {kind: f"{database}_{kind}_login" for kind in ("owner", "alice", "bob", "mona", "eve")}
    with psycopg.connect(server.conninfo(), autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{names["owner"]}" LOGIN CREATEROLE')
        for kind in ("alice", "bob", "mona", "eve"):
            admin.execute(f'CREATE ROLE "{names[kind]}" LOGIN')
        admin.execute(f'CREATE DATABASE "{database}" OWNER "{names["owner"]}"')
    return Group(server, database, **names)
