"""Checking links: for each http(s) URL, one result of ok, redirected, broken or rate_limited.

Fast and polite at once: one shared httpx.AsyncClient (connections are reused), every host checked in
parallel but with at most `per_host` requests in flight to each and `total` overall (a host is known by
its address, not by how it is spelled: see pathcli.web.addresses), Retry-After honoured, one retry for
what may pass (timeouts, dropped connections, 5xx, 429), a host that answered 429 three times in a row
not asked again, and each URL asked once however many steps use it. Each try, redirects included, has
one deadline of `timeout` seconds (pathcli.web.bounded), and a page read for its anchors is decompressed
under a cap and scanned in one pass. Redirects are followed by hand, so that a permanent one (301/308),
which the path should be updated for, is told from a temporary one. Results are plain data; httpx and
asyncio are imported only when checking starts.
"""

import contextvars
import re
import time
from collections.abc import Callable, Iterable
from typing import NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

from pathcli import __version__
from pathcli.text import excerpt, is_web_address
from pathcli.web import addresses

OK, REDIRECTED, BROKEN, RATE_LIMITED = "ok", "redirected", "broken", "rate_limited"
RESULTS = (OK, REDIRECTED, BROKEN, RATE_LIMITED)

USER_AGENT = f"pathcli/{__version__} (learning-path link checker)"
DEFAULT_TIMEOUT = 10.0
DEFAULT_PER_HOST = 4
DEFAULT_TOTAL = 64
MAX_REDIRECTS = 10
MAX_RETRY_AFTER = 10.0  # seconds: a server asking for longer is reported rate_limited without waiting
RETRY_DELAY = 0.5  # seconds before the one retry of a timeout, a dropped connection or a 5xx
RATE_LIMIT_DELAY = 1.0  # seconds before retrying a 429 that gives no Retry-After
MAX_BODY = 5 * 1024 * 1024  # bytes of a page read to look for a #fragment
_SMALL_BODY = 64 * 1024  # a GET answer up to this size is read to its end (raw), to keep the connection
_WAITED: contextvars.ContextVar = contextvars.ContextVar("pathcli_waited")  # [seconds] a link waited for its host
MAX_429_IN_A_ROW = 3  # after this many 429 answers in a row, a host's remaining links are not asked

_PERMANENT = (301, 308)
_REDIRECTS = (301, 302, 303, 307, 308)
_HEAD_REFUSED = (403, 405, 501)
# id="x", name='x' or id=x inside one HTML tag (the text between a < and the next >, found by
# _tags): enough to find the targets of #fragments.
_ATTRIBUTE = re.compile(rb"""\s(?:id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


class LinkResult(NamedTuple):
    result: str  # one of RESULTS
    status_code: int | None  # of the last answer, if there was one
    final_url: str | None  # where the redirects ended, when there were any
    reason: str  # why, for people: "404 Not Found", "connection refused", "redirect loop: ..."


def without_fragment(url: str) -> tuple[str, str]:
    base, _, fragment = url.partition("#")
    return base, fragment


def moved_to(url: str, final_url: str | None) -> str:
    """Where a redirected link ends, with its #fragment (which a browser carries across redirects)."""
    final = final_url or url
    fragment = without_fragment(url)[1]
    return f"{final}#{fragment}" if fragment and "#" not in final else final


def check(
    urls: Iterable[str],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    per_host: int = DEFAULT_PER_HOST,
    total: int = DEFAULT_TOTAL,
    fragments: bool = False,
    on_result: Callable[[str, LinkResult], None] | None = None,
) -> dict[str, LinkResult]:
    """The result of every URL given (each asked once); on_result is called as each one is known."""
    import asyncio

    return asyncio.run(_check_all(urls, timeout, per_host, total, fragments, on_result))


async def _check_all(urls, timeout, per_host, total, fragments, on_result) -> dict[str, LinkResult]:
    import asyncio

    import httpx

    from pathcli.web import bounded

    # URLs that differ only in their #fragment share one request; the page is read only when a
    # fragment is to be looked for in it.
    groups: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        groups.setdefault(without_fragment(url)[0], []).append(url)
    results: dict[str, LinkResult] = {}
    limits = httpx.Limits(max_connections=total, max_keepalive_connections=total)
    async with httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.8"},
        timeout=httpx.Timeout(timeout),
        limits=limits,
        follow_redirects=False,
        event_hooks={"response": [bounded.hold_location]},
    ) as client:
        checker = _Checker(client, timeout, per_host, total)

        async def check_group(base: str, members: list[str]) -> None:
            wanted = fragments and any(without_fragment(url)[1] for url in members)
            problem = addresses.url_problem(base)
            if problem is not None:
                outcome, anchors = LinkResult(BROKEN, None, None, f"cannot be requested: {problem}"), None
            else:
                outcome, anchors = await checker.check(base, read_anchors=wanted)
            for url in members:
                result = _with_fragment(outcome, without_fragment(url)[1], anchors) if wanted else outcome
                results[url] = result
                if on_result is not None:
                    on_result(url, result)

        await asyncio.gather(*(check_group(base, members) for base, members in groups.items()))
    return results


def _with_fragment(outcome: LinkResult, fragment: str, anchors: set[str] | None) -> LinkResult:
    """A page that answered but has no element with the fragment's id or name is broken for that link."""
    if not fragment or anchors is None or outcome.result not in (OK, REDIRECTED):
        return outcome
    if fragment in anchors or unquote(fragment) in anchors or fragment.lower() == "top":
        return outcome
    return outcome._replace(result=BROKEN, reason=f"no #{fragment} on the page")


class _Attempt(NamedTuple):
    """One try at a URL: the result, whether it may pass on a retry, and how long to wait before it."""

    result: LinkResult
    anchors: set[str] | None = None
    retry_after: float | None = None  # None: not worth retrying


class _Checker:
    def __init__(self, client, timeout: float, per_host: int, total: int):
        import asyncio

        self._client = client
        self._timeout = timeout
        self._per_host = per_host
        self._hosts: dict[str, _Gate] = {}
        self._not_before: dict[str, float] = {}  # a host that asked us to wait (Retry-After)
        self._in_a_row: dict[str, int] = {}  # 429 answers in a row from each host
        self._resolved: dict[str, object] = {}  # host name to (a future of) the host it stands for
        self._total = asyncio.Semaphore(total)

    async def check(self, url: str, read_anchors: bool) -> tuple[LinkResult, set[str] | None]:
        import asyncio

        _WAITED.set([0.0])  # this link's waits asked for by its host (each link runs as its own task)
        attempt = await self._follow(url, read_anchors, retry=False)
        if attempt.retry_after is not None:
            if attempt.result.result == RATE_LIMITED and not _may_wait(attempt.retry_after):
                return attempt.result, attempt.anchors  # it waited as long as one Retry-After allows
            await asyncio.sleep(attempt.retry_after)
            retried = await self._follow(url, read_anchors, retry=True)
            if retried.retry_after is not None and retried.result.result == BROKEN:
                reason = f"{retried.result.reason} (also on a retry)"
                retried = retried._replace(result=retried.result._replace(reason=reason))
            attempt = retried
        return attempt.result, attempt.anchors

    async def _follow(self, url: str, read_anchors: bool, retry: bool) -> _Attempt:
        """Ask for url and follow its redirects by hand, at most MAX_REDIRECTS of them."""
        seen = [url]
        permanent = False
        current = url
        deadline: list[float] = []  # set when the try's first request starts; its redirects share it
        while True:
            # retries and later hops go before links not yet asked (see _Gate)
            rank = 0 if retry or current != url else 1
            attempt, location = await self._ask(current, read_anchors, rank, deadline)
            if location is None:
                break
            status = attempt.result.status_code
            if not is_web_address(location):  # ftp:, mailto:...: nothing a browser opens as a page
                return _Attempt(LinkResult(BROKEN, status, location, f"redirected to {location}, not a web address"))
            problem = addresses.url_problem(location)
            if problem is not None:
                reason = f"redirected to {excerpt(location, 80)}, which cannot be requested: {problem}"
                return _Attempt(LinkResult(BROKEN, status, location, reason))
            permanent = permanent or status in _PERMANENT
            if location in seen:
                chain = " -> ".join([*seen[seen.index(location) :], location])
                return _Attempt(LinkResult(BROKEN, status, location, f"redirect loop: {chain}"))
            if len(seen) > MAX_REDIRECTS:
                return _Attempt(LinkResult(BROKEN, status, location, f"more than {MAX_REDIRECTS} redirects"))
            seen.append(location)
            current = location
        final_url = current if current != url else None
        result = attempt.result._replace(final_url=final_url)
        if result.result == OK and permanent:
            result = result._replace(result=REDIRECTED, reason=f"moved permanently to {current}")
        elif result.result != OK and final_url:
            result = result._replace(reason=f"{result.reason} after redirects to {current}")
        return attempt._replace(result=result)

    async def _ask(self, url: str, read_anchors: bool, rank: int, deadline: list) -> tuple[_Attempt, str | None]:
        """One request (HEAD, or GET when HEAD is refused or the page is to be read); with the redirect's
        target when the answer is a redirect."""
        import asyncio

        import httpx

        from pathcli.web import bounded

        try:
            if read_anchors:
                return await self._request("GET", url, True, rank, deadline)
            attempt, location = await self._request("HEAD", url, False, rank, deadline)
            if attempt.result.status_code in _HEAD_REFUSED:
                return await self._request("GET", url, False, 0, deadline)
            return attempt, location
        except (httpx.TimeoutException, asyncio.TimeoutError, bounded.Expired):
            return _Attempt(
                LinkResult(BROKEN, None, None, f"timed out after {self._timeout:g} s"), None, RETRY_DELAY
            ), None
        except bounded.BadEncoding as error:
            return _Attempt(LinkResult(BROKEN, None, None, f"a body {error}")), None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as error:
            return _Attempt(LinkResult(BROKEN, None, None, _network_reason(error)), None, RETRY_DELAY), None
        except (httpx.HTTPError, httpx.InvalidURL) as error:  # DNS, refused, TLS, bad URL: asking again will not help
            return _Attempt(LinkResult(BROKEN, None, None, _network_reason(error))), None
        except ValueError as error:  # a host name the IDNA codec refuses (UnicodeError), a port out of range
            return _Attempt(LinkResult(BROKEN, None, None, f"cannot be requested: {error}")), None

    async def _request(
        self, method: str, url: str, read_body: bool, rank: int, deadline: list
    ) -> tuple[_Attempt, str | None]:
        import asyncio

        from pathcli.web import bounded

        host = await self._host_of(urlsplit(url).hostname or "")
        gate = self._hosts.get(host)
        if gate is None:
            gate = self._hosts[host] = _Gate(self._per_host)
        await gate.acquire(rank)
        try:
            wait = self._not_before.get(host, 0.0) - time.monotonic()
            if wait > 0:
                if not _may_wait(wait):
                    reason = f"not asked: the host asked to wait, and this link has waited {MAX_RETRY_AFTER:g} s"
                    return _Attempt(LinkResult(RATE_LIMITED, None, None, reason)), None
                await asyncio.sleep(wait)
            if self._in_a_row.get(host, 0) >= MAX_429_IN_A_ROW:
                reason = f"not asked: the host answered 429 Too Many Requests {MAX_429_IN_A_ROW} times in a row"
                return _Attempt(LinkResult(RATE_LIMITED, None, None, reason)), None
            if not deadline:
                deadline.append(time.monotonic() + self._timeout)
            async with self._total:
                left = max(0.0, deadline[0] - time.monotonic())
                response, anchors = await bounded.within(left, self._exchange(method, url, read_body))
        finally:
            gate.release()
        status = response.status_code
        self._in_a_row[host] = self._in_a_row.get(host, 0) + 1 if status == 429 else 0
        reason = f"{status} {response.reason_phrase}".strip()
        location = bounded.location_of(response)
        if status in _REDIRECTS:
            if not location:
                return _Attempt(LinkResult(BROKEN, status, None, f"{reason} without a Location")), None
            try:
                return _Attempt(LinkResult(OK, status, None, reason)), urljoin(url, location.strip())
            except ValueError as error:  # `http://[`: urljoin cannot even read it
                return _Attempt(LinkResult(BROKEN, status, None, f"Invalid URL in location header: {error}")), None
        if response.is_success:
            return _Attempt(LinkResult(OK, status, None, reason), anchors), None
        retry_after = _retry_after(response.headers.get("retry-after"))
        if status == 429 or (status == 503 and retry_after is not None):
            if retry_after is not None:
                pause = time.monotonic() + min(retry_after, MAX_RETRY_AFTER)  # the host's other links wait too
                self._not_before[host] = max(self._not_before.get(host, 0.0), pause)
                if retry_after > MAX_RETRY_AFTER:
                    return _Attempt(
                        LinkResult(RATE_LIMITED, status, None, f"{reason}, retry after {retry_after:g} s")
                    ), None
            delay = RATE_LIMIT_DELAY if retry_after is None else retry_after
            return _Attempt(LinkResult(RATE_LIMITED, status, None, reason), None, delay), None
        delay = RETRY_DELAY if status >= 500 else None
        return _Attempt(LinkResult(BROKEN, status, None, reason), None, delay), None

    async def _exchange(self, method: str, url: str, read_body: bool):
        """The response to one request, and the anchors of its page when read_body."""
        if method == "HEAD":  # read whole (there is no body), so that the connection is kept
            return await self._client.request(method, url), None
        async with self._client.stream(method, url) as response:
            return response, await self._read(response, read_body)

    async def _host_of(self, name: str) -> str:
        """The host a name stands for, for the per-host limit: its IP literal normalised, or the first
        address it resolves to (IPv4 first), so that localhost and 127.0.0.1 are one host."""
        import asyncio
        import socket

        key = addresses.host_key(name)
        if key not in self._resolved:

            async def resolve() -> str:
                try:
                    infos = await asyncio.wait_for(
                        asyncio.get_running_loop().getaddrinfo(key, None, type=socket.SOCK_STREAM), self._timeout
                    )
                except (OSError, UnicodeError, ValueError, asyncio.TimeoutError):
                    return key  # the request will say why
                found = [info[4][0] for info in infos]
                return next((address for address in found if ":" not in address), found[0] if found else key)

            self._resolved[key] = asyncio.ensure_future(resolve()) if not _is_ip(key) else _done(key)
        return await self._resolved[key]

    @staticmethod
    async def _read(response, for_anchors: bool) -> set[str] | None:
        """The anchors of an HTML page when asked for; otherwise a small body is read (raw, not
        decompressed) only so that the connection can be used again (closing a response before its end
        closes its connection)."""
        from pathcli.web import bounded

        if for_anchors and response.is_success and _is_html(response):
            return anchors_of(await bounded.read_body(response, MAX_BODY, keep_what_fits=True))
        length = response.headers.get("content-length", "")
        if length.isdigit() and int(length) <= _SMALL_BODY:
            await bounded.drain(response, _SMALL_BODY)
        return None


def _is_ip(key: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(key)
    except ValueError:
        return False
    return True


def _done(value: str):
    import asyncio

    future = asyncio.get_running_loop().create_future()
    future.set_result(value)
    return future


def _may_wait(seconds: float) -> bool:
    """Whether this link may wait seconds more for its host (Retry-After, or the pause another link's
    Retry-After put on the host): at most MAX_RETRY_AFTER in all, whatever the host asks. Counted if so."""
    waited = _WAITED.get(None)
    if waited is None:  # outside check(): nothing counted
        return True
    if waited[0] + seconds > MAX_RETRY_AFTER + 0.05:
        return False
    waited[0] += seconds
    return True


class _Gate:
    """A semaphore of `size` places that lets waiters of a lower rank in first: a retry or the next hop of
    a redirect goes before links not yet asked, so that it is not queued behind all of its host's links."""

    def __init__(self, size: int):
        self._free = size
        self._waiting: list = []  # heap of (rank, arrival, future)
        self._arrivals = 0

    async def acquire(self, rank: int) -> None:
        import asyncio
        import heapq

        if self._free and not self._waiting:
            self._free -= 1
            return
        self._arrivals += 1
        place = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (rank, self._arrivals, place))
        await place  # release() hands its place over directly

    def release(self) -> None:
        import heapq

        while self._waiting:
            place = heapq.heappop(self._waiting)[2]
            if not place.done():
                place.set_result(None)
                return
        self._free += 1


def _is_html(response) -> bool:
    return "html" in response.headers.get("content-type", "html").lower()


def anchors_of(body: bytes) -> set[str]:
    """The ids and names in the tags of a page, in one pass: each tag is the text between a < and the
    first > after it (from its last <), so no byte is looked at more than a few times, whatever the page."""
    found = set()
    start = body.find(b"<")
    while start != -1:
        end = body.find(b">", start)
        if end == -1:
            break
        tag = body[body.rfind(b"<", start, end) : end]
        if b"=" in tag:
            for double, single, bare in _ATTRIBUTE.findall(tag):
                found.add((double or single or bare).decode("utf-8", "replace"))
        start = body.find(b"<", end)
    return found


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # "²".isdigit() too, which float() refuses
        return float(value)
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(value)
        return max(0.0, moment.timestamp() - time.time())
    except (TypeError, ValueError, OverflowError, IndexError, OSError):
        return None


NETWORK_UNREACHABLE = "network unreachable"
# The reasons that say nothing about a site, only that this machine reached no one.
_NO_NETWORK = ("DNS failure", NETWORK_UNREACHABLE)


def network_down(results: dict[str, LinkResult]) -> bool:
    """Whether results look like a machine offline rather than broken sites: every link failed for want of
    a name server or a route, across two hosts or more (one host that does not resolve is a broken site)."""
    from urllib.parse import urlsplit

    hosts = set()
    for url, outcome in results.items():
        if outcome.result != BROKEN or not outcome.reason.startswith(_NO_NETWORK):
            return False
        try:
            hosts.add(urlsplit(url).hostname)
        except ValueError:
            return False
    return len(hosts) >= 2


def _network_reason(error: Exception) -> str:
    """What went wrong below HTTP, from the chain of causes httpx keeps."""
    import errno
    import socket
    import ssl

    cause: BaseException | None = error
    while cause is not None:
        if isinstance(cause, ssl.SSLError):
            return f"TLS error: {cause.reason or cause}"
        if isinstance(cause, socket.gaierror):
            return "DNS failure: no such host"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return NETWORK_UNREACHABLE
        cause = cause.__cause__ or cause.__context__
    text = str(error)
    if "Name or service not known" in text or "getaddrinfo" in text or "nodename nor servname" in text:
        return "DNS failure: no such host"
    if "Network is unreachable" in text or "Errno 101" in text:
        return NETWORK_UNREACHABLE
    if "Connection refused" in text or "Errno 111" in text:
        return "connection refused"
    return f"{type(error).__name__}: {text}" if text else type(error).__name__
