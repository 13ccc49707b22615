"""Getting the Markdown of a path: from a local file, or over http(s) from the web.

A GitHub page of a file (`/blob/`) or of a repository is fetched as the raw file or README, since the
page itself is HTML. Only text is taken (text/*, or an unlabelled file named like Markdown), at most
MAX_BYTES, counted as it is decompressed; the whole, redirects included, within TOTAL_SECONDS (see
pathcli.web.bounded). Every failure is one line and nothing is changed. httpx is imported only when a URL
is fetched.
"""

import re
from pathlib import Path
from typing import NamedTuple
from urllib.parse import quote, urljoin, urlsplit

from pathcli import __version__
from pathcli.errors import PathcliError
from pathcli.store import fsutil
from pathcli.text import excerpt
from pathcli.web import addresses

MAX_BYTES = fsutil.MAX_SOURCE_BYTES  # as for local files
TIMEOUT_SECONDS = 20.0  # for each wait: connecting, the first answer, every piece of the body
TOTAL_SECONDS = 120.0  # for the whole of a page: a server trickling bytes would otherwise never time out
MAX_REDIRECTS = 10
_README_NAMES = ("README.md", "readme.md", "Readme.md", "README.markdown")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd", ".txt")


class Page(NamedTuple):
    text: str
    source: str  # what to record and fetch again: the URL as given, or the file's absolute path
    base_url: str | None  # what relative links resolve against; None for a local file
    redirects: tuple[str, ...]  # each address a redirect led to, in order


def is_url(source: str) -> bool:
    return "://" in source


def read(source: str) -> Page:
    """The text at source: an http(s) URL, or a local file."""
    if is_url(source):
        return fetch(source)
    return read_file(Path(source))


def read_file(file: Path) -> Page:
    text = fsutil.decode_utf8(fsutil.read_file(file, MAX_BYTES), str(file))
    return Page(text, str(file.absolute()), None, ())


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:g} MiB"


def raw_addresses(url: str) -> tuple[tuple[str, ...], str]:
    """The addresses to try in turn for url (the next is tried when one is missing), and the address that
    relative links in the text resolve against. GitHub file and repository pages become their raw file or
    README on raw.githubusercontent.com; relative links still point at github.com, where people read them."""
    parts = urlsplit(url)
    segments = [segment for segment in parts.path.split("/") if segment]
    if (parts.hostname or "").lower() not in ("github.com", "www.github.com") or len(segments) < 2:
        return (url,), url
    owner, repo = segments[0], segments[1].removesuffix(".git")
    rest = segments[2:]
    raw = f"https://raw.githubusercontent.com/{owner}/{repo}"
    page = f"https://github.com/{owner}/{repo}"
    if not rest:
        return tuple(f"{raw}/HEAD/{name}" for name in _README_NAMES), f"{page}/blob/HEAD/"
    if rest[0] == "blob" and len(rest) >= 3:
        path = "/".join(rest[1:])
        return (f"{raw}/{path}",), f"{page}/blob/{path}"
    if rest[0] == "tree" and len(rest) >= 2:
        folder = "/".join(rest[1:])
        return tuple(f"{raw}/{folder}/{name}" for name in _README_NAMES), f"{page}/blob/{folder}/"
    return (url,), url


class _Missing(Exception):
    """A 404 where another address remains to try."""


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> Page:
    """The Markdown at an http(s) URL; every failure is a PathcliError of one line that names url.
    The whole of it, every address tried and every redirect, is done within TOTAL_SECONDS."""
    import asyncio

    from pathcli.web import bounded

    url = url.strip()
    problem = addresses.url_problem(url)
    if problem is not None:
        raise PathcliError(f"{excerpt(url, 80)!r}: {problem}; only http:// and https:// addresses are fetched")
    parts = urlsplit(url)
    if not addresses.without_password(url):
        # The address is saved with the path (for path update) and shown in messages: a password would be too.
        raise PathcliError(f"{parts.hostname}: an address with a user name or password is not fetched")
    total = TOTAL_SECONDS
    try:
        return asyncio.run(bounded.within(total, _fetch(url, timeout, max_bytes)))
    except bounded.Expired:
        raise PathcliError(f"{url}: still arriving after {total:g} seconds; given up") from None


async def _fetch(url: str, timeout: float, max_bytes: int) -> Page:
    import httpx

    from pathcli.web import bounded

    tried, base_url = raw_addresses(url)
    headers = {
        "User-Agent": f"pathcli/{__version__}",
        "Accept": "text/markdown, text/plain;q=0.9, text/*;q=0.5",
        "Accept-Encoding": bounded.ACCEPT_ENCODING,
    }
    hooks = {"response": [bounded.hold_location]}
    async with httpx.AsyncClient(follow_redirects=False, timeout=timeout, headers=headers, event_hooks=hooks) as client:
        for index, address in enumerate(tried):
            try:
                text, redirects = await _get(client, url, address, index + 1 < len(tried), max_bytes)
            except _Missing:
                continue
            if redirects and base_url == url:
                base_url = redirects[-1]  # relative links are relative to where the page really is
            return Page(text, url, base_url, redirects)
    raise AssertionError("unreachable: the last address never raises _Missing")


async def _get(client, url: str, address: str, more: bool, max_bytes: int) -> tuple[str, tuple[str, ...]]:
    """The text at address, its redirects followed by hand: each target is checked before it is asked,
    and an error names the host that failed."""
    redirects: list[str] = []
    current = address
    while True:
        answer = await _ask(client, url, current, more, max_bytes)
        if isinstance(answer, tuple):
            return answer[0], tuple(redirects)
        if len(redirects) >= MAX_REDIRECTS:
            raise PathcliError(f"{url}: more than {MAX_REDIRECTS} redirects")
        problem = addresses.url_problem(answer)
        if problem is not None:
            raise PathcliError(f"{url}: redirected to {excerpt(answer, 80)!r}, which cannot be fetched: {problem}")
        redirects.append(answer)
        current = answer


async def _ask(client, url: str, address: str, more: bool, max_bytes: int) -> tuple[str] | str:
    """One request: (the text,) or the address a redirect leads to."""
    import httpx

    from pathcli.web import bounded

    host = urlsplit(address).hostname
    try:
        async with client.stream("GET", address) as response:
            if response.status_code in (301, 302, 303, 307, 308):
                location = bounded.location_of(response)
                if not location:
                    raise PathcliError(f"{url}: {host} answered {response.status_code} without a Location")
                return urljoin(address, location.strip())
            if response.status_code == 404 and more:
                raise _Missing
            if response.is_error:
                raise PathcliError(f"{url}: the server answered {response.status_code} {response.reason_phrase}")
            _check_type(url, response.headers.get("content-type", ""), response.url.path)
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_big(url, max_bytes)
            body = await bounded.read_body(response, max_bytes)
            encoding = response.charset_encoding or "utf-8"
    except bounded.TooLarge:
        raise _too_big(url, max_bytes) from None
    except bounded.BadEncoding as error:
        raise PathcliError(f"{url}: {host} sent a body {error}") from None
    except httpx.TimeoutException:
        raise PathcliError(f"{url}: no answer from {host} within {client.timeout.read:g} seconds") from None
    except httpx.ConnectError as error:
        raise PathcliError(f"{url}: cannot connect to {host}: {_reason(error)}") from None
    except (httpx.HTTPError, httpx.InvalidURL, ValueError) as error:  # ValueError: a UnicodeError of IDNA
        raise PathcliError(f"{url}: {host}: {' '.join(str(error).split()) or type(error).__name__}") from None
    return (_decode(url, body, encoding),)


def _too_big(url: str, max_bytes: int) -> PathcliError:
    return PathcliError(f"{url}: larger than {_megabytes(max_bytes)}, the most pathcli imports")


def _check_type(url: str, content_type: str, path: str) -> None:
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("text/html", "application/xhtml+xml"):
        raise PathcliError(f"{url}: an HTML page, not Markdown: give the address of the raw Markdown file")
    named_markdown = path.lower().endswith(_MARKDOWN_SUFFIXES)
    if not (kind.startswith("text/") or (kind in ("", "application/octet-stream") and named_markdown)):
        raise PathcliError(f"{url}: not Markdown text (the server says it is {kind or 'of no stated type'})")


# Codecs Python has that no page is written in: they turn bytes into text by rules of their own.
_NOT_CHARSETS = ("punycode", "idna", "unicode-escape", "raw-unicode-escape", "undefined", "rot-13")


def _decode(url: str, body: bytes, encoding: str) -> str:
    import codecs

    if encoding.lower().replace("_", "-") in ("utf-8", "utf8"):
        return fsutil.decode_utf8(body, url)
    try:
        name = codecs.lookup(encoding).name.replace("_", "-")
        if name in _NOT_CHARSETS or not getattr(codecs.lookup(encoding), "_is_text_encoding", True):
            raise LookupError(name)
        return body.decode(encoding)
    except (LookupError, UnicodeError, ValueError, OverflowError):
        shown = excerpt(encoding)
        raise PathcliError(f"{url}: not readable as {shown} text, as the server says it is") from None


def _reason(error: Exception) -> str:
    """Why a connection failed, in words: the first OS-level cause in the chain."""
    import socket

    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return "no such host (DNS lookup failed)"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, OSError) and cause.strerror:
            return cause.strerror
        cause = cause.__cause__ or cause.__context__
    return " ".join(str(error).split()) or "connection failed"


def forge_address(file: Path) -> str | None:
    """The web address of a local file in a git checkout of a GitHub, GitLab or Codeberg repository (its
    origin remote and the branch checked out), for a --base-url hint; None elsewhere. Reads .git, runs no git."""
    try:
        file = file.resolve()
        root = next((folder for folder in file.parents if (folder / ".git").exists()), None)
        if root is None:
            return None
        git = root / ".git"
        if git.is_file():  # a worktree or submodule: "gitdir: PATH"
            pointer = git.read_text(encoding="utf-8", errors="replace").strip().removeprefix("gitdir:").strip()
            git = (root / pointer).resolve()
        config = (git / "config").read_text(encoding="utf-8", errors="replace")
        common = git / "commondir"
        if not config.strip() and common.exists():
            config = (git / common.read_text().strip() / "config").read_text(encoding="utf-8", errors="replace")
        head = (git / "HEAD").read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        return None
    remote = re.search(r'\[remote "origin"\][^\[]*?\burl\s*=\s*(\S+)', config)
    branch = head.removeprefix("ref: refs/heads/") if head.startswith("ref: refs/heads/") else None
    if not remote or not branch:
        return None
    found = re.fullmatch(r"(?:https://|ssh://git@|git@)([\w.-]+)[:/]([\w.-]+)/([\w.-]+?)(?:\.git)?/?", remote.group(1))
    if not found or found.group(1) not in _FORGES:
        return None
    host, owner, name = found.groups()
    where = quote(file.relative_to(root).as_posix())
    return _FORGES[host].format(host=host, owner=owner, name=name, branch=quote(branch), path=where)


# How each forge addresses a file on a branch.
_FORGES = {
    "github.com": "https://{host}/{owner}/{name}/blob/{branch}/{path}",
    "gitlab.com": "https://{host}/{owner}/{name}/-/blob/{branch}/{path}",
    "codeberg.org": "https://{host}/{owner}/{name}/src/branch/{branch}/{path}",
}
