"""`group init`, `group add-member` and `group add-mentor`: the owner's side of group mode.

A group lives in one PostgreSQL database (storage.group); on a SQLite file these are one
line, exit status 2. `group init` says what it will change before it changes it, and
`--dry-run` stops there.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TYPE_CHECKING

from gaptracker.cli.common import EXIT_OK, out, settings_for
from gaptracker.cli.group_members_command import add_members_parser, cmd_group_members
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.text import one_line

if TYPE_CHECKING:
    from gaptracker.storage.schema import Database


def add_group_commands(
    parser: argparse.ArgumentParser, parser_class: type[argparse.ArgumentParser]
) -> None:
    """The subcommands of `gaptracker group`."""
    sub = parser.add_subparsers(
        dest="group_command", metavar="SUBCOMMAND", parser_class=parser_class, required=True
    )

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text)

    p = add("init", "owner: make the group's schema, roles and policies, or upgrade them")
    p.add_argument("--name", default="", help="your name as the group shows it")
    p.add_argument("--dry-run", action="store_true", help="only say what would change")
    p = add("add-member", "owner: make a PostgreSQL login a member of the group")
    p.add_argument("login", metavar="LOGIN")
    p.add_argument("--name", default="", help="their name as the group shows it")
    p = add("add-mentor", "owner: let MENTOR read MENTEE's rows and record reviews for them")
    p.add_argument("mentor", metavar="MENTOR")
    p.add_argument("mentee", metavar="MENTEE")
    add_members_parser(add)


def cmd_group(args: argparse.Namespace) -> int:
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "init": _init,
        "add-member": _add_member,
        "add-mentor": _add_mentor,
        "members": cmd_group_members,
    }
    return handlers[args.group_command](args)


def _server_url(args: argparse.Namespace) -> str:
    from gaptracker.storage.group import NOT_A_GROUP

    url = settings_for(args).db_url
    if not url:
        raise UserInputError(NOT_A_GROUP)
    return url


def _owners_database(args: argparse.Namespace) -> Database:
    """The group's database for its owner's commands: they read no member's rows, so the
    server's superuser may run them too (storage.server.open_server_database)."""
    from gaptracker.storage.server import open_server_database

    database = open_server_database(_server_url(args), bypassing=True)
    args.opened_database = database  # main() closes it
    return database


def _init(args: argparse.Namespace) -> int:
    from gaptracker.storage.group import init_group, planned_changes
    from gaptracker.storage.server import label, server_url

    url = _server_url(args)
    where = label(server_url(url))
    current, pending = planned_changes(url)
    if pending:
        start = f"from schema {current}" if current else "a new group"
        out(f"{where}: {start}, to {pending[-1][0]}:")
        for revision, summary in pending:
            out(f"  {revision}  {one_line(summary)}")
    else:
        out(f"{where}: the schema is current ({current}); nothing to upgrade")
    if args.dry_run:
        return EXIT_OK
    made = init_group(url, args.name)
    out(
        f"group ready: tables owned by {made.owner_role}, members granted {made.member_role};"
        f" {made.login} is the owner and a member"
    )
    return EXIT_OK


def _add_member(args: argparse.Namespace) -> int:
    from gaptracker.storage.group import add_member

    added = add_member(_owners_database(args), args.login, args.name)
    if not added.member:
        out(f"{args.login} is a member already; nothing changed")
        return EXIT_OK
    out(f"added {args.login} to the group")
    if added.login_made:
        out(
            f"{args.login} is a new login without a password: set one in psql"
            f" (\\password {args.login}), or let the server's authentication sign them in"
        )
    return EXIT_OK


def _add_mentor(args: argparse.Namespace) -> int:
    from gaptracker.storage.group import add_mentor

    if add_mentor(_owners_database(args), args.mentor, args.mentee):
        out(f"{args.mentor} now mentors {args.mentee}: reads their rows, records reviews")
    else:
        out(f"{args.mentor} mentors {args.mentee} already; nothing changed")
    return EXIT_OK
