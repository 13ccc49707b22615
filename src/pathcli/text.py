"""Neutralising text that comes from files and users before it reaches a terminal."""

import re
from datetime import datetime

_NEUTRALISE: dict[int, str] | None = None

# Lone surrogates are bytes that were not UTF-8 (an argument, or a file written before pathcli refused
# them): no encoding can print them, so they show as the replacement character.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _table() -> dict[int, str]:
    global _NEUTRALISE
    if _NEUTRALISE is None:
        table = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\t\n"}
        table[0x7F] = "\u2421"
        # C1 controls (0x9b is a one-byte CSI on some terminals) and the bidi overrides/isolates,
        # which can reorder the rest of a line, are shown as their code points.
        for code in [*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]:
            table[code] = f"<U+{code:04X}>"
        _NEUTRALISE = table
    return _NEUTRALISE


def defuse(text: str) -> str:
    """Return text safe to print: control characters (escape sequences included) become visible symbols.

    Newlines and tabs are kept; undecodable bytes become U+FFFD; everything else printable is left exactly
    as it is.
    """
    text = text.translate(_table())
    return text if text.isascii() else _LONE_SURROGATE.sub("\ufffd", text)


def one_line(text: str) -> str:
    """Like defuse, for places that have room for one line only (table cells, confirmations)."""
    return defuse(" ".join(text.split()))


def minute(stamp: str) -> str:
    """An ISO 8601 time as people read it, in local time, to the minute: 2026-11-24 16:41.

    Times are stored in the offset they were written in (another machine's, or before a move); shown in
    local time they compare as they read. Something that is not such a time (a damaged cache entry), or one
    local time cannot hold, is shown as written rather than failing.
    """
    try:
        return datetime.fromisoformat(stamp).astimezone().isoformat(" ", "minutes")[:16]
    except (ValueError, OverflowError):
        return one_line(stamp[:16].replace("T", " "))


def unicode_problem(text: str) -> str | None:
    """What in text cannot be written as UTF-8, or None. Bytes that were not UTF-8 (in an argument or on
    standard input) reach Python as lone surrogates, as do escapes such as \\udce9 in JSON and YAML:
    saved, they could never be printed."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(text[error.start])
        if 0xDC80 <= code <= 0xDCFF:
            return f"it holds the byte 0x{code - 0xDC00:02x}, which is not UTF-8 text"
        return f"it holds U+{code:04X}, which is not a character"
    return None


def count(number, one: str, many: str | None = None) -> str:
    """A number with its noun, singular for exactly one: count(2, "step") is "2 steps"."""
    return f"{number} {one if number == 1 else many or one + 's'}"


def is_web_address(url: str) -> bool:
    """An http:// or https:// address: the only links pathcli opens, fetches or checks."""
    return url.lower().startswith(("http://", "https://"))


def excerpt(text: str, limit: int = 40) -> str:
    """A short, one-line, defused quotation of text from a file, for error messages: a file that is
    not what it claims (a path file linked to a secret) is never echoed at length."""
    line = one_line(text)
    return line if len(line) <= limit else line[: limit - 3] + "..."


def duration(minutes: int) -> str:
    """A number of minutes as people write it, and as path files take it: 45m, 2h, 1h 30m."""
    hours, rest = divmod(minutes, 60)
    if not hours:
        return f"{rest}m"
    return f"{hours}h {rest}m" if rest else f"{hours}h"


# Query parameters that say where a visitor came from, not what they are looking at.
_TRACKING = ("utm_", "fbclid", "gclid", "ref_src")


def normalise_url(url: str) -> str:
    """The form of a URL that two spellings of one address share: scheme and host in lower case, no
    "www.", no default port, no trailing slash, no tracking parameters, no empty fragment. http and
    https are one address. Anything that could name another page (path case, query, fragment) is kept."""
    from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    host = (parts.hostname or "").lower().removeprefix("www.")
    if port is not None and port not in (80, 443):
        host = f"{host}:{port}"
    query = parts.query
    if query:
        query = urlencode(
            [pair for pair in parse_qsl(query, keep_blank_values=True) if not pair[0].lower().startswith(_TRACKING)]
        )
    return urlunsplit(("https", host, parts.path.rstrip("/"), query, parts.fragment))
