"""Every command explains itself."""

import pytest
import typer

from pathcli.cli import app


def _commands(typer_app: typer.Typer, prefix=()):
    for info in typer_app.registered_commands:
        yield (*prefix, info.name or info.callback.__name__), info.callback
    for group in typer_app.registered_groups:
        yield from _commands(group.typer_instance, (*prefix, group.name))


COMMANDS = list(_commands(app))


def test_the_commands_of_the_readme_are_there():
    names = {" ".join(name) for name, _ in COMMANDS}
    assert {"list", "next", "show", "done", "undo", "skip", "open", "note", "notes", "progress", "reset"} <= names


@pytest.mark.parametrize(("name", "callback"), COMMANDS, ids=[" ".join(name) for name, _ in COMMANDS])
def test_every_command_has_help(run, name, callback):
    assert callback.__doc__ and callback.__doc__.strip()
    result = run(*name, "--help")
    assert result.exit_code == 0
    assert callback.__doc__.strip().splitlines()[0][:30] in " ".join(result.stdout.split())
