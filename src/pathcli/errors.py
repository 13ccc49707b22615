class PathcliError(Exception):
    """A problem meant for the user: its message is one line, printed as is, and the command exits 1."""
