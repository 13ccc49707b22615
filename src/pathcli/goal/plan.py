"""The goal's definitions, in plain Python with today passed in (docs/goal.md states them; tests check them):

- days_left = goal - today, in days;
- remaining_steps, remaining_minutes and recent_per_week are those of `stats --json` (insight.stats.measure),
  given by the caller;
- needed_per_week = remaining_steps * 7 / days_left when days_left >= 1; 0 when no step remains; None
  when the date has passed (days_left <= 0) and steps remain;
- status: "done" when no step remains; else "passed" when days_left <= 0; else "on track" when
  recent_per_week >= needed_per_week (no pace yet counts as below it); else "behind";
- the calendar puts the k-th of n remaining steps (k = 1..n) on today + ceil(k * days_left / n) days.
"""

import re
from datetime import date, timedelta
from typing import NamedTuple

from pathcli.domain.model import calendar_date
from pathcli.errors import PathcliError
from pathcli.text import excerpt

DONE, PASSED, ON_TRACK, BEHIND = "done", "passed", "on track", "behind"
_FROM_TODAY = re.compile(r"([0-9]{1,6})([wd])", re.IGNORECASE)  # 8w, 30d
_EXAMPLES = "like 2027-03-01, 8w (weeks from today) or 30d (days)"


class Plan(NamedTuple):
    goal: date
    today: date
    days_left: int
    remaining_steps: int
    remaining_minutes: int | None
    needed_per_week: float | None
    recent_per_week: float | None
    status: str


def plan(
    goal: date, today: date, remaining_steps: int, remaining_minutes: int | None, recent_per_week: float | None
) -> Plan:
    """Where the learner stands against the goal, as of today."""
    days_left = (goal - today).days
    if not remaining_steps:
        needed, status = 0, DONE
    elif days_left <= 0:
        needed, status = None, PASSED
    else:
        needed = remaining_steps * 7 / days_left
        status = ON_TRACK if recent_per_week is not None and recent_per_week >= needed else BEHIND
    return Plan(goal, today, days_left, remaining_steps, remaining_minutes, needed, recent_per_week, status)


def read_goal(text: str, today: date) -> date:
    """The goal a learner typed: a date YYYY-MM-DD, or a number of weeks (8w) or days (30d) from today. It
    must be after today."""
    given = text.strip()
    relative = _FROM_TODAY.fullmatch(given)
    if relative:
        number, unit = int(relative[1]), relative[2].lower()
        try:
            goal = today + timedelta(days=number * (7 if unit == "w" else 1))
        except OverflowError:
            raise PathcliError(f"'{excerpt(given)}' is too far away: give a date, {_EXAMPLES}") from None
    else:
        goal = calendar_date(given)
        if goal is None:
            raise PathcliError(f"'{excerpt(given)}' is not a goal date: give one {_EXAMPLES}")
    if goal <= today:
        raise PathcliError(f"{goal.isoformat()} is not after today ({today.isoformat()}): a goal is a date to come")
    return goal


def calendar_days(steps: int, today: date, days_left: int) -> list[date]:
    """The day of each of steps remaining steps, spread from tomorrow to the goal (days_left >= 1): the k-th
    on today + ceil(k * days_left / steps), so that the last falls on the goal."""
    return [today + timedelta(days=-(-k * days_left // steps)) for k in range(1, steps + 1)]
