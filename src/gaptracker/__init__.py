"""gaptracker: a personal skill-gap tracker for AI research and infrastructure roles.

Kept to the version string so that `import gaptracker` stays cheap for the CLI.
"""

__version__ = "0.1.0"
