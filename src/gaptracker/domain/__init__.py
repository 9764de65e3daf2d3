"""Pure domain logic: models, gap analysis, readiness, role fit. No Textual, no SQLAlchemy."""
