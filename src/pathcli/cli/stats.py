"""`pathcli stats`: the activity calendar, streaks, pace, time left and the finish estimate."""

import sys

import typer

from pathcli import actions
from pathcli.cli.application import app
from pathcli.cli.options import Json, PathHere
from pathcli.views import output


@app.command(epilog="Example: pathcli stats")
def stats(ctx: typer.Context, as_json: Json = False, path: PathHere = None) -> None:
    """Show how you are doing: an activity calendar, streaks, pace, time left and an estimated finish."""
    tracked = actions.view(ctx.obj)
    measured = actions.stats_today(tracked)
    from pathcli.views import render_stats

    if as_json:
        output.print_json(render_stats.stats_json(tracked.path, measured))
    else:
        planned = actions.goal_today(tracked, measured)
        render_stats.stats_view(tracked.path, measured, render_stats.shades(sys.stdout.encoding), planned)
