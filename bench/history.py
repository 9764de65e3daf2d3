"""Generate a deterministic multi-year gaptracker history, through the project's own storage.

    python bench/history.py --years 10 --db /tmp/gt-10y.sqlite

One weekly check-in per week (52 a year, ending on --end, default today) in which every
skill of the catalog is rated (28 skills today, each rating with a note, some with
evidence), plus target-role changes, not-applicable marks (set and undone), goals and
plan events (phase 1, study items, projects of the guide and the user's own, interview
practice). `--years 0` writes only the target role, which is the "empty" database the
benchmarks use: the dashboard then shows its readiness figure (0%) rather than the welcome.

Everything goes through `gaptracker.catalog.load_catalog`, `open_database` (so the file
gets the real Alembic schema) and the unit of work's repositories, so the generator follows
the schema as it evolves. The same --years, --seed, --end and --role give the same rows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from gaptracker.catalog import load_catalog
from gaptracker.domain.models import (
    ApplicabilityMark,
    Catalog,
    Checkin,
    Goal,
    PlanEvent,
    PlanKind,
    Rating,
    Status,
    TargetChange,
)
from gaptracker.storage.schema import open_database

DEFAULT_ROLE = "inference-optimization-engineer"
DETOUR_ROLE = "ai-infra-platform-engineer"
WEEKS_PER_YEAR = 52
GENERATOR_VERSION = "1"
"""Bump when the generated content changes (it is part of the benchmarks' cache key)."""

VERBS = (
    "profiled",
    "rewrote",
    "read up on",
    "paired on",
    "reviewed",
    "benchmarked",
    "debugged",
    "wrote notes on",
    "shipped",
    "taught a session on",
    "replicated",
)
OBJECTS = (
    "the attention kernel",
    "a KV-cache layout",
    "the data loader",
    "an NCCL all-reduce hang",
    "a seed-sweep harness",
    "the serving batcher",
    "a Triton matmul",
    "the eval pipeline",
    "a flaky multi-node job",
    "the tokenizer throughput",
    "a quantization recipe",
)
DETAILS = (
    "2.1x faster",
    "no change yet",
    "found the bottleneck",
    "needs another pass",
    "wrote it up",
    "mentor reviewed it",
    "stuck on the backward pass",
    "merged upstream",
    "reproducible now",
    "half done",
)


@dataclass(frozen=True)
class Summary:
    ratings: int
    checkins: int
    target_changes: int
    marks: int
    goals: int
    plan_events: int
    seconds: float

    def line(self) -> str:
        return (
            f"{self.ratings} ratings, {self.checkins} check-ins, {self.target_changes} target"
            f" changes, {self.marks} marks, {self.goals} goals, {self.plan_events} plan events"
            f" in {self.seconds:.1f} s"
        )


def _at(day: dt.date, second: int = 0) -> dt.datetime:
    """Noon on `day` where the machine is: moments count on their local day."""
    return dt.datetime.combine(day, dt.time(12)).astimezone() + dt.timedelta(seconds=second)


def _note(rnd: random.Random, level: int, previous: int | None) -> str:
    if previous is not None and previous == level and rnd.random() < 0.5:
        return "no change this week"
    return f"{rnd.choice(VERBS)} {rnd.choice(OBJECTS)}: {rnd.choice(DETAILS)}"


def generate(
    db: Path,
    years: float,
    seed: int = 0,
    end: dt.date | None = None,
    role: str = DEFAULT_ROLE,
    catalog: Catalog | None = None,
) -> Summary:
    """Write the history into a new (or empty) database file at db."""
    started = time.perf_counter()
    catalog = catalog or load_catalog()
    catalog.role(role)  # KeyError for an unknown role
    end = end or dt.date.today()
    weeks = round(years * WEEKS_PER_YEAR)
    first = end - dt.timedelta(weeks=max(weeks - 1, 0))
    rnd = random.Random(seed)
    database = open_database(db)
    counts = dict(ratings=0, checkins=0, target_changes=0, marks=0, goals=0, plan_events=0)
    try:
        with database.uow_factory() as uow:
            if uow.ratings.list() or uow.targets.list():
                raise SystemExit(f"{db} is not empty; remove it first")
            uow.targets.add(TargetChange(role_id=role, changed_at=_at(first)))
            counts["target_changes"] += 1
            skills = catalog.skills
            must = set(catalog.must_skill_ids)
            level = {s.id: rnd.randint(0, 1 if s.id in must else 2) for s in skills}
            previous: dict[str, int | None] = {s.id: None for s in skills}
            target = role
            marks: dict[str, int] = {}  # skill -> week its not-applicable mark ends
            own_projects = 0
            study = list(catalog.role(role).high_leverage_notes)
            practice = [f"review:{s}" for s in catalog.interview.review_skill_ids] + [
                f"theme:{i + 1}" for i in range(len(catalog.interview.themes))
            ]
            for week in range(weeks):
                day = first + dt.timedelta(weeks=week)
                # A detour to another role for a while, then back.
                if weeks >= 20 and week in (int(weeks * 0.3), int(weeks * 0.45)):
                    target = DETOUR_ROLE if target == role else role
                    uow.targets.add(TargetChange(role_id=target, changed_at=_at(day)))
                    counts["target_changes"] += 1
                checkin = uow.checkins.add(Checkin(role_id=target, started_at=_at(day, 1)))
                counts["checkins"] += 1
                for index, skill in enumerate(skills):
                    roll = rnd.random()
                    if roll < 0.012:
                        level[skill.id] = min(5, level[skill.id] + 1)
                    elif roll < 0.016:
                        level[skill.id] = max(0, level[skill.id] - 1)
                    value = level[skill.id]
                    evidence = ""
                    if rnd.random() < 0.1:
                        evidence = (
                            f"https://github.com/me/{skill.id}/commit/{rnd.getrandbits(28):07x}"
                        )
                    uow.ratings.add(
                        Rating(
                            skill_id=skill.id,
                            level=value,
                            note=_note(rnd, value, previous[skill.id]),
                            evidence=evidence,
                            effective_date=day,
                            created_at=_at(day, 2 + index),
                            catalog_version=catalog.version,
                            checkin_id=checkin.id,
                        )
                    )
                    previous[skill.id] = value
                    counts["ratings"] += 1
                # Not-applicable marks on the role's non-Must skills: set, undone weeks later.
                for skill_id, until in list(marks.items()):
                    if week >= until:
                        uow.marks.add(
                            ApplicabilityMark(
                                role_id=role,
                                skill_id=skill_id,
                                not_applicable=False,
                                created_at=_at(day, 100),
                            )
                        )
                        counts["marks"] += 1
                        del marks[skill_id]
                if week % 26 == 13:
                    eligible = sorted(
                        r.skill_id
                        for r in catalog.requirements_for(role)
                        if r.skill_id not in must and r.skill_id not in marks
                    )
                    if eligible:
                        skill_id = rnd.choice(eligible)
                        uow.marks.add(
                            ApplicabilityMark(
                                role_id=role,
                                skill_id=skill_id,
                                not_applicable=True,
                                reason="another team owns this for now",
                                created_at=_at(day, 101),
                            )
                        )
                        counts["marks"] += 1
                        marks[skill_id] = week + rnd.randint(8, 20)
                # A goal each quarter, due one to six months later.
                if week % 13 == 5:
                    skill = rnd.choice(skills)
                    uow.goals.add(
                        Goal(
                            skill_id=skill.id,
                            level=min(5, max(1, level[skill.id] + rnd.randint(1, 2))),
                            due=day + dt.timedelta(weeks=rnd.randint(4, 26)),
                            created_at=_at(day, 200),
                        )
                    )
                    counts["goals"] += 1
                events = []
                if week == min(8, weeks - 1):
                    events.append(
                        PlanEvent(
                            kind=PlanKind.PHASE,
                            item_id="1",
                            status=Status.DONE,
                            created_at=_at(day, 300),
                        )
                    )
                if week % 9 == 2 and study:
                    note = study[(week // 9) % len(study)]
                    events.append(
                        PlanEvent(
                            kind=PlanKind.STUDY,
                            item_id=note,
                            status=rnd.choice(list(Status)),
                            text=f"https://example.org/notes/{note}#{week}",
                            created_at=_at(day, 301),
                        )
                    )
                if week % 17 == 4 and catalog.projects:
                    project = catalog.projects[(week // 17) % len(catalog.projects)]
                    events.append(
                        PlanEvent(
                            kind=PlanKind.PROJECT,
                            item_id=project.id,
                            status=rnd.choice(list(Status)),
                            text=f"https://github.com/me/{project.id}",
                            created_at=_at(day, 302),
                        )
                    )
                if week % 104 == 50:
                    own_projects += 1
                    picks = rnd.sample([s.id for s in skills], 2)
                    events.append(
                        PlanEvent(
                            kind=PlanKind.PROJECT,
                            item_id=f"own-{own_projects}",
                            status=Status.IN_PROGRESS,
                            title=f"Side project {own_projects}",
                            description="a small tool that exercises what I am learning",
                            skill_ids=tuple(picks),
                            created_at=_at(day, 303),
                        )
                    )
                if week % 4 == 3 and practice:
                    events.append(
                        PlanEvent(
                            kind=PlanKind.PRACTICE,
                            item_id=rnd.choice(practice),
                            status=Status.DONE,
                            confidence=rnd.randint(0, 5),
                            created_at=_at(day, 304),
                        )
                    )
                for event in events:
                    uow.plan.add(event)
                counts["plan_events"] += len(events)
                if week % WEEKS_PER_YEAR == WEEKS_PER_YEAR - 1:
                    uow.commit()  # keep transactions a year long
            uow.commit()
    finally:
        database.close()
    return Summary(**counts, seconds=time.perf_counter() - started)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--years",
        type=float,
        default=10.0,
        help="years of weekly check-ins (52 a year); 0: only the target role",
    )
    parser.add_argument("--db", type=Path, required=True, help="SQLite file to create")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--end",
        type=dt.date.fromisoformat,
        default=None,
        help="date of the last check-in, YYYY-MM-DD (default: today)",
    )
    parser.add_argument("--role", default=DEFAULT_ROLE, help="the target role at the end")
    parser.add_argument("--force", action="store_true", help="replace an existing file")
    args = parser.parse_args(argv)
    if args.db.exists():
        if not args.force:
            parser.error(f"{args.db} exists (use --force to replace it)")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.db}{suffix}").unlink(missing_ok=True)
    summary = generate(args.db, args.years, args.seed, args.end, args.role)
    print(f"{args.db}: {summary.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
