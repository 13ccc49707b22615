"""How the stats of a path are worded for people: pace, time left, the finish estimate, the streak, the
line under the bars of `progress`, and the weeks of the activity calendar. Plain strings and dates, shared
by the terminal (views.render_stats) and the HTML page (pathcli.page), so that both say the same."""

from datetime import date, timedelta

from pathcli.insight.stats import RECENT_DAYS, Stats
from pathcli.text import count, duration

CALENDAR_WEEKS = 26


def _number(pace: float) -> str:
    """A pace rounded for people, to one decimal."""
    return "under 0.1" if 0 < pace < 0.05 else f"{pace:.1f}".removesuffix(".0")


def _per_week(pace: float) -> str:
    number = _number(pace)
    return f"{number} step a week" if number == "1" else f"{number} steps a week"


def streak_text(stats: Stats) -> str | None:
    """The streaks and active days; None before any activity."""
    if not stats.days:
        return None
    current, longest = count(stats.current_streak, "day"), count(stats.longest_streak, "day")
    return f"{current} now, longest {longest}; active on {count(len(stats.days), 'day')}"


def pace_text(stats: Stats) -> str:
    if stats.recent_per_week is None:
        return "none yet: nothing done or noted so far"
    first = stats.first_day.isoformat()
    if (stats.today - stats.first_day).days < RECENT_DAYS:  # the recent weeks are all there is
        return f"{_per_week(stats.recent_per_week)} since you began on {first}"
    return f"{_per_week(stats.recent_per_week)} over the last 4 weeks, {_number(stats.overall_per_week)} since {first}"


def _no_estimate(stats: Stats) -> str:
    """Why there is no finish estimate (when there is none and steps remain)."""
    if stats.recent_per_week is None:
        return "no finish estimate yet: nothing done or noted so far"
    if stats.done < 2:
        return "no finish estimate until two steps are done"
    return f"no finish estimate: no step done in the last {RECENT_DAYS} days"


def finish_text(stats: Stats) -> str:
    if stats.remaining_steps == 0:
        last = f", the last on {stats.finish_estimate.isoformat()}" if stats.finish_estimate else ""
        return f"every step is done or skipped{last}"
    if stats.finish_estimate is None:
        return _no_estimate(stats)
    days = (stats.finish_estimate - stats.today).days
    return f"around {stats.finish_estimate.isoformat()} (in {count(days, 'day')})"


def left_text(stats: Stats) -> str:
    text = count(stats.remaining_steps, "step")
    if stats.remaining_minutes is not None and stats.remaining_steps:
        text += f", about {duration(stats.remaining_minutes)}"
        if stats.steps_without_duration:
            text += f" and {count(stats.steps_without_duration, 'step')} with no duration given"
    elif stats.remaining_steps:
        text += ", none with a duration given"
    return text


def progress_line(stats: Stats) -> str:
    """One line for `progress`: the pace, the finish estimate or why there is none, and the time left."""
    if stats.remaining_steps == 0:
        return f"Finish: {finish_text(stats)}"
    parts = [f"Pace {_per_week(stats.recent_per_week)}"] if stats.recent_per_week is not None else []
    if stats.finish_estimate is None:
        parts.append(_no_estimate(stats))
    else:
        parts.append(f"finish around {stats.finish_estimate.isoformat()}")
    if stats.remaining_minutes:
        untimed = stats.steps_without_duration
        parts.append(
            f"{duration(stats.remaining_minutes)} left" + (f" + {count(untimed, 'step')} untimed" if untimed else "")
        )
    line = "; ".join(parts)
    return line[0].upper() + line[1:]


def calendar_weeks(today: date, weeks: int) -> list[list[date]]:
    """The last `weeks` weeks up to the one holding today, Monday first, oldest week first."""
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=weeks - 1)
    return [[first + timedelta(weeks=week, days=day) for day in range(7)] for week in range(weeks)]


def calendar_days(stats: Stats, weeks: int = CALENDAR_WEEKS) -> list[list[tuple[date, int, int]]]:
    """The calendar of the last `weeks` weeks: each day as (date, activities, shade), Monday first."""
    days = calendar_weeks(stats.today, weeks)
    busiest = max((stats.days.get(day, 0) for week in days for day in week), default=0)
    return [[(day, stats.days.get(day, 0), level(stats.days.get(day, 0), busiest)) for day in week] for week in days]


def level(count: int, busiest: int) -> int:
    """A day's shade in the calendar: 0 for no activity, then 1-4, each up to a quarter of the busiest day."""
    return 0 if not count else -(-4 * count // busiest)  # rounded up
