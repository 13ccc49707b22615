"""Export and import of progress and notes."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from pathcli import actions
from pathcli.cli.application import app
from pathcli.cli.options import Force, OneOf, PathHere, Yes
from pathcli.errors import PathcliError
from pathcli.text import count, one_line
from pathcli.views import output


@app.command(
    "export", epilog="Example: pathcli export -o pathcli-backup.json, pathcli export --format html -o progress.html"
)
def export(
    ctx: typer.Context,
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            click_type=OneOf(actions.EXPORT_FORMATS, "format"),
            metavar="FORMAT",
            help="json (all paths, to import later), markdown (a journal of the path), html (its progress page)"
            " or ics (the goal's plan, for a calendar: see pathcli goal); any case.",
        ),
    ] = "json",
    output_file: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of the screen.")
    ] = None,
    force: Force = False,
    no_notes: Annotated[
        bool, typer.Option("--no-notes", help="Leave the notes out of the html page (to share it).")
    ] = False,
    path: PathHere = None,
) -> None:
    """Export a whole backup as JSON (your paths, all progress and notes), a path's journal as Markdown, its
    progress page as HTML, or the goal's plan as a calendar (ics)."""
    if no_notes and format_ != "html":
        raise PathcliError("--no-notes is for --format html: the other formats keep every note")
    text, left_out = actions.export_text(ctx.obj, format_, notes=not no_notes)
    for problem in left_out:
        output.warn(f"Left out of the export, as it cannot be read: {one_line(problem)}")
    if output_file is None:
        sys.stdout.write(text)
    else:
        actions.write_new_file(output_file, text, force)
        output.warn(f"Wrote {one_line(str(output_file))}")


@app.command("import", epilog="Example: pathcli import pathcli-backup.json")
def import_progress(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by pathcli export.", show_default=False)],
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Restore the backup as it is: its progress, and its paths over yours of the same id."
        ),
    ] = False,
    yes: Yes = False,
) -> None:
    """Restore a backup: install its paths missing here, merge its progress and notes step by step."""
    from pathcli.transfer import backup

    incoming = backup.read_backup(file)
    if replace and not yes:
        typer.confirm(
            "Replace all progress and notes, and your paths of the same ids, with the export's?", abort=True, err=True
        )
    done = backup.restore(incoming, replace)
    name = one_line(str(file))
    verb = "Restored" if replace else "Merged"
    goals = f", {count(done.goals, 'goal')}" if done.goals else ""
    output.say(
        f"{verb} {name}: {len(done.installed)} paths installed, {done.steps} steps' progress, {done.notes} notes"
        + goals
    )
    for path_id in done.installed:
        output.warn(f"Installed {path_id}")
    for path_id, source in done.differing:
        if source == "pathcli":
            output.warn(f"Kept {path_id}: a path of that id comes with pathcli")
        else:
            output.warn(
                f"Kept your path {path_id}: the backup's differs (from {one_line(source)});"
                f" pathcli import {name} --replace restores the backup as it is"
            )
    if done.left_out:
        output.warn(f"Left out {done.left_out} marks and notes dated before a reset here")
    for path_id in done.unshown:
        output.warn(
            f"The progress of {path_id} is kept, but no path {path_id} is installed here nor in the backup:"
            f" install it again (pathcli path add FILE, or pathcli path import FILE|URL --id {path_id}) to see it"
        )
    nothing = not (replace or done.installed or done.steps or done.notes or done.goals)
    if nothing and any(entry["steps"] for entry in incoming.progress["paths"].values()):
        output.warn(
            "Nothing in the export is newer than the progress here (a reset or a deleted note is newer):"
            f" pathcli import --replace {name} restores it as it is"
        )
