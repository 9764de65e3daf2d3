"""collection_paused() pauses garbage collection and always restores the setting."""

from __future__ import annotations

import gc

import pytest

from gaptracker.services.bulk import collection_paused


@pytest.mark.parametrize("enabled_before", [True, False])
def test_the_previous_setting_comes_back_even_after_an_error(enabled_before: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled_before else gc.disable()
        with pytest.raises(RuntimeError), collection_paused():
            assert not gc.isenabled()
            raise RuntimeError("a failed read")
        assert gc.isenabled() is enabled_before
        with collection_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled_before
    finally:
        gc.enable() if was else gc.disable()
