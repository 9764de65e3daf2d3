"""The user's packs inside a backup: carried when it is made, checked and installed when
it is restored.

A backup names packs by id in every row, so it carries each user pack they name: its
files' text and content hash. Restoring checks each carried pack as `pack import` does
(exactly the pack files, each within the loader's size cap, matching its hash, every
rule of `check_pack`) before anything is written, then, per pack:
- not in the packs folder: staged beside it (pack_store's staging) and installed just
  before the database commits (`RestoredPacks.install`), taken out if the commit fails;
- there with the same content hash: left alone;
- there as a later version of it, whose `[[changes]]` lead from the backup's version:
  left alone, and the backup's rows read through those changes (a backup made before a
  rename still restores after it);
- there with other content: refused, naming it, so no pack is ever replaced.

Order: every check (packs, then rows) runs before anything is written; the staged packs
are renamed into place inside the restore's transaction, after its rows are written and
just before it commits, and removed again if the commit fails. What a kill between the
rename and the commit can leave is a complete, valid pack that no row names: `pack list`
shows it, nothing reads it (the active pack is the database's choice), and restoring the
same backup again finds it there with the same hash. A kill earlier leaves only a
`.pack-*` folder, never listed, which the next staging removes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Self

from gaptracker.catalog.loader import MAX_FILE_BYTES
from gaptracker.catalog.pack_store import install_staged, stage_files
from gaptracker.catalog.packs import PACK_FILES, check_pack, content_hash, pack_bytes
from gaptracker.domain.backup import BackupPack
from gaptracker.domain.backup_rules import KnownPack
from gaptracker.domain.errors import CatalogError, UserInputError
from gaptracker.domain.packs import BUILT_IN_PACK_ID, PackManifest, is_pack_id, steps_between
from gaptracker.domain.text import counted


def carried_packs(pack_ids: Iterable[str], packs_dir: Path) -> tuple[BackupPack, ...]:
    """Each named user pack as a backup carries it; UserInputError naming one that is
    missing or invalid (a backup that could not restore is not written)."""
    carried = []
    for pack_id in pack_ids:
        folder = packs_dir / pack_id
        why = f"your data names the pack {pack_id!r}, but"
        if not is_pack_id(pack_id) or not os.path.lexists(folder):
            raise UserInputError(
                f"{why} it is not in {packs_dir}: put it back (gaptracker pack import) to back up"
            )
        check = check_pack(folder, expected_id=pack_id)
        if check.errors or check.manifest is None:
            first = check.errors[0].line() if check.errors else "no manifest"
            raise UserInputError(f"{why} it is not valid ({first}): fix it to back up")
        try:
            files = pack_bytes(folder)
        except CatalogError as exc:  # changed since it was checked
            raise UserInputError(str(exc)) from None
        carried.append(
            BackupPack(
                id=pack_id,
                version=check.manifest.version,
                content_hash=content_hash(files),
                files={name: files[name].decode("utf-8") for name in PACK_FILES},
            )
        )
    return tuple(carried)


@dataclass
class RestoredPacks:
    """The packs of a backup being restored, checked; a context manager that removes
    whatever it staged and did not install. `known`: how each pack will read the rows
    (for backup_rules); `install` and `undo`: the domain's PackInstaller."""

    packs_dir: Path
    known: dict[str, KnownPack] = field(default_factory=dict)
    _staged: dict[str, tuple[Path, int]] = field(default_factory=dict)
    _installed: list[Path] = field(default_factory=list)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        for folder, lock in self._staged.values():  # an installed one is no longer there
            shutil.rmtree(folder, ignore_errors=True)
            os.close(lock)
        self._staged.clear()

    @property
    def to_install(self) -> list[str]:
        """The ids of the packs the packs folder lacks, which a restore adds."""
        return sorted(self._staged)

    def install(self) -> None:
        """Rename each staged pack into place; on a failure, take out those already in."""
        try:
            for pack_id, (folder, _) in sorted(self._staged.items()):
                target = self.packs_dir / pack_id
                install_staged(folder, target)
                self._installed.append(target)
        except BaseException:
            self.undo()
            raise

    def add(self, pack: BackupPack, where: str) -> None:
        """Check one carried pack; stage it when the packs folder lacks it."""
        if pack.id in self.known:  # read_backup refuses it first: a guard, not a path
            raise UserInputError(f"{where}.id: {pack.id!r} is carried twice")
        files = _files(pack, where)
        if content_hash(files) != pack.content_hash:
            raise UserInputError(
                f"{where}.content_hash: does not match its files (damaged or edited)"
            )
        folder, lock = stage_files(files, self.packs_dir)
        self._staged[pack.id] = (folder, lock)
        check = check_pack(folder, expected_id=pack.id)
        manifest = check.manifest
        if check.errors or manifest is None or check.catalog is None:
            first = check.errors[0].line() if check.errors else "no manifest"
            problems = counted(len(check.errors), "problem")
            raise UserInputError(f"{where}: pack {pack.id!r} is not valid ({problems}): {first}")
        if manifest.version != pack.version:
            raise UserInputError(f"{where}.version: {pack.version!r} is not its pack.toml's")
        target = self.packs_dir / pack.id
        if not os.path.lexists(target):
            self.known[pack.id] = KnownPack(check.catalog, manifest.changes)
            return
        shutil.rmtree(folder, ignore_errors=True)  # not needed: the pack is there
        os.close(self._staged.pop(pack.id)[1])
        self.known[pack.id] = _installed(pack, manifest, target)

    def undo(self) -> None:
        """Remove the packs `install` put in place (the restore did not commit)."""
        for target in reversed(self._installed):
            shutil.rmtree(target, ignore_errors=True)
        self._installed.clear()


def restored_packs(packs: Iterable[BackupPack], packs_dir: Path, source: str) -> RestoredPacks:
    """Check every pack a backup carries against itself and the packs folder, staging
    the ones to install; UserInputError (one line) on the first that cannot be restored,
    with nothing left behind."""
    restored = RestoredPacks(packs_dir)
    try:
        for position, pack in enumerate(packs):
            restored.add(pack, f"{source} is not a valid backup: packs[{position}]")
    except BaseException:
        restored.__exit__(None, None, None)
        raise
    return restored


def _files(pack: BackupPack, where: str) -> dict[str, bytes]:
    if set(pack.files) != set(PACK_FILES):
        raise UserInputError(f"{where}.files: must hold exactly {', '.join(PACK_FILES)}")
    files = {}
    for name in PACK_FILES:
        data = pack.files[name].encode("utf-8")
        if len(data) > MAX_FILE_BYTES:
            raise UserInputError(f"{where}.files.{name}: larger than {MAX_FILE_BYTES // 2**20} MB")
        files[name] = data
    return files


def _installed(pack: BackupPack, carried: PackManifest, target: Path) -> KnownPack:
    """The pack already at `target`: the backup's (same hash), or a later version of it."""
    check = check_pack(target, expected_id=pack.id)
    refuse = f"the pack {pack.id!r} in {target.parent} differs from the backup's"
    if check.errors or check.manifest is None or check.catalog is None:
        raise UserInputError(
            f"{refuse} and is not valid: fix or move it away (the backup's is installed then)"
        )
    try:
        same = content_hash(pack_bytes(target)) == pack.content_hash
    except CatalogError as exc:
        raise UserInputError(f"{refuse}: {exc}") from None
    if same or steps_between(carried, check.manifest):
        return KnownPack(check.catalog, check.manifest.changes)
    raise UserInputError(
        f"{refuse} ({check.manifest.ref} here, {carried.ref} in the backup, and no"
        " [[changes]] lead from it): move it away to restore the backup's"
    )


def known_packs(restored: RestoredPacks, built_in: KnownPack) -> Mapping[str, KnownPack]:
    """Every pack the backup's rows may name: the built-in one and each carried one."""
    return {BUILT_IN_PACK_ID: built_in, **restored.known}
