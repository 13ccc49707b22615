"""What pathcli says about the conflict copies of progress.json that sync services leave (pathcli.store.conflicts):
the line on stderr after any command, the report of `pathcli sync`, and its JSON."""

from pathcli.store.conflicts import MERGED, MERGED_FOLDER, WAITING
from pathcli.text import count, defuse, one_line
from pathcli.views.output import say, warn


def _copy(outcome) -> str:
    return f"{one_line(outcome.name)} ({outcome.service})"


def _merged_summary(report) -> str | None:
    merged = report.merged()
    if not merged:
        return None
    where = f"; the copies are in {MERGED_FOLDER}/" if all(outcome.state == MERGED for outcome in merged) else ""
    copies = count(len(merged), "copy", "copies")
    steps = count(report.steps, "step's progress", "steps' progress")
    goals = f", {count(report.goals, 'goal')}" if report.goals else ""
    return f"Merged {copies} from the sync service: {steps}, {count(report.notes, 'note', 'notes')}{goals}{where}"


def _left_lines(report) -> list[str]:
    """A line for each copy that was not merged and moved, with why."""
    return [
        f"{_copy(outcome)}: {defuse(one_line(outcome.detail or ''))}"
        for outcome in report.outcomes.values()
        if outcome.state not in (MERGED, WAITING)
    ]


def notice(report) -> None:
    """What a command did with the sync service's copies, on stderr; nothing when there were none."""
    summary = _merged_summary(report)
    if summary:
        warn(summary)
    for line in _left_lines(report):
        warn(line)
    waiting = [outcome for outcome in report.outcomes.values() if outcome.state == WAITING]
    if waiting:
        copies = count(len(waiting), "conflict copy", "conflict copies")
        services = ", ".join(sorted({outcome.service for outcome in waiting}))
        verb = "waits" if len(waiting) == 1 else "wait"
        warn(f"{copies} of progress.json from {services} {verb} to be merged by the next change or pathcli sync")


def result(report, folder) -> None:
    """pathcli sync: each copy found and what became of it, then the summary."""
    if not report.outcomes:
        say(f"No conflict copies of progress.json in {one_line(str(folder))}")
        return
    for outcome in report.outcomes.values():
        if outcome.state == MERGED:
            say(f"{_copy(outcome)}: merged, moved to {one_line(outcome.detail)}")
    for line in _left_lines(report):
        say(line)
    say(_merged_summary(report) or "Nothing merged")


def as_json(report, folder) -> dict:
    return {
        "folder": str(folder),
        "merged": len(report.merged()),
        "steps": report.steps,
        "notes": report.notes,
        "goals": report.goals,
        "copies": [
            {
                "name": outcome.name,
                "service": outcome.service,
                "state": outcome.state,
                "moved_to": outcome.detail if outcome.state == MERGED else None,
                "reason": None if outcome.state == MERGED else outcome.detail,
            }
            for outcome in report.outcomes.values()
        ],
    }
