"""Settings come from --db, then the environment, then the platform's defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from gaptracker.config import Settings, default_db_path
from gaptracker.domain.errors import UserInputError
from gaptracker.domain.progress import DEFAULT_STALE_DAYS


def test_defaults_with_an_empty_environment() -> None:
    settings = Settings.load(environ={})
    assert settings.db == default_db_path()
    assert settings.db.name == "gaptracker.sqlite"
    assert settings.stale_days == DEFAULT_STALE_DAYS
    assert settings.db_is_default  # only the default location may have its folders made


def test_the_option_wins_over_the_environment(tmp_path: Path) -> None:
    env = {"GAPTRACKER_DB": str(tmp_path / "env.sqlite")}
    assert Settings.load(environ=env).db == tmp_path / "env.sqlite"
    assert Settings.load(db=tmp_path / "opt.sqlite", environ=env).db == tmp_path / "opt.sqlite"
    assert not Settings.load(environ=env).db_is_default
    assert not Settings.load(db=tmp_path / "opt.sqlite", environ={}).db_is_default


def test_empty_variables_count_as_unset() -> None:
    settings = Settings.load(environ={"GAPTRACKER_DB": "", "GAPTRACKER_STALE_DAYS": " "})
    assert settings.db == default_db_path()
    assert settings.stale_days == DEFAULT_STALE_DAYS


def test_stale_days_from_the_environment() -> None:
    assert Settings.load(environ={"GAPTRACKER_STALE_DAYS": " 30 "}).stale_days == 30


@pytest.mark.parametrize("value", ["abc", "0", "-1", "2.5"])
def test_bad_stale_days_name_the_variable(value: str) -> None:
    with pytest.raises(UserInputError, match="GAPTRACKER_STALE_DAYS"):
        Settings.load(environ={"GAPTRACKER_STALE_DAYS": value})


def test_only_the_default_database_is_in_the_apps_own_folder(tmp_path: Path) -> None:
    """gaptracker may chmod its own user-data folder, never one the user chose."""
    assert Settings.load(environ={}).db_is_default is True
    assert Settings.load(environ={"GAPTRACKER_DB": ""}).db_is_default is True
    chosen = tmp_path / "gt.sqlite"
    assert Settings.load(environ={"GAPTRACKER_DB": str(chosen)}).db_is_default is False
    assert Settings.load(db=chosen, environ={}).db_is_default is False


def test_a_server_url_is_kept_as_text_not_folded_into_a_path() -> None:
    url = "postgresql+psycopg://db.example/gaptracker"
    for settings in (
        Settings.load(db=url, environ={}),
        Settings.load(environ={"GAPTRACKER_DB": url}),
    ):
        assert settings.db_url == url
        assert not settings.db_is_default
    assert Settings.load(environ={"GAPTRACKER_DB": "/tmp/gt.sqlite"}).db_url is None
