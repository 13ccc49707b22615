"""The progress file: reading it, the lock around every change, atomic writes, and refusing what it cannot
read (its format is document's).

A file pathcli cannot read (not JSON, not UTF-8, empty, the wrong shape) or one written by a newer
pathcli is never overwritten, moved nor deleted: every command that needs it refuses, saying why and
how to recover, and the user decides.
"""

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from pathcli.errors import PathcliError
from pathcli.store import conflicts, fsutil, locations
from pathcli.store.document import empty_document, parse, serialize
from pathcli.text import one_line

LOCK_TIMEOUT_SECONDS = 60.0  # forty writers at once on a loaded machine all get their turn well within it
_Result = TypeVar("_Result")


def load() -> dict:
    """The progress document, read without the lock (writers replace the file whole).
    A missing file is an empty document; nothing is created. Conflict copies are reported, not merged."""
    file = locations.progress_file()
    conflicts.note_waiting(file.parent, time.time())
    return _read(file)[0]


def _read(file: Path) -> tuple[dict, bytes | None]:
    raw = fsutil.read_file(file, fsutil.MAX_PROGRESS_BYTES, missing_ok=True)
    if raw is None and os.path.islink(file):
        # The progress lives where the link leads (a synced folder, a drive) and cannot be reached now:
        # starting afresh there would show no progress, and write a new file where the old one belongs.
        raise PathcliError(
            f"{file} links to {one_line(os.readlink(file))}, which is not there (a synced folder or a drive"
            " not mounted?): pathcli changes nothing until it is, or until you remove the link to start afresh"
        )
    return (empty_document() if raw is None else parse(raw, file)), raw


def change(apply: Callable[[dict], _Result], then: Callable[[], None] | None = None) -> _Result:
    """apply(document) under the lock (see update), and then(), if given, after the write and still under
    the lock. Before pathcli has ever written here (no lock file yet), apply is first tried on what there
    is without the lock: a command that fails, or changes nothing, then creates nothing, not even the data
    folder."""
    file = locations.progress_file()
    if not os.path.lexists(_lock_file(file)):
        document, raw = _read(file)
        result = apply(document)
        if then is None and serialize(document) == (raw or serialize(empty_document())):
            return result
    with update(then) as document:
        return apply(document)


def _lock_file(file: Path) -> Path:
    return Path(f"{file}.lock")


@contextlib.contextmanager
def update(then: Callable[[], None] | None = None) -> Iterator[dict]:
    """Read the document under the inter-process lock, merge the conflict copies a sync service left beside
    it (see conflicts), let the caller change it, and write it back atomically if it changed; then move the
    copies aside and call then() if given, still under the lock. If the caller raises, nothing is written
    and nothing moved."""
    file = locations.progress_file()
    fsutil.ensure_dir(file.parent)
    from pathcli.store.locking import exclusive

    with exclusive(_lock_file(file), LOCK_TIMEOUT_SECONDS):
        document, raw = _read(file)
        merged = conflicts.absorb(document, file.parent, time.time())  # a sync service's copies, before the change
        yield document
        new = serialize(document)
        if new != raw:
            fsutil.atomic_write(file, new, limit=fsutil.MAX_PROGRESS_BYTES)
        merged.set_aside(file.parent)
        if then is not None:
            then()
        # Under the lock no other writer is running, so any temporary file left is from a killed one.
        for stale in fsutil.stale_temp_files(file):
            with contextlib.suppress(OSError):
                stale.unlink()
