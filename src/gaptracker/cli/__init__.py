"""The command line and composition root: parse, build settings, storage and services, run.

Textual is imported only when the TUI is launched, and SQLAlchemy only by commands that
touch the database, so `gaptracker status` in a shell prompt stays quick.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from gaptracker import __version__
from gaptracker.cli import core_commands as core
from gaptracker.cli import mentor_commands as mentor
from gaptracker.cli import more_commands as more
from gaptracker.cli.common import (
    EXIT_FAILURE,
    EXIT_OK,
    EXIT_USAGE,
    OutputFailed,
    close_database,
    flush_output,
)
from gaptracker.cli.group_members_command import add_members_parser, cmd_group_members
from gaptracker.cli.serve_command import add_serve_command, cmd_serve
from gaptracker.domain.errors import CatalogError, GapTrackerError, UserInputError


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one line, the hint included, with exit status 2."""

    def error(self, message: str) -> NoReturn:
        _usage_error(message, self.prog)


def _usage_error(message: str, prog: str) -> NoReturn:
    _fail(f"{message} (see '{prog} --help')", EXIT_USAGE)
    raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        default=argparse.SUPPRESS,
        help="SQLite file, or postgresql+psycopg://HOST/DBNAME, to use "
        "(default: $GAPTRACKER_DB or the user-data folder)",
    )
    parser = _Parser(
        prog="gaptracker",
        description="Track your skill gap for AI research and infrastructure roles.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"gaptracker {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text, parents=[common])

    add("tui", "launch the terminal app (the default)")
    p = add("roles", "list the six roles, with your readiness for each")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = add("skills", "list skills (all, or those a role requires)")
    p.add_argument("--role", help="only the skills this role requires, with targets")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = add("target", "set your target role")
    p.add_argument("role", metavar="ROLE")
    p = add("rate", "record a self-rating (0-5) for a skill")
    p.add_argument("skill", metavar="SKILL")
    p.add_argument("level", metavar="LEVEL")
    p.add_argument("--note", default="", help="what you did or can show")
    p.add_argument("--evidence", default="", help="a link or reference backing the rating")
    p.add_argument("--at", metavar="YYYY-MM-DD", help="the date the rating applies to")
    p = add("not-applicable", "mark a skill not applicable for a role (or undo it)")
    p.add_argument("skill", metavar="SKILL")
    p.add_argument("--reason", default="", help="why it does not apply (required)")
    p.add_argument("--role", help="the role (default: your target)")
    p.add_argument("--undo", action="store_true", help="count the skill again")
    p = add("gap", "show the gap for your target role (or --role)")
    p.add_argument("--role")
    p.add_argument("--json", action="store_true", help="the report document as JSON")
    mentor.add_gap_options(p)
    p = add("status", "one line for a shell prompt or status bar")
    p.add_argument("--json", action="store_true")
    p = add("history", "your rating history, oldest first (or readiness per week)")
    p.add_argument("skill", nargs="?", metavar="SKILL")
    p.add_argument("--weekly", action="store_true", help="readiness per week for a role")
    p.add_argument("--role", help="with --weekly: the role (default: your target)")
    p.add_argument("--json", action="store_true")
    add("checkin", "open the terminal app on the weekly check-in")
    p = add("goal", "set a goal: reach LEVEL on SKILL by a date")
    p.add_argument("skill", metavar="SKILL")
    p.add_argument("level", metavar="LEVEL")
    p.add_argument("--by", required=True, metavar="YYYY-MM-DD", help="the due date")
    p = add("goals", "your goals and whether they are on track")
    p.add_argument("--json", action="store_true")
    p = add("plan", "the learning path, study items, projects, practice and next steps")
    p.add_argument("--role", help="the role (default: your target)")
    p.add_argument("--json", action="store_true")
    p = add("export", "export the gap report")
    p.add_argument("--format", choices=("md", "json", "csv", "html"), default="md")
    p.add_argument(
        "--output", type=Path, metavar="PATH", help="write here (default: stdout; html needs it)"
    )
    p.add_argument("--role")
    p.add_argument("--schema", action="store_true", help="print the JSON report's JSON Schema")
    p = add("backup", "write everything you entered to one JSON file")
    p.add_argument("path", type=Path, metavar="PATH")
    p = add("restore", "load a backup (all or nothing)")
    p.add_argument("path", type=Path, metavar="PATH")
    p.add_argument(
        "--replace",
        action="store_true",
        help="replace a non-empty database, its pack choices too (a copy of the file is"
        " kept beside it first)",
    )
    add("check", "check the database file for damage: 'ok', or how to get back")
    mentor.add_mentor_commands(add)
    add_serve_command(add)
    _add_pack_commands(add("pack", "skill packs: forkable, shareable catalogs"))
    _add_group_commands(add("group", "group mode on PostgreSQL: members, mentors"))
    return parser


def _add_group_commands(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(
        dest="group_command", metavar="SUBCOMMAND", parser_class=_Parser, required=True
    )
    add_members_parser(lambda name, help_text: sub.add_parser(name, help=help_text))


def _group(args: argparse.Namespace) -> int:
    commands = {"members": cmd_group_members}
    return commands[args.group_command](args)


def _add_pack_commands(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(
        dest="pack_command", metavar="SUBCOMMAND", parser_class=_Parser, required=True
    )

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=help_text, description=help_text)

    p = add("list", "the built-in pack and yours, with their state")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p = add("init", "fork a pack (default: the built-in one) into your packs folder")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--from", dest="source", metavar="PACK", help="the pack to fork")
    p = add("validate", "every problem of a pack, one line each: file:field: message")
    p.add_argument("pack", metavar="NAME|PATH")
    add("schema", "the JSON Schema of the pack files")
    p = add("export", "write a pack to one JSON file to share")
    p.add_argument("pack", metavar="NAME")
    p.add_argument("--output", type=Path, required=True, metavar="F")
    p = add("import", "install a pack from a file made by 'pack export'")
    p.add_argument("path", type=Path, metavar="F")
    p = add("use", "make a pack the active one (kept as history); shows what changes")
    p.add_argument("name", metavar="NAME")
    p = add("diff", "what changes between two packs: skills, targets, priorities")
    p.add_argument("before", metavar="A")
    p.add_argument("after", metavar="B")
    p.add_argument("--json", action="store_true", help="as JSON")


def _pack(args: argparse.Namespace) -> int:
    from gaptracker.cli.pack_commands import cmd_pack  # only for `pack ...` (status stays quick)

    return cmd_pack(args)


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:
        # A real run: no garbage-collection passes while Textual, SQLAlchemy and pydantic
        # load (they allocate hundreds of thousands of objects and free them by reference
        # counting, so the passes find next to nothing). The TUI turns collection back on
        # after its first frame; any other command exits before it would matter.
        gc.disable()
    # Third-party pydantic plugins (observability hooks) would see every rating and note,
    # and finding them scans every installed package's metadata (about 5 ms of each
    # start). Setting the variable yourself still decides.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args, unknown = build_parser().parse_known_args(argv)
    if unknown:  # the hint names the command's own help, not the top-level one
        prog = f"gaptracker {args.command}" if args.command else "gaptracker"
        _usage_error(f"unrecognized arguments: {' '.join(unknown)}", prog)
    _occupy_closed_standard_streams()
    status = EXIT_FAILURE
    try:
        status = _run(args.command or "tui", args)
    finally:
        close_database(args, succeeded=status == EXIT_OK)
        if argv is None:
            # A real run is about to exit: spare the interpreter a garbage-collection pass
            # over every object at shutdown (about a fifth of `gaptracker status`).
            gc.freeze()
    return status


def _run(command: str, args: argparse.Namespace) -> int:
    try:
        status = _COMMANDS[command](args)
        flush_output()  # a full disk under `> file` shows here, not at the exit
        return status
    except UserInputError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except CatalogError as exc:
        return _fail(str(exc), EXIT_FAILURE)
    except GapTrackerError as exc:  # storage: unreadable, locked, newer schema
        return _fail(str(exc), EXIT_USAGE)
    except OutputFailed as exc:  # `> /dev/full`, `>&-`
        return _fail(str(exc), EXIT_FAILURE)
    except BrokenPipeError:
        sys.stderr.close()  # the reader (e.g. `head`) went away; nothing to report
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # last resort: one line, never a traceback
        return _fail(f"unexpected error: {type(exc).__name__}: {exc}", EXIT_FAILURE)


def _occupy_closed_standard_streams() -> None:
    """Started with stdin, stdout or stderr closed (`>&-`), the first file opened would
    get that number, and anything written to the stream would land in it (the database,
    a backup). /dev/null takes the number instead; `out()` still says stdout is closed."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            try:
                opened = os.open(os.devnull, os.O_RDWR)  # the lowest free number: maybe fd
                if opened != fd:
                    os.dup2(opened, fd)
                    os.close(opened)
            except OSError:
                pass


def _fail(message: str, status: int) -> int:
    try:
        if sys.stderr is not None:
            sys.stderr.write(f"gaptracker: error: {_one_line(message)}\n")
    except OSError:  # nowhere left to say it; the exit status still does
        pass
    return status


def _one_line(text: str) -> str:
    """Control characters (a newline in a file name or an argument) shown escaped, so an
    error stays one line and cannot move the cursor."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "tui": core.cmd_tui,
    "roles": core.cmd_roles,
    "skills": core.cmd_skills,
    "target": core.cmd_target,
    "rate": core.cmd_rate,
    "not-applicable": core.cmd_not_applicable,
    "gap": core.cmd_gap,
    "status": core.cmd_status,
    "history": core.cmd_history,
    "checkin": more.cmd_checkin,
    "goal": more.cmd_goal,
    "goals": more.cmd_goals,
    "plan": more.cmd_plan,
    "export": more.cmd_export,
    "backup": more.cmd_backup,
    "restore": more.cmd_restore,
    "check": more.cmd_check,
    "pack": _pack,
    "group": _group,
    "share": mentor.cmd_share,
    "review": mentor.cmd_review,
    "import-review": mentor.cmd_import_review,
    "serve": cmd_serve,
}
