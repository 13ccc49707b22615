"""The inter-process lock around every change of the progress file (fasteners: fcntl.lockf on POSIX,
msvcrt on Windows), imported only by the commands that write."""

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path

from pathcli.errors import PathcliError

SAY_WAITING_AFTER = 1.0  # seconds of waiting for the lock before saying so


@contextlib.contextmanager
def exclusive(lock_file: Path, timeout: float) -> Iterator[None]:
    """Hold the lock on lock_file, waiting at most timeout seconds; a PathcliError when it cannot be had."""
    from fasteners import InterProcessLock

    class _NoFollowLock(InterProcessLock):
        def _do_open(self):
            # fasteners opens the lock file with open(path, "a"), which follows a symbolic link planted at
            # its name; O_NOFOLLOW refuses one instead, and 0o600 keeps the file private.
            # O_NONBLOCK: a FIFO planted there would otherwise block the open until a reader came.
            if self.lockfile is None or self.lockfile.closed:
                flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0)
                fd = os.open(self.path, flags | getattr(os, "O_NONBLOCK", 0), 0o600)
                if not stat.S_ISREG(os.fstat(fd).st_mode):
                    os.close(fd)
                    raise PathcliError(f"cannot lock {lock_file}: it is not a regular file")
                self.lockfile = os.fdopen(fd, "a")

    lock = _NoFollowLock(str(lock_file))
    try:
        acquired = lock.acquire(timeout=min(timeout, SAY_WAITING_AFTER))
        if not acquired and timeout > SAY_WAITING_AFTER:
            # once, on stderr: a command that seems to hang is waiting for another one to finish
            _say("pathcli: waiting for another pathcli to finish…")
            acquired = lock.acquire(timeout=timeout - SAY_WAITING_AFTER)
    except OSError as error:
        raise PathcliError(f"cannot lock {lock_file}: {error.strerror}") from None
    if not acquired:
        raise PathcliError(f"another pathcli has held {lock_file} for {timeout:g} seconds; try again when it is done")
    try:
        yield
    finally:
        lock.release()


def _say(message: str) -> None:
    try:
        sys.stderr.write(message + "\n")
    except UnicodeEncodeError:  # a terminal in ASCII or Latin-1
        sys.stderr.write(message.replace("…", "...") + "\n")
    sys.stderr.flush()
