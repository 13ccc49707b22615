"""What the progress page shows, gathered into plain values for the template: no HTML is written here, and
the template escapes every text. Only http(s) addresses become links (`href`); any other address (a file,
`javascript:`) is shown as text. Control characters and bidi overrides are made visible (text.defuse), as
in the terminal.

The values are SimpleNamespaces, which the template reads by attribute at the speed of getattr (a dict
costs Jinja a failed getattr per lookup: a third of the time of a page of 1,000 steps and 5,000 notes)."""

import re
from datetime import date
from pathlib import PurePath
from types import SimpleNamespace as View
from typing import NamedTuple

from pathcli.domain.model import STATUS_DATE_KEYS, LearningPath, Progress, Step, Tally
from pathcli.text import defuse, duration, is_web_address, minute, one_line

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
# What text.defuse changes: C0 controls but tab and newline, DEL, C1 controls, bidi overrides and isolates,
# lone surrogates. Most text has none, and a search is much faster than defuse's translation of every character.
_DEFUSED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


class Standing(NamedTuple):
    """How the learner is doing, from insight (stats and their wording), as of `today`."""

    today: date
    weeks: list[list[tuple[date, int, int]]]  # the calendar: weeks of (day, activities, shade 0-4), oldest first
    streak: str | None  # None before any activity
    pace: str
    left: str
    finish: str


def shown(text: str) -> str:
    """text as defuse shows it (the same result, sooner for text that needs nothing)."""
    return defuse(text) if _DEFUSED.search(text) else text


def link(url: str) -> str | None:
    """The address to link to, or None: only http(s) addresses become links."""
    return url if is_web_address(url) else None


def _tally(tally: Tally, anchor: str = "") -> View:
    return View(title=one_line(tally.title), percent=tally.percent, line=tally.line(), anchor=anchor, steps=[])


def _source(path: LearningPath) -> View:
    """Where the path came from: a web address (a link), a file (only its name: a page to share does not
    tell the folders of the learner's machine), or the paths that come with pathcli."""
    if not path.source:
        return View(text="a path that comes with pathcli", url=None)
    if is_web_address(path.source):
        return View(text=one_line(path.source), url=path.source)
    return View(text=one_line(PurePath(path.source).name), url=None)


def _step(step: Step, progress: Progress, broken: dict[str, dict], notes: bool) -> View:
    status = progress.status(step)
    since = progress.record(step).get(STATUS_DATE_KEYS.get(status, ""))
    details = [one_line(step.type)] if step.type else []
    if step.duration is not None:
        details.append(duration(step.duration))
    web = is_web_address(step.url)
    return View(
        number=step.number,
        title=one_line(step.title) or "(untitled)",
        url=step.url if web else None,
        address=None if web else one_line(step.url),
        details=details,
        status=status,
        since=minute(since) if since else None,
        broken=_broken(broken.get(step.url)) if broken else None,
        links=[
            View(
                title=one_line(other.title) or one_line(other.url),
                url=link(other.url),
                broken=_broken(broken.get(other.url)) if broken else None,
            )
            for other in step.links
        ],
        notes=[_note(note) for note in progress.notes(step)] if notes else [],
    )


def _note(note: dict) -> View:
    edited = note.get("edited_at")
    return View(
        at=note["at"],
        when=minute(note["at"]),
        edited=minute(edited) if edited else None,
        text=shown(note["text"].strip()),
    )


def _broken(result: dict | None) -> str | None:
    """What the last `pathcli check` found wrong with a link, or None."""
    if result is None:
        return None
    code = result.get("status_code")
    reason = result.get("reason") or (f"HTTP {code}" if isinstance(code, int) else "")
    when = result.get("checked_at")
    said = f"broken when checked on {minute(when)[:10]}" if isinstance(when, str) else "broken when last checked"
    return f"{said}: {one_line(str(reason))}" if reason else said


def _calendar(standing: Standing) -> View:
    weeks = standing.weeks
    months = []
    for index, week in enumerate(weeks):
        if index == 0 or week[0][0].month != weeks[index - 1][0][0].month:
            months.append(View(column=index, name=_MONTHS[week[0][0].month - 1]))
    # a month's name needs about three columns: the oldest gives way when two are crowded
    months = [
        month
        for month, after in zip(months, [*months[1:], None], strict=True)
        if after is None or after.column - month.column >= 3
    ]
    days = [
        View(column=column, row=row, date=day.isoformat(), count=activities, level=shade, weekday=_WEEKDAYS[row])
        for column, week in enumerate(weeks)
        for row, (day, activities, shade) in enumerate(week)
        if day <= standing.today
    ]
    return View(
        weeks=len(weeks),
        months=months,
        days=days,
        active_days=sum(1 for day in days if day.count),
        activities=sum(day.count for day in days),
        busiest=max((day.count for day in days), default=0),
        first=days[0].date if days else None,
    )


def gather(
    path: LearningPath,
    progress: Progress,
    standing: Standing,
    broken: dict[str, dict],
    made_at: str,
    notes: bool = True,
) -> View:
    """Everything the page shows, as plain values: made_at is the ISO time the page is made; broken holds the
    remembered results of the links found broken (links.linkcache.broken); notes=False leaves notes out."""
    sections = {  # by title, as progress counts them (sections of the same title are one)
        tally.title: _tally(tally, f"section-{index}")
        for index, tally in enumerate(progress.section_tallies(path), start=1)
    }
    for step in path.steps:
        sections[step.section].steps.append(_step(step, progress, broken, notes))
    return View(
        title=one_line(path.title) or path.id,
        id=path.id,
        description=shown(path.description.strip()),
        source=_source(path),
        made=minute(made_at),
        made_at=made_at,
        today=standing.today.isoformat(),
        overall=_tally(progress.tally(path)),
        sections=list(sections.values()),
        standing=standing,
        calendar=_calendar(standing),
        prerequisites=[
            View(title=one_line(p.title), description=shown(p.description.strip())) for p in path.prerequisites
        ],
        notes=notes,
    )
