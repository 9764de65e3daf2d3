"""What changes for a user between two skill packs (or two versions of one): the skills
added, removed, renamed, merged and retired, and the targets and priorities that moved.
Shown before a switch, so nobody's readiness changes by surprise."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gaptracker.domain.models import Catalog, Frozen, Requirement
from gaptracker.domain.skill_changes import SkillChanges
from gaptracker.domain.text import one_line


class RequirementChange(Frozen):
    role_id: str
    skill_id: str
    field: str
    """"target" or "priority"; a requirement added or dropped has "added" / "removed"."""
    before: str
    after: str


class PackDiff(Frozen):
    skills_added: tuple[str, ...]
    skills_removed: tuple[str, ...]
    """Gone without a change entry (a different pack, not a newer version of one)."""
    renamed: tuple[tuple[str, str], ...]
    merged: tuple[tuple[str, tuple[str, ...]], ...]
    retired: tuple[str, ...]
    roles_added: tuple[str, ...]
    roles_removed: tuple[str, ...]
    requirements: tuple[RequirementChange, ...]

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name in type(self).model_fields)


def diff_packs(before: Catalog, after: Catalog, steps: Sequence[SkillChanges] = ()) -> PackDiff:
    """`steps`: the change entries of `after` that lead from `before`'s version (none when
    the packs are unrelated: every skill that differs is then added or removed)."""
    renamed = {old: new for s in steps for old, new in s.renamed.items()}
    merged = {new: olds for s in steps for new, olds in s.merged.items()}
    retired = {old for s in steps for old in s.retired}
    old_ids = {s.id for s in before.skills}
    new_ids = {s.id for s in after.skills}
    came_from = {*renamed.values(), *merged}
    gone = {*renamed, *(o for olds in merged.values() for o in olds), *retired}
    follow = dict(renamed)
    follow.update({old: new for new, olds in merged.items() for old in olds})
    return PackDiff(
        skills_added=tuple(sorted(new_ids - old_ids - came_from)),
        skills_removed=tuple(sorted(old_ids - new_ids - gone)),
        renamed=tuple(sorted((o, n) for o, n in renamed.items() if o in old_ids)),
        merged=tuple(sorted((n, tuple(sorted(o))) for n, o in merged.items())),
        retired=tuple(sorted(retired & old_ids)),
        roles_added=tuple(sorted({r.id for r in after.roles} - {r.id for r in before.roles})),
        roles_removed=tuple(sorted({r.id for r in before.roles} - {r.id for r in after.roles})),
        requirements=_requirement_changes(before, after, follow),
    )


def _requirement_changes(
    before: Catalog, after: Catalog, follow: dict[str, str]
) -> tuple[RequirementChange, ...]:
    """Requirements compared under the new ids (a renamed skill's target is the same
    requirement); only for roles in both packs."""
    old = {(r.role_id, follow.get(r.skill_id, r.skill_id)): r for r in before.requirements}
    new = {(r.role_id, r.skill_id): r for r in after.requirements}
    both_roles = {r.id for r in before.roles} & {r.id for r in after.roles}
    changes: list[RequirementChange] = []
    for key in sorted(old.keys() | new.keys()):
        if key[0] not in both_roles:
            continue
        was, now = old.get(key), new.get(key)
        if was is None and now is not None:
            changes.append(_change(key, "added", "", _describe(now)))
        elif now is None and was is not None:
            changes.append(_change(key, "removed", _describe(was), ""))
        elif was is not None and now is not None:
            if was.target != now.target:
                changes.append(_change(key, "target", str(was.target), str(now.target)))
            if was.priority != now.priority:
                changes.append(_change(key, "priority", was.priority.value, now.priority.value))
    return tuple(changes)


def _change(key: tuple[str, str], field: str, before: str, after: str) -> RequirementChange:
    return RequirementChange(
        role_id=key[0], skill_id=key[1], field=field, before=before, after=after
    )


def _describe(requirement: Requirement) -> str:
    return f"{requirement.priority.value} {requirement.target}"


def diff_lines(before_ref: str, after_ref: str, diff: PackDiff) -> list[str]:
    """The diff in words, one fact a line: what `pack diff` and `pack use` print and the
    TUI's diff screen shows (one wording for all three)."""
    lines = [f"{before_ref} -> {after_ref}"]
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
    return [one_line(line) for line in lines]


@dataclass(frozen=True)
class PackPreview:
    """What switching to a pack changes, before the switch: `pack use` prints it, the
    TUI shows it and asks first."""

    pack_id: str
    version: str
    name: str
    """The pack's name, for people (from its manifest)."""
    lines: tuple[str, ...]
    """`diff_lines` from the active pack to this one."""

    @property
    def ref(self) -> str:
        return f"{self.pack_id}@{self.version}"

    @property
    def chosen_line(self) -> str:
        """How a switch to this pack is said once it is recorded."""
        return f"active pack: {one_line(self.ref)} ({one_line(self.name)})"
