"""`pathcli goal`: the date by which the learner means to finish a path, the pace it needs, and whether they
are on track (the definitions are in goal.plan and docs/goal.md)."""

from typing import Annotated

import typer

from pathcli import actions
from pathcli.cli.application import app
from pathcli.cli.options import Json, PathHere, invocation
from pathcli.errors import PathcliError
from pathcli.goal import plan
from pathcli.text import one_line
from pathcli.views import output, render_stats


@app.command(epilog="Example: pathcli goal 2027-03-01, pathcli goal 8w, pathcli goal --clear")
def goal(
    ctx: typer.Context,
    date: Annotated[
        str | None,
        typer.Argument(
            metavar="[DATE]",
            help="The date to finish by: YYYY-MM-DD, or weeks (8w) or days (30d) from today; none: show it.",
            show_default=False,
        ),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the goal.")] = False,
    as_json: Json = False,
    path: PathHere = None,
) -> None:
    """Set a date to finish the path by, and see the pace it needs and whether you are on track."""
    if date is not None and clear:
        raise PathcliError("give a date or --clear, not both")
    if clear:
        tracked = actions.view(ctx.obj)
        if tracked.progress.goal() is None:
            output.warn(f"{one_line(tracked.path.title)} has no goal to clear")
        else:
            tracked = actions.set_goal(ctx.obj, None)
            output.warn(f"{one_line(tracked.path.title)}: goal cleared")
    elif date is not None:
        tracked = actions.set_goal(ctx.obj, date)
    else:
        tracked = actions.view(ctx.obj)
    planned = actions.goal_today(tracked)
    if as_json:
        output.print_json({"path": tracked.path.id, **(render_stats.goal_json(planned) or {"goal": None})})
        return
    if planned is None:
        if not clear:
            output.say(
                f"No goal for {one_line(tracked.path.title)}: set one with {invocation(ctx.obj)} goal 2027-03-01"
            )
        return
    output.say(f"{one_line(tracked.path.title)} ({tracked.path.id})")
    output.say(render_stats.goal_line(planned))
    if planned.status in (plan.ON_TRACK, plan.BEHIND):
        output.say(f"In your calendar: {invocation(ctx.obj)} export --format ics -o {tracked.path.id}-goal.ics")
