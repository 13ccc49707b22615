"""A local web server with one route for every way a link can be good or bad (standard library only).

Used by benchmarks/linkcheck_bench.py and by the tests. `/<kind>/<n>` answers as the kind says, for any
n, so that many distinct links of one kind can be made. Each server counts the requests in flight
(server-side, so a client cannot hide excess) and the requests per path.
"""

import contextlib
import select
import socket
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PAGE = b'<!doctype html><html><body><h1 id="present">A page</h1><a name="named">x</a></body></html>'

# kind: (what pathcli should call it, how it is asked for: path and fragment; n is filled in)
KINDS = {
    "ok": ("ok", "/ok/{n}"),
    "not_found": ("broken", "/status/404/{n}"),
    "gone": ("broken", "/status/410/{n}"),
    "server_error": ("broken", "/status/500/{n}"),
    "moved": ("redirected", "/moved/{n}"),
    "redirect_chain": ("ok", "/chain/{n}/1"),
    "redirect_loop": ("broken", "/loop/{n}/a"),
    "redirect_to_404": ("broken", "/to404/{n}"),
    "slow": ("broken", "/slow/{n}"),
    "head_refused": ("ok", "/nohead/{n}"),
    "transient_429": ("ok", "/flaky429/{n}"),
    "permanent_429": ("rate_limited", "/always429/{n}"),
    "refused_port": ("broken", None),  # a port nothing listens on
    "fragment_present": ("ok", "/ok/{n}#present"),
    "fragment_missing": ("broken", "/ok/{n}#missing"),
}


class LinkServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256  # the default 5 drops connections opened at once, and clients retry after 1 s

    def __init__(self, host: str = "127.0.0.1", slow_seconds: float = 3.0, retry_after: int = 1):
        super().__init__((host, 0), _Handler)
        self.slow_seconds = slow_seconds
        self.retry_after = retry_after
        self.hits: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.in_flight = 0
        self.peak_in_flight = 0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, args=(0.05,), daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "LinkServer":
        self._thread.start()
        return self

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up mid-request is part of the workload, not news

    def stop(self) -> None:
        self.shutdown()
        self.server_close()

    @contextlib.contextmanager
    def _counted(self, path: str):
        with self._lock:
            self.hits[path] += 1
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)
        try:
            yield
        finally:
            with self._lock:
                self.in_flight -= 1


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so that clients can reuse connections
    disable_nagle_algorithm = True  # headers and body go out at once, not 40 ms apart
    server: LinkServer

    def log_message(self, format, *args):  # noqa: A002 - quiet: a benchmark prints its own table
        pass

    def do_HEAD(self):
        self._answer(head=True)

    def do_GET(self):
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        path = self.path.split("?")[0]
        self.server.user_agents.add(self.headers.get("User-Agent", ""))
        with self.server._counted(path):
            parts = path.strip("/").split("/")
            kind, rest = parts[0], parts[1:]
            first_time = self.server.hits[path] == 1
            if kind == "ok" or (kind == "nohead" and not head) or (kind == "flaky429" and not first_time):
                self._send(200, body=PAGE, head=head)
            elif kind == "nohead":
                self._send(405)
            elif kind == "status":
                self._send(int(rest[0]))
            elif kind == "moved":
                self._send(301, location=f"/ok/{rest[0]}")
            elif kind == "permanent":
                self._send(308, location=f"/ok/{rest[0]}")
            elif kind == "chain":  # three temporary hops: 302, 307, 303, then the page
                step = int(rest[1])
                codes = {1: 302, 2: 307, 3: 303}
                target = f"/chain/{rest[0]}/{step + 1}" if step < 3 else f"/ok/{rest[0]}"
                self._send(codes[step], location=target)
            elif kind == "hops":  # more redirects than anyone should follow
                self._send(302, location=f"/hops/{rest[0]}/{int(rest[1]) + 1}")
            elif kind == "loop":
                self._send(302, location=f"/loop/{rest[0]}/{'b' if rest[1] == 'a' else 'a'}")
            elif kind == "badlocation":
                self._send(302, location="http://[::1/")
            elif kind == "toftp":
                self._send(302, location=f"ftp://127.0.0.1/{rest[0]}")
            elif kind == "to404":
                self._send(301, location=f"/status/404/{rest[0]}")
            elif kind == "slow":
                if self._waited(self.server.slow_seconds):
                    self._send(200, body=PAGE, head=head)
            elif kind in ("flaky429", "always429"):
                self._send(429, retry_after=self.server.retry_after)
            elif kind == "busy":  # 503 with Retry-After, every time
                self._send(503, retry_after=self.server.retry_after)
            elif kind == "flaky500":
                self._send(500 if first_time else 200, body=PAGE, head=head)
            else:
                self._send(404)

    def _send(self, status: int, body: bytes = b"", head: bool = False, location=None, retry_after=None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if location:
            self.send_header("Location", location)
        if retry_after is not None:
            self.send_header("Retry-After", str(retry_after))
        self.end_headers()
        if not head:
            with contextlib.suppress(OSError):
                self.wfile.write(body)

    def _waited(self, seconds: float) -> bool:
        """Sleep; False as soon as the client hangs up, so that a request it gave up on no longer counts."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            readable, _, _ = select.select([self.connection], [], [], left)
            if readable:
                try:
                    gone = self.connection.recv(1, socket.MSG_PEEK) == b""
                except OSError:
                    gone = True
                if gone:
                    self.close_connection = True
                    return False
                time.sleep(min(left, 0.05))
        return True


def refused_url(host: str = "127.0.0.1") -> str:
    """An address on host where nothing listens: a port taken from the system, then given back."""
    with socket.socket() as probe:
        probe.bind((host, 0))
        port = probe.getsockname()[1]
    return f"http://{host}:{port}/"
