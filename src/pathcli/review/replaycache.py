"""FSRS replays remembered between runs, in the cache folder, so that bare `pathcli` and `next`, which say
how many steps are due, load fsrs only for a log they have not replayed before (a new review, a new done
time of day does not count: see schedule._replayed).

The file maps a log's shape ("good:0 hard:259200") to the seconds from its first event to its due time. It
is keyed by what the results depend on: the parameters, and the size and time of fsrs's scheduler module,
so that another fsrs replays anew. Anything wrong with it costs time only: it is read as empty, and a write
that fails is left.
"""

import contextlib
import json
import os
from pathlib import Path

from pathcli.errors import PathcliError
from pathcli.store import fsutil, locations

MAX_ENTRIES = 20_000  # a log shape per reviewed step (a few tens of bytes each), with room for many paths
_MAX_BYTES = 4 * 1024 * 1024


def cache_file() -> Path:
    return locations.cache_dir() / "review-replays.json"


def fingerprint(settings: str) -> str | None:
    """What the cached replays were computed with: the scheduler's settings and the installed fsrs (found,
    not imported); None without fsrs."""
    import importlib.util

    spec = importlib.util.find_spec("fsrs")
    if spec is None or not spec.origin:
        return None
    try:
        stat = os.stat(Path(spec.origin).with_name("scheduler.py"))
    except OSError:
        return None
    return f"{settings}|fsrs {stat.st_size} {stat.st_mtime_ns}"


def load(key: str | None) -> dict[str, int]:
    if key is None:
        return {}
    try:
        raw = fsutil.read_file(cache_file(), _MAX_BYTES, missing_ok=True)
        data = json.loads(raw) if raw else None
    except (PathcliError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("replays"), dict):
        return {}
    return {shape: seconds for shape, seconds in data["replays"].items() if type(seconds) is int}


def save(key: str | None, known: dict[str, int], used: set[str]) -> None:
    """The replays known, those used in this run last, at most MAX_ENTRIES of them (the oldest dropped)."""
    if key is None:
        return
    ordered = {shape: seconds for shape, seconds in known.items() if shape not in used}
    ordered.update((shape, known[shape]) for shape in used if shape in known)
    kept = dict(list(ordered.items())[-MAX_ENTRIES:])
    with contextlib.suppress(PathcliError, OSError):
        fsutil.atomic_write(cache_file(), json.dumps({"key": key, "replays": kept}).encode("ascii"), limit=_MAX_BYTES)
