"""The core commands: roles, skills, target, rate, not-applicable, gap, status, history."""

from __future__ import annotations

import argparse

from gaptracker.cli.common import EXIT_OK, out, out_json, status_for, tracker_for
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.text import check_text, one_line


def cmd_tui(args: argparse.Namespace) -> int:
    from gaptracker.cli.common import (
        created_notice,
        launch_tui,
        require_terminal,
        served_in_browser,
    )

    if not served_in_browser():  # textual-serve talks to the app over pipes
        require_terminal()  # before anything is opened or made

    tracker = tracker_for(args)
    database = args.opened_database
    return launch_tui(args, tracker, notice=created_notice(database) if database.created else None)


def cmd_roles(args: argparse.Namespace) -> int:
    from gaptracker.domain.numbers import json_percent, percent_text
    from gaptracker.reports.tables import text_table

    tracker = tracker_for(args)
    target = tracker.target_role_id()
    fit = {f.role_id: f for f in tracker.role_fit()}
    roles = tracker.catalog.roles
    if args.json:
        out_json(
            [
                {
                    **role.model_dump(mode="json"),
                    "is_target": role.id == target,
                    "readiness": json_percent(fit[role.id].readiness),
                }
                for role in roles
            ]
        )
        return EXIT_OK
    rows = [
        (
            "*" if r.id == target else "",
            r.id,
            r.name,
            r.layer,
            f"{percent_text(fit[r.id].readiness)}%",
        )
        for r in roles
    ]
    out(text_table(("", "ROLE", "NAME", "LAYER", "READINESS"), rows))
    if target is None:
        out("\nNo target role yet: gaptracker target ROLE")
    return EXIT_OK


def cmd_skills(args: argparse.Namespace) -> int:
    """Without --role, `priority` is the skill's own (where the guide gives one: the
    external skills are Must); with --role, the role's priority for it."""
    from gaptracker.domain.lookup import find_role
    from gaptracker.reports.tables import text_table

    tracker = tracker_for(args)
    catalog = tracker.catalog
    current = tracker.current()
    reqs = {}
    if args.role:
        role = find_role(catalog, args.role)
        reqs = {r.skill_id: r for r in catalog.requirements_for(role.id)}
    skills = [s for s in catalog.skills if not args.role or s.id in reqs]
    if args.json:
        out_json(
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
    headers = ["SKILL", "CATEGORY", "CURRENT"] + (["TARGET"] if args.role else []) + ["PRIORITY"]
    rows = [
        [s.id, s.category.value, current[s.id].level if s.id in current else None]
        + ([reqs[s.id].target] if args.role else [])
        + [reqs[s.id].priority.value if s.id in reqs else s.priority.value if s.priority else ""]
        for s in skills
    ]
    out(text_table(headers, rows))
    return EXIT_OK


def cmd_target(args: argparse.Namespace) -> int:
    tracker = tracker_for(args)
    role = tracker.set_target(args.role)
    out(f"Target role: {role.name}")
    return EXIT_OK


def cmd_rate(args: argparse.Namespace) -> int:
    from gaptracker.domain.lookup import catalog_skill, parse_date, parse_level

    # Validate everything before writing anything (text that is not UTF-8 first, by name).
    check_text(args.note, "--note")
    check_text(args.evidence, "--evidence")
    tracker = tracker_for(args)
    skill = catalog_skill(tracker.catalog, args.skill)
    level = parse_level(args.level)
    day = parse_date(args.at, tracker.clock.today()) if args.at is not None else None
    rating = tracker.rate(skill.id, level, args.note, args.evidence, day)
    out(f"Rated {skill.name}: {level} ({skill.descriptor(level)}) on {rating.effective_date}")
    return EXIT_OK


def cmd_not_applicable(args: argparse.Namespace) -> int:
    check_text(args.reason, "--reason")
    tracker = tracker_for(args)
    mark = tracker.mark_not_applicable(args.skill, args.reason, args.role, args.undo)
    role = tracker.catalog.role(mark.role_id)
    if mark.not_applicable:
        out(f"{mark.skill_id} marked not applicable for {role.name}: {one_line(mark.reason)}")
    else:
        out(f"{mark.skill_id} counts again for {role.name}")
    return EXIT_OK


def cmd_gap(args: argparse.Namespace) -> int:
    from gaptracker.reports.gap_text import render_gap_text
    from gaptracker.reports.json_report import render_json

    report = tracker_for(args).report(args.role)
    if args.by == "mentor" or args.mentor is not None:
        from gaptracker.cli.mentor_commands import show_by_mentor

        return show_by_mentor(args, report)
    out(render_json(report) if args.json else render_gap_text(report))
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    summary = status_for(args)
    as_json = summary.model_dump_json(indent=2, exclude={"built_in_pack"})
    out(as_json if args.json else summary.line())
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from gaptracker.domain.numbers import percent_text
    from gaptracker.domain.text import clip
    from gaptracker.reports.tables import NOTE_WIDTH, text_table

    tracker = tracker_for(args)
    if args.weekly:
        if args.skill:
            raise UserInputError("--weekly shows a role's readiness; leave out SKILL")
        points = tracker.weekly(args.role)
        if args.json:
            out_json([p.model_dump(mode="json") for p in points])
        elif not points:
            out("No ratings yet, so no weekly readiness.")
        else:
            weeks = [
                (
                    p.week_ending,
                    f"{percent_text(p.readiness, 1)}%",
                    f"{percent_text(p.must_readiness, 1)}%",
                )
                for p in points
            ]
            out(text_table(("WEEK ENDING", "READINESS", "MUST"), weeks))
        return EXIT_OK
    if args.role:
        raise UserInputError("--role goes with --weekly")
    from gaptracker.cli.mentor_commands import with_reviews

    ratings = tracker.ratings(args.skill)
    entries = with_reviews(tracker, args.skill, ratings)  # mentors' levels on the timeline
    if args.json:
        out_json(entries)
        return EXIT_OK
    if not ratings:
        out("No ratings yet: gaptracker rate SKILL LEVEL --note TEXT")
        return EXIT_OK
    width = NOTE_WIDTH  # as `gap` shows notes; `--json` has them whole
    rows = [
        (
            e["effective_date"],
            e["skill_id"],
            e["level"] if "mentor" not in e else f"{e['level']} ({clip(str(e['mentor']), 20)})",
            clip(str(e["note"]), width),
            clip(str(e.get("evidence", "")), width),
        )
        for e in entries
    ]
    out(text_table(("DATE", "SKILL", "LEVEL", "NOTE", "EVIDENCE"), rows))
    return EXIT_OK
