"""Notes: add one (from the arguments, standard input or your editor), fix or delete one, list them all."""

import sys
from typing import Annotated

import typer

from pathcli import actions
from pathcli.cli import completion
from pathcli.cli.application import app
from pathcli.cli.options import Json, PathHere, Yes, invocation
from pathcli.domain.model import MAX_NOTE_CHARS
from pathcli.errors import PathcliError
from pathcli.text import excerpt
from pathcli.views import output, render

# The line of the editor's file where the note ends (git's scissors line, which no note is likely to hold):
# everything above it is the note, kept verbatim (lines starting with # too), everything below is ignored.
SCISSORS = "# ------------------------ >8 ------------------------"


def is_terminal() -> bool:
    return sys.stdin.isatty()


@app.command(
    epilog='Example: pathcli note 2 "Build it once by hand"; pathcli note 2 --edit 1 "better words"; '
    "pathcli note 2 --delete 1"
)
def note(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[STEP] [TEXT]...",
            help="A step (number or id; none: the current step), then the note. - reads the note from standard "
            "input; no text on a terminal opens $VISUAL or $EDITOR.",
            show_default=False,
            autocompletion=completion.steps,
        ),
    ] = None,
    edit: Annotated[
        int | None,
        typer.Option(
            "--edit", metavar="K", min=1, help="Replace note K of the step (as pathcli show numbers them) instead."
        ),
    ] = None,
    delete: Annotated[
        int | None, typer.Option("--delete", metavar="K", min=1, help="Delete note K of the step, after asking.")
    ] = None,
    yes: Yes = False,
    path: PathHere = None,
) -> None:
    """Add a dated note to a step, or fix one with --edit or --delete."""
    if edit is not None and delete is not None:
        raise PathcliError("choose one of --edit and --delete")
    ref, text = actions.split_note_arguments(ctx.obj, words or [])
    if delete is not None:
        if text is not None:
            raise PathcliError("--delete takes no text")
        step, old = actions.find_note(ctx.obj, ref, delete)
        if not yes:
            typer.confirm(
                f"Delete note {delete} of {render.step_name(step)} ({excerpt(old['text'])})?",
                abort=True,
                err=True,
            )
        step = actions.delete_note(ctx.obj, ref, delete)
        output.say(f"{render.step_name(step)}: note {delete} deleted")
        return
    if text is None:
        if edit is None and ref is None:  # the step the editor names is the one the note goes to, however long it takes
            ref = actions.note_target(ctx.obj, None).id
        text = _text_from_editor(ctx, ref, edit)
    elif text == "-":
        if is_terminal():
            output.warn("Type the note, then press Ctrl-D on a line of its own (Ctrl-Z and Enter on Windows).")
        text = _read_stdin()
    text = text.strip()
    if edit is not None:
        step = actions.edit_note(ctx.obj, ref, edit, text)
        output.say(f"{render.step_name(step)}: note {edit} changed")
    else:
        step, just_finished = actions.add_note(ctx.obj, ref, text)
        output.say(f"{render.step_name(step)}: note saved")
        if just_finished:
            output.warn(
                f"Noted on {render.step_name(step)}, the step you just finished"
                " (name a step to note another: pathcli note N TEXT)"
            )


def _read_stdin() -> str:
    try:
        return sys.stdin.read(MAX_NOTE_CHARS + 1)  # one more than a note may hold: enough to refuse it
    except UnicodeDecodeError as error:
        raise PathcliError(
            f"the note is not saved: standard input is not {error.encoding} text (byte {error.start + 1})"
        ) from None


def _text_from_editor(ctx: typer.Context, ref: str | None, number: int | None) -> str:
    """The note written in the user's editor: everything above the scissors line, kept as written."""
    if not is_terminal():
        raise PathcliError("give the note's text, or - to read it from standard input")
    step, old = actions.find_note(ctx.obj, ref, number) if number else (actions.pick(ctx.obj, ref), None)
    instructions = [
        "# Do not change or remove the line above.",
        f"# Everything above it is the note for {render.step_name(step)}, every line as written;",
        "# everything below it is left out. An empty note saves nothing.",
    ]
    template = (old["text"] if old else "") + "\n" + "\n".join([SCISSORS, *instructions]) + "\n"
    from pathcli.cli.editor import edit

    text = note_above_scissors(edit(template), instructions).strip()
    if not text:
        raise PathcliError("empty note: nothing saved")
    return text


def note_above_scissors(written: str, instructions: list[str]) -> str:
    """The note in the editor's file: what stands above the scissors line; without one (the user removed
    it), the whole file but pathcli's own instruction lines."""
    lines = written.splitlines(keepends=True)
    for index, line in enumerate(lines):
        if line.rstrip("\r\n") == SCISSORS:
            return "".join(lines[:index])
    return "".join(line for line in lines if line.rstrip("\r\n") not in instructions)


@app.command(epilog="Example: pathcli notes --json")
def notes(ctx: typer.Context, as_json: Json = False, path: PathHere = None) -> None:
    """List all notes, step by step."""
    tracked = actions.view(ctx.obj)
    if as_json:
        output.print_json(render.notes_json(tracked.path, tracked.progress))
    else:
        render.all_notes(tracked.path, tracked.progress, invocation(ctx.obj))
