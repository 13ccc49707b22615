"""What each command does, between the command line and the domain: it picks the path, reads or
changes the progress file once, and returns plain results for rendering. Anything the user must fix
is a PathcliError, raised before anything is written."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from pathcli import catalog, fsutil, pathfile, storage
from pathcli.errors import PathcliError
from pathcli.model import LearningPath, Progress, Step, Tally, now
from pathcli.text import excerpt


class Tracked(NamedTuple):
    """A path and the learner's progress through it."""

    path: LearningPath
    progress: Progress


def _tracked(document: dict, chosen: str | None) -> Tracked:
    path = catalog.load(catalog.active_id(document, chosen))
    return Tracked(path, Progress(document, path.id))


def view(chosen: str | None) -> Tracked:
    """The path a read-only command shows: chosen for this run, else the one in use."""
    return _tracked(storage.load(), chosen)


_Result = TypeVar("_Result")


def _change(chosen: str | None, apply: Callable[[Tracked], _Result]) -> _Result:
    """apply to the chosen path and its progress, saved under the lock (see storage.change: apply may
    run twice, so it changes nothing but the document)."""
    return storage.change(lambda document: apply(_tracked(document, chosen)))


def mark(chosen: str | None, refs: list[str], status: str) -> list[tuple[Step, bool]]:
    """Set the status of every step named (all are checked first); each with whether it changed."""
    at = now()

    def apply(tracked: Tracked) -> list[tuple[Step, bool]]:
        steps = tracked.path.steps_for(refs)
        return [(step, tracked.progress.set_status(step, status, at)) for step in steps]

    return _change(chosen, apply)


def start(chosen: str | None, ref: str) -> tuple[Step, bool]:
    """The step to open, marked as started if it was todo; only web addresses are ever opened."""
    at = now()

    def apply(tracked: Tracked) -> tuple[Step, bool]:
        step = tracked.path.step(ref)
        if not step.url.lower().startswith(("http://", "https://")):
            raise PathcliError(f"step {step.number} has no web address to open: {step.url!r}")
        return step, tracked.progress.start(step, at)

    return _change(chosen, apply)


def launch_browser(url: str) -> bool:
    import webbrowser

    try:
        return webbrowser.open(url)
    except Exception:  # any browser failure is reported the same way: the URL is printed for the user
        return False


def add_note(chosen: str | None, ref: str, text: str) -> Step:
    at = now()

    def apply(tracked: Tracked) -> Step:
        step = tracked.path.step(ref)
        tracked.progress.add_note(step, text, at)
        return step

    return _change(chosen, apply)


def reset(chosen: str | None) -> bool:
    return _change(chosen, lambda tracked: tracked.progress.clear())


def use(path_id: str) -> LearningPath:
    def apply(document: dict) -> LearningPath:
        path = catalog.load(path_id)
        document["active_path"] = path.id
        return path

    return storage.change(apply)


class PathRow(NamedTuple):
    entry: catalog.PathFile
    path: LearningPath | None
    tally: Tally | None
    problem: str | None
    active: bool


def overview() -> list[PathRow]:
    """Every path there is, with its progress; a path file that cannot be read is listed with why."""
    document = storage.load()
    active = catalog.active_id(document, None)
    rows = []
    for entry in catalog.available():
        try:
            path = catalog.load(entry.id)
        except PathcliError as error:
            rows.append(PathRow(entry, None, None, str(error), entry.id == active))
            continue
        tally = Progress(document, path.id).summary(path).overall
        rows.append(PathRow(entry, path, tally, None, entry.id == active))
    return rows


def check_path_file(file: Path) -> tuple[dict, bytes]:
    raw = fsutil.read_file(file, fsutil.MAX_SOURCE_BYTES)
    return pathfile.parse(raw, str(file)), raw


def add_path(file: Path) -> tuple[LearningPath, bool]:
    """Install a path file; True when it replaced the user's path of the same id."""
    data, raw = check_path_file(file)
    return LearningPath.from_dict(data), catalog.install(data, raw)


def convert_markdown(file: Path, path_id: str | None) -> dict:
    from pathcli.markdown_import import convert

    if path_id is not None and not pathfile.is_slug(path_id):
        raise PathcliError(
            f"--id '{excerpt(path_id)}' must be lower-case letters a-z, digits and hyphens, like 'my-path'"
        )
    text = fsutil.decode_utf8(fsutil.read_file(file, fsutil.MAX_SOURCE_BYTES), str(file))
    return convert(text, str(file), path_id)[0]


def write_path_yaml(data: dict, file: Path, overwrite: bool) -> None:
    write_new_file(file, pathfile.to_yaml(data), overwrite)


def install_converted(data: dict) -> tuple[LearningPath, bool]:
    return LearningPath.from_dict(data), catalog.install(data, pathfile.to_yaml(data).encode("utf-8"))


def remove_path(path_id: str, purge: bool) -> bool:
    """Uninstall a user's path; its progress is kept unless purge. True when progress was purged.

    Under the lock, progress is written first (without active_path pointing at the path, and without its
    progress when purged), then the file is deleted: a failure or a kill at any point leaves a state in
    which every command works."""

    def apply(document: dict) -> bool:
        catalog.removable(path_id)
        if document.get("active_path") == path_id:
            del document["active_path"]
        return purge and document["paths"].pop(path_id, None) is not None

    return storage.change(apply, then=lambda: catalog.uninstall(path_id))


EXPORT_FORMATS = ("json", "markdown")


def export_text(chosen: str | None, export_format: str) -> str:
    """All progress as JSON, or the journal of the chosen path as Markdown."""
    if export_format not in EXPORT_FORMATS:
        raise PathcliError(f"unknown format '{export_format}': choose {' or '.join(EXPORT_FORMATS)}")
    from pathcli import exchange

    if export_format == "markdown":
        tracked = view(chosen)
        return exchange.to_markdown(tracked.path, tracked.progress)
    return exchange.to_json(storage.load())


def write_new_file(file: Path, text: str, overwrite: bool) -> None:
    """Write an output file the user named; an existing file is replaced only when they said so, and
    only a regular file (a device, FIFO or folder is refused); a missing folder is not created."""
    if not overwrite and os.path.lexists(file):
        raise PathcliError(f"{file} exists already: choose another name, or add --force to replace it")
    fsutil.atomic_write(file, text.encode("utf-8"), create_folder=False)


def import_progress(file: Path, replace: bool) -> tuple[int, int]:
    """Restore an export: merged by path id and step id, or replacing all progress.
    Returns (step records changed, notes added); for replace, (step records, notes) restored."""
    from pathcli import exchange

    incoming = exchange.read_export(fsutil.read_file(file, fsutil.MAX_EXPORT_BYTES), str(file))

    def apply(document: dict) -> tuple[int, int]:
        if not replace:
            return exchange.merge(document, incoming)
        document["paths"] = incoming["paths"]
        records = [record for entry in incoming["paths"].values() for record in entry["steps"].values()]
        return len(records), sum(len(record.get("notes", [])) for record in records)

    return storage.change(apply)


def stats_today(tracked: Tracked):
    """How the learner is doing on a tracked path, as of today in the system's local time zone."""
    from datetime import date

    from pathcli import stats

    return stats.measure(tracked.path, tracked.progress, date.today(), None)
