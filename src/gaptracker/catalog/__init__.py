"""The shipped catalog: the only code that reads data/."""

from gaptracker.catalog.loader import catalog_dir, load_catalog

__all__ = ["catalog_dir", "load_catalog"]
