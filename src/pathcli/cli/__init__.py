"""The command line. Each command parses its arguments, calls actions, and hands the result to render.

One module per group of commands; importing them registers their commands on the app."""

import os
import sys

from pathcli.cli import check, find, notes, paths, stats, steps, sync, transfer  # noqa: F401  (registers the commands)
from pathcli.cli.app import app

# The global options that take a value, which can stand before the command's name.
_VALUED_GLOBAL_OPTIONS = ("-p", "--path")


def main() -> None:
    from pathcli.terminal import use_stand_ins

    use_stand_ins()
    _build_only(_command_named(sys.argv[1:]))
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


def _build_only(name: str | None) -> None:
    """Typer turns every registered command into a Click command at every start, about 0.2 ms each; a
    command line that runs a known command needs only that one. Unknown names keep them all, so that
    Click's suggestions and the near misses of app.py still see every command."""
    if name is None:
        return
    from typer.main import get_command_name

    commands = [
        command
        for command in app.registered_commands
        if (command.name or get_command_name(command.callback.__name__)) == name
    ]
    groups = [group for group in app.registered_groups if group.name == name]
    if commands or groups:
        app.registered_commands, app.registered_groups = commands, groups
