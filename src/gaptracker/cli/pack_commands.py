"""`gaptracker pack ...`: list, fork, check, describe, share and install skill packs.

Imported only when a pack command runs (cli/__init__.py declares the arguments), so
`gaptracker status` never loads the pack machinery. Packs are the user's own folder
(config.default_packs_dir), not the database: only `pack use` writes to it (the choice,
kept as history), and `pack list` reads which pack is active.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from gaptracker.cli.common import EXIT_OK, EXIT_USAGE, out, out_json, protected_files
from gaptracker.domain.packs import steps_between
from gaptracker.domain.text import counted, one_line

MAX_PROBLEM_LINES = 1000
"""A pack can hold thousands of broken entries; past this many lines the rest is counted."""


def cmd_pack(args: argparse.Namespace) -> int:
    command = {
        "list": _list,
        "init": _init,
        "validate": _validate,
        "schema": _schema,
        "export": _export,
        "import": _import,
        "diff": _diff,
        "use": _use,
    }[args.pack_command]
    return command(args)


def _packs_dir() -> Path:
    from gaptracker.config import default_packs_dir

    return default_packs_dir()


def _chosen_id(args: argparse.Namespace) -> str:
    """The id of the pack chosen last (the built-in one when none was chosen)."""
    from gaptracker.cli.common import chosen_pack_for, settings_for
    from gaptracker.domain.models import BUILT_IN_PACK_ID

    choice = chosen_pack_for(settings_for(args))
    return choice.pack_id if choice else BUILT_IN_PACK_ID


def _list(args: argparse.Namespace) -> int:
    from gaptracker.cli.pack_chooser import pack_listings

    rows: list[dict[str, Any]] = [
        {
            "id": p.id,
            "active": p.active,
            "name": p.name,
            "version": p.version,
            "path": p.path,
            "built_in": p.built_in,
            "valid": p.valid,
            "problems": p.problems,
        }
        for p in pack_listings(_packs_dir(), _chosen_id(args))
    ]
    if args.json:
        out_json(rows)
        return EXIT_OK
    from gaptracker.reports.tables import text_table

    table = [
        (
            "*" if r["active"] else "",
            one_line(str(r["id"])),
            one_line(str(r["name"] or "-")),
            one_line(str(r["version"] or "-")),
            "built-in" if r["built_in"] else "yours",
            "ok" if r["valid"] else f"invalid ({counted(r['problems'], 'problem')})",
            one_line(str(r["path"])),
        )
        for r in rows
    ]
    out(text_table(("", "ID", "NAME", "VERSION", "KIND", "STATE", "PATH"), table))
    return EXIT_OK


def _init(args: argparse.Namespace) -> int:
    from gaptracker.catalog.pack_store import init_pack

    path = init_pack(args.name, args.source, _packs_dir())
    out(str(path))
    return EXIT_OK


def _validate(args: argparse.Namespace) -> int:
    from gaptracker.catalog.packs import check_pack, find_pack

    folder, expected = find_pack(args.pack, _packs_dir())
    check = check_pack(folder, expected_id=expected)
    lines = [one_line(p.line()) for p in (*check.errors, *check.warnings)]
    shown = lines[:MAX_PROBLEM_LINES]
    if len(lines) > len(shown):
        shown.append(f"... and {len(lines) - len(shown)} more")
    if shown:
        out("\n".join(shown))
    name = one_line(args.pack)
    if check.errors:
        sys.stderr.write(
            f"gaptracker: error: pack {name} has {counted(len(check.errors), 'problem')}"
            f" and {counted(len(check.warnings), 'warning')}\n"
        )
        return EXIT_USAGE
    manifest = check.manifest
    assert manifest is not None
    out(f"pack {one_line(manifest.ref)}: valid ({counted(len(check.warnings), 'warning')})")
    return EXIT_OK


def _schema(args: argparse.Namespace) -> int:
    from gaptracker.catalog.pack_files import pack_schema

    out_json(pack_schema())
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from gaptracker.catalog.pack_store import export_document
    from gaptracker.files import write_output

    text = export_document(args.pack, _packs_dir())
    path = write_output(args.output, text, protected=protected_files(args))
    sys.stderr.write(f"Wrote {one_line(str(path))}\n")
    return EXIT_OK


def _import(args: argparse.Namespace) -> int:
    from gaptracker.catalog.pack_store import MAX_EXPORT_BYTES, import_document
    from gaptracker.domain.paths import expand_user
    from gaptracker.files import read_regular_file

    path = expand_user(args.path)
    text = read_regular_file(path, MAX_EXPORT_BYTES, "a pack file")
    manifest = import_document(text, str(path), _packs_dir())
    out(str(_packs_dir() / manifest.id))
    return EXIT_OK


def _diff(args: argparse.Namespace) -> int:
    from gaptracker.catalog.packs import load_pack
    from gaptracker.domain.pack_diff import diff_lines, diff_packs

    before, before_catalog = load_pack(args.before, _packs_dir())
    after, after_catalog = load_pack(args.after, _packs_dir())
    diff = diff_packs(before_catalog, after_catalog, steps_between(before, after))
    if args.json:
        out_json({"from": before.ref, "to": after.ref, **diff.model_dump(mode="json")})
        return EXIT_OK
    out("\n".join(diff_lines(one_line(before.ref), one_line(after.ref), diff)))
    return EXIT_OK


def _use(args: argparse.Namespace) -> int:
    """Check the pack, then record it as the active one and say what changes with it."""
    from gaptracker.cli.common import open_for, settings_for
    from gaptracker.cli.pack_chooser import record_choice, switch_preview
    from gaptracker.domain.ports import SystemClock

    preview = switch_preview(args.name, _chosen_id(args), _packs_dir())  # unknown, invalid: refused
    database = open_for(args, settings_for(args), writes=True)
    record_choice(database.uow_factory, preview.pack_id, preview.version, SystemClock())
    out(preview.chosen_line)
    out("\n".join(preview.lines))
    return EXIT_OK
