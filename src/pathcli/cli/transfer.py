"""Export and import of progress and notes."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from pathcli import actions
from pathcli.cli.application import app
from pathcli.cli.options import Force, OneOf, PathHere, Yes, ask
from pathcli.text import one_line
from pathcli.views import output


@app.command("export", epilog="Example: pathcli export -o pathcli-backup.json")
def export(
    ctx: typer.Context,
    format_: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            click_type=OneOf(actions.EXPORT_FORMATS, "format", {"md": "markdown"}),
            metavar="FORMAT",
            help="json (all paths, to import later) or markdown (md: a journal of the path); any case.",
        ),
    ] = "json",
    output_file: Annotated[
        Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to this file instead of the screen.")
    ] = None,
    force: Force = False,
    path: PathHere = None,
) -> None:
    """Export progress and notes: JSON to back up or move them, Markdown to read them."""
    text = actions.export_text(ctx.obj, format_)
    if output_file is None:
        sys.stdout.write(text)
    else:
        actions.write_new_file(output_file, text, force)
        output.warn(f"Wrote {one_line(str(output_file))}")


@app.command("import", epilog="Example: pathcli import pathcli-backup.json")
def import_progress(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A file written by pathcli export.", show_default=False)],
    replace: Annotated[bool, typer.Option("--replace", help="Replace all progress instead of merging.")] = False,
    yes: Yes = False,
) -> None:
    """Restore an export: merged step by step, or replacing all progress with --replace."""
    incoming = actions.read_export(file)
    if replace and not yes:
        ask("Replace all progress and notes with the export's?")
    steps, notes_added = actions.import_progress(incoming, replace)
    verb = "Restored" if replace else "Merged"
    output.say(f"{verb} {one_line(str(file))}: {steps} steps' progress, {notes_added} notes")
    if not (replace or steps or notes_added) and any(entry["steps"] for entry in incoming["paths"].values()):
        output.warn(
            "Nothing in the export is newer than the progress here:"
            f" pathcli import --replace {one_line(str(file))} restores it as it is"
        )
