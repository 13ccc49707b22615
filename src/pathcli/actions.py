"""What each command does, between the command line and the domain: it picks the path, reads or
changes the progress file once, and returns plain results for rendering. Anything the user must fix
is a PathcliError, raised before anything is written."""

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from pathcli.domain.model import DONE, LearningPath, Progress, Step, Tally, now
from pathcli.errors import PathcliError
from pathcli.store import catalog, fsutil, pathfile, storage
from pathcli.text import excerpt, is_web_address, unicode_problem
from pathcli.web import addresses

if TYPE_CHECKING:
    from pathcli.importing.fetch import Page
    from pathcli.importing.reimport import Reconciled
    from pathcli.importing.report import ImportReport


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
    names_a_step = first.isascii() and first.isdigit() or any(step.id == first for step in view(chosen).path.steps)
    if not names_a_step:
        return None, " ".join(words)
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
_MARKDOWN_SUFFIXES = (".md", ".markdown")
_YAML_SUFFIXES = (".yaml", ".yml")


def check_path_file(file: Path) -> tuple[dict, bytes]:
    raw = fsutil.read_file(file, fsutil.MAX_SOURCE_BYTES)
    if file.suffix.lower() in _MARKDOWN_SUFFIXES:
        raise PathcliError(f"{file} is Markdown: turn it into a path with pathcli path import {file}")
    return pathfile.parse(raw, str(file)), raw


class Installed(NamedTuple):
    """What installing a path did: the path; the changes since the version it replaced (None if new);
    how many checked boxes were marked done."""

    path: LearningPath
    changes: "Reconciled | None"
    marked_done: int
    kept_fixed: int = 0  # addresses fixed by `check --update` that `path update` kept over its source's


class Converted(NamedTuple):
    data: dict
    report: "ImportReport"
    page: "Page"
    base_url: str | None = None  # as given (--base-url): recorded, so that path update resolves the same


def add_path(file: Path, replace: bool = False, path_id: str | None = None) -> Installed:
    """Install a path file (under path_id, if given), keeping progress on its resources; one whose `source:` is
    the installed path's (as `path show` prints it) updates that path, and is its source from then on."""
    data, raw = check_path_file(file)
    if path_id is not None:
        _check_id(path_id)
        data = {**data, "id": path_id}
    claimed = data.get("source") or None
    return _install(data, str(file.absolute()), replace, (), raw, claimed)


def _check_id(path_id: str) -> None:
    if not pathfile.is_slug(path_id):
        raise PathcliError(
            f"--id '{excerpt(path_id)}' must be lower-case letters a-z, digits and hyphens, like 'my-path'"
        )


def path_yaml(path_id: str) -> str:
    return catalog.shown_yaml(path_id)


def convert_markdown(source: str, path_id: str | None, base_url: str | None = None) -> Converted:
    """The path that the Markdown at source (a file or an http(s) URL) describes."""
    from pathcli.importing import fetch
    from pathcli.importing.markdown_import import convert

    if path_id is not None:
        _check_id(path_id)
    if base_url is not None and not is_web_address(base_url):
        raise PathcliError(f"--base-url '{excerpt(base_url)}' must be an http:// or https:// address")
    if base_url is not None and addresses.url_problem(base_url) is not None:
        raise PathcliError(f"--base-url '{excerpt(base_url)}': {addresses.url_problem(base_url)}")
    if base_url is not None and not addresses.without_password(base_url):
        # saved with the path and in every step's address, and shown: refused as in an import URL
        raise PathcliError("--base-url: an address with a user name or password is not accepted")
    page = fetch.read(source)
    hint = None if base_url or page.base_url or fetch.is_url(source) else fetch.forge_address(Path(source))
    data, report = convert(page.text, source, path_id, base_url or page.base_url, hint)
    return Converted(data, report, page, base_url)


def write_path_yaml(data: dict, file: Path, overwrite: bool) -> None:
    write_new_file(file, _readable_path_file(data).decode("utf-8"), overwrite)


def _readable_path_file(path: dict, text: bytes | None = None) -> bytes:
    """The path file for path (text, if already made): refused when it is more than pathcli reads back,
    as from a Markdown file near the size limit, whose YAML is larger (every step's id and keys)."""
    text = text if text is not None else pathfile.to_yaml(path).encode("utf-8")
    if len(text) > fsutil.MAX_SOURCE_BYTES:
        raise PathcliError(
            f"'{path['id']}' would be a path file of {len(text) / 1024 / 1024:.1f} MiB, more than the"
            f" {fsutil.MAX_SOURCE_BYTES // 1024 // 1024} MiB pathcli reads: split it into smaller paths"
        )
    return text


def install_converted(converted: Converted, replace: bool, done_checked: bool) -> Installed:
    checked = converted.report.checked if done_checked else ()
    data = {**converted.data, "base_url": converted.base_url} if converted.base_url else converted.data
    return _install(data, converted.page.source, replace, checked)


def update_path(path_id: str, done_checked: bool, base_url: str | None = None) -> tuple[Installed, Converted | None]:
    """Read an installed path's recorded source again and install what it says now, its relative links resolved
    against base_url (recorded from now on) or the one recorded; the Markdown import's report comes back too
    (None for a path file in YAML)."""
    from pathcli.importing import fetch

    entry = catalog.find(path_id)
    if entry.bundled:
        raise PathcliError(f"'{path_id}' comes with pathcli and is updated with pathcli itself")
    recorded = pathfile.parse(fsutil.read_file(entry.file, fsutil.MAX_SOURCE_BYTES), str(entry.file))
    source = recorded.get("source")
    if not source:
        raise PathcliError(
            f"'{path_id}' was installed without a record of where it came from:"
            f" import it once more with pathcli path import FILE|URL --id {path_id}"
        )
    if not fetch.is_url(source) and source.lower().endswith(_YAML_SUFFIXES):
        return add_path(Path(source)), None
    converted = convert_markdown(source, path_id, base_url or recorded.get("base_url") or None)
    fixes = recorded.get("fixed") or []
    if fixes:  # what `check --update` fixed stays fixed, though the source still says the old address
        data, kept = pathfile.with_fixes_applied(converted.data, fixes)
        converted = converted._replace(data=data)
        return install_converted(converted, False, done_checked)._replace(kept_fixed=kept), converted
    return install_converted(converted, False, done_checked), converted


def _same_source(one: str, other: str) -> bool:
    from pathcli.importing.fetch import is_url
    from pathcli.importing.stepids import normalise_url

    if is_url(one) and is_url(other):
        return normalise_url(one) == normalise_url(other)
    return os.path.normcase(os.path.abspath(one)) == os.path.normcase(os.path.abspath(other))


def _install(
    data: dict,
    source: str,
    replace: bool,
    checked: tuple[int, ...],
    raw: bytes | None = None,
    claimed: str | None = None,
) -> Installed:
    """Install data as the user's path of its id, recording source. Over an installed path, only the same
    source may update it unless replace; either way progress stays on its resources (reimport). Under the
    lock, progress is written first (the addresses of removed steps, checked boxes), then the path file:
    raw (the YAML as its author wrote it, comments and all) with the source added, unless ids had to change."""
    from pathcli.importing import reimport
    from pathcli.links import linkcache

    target = catalog.installable(data["id"])
    written: list[dict] = []

    def apply(document: dict) -> Installed:
        new = _with_own_steps(data)  # apply may run twice (storage.change), and changes only the steps' ids
        old = _installed_version(target, replace)
        same = old is None or not old.source or _same_source(old.source, source)
        if not (same or replace or (claimed and _same_source(old.source, claimed))):
            raise PathcliError(
                f"the path '{new['id']}' is installed already from {old.source}, not from {source}:"
                " choose another id with --id, or add --replace to replace it"
            )
        changes = None
        records = document["paths"].get(new["id"], {}).get("steps", {})
        if old is not None:
            moved = linkcache.moved()  # links that `check --update` may have rewritten: the same resources
            changes = reimport.reconcile(old.steps, new, reimport.recorded_addresses(records), moved)
            reimport.retire(records, changes)
        elif raw is None and records:
            # An import over progress kept from before (the path removed, or imported on another machine):
            # ids pathcli makes are matched to the records' addresses, so that no mark lands on another
            # resource, and a record made on a step renamed since is found again (a path file's ids decide).
            reimport.reconcile((), new, reimport.recorded_addresses(records))
        if _storable(source):
            new["source"] = source
        path = LearningPath.from_dict(new)
        progress = Progress(document, path.id)
        progress.follow_resources(path)
        at = now()
        marked = sum(progress.set_status(path.steps[number - 1], DONE, at) for number in checked)
        kept_as_written = raw is not None and [step.id for step in path.steps] == _step_ids(data)
        # made here, before progress is written, so that a path file too big to read back changes nothing
        written[:] = [new, _readable_path_file(new, _with_source(raw, new) if kept_as_written else None)]
        return Installed(path, changes, marked)

    def install() -> None:
        catalog.install(*written)

    return storage.change(apply, then=install)


def _storable(text: str) -> bool:
    """False for a file name with bytes that are not UTF-8 (decoded as lone surrogates), which a path file
    cannot hold: such a path is installed without its source, and `path update` says so."""
    return unicode_problem(text) is None


def _with_own_steps(data: dict) -> dict:
    """A copy of a path whose steps (and top-level keys) can be changed without changing data's."""
    sections = [{**section, "steps": [dict(step) for step in section["steps"]]} for section in data["sections"]]
    return {**data, "sections": sections}


def _step_ids(data: dict) -> list[str]:
    return [step["id"] for section in data["sections"] for step in section["steps"]]


def _with_source(raw: bytes, path: dict) -> bytes | None:
    """raw as the author wrote it, when it reads back as path (its `source:` line already there), else with
    a `source:` line added at the end, if that reads back as path; else None."""
    import json

    text = raw if raw.endswith(b"\n") else raw + b"\n"
    for candidate in (raw, text + f"source: {json.dumps(path['source'])}\n".encode()):  # JSON strings are YAML
        try:
            if pathfile.parse(candidate, "") == path:
                return candidate
        except PathcliError:  # another source: key of the author's, a flow mapping, a document end marker
            pass
    return None


def _installed_version(target: Path, replace: bool) -> LearningPath | None:
    """The user's path installed at target (from the parsed-path cache when it has not changed), or None;
    one that cannot be read is replaced only on request."""
    if not os.path.lexists(target):
        return None
    try:
        return pathfile.load(target)
    except PathcliError as error:
        if replace:
            return None
        raise PathcliError(f"{error}; add --replace to replace it without comparing") from None


def check_removable(path_id: str) -> None:
    catalog.removable(path_id)


def remove_path(path_id: str, purge: bool) -> bool:
    """Uninstall a user's path; its progress is kept unless purge. True when progress was purged.

    Under the lock, progress is written first (without active_path pointing at the path, and without its
    progress when purged), then the file is deleted: a failure or a kill at any point leaves a state in
    which every command works."""

    def apply(document: dict) -> bool:
        catalog.removable(path_id)
        if document.get("active_path") == path_id:
            del document["active_path"]
        return purge and Progress(document, path_id).clear(now())

    return storage.change(apply, then=lambda: catalog.uninstall(path_id))


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


EXPORT_FORMATS = ("json", "markdown", "html", "ics")


def export_text(chosen: str | None, export_format: str, notes: bool = True) -> tuple[str, list[str]]:
    """A whole backup as JSON (see transfer.backup), the journal of the chosen path as Markdown, its progress
    page as HTML (without notes when notes is False), or its goal's plan as a calendar; and why each of the
    learner's paths that cannot be read is left out of a backup."""
    from pathcli.transfer import backup, exchange

    if export_format == "html":
        return export_page(chosen, notes), []
    if export_format == "ics":
        from pathcli.goal.calendar import to_ics

        tracked = view(chosen)
        return to_ics(tracked.path, tracked.progress, goal_today(tracked), now()), []
    if export_format == "markdown":
        tracked = view(chosen)
        return exchange.to_markdown(tracked.path, tracked.progress), []
    paths, problems = backup.own_paths()
    return exchange.to_json(storage.load(), paths), problems


def export_page(chosen: str | None, notes: bool = True) -> str:
    """The progress page of the chosen path: the stats and their words as `stats` gives them today, and the
    links the last `pathcli check` found broken."""
    from pathcli.insight import wording
    from pathcli.links import linkcache
    from pathcli.page import html, model

    tracked = view(chosen)
    measured = stats_today(tracked)
    words = (wording.streak_text, wording.pace_text, wording.left_text, wording.finish_text)
    standing = model.Standing(measured.today, wording.calendar_days(measured), *(word(measured) for word in words))
    urls = [url for step in tracked.path.steps for url in (step.url, *(link.url for link in step.links))]
    page = model.gather(tracked.path, tracked.progress, standing, linkcache.broken(urls), now(), notes)
    return html.render(page)


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
