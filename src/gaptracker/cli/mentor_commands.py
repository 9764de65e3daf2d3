"""`share`, `review` and `import-review`: a mentor's second opinion, exchanged as files.

`review` is the mentor's side and never opens or creates a database: it reads the bundle
and writes the review file, nothing else (the terminal app in review mode does the same).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from gaptracker.cli.common import EXIT_OK, protected_files, tracker_for
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.paths import expand_user
from gaptracker.domain.text import counted

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from gaptracker.domain.mentor import MentorLevel, ReviewRequest
    from gaptracker.domain.models import Rating
    from gaptracker.domain.report import GapReport
    from gaptracker.services.tracker import Tracker


def add_mentor_commands(adder: Callable[[str, str], argparse.ArgumentParser]) -> None:
    """Register the three commands with the parser's `add(name, help)`."""
    from pathlib import Path

    p = adder("share", "write a review request for a mentor (your target role's skills)")
    p.add_argument("--output", type=Path, required=True, metavar="BUNDLE")
    p.add_argument("--role", help="the role (default: your target)")
    p.add_argument("--as", dest="who", metavar="NAME", help="your name (default: preferences)")
    p.add_argument(
        "--hide-targets",
        action="store_true",
        help="a blind review: leave out the role's targets and your own levels",
    )
    p.add_argument("--no-notes", action="store_true", help="leave out your notes")
    p = adder("review", "review a person's bundle as their mentor (no database is used)")
    p.add_argument("bundle", type=Path, metavar="BUNDLE")
    p.add_argument("--as", dest="who", metavar="NAME", help="your name (default: preferences)")
    p.add_argument("--output", type=Path, required=True, metavar="REVIEW")
    p.add_argument(
        "--rate",
        action="append",
        default=[],
        metavar="SKILL=LEVEL[:NOTE]",
        help="rate one skill (repeatable); without it the terminal app opens on the bundle",
    )
    p = adder("import-review", "store a mentor's review of a bundle you shared (all or nothing)")
    p.add_argument("review", type=Path, metavar="REVIEW")


def add_gap_options(parser: argparse.ArgumentParser) -> None:
    """`gap --by mentor [--mentor NAME]`: readiness by a mentor's levels, labelled."""
    parser.add_argument(
        "--by",
        choices=("self", "mentor"),
        default="self",
        help="whose levels: your own (default) or each mentor's latest review",
    )
    parser.add_argument("--mentor", metavar="NAME", help="with --by mentor: only this mentor")


def show_by_mentor(args: argparse.Namespace, report: GapReport) -> int:
    """The gap by each mentor's levels (or one mentor's), beside the user's own figure."""
    from gaptracker.cli.common import out, out_json
    from gaptracker.domain.numbers import percent_text
    from gaptracker.reports.second_opinion import by_mentor_text

    if args.by != "mentor":
        raise UserInputError("--mentor goes with --by mentor")
    reviews = report.mentor_reviews
    if args.mentor is not None:
        reviews = tuple(r for r in reviews if r.mentor == args.mentor)
        if not reviews:
            names = ", ".join(r.mentor for r in report.mentor_reviews) or "none yet"
            raise UserInputError(f"no review by {args.mentor!r} (mentors: {names})")
    if args.json:
        out_json(
            {
                "role_id": report.role.id,
                "pack": report.pack,
                "readiness_by": "mentor",
                "own_readiness": report.model_dump(mode="json")["readiness"],
                "own_must_readiness": report.model_dump(mode="json")["must_readiness"],
                "mentor_reviews": [r.model_dump(mode="json") for r in reviews],
            }
        )
        return EXIT_OK
    own = (
        f"{percent_text(report.readiness)}% overall,"
        f" {percent_text(report.must_readiness)}% on Must skills"
    )
    out(by_mentor_text(reviews, own))
    return EXIT_OK


def _name(given: str | None, role: str) -> str:
    from gaptracker.preferences import load_preferences, preferences_path

    name = given if given is not None else load_preferences(preferences_path()).name
    if name is None:
        raise UserInputError(
            f'who is the {role}? give --as NAME, or set "name" in {preferences_path()}'
        )
    return name


def cmd_share(args: argparse.Namespace) -> int:
    from gaptracker.files import write_output
    from gaptracker.services.mentor import share

    who = _name(args.who, "person asking")
    tracker = tracker_for(args)
    role_id = args.role or tracker.target_role_id()
    if role_id is None:
        raise UserInputError("no target role yet: run 'gaptracker target ROLE' or pass --role")
    written = []

    def write(request: ReviewRequest) -> None:
        # Written inside the transaction that records the bundle, which holds the write
        # lock: a FIFO nobody reads yet is refused rather than waited on, or every other
        # write to the database would wait with it and fail ("database is locked").
        written.append(
            write_output(
                args.output,
                request.to_json(),
                protected=protected_files(args),
                wait_for_reader=False,
            )
        )

    request = share(
        tracker.catalog,
        tracker.uow_factory,
        tracker.clock,
        role_id,
        who,
        write,
        hide_targets=args.hide_targets,
        share_notes=not args.no_notes,
        pack=tracker.pack,
    )
    sys.stderr.write(
        f"Wrote a review request ({counted(len(request.skills), 'skill')} of {request.role_id}) to"
        f" {written[0]}: send it to your mentor\n"
    )
    return EXIT_OK


def read_request(path_given: object) -> ReviewRequest:
    """The bundle named on the command line, checked (domain.review_files.parse_request)."""
    from gaptracker.domain.mentor import MAX_FILE_BYTES
    from gaptracker.domain.review_files import parse_request
    from gaptracker.files import read_regular_file

    path = expand_user(Path(str(path_given)))
    return parse_request(read_regular_file(path, MAX_FILE_BYTES, "a review request"), str(path))


def parse_rates(rates: list[str], request: ReviewRequest) -> list[MentorLevel]:
    """`SKILL=LEVEL[:NOTE]`, each skill once, each one of the bundle's."""
    from gaptracker.domain.lookup import parse_level
    from gaptracker.domain.mentor import MentorLevel
    from gaptracker.domain.text import check_text

    levels: dict[str, MentorLevel] = {}
    for given in rates:
        skill_id, equals, rest = given.partition("=")
        if not equals or not skill_id:
            raise UserInputError(f"--rate takes SKILL=LEVEL[:NOTE], not {given!r}")
        level_text, _, note = rest.partition(":")
        if request.skill(skill_id) is None:
            raise UserInputError(f"the bundle has no skill {skill_id!r}")
        if skill_id in levels:
            raise UserInputError(f"{skill_id} is rated twice")
        levels[skill_id] = MentorLevel(
            skill_id=skill_id, level=parse_level(level_text), note=check_text(note, "note")
        )
    return list(levels.values())


def cmd_review(args: argparse.Namespace) -> int:
    from gaptracker.domain.ports import SystemClock
    from gaptracker.domain.review_files import build_review
    from gaptracker.files import refuse_overwriting_source, write_output

    request = read_request(args.bundle)
    refuse_overwriting_source(args.output, Path(str(args.bundle)), "the review request")
    mentor = _name(args.who, "mentor")
    if not args.rate:
        from gaptracker.cli.common import require_terminal

        require_terminal()
        return _review_in_app(args, request, mentor)
    clock = SystemClock()
    review = build_review(
        request, mentor, parse_rates(args.rate, request), clock.now(), clock.today()
    )
    path = write_output(args.output, review.to_json(), protected=protected_files(args))
    sys.stderr.write(f"Wrote your review of {counted(len(review.levels), 'skill')} to {path}\n")
    return EXIT_OK


def _review_in_app(args: argparse.Namespace, request: ReviewRequest, mentor: str) -> int:
    from gaptracker.tui.review_app import run_review_app

    return run_review_app(request, mentor, args.output, protected=protected_files(args))


def cmd_import_review(args: argparse.Namespace) -> int:
    from gaptracker.domain.mentor import MAX_FILE_BYTES
    from gaptracker.domain.review_files import parse_review
    from gaptracker.files import read_regular_file
    from gaptracker.services.mentor import import_review

    path = expand_user(args.review)
    review = parse_review(read_regular_file(path, MAX_FILE_BYTES, "a review"), str(path))
    tracker = tracker_for(args)
    done = import_review(tracker.catalog, tracker.uow_factory, tracker.clock, review, str(path))
    if done.already:
        sys.stderr.write(f"{path} was imported before; nothing changed\n")
    else:
        sys.stderr.write(
            f"Imported {counted(done.count, 'level')} from {review.mentor}'s review of"
            f" {review.reviewed_on}\n"
        )
    return EXIT_OK


def with_reviews(
    tracker: Tracker, skill_id: str | None, ratings: Sequence[Rating]
) -> list[dict[str, object]]:
    """The history as `history --json` shows it: the user's ratings as before, and each
    mentor's levels on the same timeline (by the review's day; a review after the
    ratings of its day), marked by `mentor` and `review_id`."""
    from gaptracker.services.mentor import mentor_history

    entries: list[tuple[tuple[str, int], dict[str, object]]] = [
        ((r.effective_date.isoformat(), 0), r.model_dump(mode="json")) for r in ratings
    ]
    for given in mentor_history(tracker.uow_factory, skill_id):
        entry = {
            "skill_id": given.skill_id,
            "level": given.level,
            "note": given.note,
            "effective_date": given.reviewed_on.isoformat(),
            "mentor": given.mentor,
            "review_id": given.review_id,
            "imported_at": given.imported_at.isoformat(),
            "pack_id": given.pack_id,
        }
        entries.append(((given.reviewed_on.isoformat(), 1), entry))
    entries.sort(key=lambda pair: pair[0])  # stable: the stored order within each day
    return [entry for _, entry in entries]
