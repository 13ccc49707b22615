"""Argument and option types that several commands share."""

from typing import Annotated

import typer

Steps = Annotated[list[str], typer.Argument(help="Step numbers (as in pathcli list) or step ids.", show_default=False)]
OneStep = Annotated[str, typer.Argument(help="A step number (as in pathcli list) or step id.", show_default=False)]
Json = Annotated[bool, typer.Option("--json", help="Print JSON only.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
Force = Annotated[bool, typer.Option("--force", help="Replace FILE if it exists.")]
