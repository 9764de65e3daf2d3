"""Errors a user can cause; the CLI and TUI turn them into one clear line."""


class GapTrackerError(Exception):
    """Base class for failures that are reported to the user without a traceback."""


class UserInputError(GapTrackerError):
    """Bad input from the user (unknown id, level out of range, bad date): exit status 2."""


class CatalogError(GapTrackerError):
    """The shipped catalog is malformed or inconsistent; names the file and the field."""


class StorageError(GapTrackerError):
    """The database cannot be opened, read or written, or was made by a newer version."""


class DamagedDatabaseError(StorageError):
    """The database file is damaged (a corrupted page): nothing is written to it, and the
    message says how to get back (restore a backup, or a copy kept beside the file)."""
