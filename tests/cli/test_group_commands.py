"""`group init`, `group add-member` and `group add-mentor`: what they say, what they
change, and every refusal one line with exit status 2 and nothing changed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from gaptracker.storage.migrations.revisions import KNOWN_REVISIONS
from tests.cli.conftest import Result, Run, in_process
from tests.pg_group import Group, make_group
from tests.pg_server import PgServer

pytestmark = pytest.mark.postgres

RATE = ("rate", "gpu-cuda-programming", "3")


def one_line_exit_2(result: Result) -> None:
    assert result.status == 2, result
    assert result.out == "" and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err


def scalar_rows(url: str, statement: str) -> list[object]:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return list(connection.execute(text(statement)).scalars())
    finally:
        engine.dispose()


def schema_of(url: str) -> list[object]:
    return scalar_rows(
        url,
        "SELECT tablename || ':' || (SELECT count(*) FROM pg_policies p"
        " WHERE p.tablename = t.tablename) FROM pg_tables t"
        " WHERE schemaname = current_schema() ORDER BY 1",
    )


_numbers = iter(range(1, 10**6))


@pytest.fixture
def fresh(pg_server: PgServer) -> Iterator[Group]:
    """Logins and an empty database its owner owns; no `group init` yet."""
    import os

    import psycopg

    group = make_group(pg_server, f"gt_fresh_{os.getpid()}_{next(_numbers)}")
    yield group
    with psycopg.connect(pg_server.conninfo(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE "{group.database}" WITH (FORCE)')


def test_group_commands_on_a_file_are_one_line(gt: Run) -> None:
    for command in (["init"], ["add-member", "alice"], ["add-mentor", "mona", "alice"]):
        result = gt("group", *command)
        one_line_exit_2(result)
        assert "group mode needs a PostgreSQL database" in result.err


def test_init_says_what_it_will_make_then_makes_it(
    fresh: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    owner = in_process(fresh.url(fresh.owner), capsys)
    dry = owner("group", "init", "--dry-run")
    assert dry.status == 0, dry.err
    assert [line.split()[0] for line in dry.out.splitlines()[1:]] == list(KNOWN_REVISIONS)
    assert "a new group" in dry.out
    assert schema_of(fresh.url(fresh.owner)) == []  # a dry run changes nothing

    made = owner("group", "init", "--name", "Olga")
    assert made.status == 0, made.err
    assert f"{fresh.owner} is the owner and a member" in made.out
    assert scalar_rows(fresh.url(fresh.owner), "SELECT name FROM members") == ["Olga"]
    again = owner("group", "init")
    assert again.status == 0 and "nothing to upgrade" in again.out


def test_a_login_that_may_not_make_roles_cannot_init(
    fresh: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    import psycopg

    with psycopg.connect(fresh.server.conninfo(), autocommit=True) as admin:
        admin.execute(f'ALTER DATABASE "{fresh.database}" OWNER TO "{fresh.eve}"')
    result = in_process(fresh.url(fresh.eve), capsys)("group", "init")
    one_line_exit_2(result)
    assert "may not create roles" in result.err
    assert schema_of(fresh.url(fresh.owner)) == []


def test_an_old_single_users_database_is_upgraded_by_its_owner_only(
    fresh: Group, capsys: pytest.CaptureFixture[str], pg_server: PgServer
) -> None:
    """A server database from before groups (0007) keeps its rows, which become the
    upgrading login's; no member's client migrates it, each says who can."""
    from alembic import command

    from gaptracker.storage.schema import alembic_config

    url = fresh.url(fresh.owner)
    engine = create_engine(url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0007")  # type: ignore[arg-type]
        connection.execute(
            text(
                "INSERT INTO ratings (skill_id, level, note, evidence, effective_date,"
                " created_at, catalog_version) VALUES ('gpu-cuda-programming', 2, 'mine', '',"
                " '2026-11-01', '2026-11-01 10:00', '1')"
            )
        )
    engine.dispose()
    before = schema_of(url)
    owner = in_process(fresh.url(fresh.owner), capsys)
    for refused in (owner("status"), owner("rate", "gpu-cuda-programming", "3")):
        one_line_exit_2(refused)
        assert "is at schema 0007" in refused.err and "group init" in refused.err
    assert schema_of(url) == before

    upgraded = owner("group", "init")
    assert upgraded.status == 0, upgraded.err
    assert "from schema 0007, to 0008" in upgraded.out and "  0008  Group mode" in upgraded.out
    assert scalar_rows(url, "SELECT member || ':' || note FROM ratings") == [f"{fresh.owner}:mine"]
    history = owner("history", "--json")
    assert history.status == 0 and "mine" in history.out


def test_init_refuses_a_newer_schema_untouched(
    fresh: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    url = fresh.url(fresh.owner)
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('9999')"))
    engine.dispose()
    for command in (["init"], ["init", "--dry-run"]):
        result = in_process(fresh.url(fresh.owner), capsys)("group", *command)
        one_line_exit_2(result)
        assert "newer gaptracker (schema 9999)" in result.err
    assert scalar_rows(url, "SELECT version_num FROM alembic_version") == ["9999"]


def test_adding_members_and_mentors_says_what_changed(
    pg_group: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    g = pg_group
    owner = in_process(g.url(g.owner), capsys)
    again = owner("group", "add-member", g.alice)
    assert again.status == 0 and "a member already; nothing changed" in again.out
    newcomer = f"{g.database}_newcomer"
    made = owner("group", "add-member", newcomer, "--name", "New Person")
    assert made.status == 0, made.err
    assert "without a password" in made.out
    can_login = scalar_rows(
        g.url(g.owner), f"SELECT rolcanlogin FROM pg_roles WHERE rolname = '{newcomer}'"
    )
    assert can_login == [True]
    paired = owner("group", "add-mentor", g.mona, g.alice)
    assert paired.status == 0 and "already; nothing changed" in paired.out
    assert owner("group", "add-mentor", g.mona, newcomer).status == 0
    assert scalar_rows(g.url(g.owner), "SELECT count(*) FROM mentorships") == [2]


@pytest.mark.parametrize(
    ("login", "said"),
    [
        ("", "is not a login"),
        ("x" * 64, "is not a login"),
        ("bad\nname", "is not a login"),
        ("gaptracker", "has a superuser"),
    ],
)
def test_a_login_that_cannot_be_a_member_is_refused(
    pg_group: Group, capsys: pytest.CaptureFixture[str], login: str, said: str
) -> None:
    before = scalar_rows(pg_group.url(pg_group.owner), "SELECT login FROM members ORDER BY 1")
    result = in_process(pg_group.url(pg_group.owner), capsys)("group", "add-member", login)
    one_line_exit_2(result)
    assert said in result.err
    after = scalar_rows(pg_group.url(pg_group.owner), "SELECT login FROM members ORDER BY 1")
    assert after == before


def test_a_mentor_must_be_a_member_and_not_their_own(
    pg_group: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    g = pg_group
    owner = in_process(g.url(g.owner), capsys)
    for mentor, mentee, said in (
        (g.eve, g.alice, "is not a member"),
        (g.bob, g.eve, "is not a member"),
        (g.bob, g.bob, "cannot mentor themselves"),
    ):
        result = owner("group", "add-mentor", mentor, mentee)
        one_line_exit_2(result)
        assert said in result.err
    assert scalar_rows(g.url(g.owner), "SELECT count(*) FROM mentorships") == [1]


def test_members_never_wait_for_each_others_writes(
    pg_group: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    """The write lock is each member's own: alice's held lock does not stop bob's rate
    (and would stop alice's own, as the writers' tests show)."""
    from gaptracker.storage.unit_of_work import WRITE_LOCK

    g = pg_group
    engine = create_engine(g.url(g.alice))
    try:
        with engine.connect() as alice_writing:
            alice_writing.execute(WRITE_LOCK)
            bob = subprocess.run(
                [sys.executable, "-m", "gaptracker", "--db", g.url(g.bob), *RATE],
                capture_output=True,
                text=True,
                timeout=120,
            )
            alice_writing.rollback()
    finally:
        engine.dispose()
    assert bob.returncode == 0, bob.stderr


@pytest.mark.parametrize("attribute", ["BYPASSRLS", "CREATEROLE", "REPLICATION"])
def test_a_login_that_policies_would_not_hold_cannot_be_a_member(
    pg_group: Group, capsys: pytest.CaptureFixture[str], attribute: str
) -> None:
    """BYPASSRLS reads every row; CREATEROLE can grant itself a member's role and read as
    them; REPLICATION can copy the whole database."""
    import psycopg

    login = f"{pg_group.database}_{attribute.lower()}"
    with psycopg.connect(pg_group.server.conninfo(), autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{login}" LOGIN {attribute}')
    result = in_process(pg_group.url(pg_group.owner), capsys)("group", "add-member", login)
    one_line_exit_2(result)
    assert attribute in result.err and "no policy limits" in result.err
    members = scalar_rows(pg_group.url(pg_group.owner), "SELECT login FROM members")
    assert login not in members


@pytest.mark.parametrize("name", ["x" * 81, "bad\x1b[31mred", "  "])
def test_a_name_that_is_not_one_printable_line_is_refused(
    pg_group: Group, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    login = f"{pg_group.database}_named"
    result = in_process(pg_group.url(pg_group.owner), capsys)(
        "group", "add-member", login, "--name", name
    )
    one_line_exit_2(result)
    assert "is not a name" in result.err and "\x1b" not in result.err


def test_a_role_named_like_the_groups_that_is_not_its_own_is_refused(
    fresh: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    """A login called `<db>_owner` would own every table and could switch the policies off."""
    import psycopg

    with psycopg.connect(fresh.server.conninfo(), autocommit=True) as admin:
        admin.execute(f'CREATE ROLE "{fresh.database}_owner" LOGIN')
    result = in_process(fresh.url(fresh.owner), capsys)("group", "init")
    assert result.status == 2 and result.err.count("\n") == 1, result.err
    assert "exists already, and is not one this group can use" in result.err
    assert schema_of(fresh.url(fresh.owner)) == []


def test_member_commands_on_a_database_without_a_group_say_so(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in (["add-member", "someone"], ["add-mentor", "a", "b"]):
        result = in_process(pg_url, capsys)("group", *command)
        one_line_exit_2(result)
        assert "no gaptracker group" in result.err and "group init" in result.err


def test_a_login_that_does_not_own_the_database_cannot_init(
    fresh: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    import psycopg

    with psycopg.connect(fresh.server.conninfo(), autocommit=True) as admin:
        admin.execute(f'ALTER ROLE "{fresh.eve}" CREATEROLE')  # may make roles, owns nothing
    result = in_process(fresh.url(fresh.eve), capsys)("group", "init")
    assert result.status == 2 and result.err.count("\n") == 1, result.err
    assert "needs a login with CREATEROLE that owns the database" in result.err
    assert "not a member" not in result.err
    assert schema_of(fresh.url(fresh.owner)) == []
