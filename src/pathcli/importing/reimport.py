"""Installing a new version of a path over the old one without moving anyone's progress.

Progress is keyed by step id. A new version's ids are derived afresh (see stepids), so before it is
installed each of its steps is matched with the old version's: by normalised URL, the resource itself.
A step whose URL was in the old version takes the old step's id, and with it the progress made on that
resource, whatever its title or place now. A step whose URL is new keeps its derived id only if no old
step and no progress record has it; otherwise it gets an id made from its URL (stepids.Ids.for_url), so
that progress made on another resource can never attach to it. Old steps left unmatched are removed
from the path; their progress stays in the file, under their ids, with the address it was made on (retire),
so that it comes back if the resource does. A link known to be permanently redirected (moved, from
`pathcli check`) is the same resource under its old and its new address: `check --update` rewrites the
installed path to the new one while its source may still say the old one, or the other way round.

Plain data in, plain data out: no files, no clock.
"""

from collections import defaultdict, deque
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from pathcli.importing.stepids import Ids, normalise_url


class StepRef(NamedTuple):
    id: str
    title: str
    url: str


class Renamed(NamedTuple):
    old: StepRef
    new: StepRef


class Reconciled(NamedTuple):
    path: dict  # the new version, its ids changed where needed to keep progress in place
    added: tuple[StepRef, ...]
    removed: tuple[StepRef, ...]  # their progress stays in the file
    renamed: tuple[Renamed, ...]


def _steps(path: dict) -> list[dict]:
    return [step for section in path["sections"] for step in section["steps"]]


def _ref(step: dict) -> StepRef:
    return StepRef(step["id"], step["title"], step["url"])


def refs(path: dict) -> list[StepRef]:
    """The steps of a validated path, as reconcile takes an installed version's."""
    return [_ref(step) for step in _steps(path)]


def reconcile(
    old_steps: Sequence[StepRef], new: dict, recorded: Mapping[str, str | None], moved: Mapping[str, str] = {}
) -> Reconciled:
    """new (a validated path) with the ids that keep progress on its resources, and what changed since the
    installed version's steps (anything with an id, a title and a url, such as model.Step). recorded: each
    step id that has progress (marks or notes) under this path's id, with the address that progress was
    made on where known (see retire). moved: addresses permanently redirected, to where they end. Changes
    new in place."""
    new_steps = _steps(new)
    old_by_id = {step.id: step for step in old_steps}
    moved_to = {normalise_url(url): normalise_url(final) for url, final in moved.items()}
    old_by_url: dict[str, deque] = defaultdict(deque)
    for step in old_steps:
        url = normalise_url(step.url)
        old_by_url[url].append(step)
        if moved_to.get(url, url) != url:
            old_by_url[moved_to[url]].append(step)  # found again under where it moved
    retired = {normalise_url(url): step_id for step_id, url in recorded.items() if url and step_id not in old_by_id}
    claimed: set[str] = set()
    matches: list[dict | None] = []
    for step in new_steps:
        url = normalise_url(step["url"])
        same = old_by_id.get(step["id"])
        if same is not None and same.id not in claimed and normalise_url(same.url) == url:
            match = same
        else:
            match = _first_unclaimed(old_by_url.get(url), claimed) or _first_unclaimed(
                old_by_url.get(moved_to.get(url, url)), claimed
            )
        if match is not None:
            claimed.add(match.id)
        matches.append(match)

    ids = Ids(set(claimed) | set(old_by_id))
    # An id with progress made on another address is not given to a new step; progress recorded without
    # its address (before records carried one) is trusted to its id.
    unsafe = {step_id for step_id, url in recorded.items() if url} | set(old_by_id)
    added, renamed = [], []
    for step, match in zip(new_steps, matches, strict=True):
        if match is not None:
            if match.title != step["title"]:
                renamed.append(
                    Renamed(StepRef(match.id, match.title, match.url), StepRef(match.id, step["title"], step["url"]))
                )
            step["id"] = match.id
            continue
        returning = retired.pop(normalise_url(step["url"]), None)
        if returning is not None and returning not in ids.taken:
            step["id"] = returning  # a resource removed earlier is back: so is its progress
            ids.taken.add(returning)
        elif step["id"] in unsafe or step["id"] in ids.taken:  # taken holds every matched step's id already
            step["id"] = ids.for_url(step["title"], step["url"])
        else:
            ids.taken.add(step["id"])
        added.append(_ref(step))
    removed = [StepRef(step.id, step.title, step.url) for step in old_steps if step.id not in claimed]
    return Reconciled(new, tuple(added), tuple(removed), tuple(renamed))


def _first_unclaimed(candidates: deque | None, claimed: set[str]) -> StepRef | None:
    while candidates and candidates[0].id in claimed:
        candidates.popleft()
    return candidates[0] if candidates else None


def retire(records: dict, reconciled: Reconciled) -> None:
    """Write into the progress records of removed steps the address they were made on (the key "url",
    normalised), so that the progress comes back if the resource does; records of the path's steps get
    their step's address (every record carries one: see model.Progress.follow_resources)."""
    for ref in reconciled.removed:
        if ref.id in records:
            records[ref.id]["url"] = normalise_url(ref.url)
    for step in _steps(reconciled.path):
        record = records.get(step["id"])
        if record is not None:
            record["url"] = normalise_url(step["url"])


def recorded_addresses(records: dict) -> dict[str, str | None]:
    """The recorded argument of reconcile, from a path's progress records."""
    return {
        step_id: record.get("url") if isinstance(record.get("url"), str) else None
        for step_id, record in records.items()
    }
