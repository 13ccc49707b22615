"""Installing paths: checking and adding a path file, importing Markdown from a file or the web, updating a
path from its source without moving progress, showing one as YAML and removing one."""

import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from pathcli.actions import write_new_file
from pathcli.domain.model import DONE, Progress, now
from pathcli.domain.path import LearningPath
from pathcli.errors import PathcliError
from pathcli.store import catalog, fsutil, pathfile, storage
from pathcli.text import excerpt, is_web_address, unicode_problem
from pathcli.web import addresses

if TYPE_CHECKING:
    from pathcli.importing.fetch import Page
    from pathcli.importing.reimport import Reconciled
    from pathcli.importing.report import ImportReport


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
