"""Commands on the paths there are: list them, choose one, add, check, import and remove your own."""

from pathlib import Path
from typing import Annotated

import typer

from pathcli import actions, render
from pathcli.cli.app import app, path_app
from pathcli.cli.options import Force, Json, Yes
from pathcli.text import one_line


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
        actions.check_removable(path_id)
        what = " and its progress and notes" if purge else " (its progress is kept)"
        typer.confirm(f"Remove the path {path_id}{what}?", abort=True, err=True)
    purged = actions.remove_path(path_id, purge)
    render.say(f"Removed {path_id}" + ("; its progress is deleted" if purged else "; its progress is kept"))
