"""pathcli sync: merge the conflict copies of progress.json that a sync service left, and say what was found."""

import typer

from pathcli import actions
from pathcli.cli.application import app
from pathcli.cli.options import Json
from pathcli.views import output, render_sync


@app.command("sync", epilog="Example: pathcli sync")
def sync(as_json: Json = False) -> None:
    """Merge the conflict copies of progress.json that Syncthing, Dropbox and the like left in the data folder.

    Every change merges them too; this command also says what it found. Merged copies are moved into \
conflicts-merged/ in the data folder; one that cannot be read, or is still being written, stays (and this \
command exits with 1 until it is fixed or deleted)."""
    report, folder = actions.sync()
    if as_json:
        output.print_json(render_sync.as_json(report, folder))
    else:
        render_sync.result(report, folder)
    if render_sync.waiting(report):
        raise typer.Exit(1)
