"""The one merge of two progress documents: `pathcli import` uses it, and so does the merging of a sync
service's conflict copies (see conflicts).

Each part is joined so that the result depends neither on the order in which documents are merged nor on
how often one is merged (commutative, associative, idempotent), and every tie falls the same way on every
machine:

- a step's status with its dates is the one changed most recently (an undo counts); on equal times, the
  larger canonical form (sorted-key JSON) wins;
- a path's goal is the one set most recently (its set_at; a clear counts), ties decided the same way;
- notes are united by id, oldest first (notes written within the same second on two machines are the
  one thing whose order depends on which document is kept); of two versions of one note, a deletion
  (tombstone) beats the text and a later edit beats an earlier one, so that an older document never
  brings back a deleted note or an old wording;
- reviews of finished steps are united by id (see domain.reviews), oldest first: the schedule is computed
  from the log, so both machines compute the same one;
- paths, steps and keys this pathcli does not know are kept; where the documents hold different values
  for one of them, the larger canonical form is kept;
- `active_path` is a preference, not progress: the document merged into keeps its own;
- a path's `reset_at` (when its progress was cleared) is the later of the two, and whatever is dated
  before it is left out of the result: a status last changed before it, a note written before it (every
  version of a note has the note's time, so every document leaves out the same notes). So no copy from
  before a reset brings back a mark or a note, whether or not the step had a record when it was reset.

Plain Python on parsed documents (store.document.parse): no files, no clock.
"""

import json
from datetime import datetime, timezone
from typing import NamedTuple

from pathcli.domain.model import CHANGE_KEYS, GOAL, RESET_AT, TODO
from pathcli.domain.reviews import REVIEWS, united

_STATUS_KEYS = ("status", *CHANGE_KEYS)
_PREFERENCES = ("active_path",)
_EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


class Merged(NamedTuple):
    steps: frozenset  # (path id, step id) of each step record whose content changed
    notes: int  # notes that were not there before
    goals: frozenset = frozenset()  # path ids whose goal changed
    left_out: int = 0  # marks and notes of other dated before a reset of their path (see the module's docstring)


def merge_into(kept: dict, other: dict) -> Merged:
    """Merge the progress of other into kept, in place. Parts of other may end up in kept: pass a document
    that is not used afterwards."""
    _join_unknown(kept, kept, other, ("paths", "version", *_PREFERENCES))
    steps, notes, goals, left_out = set(), 0, set(), 0
    theirs_by_path = other["paths"]
    for path_id in _union(kept["paths"], theirs_by_path):
        ours = kept["paths"].setdefault(path_id, {"steps": {}})
        theirs = theirs_by_path.get(path_id, {"steps": {}})
        _join_unknown(ours, ours, theirs, ("steps", GOAL, RESET_AT))
        if GOAL in ours or GOAL in theirs:
            before = ours.get(GOAL)
            ours[GOAL] = _winner(ours.get(GOAL, theirs.get(GOAL)), theirs.get(GOAL, ours.get(GOAL)), _goal_set_at)
            if ours[GOAL] != before:
                goals.add(path_id)
        # The later reset; of two spellings of one instant (+00:00, +01:00), the larger text, on every machine.
        resets = (entry[RESET_AT] for entry in (ours, theirs) if RESET_AT in entry)
        reset = max(resets, key=lambda stamp: (_instant(stamp), stamp), default=None)
        if reset is not None:
            ours[RESET_AT] = reset
        records = ours["steps"]
        for step_id in _union(records, theirs["steps"]):
            before = records.get(step_id)
            incoming = theirs["steps"].get(step_id)
            merged = _merge_record(before, incoming)
            settled = None if before is None else _merge_record(before, before)
            if reset is not None:
                merged = _after(merged, _instant(reset))
                settled = settled and _after(settled, _instant(reset))
                left_out += _count_before(incoming, _instant(reset))
            if (before is None and merged != {"status": TODO}) or (
                before is not None and merged not in (before, settled)
            ):
                steps.add((path_id, step_id))
            notes += len(_note_ids(merged) - _note_ids(before))
            records[step_id] = merged
    return Merged(frozenset(steps), notes, frozenset(goals), left_out)


def merged(first: dict, second: dict) -> dict:
    """A new document: second merged into a copy of first (first's preferences), neither changed."""
    kept = json.loads(json.dumps(first))
    merge_into(kept, json.loads(json.dumps(second)))
    return kept


def _merge_record(ours: dict | None, theirs: dict | None) -> dict:
    """The two records joined; one alone is joined with itself, which puts it in the same layout."""
    ours = theirs if ours is None else ours
    theirs = ours if theirs is None else theirs
    record = _winner(_status_part(ours), _status_part(theirs), _last_change)
    _join_unknown(record, ours, theirs, (*_STATUS_KEYS, "notes", REVIEWS))
    notes = {note["id"]: note for note in ours.get("notes", ())}
    for note in theirs.get("notes", ()):
        mine = notes.get(note["id"])
        notes[note["id"]] = note if mine is None else _winner(mine, note, _note_rank)
    if notes:
        record["notes"] = _in_order(notes.values())
    if REVIEWS in ours or REVIEWS in theirs:
        record[REVIEWS] = united(ours.get(REVIEWS), theirs.get(REVIEWS))
    return record


def _after(record: dict, reset: datetime) -> dict:
    """record without what is dated before reset: its status (back to todo) and its notes; in the key order
    _merge_record gives (status, unknown keys, notes, reviews), so that merging again writes the same bytes.
    Reviews stay: they are history, and a step done again is scheduled only from its new done_at."""
    status = _status_part(record)
    if _last_change(status) < reset:
        status = {"status": TODO}
    result = dict(status)
    for key, value in record.items():  # the other keys in their order (unknown ones, notes, reviews)
        if key == "notes":
            notes = [note for note in value if _instant(note["at"]) >= reset]
            if notes:
                result["notes"] = notes
        elif key not in _STATUS_KEYS:
            result[key] = value
    return result


def _count_before(record: dict | None, reset: datetime) -> int:
    """The marks and live notes of record dated before reset."""
    if not record:
        return 0
    marked = record.get("status", TODO) != TODO and _last_change(_status_part(record)) < reset
    notes = sum("deleted_at" not in note and _instant(note["at"]) < reset for note in record.get("notes", ()))
    return int(marked) + notes


def _join_unknown(into: dict, ours: dict, theirs: dict, known: tuple) -> None:
    """Keys merge_into has no rule for: kept from either side, the larger canonical form where both differ."""
    for key in _union(ours, theirs):
        if key in known:
            continue
        if key in ours and key in theirs:
            into[key] = _larger(ours[key], theirs[key])
        else:
            into[key] = ours[key] if key in ours else theirs[key]


def _union(ours: dict, theirs: dict) -> list[str]:
    """The keys of both, ours first: two machines merging the same two files write the same bytes."""
    return [*ours, *(key for key in theirs if key not in ours)]


def _in_order(notes) -> list[dict]:
    """Oldest first. Notes of the same second stay in the order they come in (the kept document's first),
    which is the order they were written in on one machine."""
    return sorted(notes, key=lambda note: _instant(note["at"]))


def _status_part(record: dict) -> dict:
    return {key: record[key] for key in _STATUS_KEYS if key in record}


def _winner(ours, theirs, rank):
    """The one of higher rank; on equal ranks, the larger canonical form, so that every machine picks alike."""
    if ours == theirs:
        return ours
    ours_rank, theirs_rank = rank(ours), rank(theirs)
    if ours_rank != theirs_rank:
        return ours if ours_rank > theirs_rank else theirs
    return _larger(ours, theirs)


def _last_change(part: dict) -> datetime:
    return max((_instant(part[key]) for key in CHANGE_KEYS if key in part), default=_EARLIEST)


def _goal_set_at(goal: dict) -> datetime:
    return _instant(goal["set_at"])


def _note_rank(note: dict) -> tuple:
    if "deleted_at" in note:
        return 2, _instant(note["deleted_at"])
    if "edited_at" in note:
        return 1, _instant(note["edited_at"])
    return 0, _instant(note["at"])


def _note_ids(record: dict | None) -> set[str]:
    return {note["id"] for note in record.get("notes", ())} if record else set()


def _larger(ours, theirs):
    return ours if ours == theirs else max(ours, theirs, key=_canonical)


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True)


def _instant(stamp: str) -> datetime:
    """An ISO 8601 time as an aware datetime. A hand-written time without offset counts as UTC here (not as
    local time, as model.moment takes it), so that machines in different zones decide alike."""
    parsed = datetime.fromisoformat(stamp)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
