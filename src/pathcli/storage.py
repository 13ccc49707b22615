"""The progress file: its format and version, the lock, atomic writes, and refusing what it cannot read.

progress.json holds every path's progress, keyed by path id and step id:

    {"version": 2, "active_path": "transformers",
     "paths": {"transformers": {"steps": {"the-transformer-model": {
         "status": "done", "started_at": "...", "done_at": "...",
         "notes": [{"id": "3f2a9c1b", "text": "...", "at": "...", "edited_at": "..."},
                   {"id": "0b7e11d4", "at": "...", "deleted_at": "..."}]}}}}}

A note keeps its id for life (see model.note_id); a deleted note stays as a tombstone without its text, so
that merging an older copy of the file never brings it back. Each older format is read through its
migration (MIGRATIONS) and written back in the current one.

A file pathcli cannot read (not JSON, not UTF-8, empty, the wrong shape) or one written by a newer
pathcli is never overwritten, moved nor deleted: every command that needs it refuses, saying why and
how to recover, and the user decides. Unknown keys are kept as they are.
"""

import contextlib
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from pathcli import fsutil, locations
from pathcli.errors import PathcliError
from pathcli.model import CHANGE_KEYS, STATUSES, note_id

FORMAT_VERSION = 2
LOCK_TIMEOUT_SECONDS = 5.0


def empty_document() -> dict:
    return {"version": FORMAT_VERSION, "paths": {}}


def load() -> dict:
    """The progress document, read without the lock (writers replace the file whole).
    A missing file is an empty document; nothing is created."""
    file = locations.progress_file()
    raw = fsutil.read_bytes(file, missing_ok=True)
    return empty_document() if raw is None else parse(raw, file)


@contextlib.contextmanager
def update() -> Iterator[dict]:
    """Read the document under the inter-process lock, let the caller change it, and write it back
    atomically if it changed. If the caller raises, nothing is written."""
    file = locations.progress_file()
    fsutil.ensure_dir(file.parent)
    from pathcli.locking import exclusive

    with exclusive(Path(f"{file}.lock"), LOCK_TIMEOUT_SECONDS):
        raw = fsutil.read_bytes(file, missing_ok=True)
        document = empty_document() if raw is None else parse(raw, file)
        yield document
        new = serialize(document)
        if new != raw:
            fsutil.atomic_write(file, new)
        # Under the lock no other writer is running, so any temporary file left is from a killed one.
        for stale in fsutil.stale_temp_files(file):
            with contextlib.suppress(OSError):
                stale.unlink()


def serialize(document: dict) -> bytes:
    # ASCII escapes keep any text (lone surrogates from undecodable arguments too) exactly as given.
    # No indent: with one, json falls back to its pure-Python encoder, 4-5 times slower on large files
    # (`python -m json.tool progress.json` shows it indented).
    return (json.dumps(document) + "\n").encode("ascii")


def parse(raw: bytes, source: Path | str) -> dict:
    """Decode and check a progress document; any problem is a PathcliError that names the file."""
    document = _decode(raw, source)
    version = document.get("version") if isinstance(document, dict) else None
    if type(version) is int and version > FORMAT_VERSION:
        raise PathcliError(
            f"{source} was written by a newer pathcli (format {version}; this one knows up to {FORMAT_VERSION}):"
            " upgrade pathcli to use it; the file is left as it is"
        )
    if type(version) is int and version in MIGRATIONS and isinstance(document.get("paths"), dict):
        MIGRATIONS[version](document)
    problem = _shape_problem(document)
    if problem:
        _refuse(source, f"unexpected content: {problem}")
    return document


def _from_version_1(document: dict) -> None:
    """Format 1 had notes without ids: give each the id it would have been given when it was written, so
    that two machines migrating copies of the same file agree on every note."""
    for entry in document["paths"].values():
        for record in (entry.get("steps") or {}).values() if isinstance(entry, dict) else ():
            notes = record.get("notes") if isinstance(record, dict) else None
            for note in notes if isinstance(notes, list) else ():
                if isinstance(note, dict) and isinstance(note.get("text"), str) and isinstance(note.get("at"), str):
                    note.setdefault("id", note_id(note["at"], note["text"]))
    document["version"] = 2


# Each older format version, and how a document of it becomes the current format.
MIGRATIONS = {1: _from_version_1}


def _decode(raw: bytes, source) -> object:
    if not raw.strip():
        _refuse(source, "the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        _refuse(source, f"not UTF-8 text (byte {error.start})")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        _refuse(source, f"not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})")


def _refuse(source, reason: str):
    raise PathcliError(
        f"cannot read {source}: {reason}. pathcli will not change it: fix it by hand, or move it"
        " aside to start afresh (pathcli import can restore an export)"
    )


def _shape_problem(document) -> str | None:
    """Where the document departs from the format, or None. Checked on every read, so that nothing later
    can trip over a hand-edited file."""
    if not isinstance(document, dict):
        return "the top level is not an object"
    if type(document.get("version")) is not int or document["version"] != FORMAT_VERSION:
        return f"'version' is {document.get('version')!r}, expected {FORMAT_VERSION}"
    if not isinstance(document.get("active_path", ""), str):
        return "'active_path' is not text"
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return "'paths' is not an object"
    for path_id, entry in paths.items():
        where = f"paths.{path_id}"
        if not isinstance(entry, dict) or not isinstance(entry.get("steps"), dict):
            return f"{where} has no 'steps' object"
        for step_id, record in entry["steps"].items():
            problem = _record_problem(record)
            if problem:
                return f"{where}.steps.{step_id}: {problem}"
    return None


def _record_problem(record) -> str | None:
    if not isinstance(record, dict):
        return "not an object"
    if record.get("status") not in STATUSES:
        return f"status {record.get('status')!r} is not one of {', '.join(STATUSES)}"
    for key in CHANGE_KEYS:
        if key in record and not _is_time(record[key]):
            return f"{key} is not an ISO 8601 time"
    notes = record.get("notes", [])
    if not isinstance(notes, list):
        return "notes is not a list"
    for index, note in enumerate(notes, 1):
        problem = _note_problem(note)
        if problem:
            return f"note {index} {problem}"
    return None


def _note_problem(note) -> str | None:
    if not isinstance(note, dict) or not isinstance(note.get("id"), str) or not _is_time(note.get("at")):
        return "needs an 'id' and an ISO 8601 'at' time"
    if "deleted_at" in note:
        return None if _is_time(note["deleted_at"]) else "has a 'deleted_at' that is not an ISO 8601 time"
    if not isinstance(note.get("text"), str):
        return "needs its 'text'"
    if "edited_at" in note and not _is_time(note["edited_at"]):
        return "has an 'edited_at' that is not an ISO 8601 time"
    return None


def _is_time(value) -> bool:
    try:
        datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True
