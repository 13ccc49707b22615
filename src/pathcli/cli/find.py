"""`pathcli find`: steps across every path, by words in their titles, descriptions, URLs or notes."""

from typing import Annotated

import typer

from pathcli import actions
from pathcli.cli.application import app
from pathcli.cli.options import Json
from pathcli.views import output, render


@app.command(epilog='Example: pathcli find attention; pathcli find "illustrated transformer" --json')
def find(
    words: Annotated[list[str], typer.Argument(metavar="TEXT...", help="What to look for (any case, any accents).")],
    as_json: Json = False,
) -> None:
    """Find steps in every path by their title, description, URL or your notes."""
    query = " ".join(words)
    found = actions.find(query)
    if as_json:
        output.print_json(render.found_json(found))
    else:
        render.found_view(found, query)
