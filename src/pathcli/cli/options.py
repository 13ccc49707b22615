"""Argument and option types that several commands share, and the hints' command prefix."""

from typing import Annotated

import typer
from typer._types import TyperChoice  # Typer 0.28 vendors Click: its Choice, which completes and lists values

from pathcli.cli import completion
from pathcli.errors import PathcliError
from pathcli.text import excerpt, one_line


def _choose_path(ctx: typer.Context, value: str | None) -> None:
    # `pathcli list -p rl` is `pathcli -p rl list`: the command's --path overrides the global one.
    if value:
        ctx.obj = value


# A flag spelled the same on every command that works on one path; the commands read the choice from ctx.obj.
PathHere = Annotated[
    str | None,
    typer.Option(
        "--path",
        "-p",
        metavar="ID",
        help="Work on this path (an id from pathcli paths) for this run.",
        callback=_choose_path,
        expose_value=False,
        autocompletion=completion.path_ids,
    ),
]


def step_argument(metavar: str, meaning: str):
    """An argument naming steps, which completion offers with their titles."""
    return typer.Argument(metavar=metavar, help=meaning, show_default=False, autocompletion=completion.steps)


_OR_THE_CURRENT = "; none: the current step (as pathcli next shows)."
Steps = Annotated[
    list[str] | None, step_argument("[STEP]...", "Step numbers (as in pathcli list) or step ids" + _OR_THE_CURRENT)
]
OneStep = Annotated[
    str | None, step_argument("[STEP]", "A step number (as in pathcli list) or step id" + _OR_THE_CURRENT)
]
PathId = Annotated[
    str,
    typer.Argument(metavar="ID", help="A path id, as in pathcli paths.", autocompletion=completion.path_ids),
]
JSON_ASKED = "pathcli.json"  # ctx.meta key: the command prints JSON only, errors too (see the error boundary)


def _remember_json(ctx: typer.Context, value: bool) -> bool:
    if value:
        ctx.meta[JSON_ASKED] = True
    return value


Json = Annotated[bool, typer.Option("--json", help="Print JSON only.", callback=_remember_json)]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]
Force = Annotated[bool, typer.Option("--force", help="Replace the output file if it exists.")]


class OneOf(TyperChoice):
    """One of values, in any case (given back as written in values); completion offers them. Anything else
    is refused like every bad input: one line, exit code 1, the value defused."""

    def __init__(self, values, noun: str):
        super().__init__(list(values), case_sensitive=False)
        self.noun = noun

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except typer.BadParameter:
            raise PathcliError(
                f"unknown {self.noun} '{excerpt(str(value))}': choose from {', '.join(self.choices)}"
            ) from None


def invocation(chosen: str | None) -> str:
    """How a hint starts, so that following it acts on the same path: `pathcli -p rl`, or `pathcli`."""
    return f"pathcli -p {one_line(chosen)}" if chosen else "pathcli"
