"""`pathcli check`: are the links of a path still there?"""

from typing import Annotated

import typer

from pathcli.cli.application import app
from pathcli.cli.options import Json, PathHere


@app.command(epilog="Example: pathcli check --all")
def check(
    ctx: typer.Context,
    every: Annotated[bool, typer.Option("--all", help="Check every path, not only the one in use.")] = False,
    timeout: Annotated[float, typer.Option(metavar="SECONDS", help="Give up on a request after this long.")] = 10.0,
    per_host: Annotated[
        int, typer.Option("--per-host", metavar="N", help="At most N requests in flight to one host at a time.")
    ] = 4,
    fragments: Annotated[
        bool, typer.Option("--fragments", help="Also report a #fragment that names nothing on its page.")
    ] = False,
    fresh: Annotated[bool, typer.Option("--fresh", help="Check again links found ok in the last 24 hours.")] = False,
    update: Annotated[
        bool, typer.Option("--update", help="Rewrite permanently redirected links in your own path file.")
    ] = False,
    forget: Annotated[
        bool, typer.Option("--forget", help="Check nothing: forget the results recorded for the path's links.")
    ] = False,
    as_json: Json = False,
    path: PathHere = None,
) -> None:
    """Check every web link of the path; exit code 1 when any is broken, 3 when the network seems down."""
    from datetime import datetime

    from pathcli.links import linkreport
    from pathcli.views import output, render_check

    paths = linkreport.chosen_paths(ctx.obj, every)
    if forget:
        count = linkreport.forget(paths)
        which = "every path" if every else paths[0].id
        output.say(f"Forgot {count} recorded link {'result' if count == 1 else 'results'} of {which}")
        return
    if update and not every:
        linkreport.check_updatable(paths[0])
    options = linkreport.Options(timeout, per_host, fragments, fresh)
    try:
        with render_check.progress() as bar:
            reports = linkreport.check_paths(
                paths, options, datetime.now().astimezone(), bar and bar.start, bar and bar.advance
            )
    except linkreport.NetworkDown as error:  # not a usage error (2) nor a broken link (1): try again later
        output.warn(f"pathcli: {error}")
        raise typer.Exit(3) from None
    if update:
        for report in reports:
            if linkreport.is_own(report.path):
                render_check.updated(report.path.id, linkreport.update_redirects(report))
    if as_json:
        shapes = [render_check.report_json(report) for report in reports]
        output.print_json(shapes if every else shapes[0])
    else:
        for report in reports:
            render_check.report_table(report, update)
    if any(report.any_broken for report in reports):
        raise typer.Exit(1)
