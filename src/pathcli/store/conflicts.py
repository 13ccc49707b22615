"""Conflict copies of progress.json that sync services leave beside it: found, merged and set aside.

When two machines change progress.json before the sync service has carried one change to the other, the
service keeps one version as progress.json and puts the other beside it under a name of its own
(MARKERS). Under the lock, every change merges each such copy into progress.json (pathcli.domain.merge) before
the change itself, writes, and then moves the copy into conflicts-merged/, never deleting nor overwriting
one. A copy is merged only if it reads as a progress document of a format this pathcli knows, and only
once neither its modification nor its status-change time is within SETTLE_SECONDS of now: a copy still
being written waits for the next command. A copy that cannot be read is left where it is and reported.

What happened during a command is gathered in a report that the command line prints (take_report).
"""

import functools
import os
import re
import stat
from pathlib import Path

from pathcli.errors import PathcliError
from pathcli.store import fsutil
from pathcli.store.document import parse as parse_progress

SETTLE_SECONDS = 5.0
MERGED_FOLDER = "conflicts-merged"
_STEM, _EXTENSION = "progress", ".json"

# What each service adds to the name before the extension, as their sources and help pages write it. A copy
# of a copy carries several markers, innermost first: the first one names the service.
MARKERS = (
    # lib/model/folder_sendrecv.go conflictName: the local time and the short id of the device that made the
    # kept version, which older versions leave out.
    ("Syncthing", r"\.sync-conflict-\d{8}-\d{6}(?:-[A-Z0-9]{7})?"),
    # Nextcloud and ownCloud desktop clients, Utility::makeConflictFileName (the user name has no parentheses)
    # and makeCaseClashConflictFileName; `_conflict-` is the name older clients gave.
    ("Nextcloud/ownCloud", r" \(conflicted copy (?:[^()]* )?\d{4}-\d{2}-\d{2} \d{6}\)"),
    ("Nextcloud/ownCloud", r" \(case clash from [^()]*\)"),
    ("Nextcloud/ownCloud", r"_conflict-\d{8}-\d{6}"),
    # Seafile gen_conflict_path: "(SFConflict <modifier> %Y-%m-%d-%H-%M-%S)".
    ("Seafile", r" \(SFConflict [^()]* \d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\)"),
    # Dropbox: "(<device>'s conflicted copy <date>)" in the user's language ("Copie en conflit de <device>
    # <date>", "In Konflikt stehende Kopie von ...", "Copia in conflitto di ..."), sometimes with a counter;
    # and the copies it makes when names differ only in case or in Unicode form.
    ("Dropbox", r" \([^()]*\d{4}-\d{2}-\d{2}(?: \(\d+\))?\)"),
    ("Dropbox", r" \((?:Case|Unicode Encoding) Conflict(?: \d+)?\)"),
    ("Resilio Sync", r"\.Conflict"),
    ("Google Drive", r" \(\d+\)"),
    ("iCloud Drive", r" \d+"),
    # OneDrive appends the computer's name: letters, digits and hyphens.
    ("OneDrive", r"-[A-Za-z0-9][A-Za-z0-9_-]*"),
)

MERGED, UNREADABLE, BEING_WRITTEN, WAITING, NOT_MOVED = (
    "merged",
    "unreadable",
    "being written",
    "waiting",
    "merged, not moved",
)


def service_of(name: str, kept: str = _STEM + _EXTENSION) -> str | None:
    """The service whose conflict copy of the file named kept (progress.json) this file name is, or None if
    it is none."""
    kept_stem, extension = os.path.splitext(kept)
    if not (name.startswith(kept_stem) and name.endswith(extension)) or name == kept:
        return None
    stem, service = name[: len(name) - len(extension)], None
    while stem != kept_stem:
        for candidate, pattern in _patterns():
            match = pattern.fullmatch(stem)
            if match:
                stem, service = match.group(1), candidate
                break
        else:
            return None
    return service


@functools.cache
def _patterns() -> tuple:
    """The markers compiled, on first use (about 2 ms, which most commands need not pay). The prefix is
    greedy: each step strips the shortest marker at the end of the name."""
    return tuple((service, re.compile(rf"(.*)(?:{marker})")) for service, marker in MARKERS)


class Copy:
    """A conflict copy found beside progress.json. (Plain classes here: a NamedTuple costs a read command
    about 0.2 ms to define, and every read command imports this module.)"""

    __slots__ = ("file", "service", "document", "state", "problem", "signature")

    def __init__(
        self, file: Path, service: str, document: dict | None, state: str | None, problem: str | None, signature: tuple
    ):
        self.file, self.service = file, service
        self.document = document  # its progress, when it can be merged now
        self.state, self.problem = state, problem  # else why not: UNREADABLE or BEING_WRITTEN, and in words
        self.signature = signature  # size, modification time and inode when read: one changed since stays


def _kept_file(folder: Path) -> Path:
    """The file the sync service keeps in step: progress.json in folder, or, when that is a symbolic link
    (into a synced folder elsewhere), the file it leads to, beside which the service puts its copies."""
    return fsutil.written_file(folder / (_STEM + _EXTENSION))


def find(folder: Path, now: float) -> list[Copy]:
    """Every conflict copy of progress.json in folder (beside the file it links to, if it is a link), by
    name, each read and checked. Nothing is changed."""
    kept = _kept_file(folder)
    folder = kept.parent
    try:
        names = sorted(os.listdir(folder))
    except OSError:  # no folder yet, or not one: no copies
        return []
    copies = []
    for name in names:
        service = service_of(name, kept.name)
        if service is None:
            continue
        file = folder / name
        try:
            info = os.lstat(file)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        signature = (info.st_size, info.st_mtime_ns, info.st_ino)
        if any(abs(now - moment) < SETTLE_SECONDS for moment in (info.st_mtime, info.st_ctime)):
            # A future time is a clock ahead on another machine, not a write in progress; ctime is this one's.
            problem = "still being written: the next command merges it"
            copies.append(Copy(file, service, None, BEING_WRITTEN, problem, signature))
            continue
        try:
            document = parse_progress(fsutil.read_file(file, fsutil.MAX_PROGRESS_BYTES), name)
        except PathcliError as error:
            copies.append(Copy(file, service, None, UNREADABLE, str(error), signature))
            continue
        copies.append(Copy(file, service, document, None, None, signature))
    return copies


class Outcome:
    __slots__ = ("name", "service", "state", "detail")

    def __init__(self, name: str, service: str, state: str, detail: str | None):
        self.name, self.service = name, service
        self.state = state  # MERGED, NOT_MOVED, UNREADABLE, BEING_WRITTEN or WAITING
        self.detail = detail  # where the copy is now, or why it was not merged


class Report:
    """What this command found and did, for the command line to tell (each copy once)."""

    def __init__(self):
        self.outcomes: dict[str, Outcome] = {}
        self.steps = self.notes = self.goals = 0

    def add(self, copy: Copy, state: str, detail: str | None) -> None:
        self.outcomes[copy.file.name] = Outcome(copy.file.name, copy.service, state, detail)

    def merged(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes.values() if outcome.state in (MERGED, NOT_MOVED)]


_report = Report()


def take_report() -> Report:
    """What happened since the last call; starts a new report."""
    global _report
    taken, _report = _report, Report()
    return taken


def note_waiting(folder: Path, now: float) -> None:
    """For commands that only read: report the copies that wait to be merged, changing nothing."""
    for copy in find(folder, now):
        _report.add(copy, copy.state or WAITING, copy.problem)


class Absorbed:
    """Copies merged into a document that is about to be written; set_aside once it has been."""

    def __init__(self, copies: list[Copy], steps: set, notes: int, goals: frozenset = frozenset()):
        self.copies, self.steps, self.notes, self.goals = copies, steps, notes, goals

    def set_aside(self, folder: Path) -> None:
        """Move each copy into conflicts-merged/ beside it (in folder, unless progress.json links elsewhere)."""
        if not self.copies:
            return
        _report.steps += len(self.steps)
        _report.notes += self.notes
        _report.goals += len(self.goals)
        for copy in self.copies:
            beside = copy.file.parent
            try:
                moved = _move_into_merged(copy, beside / MERGED_FOLDER)
            except (OSError, PathcliError) as error:
                _report.add(copy, NOT_MOVED, f"merged, but not moved: {getattr(error, 'strerror', None) or error}")
            else:
                where = Path(MERGED_FOLDER) if beside == folder else beside / MERGED_FOLDER
                _report.add(copy, MERGED, f"{where.as_posix()}/{moved}")


def absorb(document: dict, folder: Path, now: float) -> Absorbed:
    """Merge every copy in folder that can be merged now into document; report the others."""
    merged, steps, notes, goals = [], set(), 0, frozenset()  # a step two copies change counts once
    for copy in find(folder, now):
        if copy.document is None:
            _report.add(copy, copy.state, copy.problem)
            continue
        from pathcli.domain.merge import merge_into  # only when there is a copy: most writes have none

        counts = merge_into(document, copy.document)
        steps, notes, goals = steps | counts.steps, notes + counts.notes, goals | counts.goals
        merged.append(copy)
    return Absorbed(merged, steps, notes, goals)


def _move_into_merged(copy: Copy, destination: Path) -> str:
    """Move the copy into destination under a name no other file there has, and return that name. The name
    carries this machine's name, so that two machines moving the same synced copy make two files, not a
    conflict; a copy changed since it was read stays (the next command merges it)."""
    info = os.lstat(copy.file)
    if (info.st_size, info.st_mtime_ns, info.st_ino) != copy.signature:
        raise PathcliError("it changed while being merged; the next command merges it again")
    fsutil.ensure_dir(destination)
    stem, extension = os.path.splitext(copy.file.name)
    host = _machine_name()
    number = 1
    while True:
        name = f"{stem}.merged-on-{host}{'' if number == 1 else f'-{number}'}{extension}"
        try:
            os.link(copy.file, destination / name)  # fails rather than replace a file of that name
        except FileExistsError:
            number += 1
            continue
        except OSError:  # a file system without hard links: rename, having looked first
            if (destination / name).exists():
                number += 1
                continue
            os.rename(copy.file, destination / name)
            return name
        os.unlink(copy.file)
        return name


def _machine_name() -> str:
    import socket

    return re.sub(r"[^A-Za-z0-9-]+", "-", socket.gethostname()).strip("-") or "this-machine"
