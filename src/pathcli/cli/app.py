"""The Typer application, its global options, and the one error boundary. Commands live in the modules
beside this one, a module per group, and register themselves on `app` or `path_app`."""

from typing import Annotated

import typer
from typer.core import TyperGroup

from pathcli import __version__, conflicts, render, render_sync
from pathcli.errors import PathcliError
from pathcli.text import one_line


class _ErrorBoundary(TyperGroup):
    """The one place where a PathcliError becomes its message on stderr and exit code 1, and where what the
    command did with a sync service's conflict copies is told."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PathcliError as error:
            render.warn(f"pathcli: {one_line(str(error))}")
            raise typer.Exit(1) from None
        finally:
            render_sync.notice(conflicts.take_report())


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
