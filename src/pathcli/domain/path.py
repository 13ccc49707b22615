"""A learning path as pathcli holds it: its steps, sections, links and prerequisites, and finding a step a
learner names (by number, range or id: see steprefs).

Plain Python: a path is built from a validated dict (see store.pathfile) and never changes.
"""

from collections.abc import Iterable
from typing import NamedTuple


# Value objects are NamedTuples: a dataclass costs about a millisecond to define at every start-up.
class Link(NamedTuple):
    title: str
    url: str


class Prerequisite(NamedTuple):
    title: str
    description: str


class Step(NamedTuple):
    number: int
    id: str
    title: str
    type: str
    url: str
    description: str
    section: str
    links: tuple[Link, ...]
    duration: int | None = None  # minutes, when the path file declares it


class LearningPath:
    def __init__(
        self,
        id: str,
        title: str,
        description: str,
        prerequisites: tuple[Prerequisite, ...],
        sections: tuple[str, ...],
        steps: tuple[Step, ...],
        source: str = "",  # where an installed path came from: a URL or a file's absolute path
    ):
        self.id = id
        self.title = title
        self.description = description
        self.prerequisites = prerequisites
        self.sections = sections
        self.steps = steps
        self.source = source
        self._steps_by_id: dict[str, Step] | None = None  # built on the first look-up by id

    @classmethod
    def from_dict(cls, data: dict) -> "LearningPath":
        """Build a path from the validated, normalised dict that pathfile produces."""
        steps = []
        for section in data["sections"]:
            for step in section["steps"]:
                links = tuple(Link(link["title"], link["url"]) for link in step["links"])
                steps.append(
                    Step(
                        len(steps) + 1,
                        step["id"],
                        step["title"],
                        step["type"],
                        step["url"],
                        step["description"],
                        section["title"],
                        links,
                        step.get("duration"),  # absent from paths cached by older pathcli versions
                    )
                )
        return cls(
            data["id"],
            data["title"],
            data["description"],
            tuple(Prerequisite(p["title"], p["description"]) for p in data["prerequisites"]),
            tuple(section["title"] for section in data["sections"]),
            tuple(steps),
            data.get("source", ""),
        )

    def to_dict(self) -> dict:
        """The path as the dict from_dict reads (the path file's shape), every step with its id."""
        sections = {title: [] for title in self.sections}
        for step in self.steps:
            sections[step.section].append(
                {
                    "id": step.id,
                    "title": step.title,
                    "type": step.type,
                    "url": step.url,
                    "description": step.description,
                    "links": [{"title": link.title, "url": link.url} for link in step.links],
                    "duration": step.duration,
                }
            )
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "prerequisites": [{"title": p.title, "description": p.description} for p in self.prerequisites],
            "sections": [{"title": title, "steps": steps} for title, steps in sections.items()],
        }

    def step(self, ref: str) -> Step:
        """The step a user named, by number (1..N across the whole path) or by id (see steprefs)."""
        from pathcli.domain import steprefs

        return steprefs.one(self.steps, self._by_id(), ref)

    def steps_for(self, refs: Iterable[str]) -> list[Step]:
        """Every step named (numbers, ids, ranges such as 4-6), all checked before any is returned; each
        step once, in the order given (see steprefs)."""
        from pathcli.domain import steprefs

        return steprefs.many(self.steps, self._by_id(), refs)

    def _by_id(self) -> dict[str, Step]:
        if self._steps_by_id is None:
            self._steps_by_id = {step.id: step for step in self.steps}
        return self._steps_by_id
