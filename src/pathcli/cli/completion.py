"""Shell completion of values (Typer's `autocompletion=`): step numbers with their titles, path ids, types.

Each returns (value, help) pairs; zsh and fish show the help beside the value. Completion must never fail
aloud: a path or progress file that cannot be read completes nothing."""

import typer

from pathcli.errors import PathcliError
from pathcli.text import one_line


def steps(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Step numbers (or ids, once a letter is typed), each with its title and status."""
    from pathcli import actions

    try:
        tracked = actions.view(ctx.obj)
    except PathcliError:
        return []
    by_id = incomplete and not incomplete.isdigit()
    return [
        (step.id if by_id else str(step.number), f"{one_line(step.title)} ({tracked.progress.status(step)})")
        for step in tracked.path.steps
        if (step.id if by_id else str(step.number)).startswith(incomplete)
    ]


def path_ids(incomplete: str) -> list[tuple[str, str]]:
    from pathcli.store import catalog

    return [
        (entry.id, "bundled" if entry.bundled else "yours")
        for entry in catalog.available()
        if entry.id.startswith(incomplete)
    ]


def step_types(ctx: typer.Context, incomplete: str) -> list[str]:
    """The types the path's steps have, in lower case (--type ignores case)."""
    from pathcli import actions

    try:
        path = actions.view(ctx.obj).path
    except PathcliError:
        return []
    kinds = dict.fromkeys(step.type.casefold() for step in path.steps if step.type)
    return [kind for kind in kinds if kind.startswith(incomplete.casefold())]
