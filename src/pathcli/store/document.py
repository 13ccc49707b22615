"""The progress document's format: its version, a migration per older version, the check every read makes,
and its bytes. Plain functions on decoded JSON; reading and writing the file is storage's.

progress.json holds every path's progress, keyed by path id and step id:

    {"version": 2, "active_path": "transformers",
     "paths": {"transformers": {"steps": {"the-transformer-model": {
         "status": "done", "started_at": "...", "done_at": "...",
         "notes": [{"id": "3f2a9c1b", "text": "...", "at": "...", "edited_at": "..."},
                   {"id": "0b7e11d4", "at": "...", "deleted_at": "..."}],
         "reviews": [{"id": "r5c1e0a7f", "at": "...", "rating": "good"}]}},
         "goal": {"date": "2027-03-01", "set_at": "..."}}}}

A path's optional goal is the date by which the learner means to finish it; a cleared goal keeps its
"set_at" with "date": null, so that merging an older copy does not bring the old date back.

A note keeps its id for life (see model.note_id); a deleted note stays as a tombstone without its text, so
that merging an older copy of the file never brings it back. Reviews (optional, see domain.reviews) are
events united by id; the schedule is computed from them. Each older format is read through its
migration (MIGRATIONS) and written back in the current one. Unknown keys are kept as they are.
"""

import json
from datetime import datetime
from pathlib import Path

from pathcli.domain.model import CHANGE_KEYS, GOAL, STATUSES, calendar_date, note_id
from pathcli.domain.reviews import RATINGS, REVIEWS
from pathcli.errors import PathcliError
from pathcli.text import excerpt

FORMAT_VERSION = 2
# Times outside these years are refused on the way in: converting 0001-01-01 or 9999-12-31 to another
# time zone overflows, and dates before 1970 fail to convert on Windows.
EARLIEST_YEAR, LATEST_YEAR = 1971, 9998
_A_TIME = f"an ISO 8601 time of the years {EARLIEST_YEAR}-{LATEST_YEAR}"


def empty_document() -> dict:
    return {"version": FORMAT_VERSION, "paths": {}}


def serialize(document: dict) -> bytes:
    # ASCII escapes keep any text (lone surrogates from undecodable arguments too) exactly as given.
    # No indent: with one, json falls back to its pure-Python encoder, 4-5 times slower on large files
    # (`python -m json.tool progress.json` shows it indented).
    return (json.dumps(document) + "\n").encode("ascii")


def parse(raw: bytes, source: Path | str) -> dict:
    """Decode and check a progress document; any problem is a PathcliError that names the file."""
    return check(_decode(raw, source), source)


def check(document: object, source: Path | str) -> dict:
    """A decoded progress document in the current format (migrated from an older one), or a PathcliError
    naming source and what is wrong."""
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
    _give_each_note_its_own_id(document)
    return document


def _give_each_note_its_own_id(document: dict) -> None:
    """A note id repeated within one step (format 1 notes of the same text in the same second, or a hand
    edit) gets the suffix Progress.add_note would have given it: merging keeps notes apart by id, and would
    otherwise keep one of them, or delete both when one is deleted. Every machine renames alike."""
    for entry in document["paths"].values():
        for record in entry["steps"].values():
            notes = record.get("notes", ())
            if len({note["id"] for note in notes}) == len(notes):
                continue
            taken = {note["id"] for note in notes}
            seen: set[str] = set()
            # The suffix last given to each id: a suffix once refused stays refused (seen and taken only
            # grow), so the search goes on from there, and 20,000 notes of one id take linear time.
            last: dict[str, int] = {}
            for note in notes:
                base = identifier = note["id"]
                if identifier in seen:
                    count = last.get(base, 1)
                    while identifier in seen or identifier in taken:
                        count += 1
                        identifier = f"{base}-{count}"
                    last[base] = count
                note["id"] = identifier
                seen.add(identifier)
                taken.add(identifier)


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
    from pathcli.store import strictjson

    if not raw.strip():
        _refuse(source, "the file is empty")
    try:
        text = raw.decode("utf-8-sig")  # -sig: a byte order mark some editors write is dropped
    except UnicodeDecodeError as error:
        _refuse(source, f"not UTF-8 text (byte {error.start})")
    try:
        return strictjson.loads(text)
    except strictjson.Invalid as error:
        _refuse(source, str(error))


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
        return f"'version' is {excerpt(repr(document.get('version')))}, expected {FORMAT_VERSION}"
    if not isinstance(document.get("active_path", ""), str):
        return "'active_path' is not text"
    paths = document.get("paths")
    if not isinstance(paths, dict):
        return "'paths' is not an object"
    for path_id, entry in paths.items():
        where = f"paths.{excerpt(path_id)}"
        if not isinstance(entry, dict) or not isinstance(entry.get("steps"), dict):
            return f"{where} has no 'steps' object"
        if "reset_at" in entry and not _is_time(entry["reset_at"]):
            return f"{where}.reset_at is not {_A_TIME}"
        for step_id, record in entry["steps"].items():
            problem = _record_problem(record)
            if problem:
                return f"{where}.steps.{excerpt(step_id)}: {problem}"
        if GOAL in entry and _goal_problem(entry[GOAL]):
            return f"{where}.goal {_goal_problem(entry[GOAL])}"
    return None


def _goal_problem(goal) -> str | None:
    if not isinstance(goal, dict) or not _is_time(goal.get("set_at")):
        return f"needs as 'set_at' {_A_TIME}"
    if goal.get("date") is not None and calendar_date(goal["date"]) is None:
        return "has a 'date' that is neither null nor a date YYYY-MM-DD"
    return None


def _record_problem(record) -> str | None:
    if not isinstance(record, dict):
        return "not an object"
    if record.get("status") not in STATUSES:
        return f"status {excerpt(repr(record.get('status')))} is not one of {', '.join(STATUSES)}"
    for key in CHANGE_KEYS:
        if key in record and not _is_time(record[key]):
            return f"{key} is not {_A_TIME}"
    notes = record.get("notes", [])
    if not isinstance(notes, list):
        return "notes is not a list"
    for index, note in enumerate(notes, 1):
        problem = _note_problem(note)
        if problem:
            return f"note {index} {problem}"
    reviews = record.get(REVIEWS, [])
    if not isinstance(reviews, list):
        return f"{REVIEWS} is not a list"
    for index, review in enumerate(reviews, 1):
        if not isinstance(review, dict) or not isinstance(review.get("id"), str) or not _is_time(review.get("at")):
            return f"review {index} needs an 'id' and as 'at' {_A_TIME}"
        if review.get("rating") not in RATINGS:
            return f"review {index} needs a 'rating' of {', '.join(RATINGS)}"
    return None


def _note_problem(note) -> str | None:
    if not isinstance(note, dict) or not isinstance(note.get("id"), str) or not _is_time(note.get("at")):
        return f"needs an 'id' and as 'at' {_A_TIME}"
    if "deleted_at" in note:
        return None if _is_time(note["deleted_at"]) else f"has a 'deleted_at' that is not {_A_TIME}"
    if not isinstance(note.get("text"), str):
        return "needs its 'text'"
    if "edited_at" in note and not _is_time(note["edited_at"]):
        return f"has an 'edited_at' that is not {_A_TIME}"
    return None


def _is_time(value) -> bool:
    """An ISO 8601 time between the years EARLIEST_YEAR and LATEST_YEAR."""
    try:
        return EARLIEST_YEAR <= datetime.fromisoformat(value).year <= LATEST_YEAR
    except (TypeError, ValueError):
        return False
