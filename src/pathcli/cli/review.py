"""`pathcli review`: the finished steps that come back today, one at a time with the learner's notes, an
answer recorded without asking (--rating), or the queue as lines or JSON."""

import sys
from datetime import date
from typing import Annotated

import typer

from pathcli.cli.application import app
from pathcli.cli.options import Json, OneOf, PathHere, invocation, step_argument
from pathcli.domain.reviews import AGAIN, EASY, GOOD, HARD, RATINGS
from pathcli.errors import PathcliError
from pathcli.review import queue
from pathcli.text import excerpt
from pathcli.views import output, render_review

# What a learner may type at the question; Enter is good.
ANSWERS = {"": GOOD, "1": AGAIN, "2": HARD, "3": GOOD, "4": EASY, **{rating: rating for rating in RATINGS}}
ANSWERS.update({rating[0]: rating for rating in RATINGS})
STOP = ("q", "quit")


def is_terminal() -> bool:
    return sys.stdin.isatty() and sys.stdout.isatty()


@app.command(
    epilog="Example: pathcli review (on a terminal); pathcli review 3 --rating good; pathcli review --json --upcoming"
)
def review(
    ctx: typer.Context,
    step: Annotated[
        str | None,
        step_argument("[STEP]", "A done step to review now (number or id); none: the steps due today."),
    ] = None,
    rating: Annotated[
        str | None,
        typer.Option(
            "--rating",
            click_type=OneOf(RATINGS, "rating"),
            metavar="RATING",
            help="Record this answer for STEP without asking: again, hard, good or easy.",
        ),
    ] = None,
    upcoming: Annotated[bool, typer.Option("--upcoming", help="List the steps due later too, in due order.")] = False,
    every_path: Annotated[bool, typer.Option("--all", help="Every path, not only the one in use.")] = False,
    as_json: Json = False,
    path: PathHere = None,
) -> None:
    """Review finished steps as they come back, with your notes (spaced repetition).

    On a terminal, the steps due today one at a time; elsewhere, their list. Scheduled with FSRS."""
    today = date.today()
    command = invocation(ctx.obj)
    if rating is not None:
        if step is None:
            raise PathcliError(f"name the step to rate: {command} review STEP --rating {rating}")
        if every_path:
            raise PathcliError("--rating records a review of one path's step: leave out --all (choose it with -p)")
        path_, card = queue.record(ctx.obj, step, rating)
        if as_json:
            output.print_json(render_review.card_json(path_.id, card))
        else:
            render_review.answered(card, rating, today)
        return
    if step is not None:
        if every_path:
            raise PathcliError("a step is one path's: leave out --all (choose the path with -p)")
        item = queue.one(ctx.obj, step)
        if as_json:
            output.print_json(render_review.queue_json([item]))
        elif not is_terminal():
            raise PathcliError(
                f"give the answer with --rating again|hard|good|easy: {command} review {excerpt(step)} --rating good"
            )
        else:
            _ask_each([item], today)
        return
    every = queue.items(ctx.obj, every_path, today, upcoming=True)
    due = [item for item in every if item.card.due <= today]
    if as_json:
        output.print_json(render_review.queue_json(every if upcoming else due))
    elif upcoming or not is_terminal() or not due:
        render_review.queue_lines(every, today, command, every_path, upcoming)
    else:
        _ask_each(due, today)


def _ask_each(items: list[queue.Item], today: date) -> None:
    """Each step shown, its answer asked and recorded at once (q, Ctrl-D or Ctrl-C keep what was answered)."""
    for position, item in enumerate(items, 1):
        render_review.step_to_remember(item, position, len(items), today)
        answer = _answer()
        if answer is None:
            render_review.stopped(position - 1, len(items) - position + 1)
            return
        _, card = queue.record(item.path.id, item.card.step.id, answer)
        render_review.answered(card, answer, today)
    render_review.finished(len(items))


def _answer() -> str | None:
    """The rating typed, or None to stop."""
    while True:
        sys.stderr.write(render_review.QUESTION + " ")
        sys.stderr.flush()
        try:
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            sys.stderr.write("\n")
            return None
        if not line:  # end of input
            sys.stderr.write("\n")
            return None
        typed = line.strip().casefold()
        if typed in STOP:
            return None
        if typed in ANSWERS:
            return ANSWERS[typed]
        output.warn("Answer 1 again, 2 hard, 3 good or 4 easy; Enter is good, q stops.")
