"""Path files: reading and validating the YAML that describes a learning path, and caching the result.

The format is declared once, in SCHEMA; validate() walks that declaration. Every command loads a path,
so load() keeps the validated result as JSON in the user cache folder, keyed by the file's location,
size, modification and change times, inode and pathcli's version, and parses the YAML only when that
key changes.

YAML is read with a loader of its own: every value is kept as the text written (a title `3.10` stays
"3.10", an id `010` stays "010"), a key given twice in one mapping is refused naming its line, and
aliases (`*name`), whose expansion can grow a small file into gigabytes, are refused outright.
"""

import contextlib
import json
import os
import re
import time
import zlib
from pathlib import Path

from pathcli import __version__
from pathcli.domain.path import LearningPath
from pathcli.errors import PathcliError
from pathcli.store import fsutil, locations
from pathcli.text import duration, excerpt, unicode_problem
from pathcli.web import addresses

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
    "source?": "text",  # where an installed path came from (a URL or a file), for `pathcli path update`
    "base_url?": "url",  # what its relative links resolve against, when given (--base-url), for the same
    # addresses `check --update` fixed in a path whose source is Markdown or a web page: kept by `path update`
    "fixed?": [{"from": "url", "to": "url"}],
}
_NOUNS = {
    "sections": "section",
    "steps": "step",
    "links": "link",
    "prerequisites": "prerequisite",
    "fixed": "fixed address",
}
# Ids are ASCII only: a Cyrillic "а" in "trаnsformers" would make a second path that looks the same.
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
# 45m, 1h, 1h30m, 2h 15m: hours and minutes, any case, spaces allowed.
# Hours (a decimal too: 1.5h) and minutes, each in any of the ways people abbreviate them: 45m, 20 min,
# 20 mins, 90 minutes, 1h, 1 hour, 2 hrs, 1.5 hours, 1h30m, 1h 30m, 1 hour 30 minutes.
_DURATION = re.compile(
    r"(?:(\d{1,4}(?:\.\d{1,2})?)\s*(?:hours?|hrs?|h))?\s*(?:(\d{1,5})\s*(?:minutes?|mins?|m))?", re.IGNORECASE
)


class _Invalid(Exception):
    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}" if where else problem)


def slugify(title: str) -> str:
    """A step or path id made from a title: ASCII lower case (accents dropped), words joined by
    hyphens, never all digits; a title with no Latin letters or digits is transliterated (see
    _transliterated), and only one with nothing to transliterate (punctuation alone) gets its checksum."""
    import unicodedata

    ascii_title = unicodedata.normalize("NFKD", title.casefold()).encode("ascii", "ignore").decode("ascii")
    slug = _NOT_SLUG.sub("-", ascii_title).strip("-") or _NOT_SLUG.sub("-", _transliterated(title)).strip("-")
    if not slug:
        return _checksum_id(title)
    return f"step-{slug}" if slug.isdigit() else slug


def _checksum_id(title: str) -> str:
    return f"step-{zlib.crc32(title.encode('utf-8', 'surrogatepass')):08x}"


def _transliterated(title: str) -> str:
    """A title with no Latin letters or digits (Chinese, Thai, Cyrillic...) in lower-case ASCII, syllable by
    syllable: "计算机" gives "ji suan ji". Only such titles: any other keeps the id it always had."""
    from anyascii import anyascii  # imported only for such titles

    # anyascii writes each Chinese character as a capitalised syllable ("JiSuanJi"): a space keeps them apart.
    return "".join(
        f" {ascii}" if ascii[:1].isupper() and not char.isascii() else ascii
        for char, ascii in ((char, anyascii(char)) for char in title)
    ).casefold()


# Before ids were ASCII, a title's letters were kept as they are: "Einführung" gave "einführung".
_EARLIER_NOT_SLUG = re.compile(r"[\W_]+")


def earlier_ids(path: LearningPath, kept_ids) -> list[tuple[str, str]]:
    """(the id an earlier pathcli made from a step's title, the step's id now), for each step whose id is
    made from a title that gave a non-ASCII id then, when progress is kept under that id: so that a learner's
    marks and notes on such steps are found again after ids became ASCII."""
    earlier = {key for key in kept_ids if not key.isascii() or key.startswith("step-")}
    if not earlier:
        return []
    pairs = []
    for step in path.steps:
        if step.title.isascii() or step.id != slugify(step.title):
            continue
        slug = _EARLIER_NOT_SLUG.sub("-", step.title.casefold()).strip("-") or "step"
        slug = f"step-{slug}" if slug.isdigit() else slug
        # Before titles in other scripts were transliterated, they gave a checksum id.
        for before in (slug, _checksum_id(step.title)):
            if before in earlier and before != step.id:
                pairs.append((before, step.id))
    return pairs


def is_slug(value: str) -> bool:
    return bool(_SLUG.fullmatch(value)) and not value.isdigit()


def _text(value, where: str, key: str) -> str:
    if not isinstance(value, str):
        raise _Invalid(where, f"'{key}' should be text")
    text = str(value).strip()
    if not text:
        raise _Invalid(where, f"'{key}' is empty")
    return text


def _url(value, where: str, key: str) -> str:
    url = _text(value, where, key)
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest or not all(c.isprintable() and c != " " for c in url):
        raise _Invalid(where, f"'{key}' must be an http:// or https:// address without spaces, not '{excerpt(url)}'")
    problem = addresses.url_problem(url)
    if problem is not None:
        raise _Invalid(where, f"'{key}' '{excerpt(url)}' cannot be requested: {problem}")
    return url


def _slug(value, where: str, key: str) -> str:
    slug = _text(value, where, key)
    if not is_slug(slug):
        raise _Invalid(
            where, f"'{key}' '{excerpt(slug)}' must be lower-case letters a-z, digits and hyphens, like 'my-path'"
        )
    return slug


def parse_duration(text: str) -> int | None:
    """Minutes in a duration written like 45m, 20 min, 1h, 1.5 hours, 2 hrs or 1h 30m; None when it is not one."""
    match = _DURATION.fullmatch(text.strip())
    if not match or not any(match.groups()):
        return None
    hours, minutes = match.groups()
    return round(float(hours or 0) * 60) + int(minutes or 0)


def _duration(value, where: str, key: str) -> int:
    text = _text(value, where, key)
    minutes = parse_duration(text)
    if minutes is None:
        raise _Invalid(where, f"'{key}' must be like 45m, 1h or 1h30m, not '{excerpt(text)}'")
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
        raise _Invalid(where, f"unknown key '{excerpt(unknown[0])}' (known keys: {', '.join(sorted(known))})")
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
    label = f"{noun} {index}" + (f" '{excerpt(title)}'" if isinstance(title, str) else "")
    return f"{where}, {label}" if where else label


def validate(data, source: str) -> dict:
    """The path described by data (parsed YAML), normalised: every optional key present, step ids derived
    from titles where absent. Anything wrong is a PathcliError naming source and the place in it."""
    try:
        path = _check(data, SCHEMA, "")
    except _Invalid as error:
        raise PathcliError(f"{source}: {error}") from None
    problem = unicode_problem(json.dumps(path, ensure_ascii=False))
    if problem:
        raise PathcliError(f"{source}: {problem}")
    numbers: dict[str, int] = {}
    for section in path["sections"]:
        for step in section["steps"]:
            number = len(numbers) + 1
            step["id"] = step["id"] or slugify(step["title"])
            if step["id"] in numbers:
                raise PathcliError(
                    f"{source}: steps {numbers[step['id']]} and {number} have the same id '{excerpt(step['id'])}';"
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
        data = yaml.load(text, Loader=_loader())
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        kind = "" if isinstance(error, yaml.constructor.ConstructorError) else "YAML syntax error at "
        raise PathcliError(
            f"{source}: {kind}line {mark.line + 1}, column {mark.column + 1}: {excerpt(error.problem or '', 120)}"
        ) from None
    except yaml.YAMLError as error:
        raise PathcliError(f"{source}: not valid YAML: {excerpt(str(error), 120)}") from None
    return validate(data, source)


_LOADER = None


def _loader():
    """The YAML loader class for path files (see the module's docstring), built on the first use: on
    libyaml's parser when PyYAML has it (several times faster), else on PyYAML's own."""
    global _LOADER
    if _LOADER is not None:
        return _LOADER
    import yaml
    from yaml.constructor import ConstructorError, SafeConstructor
    from yaml.nodes import MappingNode
    from yaml.resolver import BaseResolver, Resolver

    try:
        from yaml._yaml import CParser  # libyaml, when PyYAML was built with it
    except ImportError:
        CParser = None
    parsing = (
        (CParser,)
        if CParser
        else (yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, yaml.composer.Composer)
    )

    class PathFileLoader(*parsing, SafeConstructor, BaseResolver):
        # Plain values resolve to text, bar an empty one or ~ / null (a key left empty); explicit tags
        # such as !!int or !!binary have no constructor and are refused.
        yaml_implicit_resolvers: dict = {}
        yaml_constructors = {
            tag: SafeConstructor.yaml_constructors[tag]
            for tag in (
                "tag:yaml.org,2002:null",
                "tag:yaml.org,2002:str",
                "tag:yaml.org,2002:seq",
                "tag:yaml.org,2002:map",
                None,
            )
        }

        def __init__(self, stream):
            if CParser:
                CParser.__init__(self, stream)
            else:
                yaml.reader.Reader.__init__(self, stream)
                yaml.scanner.Scanner.__init__(self)
                yaml.parser.Parser.__init__(self)
                yaml.composer.Composer.__init__(self)
            SafeConstructor.__init__(self)
            BaseResolver.__init__(self)

        def construct_object(self, node, deep=False):
            # Only an alias reaches a node a second time; the node's mark is where its anchor (&name) is.
            if node in self.constructed_objects or node in self.recursive_objects:
                raise ConstructorError(
                    None,
                    None,
                    "this value is used again through an alias (*name), which path files do not allow:"
                    " write the value out each time",
                    node.start_mark,
                )
            return super().construct_object(node, deep)

        def construct_mapping(self, node, deep=False):
            if not isinstance(node, MappingNode):
                raise ConstructorError(None, None, f"expected a mapping, found a {node.id}", node.start_mark)
            mapping: dict = {}
            lines: dict = {}
            for key_node, value_node in node.value:
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, str | None):
                    raise ConstructorError(None, None, "a key must be text", key_node.start_mark)
                if key in mapping:
                    raise ConstructorError(
                        None,
                        None,
                        f"the key '{excerpt(str(key))}' is given twice (first at line {lines[key]})",
                        key_node.start_mark,
                    )
                lines[key] = key_node.start_mark.line + 1
                mapping[key] = self.construct_object(value_node, deep=deep)
            return mapping

    for first in ("~", "n", "N", ""):
        PathFileLoader.yaml_implicit_resolvers.setdefault(first, []).extend(
            (tag, regexp)
            for tag, regexp in Resolver.yaml_implicit_resolvers.get(first, ())
            if tag == "tag:yaml.org,2002:null"
        )
    _LOADER = PathFileLoader
    return _LOADER


def with_fixes_applied(path: dict, fixes: list[dict]) -> tuple[dict, int]:
    """A copy of path with each address of its steps and links that fixes (from, to) name rewritten, and the
    fixes kept in it (`fixed:`); and how many of the fixes were used."""
    path = {**json.loads(json.dumps(path)), "fixed": fixes}
    to = {fix["from"]: fix["to"] for fix in fixes}
    used = set()
    for section in path["sections"]:
        for step in section["steps"]:
            for holder in (step, *step["links"]):
                if holder["url"] in to:
                    used.add(holder["url"])
                    holder["url"] = to[holder["url"]]
    return path, len(used)


def with_fixes(fixes: list[dict], moved: dict[str, str]) -> list[dict]:
    """fixes and the addresses moved (old to new) as one list: a fixed address moved again ends where it
    ends now."""
    ends = {fix["from"]: fix["to"] for fix in fixes}
    for old, new in moved.items():
        for start, end in ends.items():
            if end == old:
                ends[start] = new
        ends.setdefault(old, new)
    return [{"from": start, "to": end} for start, end in ends.items() if start != end]


def to_yaml(path: dict) -> str:
    """A path as YAML in the documented format: ids written out (so that later edits keep progress),
    optional keys left out where empty, durations written as people write them, and no aliases (which path
    files refuse)."""
    import yaml

    # libyaml's emitter when PyYAML has it: the same text, about three times faster (20,000 steps: 3.4 s of CPU
    # against 1.1 s here), which is most of the time a large Markdown import takes.
    class NoAliasDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
        def ignore_aliases(self, data):
            return True

    return yaml.dump(_without_empty(path), Dumper=NoAliasDumper, sort_keys=False, allow_unicode=True, width=100)


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
        info = os.stat(file)
    except OSError as error:
        raise PathcliError(f"cannot read {file}: {error.strerror}") from None
    where = os.path.abspath(file)
    key = json.dumps([where, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, __version__]).encode()
    cache = _cache_file(file, where)
    path = _cached(cache, key)
    if path is not None:
        return path
    data = parse(fsutil.read_file(file, fsutil.MAX_SOURCE_BYTES), str(file))
    body = json.dumps(data).encode("ascii")
    with contextlib.suppress(PathcliError):  # a cache that cannot be written only costs time
        fsutil.atomic_write(cache, b"%s\n%08x\n%s" % (key, zlib.crc32(body), body))
        # A killed run can leave a temporary file of any entry: the folder is pathcli's, so all old ones go.
        fsutil.sweep_temp_files(cache.parent, time.time())
    return LearningPath.from_dict(data)


def _cache_file(file: Path, where: str) -> Path:
    name = f"{file.stem}-{zlib.crc32(where.encode('utf-8', 'surrogatepass')):08x}.json"
    return locations.cache_dir() / "paths" / name


def _cached(cache: Path, key: bytes) -> LearningPath | None:
    """The path in a cache entry (a line with its key, one with the checksum of the rest, then the
    path as JSON), or None when the entry is missing, stale or damaged in any way."""
    try:
        raw = fsutil.read_file(cache, fsutil.MAX_PROGRESS_BYTES, missing_ok=True)
    except PathcliError:
        return None
    if raw is None:
        return None
    header = len(key) + 10  # the key, a newline, eight hex digits, a newline
    if not raw.startswith(key + b"\n") or raw[len(key) + 1 : header] != b"%08x\n" % zlib.crc32(
        memoryview(raw)[header:]
    ):
        return None
    # The checksum matched, so this is what pathcli wrote: plain json (strictjson's checks cost a third
    # more on a large path, on every command), parsed in place, guarded against a tampered entry.
    try:
        data, end = json.JSONDecoder().raw_decode(raw.decode("ascii"), header)
        return LearningPath.from_dict(data) if end == len(raw) else None
    except (ValueError, LookupError, TypeError, AttributeError, RecursionError):
        return None
