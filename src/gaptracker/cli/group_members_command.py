"""`gaptracker group members [--json]`: the members this login may see, with their figures.

The owner sees every member; a mentor their mentees. The database decides who that is
(row-level security); the directory (`storage.group.directory_for`) only reads it back,
and the figures are each member's own `status`, read under the pack they chose.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from gaptracker.cli.common import (
    EXIT_OK,
    open_for,
    out,
    out_json,
    say,
    settings_for,
)
from gaptracker.domain.errors import UserInputError

if TYPE_CHECKING:
    from gaptracker.config import Settings
    from gaptracker.domain.active_pack import ActivePack
    from gaptracker.domain.group import MemberStanding
    from gaptracker.domain.models import Catalog, PackChoice
    from gaptracker.domain.ports import GroupDirectory
    from gaptracker.storage.schema import Database

HEADERS = ("LOGIN", "NAME", "ROLE", "READINESS", "MUST MET", "LAST RATING", "STALE")


def _directory_for(database: Database) -> GroupDirectory:
    from gaptracker.storage.group import directory_for

    directory: GroupDirectory = directory_for(database)
    return directory


DIRECTORY_FOR: Callable[[Database], GroupDirectory] = _directory_for
"""The group as this login sees it, for an opened database (tests replace it)."""


def add_members_parser(sub_add: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Add `members` to the `group` parser's subcommands (`sub_add(name, help)`)."""
    p = sub_add("members", "owner or mentor: who, role, readiness, Must met, last rating, stale")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def cmd_group_members(args: argparse.Namespace) -> int:
    from gaptracker.domain.ports import SystemClock
    from gaptracker.services.group import member_standings

    settings = settings_for(args)
    if not settings.db_url:
        raise UserInputError(
            f"group mode needs a PostgreSQL database: {settings.db} is a SQLite file"
            " (use --db postgresql+psycopg://HOST/DBNAME)"
        )
    directory = DIRECTORY_FOR(open_for(args, settings, writes=False))
    me = directory.me()
    if me is None:
        raise UserInputError(
            "group mode needs a PostgreSQL database with a group: run 'gaptracker group init'"
        )
    if directory.is_owner():
        members = directory.members()
    else:
        members = directory.mentees()
        if not members:
            raise UserInputError(f"{me} mentors no one: only the owner and mentors list members")
    reader = pack_reader(settings)
    catalog, _ = reader(None)
    standings = member_standings(
        catalog, SystemClock(), directory, members, packs=reader, stale_days=settings.stale_days
    )
    if args.json:
        out_json([s.model_dump(mode="json") for s in standings])
    else:
        out(members_table(standings))
    return EXIT_OK


def members_table(standings: list[MemberStanding]) -> str:
    from gaptracker.domain.numbers import percent_text
    from gaptracker.reports.tables import text_table

    rows = [
        (
            s.login,
            s.name,
            s.role_id or "-",
            f"{percent_text(s.readiness)}%" if s.readiness is not None else "-",
            f"{s.must_met}/{s.must_total}",
            s.last_rating_on.isoformat() if s.last_rating_on else "-",
            s.stale_ratings,
        )
        for s in standings
    ]
    return text_table(HEADERS, rows)


def pack_reader(settings: Settings) -> Callable[[PackChoice | None], tuple[Catalog, ActivePack]]:
    """A member's pack choice -> its catalog, from this machine's packs folder (a pack
    it does not hold, or cannot read, is said once and read as the built-in one)."""
    from gaptracker.catalog.active import active_catalog
    from gaptracker.config import default_packs_dir

    packs_dir = default_packs_dir()
    read: dict[str | None, tuple[Catalog, ActivePack]] = {}

    def reader(choice: PackChoice | None) -> tuple[Catalog, ActivePack]:
        chosen = choice.pack_id if choice else None
        if chosen not in read:
            active = active_catalog(chosen, packs_dir, settings.cache_dir)
            if active.warning is not None:
                say(f"gaptracker: warning: {active.warning}")
            read[chosen] = (active.catalog, active.pack)
        return read[chosen]

    return reader
