"""Commands on the paths there are: list them, choose one, add, check, import and remove your own."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from pathcli import actions
from pathcli.cli import completion
from pathcli.cli.application import app, path_app
from pathcli.cli.options import Force, Json, PathId, Yes
from pathcli.text import defuse, one_line
from pathcli.views import output, render, render_import


@app.command(epilog="Example: pathcli paths")
def paths(as_json: Json = False) -> None:
    """List the learning paths there are, with their progress."""
    rows = actions.overview()
    if as_json:
        output.print_json(render.paths_json(rows))
    else:
        render.paths_table(rows)


@app.command(epilog="Example: pathcli use rl")
def use(path_id: PathId) -> None:
    """Choose the path that commands work on from now on."""
    path = actions.use(path_id)
    output.say(f"Now using {path.id}: {one_line(path.title)}")


PathFileArgument = Annotated[Path, typer.Argument(metavar="FILE", help="A path file in YAML.", show_default=False)]
Replace = Annotated[
    bool,
    typer.Option("--replace", help="Replace an installed path of the same id that came from somewhere else."),
]
BaseUrl = Annotated[
    str | None,
    typer.Option("--base-url", metavar="URL", help="Resolve relative links against this address."),
]
DoneChecked = Annotated[
    bool, typer.Option("--done-checked", help="Mark the steps whose task-list box is checked ([x]) as done.")
]


@path_app.command("add", epilog="Example: pathcli path add rl.yaml")
def path_add(
    file: PathFileArgument,
    path_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="Install it under this id instead of the file's.")
    ] = None,
    replace: Replace = False,
    as_json: Json = False,
) -> None:
    """Check a path file and install it; over your path of the same id, progress stays on its resources."""
    installed = actions.add_path(file, replace, path_id)
    if as_json:
        render_import.result_json(installed)
    else:
        render_import.installed(installed)


@path_app.command("validate", epilog="Example: pathcli path validate rl.yaml")
def path_validate(file: PathFileArgument) -> None:
    """Check a path file without installing it."""
    data, _ = actions.check_path_file(file)
    output.say(f"{one_line(str(file))}: a valid path '{data['id']}'")


@path_app.command("import", epilog="Example: pathcli path import stats.md --id stats")
def path_import(
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE|URL", help="A learning path in Markdown: a file, or an http(s) address.", show_default=False
        ),
    ],
    path_id: Annotated[
        str | None, typer.Option("--id", metavar="ID", help="The new path's id (default: from its title).")
    ] = None,
    output_file: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="FILE", help="Write the path as YAML to this file instead of installing it."
        ),
    ] = None,
    force: Force = False,
    base_url: BaseUrl = None,
    replace: Replace = False,
    done_checked: DoneChecked = False,
    as_json: Json = False,
) -> None:
    """Turn a Markdown learning path (a file or a web page) into a path and install it, saying what it kept."""
    converted = actions.convert_markdown(source, path_id, base_url)
    if output_file is not None:
        actions.write_path_yaml(converted.data, output_file, force)
        if as_json:
            render_import.result_json(report=converted.report, page=converted.page, data=converted.data)
            return
        render_import.import_summary(converted.report, converted.page)
        output.say(f"Wrote {one_line(str(output_file))}: edit it, then pathcli path add {one_line(str(output_file))}")
        return
    installed = actions.install_converted(converted, replace, done_checked)
    _show_import(converted, installed, done_checked, as_json)
    if not as_json and installed.changes is None:
        output.say(f"Start it with: pathcli use {installed.path.id}")


@path_app.command("update", epilog="Example: pathcli path update rust")
def path_update(
    path_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The id of one of your paths.", autocompletion=completion.path_ids),
    ],
    done_checked: DoneChecked = False,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", metavar="URL", help="Resolve relative links against this address from now on."),
    ] = None,
    as_json: Json = False,
) -> None:
    """Read a path's source (its web address or file) again and install what it says now; print what changed."""
    installed, converted = actions.update_path(path_id, done_checked, base_url)
    if converted is None:
        if as_json:
            render_import.result_json(installed)
        else:
            render_import.installed(installed)
        return
    _show_import(converted, installed, done_checked, as_json)


def _show_import(converted, installed, done_checked: bool, as_json: bool) -> None:
    if as_json:
        render_import.result_json(installed, converted.report, converted.page)
        return
    render_import.import_summary(converted.report, converted.page)
    render_import.checked_boxes(converted.report, installed.marked_done if done_checked else None)
    render_import.installed(installed)


@path_app.command("show", epilog="Example: pathcli path show transformers > mine.yaml")
def path_show(path_id: PathId) -> None:
    """Print a path as YAML, ids written out: to copy, edit and pathcli path add again."""
    sys.stdout.write(defuse(actions.path_yaml(path_id)))


@path_app.command("remove", epilog="Example: pathcli path remove rl --yes")
def path_remove(
    path_id: Annotated[
        str,
        typer.Argument(metavar="ID", help="The id of one of your paths.", autocompletion=completion.path_ids),
    ],
    purge: Annotated[bool, typer.Option("--purge", help="Delete its progress and notes too.")] = False,
    yes: Yes = False,
) -> None:
    """Remove one of your paths; its progress is kept unless --purge."""
    if not yes:
        actions.check_removable(path_id)
        what = " and its progress and notes" if purge else " (its progress is kept)"
        typer.confirm(f"Remove the path {path_id}{what}?", abort=True, err=True)
    purged = actions.remove_path(path_id, purge)
    output.say(f"Removed {path_id}" + ("; its progress is deleted" if purged else "; its progress is kept"))
