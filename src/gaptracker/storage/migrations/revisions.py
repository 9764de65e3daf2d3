"""The known Alembic revisions, oldest first, so start-up can check the schema without
importing Alembic (tests assert this list matches the scripts in versions/)."""

KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
HEAD = KNOWN_REVISIONS[-1]
