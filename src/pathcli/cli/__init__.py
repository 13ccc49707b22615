"""The command line: Typer commands that parse their arguments, call actions (or a feature), and hand the
result to a view. The only package that imports Typer; the one error boundary (a PathcliError becomes one
line on stderr and exit code 1) is in cli.application.

May import everything below it: actions, views, features, the store, the domain and the shared helpers.
One module per group of commands; importing one registers its commands on the app (cli.application).
`pathcli.cli.app` is the app with every command, for tests and tools; main() loads only what it runs."""

import importlib
import os
import sys

# The module that defines each command, so that main() imports only the one a command line runs
# (tests/test_startup.py keeps this table true). Its order is the order of --help: a learner's day first.
COMMAND_MODULES = {
    **dict.fromkeys(("list", "next", "show", "done", "undo", "skip", "open", "progress", "prerequisites"), "steps"),
    **dict.fromkeys(("reset",), "steps"),
    **dict.fromkeys(("note", "notes"), "notes"),
    **dict.fromkeys(("review",), "review"),
    **{name: name for name in ("goal", "find", "stats")},
    **dict.fromkeys(("paths", "use", "path"), "paths"),
    **dict.fromkeys(("export", "import"), "transfer"),
    **{name: name for name in ("sync", "check")},
}
# The global options that take a value, which can stand before the command's name.
_VALUED_GLOBAL_OPTIONS = ("-p", "--path")


def load_commands(modules: set[str] | None = None) -> None:
    """Import the command modules named (all of them by default), which registers their commands."""
    for module in dict.fromkeys(COMMAND_MODULES.values()):
        if modules is not None and module not in modules:
            continue
        importlib.import_module(f"pathcli.cli.{module}")


def __getattr__(name: str):
    if name == "app":
        load_commands()
        from pathcli.cli.application import app

        return app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    from pathcli.cli.application import app
    from pathcli.terminal import use_stand_ins

    use_stand_ins()
    name = _command_named(sys.argv[1:])
    if name in COMMAND_MODULES:
        # Typer makes a Click command of every registered command at every start (about 0.2 ms each), and
        # each module costs its imports: a known command needs only its own.
        load_commands({COMMAND_MODULES[name]})
        _build_only(app, name)
    else:  # help, the version, bare pathcli, completion, unknown names (for Click's suggestions and near misses)
        load_commands()
    app(prog_name="pathcli")


def _command_named(args: list[str]) -> str | None:
    """The command a command line runs (`done` in `pathcli -p rl done 2`); None for help, the version,
    bare pathcli and shell completion."""
    if os.environ.get("_PATHCLI_COMPLETE"):
        return None
    index = 0
    while index < len(args) and args[index] in _VALUED_GLOBAL_OPTIONS:
        index += 2
    if index >= len(args) or args[index].startswith("-"):
        return None
    return args[index]


def _build_only(app, name: str) -> None:
    from typer.main import get_command_name

    app.registered_commands = [
        command
        for command in app.registered_commands
        if (command.name or get_command_name(command.callback.__name__)) == name
    ]
    app.registered_groups = [group for group in app.registered_groups if group.name == name]
