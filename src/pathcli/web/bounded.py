"""The bounds on every request: one deadline for the whole of it, and a body decompressed under a cap.

httpx has no total timeout: its timeouts are for each wait, so a server sending its headers one byte a
second never times out. Requests therefore run as asyncio tasks under asyncio.wait_for (`within`), which
cancels them, headers, redirects and body alike, when the deadline passes. Bodies are read raw and
decompressed here, chunk by chunk with zlib's max_length, so that the cap counts decompressed bytes as
they are made: a small gzip bomb stops at the cap, not after the whole chunk has grown in memory. One
content coding at most is read (gzip or deflate); stacked or unknown codings are refused with a reason.
"""

from collections.abc import Awaitable
from typing import TypeVar

ACCEPT_ENCODING = "gzip, deflate"  # never br or zstd, which would need other decoders
_CODINGS = ("gzip", "x-gzip", "deflate")
_T = TypeVar("_T")


class TooLarge(Exception):
    """More than the cap of decompressed bytes."""


class BadEncoding(Exception):
    """A body in content codings that are not read: the message says which, for people."""


class Expired(Exception):
    """The deadline passed before the request was done."""


async def within(seconds: float, work: Awaitable[_T]) -> _T:
    """The result of work, or Expired once seconds have passed (work is then cancelled)."""
    import asyncio

    try:
        return await asyncio.wait_for(work, seconds)
    except asyncio.TimeoutError:
        raise Expired from None


def content_coding(value: str) -> str:
    """The one content coding named by a Content-Encoding header ('' for none), or BadEncoding."""
    codings = [part.strip().lower() for part in value.split(",")]
    codings = [coding for coding in codings if coding and coding != "identity"]
    if len(codings) > 1:
        raise BadEncoding(f"compressed {len(codings)} times over ({', '.join(codings)}); pathcli reads one coding")
    if codings and codings[0] not in _CODINGS:
        raise BadEncoding(f"compressed as {codings[0]!r}, which pathcli does not read")
    return codings[0] if codings else ""


class Decoder:
    """Decompresses one content coding, raising TooLarge as soon as more than limit bytes are made."""

    def __init__(self, coding: str, limit: int):
        import zlib

        self._limit = limit
        self.size = 0
        self._raw_deflate_tried = False
        self._started = False
        self._zlib = None
        if coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._zlib = zlib.decompressobj()

    def feed(self, data: bytes) -> bytes:
        if self._zlib is None:
            return self._count(data)
        import zlib

        out = bytearray()
        while data:
            try:
                piece = self._zlib.decompress(data, self._limit + 1 - self.size)
            except zlib.error as error:
                if self._started or self._raw_deflate_tried or self._zlib.unused_data:
                    raise BadEncoding(f"the compressed body is damaged ({error})") from None
                # "deflate" is sent as raw deflate by some servers, without the zlib header
                self._raw_deflate_tried = True
                self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            self._started = True
            out += self._count(piece)
            stalled = not piece and self._zlib.unconsumed_tail == data
            data = self._zlib.unconsumed_tail
            if self._zlib.eof or stalled:
                break
        return bytes(out)

    def _count(self, piece: bytes) -> bytes:
        self.size += len(piece)
        if self.size > self._limit:
            raise TooLarge
        return piece


_LOCATION = "pathcli.location"


async def hold_location(response) -> None:
    """An httpx response hook that takes the Location header off a redirect, for location_of: httpx
    otherwise builds the next request from it even when not following redirects, and fails on a target
    it cannot parse (data:, a bad IDNA name) with an exception instead of the answer."""
    location = response.headers.get("location")
    if location is not None and response.status_code in (301, 302, 303, 307, 308):
        response.extensions = {**response.extensions, _LOCATION: location}
        del response.headers["location"]


def location_of(response) -> str | None:
    """The Location of a redirect seen by hold_location."""
    return response.extensions.get(_LOCATION)


async def read_body(response, limit: int, keep_what_fits: bool = False) -> bytes:
    """The decompressed body of an httpx response opened with stream(): TooLarge past limit bytes, or,
    with keep_what_fits, the first limit bytes. BadEncoding for codings that are not read."""
    decoder = Decoder(content_coding(response.headers.get("content-encoding", "")), limit)
    body = bytearray()
    try:
        async for chunk in response.aiter_raw():
            body += decoder.feed(chunk)
    except TooLarge:
        if not keep_what_fits:
            raise
    return bytes(body[:limit])


async def drain(response, limit: int) -> None:
    """Read a small body raw (not decompressed: only so that the connection can be used again)."""
    size = 0
    async for chunk in response.aiter_raw():
        size += len(chunk)
        if size > limit:
            return
