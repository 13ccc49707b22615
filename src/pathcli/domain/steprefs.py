"""The words that name steps on the command line, read in one place for every command: a number (as
`pathcli list` numbers them), a step's id, or a range of numbers (4-6); several at once (`done 1 3-5`).
A word that names no step is refused with the closest steps suggested, by id and title."""

from collections.abc import Iterable, Sequence

from pathcli.errors import PathcliError
from pathcli.text import excerpt, one_line

# Steps are path.Step (whose LearningPath imports this module, so it is not imported here): anything with a number,
# an id and a title.
Step = object

SUGGESTIONS = 3


def _number(word: str, count: int) -> int | None:
    """word as a step number of a path of count steps, or None if it is not a number there (digits beyond
    what a step number can have are not converted: int() of thousands of digits refuses)."""
    if word.isascii() and word.isdigit() and len(word.lstrip("0")) <= len(str(count)) and 1 <= int(word) <= count:
        return int(word)
    return None


def is_number(word: str) -> bool:
    return word.isascii() and word.isdigit()


def _range(word: str) -> tuple[str, str] | None:
    first, dash, last = word.partition("-")
    return (first, last) if dash and is_number(first) and is_number(last) else None


def one(steps: Sequence[Step], by_id: dict[str, Step], word: str) -> Step:
    """The step a word names, by number or id."""
    word = word.strip()
    count = len(steps)
    if not word:
        raise PathcliError(f"empty step argument: give a step number (1-{count}) or a step id")
    if is_number(word):
        number = _number(word, count)
        if number is None:
            raise PathcliError(f"no step {excerpt(word)}: this path has steps 1-{count}")
        return steps[number - 1]
    step = by_id.get(word)
    if step is None:
        raise PathcliError(f"no step '{excerpt(word)}': {_hint(steps, word)}")
    return step


def many(steps: Sequence[Step], by_id: dict[str, Step], words: Iterable[str]) -> list[Step]:
    """Every step the words name (numbers, ids, ranges such as 4-6), all checked before any is returned;
    each step once, in the order first named."""
    chosen: dict = {}
    for given in words:
        for word in given.replace(",", " ").split() or [given]:
            for step in _named(steps, by_id, word):
                chosen.setdefault(step.id, step)
    return list(chosen.values())


def _named(steps: Sequence[Step], by_id: dict[str, Step], word: str) -> list[Step]:
    bounds = _range(word) if word not in by_id else None
    if bounds is None:
        return [one(steps, by_id, word)]
    first, last = (one(steps, by_id, bound) for bound in bounds)
    if first.number > last.number:
        raise PathcliError(f"the range {word} goes backwards: write it {last.number}-{first.number}")
    return list(steps[first.number - 1 : last.number])


def _hint(steps: Sequence[Step], word: str) -> str:
    close = suggestions(steps, word)
    where = f"give a step number (1-{len(steps)}) or a step id"
    if not close:
        return where
    named = [f"{step.number}, {step.id}" for step in close]
    choice = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " or " + named[-1]
    return f"did you mean {one_line(choice)}? Or {where}"


def suggestions(steps: Sequence[Step], word: str) -> list[Step]:
    """The steps whose id or title comes closest to word: those that contain it first, then look-alikes."""
    import difflib

    wanted = word.casefold()
    found = [step for step in steps if wanted in step.id.casefold() or wanted in step.title.casefold()]
    if len(found) < SUGGESTIONS:
        names = {}
        for step in steps:
            names.setdefault(step.id.casefold(), step)
            for title_word in step.title.casefold().split():
                names.setdefault(title_word, step)
        for name in difflib.get_close_matches(wanted, list(names), n=SUGGESTIONS * 2, cutoff=0.7):
            if names[name] not in found:
                found.append(names[name])
    return found[:SUGGESTIONS]
