"""The command line and composition root: parse, build settings, storage and services, run.

Textual is imported only when the TUI is launched, and SQLAlchemy only by commands that
touch the database, so `gaptracker status` in a shell prompt stays quick.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from gaptracker import __version__
from gaptracker.domain.errors import CatalogError, GapTrackerError, UserInputError

if TYPE_CHECKING:
    from gaptracker.services.tracker import Tracker

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse that reports errors as one line, then a hint, with exit status 2."""

    def error(self, message: str) -> NoReturn:
        sys.stderr.write(f"gaptracker: error: {message}\n(see '{self.prog} --help')\n")
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        type=Path,
        default=argparse.SUPPRESS,
        help="SQLite file to use (default: $GAPTRACKER_DB or the user-data folder)",
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
        help="replace a non-empty database (a copy of the file is kept beside it first)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    command = args.command or "tui"
    try:
        return _COMMANDS[command](args)
    except UserInputError as exc:
        return _fail(str(exc), EXIT_USAGE)
    except CatalogError as exc:
        return _fail(str(exc), EXIT_FAILURE)
    except GapTrackerError as exc:  # storage: unreadable, locked, newer schema
        return _fail(str(exc), EXIT_USAGE)
    except BrokenPipeError:
        sys.stderr.close()  # the reader (e.g. `head`) went away; nothing to report
        return EXIT_OK
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # last resort: one line, never a traceback
        return _fail(f"unexpected error: {type(exc).__name__}: {exc}", EXIT_FAILURE)
    finally:
        database = getattr(args, "opened_database", None)
        if database is not None:
            database.close()


def _fail(message: str, status: int) -> int:
    sys.stderr.write(f"gaptracker: error: {message}\n")
    return status


def _settings(args: argparse.Namespace) -> Any:
    from gaptracker.config import Settings

    db = getattr(args, "db", None)
    return Settings(db=db) if db is not None else Settings()


def _tracker(args: argparse.Namespace) -> Tracker:
    """Wire the real storage into the service (the one place that does)."""
    from gaptracker.catalog import load_catalog
    from gaptracker.services.tracker import Tracker
    from gaptracker.storage.schema import open_database

    catalog = load_catalog()
    settings = _settings(args)
    database = open_database(settings.db)
    args.opened_database = database  # closed by main() when the command is done
    return Tracker(catalog, database.uow_factory, stale_days=settings.stale_days)


def _print(text: str) -> None:
    sys.stdout.write(text if text.endswith("\n") else text + "\n")


def _print_json(data: object) -> None:
    _print(json.dumps(data, indent=2, ensure_ascii=False, default=str))


def cmd_tui(args: argparse.Namespace) -> int:
    from gaptracker.tui.app import run_app

    return run_app(_tracker(args))


def cmd_roles(args: argparse.Namespace) -> int:
    from gaptracker.reports.tables import text_table

    tracker = _tracker(args)
    target = tracker.target_role_id()
    fit = {f.role_id: f for f in tracker.role_fit()}
    roles = tracker.catalog.roles
    if args.json:
        _print_json(
            [
                {
                    **role.model_dump(mode="json"),
                    "is_target": role.id == target,
                    "readiness": round(fit[role.id].readiness, 1),
                }
                for role in roles
            ]
        )
        return EXIT_OK
    rows = [
        ("*" if r.id == target else "", r.id, r.name, r.layer, f"{fit[r.id].readiness:.0f}%")
        for r in roles
    ]
    _print(text_table(("", "ROLE", "NAME", "LAYER", "READINESS"), rows))
    if target is None:
        _print("\nNo target role yet: gaptracker target ROLE")
    return EXIT_OK


def cmd_skills(args: argparse.Namespace) -> int:
    from gaptracker.domain.gap import latest_ratings
    from gaptracker.domain.lookup import find_role
    from gaptracker.reports.tables import text_table

    tracker = _tracker(args)
    catalog = tracker.catalog
    current = latest_ratings(tracker.ratings())
    reqs = {}
    if args.role:
        role = find_role(catalog, args.role)
        reqs = {r.skill_id: r for r in catalog.requirements_for(role.id)}
    skills = [s for s in catalog.skills if not args.role or s.id in reqs]
    if args.json:
        _print_json(
            [
                {
                    **s.model_dump(mode="json"),
                    "current": current[s.id].level if s.id in current else None,
                    **(
                        {"target": reqs[s.id].target, "priority": reqs[s.id].priority.value}
                        if s.id in reqs
                        else {}
                    ),
                }
                for s in skills
            ]
        )
        return EXIT_OK
    headers = ["SKILL", "CATEGORY", "CURRENT"] + (["TARGET", "PRIORITY"] if args.role else [])
    rows = [
        [s.id, s.category.value, current[s.id].level if s.id in current else None]
        + ([reqs[s.id].target, reqs[s.id].priority.value] if args.role else [])
        for s in skills
    ]
    _print(text_table(headers, rows))
    return EXIT_OK


def cmd_target(args: argparse.Namespace) -> int:
    tracker = _tracker(args)
    role = tracker.set_target(args.role)
    _print(f"Target role: {role.name}")
    return EXIT_OK


def cmd_rate(args: argparse.Namespace) -> int:
    from gaptracker.domain.lookup import catalog_skill, parse_date, parse_level

    tracker = _tracker(args)
    # Validate everything before writing anything.
    skill = catalog_skill(tracker.catalog, args.skill)
    level = parse_level(args.level)
    day = parse_date(args.at, tracker.clock.today()) if args.at else None
    rating = tracker.rate(skill.id, level, args.note, args.evidence, day)
    _print(f"Rated {skill.name}: {level} ({skill.descriptor(level)}) on {rating.effective_date}")
    return EXIT_OK


def cmd_not_applicable(args: argparse.Namespace) -> int:
    tracker = _tracker(args)
    mark = tracker.mark_not_applicable(args.skill, args.reason, args.role, args.undo)
    role = tracker.catalog.role(mark.role_id)
    if mark.not_applicable:
        _print(f"{mark.skill_id} marked not applicable for {role.name}: {mark.reason}")
    else:
        _print(f"{mark.skill_id} counts again for {role.name}")
    return EXIT_OK


def cmd_gap(args: argparse.Namespace) -> int:
    from gaptracker.reports.gap_text import render_gap_text
    from gaptracker.reports.json_report import render_json

    report = _tracker(args).report(args.role)
    _print(render_json(report) if args.json else render_gap_text(report))
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    summary = _tracker(args).status()
    _print(summary.model_dump_json(indent=2) if args.json else summary.line())
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from gaptracker.reports.tables import text_table

    tracker = _tracker(args)
    if args.weekly:
        if args.skill:
            raise UserInputError("--weekly shows a role's readiness; leave out SKILL")
        points = tracker.weekly(args.role)
        if args.json:
            _print_json([p.model_dump(mode="json") for p in points])
        elif not points:
            _print("No ratings yet, so no weekly readiness.")
        else:
            weeks = [
                (p.week_ending, f"{p.readiness:.1f}%", f"{p.must_readiness:.1f}%") for p in points
            ]
            _print(text_table(("WEEK ENDING", "READINESS", "MUST"), weeks))
        return EXIT_OK
    if args.role:
        raise UserInputError("--role goes with --weekly")
    ratings = tracker.ratings(args.skill)
    if args.json:
        _print_json([r.model_dump(mode="json") for r in ratings])
        return EXIT_OK
    if not ratings:
        _print("No ratings yet: gaptracker rate SKILL LEVEL --note TEXT")
        return EXIT_OK
    rows = [(r.effective_date, r.skill_id, r.level, r.note, r.evidence) for r in ratings]
    _print(text_table(("DATE", "SKILL", "LEVEL", "NOTE", "EVIDENCE"), rows))
    return EXIT_OK


def cmd_checkin(args: argparse.Namespace) -> int:
    from gaptracker.tui.app import run_app

    tracker = _tracker(args)
    if tracker.target_role_id() is None:
        raise UserInputError("no target role yet: run 'gaptracker target ROLE' first")
    return run_app(tracker, start="checkin")


def cmd_goal(args: argparse.Namespace) -> int:
    from gaptracker.domain.lookup import catalog_skill, parse_day, parse_level

    tracker = _tracker(args)
    skill = catalog_skill(tracker.catalog, args.skill)
    goal = tracker.set_goal(skill.id, parse_level(args.level), parse_day(args.by))
    _print(f"Goal: {skill.name} at {goal.level} by {goal.due}")
    return EXIT_OK


def cmd_goals(args: argparse.Namespace) -> int:
    from gaptracker.reports.tables import text_table

    tracker = _tracker(args)
    goals = tracker.goals()
    if args.json:
        _print_json(
            [
                {
                    "skill_id": g.goal.skill_id,
                    "level": g.goal.level,
                    "due": g.goal.due.isoformat(),
                    "current": g.current,
                    "status": g.status.value,
                    "pace_per_week": g.pace_per_week,
                }
                for g in goals
            ]
        )
        return EXIT_OK
    if not goals:
        _print("No goals yet: gaptracker goal SKILL LEVEL --by YYYY-MM-DD")
        return EXIT_OK
    rows = [(g.goal.skill_id, g.current, g.goal.level, g.goal.due, g.status.value) for g in goals]
    _print(text_table(("SKILL", "NOW", "GOAL", "DUE", "STATUS"), rows))
    return EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from gaptracker.reports.plan_text import render_plan_text

    tracker = _tracker(args)
    role_id = args.role or tracker.target_role_id()
    if role_id is None:
        raise UserInputError("no target role yet: run 'gaptracker target ROLE' or pass --role")
    view = tracker.plan.view(role_id)
    _print(view.model_dump_json(indent=2) if args.json else render_plan_text(view, tracker.catalog))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from gaptracker.files import write_atomically
    from gaptracker.reports.json_report import report_schema
    from gaptracker.reports.render import render

    if args.format == "html" and args.output is None and not args.schema:
        raise UserInputError("html export needs --output PATH (a file to open in a browser)")
    text = report_schema() if args.schema else render(_tracker(args).report(args.role), args.format)
    if args.output is None:
        _print(text)
    else:
        write_atomically(args.output, text)
        sys.stderr.write(f"Wrote {args.output}\n")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from gaptracker.files import write_atomically
    from gaptracker.services.backup import make_backup

    tracker = _tracker(args)
    document = make_backup(tracker.uow_factory, tracker.clock)
    path = write_atomically(args.path, document.to_json())
    sys.stderr.write(
        f"Backed up {len(document.ratings)} ratings, {len(document.target_changes)} target"
        f" changes and {len(document.applicability_marks)} marks to {path}\n"
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from gaptracker.domain.backup import parse_backup
    from gaptracker.services.backup import is_empty, restore_backup
    from gaptracker.storage.schema import backup_copy

    path = args.path.expanduser()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text"
        raise UserInputError(f"cannot read {path}: {reason}") from None
    document = parse_backup(text, str(path))  # all checks before the database is touched
    settings = _settings(args)
    tracker = _tracker(args)
    copy = None
    if args.replace and not is_empty(tracker.uow_factory):
        copy = backup_copy(settings.db.expanduser())
    restore_backup(tracker.uow_factory, document, replace=args.replace)
    kept = f"; the previous database was copied to {copy}" if copy else ""
    sys.stderr.write(f"Restored {len(document.ratings)} ratings from {path}{kept}\n")
    return EXIT_OK


_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "tui": cmd_tui,
    "roles": cmd_roles,
    "skills": cmd_skills,
    "target": cmd_target,
    "rate": cmd_rate,
    "not-applicable": cmd_not_applicable,
    "gap": cmd_gap,
    "status": cmd_status,
    "history": cmd_history,
    "checkin": cmd_checkin,
    "goal": cmd_goal,
    "goals": cmd_goals,
    "plan": cmd_plan,
    "export": cmd_export,
    "backup": cmd_backup,
    "restore": cmd_restore,
}
