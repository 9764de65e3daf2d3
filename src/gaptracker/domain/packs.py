"""A skill pack's manifest (pack.toml): which catalog a folder of catalog files is.

A pack is data only: the catalog files the loader reads plus this manifest. Its id names
it on the command line and (later) on every rating made against it, so ids are short
slugs that cannot be mistaken for a path; `forked_from` says which pack and version it
was copied from. Strict: a number where text belongs, or a field nobody knows, is refused
rather than coerced, so a typo in a hand-edited manifest is said, not guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from gaptracker.domain.models import BUILT_IN_PACK_ID as BUILT_IN_PACK_ID
from gaptracker.domain.skill_changes import SkillChanges

PACK_ID_PATTERN = r"^[a-z](?:-?[a-z0-9]){1,39}$"
"""A slug (as every row's `pack_id` is) that starts with a letter: no '--', no '-' at the
end; at most MAX_PACK_ID characters."""
MAX_PACK_ID = 40
VERSION_PATTERN = r"^[0-9A-Za-z][0-9A-Za-z.+_-]{0,39}$"

PackId = Annotated[str, StringConstraints(max_length=MAX_PACK_ID, pattern=PACK_ID_PATTERN)]
PackVersion = Annotated[str, StringConstraints(pattern=VERSION_PATTERN)]
PackRef = Annotated[
    str, StringConstraints(pattern=PACK_ID_PATTERN[:-1] + "@" + VERSION_PATTERN[1:])
]
"""`<pack-id>@<version>`, e.g. `research-infra@2026.11.1`."""
ShortText = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$"
    ),
]


class PackManifest(BaseModel):
    """pack.toml: the pack's identity; the catalog itself is in the other files."""

    model_config = ConfigDict(frozen=True, extra="forbid", strict=True, defer_build=True)

    id: PackId
    """Lowercase letters and digits in words joined by single '-', 2-40 characters,
    starting with a letter."""
    name: ShortText
    """What the pack is called, for people (the guide's title for the built-in pack)."""
    version: PackVersion
    """The content's version; equal to guide.toml's `version`, which ratings record."""
    forked_from: PackRef | None = None
    """The pack and version this one was copied from (`pack init --from`)."""
    license: ShortText | None = None
    """The content's licence, when its author gave one."""
    source: ShortText | None = None
    """Where the content comes from (a guide, a URL, a person)."""
    changes: Annotated[tuple[SkillChanges, ...], Field(strict=False)] = ()
    """`[[changes]]`: what each version changed for ratings made under the one before
    (domain.skill_changes), oldest first; the last leads to `version`."""

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"


def is_pack_id(text: str) -> bool:
    """True when `text` may name a pack (and so a folder under packs/)."""
    import re

    return len(text) <= MAX_PACK_ID and re.fullmatch(PACK_ID_PATTERN, text) is not None


def steps_between(before: PackManifest, after: PackManifest) -> tuple[SkillChanges, ...]:
    """The change entries of `after` that lead from `before`'s version: when `after` is a
    later version of `before` or a fork of it; none for unrelated packs."""
    origin = after.forked_from.partition("@")[0] if after.forked_from else None
    if before.id not in (after.id, origin):
        return ()
    starts = [i for i, step in enumerate(after.changes) if step.from_version == before.version]
    return after.changes[starts[0] :] if starts else ()


@dataclass(frozen=True)
class PackListing:
    """One pack as `pack list` shows it, and the TUI's pack picker: checked, not loaded."""

    id: str
    """The manifest's id when the pack is valid, else its folder's name."""
    name: str | None
    """None when the manifest cannot be read."""
    version: str | None
    path: str
    built_in: bool
    valid: bool
    active: bool
    """The pack the figures are about."""
    problems: int
    """How many errors its check found (warnings do not count)."""
    first_problem: str | None = None
    """The first of them as `pack validate` words it (`file:field: message`)."""
