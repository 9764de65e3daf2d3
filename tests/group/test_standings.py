"""services.group.member_standings over the fake directory: each member's own figures."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from gaptracker.domain.active_pack import BUILT_IN, ActivePack
from gaptracker.domain.models import Catalog, PackChoice
from gaptracker.services.group import member_standings
from gaptracker.services.status import read_status
from tests.fakes import FixedClock
from tests.group_fakes import ROLE, Group


def test_a_mentor_reads_each_mentee_as_their_own_status_gives_it(
    group: Group, catalog: Catalog, clock: FixedClock
) -> None:
    maria = group.directory("maria")
    alice, bob = member_standings(catalog, clock, maria, maria.mentees())
    own = read_status(catalog, group.databases["alice"].uow_factory, clock)
    assert (alice.login, alice.name, alice.role_id) == ("alice", "Alice A.", ROLE)
    assert alice.role_name == own.role_name
    assert alice.readiness == own.readiness and isinstance(alice.readiness, Fraction)
    assert (alice.must_met, alice.must_total) == (own.must_met, own.must_total)
    assert alice.must_total == 3
    assert alice.last_rating_on == clock.today() and alice.days_since_last_rating == 0
    assert alice.stale_ratings == 2  # the two rated 120 days ago
    assert alice.last_checkin_on == clock.today() - dt.timedelta(days=7)
    assert alice.pack == own.pack
    assert bob.role_id is None and bob.readiness is None and bob.last_rating_on is None
    assert (bob.stale_ratings, bob.last_checkin_on) == (0, None)
    assert maria.viewed == ["alice", "bob"]


def test_the_owner_reads_every_member_and_readiness_differs_per_member(
    group: Group, catalog: Catalog, clock: FixedClock
) -> None:
    owner = group.directory("owner")
    rows = member_standings(catalog, clock, owner, owner.members())
    assert [r.login for r in rows] == ["alice", "bob", "carol", "maria", "owner"]
    carol = rows[2]
    assert carol.role_id == "ai-research-scientist"
    assert (
        carol.readiness
        == read_status(catalog, group.databases["carol"].uow_factory, clock).readiness
    )


def test_each_member_is_read_under_their_own_pack_choice(
    group: Group, catalog: Catalog, clock: FixedClock
) -> None:
    """The reader gets each member's latest choice (None: never chosen)."""
    with group.databases["alice"].uow_factory() as uow:
        uow.packs.add(PackChoice(pack_id="mine", version="1.0.0", chosen_at=clock.now()))
        uow.commit()
    seen: list[str | None] = []

    def packs(choice: PackChoice | None) -> tuple[Catalog, ActivePack]:
        seen.append(choice.pack_id if choice else None)
        if choice is None:
            return catalog, BUILT_IN
        lineage = frozenset({"mine", BUILT_IN.id})
        return catalog, ActivePack(id="mine", version="1.0.0", lineage=lineage)

    maria = group.directory("maria")
    alice, bob = member_standings(catalog, clock, maria, maria.mentees(), packs=packs)
    assert seen == ["mine", None]
    assert alice.pack == f"mine@{catalog.version}" and bob.pack.startswith(BUILT_IN.id)
