"""Finding steps by text across paths: titles, descriptions, URLs and notes, ignoring case and accents.
Plain Python: the paths and progress come in as arguments."""

import unicodedata
from collections.abc import Iterable
from typing import NamedTuple

from pathcli.domain.model import Progress
from pathcli.domain.path import LearningPath, Step

# Where a step can match, in the order they are reported.
FIELDS = ("title", "description", "url", "notes")


class Found(NamedTuple):
    path: LearningPath
    step: Step
    fields: tuple[str, ...]


def fold(text: str) -> str:
    """Text compared without case or accents: "Übersicht" and "ubersicht" fold alike."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


def _texts(step: Step, progress: Progress) -> dict[str, list[str]]:
    return {
        "title": [step.title],
        "description": [step.description, *(link.title for link in step.links)],
        "url": [step.url, *(link.url for link in step.links)],
        "notes": [note["text"] for note in progress.notes(step)],
    }


def find(tracked: Iterable[tuple[LearningPath, Progress]], query: str) -> list[Found]:
    """Every step whose text contains query, path by path in order, with the fields that matched."""
    wanted = fold(query.strip())
    found = []
    for path, progress in tracked:
        for step in path.steps:
            texts = _texts(step, progress)
            fields = tuple(field for field in FIELDS if any(wanted in fold(text) for text in texts[field]))
            if fields:
                found.append(Found(path, step, fields))
    return found
