"""The plan in a calendar: one all-day event per remaining step, in path order, spread evenly from tomorrow
to the goal (plan.calendar_days), as RFC 5545 text made with the icalendar library (imported here only).

Each event's UID is the path's and the step's ids, so that a calendar subscribed to the file updates its
events when the plan moves instead of adding new ones. Text from the path file is made one line
(one_line) for summaries; icalendar escapes what the format needs."""

from datetime import datetime, timedelta, timezone

from pathcli.domain.model import DONE as STEP_DONE
from pathcli.domain.model import SKIPPED, LearningPath, Progress, Step
from pathcli.errors import PathcliError
from pathcli.goal.plan import DONE, PASSED, Plan, calendar_days
from pathcli.text import duration, is_web_address, one_line

PRODUCT = "-//pathcli//goal plan//EN"


def step_uid(path: LearningPath, step: Step) -> str:
    return f"{path.id}.{step.id}@pathcli"


def to_ics(path: LearningPath, progress: Progress, planned: Plan | None, stamp: str) -> str:
    """The calendar of the remaining steps (neither done nor skipped, in path order) up to the goal of planned;
    stamp (now, ISO 8601) is every event's DTSTAMP. Refused without a goal, when it has passed, or when no
    step remains."""
    if planned is None:
        raise PathcliError("no goal is set for this path: set one (pathcli goal 2027-03-01, or 8w), then export")
    if planned.status == DONE:
        raise PathcliError("every step is done or skipped: there is no plan to put in a calendar")
    if planned.status == PASSED:
        raise PathcliError(
            f"the goal {planned.goal.isoformat()} has passed: set a later one (pathcli goal DATE), then export"
        )
    from icalendar import Calendar, Event

    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{one_line(path.title)}: by {planned.goal.isoformat()}")
    remaining = [step for step in path.steps if progress.status(step) not in (STEP_DONE, SKIPPED)]
    days = calendar_days(planned.remaining_steps, planned.today, planned.days_left)  # n as stats counts it
    utc = datetime.fromisoformat(stamp).astimezone(timezone.utc)
    for step, day in zip(remaining, days, strict=True):
        event = Event()
        event.add("uid", step_uid(path, step))
        event.add("dtstamp", utc)
        event.add("dtstart", day)
        event.add("dtend", day + timedelta(days=1))
        event.add("summary", one_line(step.title))
        event.add("description", _description(path, step))
        if is_web_address(step.url):
            event.add("url", step.url)
        event.add("transp", "TRANSPARENT")  # a plan, not a meeting: the day stays free
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _description(path: LearningPath, step: Step) -> str:
    lines = [
        f"Step {step.number} of {one_line(path.title)} ({path.id})",
        f"Section: {one_line(step.section)}",
        f"Duration: {duration(step.duration)}" if step.duration is not None else "Duration: not given",
    ]
    if step.url:
        lines.append(f"Link: {one_line(step.url)}")
    return "\n".join(lines)
