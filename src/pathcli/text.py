"""Neutralising text that comes from files and users before it reaches a terminal."""

_NEUTRALISE: dict[int, str] | None = None


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

    Newlines and tabs are kept; everything else printable is left exactly as it is.
    """
    return text.translate(_table())


def one_line(text: str) -> str:
    """Like defuse, for places that have room for one line only (table cells, confirmations)."""
    return defuse(" ".join(text.split()))


def minute(stamp: str) -> str:
    """An ISO 8601 time as people read it, to the minute: 2026-11-24 16:41."""
    return stamp[:16].replace("T", " ")


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
