"""pathcli: a command-line tracker for learning paths."""

__version__ = "0.1.0"
