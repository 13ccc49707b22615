"""What each command does, between the command line and the features, the store and the domain: it picks
the path, reads or changes the progress file once, and returns plain results for rendering. Anything the
user must fix is a PathcliError, raised before anything is written.

This module holds the learner's day (marks, notes, the path in use, find, stats and the goal as of today,
sync); installing holds adding, importing, updating, showing and removing paths; exports the export
formats. May import the features, the store, the domain and the shared helpers; never a view or the
command line. Time and the environment enter here ("today", "now"), as parameters of what it calls."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple, TypeVar

from pathcli.domain.model import Progress, Tally, now
from pathcli.domain.path import LearningPath, Step
from pathcli.errors import PathcliError
from pathcli.store import catalog, fsutil, pathfile, storage
from pathcli.text import excerpt, is_web_address


class Tracked(NamedTuple):
    """A path and the learner's progress through it."""

    path: LearningPath
    progress: Progress


def _tracked(document: dict, chosen: str | None) -> Tracked:
    path = catalog.load(catalog.active_id(document, chosen))
    progress = Progress(document, path.id)
    progress.follow_renamed(pathfile.earlier_ids(path, progress.kept_ids()))
    return Tracked(path, progress)


def view(chosen: str | None) -> Tracked:
    """The path a read-only command shows: chosen for this run, else the one in use."""
    return _tracked(storage.load(), chosen)


_Result = TypeVar("_Result")


def _change(chosen: str | None, apply: Callable[[Tracked], _Result]) -> _Result:
    """apply to the chosen path and its progress, saved under the lock (see storage.change: apply may
    run twice, so it changes nothing but the document)."""

    def follow_then_apply(document: dict) -> _Result:
        tracked = _tracked(document, chosen)
        tracked.progress.follow_resources(tracked.path)
        return apply(tracked)

    return storage.change(follow_then_apply)


class Marked(NamedTuple):
    """What marking did: each step with whether it changed, and where the learner is now."""

    changes: list[tuple[Step, bool]]
    path: LearningPath
    current: Step | None
    tally: Tally


def mark(chosen: str | None, refs: list[str] | None, status: str, note: str | None = None) -> Marked:
    """Set the status of every step named (all are checked first), or of the current step when none is;
    with a note, save it on each of them in the same change."""
    at = now()

    def apply(tracked: Tracked) -> Marked:
        progress = tracked.progress
        steps = tracked.path.steps_for(refs) if refs else [progress.step_or_current(tracked.path, None)]
        changes = [(step, progress.set_status(step, status, at)) for step in steps]
        for step in steps if note is not None else ():
            progress.add_note(step, note, at)
        return Marked(changes, tracked.path, progress.current_step(tracked.path), progress.tally(tracked.path))

    return _change(chosen, apply)


def pick(chosen: str | None, ref: str | None) -> Step:
    """The step named, or the current one."""
    tracked = view(chosen)
    return tracked.progress.step_or_current(tracked.path, ref)


def start(chosen: str | None, ref: str | None) -> tuple[Step, bool]:
    """The step to open, marked as started if it was todo; only web addresses are ever opened."""
    at = now()

    def apply(tracked: Tracked) -> tuple[Step, bool]:
        step = tracked.progress.step_or_current(tracked.path, ref)
        if not is_web_address(step.url):
            raise PathcliError(f"step {step.number} has no web address to open: '{excerpt(step.url)}'")
        return step, tracked.progress.start(step, at)

    return _change(chosen, apply)


def launch_browser(url: str) -> bool:
    import webbrowser

    try:
        return webbrowser.open(url)
    except Exception:  # any browser failure is reported the same way: the URL is printed for the user
        return False


def split_note_arguments(chosen: str | None, words: list[str]) -> tuple[str | None, str | None]:
    """`note [STEP] [TEXT]...`: the step named first, if the first word names one of the path's steps (a
    number always does), and the text that follows, if any. None for what is not given."""
    if not words:
        return None, None
    first = words[0].strip()
    path = view(chosen).path
    names_a_step = first.isascii() and first.isdigit() or any(step.id == first for step in path.steps)
    if not names_a_step:
        return None, " ".join(words)
    if len(words) > 1 and first.isascii() and first.isdigit():
        try:
            path.step(first)
        except PathcliError as error:
            text = excerpt(" ".join(words))
            raise PathcliError(
                f'{error}. To start a note with a number, quote the note: pathcli note "{text}"'
            ) from None
    return first, " ".join(words[1:]) if len(words) > 1 else None


def _note_change(chosen: str | None, ref: str | None, change: Callable[[Progress, Step, str], object]) -> Step:
    """change(progress, step, now) on the step named (or the current one), saved; the step is returned."""
    at = now()

    def apply(tracked: Tracked) -> Step:
        step = tracked.progress.step_or_current(tracked.path, ref)
        change(tracked.progress, step, at)
        return step

    return _change(chosen, apply)


def note_target(chosen: str | None, ref: str | None) -> Step:
    """The step a new note goes to: the one named, else the one just finished, else the current one."""
    tracked = view(chosen)
    if ref is None:
        finished = tracked.progress.just_finished(tracked.path, now())
        if finished is not None:
            return finished
    return tracked.progress.step_or_current(tracked.path, ref)


def add_note(chosen: str | None, ref: str | None, text: str) -> tuple[Step, bool]:
    """Save a note on the step named, else the one just finished, else the current one; and whether it was that."""
    at = now()

    def apply(tracked: Tracked) -> tuple[Step, bool]:
        finished = tracked.progress.just_finished(tracked.path, at) if ref is None else None
        step = finished or tracked.progress.step_or_current(tracked.path, ref)
        tracked.progress.add_note(step, text, at)
        return step, finished is not None

    return _change(chosen, apply)


def edit_note(chosen: str | None, ref: str | None, number: int, text: str) -> Step:
    return _note_change(chosen, ref, lambda progress, step, at: progress.edit_note(step, number, text, at))


def delete_note(chosen: str | None, ref: str | None, number: int) -> Step:
    return _note_change(chosen, ref, lambda progress, step, at: progress.delete_note(step, number, at))


def find_note(chosen: str | None, ref: str | None, number: int) -> tuple[Step, dict]:
    """A live note by its number on the step named (or the current one), to show before changing it."""
    tracked = view(chosen)
    step = tracked.progress.step_or_current(tracked.path, ref)
    return step, tracked.progress.note(step, number)


def reset(chosen: str | None) -> bool:
    return _change(chosen, lambda tracked: tracked.progress.clear(now()))


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
    return [
        PathRow(entry, path, path and Progress(document, path.id).tally(path), problem, entry.id == active)
        for entry, path, problem in catalog.every_path()
    ]


def find(query: str):
    """Steps of every readable path that contain query (see search); unreadable paths are passed over."""
    from pathcli.domain import search

    if not query.strip():
        raise PathcliError("give the text to find")
    document = storage.load()
    tracked = [(path, Progress(document, path.id)) for _, path, _ in catalog.every_path() if path is not None]
    return search.find(tracked, query)


# What a file's name says it is, for pointing a near miss at the right command.
def sync():
    """Merge the sync service's conflict copies (as every change does) and report on each; with none, no lock
    is taken and nothing is created. Returns (the report, the data folder)."""
    import time

    from pathcli.store import conflicts, locations

    folder = locations.progress_file().parent
    if conflicts.find(folder, time.time()):
        with storage.update():
            pass
    return conflicts.take_report(), folder


def write_new_file(file: Path, text: str, overwrite: bool) -> None:
    """Write an output file the user named; an existing file is replaced only when they said so, and
    only a regular file (a device, FIFO or folder is refused); a missing folder is not created."""
    if str(file) == "-":  # the usual name for standard output, never meant as a file named "-"
        raise PathcliError("-o - is not a file name: leave out -o to print to the screen (export does)")
    if not overwrite and os.path.lexists(file):
        raise PathcliError(f"{file} exists already: choose another name, or add --force to replace it")
    fsutil.atomic_write(file, text.encode("utf-8"), create_folder=False)


def stats_today(tracked: Tracked):
    """How the learner is doing on a tracked path, as of today in the system's local time zone."""
    from datetime import date

    from pathcli.insight import stats

    return stats.measure(tracked.path, tracked.progress, date.today(), None)


def goal_today(tracked: Tracked, measured=None):
    """The path's goal as of today (goal.plan.Plan) from the numbers of stats_today (or measured), or None."""
    goal = tracked.progress.goal()
    if goal is None:
        return None
    from pathcli.goal import plan

    measured = measured or stats_today(tracked)
    left, minutes, pace = measured.remaining_steps, measured.remaining_minutes, measured.recent_per_week
    return plan.plan(goal, measured.today, left, minutes, pace)


def set_goal(chosen: str | None, typed: str | None) -> Tracked:
    """Set the goal of the chosen path to the date typed (see goal.plan.read_goal), or clear it (None)."""
    from datetime import date

    from pathcli.goal.plan import read_goal

    goal, at = None if typed is None else read_goal(typed, date.today()), now()
    return _change(chosen, lambda tracked: tracked.progress.set_goal(goal, at) or tracked)
