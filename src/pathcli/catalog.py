"""Which learning paths there are: the bundled ones (every YAML file in the package's data folder) and the
user's own, installed as <data dir>/paths/<id>.yaml. A path's file is named after its id, so finding
one is a single look-up rather than a parse of every file."""

import contextlib
from pathlib import Path
from typing import NamedTuple

from pathcli import fsutil, locations, pathfile
from pathcli.errors import PathcliError
from pathcli.model import LearningPath

DEFAULT_PATH_ID = "transformers"


class PathFile(NamedTuple):
    id: str
    file: Path
    bundled: bool


def available() -> list[PathFile]:
    """Every path, bundled ones first, each group by id."""
    bundled = [PathFile(file.stem, file, True) for file in sorted(locations.bundled_paths_dir().glob("*.yaml"))]
    taken = {entry.id for entry in bundled}
    own = [
        PathFile(file.stem, file, False)
        for file in sorted(_user_files())
        if file.stem not in taken and pathfile.is_slug(file.stem)
    ]
    return bundled + own


def _user_files() -> list[Path]:
    try:
        return list(locations.user_paths_dir().glob("*.yaml"))
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
    raise PathcliError(f"no path '{path_id}': the paths there are {ids}")


def load(path_id: str) -> LearningPath:
    return pathfile.load(find(path_id).file)


def active_id(document: dict, chosen: str | None) -> str:
    """The path a command works on: the one chosen for this run, else the one in use, else the default."""
    return chosen or document.get("active_path") or DEFAULT_PATH_ID


def install(path: dict, text: bytes) -> bool:
    """Install a validated path (text is its YAML); True when it replaced a user path of the same id.
    A bundled path is never replaced."""
    path_id = path["id"]
    if (locations.bundled_paths_dir() / f"{path_id}.yaml").is_file():
        raise PathcliError(f"'{path_id}' is the id of a path that comes with pathcli; give yours another id")
    target = locations.user_paths_dir() / f"{path_id}.yaml"
    replaced = target.is_file()
    fsutil.atomic_write(target, text)
    return replaced


def uninstall(path_id: str) -> None:
    entry = find(path_id)
    if entry.bundled:
        raise PathcliError(f"'{path_id}' comes with pathcli and cannot be removed")
    try:
        entry.file.unlink()
    except OSError as error:
        raise PathcliError(f"cannot remove {entry.file}: {error.strerror}") from None
