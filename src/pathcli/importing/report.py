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
    relative: int = 0  # relative links left out for want of a base URL
    base_url_hint: str | None = None  # the --base-url that would resolve them, where the file's place tells it
    bare_urls: int = 0  # addresses written without a link around them (`- Topic: https://...`), read as links


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
IN_META_SECTION = "in a section about the project (contributing, licence, sponsors...)"
ABOUT_PROJECT = "about the project, not the learning (its issues, chat, profiles, badges...)"


def base_url_advice(relative: int, hint: str | None) -> str:
    """What to do about relative links left out, in words: the exact --base-url where it is known."""
    links = "1 relative link" if relative == 1 else f"{relative} relative links"
    if hint:
        return f"{links} left out: add --base-url {hint} to resolve them"
    return f"{links} left out: add --base-url with the address the file is published at to resolve them"


def first_reasons(skipped: list[Skipped]) -> str:
    reasons = list(dict.fromkeys(item.reason for item in skipped))
    return f"; left out: {', '.join(reasons[:3])}" if reasons else ""


def what_of(text: str, href: str) -> str:
    """A left-out link as the user would recognise it: its text and its address, one line."""
    text = " ".join(text.split())
    return f"{text} ({href})" if text and href and text != href else text or href
