"""Commands on the steps of one path: see them, mark them, open them. A command that takes a step acts on
the current step (the one `next` shows) when none is named."""

from typing import Annotated

import typer

from pathcli import actions
from pathcli.cli import completion
from pathcli.cli.application import app
from pathcli.cli.options import Json, OneOf, OneStep, PathHere, Steps, Yes, invocation, step_argument
from pathcli.domain.model import DONE, SKIPPED, STATUSES, TODO, window
from pathcli.text import defuse, one_line
from pathcli.views import output, render

# A table of a few thousand rows takes Rich seconds and no one reads it: list shows a window.
LIST_WINDOW = 100


@app.command("list", epilog="Example: pathcli list --status todo --status started")
def list_steps(
    ctx: typer.Context,
    status: Annotated[
        list[str] | None,
        typer.Option(
            click_type=OneOf(STATUSES, "status"),
            metavar="STATUS",
            help=f"Only steps in this status: {', '.join(STATUSES)} (any case; repeat for several).",
        ),
    ] = None,
    type_: Annotated[
        str | None,
        typer.Option(
            "--type",
            metavar="TYPE",
            autocompletion=completion.step_types,
            help="Only steps of this type (any case), e.g. video.",
        ),
    ] = None,
    section: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Only sections whose title contains this (any case).")
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help=f"Show every step, not {LIST_WINDOW} around the next.")
    ] = False,
    as_json: Json = False,
    path: PathHere = None,
) -> None:
    """List the steps of the path with their status (JSON lists every step that matches)."""
    tracked = actions.view(ctx.obj)
    progress = tracked.progress
    steps = progress.matching(tracked.path, status, type_, section)
    if as_json:
        output.print_json([render.step_json(step, progress) for step in steps])
        return
    if not steps:
        output.say(f"No steps match {_filters_given(status, type_, section)}")
        return
    shown = steps if show_all else window(steps, progress.current_step(tracked.path), LIST_WINDOW)
    from pathcli.links import linkcache

    broken = linkcache.broken(step.url for step in shown)
    overall = progress.tally(tracked.path)
    render.steps_table(
        tracked.path, progress, shown, len(steps), overall, {step.id for step in shown if step.url in broken}
    )


def _filters_given(statuses: list[str] | None, type_: str | None, section: str | None) -> str:
    given = [f"--status {status}" for status in statuses or ()]
    given += [f"--{name} {one_line(value)}" for name, value in (("type", type_), ("section", section)) if value]
    return " ".join(given)


@app.command("next", epilog="Example: pathcli next")
def next_step(ctx: typer.Context, as_json: Json = False, path: PathHere = None) -> None:
    """Show the step to do now: the first one started, else the first one neither done nor skipped."""
    tracked = actions.view(ctx.obj)
    step = tracked.progress.current_step(tracked.path)
    if as_json:
        output.print_json(step and render.step_json(step, tracked.progress))
    else:
        from pathcli.links import linkcache

        broken = linkcache.broken([step.url]).get(step.url) if step else None
        render.next_step(tracked.path, tracked.progress, step, invocation(ctx.obj), broken)
        from pathcli.cli.application import remind_reviews

        remind_reviews(tracked, invocation(ctx.obj))


@app.command(epilog="Example: pathcli show 3")
def show(ctx: typer.Context, step: OneStep = None, as_json: Json = False, path: PathHere = None) -> None:
    """Show one step in full: description, links, status with dates, notes."""
    tracked = actions.view(ctx.obj)
    found = tracked.progress.step_or_current(tracked.path, step)
    if as_json:
        output.print_json(render.step_json(found, tracked.progress, full=True))
    else:
        render.step_detail(tracked.path, tracked.progress, found)


def _mark(ctx: typer.Context, steps: list[str] | None, status: str, note: str | None = None) -> None:
    marked = actions.mark(ctx.obj, steps, status, note)
    render.marked(marked.changes, status)
    for step, _ in marked.changes if note is not None else ():
        output.say(f"{render.step_name(step)}: note saved")
    # The well done at the end is said once, when the last step is finished, not on every repeat.
    finished_now = any(changed for _, changed in marked.changes)
    if status != TODO and (marked.current is not None or finished_now):
        render.what_next(marked.path, marked.current, marked.tally, invocation(ctx.obj))


@app.command(epilog="Example: pathcli done (the current step), pathcli done 2 3")
def done(
    ctx: typer.Context,
    steps: Steps = None,
    note: Annotated[
        str | None, typer.Option("--note", "-m", metavar="TEXT", help="Also save this note on the step.")
    ] = None,
    path: PathHere = None,
) -> None:
    """Mark steps as done, then say what comes next."""
    if note is not None:
        note = note.strip()
        if not note:
            from pathcli.errors import PathcliError

            raise PathcliError("empty --note: give the note's text, or leave out --note")
    _mark(ctx, steps, DONE, note)


@app.command(epilog="Example: pathcli undo 2")
def undo(
    ctx: typer.Context,
    steps: Annotated[list[str], step_argument("STEP...", "Step numbers (as in pathcli list) or step ids.")],
    path: PathHere = None,
) -> None:
    """Put steps back to todo (their notes stay)."""
    _mark(ctx, steps, TODO)


@app.command(epilog="Example: pathcli skip 4")
def skip(ctx: typer.Context, steps: Steps = None, path: PathHere = None) -> None:
    """Mark steps as skipped: they are left out of the counts, then say what comes next."""
    _mark(ctx, steps, SKIPPED)


@app.command("open", epilog="Example: pathcli open (the current step), pathcli open 3")
def open_step(ctx: typer.Context, step: OneStep = None, path: PathHere = None) -> None:
    """Open a step's link in the web browser ($BROWSER is honoured) and mark it as started."""
    found, started = actions.start(ctx.obj, step)
    output.say(defuse(found.url))
    if started:
        output.warn(f"{render.step_name(found)}: started")
    elif step is None:
        output.warn(render.step_name(found))
    if not actions.launch_browser(found.url):
        output.warn("No web browser could be started: open the link above yourself.")


@app.command(epilog="Example: pathcli progress")
def progress(ctx: typer.Context, as_json: Json = False, path: PathHere = None) -> None:
    """Show progress overall and per section."""
    tracked = actions.view(ctx.obj)
    summary = tracked.progress.summary(tracked.path)
    measured = actions.stats_today(tracked)
    from pathcli.insight.wording import progress_line
    from pathcli.views.render_stats import goal_json, goal_line

    planned = actions.goal_today(tracked, measured)
    if as_json:
        output.print_json(render.progress_json(tracked.path, summary, measured, goal_json(planned)))
    else:
        render.progress_view(summary, progress_line(measured), goal_line(planned))


@app.command(epilog="Example: pathcli prerequisites")
def prerequisites(ctx: typer.Context, as_json: Json = False, path: PathHere = None) -> None:
    """Show what the path expects you to know before its first step."""
    tracked = actions.view(ctx.obj)
    if as_json:
        output.print_json(render.prerequisites_json(tracked.path))
    else:
        render.prerequisites_view(tracked.path)


@app.command(epilog="Example: pathcli reset --yes")
def reset(ctx: typer.Context, yes: Yes = False, path: PathHere = None) -> None:
    """Clear all progress and notes of the path."""
    tracked = actions.view(ctx.obj)
    title = one_line(tracked.path.title)
    if not yes and not tracked.progress.is_empty():  # nothing to clear is said without a question
        typer.confirm(f"Clear all progress and notes of {title}?", abort=True, err=True)
    cleared = actions.reset(ctx.obj)
    output.say(f"{title}: progress cleared" if cleared else f"{title}: no progress to clear")
