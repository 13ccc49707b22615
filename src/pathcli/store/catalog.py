"""Which learning paths there are: the bundled ones (every YAML file in the package's data folder) and the
user's own, installed as <data dir>/paths/<id>.yaml. A path's file is named after its id, so finding
one is a single look-up rather than a parse of every file."""

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from pathcli.domain.model import LearningPath
from pathcli.errors import PathcliError
from pathcli.store import fsutil, locations, pathfile
from pathcli.text import excerpt, one_line

DEFAULT_PATH_ID = "transformers"


class PathFile(NamedTuple):
    id: str
    file: Path
    bundled: bool


def available() -> list[PathFile]:
    """Every path, bundled ones first, each group by id."""
    bundled = [PathFile(file.stem, file, True) for file in _path_files(locations.bundled_paths_dir())]
    taken = {entry.id for entry in bundled}
    own = [PathFile(file.stem, file, False) for file in _path_files(locations.user_paths_dir())]
    return bundled + [entry for entry in own if entry.id not in taken]


def _path_files(folder: Path) -> list[Path]:
    """The path files in folder, by name: files (or links to files) named <id>.yaml; a dangling link
    or a folder of such a name is no path."""
    try:
        return sorted(file for file in folder.glob("*.yaml") if pathfile.is_slug(file.stem) and file.is_file())
    except OSError:
        return []


def find(path_id: str) -> PathFile:
    if pathfile.is_slug(path_id):
        for folder, bundled in ((locations.bundled_paths_dir(), True), (locations.user_paths_dir(), False)):
            file = folder / f"{path_id}.yaml"
            with contextlib.suppress(OSError):
                if file.is_file():
                    return PathFile(path_id, file, bundled)
    ids = ", ".join(entry.id for entry in available())
    raise PathcliError(f"no path '{excerpt(path_id)}': the paths there are {ids}")


def load(path_id: str) -> LearningPath:
    """The path of that id (see load_entry)."""
    return load_entry(find(path_id))


def load_entry(entry: PathFile) -> LearningPath:
    """The path in entry's file. Its file must be named after the id it declares: a path found under one id
    and used under another would leave progress and active_path pointing at nothing."""
    path = pathfile.load(entry.file)
    if path.id != entry.id:
        raise PathcliError(
            f"{entry.file}: the path's id is '{excerpt(path.id)}' but its file is named {entry.file.name}:"
            f" rename the file to {excerpt(path.id)}.yaml, or set its id to {entry.id}"
        )
    return path


def every_path() -> Iterator[tuple[PathFile, LearningPath | None, str | None]]:
    """Every path there is (see available), each with its LearningPath, or None and why it cannot be read."""
    for entry in available():
        try:
            yield entry, load_entry(entry), None
        except PathcliError as error:
            yield entry, None, str(error)


def active_id(document: dict, chosen: str | None) -> str:
    """The path a command works on: the one chosen for this run, else the one in use, else the default."""
    return chosen or document.get("active_path") or DEFAULT_PATH_ID


def install(path: dict, text: bytes) -> bool:
    """Install a validated path (text is its YAML); True when it replaced a user path of the same id.
    A bundled path is never replaced."""
    target = installable(path["id"])
    replaced = target.is_file()
    if replaced and _holds(target, path):
        return replaced
    if target.is_symlink():
        # A path file linked into paths/ is the author's own (in their notes, a repository): written
        # through, it would be replaced by another source's path, or rewritten without its comments.
        raise PathcliError(
            f"{target} is a link to {one_line(os.readlink(target))}: pathcli does not write into your own file;"
            " change it there, or remove the link to install a copy"
        )
    fsutil.atomic_write(target, text, limit=fsutil.MAX_SOURCE_BYTES)
    return replaced


def _holds(file: Path, path: dict) -> bool:
    """Whether file reads as path already. Such a file is left as it is: its comments and layout stay (it
    may be the author's own file, linked into the paths folder), and a synced folder sees no change."""
    try:
        return pathfile.parse(fsutil.read_file(file, fsutil.MAX_SOURCE_BYTES), str(file)) == path
    except PathcliError:
        return False


def shown_yaml(path_id: str) -> str:
    """A path as YAML in the documented format, step ids written out, with the source (and base URL) of one
    of the user's paths: so that the text, edited and added back, updates that same path (`path show`)."""
    entry = find(path_id)
    data = load_entry(entry).to_dict()
    if not entry.bundled:
        recorded = pathfile.parse(fsutil.read_file(entry.file, fsutil.MAX_SOURCE_BYTES), str(entry.file))
        data.update({key: recorded[key] for key in ("source", "base_url") if recorded.get(key)})
    return pathfile.to_yaml(data)


def installable(path_id: str) -> Path:
    """Where the user's path of that id is installed; a PathcliError if a bundled path has that id."""
    if (locations.bundled_paths_dir() / f"{path_id}.yaml").is_file():
        raise PathcliError(
            f"'{path_id}' is the id of a path that comes with pathcli, which cannot be replaced: add yours under"
            " another id (--id NEW, or the file's id: line)"
        )
    return locations.user_paths_dir() / f"{path_id}.yaml"


def removable(path_id: str) -> PathFile:
    """The user's path of that id; a missing or bundled path is refused (before anyone is asked to confirm)."""
    entry = find(path_id)
    if entry.bundled:
        raise PathcliError(f"'{path_id}' comes with pathcli and cannot be removed")
    return entry


def uninstall(path_id: str) -> None:
    entry = removable(path_id)
    try:
        entry.file.unlink()
    except OSError as error:
        raise PathcliError(f"cannot remove {entry.file}: {error.strerror}") from None
