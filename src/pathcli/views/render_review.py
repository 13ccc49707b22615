"""The review of finished steps on screen: the reminder on bare `pathcli` and `next`, the queue as lines and
as JSON, a step to remember with the learner's notes, and when an answered step comes back. Plain lines
(no Rich): `review` is used in a few keystrokes and starts fast."""

from datetime import date

from pathcli.review.queue import Item
from pathcli.review.schedule import Card
from pathcli.text import defuse, minute, one_line
from pathcli.views.output import say, warn

QUESTION = "How well do you remember it? 1 again · 2 hard · 3 good · 4 easy (Enter: good, q: stop)"


def reminder(count: int, command: str) -> None:
    """ "3 steps to review (pathcli review)", when some are due; nothing when none."""
    if count:
        say("")
        say(f"{count} step{'s' if count != 1 else ''} to review ({command} review)")


def queue_json(items: list[Item]) -> list[dict]:
    return [card_json(item.path.id, item.card) for item in items]


def card_json(path_id: str, card: Card) -> dict:
    return {
        "path": path_id,
        "number": card.step.number,
        "id": card.step.id,
        "title": card.step.title,
        "due": card.due.isoformat(),
        "last_review": card.last_review,
        "reviews": card.reviews,
    }


def queue_lines(items: list[Item], today: date, command: str, every_path: bool, upcoming: bool) -> None:
    """The steps due today (with upcoming, every done step), each with its due date (and its path, for every
    path); items is every done step, the earliest due first."""
    if not items:
        say("Nothing to review: steps come back for review some days after you finish them.")
        return
    due_now = [item for item in items if item.card.due <= today]
    if due_now:
        say(f"{len(due_now)} step{'s' if len(due_now) != 1 else ''} to review today:")
    else:
        say(f"Nothing to review today. The next comes back {_when(items[0].card.due, today)}.")
    for item in items if upcoming else due_now:
        where = f" [{one_line(item.path.id)}]" if every_path else ""
        say(f"  {_name(item.card)}{where} · due {_when(item.card.due, today)}")
    if due_now:
        say(f"Review them on a terminal: {command} review{' --all' if every_path else ''}")
    elif not upcoming:
        say(f"All that comes later: {command} review{' --all' if every_path else ''} --upcoming")


def step_to_remember(item: Item, position: int, count: int, today: date) -> None:
    """A due step as the learner sees it before answering: title, section, link, when it was finished, the
    reviews so far, and their notes."""
    card, step = item.card, item.card.step
    say("")
    say(f"[{position}/{count}] {_name(card)}")
    say(f"  {one_line(item.path.title)} · {one_line(step.section)}")
    if step.url:
        say(f"  Link: {defuse(step.url)}")
    reviewed = ""
    if card.last_review:
        reviewed = f" · {card.reviews} review{'s' if card.reviews != 1 else ''}, last {minute(card.last_review)}"
    say(f"  Finished {minute(card.done_at)}{reviewed}")
    notes = item.progress.notes(step)
    if not notes:
        say("  No notes on this step.")
    for note in notes:
        text = "\n    ".join(defuse(line) for line in note["text"].strip().split("\n"))
        say(f"  Note, {minute(note['at'])}:\n    {text}")


def answered(card: Card, rating: str, today: date) -> None:
    say(f"{_name(card)}: {rating} · back {_when(card.due, today)}")


def stopped(answered_count: int, left: int) -> None:
    warn(f"Stopped: {answered_count} answered, {left} left for later.")


def finished(answered_count: int) -> None:
    say(f"Done: {answered_count} step{'s' if answered_count != 1 else ''} reviewed.")


def _name(card: Card) -> str:
    return f"{card.step.number}. {one_line(card.step.title)}"


def _when(due: date, today: date) -> str:
    days = (due - today).days
    if days == 0:
        return f"on {due.isoformat()} (today)"
    if days < 0:
        return f"on {due.isoformat()} ({-days} day{'s' if days != -1 else ''} ago)"
    return f"on {due.isoformat()} (in {days} day{'s' if days != 1 else ''})"
