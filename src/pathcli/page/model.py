"""What the progress page shows, gathered into plain values for the template: no HTML is written here, and
the template escapes every text. Only http(s) addresses become links (`href`); any other address (a file,
`javascript:`) is shown as text. Control characters and bidi overrides are made visible (text.defuse), as
in the terminal."""

from datetime import date
from pathlib import PurePath
from typing import NamedTuple

from pathcli.domain.model import STATUS_DATE_KEYS, LearningPath, Progress, Step, Tally
from pathcli.text import defuse, duration, is_web_address, minute, one_line

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class Standing(NamedTuple):
    """How the learner is doing, from insight (stats and their wording), as of `today`."""

    today: date
    weeks: list[list[tuple[date, int, int]]]  # the calendar: weeks of (day, activities, shade 0-4), oldest first
    streak: str | None  # None before any activity
    pace: str
    left: str
    finish: str


def link(url: str) -> str | None:
    """The address to link to, or None: only http(s) addresses become links."""
    return url if is_web_address(url) else None


def _tally(tally: Tally) -> dict:
    return {"title": one_line(tally.title), "percent": tally.percent, "line": tally.line()}


def _source(path: LearningPath) -> dict:
    """Where the path came from: a web address (a link), a file (only its name: a page to share does not
    tell the folders of the learner's machine), or the paths that come with pathcli."""
    if not path.source:
        return {"text": "a path that comes with pathcli", "url": None}
    if is_web_address(path.source):
        return {"text": one_line(path.source), "url": path.source}
    return {"text": one_line(PurePath(path.source).name), "url": None}


def _step(step: Step, progress: Progress, broken: dict[str, dict], notes: bool) -> dict:
    status = progress.status(step)
    since = progress.record(step).get(STATUS_DATE_KEYS.get(status, ""))
    details = [one_line(step.type)] if step.type else []
    if step.duration is not None:
        details.append(duration(step.duration))
    return {
        "number": step.number,
        "title": one_line(step.title) or "(untitled)",
        "url": link(step.url),
        "address": None if is_web_address(step.url) else one_line(step.url),
        "details": details,
        "status": status,
        "since": minute(since) if since else None,
        "broken": _broken(broken.get(step.url)),
        "links": [
            {
                "title": one_line(other.title) or one_line(other.url),
                "url": link(other.url),
                "broken": _broken(broken.get(other.url)),
            }
            for other in step.links
        ],
        "notes": [_note(note) for note in progress.notes(step)] if notes else [],
    }


def _note(note: dict) -> dict:
    edited = note.get("edited_at")
    return {
        "at": note["at"],
        "when": minute(note["at"]),
        "edited": minute(edited) if edited else None,
        "text": defuse(note["text"].strip()),
    }


def _broken(result: dict | None) -> str | None:
    """What the last `pathcli check` found wrong with a link, or None."""
    if result is None:
        return None
    code = result.get("status_code")
    reason = result.get("reason") or (f"HTTP {code}" if isinstance(code, int) else "")
    when = result.get("checked_at")
    said = f"broken when checked on {minute(when)[:10]}" if isinstance(when, str) else "broken when last checked"
    return f"{said}: {one_line(str(reason))}" if reason else said


def _calendar(standing: Standing) -> dict:
    weeks = standing.weeks
    months = []
    for index, week in enumerate(weeks):
        if index == 0 or week[0][0].month != weeks[index - 1][0][0].month:
            months.append({"column": index, "name": _MONTHS[week[0][0].month - 1]})
    # a month's name needs about three columns: the oldest gives way when two are crowded
    months = [
        month
        for month, after in zip(months, [*months[1:], None], strict=True)
        if after is None or after["column"] - month["column"] >= 3
    ]
    days = [
        {
            "column": column,
            "row": row,
            "date": day.isoformat(),
            "count": activities,
            "level": shade,
            "weekday": _WEEKDAYS[row],
        }
        for column, week in enumerate(weeks)
        for row, (day, activities, shade) in enumerate(week)
        if day <= standing.today
    ]
    return {
        "weeks": len(weeks),
        "months": months,
        "days": days,
        "active_days": sum(1 for day in days if day["count"]),
        "activities": sum(day["count"] for day in days),
        "busiest": max((day["count"] for day in days), default=0),
        "first": days[0]["date"] if days else None,
    }


def gather(
    path: LearningPath,
    progress: Progress,
    standing: Standing,
    broken: dict[str, dict],
    made_at: str,
    notes: bool = True,
) -> dict:
    """Everything the page shows, as plain values: made_at is the ISO time the page is made; broken holds the
    remembered results of the links found broken (links.linkcache.broken); notes=False leaves notes out."""
    summary = progress.summary(path)
    steps = [_step(step, progress, broken, notes) for step in path.steps]
    sections = {}  # by title, as progress counts them: sections of the same title are one
    for index, tally in enumerate(summary.sections, start=1):
        sections[tally.title] = {"anchor": f"section-{index}", **_tally(tally), "steps": []}
    for step, data in zip(path.steps, steps, strict=True):
        sections[step.section]["steps"].append(data)
    return {
        "title": one_line(path.title) or path.id,
        "id": path.id,
        "description": defuse(path.description.strip()),
        "source": _source(path),
        "made": minute(made_at),
        "made_at": made_at,
        "today": standing.today.isoformat(),
        "overall": _tally(summary.overall),
        "sections": list(sections.values()),
        "standing": standing,
        "calendar": _calendar(standing),
        "prerequisites": [
            {"title": one_line(p.title), "description": defuse(p.description.strip())} for p in path.prerequisites
        ],
        "notes": notes,
        "note_count": sum(len(step["notes"]) for step in steps),
        "broken_count": sum(1 for step in steps if step["broken"]),
    }
