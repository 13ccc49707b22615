"""Step ids for imported paths, and the one notion of "the same resource" that keeps progress in place.

Progress is keyed by step id, so an id must name one resource for good. The title alone cannot: a path
may have twenty steps called "Paper", and numbering them by position (paper, paper-2, ...) moves a
learner's marks onto other papers as soon as one is inserted above. So:

- a step whose title is unique in its path keeps the slug of its title, the id pathcli has always given
  (existing progress keeps working);
- a step whose title is shared takes the slug of its title and a short digest of its normalised URL,
  which does not depend on its place among the others;
- two steps with the same title and the same URL (the same resource twice) are told apart by a counter.

Linear in the number of steps, whatever the titles.
"""

import hashlib
from collections import Counter

from pathcli.store.pathfile import slugify
from pathcli.text import normalise_url

__all__ = ["Ids", "assign", "normalise_url", "url_id"]  # normalise_url is the shared helper's, named here too

_DIGEST_CHARS = 8


def _digest(address: str) -> str:
    return hashlib.blake2s(address.encode("utf-8", "surrogatepass")).hexdigest()


def url_id(title: str, url: str) -> str:
    """The id of a step told apart from others of its title by its address."""
    return f"{slugify(title)}-{_digest(normalise_url(url))[:_DIGEST_CHARS]}"


def assign(steps: list[dict]) -> None:
    """Give every step without an id one (see the module's docstring), unique within the list."""
    slugs = [slugify(step["title"]) for step in steps]
    shared = Counter(slugs)
    ids = Ids({step["id"] for step in steps if step.get("id")})
    for step, slug in zip(steps, slugs, strict=True):
        if step.get("id"):
            continue
        if shared[slug] == 1 and slug not in ids.taken:
            step["id"] = slug
            ids.taken.add(slug)
        else:
            step["id"] = ids.for_url(step["title"], step["url"])


class Ids:
    """The ids in use in one path, and fresh ones that meet none of them."""

    def __init__(self, taken: set[str]):
        self.taken = taken
        self._addresses: dict[str, str] = {}  # id given by for_url -> its normalised address
        self._last_number: dict[str, int] = {}

    def for_url(self, title: str, url: str) -> str:
        """A new id from the title and the address, taken from now on: url_id, made longer if it meets an
        id of another address, and numbered only for the same title and address again (the same resource,
        so its place cannot move progress to another)."""
        address = normalise_url(url)
        slug, digest = slugify(title), _digest(address)
        for length in (_DIGEST_CHARS, 2 * _DIGEST_CHARS):
            candidate = f"{slug}-{digest[:length]}"
            if candidate not in self.taken:
                return self._take(candidate, address)
            if self._addresses.get(candidate) == address:
                break
        number = self._last_number.get(candidate, 1) + 1
        while f"{candidate}-{number}" in self.taken:
            number += 1
        self._last_number[candidate] = number
        return self._take(f"{candidate}-{number}", address)

    def _take(self, step_id: str, address: str) -> str:
        self.taken.add(step_id)
        self._addresses[step_id] = address
        return step_id
