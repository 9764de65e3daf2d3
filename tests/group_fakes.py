"""A GroupDirectory over one real SQLite file per login, for group mode without a server.

It plays the part row-level security plays on PostgreSQL: a login sees only the members
the group lets it see, and a mentor viewing a mentee may write reviews only (the review
request it records, `bundles`, and the mentor's levels, `mentor_ratings`); any other
write is refused with PostgreSQL's own words, so a service that tries fails its test.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from gaptracker.domain.errors import StorageError
from gaptracker.domain.group import Member
from gaptracker.domain.models import Catalog
from gaptracker.domain.ports import UnitOfWork, UnitOfWorkFactory
from gaptracker.services.tracker import Tracker
from gaptracker.storage.schema import Database, open_database
from tests.fakes import FixedClock

REFUSED = "new row violates row-level security policy"
ADDED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
REVIEW_TABLES = frozenset({"bundles", "mentor_ratings"})
"""What a mentor may write in a mentee's rows."""
ALL_TABLES = (
    "ratings",
    "targets",
    "marks",
    "checkins",
    "goals",
    "plan",
    "packs",
    "bundles",
    "mentor_ratings",
)


class Group:
    """The members' databases, one file each under `folder`, and who mentors whom."""

    def __init__(self, folder: Path, owner: str = "owner") -> None:
        self.folder = folder
        self.owner = owner
        self.members: dict[str, Member] = {}
        self.databases: dict[str, Database] = {}
        self.mentorships: set[tuple[str, str]] = set()

    def add_member(self, login: str, name: str = "") -> Database:
        self.members[login] = Member(login=login, name=name or login.title(), added_at=ADDED)
        self.databases[login] = open_database(self.folder / f"{login}.sqlite")
        return self.databases[login]

    def add_mentor(self, mentor: str, mentee: str) -> None:
        self.mentorships.add((mentor, mentee))

    def directory(self, login: str) -> FakeDirectory:
        """The group as `login` sees it."""
        return FakeDirectory(self, login)

    def close(self) -> None:
        for database in self.databases.values():
            database.close()


class FakeDirectory:
    def __init__(self, group: Group, login: str) -> None:
        self.group = group
        self.login = login
        self.viewed: list[str] = []
        """Each login `viewing` was asked for, in order."""

    def me(self) -> str | None:
        return self.login

    def is_owner(self) -> bool:
        return self.login == self.group.owner

    def members(self) -> Sequence[Member]:
        if self.is_owner():
            return sorted(self.group.members.values(), key=lambda m: m.login)
        mine = {self.login} | {m.login for m in self.mentees()}
        return [
            m for m in sorted(self.group.members.values(), key=lambda m: m.login) if m.login in mine
        ]

    def mentees(self) -> Sequence[Member]:
        logins = {mentee for mentor, mentee in self.group.mentorships if mentor == self.login}
        return [self.group.members[login] for login in sorted(logins)]

    def viewing(self, login: str) -> UnitOfWorkFactory:
        self.viewed.append(login)
        database = self.group.databases[login]
        if login == self.login:
            return database.uow_factory
        if self.is_owner():
            return _Guarded(database.uow_factory, writable=frozenset())
        if login in {m.login for m in self.mentees()}:
            return _Guarded(database.uow_factory, writable=REVIEW_TABLES)
        raise StorageError(f"{self.login} may not read {login}'s rows")


class _Guarded:
    """Units of work whose writes outside `writable` fail, as the policies make them."""

    def __init__(self, factory: UnitOfWorkFactory, writable: frozenset[str]) -> None:
        self.factory = factory
        self.writable = writable

    def __call__(self, *, reading: bool = False) -> UnitOfWork:
        return _GuardedUnit(self.factory(reading=reading), self.writable)  # type: ignore[return-value]


class _GuardedUnit:
    def __init__(self, unit: UnitOfWork, writable: frozenset[str]) -> None:
        self._unit = unit
        self._writable = writable

    def __enter__(self) -> Self:
        self._unit.__enter__()
        for name in ALL_TABLES:
            repo = getattr(self._unit, name)
            setattr(self, name, repo if name in self._writable else _NoAdd(repo))
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._unit.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        self._unit.commit()

    shares_ids = False

    def erase_all(self) -> str:
        raise StorageError(REFUSED)


class _NoAdd:
    def __init__(self, repo: Any) -> None:
        self._repo = repo

    def add(self, *_: object, **__: object) -> Any:
        raise StorageError(REFUSED)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._repo, name)


ROLE = "inference-optimization-engineer"


def seeded_group(folder: Path, catalog: Catalog, clock: FixedClock) -> Group:
    """owner; mentor maria (with a target of her own) of alice and bob; carol, whom no
    one mentors. alice has a target, two ratings 120 days old (stale), one today and a
    check-in a week ago; bob has nothing yet; carol one rating."""
    group = Group(folder)
    for login, name in (
        ("owner", "Olga Owner"),
        ("maria", "Maria Mentor"),
        ("alice", "Alice A."),
        ("bob", "Bob B."),
        ("carol", "Carol C."),
    ):
        group.add_member(login, name)
    group.add_mentor("maria", "alice")
    group.add_mentor("maria", "bob")
    today = clock.today()
    alice = Tracker(catalog, group.databases["alice"].uow_factory, clock)
    alice.set_target(ROLE)
    old = today - dt.timedelta(days=120)
    alice.rate("cpp-cuda-systems-profiling", 4, note="nsight", effective_date=old)
    alice.rate("reproducibility-discipline", 2, effective_date=old)
    clock.advance(days=-7)
    walk = alice.checkin.walk()
    alice.checkin.record(walk, "distributed-compute-literacy", 3)
    clock.advance(days=7)
    alice.rate("inference-optimization", 3, note="vLLM")
    Tracker(catalog, group.databases["maria"].uow_factory, clock).set_target(ROLE)
    carol = Tracker(catalog, group.databases["carol"].uow_factory, clock)
    carol.set_target("ai-research-scientist")
    carol.rate("reproducibility-discipline", 5)
    return group
