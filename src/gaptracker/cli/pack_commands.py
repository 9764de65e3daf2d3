"""`gaptracker pack ...`: list, fork, check, describe, share and install skill packs.

Imported only when a pack command runs (cli/__init__.py declares the arguments), so
`gaptracker status` never loads the pack machinery. Packs are the user's own folder
(config.default_packs_dir), not the database: none of these commands opens it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gaptracker.cli.common import EXIT_OK, EXIT_USAGE, out, out_json, protected_files
from gaptracker.domain.text import counted, one_line

if TYPE_CHECKING:
    from gaptracker.domain.packs import PackManifest
    from gaptracker.domain.skill_changes import SkillChanges

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
    }[args.pack_command]
    return command(args)


def _packs_dir() -> Path:
    from gaptracker.config import default_packs_dir

    return default_packs_dir()


def _list(args: argparse.Namespace) -> int:
    from gaptracker.catalog.packs import list_packs

    entries = list_packs(_packs_dir())
    rows: list[dict[str, Any]] = []
    for entry in entries:
        manifest = entry.check.manifest
        errors = len(entry.check.errors)
        rows.append(
            {
                "id": manifest.id if manifest and entry.valid else entry.id,
                "name": manifest.name if manifest else None,
                "version": manifest.version if manifest else None,
                "path": str(entry.path),
                "built_in": entry.built_in,
                "valid": entry.valid,
                "problems": errors,
            }
        )
    if args.json:
        out_json(rows)
        return EXIT_OK
    from gaptracker.reports.tables import text_table

    table = [
        (
            one_line(str(r["id"])),
            one_line(str(r["name"] or "-")),
            one_line(str(r["version"] or "-")),
            "built-in" if r["built_in"] else "yours",
            "ok" if r["valid"] else f"invalid ({counted(r['problems'], 'problem')})",
            one_line(str(r["path"])),
        )
        for r in rows
    ]
    out(text_table(("ID", "NAME", "VERSION", "KIND", "STATE", "PATH"), table))
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
    from gaptracker.domain.pack_diff import diff_packs

    before, before_catalog = load_pack(args.before, _packs_dir())
    after, after_catalog = load_pack(args.after, _packs_dir())
    diff = diff_packs(before_catalog, after_catalog, _steps_between(before, after))
    if args.json:
        out_json({"from": before.ref, "to": after.ref, **diff.model_dump(mode="json")})
        return EXIT_OK
    lines = [f"{one_line(before.ref)} -> {one_line(after.ref)}"]
    lines += [f"renamed: {old} -> {new}" for old, new in diff.renamed]
    lines += [f"merged: {', '.join(olds)} -> {new}" for new, olds in diff.merged]
    lines += [f"retired: {skill_id}" for skill_id in diff.retired]
    lines += [f"skill added: {skill_id}" for skill_id in diff.skills_added]
    lines += [f"skill removed: {skill_id}" for skill_id in diff.skills_removed]
    lines += [f"role added: {role_id}" for role_id in diff.roles_added]
    lines += [f"role removed: {role_id}" for role_id in diff.roles_removed]
    for change in diff.requirements:
        what = f"{change.role_id} {change.skill_id}"
        if change.field in ("added", "removed"):
            lines.append(f"requirement {change.field}: {what} ({change.before or change.after})")
        else:
            lines.append(f"{change.field}: {what} {change.before} -> {change.after}")
    if diff.is_empty:
        lines.append("no differences")
    out("\n".join(one_line(line) for line in lines))
    return EXIT_OK


def _steps_between(before: PackManifest, after: PackManifest) -> tuple[SkillChanges, ...]:
    """The change entries of `after` that lead from `before`'s version: when `after` is a
    later version of `before` or a fork of it; none for unrelated packs."""
    origin = after.forked_from.partition("@")[0] if after.forked_from else None
    if before.id not in (after.id, origin):
        return ()
    starts = [i for i, step in enumerate(after.changes) if step.from_version == before.version]
    return after.changes[starts[0] :] if starts else ()
