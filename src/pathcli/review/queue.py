"""The review queue of one path or of all, read from progress.json, and an answer recorded under the lock."""

from datetime import date
from typing import NamedTuple

from pathcli.domain.model import LearningPath, Progress, now
from pathcli.review.schedule import Card, cards
from pathcli.store import catalog, pathfile, storage


class Item(NamedTuple):
    """A done step in the review queue, with its path and the progress it is read from (for its notes)."""

    path: LearningPath
    progress: Progress
    card: Card


def _tracked(document: dict, chosen: str | None) -> tuple[LearningPath, Progress]:
    path = catalog.load(catalog.active_id(document, chosen))
    progress = Progress(document, path.id)
    progress.follow_renamed(pathfile.earlier_ids(path, progress.kept_ids()))
    return path, progress


def items(chosen: str | None, every_path: bool, today: date, upcoming: bool = False) -> list[Item]:
    """The steps due on or before today (with upcoming, every done step), the earliest due first; of every
    readable path with every_path, else of the chosen path (or the one in use)."""
    document = storage.load()
    if every_path:
        tracked = [(path, Progress(document, path.id)) for _, path, _ in catalog.every_path() if path is not None]
    else:
        tracked = [_tracked(document, chosen)]
    found = [
        Item(path, progress, card)
        for path, progress in tracked
        for card in cards(path, progress)
        if upcoming or card.due <= today
    ]
    return sorted(found, key=lambda item: item.card.due)  # stable: path by path, in path order, on a tie


def record(chosen: str | None, ref: str, rating: str) -> tuple[LearningPath, Card]:
    """Record an answer on the step named (a done step: anything else is refused, nothing written); the
    step's card after it."""
    from pathcli.review.schedule import card

    at = now()

    def apply(document: dict) -> tuple[LearningPath, Card]:
        path, progress = _tracked(document, chosen)
        step = path.step(ref)
        progress.add_review(step, rating, at)
        return path, card(step, progress.record(step))

    return storage.change(apply)


def one(chosen: str | None, ref: str) -> Item:
    """A done step named, to review now whether due or not; a step that is not done is refused."""
    path, progress = _tracked(storage.load(), chosen)
    step = path.step(ref)
    found = [card for card in cards(path, progress) if card.step.id == step.id]
    if not found:
        from pathcli.errors import PathcliError

        raise PathcliError(
            f"step {step.number} is {progress.status(step)}, not done: only finished steps are reviewed"
            f" (pathcli done {step.number} first)"
        )
    return Item(path, progress, found[0])
