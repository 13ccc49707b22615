"""The import report: what convert() kept and what it left out, and why (the reasons, as the user reads them)."""

from typing import NamedTuple


class Skipped(NamedTuple):
    reason: str  # short, e.g. "no link", "duplicate URL"
    what: str  # the item as the user would recognise it: its text and/or address, one line


class ImportReport(NamedTuple):
    sections: int
    steps: int
    links: int  # extra links kept (the steps' `links`), not counting the steps' own URLs
    skipped: tuple[Skipped, ...]  # everything left out, in document order
    checked: tuple[int, ...]  # numbers (from 1) of the steps whose task box was ticked: `- [x]`


NO_LINK = "no link"
NOT_HTTP = "not an http(s) link"
IMAGE = "image or badge"
RELATIVE = "relative link without a base URL"
DUPLICATE = "duplicate URL"
ANCHOR = "link within the page"
EMPTY = "empty link"
CANNOT_REQUEST = "an address that cannot be requested"
IN_TEXT = "link in running text"
IN_INTRODUCTION = "link in the introduction"
UNREAD_DURATION = "duration not in hours and minutes"  # "2 weeks", "10 hours/week": kept out
IN_ROW_WITHOUT_STEP = "link in a table row without a link in its title column"


def first_reasons(skipped: list[Skipped]) -> str:
    reasons = list(dict.fromkeys(item.reason for item in skipped))
    return f"; left out: {', '.join(reasons[:3])}" if reasons else ""


def what_of(text: str, href: str) -> str:
    """A left-out link as the user would recognise it: its text and its address, one line."""
    text = " ".join(text.split())
    return f"{text} ({href})" if text and href and text != href else text or href
