"""`pathcli list`: the steps of a path with their status, the current step marked (▶), as a table on a wide
terminal and as a list under section headings on a narrow one; and what to say when no step matches."""

from pathcli.domain.model import SKIPPED, STATUSES, Progress, Tally
from pathcli.domain.path import LearningPath, Step
from pathcli.text import one_line
from pathcli.views.output import console, line
from pathcli.views.render import _NOTE_MARK, _status_text

CURRENT_MARK = "▶"  # an ASCII stand-in (>) where the output's encoding lacks it: see terminal.py
_BROKEN_MARK = "✗"
# Below this width, the table becomes a list: the title gets the room, the section is a heading.
TABLE_WIDTH = 70


def _title(step: Step, status: str, broken):
    from rich.text import Text

    title = Text(one_line(step.title), style="dim" if status == SKIPPED else "")
    if step.id in broken:
        title.append(f" {_BROKEN_MARK} link broken", style="red")
    return title


def steps_table(
    path: LearningPath, progress: Progress, steps: list[Step], matching: int, tally: Tally, broken=frozenset()
) -> None:
    """The steps; matching is how many steps the filters let through, of which steps are shown. Steps whose
    id is in broken get a mark: their link was found broken by pathcli check. The section of every step is
    shown whenever the path has more than one, filtered or not."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    out = console()
    current = progress.current_step(path)
    sectioned = len(path.sections) > 1
    if out.width < TABLE_WIDTH:
        _steps_list(out, path, progress, steps, current, sectioned, broken)
    else:
        with_type = any(step.type for step in steps)
        table = Table(title=Text(one_line(path.title), style="bold"), box=box.HEAVY_HEAD)
        table.add_column("", no_wrap=True)
        table.add_column("#", justify="right", no_wrap=True)
        if sectioned:
            table.add_column("Section", ratio=1)
        table.add_column("Title", ratio=3)
        if with_type:
            table.add_column("Type")
        table.add_column("Status", no_wrap=True)
        table.add_column(_NOTE_MARK, no_wrap=True)
        for step in steps:
            status = progress.status(step)
            cells = [Text(CURRENT_MARK if step == current else ""), Text(str(step.number))]
            if sectioned:
                cells.append(Text(one_line(step.section)))
            cells.append(_title(step, status, broken))
            if with_type:
                cells.append(Text(one_line(step.type)))
            cells += [_status_text(status), Text(_NOTE_MARK if progress.notes(step) else "")]
            table.add_row(*cells)
        out.print(table)
    if len(steps) < matching:
        out.print(line(f"Steps {steps[0].number}-{steps[-1].number} shown, {len(steps)} of {matching}:", "dim"))
        out.print(line("  --all shows them all; --status, --type and --section filter them.", "dim"), soft_wrap=True)
    elif matching < len(path.steps):
        out.print(line(f"{matching} of {len(path.steps)} steps shown.", "dim"), soft_wrap=True)
    if current is not None and current in steps:
        out.print(line(f"{CURRENT_MARK} the step to do now", "dim"), soft_wrap=True)
    out.print(line(tally.line()), soft_wrap=True)


def _steps_list(out, path, progress, steps, current, sectioned, broken) -> None:
    """For narrow terminals: a row per step (mark, number, title, status, note mark) under its section."""
    from rich.table import Table
    from rich.text import Text

    out.print(line(one_line(path.title), "bold"), soft_wrap=True)
    grid = None
    section = None
    for step in steps:
        if grid is None or (sectioned and step.section != section):
            if grid is not None:
                out.print(grid)
            if sectioned:
                section = step.section
                out.print(line(one_line(section), "bold"), soft_wrap=True)
            grid = Table.grid(padding=(0, 1), expand=True)
            grid.add_column(no_wrap=True)
            grid.add_column(no_wrap=True, justify="right")
            grid.add_column(ratio=1)
            grid.add_column(no_wrap=True, min_width=max(map(len, STATUSES)))  # aligned from section to section
            grid.add_column(no_wrap=True)
        status = progress.status(step)
        grid.add_row(
            Text(CURRENT_MARK if step == current else " "),
            Text(f"{step.number}."),
            _title(step, status, broken),
            _status_text(status),
            Text(_NOTE_MARK if progress.notes(step) else " "),
        )
    if grid is not None:
        out.print(grid)


def no_match(filters: str, types: list[str]) -> None:
    """No step passed the filters; when a type was asked for, the types the path has."""
    from pathcli.views.output import say

    say(f"No steps match {filters}")
    if types is not None:
        say(f"Types in this path: {', '.join(types)}" if types else "No step of this path has a type.")
