"""The learner's day on screen: steps, the next step, notes, progress, prerequisites, paths and what find
found, as Rich tables and panels, their JSON shapes, and the plain lines of the commands that change things
(those never import Rich, to start fast).

Text from files and users is always printed as text: it goes through defuse (control characters made
visible) and into rich.text.Text, never into markup.
"""

from typing import TYPE_CHECKING

from pathcli.domain.model import (
    DONE,
    SKIPPED,
    STARTED,
    STATUS_DATE_KEYS,
    TODO,
    LearningPath,
    Progress,
    Step,
    Summary,
    Tally,
)
from pathcli.text import defuse, duration, minute, one_line
from pathcli.views.output import console, say

if TYPE_CHECKING:
    from pathcli.insight.stats import Stats

_STATUS_STYLES = {DONE: "green", STARTED: "yellow", SKIPPED: "dim"}
_NOTE_MARK = "✎"
_BROKEN_MARK = "✗"


def step_json(step: Step, progress: Progress, full: bool = False) -> dict:
    data = {
        "number": step.number,
        "id": step.id,
        "title": step.title,
        "type": step.type,
        "url": step.url,
        "section": step.section,
        "status": progress.status(step),
        "description": step.description,
        "links": [{"title": link.title, "url": link.url} for link in step.links],
        "note_count": len(progress.notes(step)),
        "duration_minutes": step.duration,
    }
    if full:
        record = progress.record(step)
        data.update({key: record.get(key) for key in STATUS_DATE_KEYS.values()})
        data["notes"] = [_note_json(note) for note in progress.notes(step)]
    return data


def _note_json(note: dict) -> dict:
    return {"id": note["id"], "text": note["text"], "at": note["at"], "edited_at": note.get("edited_at")}


def _tally_json(tally: Tally) -> dict:
    return {
        "title": tally.title,
        "done": tally.done,
        "total": tally.total,
        "counted": tally.counted,
        "started": tally.started,
        "skipped": tally.skipped,
        "todo": tally.todo,
        "percent": tally.percent,
    }


def progress_json(path: LearningPath, summary: Summary, stats: "Stats", goal: dict | None = None) -> dict:
    return {
        "path": path.id,
        **_tally_json(summary.overall),
        "sections": [_tally_json(section) for section in summary.sections],
        "prerequisites": prerequisites_json(path),
        "first_activity": summary.first_activity,
        "last_activity": summary.last_activity,
        "finish_estimate": stats.finish_estimate and stats.finish_estimate.isoformat(),
        "remaining_minutes": stats.remaining_minutes,
        "goal": goal,
    }


def prerequisites_json(path: LearningPath) -> list[dict]:
    return [{"title": p.title, "description": p.description} for p in path.prerequisites]


def notes_json(path: LearningPath, progress: Progress) -> list[dict]:
    return [
        {
            "number": step.number,
            "id": step.id,
            "title": step.title,
            "notes": [_note_json(note) for note in progress.notes(step)],
        }
        for step in path.steps
        if progress.notes(step)
    ]


# Plain lines for the commands that change things


def step_name(step: Step) -> str:
    return f"{step.number}. {one_line(step.title)}"


def marked(changes: list[tuple[Step, bool]], status: str) -> None:
    for step, changed in changes:
        say(f"{step_name(step)}: {status}" if changed else f"{step_name(step)}: already {status}")


def step_label(step: Step) -> str:
    """3. Transformers for Beginners (Video)"""
    return step_name(step) + (f" ({one_line(step.type)})" if step.type else "")


def what_next(path: LearningPath, current: Step | None, tally: Tally, command: str) -> None:
    """After a step is marked: the step to do now and how to open it, or, at the end, a plain well done."""
    if current is not None:
        say(f"Next: {step_label(current)} · {command} open")
    else:
        say(f"That was the last step of {one_line(path.title)}. Well done: {tally.line()}.")


def where_you_are(path: LearningPath, progress: Progress, command: str, goal_line: str | None = None) -> None:
    """Bare `pathcli`: the path in use, one progress line (and the goal's), the step to do now and its two
    commands."""
    tally = progress.tally(path)
    say(f"{one_line(path.title)} ({path.id})")
    say(tally.line())
    if goal_line:
        say(goal_line)
    current = progress.current_step(path)
    if current is None:
        say("Every step is done or skipped. Other paths: pathcli paths")
        return
    say("")
    say(f"{'Now' if progress.status(current) != TODO else 'Next'}: {step_label(current)}")
    say(f"  Open it:   {command} open")
    say(f"  Finish it: {command} done")


# Rich views


def _status_text(status: str):
    from rich.text import Text

    return Text(status, style=_STATUS_STYLES.get(status, ""))


def steps_table(
    path: LearningPath, progress: Progress, steps: list[Step], matching: int, tally: Tally, broken=frozenset()
) -> None:
    """The steps as a table; matching is how many steps the filters let through, of which steps are shown.
    Steps whose id is in broken get a mark: their link was found broken by pathcli check."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    out = console()
    # Narrow terminals keep the title readable: Section goes first, then Type, and the box gets lighter.
    # A column that would say nothing (one section for every step, no types) is left out at any width.
    wide = out.width >= 60
    with_section = out.width >= 70 and len({step.section for step in steps}) > 1
    with_type = wide and any(step.type for step in steps)
    table = Table(
        title=Text(one_line(path.title), style="bold"),
        box=box.HEAVY_HEAD if wide else box.SIMPLE_HEAD,
        show_edge=wide,
    )
    table.add_column("#", justify="right", no_wrap=True)
    if with_section:
        table.add_column("Section", overflow="fold", ratio=1)
    table.add_column("Title", overflow="fold", ratio=3)
    if with_type:
        table.add_column("Type", overflow="fold")
    table.add_column("Status", no_wrap=True)
    table.add_column(_NOTE_MARK, no_wrap=True)
    for step in steps:
        status = progress.status(step)
        cells = [Text(str(step.number))]
        if with_section:
            cells.append(Text(one_line(step.section)))
        title = Text(one_line(step.title), style="dim" if status == SKIPPED else "")
        if step.id in broken:
            title.append(f" {_BROKEN_MARK} link broken", style="red")
        cells.append(title)
        if with_type:
            cells.append(Text(one_line(step.type)))
        cells += [_status_text(status), Text(_NOTE_MARK if progress.notes(step) else "")]
        table.add_row(*cells)
    out.print(table)
    if len(steps) < matching:
        out.print(Text(f"Steps {steps[0].number}-{steps[-1].number} shown, {len(steps)} of {matching}:", style="dim"))
        out.print(Text("  --all shows them all; --status, --type and --section filter them.", style="dim"))
    elif matching < len(path.steps):
        out.print(Text(f"{matching} of {len(path.steps)} steps shown.", style="dim"))
    out.print(Text(tally.line()))


def _print_details(out, step: Step) -> None:
    """A step's description and links. Lines with a URL are never broken, so that terminals can open it."""
    from rich.text import Text

    if step.description:
        out.print(Text(defuse(step.description)))
        out.print()
    out.print(Text.assemble(("Link: ", "bold"), (defuse(step.url), "cyan")), soft_wrap=True)
    for link in step.links:
        out.print(
            Text.assemble(("  also: ", "dim"), one_line(link.title), " ", (defuse(link.url), "cyan")), soft_wrap=True
        )


def _heading(step: Step, path: LearningPath):
    from rich.text import Text

    about = [one_line(step.type)] if step.type else []
    if step.duration is not None:
        about.append(f"about {duration(step.duration)}")
    kind = f" ({', '.join(about)})" if about else ""
    return Text.assemble(
        (f"Step {step.number} of {len(path.steps)}", "bold"),
        f" · {one_line(step.section)}\n",
        (one_line(step.title), "bold magenta"),
        kind,
    )


def next_step(
    path: LearningPath, progress: Progress, step: Step | None, command: str, broken: dict | None = None
) -> None:
    """The step to do now, with the commands that act on it; before the first step, what to know first;
    broken is what pathcli check last found for its link, when it found it broken."""
    from rich.text import Text

    out = console()
    if step is None:
        out.print(
            Text.assemble(("All done! ", "bold green"), f"Every step of {one_line(path.title)} is done or skipped.")
        )
        out.print(Text(progress.tally(path).line()))
        return
    if step.number == 1 and progress.status(step) == TODO and path.prerequisites:
        out.print(Text("Before you start, it helps to know:", style="bold"))
        _print_prerequisites(out, path, briefly=True)
        out.print(Text(f"(what each means: {command} prerequisites)", style="dim"))
        out.print()
    out.print(_heading(step, path))
    out.print()
    _print_details(out, step)
    if broken:
        _print_alternatives(out, step, broken)
    out.print()
    out.print(Text.assemble(("Open it:   ", "dim"), f"{command} open"))
    out.print(Text.assemble(("Finish it: ", "dim"), f"{command} done"))


def _print_alternatives(out, step: Step, broken: dict) -> None:
    """Where else to look when a step's link was found broken: its other links and the Web Archive's copies
    (an address only: nothing is asked of the archive)."""
    from rich.text import Text

    out.print()
    checked = minute(broken.get("checked_at", ""))
    others = "its other links above, or " if step.links else ""
    archive = f"https://web.archive.org/web/*/{step.url}"
    out.print(
        Text.assemble(
            (f"{_BROKEN_MARK} This link was found broken", "bold red"),
            f" when checked {checked} ({one_line(broken.get('reason') or 'no answer')}).",
            f" Try {others}the Web Archive: ",
            (defuse(archive), "cyan"),
        ),
        soft_wrap=True,
    )


def step_detail(path: LearningPath, progress: Progress, step: Step) -> None:
    from rich.text import Text

    out = console()
    out.print(_heading(step, path))
    out.print()
    _print_details(out, step)
    record = progress.record(step)
    status = progress.status(step)
    # "done 2026-11-25 09:00 (started 2026-11-24 16:41)": the current status's date first.
    dates = {name: minute(record[key]) for name, key in STATUS_DATE_KEYS.items() if key in record}
    since = f" {dates.pop(status)}" if status in dates else ""
    earlier = f" ({', '.join(f'{name} {date}' for name, date in dates.items())})" if dates else ""
    out.print()
    out.print(Text.assemble(("Status: ", "bold"), _status_text(status), since + earlier))
    notes = progress.notes(step)
    if notes:
        out.print(Text("Notes:", style="bold"))
        _print_notes(out, notes)


def _print_notes(out, notes: list[dict]) -> None:
    from rich.table import Table
    from rich.text import Text

    # The number (to --edit or --delete it) and date beside each note, the note's lines under one another;
    # on a narrow terminal the date goes above the note.
    narrow = out.width < 60
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, justify="right")
    if not narrow:
        grid.add_column(no_wrap=True, style="dim")
    grid.add_column()
    for number, note in enumerate(notes, 1):
        edited = f" (edited {minute(note['edited_at'])})" if "edited_at" in note else ""
        when = minute(note["at"]) + edited
        text = Text(defuse(note["text"]))
        if narrow:
            grid.add_row(f"  {number}.", Text.assemble((when, "dim"), "\n", text))
        else:
            grid.add_row(f"  {number}.", when, text)
    out.print(grid)


def all_notes(path: LearningPath, progress: Progress, command: str) -> None:
    from rich.text import Text

    out = console()
    steps = [step for step in path.steps if progress.notes(step)]
    if not steps:
        out.print(Text(f"No notes yet. Add one with: {command} note N TEXT"))
        return
    for step in steps:
        out.print(Text(step_name(step), style="bold"))
        _print_notes(out, progress.notes(step))


def progress_view(summary: Summary, pace_line: str, goal_line: str | None = None) -> None:
    """Bars overall and per section, each "done/counted percent", then the counts that are not zero."""
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    out = console()
    bar_width = max(10, min(30, out.width - 40))
    table = Table.grid(padding=(0, 1))
    table.add_column(ratio=1)
    table.add_column(no_wrap=True)
    table.add_column(no_wrap=True, justify="right")
    for tally, style in [(summary.overall, "bold"), *((section, "") for section in summary.sections)]:
        bar = ProgressBar(total=max(tally.counted, 1), completed=tally.done if tally.counted else 1, width=bar_width)
        table.add_row(
            Text(one_line(tally.title), style=style), bar, Text(f"{tally.done}/{tally.counted} {tally.percent:g}%")
        )
    out.print(table)
    out.print(Text(summary.overall.line()))
    if summary.first_activity:
        first, last = minute(summary.first_activity), minute(summary.last_activity)
        out.print(Text(f"First activity {first}, last activity {last}"))
    out.print(Text(pace_line))
    if goal_line:
        out.print(Text(goal_line))


def _print_prerequisites(out, path: LearningPath, briefly: bool = False) -> None:
    from rich.table import Table
    from rich.text import Text

    items = Table.grid(padding=(0, 1))  # a hanging indent under each bullet
    items.add_column(no_wrap=True)
    items.add_column()
    for prerequisite in path.prerequisites:
        explanation = f": {defuse(prerequisite.description)}" if prerequisite.description and not briefly else ""
        items.add_row("•", Text.assemble((one_line(prerequisite.title), "bold"), explanation))
    out.print(items)


def prerequisites_view(path: LearningPath) -> None:
    from rich.text import Text

    out = console()
    if not path.prerequisites:
        out.print(Text(f"{one_line(path.title)} lists no prerequisites."))
        return
    out.print(Text(f"Before {one_line(path.title)}, it helps to know:", style="bold"))
    _print_prerequisites(out, path)


def paths_table(rows) -> None:
    """Every path with its progress. Ids are never broken (they are what you type); on a narrow terminal
    each path takes two lines, the title under its id, instead of a table."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    out = console()
    wide = out.width >= 60
    if wide:
        table = Table(box=box.HEAVY_HEAD)
        table.add_column("", no_wrap=True)
        table.add_column("Id", no_wrap=True)
        table.add_column("Title", ratio=1)
        table.add_column("Steps", justify="right", no_wrap=True)
        table.add_column("Done", no_wrap=True, justify="right")
    else:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        table.add_column(no_wrap=True, justify="right")
    for row in rows:
        mark = Text("*" if row.active else " ")
        title = one_line(row.path.title) if row.path else ""
        if row.entry.bundled:
            title += " (bundled)"
        if row.path is None:
            about, done, steps = Text(one_line(row.problem or ""), style="red"), "", ""
        else:
            about = Text(title)
            done, steps = f"{row.tally.done}/{row.tally.counted} {row.tally.percent:g}%", str(row.tally.total)
        if wide:
            table.add_row(mark, Text(row.entry.id), about, steps, done)
        else:
            table.add_row(mark, Text.assemble((row.entry.id, "bold"), "\n", about), done)
    out.print(table)
    out.print(Text("* the path in use; change it with: pathcli use ID", style="dim"))


def found_json(found) -> list[dict]:
    return [
        {
            "path": hit.path.id,
            "number": hit.step.number,
            "id": hit.step.id,
            "title": hit.step.title,
            "matched": list(hit.fields),
        }
        for hit in found
    ]


def found_view(found, query: str) -> None:
    """Matches path by path: the path's id, then each step's number and title with where it matched."""
    from rich.table import Table
    from rich.text import Text

    out = console()
    if not found:
        out.print(Text(f"No step of any path mentions {one_line(query)!r}."))
        return
    path_id = None
    for hit in found:
        if hit.path.id != path_id:
            path_id = hit.path.id
            out.print(Text.assemble((path_id, "bold"), f" · {one_line(hit.path.title)}"))
        row = Table.grid(padding=(0, 1))  # a hanging indent under the number
        row.add_column(no_wrap=True, justify="right")
        row.add_column()
        row.add_row(
            f"  {hit.step.number}.", Text.assemble(one_line(hit.step.title), (f" · {', '.join(hit.fields)}", "dim"))
        )
        out.print(row)


def paths_json(rows) -> list[dict]:
    return [
        {
            "id": row.entry.id,
            "title": row.path.title if row.path else None,
            "bundled": row.entry.bundled,
            "active": row.active,
            "file": str(row.entry.file),
            "steps": row.tally.total if row.tally else None,
            "done": row.tally.done if row.tally else None,
            "counted": row.tally.counted if row.tally else None,
            "skipped": row.tally.skipped if row.tally else None,
            "percent": row.tally.percent if row.tally else None,
            "problem": row.problem,
        }
        for row in rows
    ]
