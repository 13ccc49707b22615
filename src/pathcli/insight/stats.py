"""How a learner is doing on a path: activity per day, streaks, pace, what is left and when it may be done.

Plain Python: no Rich, no files, no clock. Today's date and the local time zone are parameters, so that
tests pin them. The definitions (also in docs/guide.md, "How am I doing?"):

- an activity is a step entering a status (its started_at, done_at, skipped_at or undone_at) or a live
  note (its `at`); each counts once, on its local calendar day;
- the current streak is the run of consecutive days with activity ending today, or ending yesterday when
  today has none yet; the longest streak is the longest such run ever;
- recent pace is the done steps whose done_at falls in the last 28 days, per week, where the weeks are
  min(days since the first activity, 28) / 7 and days since the first activity is today minus that
  activity's local date, at least 1; overall pace is all done steps per (days since the first activity / 7);
- remaining steps are those neither done nor skipped; the finish estimate is today plus remaining steps
  divided by the recent pace, rounded up to a whole day; None when fewer than two steps are done or the
  recent pace is zero; when nothing remains, the date of the last step finished (done or skipped).
"""

from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple

from pathcli.domain.model import DONE, SKIPPED, STATUS_DATE_KEYS, LearningPath, Progress, activity_stamps

RECENT_DAYS = 28
_ONE_DAY = timedelta(days=1)
_FINISH_KEYS = (STATUS_DATE_KEYS[DONE], STATUS_DATE_KEYS[SKIPPED])


class Stats(NamedTuple):
    today: date
    days: dict[date, int]  # activities per local day, every day with any, oldest first
    current_streak: int
    longest_streak: int
    done: int
    recent_per_week: float | None  # None before any activity
    overall_per_week: float | None
    remaining_steps: int
    remaining_minutes: int | None  # of the remaining steps that declare a duration; None when none does
    steps_without_duration: int  # remaining steps that declare no duration
    finish_estimate: date | None

    @property
    def first_day(self) -> date | None:
        return next(iter(self.days), None)


def local_date(stamp: str, zone: tzinfo | None) -> date:
    """The calendar day of an ISO 8601 time in zone (None: the system's local zone, daylight saving
    included). A time written without an offset is already local: its own date."""
    moment = datetime.fromisoformat(stamp)
    return (moment.astimezone(zone) if moment.tzinfo else moment).date()


def streaks(days: Iterable[date], today: date) -> tuple[int, int]:
    """(current, longest) runs of consecutive days in days; the current one ends today, or yesterday
    when today is not among days (the day is not over yet)."""
    active = set(days)
    longest = run = 0
    previous = None
    for day in sorted(active):
        run = run + 1 if previous is not None and day - previous == _ONE_DAY else 1
        longest = max(longest, run)
        previous = day
    day = today if today in active else today - _ONE_DAY
    current = 0
    while day in active:
        current += 1
        day -= _ONE_DAY
    return current, longest


def measure(path: LearningPath, progress: Progress, today: date, zone: tzinfo | None) -> Stats:
    """The stats of progress through path, as of today in zone (None: the system's local zone)."""
    stamps: list[str] = []
    done_stamps: list[str] = []
    finish_stamps: list[str] = []
    remaining = without_duration = 0
    minutes: int | None = None
    for step in path.steps:
        record = progress.record(step)
        stamps += activity_stamps(record)
        status = progress.status(step)
        if status == DONE or status == SKIPPED:
            finish_stamps += [record[key] for key in _FINISH_KEYS if key in record]
            if status == DONE:
                done_stamps.append(record.get(STATUS_DATE_KEYS[DONE]))
        elif step.duration is None:
            remaining += 1
            without_duration += 1
        else:
            remaining += 1
            minutes = (minutes or 0) + step.duration

    days = dict(sorted(Counter(local_date(stamp, zone) for stamp in stamps).items()))
    current, longest = streaks(days, today)
    done = len(done_stamps)
    recent_start = today - timedelta(days=RECENT_DAYS - 1)
    recent_done = sum(1 for stamp in done_stamps if stamp and recent_start <= local_date(stamp, zone) <= today)
    recent = overall = None
    finish = None
    if days:
        since_first = max(1, (today - next(iter(days))).days)
        window = min(since_first, RECENT_DAYS)
        recent = recent_done * 7 / window
        overall = done * 7 / since_first
        if remaining and done >= 2 and recent_done:
            finish = today + timedelta(days=-(-remaining * window // recent_done))  # rounded up
    if not remaining and finish_stamps:
        finish = max(local_date(stamp, zone) for stamp in finish_stamps)
    return Stats(
        today,
        days,
        current,
        longest,
        done,
        recent,
        overall,
        remaining,
        minutes if minutes is not None or remaining else 0,
        without_duration,
        finish,
    )
