"""The results of link checks, remembered per URL with their time in links.json in the user cache folder.

A check within FRESH_FOR of an ok result reuses it; anything else is asked again. list and next read the
same file to mark steps whose link was found broken. It is a cache: a missing or damaged file is an
empty one, and it is written atomically. progress.json is never touched.
"""

import json
import time
from datetime import datetime, timedelta
from pathlib import Path

from pathcli.errors import PathcliError
from pathcli.store import fsutil, locations

FRESH_FOR = timedelta(hours=24)
_VERSION = 1


def cache_file() -> Path:
    return locations.cache_dir() / "links.json"


def load() -> dict[str, dict]:
    """Every remembered result by URL: {result, status_code, final_url, reason, checked_at, fragments}."""
    from pathcli.store import strictjson

    try:
        raw = fsutil.read_file(cache_file(), fsutil.MAX_PROGRESS_BYTES, missing_ok=True)
        data = strictjson.loads(raw.decode("utf-8")) if raw is not None else {}
        if data.get("version") == _VERSION and isinstance(data.get("links"), dict):
            return {url: entry for url, entry in data["links"].items() if _well_formed(entry)}
    except (PathcliError, ValueError, AttributeError):
        pass  # missing, damaged, or not a regular file: nothing remembered
    return {}


def _well_formed(entry) -> bool:
    """An entry as save writes it; any other (a damaged or edited cache) counts as not remembered."""
    return (
        isinstance(entry, dict)
        and isinstance(entry.get("result"), str)
        and isinstance(entry.get("checked_at"), str)
        and isinstance(entry.get("reason", ""), str)
        and isinstance(entry.get("final_url"), (str, type(None)))
        and (entry.get("status_code") is None or type(entry.get("status_code")) is int)
        and isinstance(entry.get("fragments", False), bool)
    )


def reusable(entries: dict[str, dict], urls, now: datetime, fragments: bool) -> dict:
    """The ok results among urls checked less than FRESH_FOR before now (with fragments looked for, if
    they are to be now), as linkcheck.LinkResult."""
    from pathcli.links.linkcheck import OK, LinkResult, without_fragment

    reused = {}
    for url in urls:
        entry = entries.get(url)
        if entry is None or entry["result"] != OK or not _recent(entry, now):
            continue
        if fragments and without_fragment(url)[1] and not entry.get("fragments"):
            continue
        reused[url] = LinkResult(OK, entry.get("status_code"), entry.get("final_url"), entry.get("reason", ""))
    return reused


def _recent(entry: dict, now: datetime) -> bool:
    try:
        checked = datetime.fromisoformat(entry["checked_at"])
        return timedelta(0) <= now - checked < FRESH_FOR
    except (ValueError, TypeError, OverflowError):
        return False


def save(results: dict, now: datetime, fragments: bool) -> None:
    """Remember results (URL to linkcheck.LinkResult) checked at now, beside what was remembered."""
    entries = load()
    at = now.isoformat(timespec="seconds")
    for url, result in results.items():
        entries[url] = {**result._asdict(), "checked_at": at, "fragments": fragments}
    fsutil.atomic_write(cache_file(), json.dumps({"version": _VERSION, "links": entries}).encode("utf-8"))
    fsutil.sweep_temp_files(cache_file().parent, time.time())


def forget(urls) -> int:
    """Drop the remembered results of urls; how many there were. Nothing is written when there were none."""
    entries = load()
    gone = [url for url in urls if url in entries]
    if gone:
        for url in gone:
            del entries[url]
        fsutil.atomic_write(cache_file(), json.dumps({"version": _VERSION, "links": entries}).encode("utf-8"))
    return len(gone)


def moved() -> dict[str, str]:
    """Every link found permanently redirected, to where it ends: the same resource under either address
    (see reimport), however long ago it was checked."""
    from pathcli.links.linkcheck import REDIRECTED, moved_to

    return {
        url: moved_to(url, entry["final_url"])
        for url, entry in load().items()
        if entry["result"] == REDIRECTED and isinstance(entry.get("final_url"), str)
    }


def broken(urls) -> dict[str, dict]:
    """The remembered results of urls that were found broken when last checked."""
    entries = load()
    return {url: entries[url] for url in urls if url in entries and entries[url]["result"] == "broken"}
