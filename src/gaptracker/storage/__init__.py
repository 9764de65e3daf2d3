"""SQLite storage: SQLAlchemy Core tables, migrations, repositories and the unit of work.

The only package that imports SQLAlchemy or Alembic.
"""
