"""What `pathcli check` does: gather the links of the paths chosen, reuse results remembered from the
last 24 hours, check the rest with linkcheck, remember them with linkcache, and on request rewrite
permanent redirects in the user's own path file. The time of the check comes in as a parameter."""

import contextlib
import re
from collections.abc import Callable
from datetime import datetime
from typing import NamedTuple

from pathcli.domain.model import LearningPath, Step
from pathcli.errors import PathcliError
from pathcli.links import linkcache, linkcheck
from pathcli.links.linkcheck import RESULTS, LinkResult
from pathcli.store import catalog, fsutil, pathfile, storage
from pathcli.text import is_web_address


class NetworkDown(PathcliError):
    """No link's host could be reached at all: nothing is recorded, and `check` exits with code 3."""


class CheckedLink(NamedTuple):
    step: Step
    url: str
    result: LinkResult


class PathReport(NamedTuple):
    path: LearningPath
    checked: str  # when, ISO 8601
    links: list[CheckedLink]  # every http(s) link of the path, in step order

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(RESULTS, 0)
        for link in self.links:
            counts[link.result.result] += 1
        return counts

    @property
    def any_broken(self) -> bool:
        return any(link.result.result == linkcheck.BROKEN for link in self.links)


class Options(NamedTuple):
    timeout: float = linkcheck.DEFAULT_TIMEOUT
    per_host: int = linkcheck.DEFAULT_PER_HOST
    fragments: bool = False
    fresh: bool = False


def step_urls(step: Step) -> list[str]:
    """The step's http(s) addresses: its URL, then its other links."""
    return [url for url in (step.url, *(link.url for link in step.links)) if is_web_address(url)]


def chosen_paths(chosen: str | None, every: bool) -> list[LearningPath]:
    if every:
        return [catalog.load_entry(entry) for entry in catalog.available()]
    return [catalog.load(catalog.active_id(storage.load(), chosen))]


def check_paths(
    paths: list[LearningPath],
    options: Options,
    now: datetime,
    on_start: Callable[[int], None] | None = None,
    on_result: Callable[[str, LinkResult], None] | None = None,
) -> list[PathReport]:
    """Check every link of paths, each URL once; on_start hears how many requests are to be made."""
    if not options.timeout > 0:  # written so, NaN is refused too
        raise PathcliError(f"--timeout must be more than 0 seconds, not {options.timeout:g}")
    if options.per_host < 1:
        raise PathcliError(f"--per-host must be at least 1, not {options.per_host}")
    urls = list(dict.fromkeys(url for path in paths for step in path.steps for url in step_urls(step)))
    results = {} if options.fresh else linkcache.reusable(linkcache.load(), urls, now, options.fragments)
    to_check = [url for url in urls if url not in results]
    if on_start is not None:
        on_start(len(to_check))
    fresh = (  # nothing to ask, as when every result is reused: not even httpx is imported
        linkcheck.check(
            to_check,
            timeout=options.timeout,
            per_host=options.per_host,
            fragments=options.fragments,
            on_result=on_result,
        )
        if to_check
        else {}
    )
    if fresh and linkcheck.network_down(fresh):
        raise NetworkDown(
            f"the network seems to be down: none of the {len(fresh)} links' hosts could be reached"
            " (no name server or no route); nothing is recorded, check again once you are online"
        )
    if fresh:
        with contextlib.suppress(PathcliError):  # a cache that cannot be written only costs time next run
            linkcache.save(fresh, now, options.fragments)
    results.update(fresh)
    checked = now.isoformat(timespec="seconds")
    return [
        PathReport(
            path, checked, [CheckedLink(step, url, results[url]) for step in path.steps for url in step_urls(step)]
        )
        for path in paths
    ]


def forget(paths: list[LearningPath]) -> int:
    """Forget the remembered results of every link of paths; how many there were."""
    return linkcache.forget({url for path in paths for step in path.steps for url in step_urls(step)})


def is_own(path: LearningPath) -> bool:
    """Whether the path is one of the user's (which --update may change), not one that comes with pathcli."""
    return not catalog.find(path.id).bundled


def check_updatable(path: LearningPath) -> None:
    if not is_own(path):
        raise PathcliError(f"'{path.id}' comes with pathcli: --update changes only your own paths")


class Updated(NamedTuple):
    count: int  # addresses changed
    own_file: str | None  # the learner's YAML file rewritten too, if the path came from one
    remembered: bool  # kept with the path, for `path update` of a Markdown or web source


def update_redirects(report: PathReport) -> Updated:
    """Rewrite each permanently redirected link of the path to where it ends: in the installed path, and in
    the learner's own YAML file when that is the path's source; for a source in Markdown or on the web,
    the fixes are remembered with the path, so that `path update` keeps them. Step ids stay as they were,
    so progress stays with its steps."""
    moved = {
        link.url: linkcheck.moved_to(link.url, link.result.final_url)
        for link in report.links
        if link.result.result == linkcheck.REDIRECTED
    }
    if not moved:
        return Updated(0, None, False)
    check_updatable(report.path)
    # Under the lock that path add and path update hold while they install a path: a version one of them
    # installs meanwhile is read here, not overwritten with the version before it.
    with storage.update():
        return _rewrite(report.path.id, moved)


def _rewrite(path_id: str, moved: dict[str, str]) -> Updated:
    entry = catalog.find(path_id)
    raw = fsutil.read_file(entry.file, fsutil.MAX_SOURCE_BYTES)
    data = pathfile.parse(raw, str(entry.file))
    changed = _moved_in(data, moved)
    source = data.get("source", "")
    own = _rewrite_own_file(source, moved)
    if own is None:
        data["fixed"] = pathfile.with_fixes(data.get("fixed", []), moved)
        catalog.install(data, pathfile.to_yaml(data).encode("utf-8"))
    else:
        catalog.install(data, _rewritten(raw, moved, data, str(entry.file)))
    return Updated(changed, own, own is None)


def _moved_in(data: dict, moved: dict[str, str]) -> int:
    changed = 0
    for section in data["sections"]:
        for step in section["steps"]:
            for holder in (step, *step["links"]):
                if holder["url"] in moved:
                    holder["url"] = moved[holder["url"]]
                    changed += 1
    return changed


def _rewrite_own_file(source: str, moved: dict[str, str]) -> str | None:
    """Rewrite the addresses in the learner's YAML file, where the path came from one (comments, order and
    ids kept); the file, or None when the source is not such a file or it cannot be rewritten."""
    from pathlib import Path

    if not source or "://" in source or not source.lower().endswith((".yaml", ".yml")):
        return None
    try:
        raw = fsutil.read_file(Path(source), fsutil.MAX_SOURCE_BYTES)
        expected = pathfile.parse(raw, source)
        if not _moved_in(expected, moved):
            return source
        fsutil.atomic_write(Path(source), _rewritten(raw, moved, expected, source), limit=fsutil.MAX_SOURCE_BYTES)
    except PathcliError:
        return None  # moved away or unreadable: the fixes are remembered with the path instead
    return source


def _rewritten(raw: bytes, moved: dict[str, str], expected: dict, source: str) -> bytes:
    """The path file with the addresses replaced where they stand, so that comments and layout stay; when
    that does not give exactly the expected path, the path written out afresh, with every step's id."""
    text = raw.decode("utf-8")
    for old, new in moved.items():
        # the address as a whole YAML value: after "url:", "- " or a quote, before the end of the value
        pattern = re.compile(r"(?<=[\s:'\"\[{,])" + re.escape(old) + r"(?=['\"]?\s*(?:$|[,}\]#]))", re.MULTILINE)
        text = pattern.sub(new.replace("\\", "\\\\"), text)
    try:
        if pathfile.parse(text.encode("utf-8"), source) == expected:
            return text.encode("utf-8")
    except PathcliError:
        pass
    return pathfile.to_yaml(expected).encode("utf-8")
