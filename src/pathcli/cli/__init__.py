"""The command line. Each command parses its arguments, calls actions, and hands the result to render.

One module per group of commands; importing them registers their commands on the app."""

from pathcli.cli import check, find, notes, paths, stats, steps, sync, transfer  # noqa: F401  (registers the commands)
from pathcli.cli.app import app


def main() -> None:
    from pathcli.terminal import use_stand_ins

    use_stand_ins()
    app(prog_name="pathcli")
