"""A JSON export as a whole backup: the learner's own paths (as installed, with their source and base URL),
every path's progress and notes, and the path in use; and restoring one with `pathcli import`.

A restore installs the backup's paths that are missing here, reports a path of the same id that differs
(replaced only with --replace, which restores the backup as it is), merges progress with the one merge
(see pathcli.domain.merge), and names the progress that no installed path shows. Under the lock, progress
is written first, then the path files: a failure at any point leaves a state every command can read.
"""

from pathlib import Path
from typing import NamedTuple

from pathcli.domain.model import LearningPath, Progress
from pathcli.errors import PathcliError
from pathcli.store import catalog, fsutil, pathfile, storage
from pathcli.text import excerpt


class Backup(NamedTuple):
    progress: dict  # a progress document (store.document's format)
    paths: list[dict]  # {"id", "yaml", "source", "base_url", "data": the validated path}


class Restored(NamedTuple):
    installed: list[str]  # ids of the paths installed from the backup
    differing: list[tuple[str, str]]  # (id, the backup's source) of paths kept as they are here
    steps: int  # step records changed (merge) or restored (--replace)
    notes: int  # notes added (merge) or restored (--replace)
    goals: int  # goals changed (merge) or restored (--replace)
    left_out: int  # marks and notes of the backup dated before a reset here
    unshown: list[str]  # ids of paths with progress that no installed path shows


def own_paths() -> tuple[list[dict], list[str]]:
    """The learner's installed paths as exports hold them (the file's text, its source and base URL), and
    why each one that cannot be read is left out. Bundled paths come with pathcli and are not copied."""
    paths, problems = [], []
    for entry, path, problem in catalog.every_path():
        if entry.bundled:
            continue
        if path is None:
            problems.append(problem)
            continue
        raw = fsutil.read_file(entry.file, fsutil.MAX_SOURCE_BYTES)
        data = pathfile.parse(raw, str(entry.file))
        paths.append(
            {
                "id": entry.id,
                "source": data.get("source", ""),
                "base_url": data.get("base_url", ""),
                "yaml": raw.decode("utf-8"),
            }
        )
    return paths, problems


def read_paths(export: dict, source: str) -> list[dict]:
    """The paths of an export (none in exports of format 1), each checked as `path add` checks a file."""
    paths = export.get("paths", [])
    if not isinstance(paths, list):
        raise PathcliError(f"{source} is refused: its 'paths' is not a list")
    checked, seen = [], set()
    for index, item in enumerate(paths, 1):
        if not isinstance(item, dict) or not isinstance(item.get("yaml"), str) or not isinstance(item.get("id"), str):
            raise PathcliError(f"{source} is refused: path {index} has no 'id' and 'yaml' text")
        data = pathfile.parse(item["yaml"].encode("utf-8", "surrogatepass"), f"{source}, path {excerpt(item['id'])}")
        if data["id"] != item["id"] or data["id"] in seen:
            raise PathcliError(f"{source} is refused: path {index} ('{excerpt(item['id'])}') has another id or twice")
        seen.add(data["id"])
        checked.append({**item, "data": data})
    return checked


def restore(backup: Backup, replace: bool) -> Restored:
    """Restore a backup here: see the module's docstring."""
    from pathcli.domain.merge import merge_into

    to_install: list[dict] = []

    def apply(document: dict) -> Restored:
        to_install.clear()
        differing = []
        for item in backup.paths:
            here = _installed(item["id"])
            if here is _BUNDLED:
                differing.append((item["id"], "pathcli"))
            elif here is None or replace:
                if here != item["data"]:
                    to_install.append(item)
            elif here != item["data"]:
                differing.append((item["id"], item["data"].get("source") or "the backup"))
        incoming = backup.progress
        if replace:
            document["paths"] = incoming["paths"]
            records = [record for entry in incoming["paths"].values() for record in entry["steps"].values()]
            steps, notes, left_out = len(records), sum(len(record.get("notes", [])) for record in records), 0
            goals = sum(1 for entry in incoming["paths"].values() if (entry.get("goal") or {}).get("date"))
        else:
            merged = merge_into(document, incoming)
            steps, notes, left_out, goals = len(merged.steps), merged.notes, merged.left_out, len(merged.goals)
        if incoming.get("active_path") and (replace or not document.get("active_path")):
            document["active_path"] = incoming["active_path"]
        for item in to_install:
            Progress(document, item["id"]).follow_resources(LearningPath.from_dict(item["data"]))
        restored = {item["id"] for item in to_install}
        unshown = [
            path_id
            for path_id, entry in incoming["paths"].items()
            if path_id not in restored and not Progress(document, path_id).is_empty() and not _exists(path_id)
        ]
        return Restored([item["id"] for item in to_install], differing, steps, notes, goals, left_out, unshown)

    def install() -> None:
        for item in to_install:
            catalog.install(item["data"], item["yaml"].encode("utf-8"))

    return storage.change(apply, then=install)


_BUNDLED = object()


def _installed(path_id: str):
    """The validated path installed here under path_id, None when there is none, _BUNDLED for pathcli's."""
    try:
        target = catalog.installable(path_id)
    except PathcliError:
        return _BUNDLED
    if not target.is_file():
        return None
    try:
        return pathfile.parse(fsutil.read_file(target, fsutil.MAX_SOURCE_BYTES), str(target))
    except PathcliError:
        return {}  # unreadable here: differs from any backup's


def _exists(path_id: str) -> bool:
    try:
        catalog.find(path_id)
    except PathcliError:
        return False
    return True


def read_backup(file: Path) -> Backup:
    """The backup in an export file, checked whole (before anyone is asked to confirm a replace)."""
    from pathcli.transfer import exchange

    raw = fsutil.read_file(file, fsutil.MAX_EXPORT_BYTES)
    suffix = file.suffix.lower()
    if suffix in (".md", ".markdown"):
        raise PathcliError(f"{file} is not a pathcli export: to add a Markdown path, use pathcli path import {file}")
    if suffix in (".yaml", ".yml"):
        raise PathcliError(f"{file} is not a pathcli export: to add a path file, use pathcli path add {file}")
    export = exchange.read_export(raw, str(file))
    return Backup(export["progress"], read_paths(export, str(file)))
