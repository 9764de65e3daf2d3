"""Settings, built once in cli.py and passed down; nothing reads the environment later."""

from __future__ import annotations

from pathlib import Path

from platformdirs import user_data_path
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "gaptracker"


def default_db_path() -> Path:
    """The platform's user-data folder (e.g. ~/.local/share/gaptracker on Linux)."""
    return user_data_path(APP_NAME, appauthor=False) / "gaptracker.sqlite"


class Settings(BaseSettings):
    """gaptracker settings; each can be set as an environment variable GAPTRACKER_<NAME>."""

    model_config = SettingsConfigDict(env_prefix="GAPTRACKER_", env_ignore_empty=True)

    db: Path = Field(default_factory=default_db_path)
    """The SQLite file holding everything the user entered (--db overrides it)."""

    stale_days: int = Field(default=90, ge=1)
    """A rating older than this many days is marked stale (GAPTRACKER_STALE_DAYS)."""
