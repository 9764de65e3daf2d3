"""Group mode's access rules, enforced by PostgreSQL itself and tried the way someone
with a login and psql would: straight SQL as each login, the client's session variable
set to anyone, and the app's own commands.

A member sees none of another's rows and cannot write them; a mentor reads a mentee's
rows and cannot change them, and can add reviews for them only; a mentor of alice
cannot read bob; a login in no group reads nothing and gets one line.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from gaptracker.cli import main
from gaptracker.storage import tables
from tests.pg_group import Group

pytestmark = pytest.mark.postgres

RATING_COLUMNS = (
    "skill_id, level, note, evidence, effective_date, created_at, catalog_version, pack_id"
)
A_RATING = (
    "'gpu-cuda-programming', 2, '', '', '2026-11-30', '2026-11-30 10:00', '1', 'research-infra'"
)


def gt(group: Group, login: str, *args: str) -> int:
    return main(["--db", group.url(login), *args])


def sql(group: Group, login: str, statement: str, viewing: str | None = None) -> list[tuple]:
    """Rows of `statement` run as `login`, in its own transaction (committed); with
    `viewing`, the session variable a client sets to look at a member."""
    import psycopg

    with psycopg.connect(group.conninfo(login)) as connection:
        if viewing is not None:
            connection.execute("SELECT set_config('gaptracker.viewing', %s, false)", (viewing,))
        cursor = connection.execute(statement)  # type: ignore[arg-type]
        return cursor.fetchall() if cursor.description else [(cursor.rowcount,)]


def refused(group: Group, login: str, statement: str, viewing: str | None = None) -> str:
    import psycopg

    with pytest.raises(psycopg.Error) as caught:
        sql(group, login, statement, viewing)
    return str(caught.value)


@pytest.fixture
def rated(pg_group: Group, capsys: pytest.CaptureFixture[str]) -> Group:
    """alice has rated two skills, bob one, through the app."""
    g = pg_group
    assert gt(g, g.alice, "target", "inference-optimization-engineer") == 0
    assert gt(g, g.alice, "rate", "gpu-cuda-programming", "2", "--note", "alice's") == 0
    assert gt(g, g.alice, "rate", "docker-and-kubernetes", "3") == 0
    assert gt(g, g.bob, "rate", "gpu-cuda-programming", "4", "--note", "bob's") == 0
    capsys.readouterr()
    return g


def count(group: Group, login: str, table: str = "ratings", viewing: str | None = None) -> int:
    return int(sql(group, login, f"SELECT count(*) FROM {table}", viewing)[0][0])


def test_a_member_sees_only_their_own_rows_whatever_they_set(rated: Group) -> None:
    g = rated
    assert count(g, g.alice) == 2 and count(g, g.bob) == 1
    assert sql(g, g.alice, "SELECT DISTINCT member FROM ratings") == [(g.alice,)]
    for viewing in (g.bob, "", g.owner, "%"):  # the variable only ever narrows
        assert sql(g, g.alice, "SELECT * FROM ratings WHERE member <> current_user", viewing) == []
    assert count(g, g.alice, "target_changes") == 1 and count(g, g.bob, "target_changes") == 0
    assert count(g, g.bob, "members") == 1  # themselves only: not the others' names


def test_a_member_cannot_write_or_remove_anothers_rows(rated: Group) -> None:
    g = rated
    said = refused(
        g,
        g.alice,
        f"INSERT INTO ratings ({RATING_COLUMNS}, member) VALUES ({A_RATING}, '{g.bob}')",
    )
    assert "new row violates row-level security policy" in said
    assert "permission denied" in refused(g, g.alice, "DELETE FROM ratings")
    assert "permission denied" in refused(g, g.alice, "TRUNCATE ratings")
    # DELETE would also allow LOCK TABLE ... ACCESS EXCLUSIVE: everyone's reads stopped.
    assert "permission denied" in refused(g, g.alice, "LOCK TABLE ratings IN EXCLUSIVE MODE")
    assert "permission denied" in refused(g, g.alice, "LOCK TABLE members IN EXCLUSIVE MODE")
    assert sql(g, g.alice, "SELECT gaptracker_erase_own_rows()", viewing=g.bob) == [("",)]
    assert "permission denied" in refused(g, g.eve, "SELECT gaptracker_erase_own_rows()")
    assert "permission denied" in refused(g, g.alice, "UPDATE ratings SET level = 5")
    assert "must be owner" in refused(g, g.alice, "ALTER TABLE ratings DISABLE ROW LEVEL SECURITY")
    assert count(g, g.bob) == 1
    joining = "INSERT INTO members (login, name, added_at) VALUES ('x', 'x', now())"
    assert "permission denied" in refused(g, g.alice, joining)
    mentoring = f"INSERT INTO mentorships VALUES ('{g.alice}', '{g.bob}', now())"
    assert "permission denied" in refused(g, g.alice, mentoring)


def test_a_mentor_reads_a_mentee_and_cannot_change_them(rated: Group) -> None:
    g = rated
    assert count(g, g.mona) == 0  # mona's own rows: none
    assert count(g, g.mona, viewing=g.alice) == 2
    notes = sql(g, g.mona, "SELECT note FROM ratings ORDER BY id", viewing=g.alice)
    assert notes == [("alice's",), ("",)]
    said = refused(
        g,
        g.mona,
        f"INSERT INTO ratings ({RATING_COLUMNS}) VALUES ({A_RATING})",
        viewing=g.alice,  # the row's member defaults to whom the client views
    )
    assert "new row violates row-level security policy" in said
    assert "permission denied" in refused(g, g.mona, "DELETE FROM ratings", viewing=g.alice)
    assert "permission denied" in refused(g, g.mona, "UPDATE ratings SET level = 0", g.alice)
    assert count(g, g.alice) == 2


def test_a_mentor_of_alice_cannot_read_bob(rated: Group) -> None:
    g = rated
    assert count(g, g.mona, viewing=g.bob) == 0
    assert sql(g, g.mona, "SELECT login FROM members ORDER BY login") == sorted(
        [(g.alice,), (g.mona,)]
    )
    assert count(g, g.mona, "target_changes", viewing=g.bob) == 0


BUNDLE = (
    "INSERT INTO review_bundles (id, content_hash, role_id, skill_ids, created_at, pack_id)"
    " VALUES ('{id}', '{hash}', '{role}', 'gpu-cuda-programming', now(), 'research-infra')"
)
LEVEL = (
    "INSERT INTO mentor_ratings (review_id, bundle_id, mentor, reviewed_on, skill_id, level,"
    " note, imported_at, pack_id) VALUES ('{review}', '{bundle}', '{mentor}', '2026-11-30',"
    " 'gpu-cuda-programming', 3, '', now(), 'research-infra')"
)
HEX = "0123456789abcdef" * 2


def bundle(
    id_: str = HEX, hash_: str = HEX * 2, role: str = "inference-optimization-engineer"
) -> str:
    return BUNDLE.format(id=id_, hash=hash_, role=role)


def level(mentor: str, bundle_id: str = HEX, review: str = HEX[::-1]) -> str:
    return LEVEL.format(review=review, bundle=bundle_id, mentor=mentor)


def test_a_mentor_adds_reviews_for_a_mentee_only(rated: Group) -> None:
    g = rated
    sql(g, g.mona, bundle(), viewing=g.alice)
    sql(g, g.mona, level(g.mona), viewing=g.alice)
    assert sql(g, g.alice, "SELECT member, mentor, level FROM mentor_ratings") == [
        (g.alice, g.mona, 3)
    ]
    said = refused(g, g.mona, bundle(id_="f" * 32), viewing=g.bob)
    assert "new row violates row-level security policy" in said
    assert count(g, g.bob, "review_bundles") == 0


PLANTED: dict[str, Callable[[str], str]] = {
    "bundle id": lambda mentor: bundle(id_="not-hex"),
    "bundle hash": lambda mentor: bundle(hash_="h"),
    "role": lambda mentor: bundle(role="No Such Role"),
    "another mentor's name": lambda mentor: level("otto"),
    "review id": lambda mentor: level(mentor, review="r1"),
    "another member's bundle": lambda mentor: level(mentor, bundle_id="e" * 32),
}


@pytest.mark.parametrize("planted", PLANTED)
def test_a_mentor_plants_nothing_the_mentees_app_could_not_read(
    rated: Group, planted: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Only rows as the app writes them, in the mentor's own name, linked to the mentee's
    own bundle: anything else is refused, and the mentee's commands go on working."""
    g = rated
    sql(g, g.mona, bundle(), viewing=g.alice)  # a real bundle of alice's
    sql(g, g.bob, bundle(id_="e" * 32))  # and one of bob's own
    statement = PLANTED[planted](g.mona)
    assert "row-level security" in refused(g, g.mona, statement, viewing=g.alice)
    for command in (["gap", "--json"], ["backup", "/dev/null"], ["history", "--json"]):
        assert gt(g, g.alice, *command) == 0, capsys.readouterr().err


def test_no_member_takes_ids_or_links_to_anothers_rows(rated: Group) -> None:
    """An id taken ahead of the sequence would make another member's next insert fail; a
    rating holding another's check-in would keep that member from erasing it."""
    g = rated
    said = refused(
        g, g.alice, f"INSERT INTO ratings (id, {RATING_COLUMNS}) VALUES (999, {A_RATING})"
    )
    assert "permission denied" in said
    assert "permission denied" in refused(
        g, g.alice, "SELECT nextval(pg_get_serial_sequence('ratings', 'id'))"
    )
    sql(g, g.bob, "INSERT INTO checkins (role_id, started_at, pack_id) VALUES ('x', now(), 'p')")
    (bobs,) = sql(g, g.bob, "SELECT id FROM checkins")
    said = refused(
        g,
        g.alice,
        f"INSERT INTO ratings ({RATING_COLUMNS}, checkin_id) VALUES ({A_RATING}, {bobs[0]})",
    )
    assert "row-level security" in said
    assert gt(g, g.bob, "rate", "docker-and-kubernetes", "2") == 0


def test_the_owner_reads_each_member_in_turn_and_writes_no_ones_rows(rated: Group) -> None:
    g = rated
    assert count(g, g.owner) == 0
    assert count(g, g.owner, viewing=g.alice) == 2 and count(g, g.owner, viewing=g.bob) == 1
    said = refused(g, g.owner, f"INSERT INTO ratings ({RATING_COLUMNS}) VALUES ({A_RATING})", g.bob)
    assert "new row violates row-level security policy" in said
    assert sql(g, g.owner, "DELETE FROM ratings", viewing=g.bob) == [(0,)]  # its own only
    assert count(g, g.bob) == 1


def test_a_login_in_no_group_reads_nothing_and_gets_one_line(
    rated: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    g = rated
    assert "permission denied" in refused(g, g.eve, "SELECT * FROM ratings")
    for command in (["status"], ["rate", "gpu-cuda-programming", "1"]):
        assert gt(g, g.eve, *command) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "not a member" in err, err
    assert count(g, g.alice) == 2 and count(g, g.bob) == 1


def test_each_members_backup_holds_their_own_rows_only(
    rated: Group, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    g = rated
    for login, notes in ((g.alice, ["alice's", ""]), (g.bob, ["bob's"])):
        path = tmp_path / f"{login}.json"
        assert gt(g, login, "backup", str(path)) == 0
        assert [r["note"] for r in json.loads(path.read_text())["ratings"]] == notes


def test_only_the_owner_adds_members_and_mentors(
    rated: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    g = rated
    for login in (g.alice, g.mona):
        for command in (["add-member", g.eve], ["add-mentor", login, g.bob]):
            assert gt(g, login, "group", *command) == 2
            err = capsys.readouterr().err
            assert err.count("\n") == 1 and "owner" in err, err
    assert count(g, g.owner, "members") == 4  # owner, alice, bob, mona
    assert count(g, g.owner, "mentorships") == 1


def test_every_user_data_table_is_forced_under_row_level_security_with_policies(
    pg_group: Group,
) -> None:
    """Autogenerate does not see policies: a table added without them fails here."""
    g = pg_group
    rows = sql(
        g,
        g.owner,
        "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,"
        " (SELECT count(*) FROM pg_policies p WHERE p.tablename = c.relname"
        "  AND p.schemaname = current_schema()),"
        " pg_get_userbyid(c.relowner)"
        " FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace"
        " AND c.relkind = 'r'",
    )
    found = {name: (rls, forced, policies, owner) for name, rls, forced, policies, owner in rows}
    assert set(found) == {*tables.metadata.tables, "alembic_version"}
    owner_role = found["members"][3]
    for name in tables.metadata.tables:
        rls, forced, policies, owner = found[name]
        assert (rls, forced, owner) == (True, True, owner_role), name
        assert policies >= 2, name
    assert {t.name for t in tables.USER_DATA_TABLES} | {"members", "mentorships"} == set(
        tables.metadata.tables
    )
    logins = sql(g, g.owner, f"SELECT rolcanlogin FROM pg_roles WHERE rolname = '{owner_role}'")
    assert logins == [(False,)]


def test_policies_name_the_groups_roles_and_nothing_wider(pg_group: Group) -> None:
    g = pg_group
    roles = sql(g, g.owner, "SELECT DISTINCT unnest(roles) FROM pg_policies")
    assert {r for (r,) in roles} == {f"{g.database}_owner", f"{g.database}_member"}
    public = sql(
        g,
        g.owner,
        "SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = 'PUBLIC'"
        " AND table_schema = current_schema()",
    )
    assert public == [(0,)]


def test_a_members_restore_replace_erases_their_own_rows_only(
    rated: Group,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    g = rated
    path = tmp_path / "alice.json"
    assert gt(g, g.alice, "backup", str(path)) == 0
    assert gt(g, g.alice, "rate", "gpu-cuda-programming", "5") == 0
    assert gt(g, g.alice, "restore", "--replace", str(path)) == 0
    assert count(g, g.alice) == 2
    assert sql(g, g.bob, "SELECT note FROM ratings") == [("bob's",)]
    assert count(g, g.bob, "target_changes") == 0 and count(g, g.alice, "target_changes") == 1


def test_a_restore_on_a_shared_server_keeps_each_rating_in_its_checkin(
    rated: Group, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every member's rows draw ids on one sequence: a restore takes the next ids (bob's
    rows hold some of the small ones) and links each rating to its check-in's new id."""
    from gaptracker.catalog import load_catalog
    from gaptracker.services.tracker import Tracker
    from gaptracker.storage.server import open_server_database

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    g = rated
    database = open_server_database(g.url(g.alice))
    try:
        tracker = Tracker(load_catalog(), database.uow_factory)
        walk = tracker.checkin.walk()
        for skill in walk.remaining[:2]:
            walk = tracker.checkin.record(walk, skill, 3)
    finally:
        database.close()
    path = tmp_path / "alice.json"
    assert gt(g, g.alice, "backup", str(path)) == 0
    assert gt(g, g.bob, "rate", "docker-and-kubernetes", "1") == 0  # takes the next id
    assert gt(g, g.alice, "restore", "--replace", str(path)) == 0
    linked = sql(
        g,
        g.alice,
        "SELECT r.skill_id, c.role_id FROM ratings r JOIN checkins c ON c.id = r.checkin_id",
    )
    assert [skill for skill, _ in linked] == list(walk.skills[:2])
    assert {role for _, role in linked} == {"inference-optimization-engineer"}
    assert count(g, g.alice) == 4 and count(g, g.bob) == 2


def test_no_one_can_take_another_members_write_lock(rated: Group) -> None:
    """The write lock is a member's own row, which no one else can see to lock: bob's
    write goes through while alice tries to hold his (an advisory lock's key anyone
    could take, and stop bob's writes for as long as they liked)."""
    import psycopg

    g = rated
    with psycopg.connect(g.conninfo(g.alice)) as alice:
        taken = alice.execute(
            "SELECT 1 FROM members WHERE login = %s FOR NO KEY UPDATE", (g.bob,)
        ).fetchall()
        assert taken == []
        alice.execute("SELECT set_config('gaptracker.viewing', %s, true)", (g.bob,))
        alice.execute("SELECT 1 FROM members WHERE login = current_user FOR NO KEY UPDATE")
        assert gt(g, g.bob, "rate", "docker-and-kubernetes", "2") == 0  # not waiting
    assert count(g, g.bob) == 2


@pytest.mark.parametrize("name", ["\x1b[31mred", "x" * 81, ""])
def test_a_member_renames_themselves_only_to_a_name_the_app_shows_as_is(
    rated: Group, name: str
) -> None:
    """Their own row is the one they may update (it is their writers' lock)."""
    import psycopg

    g = rated
    with (
        pytest.raises(psycopg.errors.CheckViolation),
        psycopg.connect(g.conninfo(g.alice)) as alice,
    ):
        alice.execute("UPDATE members SET name = %s WHERE login = current_user", (name,))
    assert sql(g, g.alice, "UPDATE members SET name = 'Alice L.' WHERE login = current_user")
    assert sql(g, g.bob, f"UPDATE members SET name = 'x' WHERE login = '{g.alice}'") == [(0,)]


def test_as_the_member_role_a_member_is_still_only_themselves(rated: Group) -> None:
    """Every member may SET ROLE to the group's member role: the policies name the login
    (session_user), so that shares no rows between them."""
    import psycopg

    g = rated
    role = sql(g, g.owner, "SELECT gaptracker_member_role()")[0][0]
    with psycopg.connect(g.conninfo(g.alice)) as alice:
        alice.execute(f'SET ROLE "{role}"')
        assert alice.execute("SELECT DISTINCT member FROM ratings").fetchall() == [(g.alice,)]
        alice.execute(f"INSERT INTO ratings ({RATING_COLUMNS}) VALUES ({A_RATING})")
        assert alice.execute("SELECT DISTINCT member FROM ratings").fetchall() == [(g.alice,)]
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            alice.execute(
                f"INSERT INTO ratings ({RATING_COLUMNS}, member) VALUES ({A_RATING}, '{role}')"
            )
    assert count(g, g.bob) == 1
