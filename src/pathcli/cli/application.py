"""The Typer application, its global options, and the one error boundary. Commands live in the modules
beside this one, a module per group, and register themselves on `app` or `path_app`."""

from typing import Annotated

import typer
from typer._click.exceptions import UsageError  # Typer 0.28 vendors Click; this is the class it raises
from typer.core import TyperGroup

from pathcli import __version__
from pathcli.cli.options import JSON_ASKED, PathHere, invocation
from pathcli.errors import PathcliError
from pathcli.store import conflicts
from pathcli.text import one_line
from pathcli.views import output, render, render_sync

# Commands people reach for that live elsewhere: (group, word typed) -> what to run instead.
NEAR_MISSES = {
    ("path", "list"): "pathcli paths",
    ("path", "ls"): "pathcli paths",
    ("path", "use"): "pathcli use ID",
    ("", "add"): "pathcli path add FILE.yaml",
    ("", "remove"): "pathcli path remove ID",
    ("", "ls"): "pathcli list",
    ("", "status"): "pathcli progress",
}
# Short enough to stay one line each in a 40-column help.
ENVIRONMENT = (
    ("PATHCLI_DATA_DIR", "the data folder"),
    ("XDG_DATA_HOME", "where data goes"),
    ("XDG_CACHE_HOME", "the cache's home"),
    ("BROWSER", "the browser to open links"),
    ("VISUAL, EDITOR", "the note editor"),
    ("NO_COLOR", "no colour"),
)


class _ErrorBoundary(TyperGroup):
    """The one place where a PathcliError becomes its message on stderr and exit code 1, and where what the
    command did with a sync service's conflict copies is told; it also points near-miss commands at the
    right one, and ends the main help with where the data lives."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except PathcliError as error:
            output.warn(f"pathcli: {one_line(str(error))}")
            if ctx.meta.get(JSON_ASKED):  # a script reading stdout learns of the failure in its own terms
                output.print_json({"error": one_line(str(error))})
            raise typer.Exit(1) from None
        finally:
            render_sync.notice(conflicts.take_report())

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except UsageError as error:
            hint = args and NEAR_MISSES.get((ctx.info_name if ctx.parent else "", args[0]))
            if hint:
                error.message = f"No such command '{one_line(args[0])}'. Did you mean: {hint}"
            raise

    def make_context(self, info_name, args, parent=None, **extra):
        if parent is None:  # Click's plain help is never narrower than 50 columns unless told the width
            import shutil

            extra.setdefault("terminal_width", shutil.get_terminal_size().columns)
        return super().make_context(info_name, args, parent, **extra)

    def format_help(self, ctx, formatter):
        if ctx.parent is None:
            self.epilog = _where_things_are(self.rich_markup_mode)
        return super().format_help(ctx, formatter)


def _where_things_are(markup_mode: str | None) -> str:
    from pathcli.store import locations

    variables = "\n".join(f"  {name}: {meaning}" for name, meaning in ENVIRONMENT)
    text = f"Your progress and paths live in {locations.data_dir()}\n\nEnvironment variables honoured:\n{variables}"
    if markup_mode is None:
        return text.replace("\n\n", "\n\n\b\n")  # Click's mark for "keep these lines as they are"
    from rich.markup import escape

    return escape(text)


class _Typer(typer.Typer):
    """Typer's Rich help cuts option names short below about 60 columns; Click's plain help wraps between
    words at any width, so narrow terminals get that. Typer reads the style each time it builds the
    command, that is at every run."""

    @property
    def rich_markup_mode(self) -> str | None:
        import shutil

        return "rich" if shutil.get_terminal_size().columns >= 60 else None

    @rich_markup_mode.setter
    def rich_markup_mode(self, value) -> None:
        pass  # chosen by the terminal's width, above


def _print_version(value: bool) -> None:
    if value:
        output.say(f"pathcli {__version__}")
        raise typer.Exit()


app = _Typer(
    cls=_ErrorBoundary,
    invoke_without_command=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
path_app = _Typer(
    cls=_ErrorBoundary,
    no_args_is_help=True,
    help="Add, check, show, import, update and remove your own paths.",
)
app.add_typer(path_app, name="path")


@app.callback()
def main_options(
    ctx: typer.Context,
    path: PathHere = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Track where you are in a learning path: what comes next, what you finished, what you thought of it.

    With no command: where you are (the path, your progress, the step to do now)."""
    if ctx.invoked_subcommand is None:
        from pathcli import actions

        tracked = actions.view(ctx.obj)
        planned = actions.goal_today(tracked)  # without a goal: None, and no stats computed
        line = None
        if planned is not None:
            from pathcli.views.render_stats import goal_line

            line = goal_line(planned)
        render.where_you_are(tracked.path, tracked.progress, invocation(ctx.obj), line)
        remind_reviews(tracked, invocation(ctx.obj))


def remind_reviews(tracked, command: str) -> None:
    """ "3 steps to review (pathcli review)" when done steps of the path come back today (see pathcli.review)."""
    from datetime import date

    from pathcli.review.schedule import cards, due
    from pathcli.views.render_review import reminder

    reminder(len(due(cards(tracked.path, tracked.progress), date.today())), command)
