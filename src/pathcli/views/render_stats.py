"""How the stats of a path are shown: the activity calendar, streaks, pace, time left and the finish
estimate, for people (Rich, imported only when drawing) and as JSON (numbers unrounded)."""

from datetime import date, timedelta

from pathcli.domain.model import LearningPath
from pathcli.insight.stats import PACE_DAYS, RECENT_DAYS, Stats
from pathcli.text import count, duration, one_line

CALENDAR_WEEKS = 26
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


# Sentences, shared by `stats` and the line under the bars of `progress`


def _number(pace: float) -> str:
    """A pace rounded for people, to one decimal."""
    return "under 0.1" if 0 < pace < 0.05 else f"{pace:.1f}".removesuffix(".0")


def _per_week(pace: float) -> str:
    number = _number(pace)
    return f"{number} step a week" if number == "1" else f"{number} steps a week"


def early_text(stats: Stats) -> str:
    """What was done so far, in the first week: "5 steps in your first day", "in your first 3 days"."""
    days = "first day" if stats.history_days == 1 else f"first {stats.history_days} days"
    return f"{count(stats.done, 'step')} done in your {days}"


def pace_text(stats: Stats) -> str:
    if stats.recent_per_week is None:
        return "none yet: nothing done or noted so far"
    if stats.early:
        return early_text(stats)
    first = stats.first_day.isoformat()
    if (stats.today - stats.first_day).days < RECENT_DAYS:  # the recent weeks are all there is
        return f"{_per_week(stats.recent_per_week)} since you began on {first}"
    return f"{_per_week(stats.recent_per_week)} over the last 4 weeks, {_number(stats.overall_per_week)} since {first}"


def _no_estimate(stats: Stats) -> str:
    """Why there is no finish estimate (when there is none and steps remain)."""
    if stats.recent_per_week is None:
        return "no finish estimate yet: nothing done or noted so far"
    if stats.early:
        return f"no finish estimate until you have {PACE_DAYS} days of history"
    if stats.done < 2:
        return "no finish estimate until two steps are done"
    return f"no finish estimate: no step done in the last {RECENT_DAYS} days"


def finish_text(stats: Stats) -> str:
    if stats.remaining_steps == 0:
        last = f", the last on {stats.finish_estimate.isoformat()}" if stats.finish_estimate else ""
        return f"every step is done or skipped{last}"
    if stats.finish_estimate is None or stats.early:
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
    if stats.early:
        parts = [early_text(stats)]
    else:
        parts = [f"Pace {_per_week(stats.recent_per_week)}"] if stats.recent_per_week is not None else []
    if stats.finish_estimate is None or stats.early:
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


# The calendar


def calendar_weeks(today: date, weeks: int) -> list[list[date]]:
    """The last `weeks` weeks up to the one holding today, Monday first, oldest week first."""
    this_monday = today - timedelta(days=today.weekday())
    first = this_monday - timedelta(weeks=weeks - 1)
    return [[first + timedelta(weeks=week, days=day) for day in range(7)] for week in range(weeks)]


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


def _level(count: int, busiest: int) -> int:
    return 0 if not count else -(-4 * count // busiest)  # 1-4, rounded up


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
            level = _level(stats.days.get(day, 0), busiest)
            text.append(glyphs[level], style=styles[level])
            if column < len(days) - 1:
                text.append(" ")
        text.append("\n")
    text.append(" " * _LABEL_WIDTH + "Less ", style="dim")
    for level, glyph in enumerate(glyphs):
        text.append(glyph + " ", style=styles[level])
    text.append("More", style="dim")
    if busiest:
        text.append(f"  busiest day: {busiest}", style="dim")
    return text


def stats_view(path: LearningPath, stats: Stats, glyphs: str) -> None:
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
    if stats.days:
        current, longest = count(stats.current_streak, "day"), count(stats.longest_streak, "day")
        facts.add_row("Streak", f"{current} now, longest {longest}; active on {count(len(stats.days), 'day')}")
    facts.add_row("Pace", pace_text(stats))
    facts.add_row("Left", left_text(stats))
    facts.add_row("Finish", finish_text(stats))
    out.print(facts)
