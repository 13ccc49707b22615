"""Reviews of finished steps, as data: each review is an event {"id", "at", "rating"} in the optional list
`reviews` of a step record. The schedule is computed from the log (see pathcli.review), never stored, so
that the union of two logs gives both machines the same schedule.

Plain Python on values: no clock (times come in), no files.
"""

import json
from datetime import datetime, timezone

AGAIN, HARD, GOOD, EASY = "again", "hard", "good", "easy"
RATINGS = (AGAIN, HARD, GOOD, EASY)
REVIEWS = "reviews"


def review_id(step_id: str, at: str, rating: str) -> str:
    """A review's id, fixed when it is recorded: derived from the step, the time and the answer (not random),
    as note ids are; Progress.add_review adds a suffix when two reviews would share one."""
    import zlib

    checksum = zlib.crc32(f"{step_id}\n{at}\n{rating}".encode("utf-8", "surrogatepass"))
    return f"r{checksum:08x}"


def united(*logs) -> list[dict]:
    """The union of review logs by id, oldest first (ties by id). Of two versions of one id (a hand edit),
    the larger canonical form is kept, so that the union is commutative, associative and idempotent."""
    by_id: dict[str, dict] = {}
    for log in logs:
        for review in log or ():
            kept = by_id.get(review["id"])
            if kept is None or (kept != review and _canonical(review) > _canonical(kept)):
                by_id[review["id"]] = review
    return sorted(by_id.values(), key=lambda review: (instant(review["at"]), review["id"]))


def counted(record: dict) -> list[dict]:
    """The reviews that count for a done step: those at or after its latest done_at, oldest first; none for a
    step that is not done (undone, reset, skipped), whose log stays in its record as history."""
    done_at = record.get("done_at")
    if record.get("status") != "done" or not done_at:
        return []
    since = instant(done_at)
    return [review for review in united(record.get(REVIEWS)) if instant(review["at"]) >= since]


def instant(stamp: str) -> datetime:
    """An ISO 8601 time as an aware datetime; a hand-written time without offset counts as UTC, so that
    machines in different zones compute the same schedule."""
    parsed = datetime.fromisoformat(stamp)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _canonical(value) -> str:
    return json.dumps(value, sort_keys=True)
