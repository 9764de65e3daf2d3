"""The commands for progress, the plan, reports and backups."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from gaptracker.cli.common import (
    EXIT_OK,
    out,
    out_json,
    protected_files,
    settings_for,
    tracker_for,
)
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.paths import expand_user
from gaptracker.domain.text import json_safe

MAX_BACKUP_BYTES = 100 * 2**20
"""The largest backup `restore` reads: a 10-year weekly history (14,560 ratings with
short notes, bench/history.py) backs up to 4.8 MB, so this leaves room for notes of about
7 KB on every rating, and a FIFO or /dev/zero cannot fill the memory."""

if TYPE_CHECKING:
    from gaptracker.domain.ports import UnitOfWork, UnitOfWorkFactory


def cmd_checkin(args: argparse.Namespace) -> int:
    from gaptracker.cli.common import launch_tui, require_terminal

    tracker = tracker_for(args)
    if tracker.target_role_id() is None:
        raise UserInputError("no target role yet: run 'gaptracker target ROLE' first")
    require_terminal()
    return launch_tui(args, tracker, start="checkin")


def cmd_goal(args: argparse.Namespace) -> int:
    from gaptracker.domain.lookup import catalog_skill, parse_day, parse_level

    tracker = tracker_for(args)
    skill = catalog_skill(tracker.catalog, args.skill)
    goal = tracker.set_goal(skill.id, parse_level(args.level), parse_day(args.by))
    out(f"Goal: {skill.name} at {goal.level} by {goal.due}")
    return EXIT_OK


def cmd_goals(args: argparse.Namespace) -> int:
    from gaptracker.domain.numbers import json_rounded
    from gaptracker.reports.tables import text_table

    tracker = tracker_for(args)
    goals = tracker.goals()
    if args.json:
        out_json(
            [
                {
                    "skill_id": g.goal.skill_id,
                    "level": g.goal.level,
                    "due": g.goal.due.isoformat(),
                    "current": g.current,
                    "status": g.status.value,
                    "pace_per_week": json_rounded(g.pace_per_week),
                }
                for g in goals
            ]
        )
        return EXIT_OK
    if not goals:
        out("No goals yet: gaptracker goal SKILL LEVEL --by YYYY-MM-DD")
        return EXIT_OK
    rows = [(g.goal.skill_id, g.current, g.goal.level, g.goal.due, g.status.value) for g in goals]
    out(text_table(("SKILL", "NOW", "GOAL", "DUE", "STATUS"), rows))
    return EXIT_OK


def cmd_plan(args: argparse.Namespace) -> int:
    from gaptracker.reports.plan_text import render_plan_text

    tracker = tracker_for(args)
    role_id = args.role or tracker.target_role_id()
    if role_id is None:
        raise UserInputError("no target role yet: run 'gaptracker target ROLE' or pass --role")
    view = tracker.plan.view(role_id)
    if args.json:
        out(json_safe(view.model_dump_json(indent=2)))
    else:
        out(render_plan_text(view, tracker.catalog))
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from gaptracker.files import write_output
    from gaptracker.reports.json_report import report_schema
    from gaptracker.reports.render import render

    if args.format == "pdf" and not args.schema:
        return _export_pdf(args)
    if args.paper is not None:
        raise UserInputError("--paper is for --format pdf (a printed page has a size)")
    if args.format == "html" and args.output is None and not args.schema:
        raise UserInputError("html export needs --output PATH (a file to open in a browser)")
    text = (
        report_schema() if args.schema else render(tracker_for(args).report(args.role), args.format)
    )
    if args.output is None:
        out(text)
    else:
        write_output(args.output, text, protected=protected_files(args))
        sys.stderr.write(f"Wrote {args.output}\n")
    return EXIT_OK


def _export_pdf(args: argparse.Namespace) -> int:
    """The HTML report printed by the machine's Chromium; bytes, so only to --output
    (a file, or /dev/stdout into a pipe), never onto a terminal."""
    from gaptracker.chromium import print_pdf, require_chromium
    from gaptracker.files import refuse_protected, write_output
    from gaptracker.reports.html_report import render_html

    if args.output is None:
        raise UserInputError("pdf export needs --output PATH (a PDF is not text for a terminal)")
    chromium = require_chromium()
    protected = protected_files(args)
    refuse_protected(args.output, protected)  # before the print, not after a wait
    page = render_html(tracker_for(args).report(args.role), paper=args.paper or "a4")
    data = print_pdf(page, chromium)
    write_output(args.output, data, protected=protected, terminal=False)
    sys.stderr.write(f"Wrote {args.output}\n")
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from gaptracker.domain.text import counted
    from gaptracker.files import write_output
    from gaptracker.services.backup import make_backup

    tracker = tracker_for(args)
    document = make_backup(tracker.uow_factory, tracker.clock)
    path = write_output(args.path, document.to_json(), protected=protected_files(args))
    sys.stderr.write(
        f"Backed up {counted(len(document.ratings), 'rating')},"
        f" {counted(len(document.target_changes), 'target change')} and"
        f" {counted(len(document.applicability_marks), 'mark')}"
        + (f" (and the packs {', '.join(p.id for p in document.packs)})" if document.packs else "")
        + f" to {path}\n"
    )
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from gaptracker.catalog import load_catalog
    from gaptracker.catalog.backup_packs import known_packs, restored_packs
    from gaptracker.config import default_packs_dir
    from gaptracker.domain.backup import check_backup, read_backup
    from gaptracker.domain.backup_rules import KnownPack
    from gaptracker.domain.errors import DamagedDatabaseError
    from gaptracker.domain.ports import SystemClock
    from gaptracker.files import read_regular_file
    from gaptracker.services.backup import restore_backup

    path = expand_user(args.path)
    text = read_regular_file(path, MAX_BACKUP_BYTES, "a backup")
    settings = settings_for(args)
    source = str(path)
    # Every check, shape, packs and meaning, before the database is touched; the packs
    # the packs folder lacks are staged beside it, and put in place only when the rows
    # are about to commit (`restore_backup`).
    document = read_backup(text, source)
    built_in = KnownPack(load_catalog(cache_dir=settings.cache_dir))
    with restored_packs(document.packs, default_packs_dir(), source) as packs:
        check_backup(document, source, known_packs(packs, built_in), SystemClock().now())
        tracker = tracker_for(args)
        try:
            # With --replace, the previous content is copied beside the file inside the
            # restore's own transaction: a rating committed meanwhile is in one or the other.
            keep = _server_copy(settings.db_url) if settings.db_url else None
            copy = restore_backup(tracker.uow_factory, document, args.replace, packs, keep)
        except DamagedDatabaseError:
            if not args.replace:
                raise
            copy = _restore_over_damage(
                args, lambda uows: restore_backup(uows, document, packs=packs)
            )
        installed = packs.to_install
    if not copy:
        kept = ""
    elif settings.db_url:  # on a server: the rows this login had, as a backup file
        kept = f"; your previous rows were kept as a backup in {copy}"
    else:
        kept = f"; the previous database was copied to {copy}"
    added = f", installing the packs {', '.join(installed)}" if installed else ""
    sys.stderr.write(f"Restored {len(document.ratings)} ratings from {path}{added}{kept}\n")
    return EXIT_OK


def _server_copy(url: str) -> Callable[[UnitOfWork], str]:
    """On a server, `restore --replace` keeps what it erases as a backup file in the
    user-data folder (private), written before the erase, in its transaction."""

    def keep(uow: UnitOfWork) -> str:
        from gaptracker.config import server_copies_dir
        from gaptracker.domain.ports import SystemClock
        from gaptracker.files import write_output
        from gaptracker.private_folders import make_private
        from gaptracker.services.backup import backup_of, with_packs
        from gaptracker.storage.server import server_url

        now = SystemClock().now()
        folder = server_copies_dir()
        folder.mkdir(parents=True, exist_ok=True)
        make_private(folder)
        name = server_url(url).database or "server"
        stamp = now.strftime("%Y%m%dT%H%M%S%fZ")
        plain = re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:60]  # a name, never a path
        path = folder / f"{plain}-{stamp}-{os.getpid()}.json"
        return str(write_output(path, with_packs(backup_of(uow, now)).to_json()))

    return keep


def _restore_over_damage(
    args: argparse.Namespace, fill: Callable[[UnitOfWorkFactory], object]
) -> str:
    from gaptracker.storage.repair import rebuild_in_place

    return str(rebuild_in_place(args.opened_database.path, fill))


def cmd_check(args: argparse.Namespace) -> int:
    from gaptracker.storage.health import check_database

    settings = settings_for(args)
    if settings.db_url:  # integrity_check and the copies beside a file: none on a server
        raise UserInputError("check reads a SQLite file; a PostgreSQL server checks its own")
    out(check_database(settings.db, may_make_folders=settings.db_is_default))
    return EXIT_OK
