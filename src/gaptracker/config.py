"""Settings, built once in cli.py and passed down; nothing reads the environment later.

Two settings do not need a settings framework: reading them by hand keeps
pydantic-settings (and python-dotenv) out of the import path of `gaptracker status`,
which a shell prompt runs on every new line, and lets a bad value get a message that
names the variable.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gaptracker.domain.errors import UserInputError
from gaptracker.domain.progress import DEFAULT_STALE_DAYS

APP_NAME = "gaptracker"
DB_VARIABLE = "GAPTRACKER_DB"
STALE_DAYS_VARIABLE = "GAPTRACKER_STALE_DAYS"


def default_db_path() -> Path:
    """The platform's user-data folder (e.g. ~/.local/share/gaptracker on Linux)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "gaptracker.sqlite"


def default_packs_dir() -> Path:
    """The user's skill packs: `packs/` beside the default database, one folder per pack."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "packs"


def server_copies_dir() -> Path:
    """Where `restore --replace` on a server keeps what it erased: `server-copies/`
    beside the default database (on a file, the copy goes beside the file itself)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False) / "server-copies"


def default_export_dir() -> Path:
    """Where the app offers to save reports and backups: the Documents folder, else home
    (never the folder the app happened to be started from)."""
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


def default_cache_dir() -> Path:
    """The platform's user-cache folder (e.g. ~/.cache/gaptracker): only rebuildable copies."""
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class Settings:
    """gaptracker settings; an empty environment variable counts as unset."""

    db: Path
    """The SQLite file holding everything the user entered (--db, then GAPTRACKER_DB);
    unused when `db_url` is set."""

    stale_days: int = DEFAULT_STALE_DAYS
    """A rating older than this many days is marked stale (GAPTRACKER_STALE_DAYS)."""

    cache_dir: Path = field(default_factory=default_cache_dir)
    """Where the validated catalog is kept between runs (XDG_CACHE_HOME on Linux moves it)."""

    db_is_default: bool = False
    """The database is at the platform's default location (no --db, no GAPTRACKER_DB): only
    then may its folders be made. A path the user typed must name an existing folder."""

    db_url: str | None = None
    """A database server's URL (`postgresql+psycopg://HOST/DBNAME`) given as --db or
    GAPTRACKER_DB instead of a file; credentials come from libpq, never from here."""

    @classmethod
    def load(
        cls, db: Path | str | None = None, environ: Mapping[str, str] | None = None
    ) -> Settings:
        """The settings from `db` (the --db option) and the environment."""
        env = os.environ if environ is None else environ
        is_default = db is None and not env.get(DB_VARIABLE)
        if db is None:
            db = default_db_path() if is_default else env[DB_VARIABLE]
        stale = env.get(STALE_DAYS_VARIABLE, "").strip()
        url = db if isinstance(db, str) and is_url(db) else None
        return cls(
            db=Path(db) if url is None else Path(),
            stale_days=_positive_days(stale) if stale else DEFAULT_STALE_DAYS,
            db_is_default=is_default,
            db_url=url,
        )


def is_url(text: str) -> bool:
    """Whether a --db value names a server (`scheme://...`) rather than a file: a path
    never holds `://` (Path would even fold it to `:/`, so it is kept as text)."""
    return "://" in text


def _positive_days(text: str) -> int:
    try:
        days = int(text)
    except ValueError:
        days = 0
    if days < 1:
        raise UserInputError(
            f"{STALE_DAYS_VARIABLE} must be a whole number of days, 1 or more; got {text!r}"
        )
    return days
