"""The domain: learning paths, their steps, and a learner's progress through them.

Plain Python: no Typer, no Rich, no file formats. A path is built from a validated dict (see pathfile);
progress wraps the path's part of the progress document (see storage) and changes it in place.
"""

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import NamedTuple

from pathcli.errors import PathcliError
from pathcli.text import excerpt, normalise_url, unicode_problem

TODO, STARTED, DONE, SKIPPED = "todo", "started", "done", "skipped"
STATUSES = (TODO, STARTED, DONE, SKIPPED)
# The date each status was entered is kept under these keys of a step's record; an undo keeps its
# date too, so that merging progress knows it is newer than a mark made elsewhere.
STATUS_DATE_KEYS = {STARTED: "started_at", DONE: "done_at", SKIPPED: "skipped_at"}
UNDONE_AT = "undone_at"
CHANGE_KEYS = (*STATUS_DATE_KEYS.values(), UNDONE_AT)
# When a path's progress was last cleared (reset, path remove --purge), kept in the path's entry.
RESET_AT = "reset_at"
# The normalised address of the resource a step record's progress was made on (see Progress.follow_resources).
URL = "url"
_FINISHED = (DONE, SKIPPED)
# A path's goal: {"date": "YYYY-MM-DD" or null (cleared), "set_at": time}, beside its steps (see the goal feature).
GOAL = "goal"
# Far beyond any note, and a bound on what `pathcli note 1 - < /dev/zero` reads.
MAX_NOTE_CHARS = 10_000_000
# A note given without a step this soon after `done` goes to the step just finished (see just_finished).
NOTE_AFTER_DONE = timedelta(minutes=10)


def note_id(at: str, text: str) -> str:
    """A note's id, fixed when it is written: derived from its time and first text (not random), so that
    copies of the same note on two machines, or migrated from format 1 on both, have the same id."""
    import zlib

    checksum = zlib.crc32(f"{at}\n{text}".encode("utf-8", "surrogatepass"))
    return f"{checksum:08x}"


def now() -> str:
    """The current local time as ISO 8601 with its UTC offset, to the second."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


# Value objects are NamedTuples: a dataclass costs about a millisecond to define at every start-up.
class Link(NamedTuple):
    title: str
    url: str


class Prerequisite(NamedTuple):
    title: str
    description: str


class Step(NamedTuple):
    number: int
    id: str
    title: str
    type: str
    url: str
    description: str
    section: str
    links: tuple[Link, ...]
    duration: int | None = None  # minutes, when the path file declares it


class LearningPath:
    def __init__(
        self,
        id: str,
        title: str,
        description: str,
        prerequisites: tuple[Prerequisite, ...],
        sections: tuple[str, ...],
        steps: tuple[Step, ...],
        source: str = "",  # where an installed path came from: a URL or a file's absolute path
    ):
        self.id = id
        self.title = title
        self.description = description
        self.prerequisites = prerequisites
        self.sections = sections
        self.steps = steps
        self.source = source
        self._steps_by_id: dict[str, Step] | None = None  # built on the first look-up by id

    @classmethod
    def from_dict(cls, data: dict) -> "LearningPath":
        """Build a path from the validated, normalised dict that pathfile produces."""
        steps = []
        for section in data["sections"]:
            for step in section["steps"]:
                links = tuple(Link(link["title"], link["url"]) for link in step["links"])
                steps.append(
                    Step(
                        len(steps) + 1,
                        step["id"],
                        step["title"],
                        step["type"],
                        step["url"],
                        step["description"],
                        section["title"],
                        links,
                        step.get("duration"),  # absent from paths cached by older pathcli versions
                    )
                )
        return cls(
            data["id"],
            data["title"],
            data["description"],
            tuple(Prerequisite(p["title"], p["description"]) for p in data["prerequisites"]),
            tuple(section["title"] for section in data["sections"]),
            tuple(steps),
            data.get("source", ""),
        )

    def to_dict(self) -> dict:
        """The path as the dict from_dict reads (the path file's shape), every step with its id."""
        sections = {title: [] for title in self.sections}
        for step in self.steps:
            sections[step.section].append(
                {
                    "id": step.id,
                    "title": step.title,
                    "type": step.type,
                    "url": step.url,
                    "description": step.description,
                    "links": [{"title": link.title, "url": link.url} for link in step.links],
                    "duration": step.duration,
                }
            )
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "prerequisites": [{"title": p.title, "description": p.description} for p in self.prerequisites],
            "sections": [{"title": title, "steps": steps} for title, steps in sections.items()],
        }

    def step(self, ref: str) -> Step:
        """The step a user named, by number (1..N across the whole path) or by id."""
        ref = ref.strip()
        count = len(self.steps)
        if not ref:
            raise PathcliError(f"empty step argument: give a step number (1-{count}) or a step id")
        if ref.isascii() and ref.isdigit():
            # Only as many digits as a step number can have are converted: int() of thousands refuses.
            if len(ref.lstrip("0")) <= len(str(count)) and 1 <= int(ref) <= count:
                return self.steps[int(ref) - 1]
            raise PathcliError(f"no step {excerpt(ref)}: this path has steps 1-{count}")
        if self._steps_by_id is None:
            self._steps_by_id = {step.id: step for step in self.steps}
        step = self._steps_by_id.get(ref)
        if step is None:
            raise PathcliError(
                f"no step '{excerpt(ref)}': give a step number (1-{count}) or the id of one of this path's steps"
            )
        return step

    def steps_for(self, refs: Iterable[str]) -> list[Step]:
        """Every step named, all checked before any is returned; each step once, in the order given."""
        chosen = {}
        for ref in refs:
            step = self.step(ref)
            chosen.setdefault(step.id, step)
        return list(chosen.values())


class Tally(NamedTuple):
    """Counts of statuses over some steps. There is one way of counting, everywhere: skipped steps are left
    out, so progress is done out of `counted` (the steps not skipped), and the percentage is of those."""

    title: str
    total: int
    done: int
    started: int
    skipped: int

    @property
    def todo(self) -> int:
        return self.total - self.done - self.started - self.skipped

    @property
    def counted(self) -> int:
        return self.total - self.skipped

    @property
    def percent(self) -> float:
        return round(100 * self.done / self.counted, 1) if self.counted else 100.0

    def line(self) -> str:
        """The one way progress is told: done of the steps counted (skipped ones are not), with the counts
        that are not zero: "1 of 5 done (20%) · 1 started · 1 skipped"."""
        line = f"{self.done} of {self.counted} done ({self.percent:g}%)"
        extras = [f"{count} {name}" for count, name in ((self.started, "started"), (self.skipped, "skipped")) if count]
        return " · ".join([line, *extras])


class Summary(NamedTuple):
    overall: Tally
    sections: tuple[Tally, ...]
    first_activity: str | None
    last_activity: str | None


class Progress:
    """A learner's progress through one path: status, status dates and notes per step id.

    Keyed by step id, never by number, so that an edited path keeps each step's progress; records of
    steps the path no longer has are kept untouched. Reads never add anything to the document.
    """

    def __init__(self, document: dict, path_id: str):
        self._document = document
        self._path_id = path_id
        self._records = document["paths"].get(path_id, {}).get("steps", {})

    def _writable(self) -> dict:
        entry = self._document["paths"].setdefault(self._path_id, {})
        self._records = entry.setdefault("steps", self._records)
        return self._records

    def _written(self, step: Step) -> dict:
        """The step's record, to be changed: created if need be, with the address of the step's resource
        (the key "url", normalised), by which it finds its step again when ids change (see follow_resources)."""
        record = self._writable().setdefault(step.id, {})
        record[URL] = normalise_url(step.url)
        return record

    def follow_resources(self, path: LearningPath) -> bool:
        """Before progress is written: give each record of the path's steps its step's address (records
        written before records had one), and join each record kept under an id the path does not have to
        the step of its address, when that step has no record (a step renamed or re-imported under another
        id). A record that matches nothing is kept aside as it is. True when anything changed."""
        changed = False
        ids = {step.id for step in path.steps}
        by_url: dict[str, Step] = {}
        for step in path.steps:
            by_url.setdefault(normalise_url(step.url), step)
        for record_id in [key for key in self._records if key not in ids]:
            url = self._records[record_id].get(URL)
            step = by_url.get(url) if isinstance(url, str) else None
            if step is not None and step.id not in self._records:
                records = self._writable()
                records[step.id] = records.pop(record_id)
                changed = True
        for step in path.steps:
            record = self._records.get(step.id)
            if record is not None and record.get(URL) != normalise_url(step.url):
                self._written(step)
                changed = True
        return changed

    def record(self, step: Step) -> dict:
        return self._records.get(step.id, {})

    def status(self, step: Step) -> str:
        return self._records.get(step.id, {}).get("status", TODO)

    def notes(self, step: Step) -> list[dict]:
        """The step's notes, oldest first, without deleted ones."""
        return [note for note in self._records.get(step.id, {}).get("notes", []) if "deleted_at" not in note]

    def set_status(self, step: Step, status: str, at: str) -> bool:
        """Move a step to status (todo, done or skipped); False when it already was there."""
        if self.status(step) == status:
            return False
        record = self._written(step)
        record["status"] = status
        if status == TODO:
            for key in CHANGE_KEYS:
                record.pop(key, None)
            record[UNDONE_AT] = at
            return True
        record.pop(UNDONE_AT, None)
        for other, key in STATUS_DATE_KEYS.items():
            if other == status:
                record[key] = at
            elif other != STARTED:  # the start date stays: it is when work on the step began
                record.pop(key, None)
        return True

    def start(self, step: Step, at: str) -> bool:
        """Mark a todo step as started; a step in any other status is left as it is."""
        if self.status(step) != TODO:
            return False
        record = self._written(step)
        record["status"] = STARTED
        record[STATUS_DATE_KEYS[STARTED]] = at
        return True

    def add_note(self, step: Step, text: str, at: str) -> dict:
        _check_note_text(text, "empty note: give the text to save")
        record = self._written(step)
        record.setdefault("status", TODO)
        notes = record.setdefault("notes", [])
        taken = {note["id"] for note in notes}
        base = identifier = note_id(at, text)
        count = 1
        while identifier in taken:  # the same text twice in one second: still two notes
            count += 1
            identifier = f"{base}-{count}"
        note = {"id": identifier, "text": text, "at": at}
        notes.append(note)
        return note

    def add_review(self, step: Step, rating: str, at: str) -> dict:
        """Record a review of a done step (see domain.reviews); a step that is not done is refused."""
        from pathcli.domain.reviews import RATINGS, REVIEWS, review_id

        if rating not in RATINGS:
            raise PathcliError(f"unknown rating '{excerpt(rating)}': choose from {', '.join(RATINGS)}")
        if self.status(step) != DONE:
            raise PathcliError(
                f"step {step.number} is {self.status(step)}, not done: only finished steps are reviewed"
                f" (pathcli done {step.number} first)"
            )
        reviews = self._writable()[step.id].setdefault(REVIEWS, [])
        taken = {review["id"] for review in reviews}
        base = identifier = review_id(step.id, at, rating)
        count = 1
        while identifier in taken:  # two answers in one second: still two reviews
            count += 1
            identifier = f"{base}-{count}"
        review = {"id": identifier, "at": at, "rating": rating}
        reviews.append(review)
        return review

    def note(self, step: Step, number: int) -> dict:
        """A live note by its number as show lists them (1 is the oldest)."""
        live = self.notes(step)
        if not live:
            raise PathcliError(f"step {step.number} has no notes")
        if not 1 <= number <= len(live):
            raise PathcliError(f"no note {number} on step {step.number}: it has notes 1-{len(live)}")
        return live[number - 1]

    def _note_to_change(self, step: Step, number: int) -> dict:
        note = self.note(step, number)
        self._written(step)
        return note

    def edit_note(self, step: Step, number: int, text: str, at: str) -> dict:
        """Replace a note's text; it keeps its id and time, and records when it was edited."""
        _check_note_text(text, "empty note: give the new text, or delete the note")
        note = self._note_to_change(step, number)
        note["text"] = text
        note["edited_at"] = at
        return note

    def delete_note(self, step: Step, number: int, at: str) -> dict:
        """Delete a note, keeping a tombstone (its id and times) so that no older copy brings it back."""
        note = self._note_to_change(step, number)
        gone = dict(note)
        note.pop("text", None)
        note.pop("edited_at", None)
        note["deleted_at"] = at
        return gone

    def goal(self) -> date | None:
        """The date by which the learner means to finish the path; None when none is set (or it was cleared)."""
        goal = self._document["paths"].get(self._path_id, {}).get(GOAL)
        return calendar_date(goal["date"]) if goal and goal.get("date") else None

    def set_goal(self, day: date | None, at: str) -> None:
        """Set the goal date, or clear it (None): a change made at `at`, which merging weighs like a status."""
        self._writable()
        self._document["paths"][self._path_id][GOAL] = {"date": day and day.isoformat(), "set_at": at}

    def is_empty(self) -> bool:
        """True when there is no progress and no note on this path (of its steps or of removed ones)."""
        return not any(
            record.get("status", TODO) != TODO or any("deleted_at" not in note for note in record.get("notes", ()))
            for record in self._records.values()
        )

    def kept_ids(self) -> Iterable[str]:
        """The step ids progress is kept under, the path's and any others."""
        return self._records.keys()

    def follow_renamed(self, renames: Iterable[tuple[str, str]]) -> None:
        """Move the progress kept under a step's earlier id (old, new) to its id now, unless it has some."""
        for old, new in renames:
            if old in self._records and new not in self._records:
                records = self._writable()
                records[new] = records.pop(old)

    def clear(self, at: str) -> bool:
        """Forget all progress and notes on this path (of its steps and of removed ones); False when there was
        none. What a merge needs to keep them forgotten stays: each step back to todo as of `at`, each note a
        tombstone without its text, so that an older copy from another machine brings none of it back."""
        cleared = False
        if self._path_id in self._document["paths"] or self._records:
            # Kept with the path: a merge leaves out whatever is dated before it (see merge), so that a copy
            # from before the reset brings nothing back, even for steps that had no record here.
            self._document["paths"].setdefault(self._path_id, {"steps": self._records})[RESET_AT] = at
        for record in self._records.values():
            if record.get("status", TODO) != TODO:
                for key in CHANGE_KEYS:
                    record.pop(key, None)
                record["status"], record[UNDONE_AT] = TODO, at
                cleared = True
            for note in record.get("notes", ()):
                if "deleted_at" not in note:
                    note.pop("text", None)
                    note.pop("edited_at", None)
                    note["deleted_at"] = at
                    cleared = True
        return cleared

    def step_or_current(self, path: LearningPath, ref: str | None) -> Step:
        """The step the user named, or the current step when they named none."""
        if ref is not None:
            return path.step(ref)
        step = self.current_step(path)
        if step is None:
            raise PathcliError(f"every step is done or skipped: name the step (1-{len(path.steps)})")
        return step

    def just_finished(self, path: LearningPath, at: str) -> Step | None:
        """The step marked done last, if that was within NOTE_AFTER_DONE of at and no step was started since:
        the step a note given without a step is about (`pathcli done`, then `pathcli note "..."`)."""
        latest: tuple[datetime, Step] | None = None
        started = None
        for step in path.steps:
            record = self._records.get(step.id, {})
            if record.get("started_at") and (started is None or moment(record["started_at"]) > started):
                started = moment(record["started_at"])
            if record.get("status") == DONE and record.get("done_at"):
                when = moment(record["done_at"])
                if latest is None or when > latest[0]:
                    latest = (when, step)
        if latest is None or (started is not None and started > latest[0]):
            return None
        return latest[1] if timedelta(0) <= moment(at) - latest[0] <= NOTE_AFTER_DONE else None

    def current_step(self, path: LearningPath) -> Step | None:
        """The step the learner is on, which `next` shows and commands without a step act on: the first
        started step (work already begun comes first), else the first todo step; None when all are finished."""
        first_unfinished = None
        for step in path.steps:
            status = self.status(step)
            if status == STARTED:
                return step
            if first_unfinished is None and status not in _FINISHED:
                first_unfinished = step
        return first_unfinished

    def tally(self, path: LearningPath) -> Tally:
        """The counts over the whole path, which most views show; summary adds sections and activity times."""
        return _tally(path.title, self._counts(path.steps))

    def section_tallies(self, path: LearningPath) -> tuple[Tally, ...]:
        """The counts of each section (sections of the same title are one), in the path's order."""
        by_section: dict[str, list[Step]] = {title: [] for title in path.sections}
        for step in path.steps:
            by_section[step.section].append(step)
        return tuple(_tally(title, self._counts(steps)) for title, steps in by_section.items())

    def summary(self, path: LearningPath) -> Summary:
        sections = self.section_tallies(path)
        moments = sorted(
            (moment(stamp), stamp) for record in self._records.values() for stamp in activity_stamps(record)
        )
        return Summary(
            self.tally(path),
            sections,
            moments[0][1] if moments else None,
            moments[-1][1] if moments else None,
        )

    def _counts(self, steps: Iterable[Step]) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for step in steps:
            counts[self.status(step)] += 1
        return counts

    def matching(self, path: LearningPath, statuses=None, type_=None, section=None) -> list[Step]:
        """The steps that pass every filter given: one of the statuses, type (any case), section (any case, a part)."""
        type_ = type_.casefold() if type_ else None
        section = section.casefold() if section else None
        return [
            step
            for step in path.steps
            if (not statuses or self.status(step) in statuses)
            and (type_ is None or step.type.casefold() == type_)
            and (section is None or section in step.section.casefold())
        ]


def _check_note_text(text: str, if_empty: str) -> None:
    if len(text) > MAX_NOTE_CHARS:
        raise PathcliError(f"the note is not saved: it is longer than {MAX_NOTE_CHARS:,} characters")
    if not text.strip():
        raise PathcliError(if_empty)
    problem = unicode_problem(text)
    if problem:
        raise PathcliError(f"the note is not saved: {problem}")


def window(steps: list[Step], around: Step | None, size: int) -> list[Step]:
    """At most size of steps, chosen to show where the learner is: a few before the step `around`
    (the next one) and the rest after it; the last ones when around is not among them."""
    if len(steps) <= size:
        return steps
    position = next((i for i, step in enumerate(steps) if step is around), len(steps))
    start = max(0, min(position - 3, len(steps) - size))
    return steps[start : start + size]


def _tally(title: str, counts: dict[str, int]) -> Tally:
    return Tally(title, sum(counts.values()), counts[DONE], counts[STARTED], counts[SKIPPED])


def calendar_date(value) -> date | None:
    """A date written YYYY-MM-DD (ASCII digits, a real day), else None."""
    if not (isinstance(value, str) and len(value) == 10 and value.isascii() and value[4] == value[7] == "-"):
        return None
    if not (value[:4] + value[5:7] + value[8:]).isdigit():
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def moment(stamp: str) -> datetime:
    """An ISO 8601 time as an aware datetime, for comparing."""
    parsed = datetime.fromisoformat(stamp)
    return parsed if parsed.tzinfo else parsed.astimezone()  # a hand-written time without offset is local


def activity_stamps(record: dict) -> Iterable[str]:
    """The times of a step record's activity: each status it entered, each live note."""
    for key in CHANGE_KEYS:
        if key in record:
            yield record[key]
    for note in record.get("notes", ()):
        if "deleted_at" not in note:
            yield note["at"]
