"""Commands on the steps of one path: see them, mark them, open them, take notes."""

import sys
from typing import Annotated

import typer

from pathcli import actions, linkcache, render
from pathcli.cli.app import app
from pathcli.cli.options import Json, OneStep, Steps, Yes
from pathcli.errors import PathcliError
from pathcli.model import DONE, MAX_NOTE_CHARS, SKIPPED, TODO, check_status, window
from pathcli.text import defuse, one_line

# A table of a few thousand rows takes Rich seconds and no one reads it: list shows a window.
LIST_WINDOW = 100


@app.command("list")
def list_steps(
    ctx: typer.Context,
    status: Annotated[
        str | None, typer.Option(help="Only steps in this status: todo, started, done or skipped.")
    ] = None,
    type_: Annotated[str | None, typer.Option("--type", help="Only steps of this type (any case), e.g. video.")] = None,
    section: Annotated[str | None, typer.Option(help="Only sections whose title contains this (any case).")] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help=f"Show every step, not {LIST_WINDOW} around the next.")
    ] = False,
    as_json: Json = False,
) -> None:
    """List the steps of the path with their status (JSON lists every step that matches)."""
    tracked = actions.view(ctx.obj)
    progress = tracked.progress
    steps = progress.matching(tracked.path, status and check_status(status), type_, section)
    if as_json:
        render.print_json([render.step_json(step, progress) for step in steps])
        return
    shown = steps if show_all else window(steps, progress.next_step(tracked.path), LIST_WINDOW)
    broken = linkcache.broken(step.url for step in shown)
    overall = progress.summary(tracked.path).overall
    render.steps_table(
        tracked.path, progress, shown, len(steps), overall, {step.id for step in shown if step.url in broken}
    )


@app.command("next")
def next_step(ctx: typer.Context, as_json: Json = False) -> None:
    """Show the first step that is neither done nor skipped."""
    tracked = actions.view(ctx.obj)
    step = tracked.progress.next_step(tracked.path)
    if as_json:
        render.print_json(step and render.step_json(step, tracked.progress))
    else:
        broken = linkcache.broken([step.url]).get(step.url) if step else None
        render.next_step(tracked.path, step, tracked.progress.summary(tracked.path).overall, broken)


@app.command()
def show(ctx: typer.Context, step: OneStep, as_json: Json = False) -> None:
    """Show one step in full: description, links, status with dates, notes."""
    tracked = actions.view(ctx.obj)
    found = tracked.path.step(step)
    if as_json:
        render.print_json(render.step_json(found, tracked.progress, full=True))
    else:
        render.step_detail(tracked.path, tracked.progress, found)


@app.command()
def done(ctx: typer.Context, steps: Steps) -> None:
    """Mark steps as done."""
    render.marked(actions.mark(ctx.obj, steps, DONE), DONE)


@app.command()
def undo(ctx: typer.Context, steps: Steps) -> None:
    """Put steps back to todo (their notes stay)."""
    render.marked(actions.mark(ctx.obj, steps, TODO), TODO)


@app.command()
def skip(ctx: typer.Context, steps: Steps) -> None:
    """Mark steps as skipped: they no longer count towards the percentage."""
    render.marked(actions.mark(ctx.obj, steps, SKIPPED), SKIPPED)


@app.command("open")
def open_step(ctx: typer.Context, step: OneStep) -> None:
    """Open a step's link in the web browser ($BROWSER is honoured) and mark it as started."""
    found, started = actions.start(ctx.obj, step)
    render.say(defuse(found.url))
    if started:
        render.warn(f"{render.step_name(found)}: started")
    if not actions.launch_browser(found.url):
        render.warn("No web browser could be started: open the link above yourself.")


@app.command()
def note(
    ctx: typer.Context,
    step: OneStep,
    text: Annotated[list[str], typer.Argument(help="The note; - reads it from standard input.", show_default=False)],
) -> None:
    """Add a dated note to a step."""
    words = " ".join(text)
    found = actions.add_note(ctx.obj, step, _read_stdin() if words == "-" else words)
    render.say(f"{render.step_name(found)}: note saved")


def _read_stdin() -> str:
    try:
        return sys.stdin.read(MAX_NOTE_CHARS + 1)  # one more than a note may hold: enough to refuse it
    except UnicodeDecodeError as error:
        raise PathcliError(
            f"the note is not saved: standard input is not {error.encoding} text (byte {error.start + 1})"
        ) from None


@app.command()
def notes(ctx: typer.Context, as_json: Json = False) -> None:
    """List all notes, step by step."""
    tracked = actions.view(ctx.obj)
    if as_json:
        render.print_json(render.notes_json(tracked.path, tracked.progress))
    else:
        render.all_notes(tracked.path, tracked.progress)


@app.command()
def progress(ctx: typer.Context, as_json: Json = False) -> None:
    """Show progress overall and per section, with the prerequisites."""
    tracked = actions.view(ctx.obj)
    summary = tracked.progress.summary(tracked.path)
    measured = actions.stats_today(tracked)
    if as_json:
        render.print_json(render.progress_json(tracked.path, summary, measured))
    else:
        from pathcli.render_stats import progress_line

        render.progress_view(tracked.path, summary, progress_line(measured))


@app.command()
def reset(ctx: typer.Context, yes: Yes = False) -> None:
    """Clear all progress and notes of the path."""
    tracked = actions.view(ctx.obj)
    title = one_line(tracked.path.title)
    if not yes and not tracked.progress.is_empty():  # nothing to clear is said without a question
        typer.confirm(f"Clear all progress and notes of {title}?", abort=True, err=True)
    cleared = actions.reset(ctx.obj)
    render.say(f"{title}: progress cleared" if cleared else f"{title}: no progress to clear")
