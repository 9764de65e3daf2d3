"""`gaptracker group members [--json]` end to end: the server database is real (at the
schema's head), the directory is the fake one (tests/group_fakes.py) until storage.group
provides the real one."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from gaptracker.cli import group_members_command, main
from gaptracker.domain.group import Member
from gaptracker.domain.models import BUILT_IN_PACK_ID, PackChoice
from gaptracker.domain.ports import UnitOfWorkFactory
from tests.cli.conftest import Result
from tests.conftest import NOW
from tests.group_fakes import ROLE, Group

COLUMNS = {
    "login",
    "name",
    "role_id",
    "role_name",
    "readiness",
    "must_met",
    "must_total",
    "last_rating_on",
    "days_since_last_rating",
    "stale_ratings",
    "last_checkin_on",
    "pack",
}


class NoGroup:
    """A database without a group (what the directory says of one)."""

    def me(self) -> str | None:
        return None

    def is_owner(self) -> bool:
        return False

    def members(self) -> list[Member]:
        return []

    def mentees(self) -> list[Member]:
        return []

    def viewing(self, login: str) -> UnitOfWorkFactory:
        raise AssertionError("nothing to view")


def run_as(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> Result:
    try:
        status = main(["--db", url, "group", "members", *args])
    except SystemExit as exc:
        status = int(exc.code or 0)
    captured = capsys.readouterr()
    return Result(status, captured.out, captured.err)


def test_on_a_sqlite_file_it_says_group_mode_needs_postgresql(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_as(str(db_path), capsys)
    assert result.status == 2 and result.out == ""
    assert result.err.startswith("gaptracker: error: group mode needs a PostgreSQL database: ")
    assert result.err.count("\n") == 1
    assert not db_path.exists()  # nothing made


@pytest.fixture
def server_as(
    pg_database_maker: Callable[..., str],
    group: Group,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> Callable[..., Result]:
    """server_as(login, *args): `group members` on a server database, as `login`."""
    url = pg_database_maker(current=True)

    def run(login: str | None, *args: str) -> Result:
        directory = group.directory(login) if login else NoGroup()
        monkeypatch.setattr(group_members_command, "DIRECTORY_FOR", lambda _db: directory)
        return run_as(url, capsys, *args)

    return run


@pytest.mark.postgres
def test_a_mentor_lists_their_mentees_only(server_as: Callable[..., Result]) -> None:
    result = server_as("maria")
    assert result.status == 0, result.err
    header, _, *rows = result.out.splitlines()
    assert header.split() == [
        "LOGIN",
        "NAME",
        "ROLE",
        "READINESS",
        "MUST",
        "MET",
        "LAST",
        "RATING",
        "STALE",
    ]
    assert [r.split()[0] for r in rows] == ["alice", "bob"]
    alice = rows[0]
    assert ROLE in alice and "Alice A." in alice and "2026-03-02" in alice
    assert rows[1].split()[3:5] == ["-", "-"]  # bob: no role, no readiness


@pytest.mark.postgres
def test_json_has_the_exact_fields_and_readiness_as_status_json_gives_it(
    server_as: Callable[..., Result], group: Group, capsys: pytest.CaptureFixture[str]
) -> None:
    result = server_as("maria", "--json")
    assert result.status == 0, result.err
    alice, bob = json.loads(result.out)
    assert set(alice) == COLUMNS and set(bob) == COLUMNS
    own = json.loads(run_status(group.databases["alice"].path, capsys))
    assert alice["readiness"] == own["readiness"] and isinstance(alice["readiness"], float)
    assert (alice["must_met"], alice["must_total"]) == (own["must_met"], own["must_total"])
    assert alice["last_rating_on"] == own["last_rating_on"] == "2026-03-02"
    assert alice["last_checkin_on"] == "2026-02-23"
    assert bob["readiness"] is None and bob["role_id"] is None


def run_status(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["--db", str(path), "status", "--json"]) == 0
    return capsys.readouterr().out


@pytest.mark.postgres
def test_the_owner_lists_every_member(server_as: Callable[..., Result]) -> None:
    result = server_as("owner", "--json")
    assert result.status == 0, result.err
    logins = [m["login"] for m in json.loads(result.out)]
    assert logins == ["alice", "bob", "carol", "maria", "owner"]


@pytest.mark.postgres
@pytest.mark.parametrize(
    ("login", "said"),
    [("carol", "carol mentors no one"), (None, "run 'gaptracker group init'")],
)
def test_a_member_who_mentors_no_one_or_no_group_is_one_line_exit_2(
    server_as: Callable[..., Result], login: str | None, said: str
) -> None:
    result = server_as(login)
    assert result.status == 2 and result.out == ""
    assert said in result.err and result.err.count("\n") == 1


@pytest.mark.postgres
def test_a_pack_this_machine_does_not_hold_is_said_once_and_read_as_built_in(
    server_as: Callable[..., Result], group: Group, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # an empty packs folder
    chosen = PackChoice(pack_id="mine", version="1.0.0", chosen_at=NOW)
    for login in ("alice", "bob"):
        with group.databases[login].uow_factory() as uow:
            uow.packs.add(chosen)
            uow.commit()
    result = server_as("maria", "--json")
    assert result.status == 0
    assert result.err.count("'mine' cannot be read") == 1
    assert [m["pack"].split("@")[0] for m in json.loads(result.out)] == [BUILT_IN_PACK_ID] * 2
