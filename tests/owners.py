"""Files and folders owned by someone else: only root can make them.

CI runs as root, so these cases run there; elsewhere they skip with the reason, and a CI
run that is not root fails rather than skip them quietly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

OTHER_UID = 54321
"""A uid that no account on a test machine is expected to have."""


def give_away(path: Path) -> None:
    """Make `path` owned by OTHER_UID (and its group), or skip the test where one cannot."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        if os.environ.get("CI"):
            pytest.fail("CI runs as root, so that files owned by another user can be tested")
        pytest.skip("making a file owned by another user needs root (CI runs as root)")
    os.chown(path, OTHER_UID, OTHER_UID, follow_symlinks=False)
