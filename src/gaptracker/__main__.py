"""`python -m gaptracker` runs the same entry point as the console script."""

from gaptracker.cli import main

raise SystemExit(main())
