"""Path files: reading and validating the YAML that describes a learning path, and caching the result.

The format is declared once, in SCHEMA; validate() walks that declaration. Every command loads a path,
so load() keeps the validated result as JSON in the user cache folder, keyed by the file's location,
size, modification time and pathcli's version, and parses the YAML only when that key changes.
"""

import contextlib
import json
import os
import re
import zlib
from pathlib import Path

from pathcli import __version__, fsutil, locations
from pathcli.errors import PathcliError
from pathcli.model import LearningPath
from pathcli.text import duration

# Kinds of value: "text" (non-empty), "url" (http or https), "slug" (an id). A key ending in "?" may be
# left out (text becomes "", a list []); a list of one schema is a list of such mappings.
_LINK = {"title": "text", "url": "url"}
_PREREQUISITE = {"title": "text", "description?": "text"}
_STEP = {
    "id?": "slug",
    "title": "text",
    "type?": "text",
    "url": "url",
    "description?": "text",
    "links?": [_LINK],
    "duration?": "duration",
}
_SECTION = {"title": "text", "steps": [_STEP]}
SCHEMA = {
    "id": "slug",
    "title": "text",
    "description?": "text",
    "prerequisites?": [_PREREQUISITE],
    "sections": [_SECTION],
}
_NOUNS = {"sections": "section", "steps": "step", "links": "link", "prerequisites": "prerequisite"}
_SLUG = re.compile(r"[^\W_][\w-]*")
_NOT_SLUG = re.compile(r"[\W_]+")
# 45m, 1h, 1h30m, 2h 15m: hours and minutes, any case, spaces allowed.
_DURATION = re.compile(r"(?:(\d+)\s*h)?\s*(?:(\d+)\s*m)?", re.IGNORECASE)


class _Invalid(Exception):
    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}" if where else problem)


def slugify(title: str) -> str:
    """A step or path id made from a title: lower case, words joined by hyphens, never all digits."""
    slug = _NOT_SLUG.sub("-", title.casefold()).strip("-") or "step"
    return f"step-{slug}" if slug.isdigit() else slug


def is_slug(value: str) -> bool:
    return bool(_SLUG.fullmatch(value)) and value == value.lower() and not value.isdigit()


def _text(value, where: str, key: str) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _Invalid(where, f"'{key}' should be text")
    text = str(value).strip()
    if not text:
        raise _Invalid(where, f"'{key}' is empty")
    return text


def _url(value, where: str, key: str) -> str:
    url = _text(value, where, key)
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest or not all(c.isprintable() and c != " " for c in url):
        raise _Invalid(where, f"'{key}' must be an http:// or https:// address without spaces, not {url!r}")
    return url


def _slug(value, where: str, key: str) -> str:
    slug = _text(value, where, key)
    if not is_slug(slug):
        raise _Invalid(where, f"'{key}' {slug!r} must be lower-case letters, digits and hyphens, like 'my-path'")
    return slug


def parse_duration(text: str) -> int | None:
    """Minutes in a duration written like 45m, 1h, 1h30m or 2h 15m; None when it is not one."""
    match = _DURATION.fullmatch(text.strip())
    if not match or not any(match.groups()):
        return None
    hours, minutes = match.groups()
    return int(hours or 0) * 60 + int(minutes or 0)


def _duration(value, where: str, key: str) -> int:
    text = _text(value, where, key)
    minutes = parse_duration(text)
    if minutes is None:
        raise _Invalid(where, f"'{key}' must be like 45m, 1h or 1h30m, not {text!r}")
    return minutes


_SCALARS = {"text": _text, "url": _url, "slug": _slug, "duration": _duration}
# What an optional key left out becomes; text becomes "" and a list [].
_ABSENT = {"duration": None}


def _check(value, schema: dict, where: str) -> dict:
    if not isinstance(value, dict):
        raise _Invalid(where, "expected a mapping of keys such as 'title:'")
    known = {spec.rstrip("?") for spec in schema}
    unknown = [str(key) for key in value if key not in known]
    if unknown:
        raise _Invalid(where, f"unknown key '{unknown[0]}' (known keys: {', '.join(sorted(known))})")
    result = {}
    for spec, kind in schema.items():
        key = spec.rstrip("?")
        item = value.get(key)
        if item is None or (item == "" and spec.endswith("?")):
            if not spec.endswith("?"):
                raise _Invalid(where, f"missing '{key}'")
            result[key] = [] if isinstance(kind, list) else _ABSENT.get(kind, "")
        elif isinstance(kind, list):
            if not isinstance(item, list):
                raise _Invalid(where, f"'{key}' should be a list")
            result[key] = [
                _check(entry, kind[0], _label(where, _NOUNS[key], index, entry)) for index, entry in enumerate(item, 1)
            ]
        else:
            result[key] = _SCALARS[kind](item, where, key)
    return result


def _label(where: str, noun: str, index: int, entry) -> str:
    title = entry.get("title") if isinstance(entry, dict) else None
    label = f"{noun} {index}" + (f" '{title}'" if isinstance(title, str) else "")
    return f"{where}, {label}" if where else label


def validate(data, source: str) -> dict:
    """The path described by data (parsed YAML), normalised: every optional key present, step ids derived
    from titles where absent. Anything wrong is a PathcliError naming source and the place in it."""
    try:
        path = _check(data, SCHEMA, "")
    except _Invalid as error:
        raise PathcliError(f"{source}: {error}") from None
    numbers: dict[str, int] = {}
    for section in path["sections"]:
        for step in section["steps"]:
            number = len(numbers) + 1
            step["id"] = step["id"] or slugify(step["title"])
            if step["id"] in numbers:
                raise PathcliError(
                    f"{source}: steps {numbers[step['id']]} and {number} have the same id '{step['id']}';"
                    " give one of them an 'id:' of its own"
                )
            numbers[step["id"]] = number
    if not numbers:
        raise PathcliError(f"{source}: the path has no steps")
    return path


def parse(raw: bytes, source: str) -> dict:
    """Validate the YAML text of a path file (see validate)."""
    import yaml

    text = fsutil.decode_utf8(raw, source)
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise PathcliError(
            f"{source}: YAML syntax error at line {mark.line + 1}, column {mark.column + 1}: {error.problem}"
        ) from None
    except yaml.YAMLError as error:
        raise PathcliError(f"{source}: not valid YAML: {' '.join(str(error).split())}") from None
    return validate(data, source)


def to_yaml(path: dict) -> str:
    """A path as YAML in the documented format: ids written out (so that later edits keep progress),
    optional keys left out where empty, durations written as people write them."""
    import yaml

    return yaml.safe_dump(_without_empty(path), sort_keys=False, allow_unicode=True, width=100)


def _without_empty(value):
    if isinstance(value, dict):
        return {
            key: duration(item) if key == "duration" else _without_empty(item)
            for key, item in value.items()
            if item not in ("", [], None)
        }
    if isinstance(value, list):
        return [_without_empty(item) for item in value]
    return value


def load(file: Path) -> LearningPath:
    """The path in an installed path file, from the cache when the file has not changed since."""
    try:
        stat = os.stat(file)
    except OSError as error:
        raise PathcliError(f"cannot read {file}: {error.strerror}") from None
    where = os.path.abspath(file)
    key = [where, stat.st_size, stat.st_mtime_ns, __version__]
    cache = (
        locations.cache_dir() / "paths" / f"{file.stem}-{zlib.crc32(where.encode('utf-8', 'surrogatepass')):08x}.json"
    )
    try:
        cached = json.loads(cache.read_bytes())
        if cached["key"] == key:
            return LearningPath.from_dict(cached["path"])
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        pass  # missing, stale or damaged: rebuilt below
    data = parse(fsutil.read_bytes(file), str(file))
    with contextlib.suppress(PathcliError):  # a cache that cannot be written only costs time
        fsutil.atomic_write(cache, json.dumps({"key": key, "path": data}).encode("ascii"))
    return LearningPath.from_dict(data)
