"""Skill packs for the pack picker's tests and snapshots: a fork that changes things (a
rename said in its manifest, a new skill name, a new target, its own name) and a fork
that is broken."""

from __future__ import annotations

from pathlib import Path

from gaptracker.catalog.pack_store import init_pack

OLD, NEW = "model-serving", "model-serving-and-ops"
MUST_NAME = "C++, CUDA and profiling, my way"
"""The new name of `cpp-cuda-systems-profiling` in `mine` (a Must skill: the dashboard)."""
CHANGE = f"""
[[changes]]
from_version = "2026.11.1"
to_version = "2026.12.0"
renamed = {{ "{OLD}" = "{NEW}" }}
"""
DIFF = [
    "research-infra@2026.11.1 -> mine@2026.12.0",
    f"renamed: {OLD} -> {NEW}",
    "target: inference-optimization-engineer cpp-cuda-systems-profiling 4 -> 5",
]
"""What `pack use mine` prints after its first line, from the built-in pack."""


def make_packs(packs_dir: Path) -> Path:
    """`mine` (valid, 2026.12.0) and `broken` (invalid) under `packs_dir`; mine's folder."""
    mine = init_pack("mine", None, packs_dir)
    for file in mine.glob("*.toml"):
        text = file.read_text()
        text = text.replace(f'"{OLD}"', f'"{NEW}"').replace(f"[{OLD}]", f"[{NEW}]")
        text = text.replace('version = "2026.11.1"', 'version = "2026.12.0"')
        if file.name == "skills.toml":
            text = text.replace('"C++, CUDA, and systems profiling"', f'"{MUST_NAME}"')
        if file.name == "requirements.toml":
            text = text.replace(
                "targets = { inference-optimization-engineer = 4, ai-infra-platform-engineer = 4,"
                " ai-compiler-kernel-engineer = 5",
                "targets = { inference-optimization-engineer = 5, ai-infra-platform-engineer = 4,"
                " ai-compiler-kernel-engineer = 5",
                1,
            )
        if file.name == "pack.toml":
            text = text.replace(
                'name = "Research And Infrastructure Roles"', 'name = "My inference track"'
            )
        file.write_text(text)
    with (mine / "pack.toml").open("a") as manifest:
        manifest.write(CHANGE)
    broken = init_pack("broken", None, packs_dir)
    (broken / "roles.toml").write_text("[[roles]]\nid = 3\n")
    return mine
