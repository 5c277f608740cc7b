"""Version numbers, kept apart so packaging can read them without importing the harness."""

#: Version of the distribution (harness and spec together).
__version__ = "0.1.0"

#: Version of the specification text. Bumped when requirements are added, changed or removed;
#: requirement IDs themselves never change once published.
SPEC_VERSION = "0.2.0"
