"""The command line. Each command parses its arguments, calls actions, and hands the result to render."""

import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from pathcli import __version__, actions, render
from pathcli.errors import PathcliError
from pathcli.model import DONE, SKIPPED, TODO, check_status, window
from pathcli.text import defuse, one_line


class _ErrorBoundary(TyperGroup):
    """The one place where a PathcliError becomes its message on stderr and exit code 1."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PathcliError as error:
            render.warn(f"pathcli: {defuse(str(error))}")
            raise typer.Exit(1) from None


def _print_version(value: bool) -> None:
    if value:
        render.say(f"pathcli {__version__}")
        raise typer.Exit()


app = typer.Typer(
    cls=_ErrorBoundary,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
path_app = typer.Typer(cls=_ErrorBoundary, no_args_is_help=True, help="Add, check, import and remove your own paths.")
app.add_typer(path_app, name="path")

# A table of a few thousand rows takes Rich seconds and no one reads it: list shows a window.
LIST_WINDOW = 100

Steps = Annotated[list[str], typer.Argument(help="Step numbers (as in pathcli list) or step ids.", show_default=False)]
OneStep = Annotated[str, typer.Argument(help="A step number (as in pathcli list) or step id.", show_default=False)]
Json = Annotated[bool, typer.Option("--json", help="Print JSON only.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
Force = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]


@app.callback()
def main_options(
    ctx: typer.Context,
    path: Annotated[
        str | None,
        typer.Option("--path", "-p", metavar="ID", help="Work on this path (an id from pathcli paths) for this run."),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Track where you are in a learning path: what comes next, what you finished, what you thought of it."""
    ctx.obj = path


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
    render.steps_table(tracked.path, progress, shown, len(steps), progress.summary(tracked.path).overall)


@app.command("next")
def next_step(ctx: typer.Context, as_json: Json = False) -> None:
    """Show the first step that is neither done nor skipped."""
    tracked = actions.view(ctx.obj)
    step = tracked.progress.next_step(tracked.path)
    if as_json:
        render.print_json(step and render.step_json(step, tracked.progress))
    else:
        render.next_step(tracked.path, step, tracked.progress.summary(tracked.path).overall)


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
    found = actions.add_note(ctx.obj, step, sys.stdin.read() if words == "-" else words)
    render.say(f"{render.step_name(found)}: note saved")


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
    if as_json:
        render.print_json(render.progress_json(tracked.path, summary))
    else:
        render.progress_view(tracked.path, summary)


@app.command()
def reset(ctx: typer.Context, yes: Yes = False) -> None:
    """Clear all progress and notes of the path."""
    title = actions.view(ctx.obj).path.title
    if not yes:
        typer.confirm(f"Clear all progress and notes of {one_line(title)}?", abort=True, err=True)
    cleared = actions.reset(ctx.obj)
    render.say(f"{one_line(title)}: progress cleared" if cleared else f"{one_line(title)}: no progress to clear")


@app.command()
def paths(as_json: Json = False) -> None:
    """List the learning paths there are, with their progress."""
    rows = actions.overview()
    if as_json:
        render.print_json(render.paths_json(rows))
    else:
        render.paths_table(rows)


@app.command()
def use(path_id: Annotated[str, typer.Argument(metavar="ID", help="A path id, as in pathcli paths.")]) -> None:
    """Choose the path that commands work on from now on."""
    path = actions.use(path_id)
    render.say(f"Now using {path.id}: {one_line(path.title)}")


PathFileArgument = Annotated[Path, typer.Argument(metavar="FILE", help="A path file in YAML.", show_default=False)]


@path_app.command("add")
def path_add(file: PathFileArgument) -> None:
    """Check a path file and install it (replacing your path of the same id; progress follows step ids)."""
    render.installed(*actions.add_path(file))


@path_app.command("validate")
def path_validate(file: PathFileArgument) -> None:
    """Check a path file without installing it."""
    data, _ = actions.check_path_file(file)
    render.say(f"{one_line(str(file))}: a valid path '{data['id']}'")


@path_app.command("import")
def path_import(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A learning path in Markdown.", show_default=False)],
    path_id: Annotated[str | None, typer.Option("--id", help="The new path's id (default: from its title).")] = None,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the path as YAML to this file instead of installing it."),
    ] = None,
    force: Force = False,
) -> None:
    """Turn a Markdown learning path (tables or lists of links) into a path and install it."""
    data = actions.convert_markdown(file, path_id)
    if output is not None:
        actions.write_path_yaml(data, output, force)
        render.say(f"Wrote {one_line(str(output))}: edit it, then pathcli path add {one_line(str(output))}")
        return
    path, replaced = actions.install_converted(data)
    render.installed(path, replaced)
    render.say(f"Start it with: pathcli use {path.id}")


@path_app.command("remove")
def path_remove(
    path_id: Annotated[str, typer.Argument(metavar="ID", help="The id of one of your paths.")],
    purge: Annotated[bool, typer.Option("--purge", help="Delete its progress and notes too.")] = False,
    yes: Yes = False,
) -> None:
    """Remove one of your paths; its progress is kept unless --purge."""
    if not yes:
        what = " and its progress and notes" if purge else " (its progress is kept)"
        typer.confirm(f"Remove the path {path_id}{what}?", abort=True, err=True)
    purged = actions.remove_path(path_id, purge)
    render.say(f"Removed {path_id}" + ("; its progress is deleted" if purged else "; its progress is kept"))


@app.command("export")
def export(
    ctx: typer.Context,
    format_: Annotated[
        str,
        typer.Option("--format", "-f", help="json (all paths, to import later) or markdown (a journal of the path)."),
    ] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to this file instead of the screen.")
    ] = None,
    force: Force = False,
) -> None:
    """Export progress and notes: JSON to back up or move them, Markdown to read them."""
    text = actions.export_text(ctx.obj, format_)
    if output is None:
        sys.stdout.write(text)
    else:
        actions.write_new_file(output, text, force)
        render.warn(f"Wrote {one_line(str(output))}")


@app.command("import")
def import_progress(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by pathcli export.", show_default=False)],
    replace: Annotated[bool, typer.Option("--replace", help="Replace all progress instead of merging.")] = False,
    yes: Yes = False,
) -> None:
    """Restore an export: merged step by step, or replacing all progress with --replace."""
    if replace and not yes:
        typer.confirm("Replace all progress and notes with the export's?", abort=True, err=True)
    steps, notes_added = actions.import_progress(file, replace)
    verb = "Restored" if replace else "Merged"
    render.say(f"{verb} {one_line(str(file))}: {steps} steps' progress, {notes_added} notes")


def main() -> None:
    app(prog_name="pathcli")
