"""How the stats of a path are shown: the activity calendar, streaks, pace, time left and the finish
estimate, for people (Rich, imported only when drawing) and as JSON (numbers unrounded)."""

from datetime import date
from typing import TYPE_CHECKING

from pathcli.domain.model import LearningPath
from pathcli.insight.stats import Stats
from pathcli.insight.wording import (
    CALENDAR_WEEKS,
    calendar_weeks,
    finish_text,
    left_text,
    level,
    pace_text,
    streak_text,
)
from pathcli.text import count, one_line

if TYPE_CHECKING:
    from pathcli.goal.plan import Plan

_LABEL_WIDTH = 4  # "Mon " before the first column
_CELL_WIDTH = 2  # a shade and a space: a terminal cell is about twice as tall as wide
_ROW_LABELS = ("Mon", "", "Wed", "", "Fri", "", "")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# No activity, then four levels, each up to a quarter of the busiest day shown.
UNICODE_SHADES = "·░▒▓█"
ASCII_SHADES = ".-+*#"


def shades(encoding: str | None) -> str:
    """The shade glyphs the output can carry: block shades, or ASCII for an encoding without them."""
    try:
        UNICODE_SHADES.encode(encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return ASCII_SHADES
    return UNICODE_SHADES


def stats_json(path: LearningPath, stats: Stats) -> dict:
    return {
        "path": path.id,
        "today": stats.today.isoformat(),
        "streak": {"current": stats.current_streak, "longest": stats.longest_streak},
        "active_days": len(stats.days),
        "pace": {"recent_per_week": stats.recent_per_week, "overall_per_week": stats.overall_per_week},
        "remaining_steps": stats.remaining_steps,
        "remaining_minutes": stats.remaining_minutes,
        "steps_without_duration": stats.steps_without_duration,
        "finish_estimate": _iso(stats.finish_estimate),
        "calendar": [{"date": day.isoformat(), "count": count} for day, count in stats.days.items()],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def goal_json(planned: "Plan | None") -> dict | None:
    """The goal as `progress --json` shows it (`goal --json` adds the path): numbers unrounded."""
    if planned is None:
        return None
    return {
        "goal": planned.goal.isoformat(),
        "today": planned.today.isoformat(),
        "days_left": planned.days_left,
        "remaining_steps": planned.remaining_steps,
        "remaining_minutes": planned.remaining_minutes,
        "needed_per_week": planned.needed_per_week,
        "recent_per_week": planned.recent_per_week,
        "status": planned.status,
    }


def _goal_number(pace: float | None) -> str:
    """A pace against a goal, to one decimal (4.0, as the pace needed is written)."""
    if pace is None:
        return "none"
    return "under 0.1" if 0 < pace < 0.05 else f"{pace:.1f}"


def goal_text(planned: "Plan") -> str:
    """The goal, when it is, and whether the pace is enough: "2027-03-01, in 88 days: 3.2 steps a week
    needed, 4.0 lately: on track"."""
    from pathcli.goal.plan import DONE, ON_TRACK, PASSED

    goal, days = planned.goal.isoformat(), planned.days_left
    if planned.status == DONE:
        return f"{goal}: done, no step left"
    when = f"in {count(days, 'day')}" if days > 0 else "today" if days == 0 else f"{count(-days, 'day')} ago"
    if planned.status == PASSED:
        return f"{goal}, {when}: passed with {count(planned.remaining_steps, 'step')} left"
    needed, lately = _goal_number(planned.needed_per_week), _goal_number(planned.recent_per_week)
    if planned.status == ON_TRACK:
        return f"{goal}, {when}: {needed} steps a week needed, {lately} lately: on track"
    return f"{goal}, {when}: behind: {needed} a week needed, {lately} lately"


def goal_line(planned: "Plan | None") -> str | None:
    """One line for `progress` and bare `pathcli`; None without a goal."""
    return None if planned is None else f"Goal {goal_text(planned)}"


# The calendar


def _month_labels(weeks: list[list[date]]) -> str:
    """Each month's name above the first week that starts in it, where there is room."""
    line = [" "] * (_LABEL_WIDTH + _CELL_WIDTH * len(weeks))
    starts = [i for i, week in enumerate(weeks) if i == 0 or week[0].month != weeks[i - 1][0].month]
    taken_from = len(line) + 1  # a label may end at the line's end; others keep a space before the next
    for index in reversed(starts):  # from the newest, so that the oldest label gives way when crowded
        at = _LABEL_WIDTH + _CELL_WIDTH * index
        name = _MONTHS[weeks[index][0].month - 1]
        if at + len(name) < taken_from:
            line[at : at + len(name)] = name
            taken_from = at
    return "".join(line).rstrip()


def weeks_that_fit(width: int) -> int:
    """How many of the last 26 weeks fit in width columns: fewer weeks rather than wrapped lines."""
    return max(1, min(CALENDAR_WEEKS, (width - _LABEL_WIDTH + 1) // _CELL_WIDTH))


def calendar(stats: Stats, shown: int, glyphs: str):
    """The activity calendar of the last `shown` weeks as Rich Text: a row per weekday, a column per week."""
    from rich.text import Text

    weeks = calendar_weeks(stats.today, shown)
    busiest = max((stats.days.get(day, 0) for week in weeks for day in week), default=0)
    styles = ("dim", "green", "green", "green", "bold green")
    text = Text(_month_labels(weeks) + "\n", style="dim")
    for weekday, label in enumerate(_ROW_LABELS):
        text.append(f"{label:<{_LABEL_WIDTH}}", style="dim")
        days = [week[weekday] for week in weeks if week[weekday] <= stats.today]  # none after today
        for column, day in enumerate(days):
            shade = level(stats.days.get(day, 0), busiest)
            text.append(glyphs[shade], style=styles[shade])
            if column < len(days) - 1:
                text.append(" ")
        text.append("\n")
    text.append(" " * _LABEL_WIDTH + "Less ", style="dim")
    for shade, glyph in enumerate(glyphs):
        text.append(glyph + " ", style=styles[shade])
    text.append("More", style="dim")
    if busiest:
        text.append(f"  busiest day: {busiest}", style="dim")
    return text


def stats_view(path: LearningPath, stats: Stats, glyphs: str, planned: "Plan | None" = None) -> None:
    from rich.table import Table
    from rich.text import Text

    from pathcli.views.output import console

    out = console()
    shown = weeks_that_fit(out.width)
    out.print(Text(f"{one_line(path.title)}: activity in the last {shown} weeks", style="bold"))
    out.print(calendar(stats, shown, glyphs), overflow="crop", no_wrap=True)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold", no_wrap=True)
    facts.add_column()
    streak = streak_text(stats)
    if streak:
        facts.add_row("Streak", streak)
    facts.add_row("Pace", pace_text(stats))
    facts.add_row("Left", left_text(stats))
    facts.add_row("Finish", finish_text(stats))
    if planned is not None:
        facts.add_row("Goal", goal_text(planned))
    out.print(facts)
