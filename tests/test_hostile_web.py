"""Hostile web servers against `path import URL`, `path update` and `check`: each request within one
deadline, decompression under a cap, no traceback from a header, URL, redirect or charset, politeness by
host rather than spelling. Every server is on 127.0.0.1."""

import gzip
import json
import os
import socket
import subprocess
import sys
import threading
import time
import zlib

import pytest
from conftest import ROOT, pathcli_process
from werkzeug import Response

from pathcli.importing import fetch

sys.path.insert(0, str(ROOT / "benchmarks"))
from linkserver import LinkServer  # noqa: E402

COURSE = "# Course\n\n## Week 1\n\n- [Reading](https://example.org/1) - the first\n- [Survey](https://example.org/2)\n"


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "*")


class SlowHeaders:
    """A server that answers every request with its status line and headers one byte every `pause`
    seconds, forever: each byte comes well within any read timeout."""

    def __init__(self, pause: float = 0.1):
        self.pause = pause
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.stopped = threading.Event()
        threading.Thread(target=self._accept, daemon=True).start()

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def _accept(self) -> None:
        self.listener.settimeout(0.2)
        while not self.stopped.is_set():
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            threading.Thread(target=self._trickle, args=(connection,), daemon=True).start()

    def _trickle(self, connection: socket.socket) -> None:
        with connection:
            try:
                connection.recv(65536)
                for byte in b"HTTP/1.1 200 OK\r\n":
                    connection.sendall(bytes([byte]))
                    time.sleep(self.pause)
                while not self.stopped.is_set():
                    connection.sendall(b"X")
                    time.sleep(self.pause)
            except OSError:
                pass

    def stop(self) -> None:
        self.stopped.set()
        self.listener.close()


@pytest.fixture
def slow_headers():
    server = SlowHeaders()
    yield server
    server.stop()


def _in_thread(function, limit: float = 90.0):
    """function's result, failing the test (not hanging it) when it runs past limit seconds."""
    box = []
    worker = threading.Thread(target=lambda: box.append(function()), daemon=True)
    worker.start()
    worker.join(limit)
    assert box, f"still running after {limit} s"
    return box[0]


def _path_file(tmp_path, urls: list[str], path_id: str = "web") -> str:
    steps = "".join(f"      - title: Link {n}\n        url: '{url}'\n" for n, url in enumerate(urls))
    file = tmp_path / f"{path_id}.yaml"
    file.write_text(f"id: {path_id}\ntitle: Web\nsections:\n  - title: Links\n    steps:\n{steps}")
    return str(file)


# 1. One deadline per request ---------------------------------------------------------------------


def test_check_gives_up_on_headers_sent_a_byte_at_a_time(tmp_path, slow_headers):
    assert (
        pathcli_process("path", "add", _path_file(tmp_path, [slow_headers.url(f"/{n}") for n in range(3)])).returncode
        == 0
    )
    started = time.monotonic()
    result = pathcli_process("-p", "web", "check", "--timeout", "1", "--json")
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr
    links = json.loads(result.stdout)["links"]
    assert [link["result"] for link in links] == ["broken"] * 3
    assert all("timed out after 1 s" in link["reason"] for link in links)
    assert elapsed < 50  # two tries of 1 s each, and start-up; before, it ran for as long as the server went on


def test_import_and_update_give_up_on_headers_sent_a_byte_at_a_time(
    run, run_json, httpserver, slow_headers, monkeypatch
):
    monkeypatch.setattr(fetch, "TOTAL_SECONDS", 1.5)
    result = _in_thread(lambda: run("path", "import", slow_headers.url("/course.md")))
    assert result.exit_code == 1 and result.stderr.endswith("still arriving after 1.5 seconds; given up\n")
    assert len(result.stderr.splitlines()) == 1

    httpserver.expect_request("/course.md").respond_with_data(COURSE, content_type="text/markdown")
    assert run("path", "import", httpserver.url_for("/course.md")).exit_code == 0
    httpserver.clear()
    httpserver.expect_request("/course.md").respond_with_handler(
        lambda request: time.sleep(4)
    )  # the server is not threaded: not longer
    started = time.monotonic()
    update = _in_thread(lambda: run("path", "update", "course"))
    assert update.exit_code == 1 and "given up" in update.stderr
    assert time.monotonic() - started < 20


# 2. Decompressed bytes capped while decompressing --------------------------------------------------


def _gzip_of_zeros(size: int, times: int = 1) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1 << 20)
    body = b"".join(packer.compress(block) for _ in range(size >> 20)) + packer.flush()
    for _ in range(times - 1):
        body = gzip.compress(body, 9)
    return body


# The peak memory of pathcli's own process (VmHWM: rusage's maxrss would count the test process it forked from).
PEAK_PROBE = """
import atexit, sys
def peak():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            sys.stderr.write("PEAK " + line.split()[1] + "\\n")
atexit.register(peak)
sys.argv = ["pathcli", *sys.argv[1:]]
from pathcli.cli import main
main()
"""


@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak memory is read from /proc")
def test_a_gzip_bomb_stops_at_the_cap_in_little_memory(httpserver):
    bomb = _gzip_of_zeros(1 << 30)  # 1 GiB of zeros in about 1 MB
    httpserver.expect_request("/c.md").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip"}, content_type="text/markdown"
    )
    result = subprocess.run(
        [sys.executable, "-c", PEAK_PROBE, "path", "import", httpserver.url_for("/c.md")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    *lines, peak = result.stderr.splitlines()
    assert result.returncode == 1 and len(lines) == 1 and "larger than 10 MiB" in lines[0], result.stderr
    assert int(peak.split()[1]) * 1024 < 200 * 1024 * 1024, peak


def test_stacked_or_unknown_codings_are_refused_by_import(run, httpserver):
    httpserver.expect_request("/twice.md").respond_with_data(
        _gzip_of_zeros(16 << 20, times=2), headers={"Content-Encoding": "gzip, gzip"}, content_type="text/markdown"
    )
    httpserver.expect_request("/odd.md").respond_with_data(
        b"???", headers={"Content-Encoding": "compress"}, content_type="text/markdown"
    )
    twice = run("path", "import", httpserver.url_for("/twice.md"))
    assert twice.exit_code == 1 and "compressed 2 times over" in twice.stderr
    odd = run("path", "import", httpserver.url_for("/odd.md"))
    assert odd.exit_code == 1 and "compressed as 'compress'" in odd.stderr
    assert len(twice.stderr.splitlines()) == len(odd.stderr.splitlines()) == 1


def test_check_reads_no_stacked_coding_after_head_is_refused(run, tmp_path, httpserver):
    bomb = _gzip_of_zeros(256 << 20, times=2)  # 256 MiB once both are undone; a few hundred bytes sent
    httpserver.expect_request("/page", method="HEAD").respond_with_data("", status=405)
    httpserver.expect_request("/page", method="GET").respond_with_data(
        bomb, headers={"Content-Encoding": "gzip, gzip"}, content_type="text/html"
    )
    url = httpserver.url_for("/page")
    assert run("path", "add", _path_file(tmp_path, [url, url + "#top-x"])).exit_code == 0
    plain = json.loads(run("-p", "web", "check", "--timeout", "5", "--json").stdout)["links"]
    assert [link["result"] for link in plain] == ["ok", "ok"]  # the body is not read, only drained raw
    read = json.loads(run("-p", "web", "check", "--timeout", "5", "--json", "--fragments", "--fresh").stdout)["links"]
    assert [link["result"] for link in read] == ["broken", "broken"]  # the page cannot be read
    assert "compressed 2 times over" in read[1]["reason"]


# 3. No traceback from a header, URL, redirect target, charset or cache --------------------------------


def test_a_retry_after_of_other_digits_loses_no_result(run, tmp_path, httpserver):
    httpserver.expect_request("/busy").respond_with_response(Response("", status=429, headers={"Retry-After": "²"}))
    httpserver.expect_request("/fine").respond_with_data("ok")
    assert (
        run("path", "add", _path_file(tmp_path, [httpserver.url_for("/busy"), httpserver.url_for("/fine")])).exit_code
        == 0
    )
    result = run("-p", "web", "check", "--timeout", "2", "--json")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert [link["result"] for link in json.loads(result.stdout)["links"]] == ["rate_limited", "ok"]


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("http://[::1/", "not a valid address"),
        ("http://127.0.0.1:99999/", "not a valid address"),
        ("http://xn--/", "not a valid international host name"),
        ("http://xn--a.com/", "not a valid international host name"),
        ("http://999.1.1.1/", "not a valid IPv4 address"),
    ],
)
def test_path_add_and_validate_refuse_an_address_that_cannot_be_requested(run, tmp_path, url, problem):
    file = _path_file(tmp_path, ["https://example.org/fine", url])
    for command in (["path", "add", file], ["path", "validate", file]):
        result = run(*command)
        assert result.exit_code == 1 and problem in result.stderr, result.stderr
        assert "Link 1" in result.stderr or "step 2" in result.stderr.lower()
        assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("url", ["http://[::1", "http://127.0.0.1:99999/", "http://xn--/", "http://xn--a.com/"])
def test_check_gives_an_address_that_cannot_be_requested_a_broken_result(url):
    from pathcli.links import linkcheck

    results = linkcheck.check([url], timeout=2)
    assert results[url].result == "broken" and results[url].reason.startswith("cannot be requested: ")


def test_check_gives_a_redirect_to_a_bad_host_a_broken_result(run, tmp_path, httpserver):
    httpserver.expect_request("/away").respond_with_response(
        Response("", 302, headers={"Location": "http://xn--a.com/"})
    )
    httpserver.expect_request("/fine").respond_with_data("ok")
    assert (
        run("path", "add", _path_file(tmp_path, [httpserver.url_for("/away"), httpserver.url_for("/fine")])).exit_code
        == 0
    )
    result = run("-p", "web", "check", "--timeout", "2", "--json")
    links = json.loads(result.stdout)["links"]
    assert [link["result"] for link in links] == ["broken", "ok"]
    assert "which cannot be requested" in links[0]["reason"]


@pytest.mark.parametrize(
    ("respond", "message"),
    [
        (
            lambda server: server.expect_request("/c.md").respond_with_data(
                b"- [a](https://example.org/a)\n-", content_type="text/markdown; charset=punycode"
            ),
            "not readable as punycode text",
        ),
        (
            lambda server: server.expect_request("/c.md").respond_with_response(
                Response("", 302, headers={"Location": "data:text/plain,hello"})
            ),
            "cannot be fetched: not an http:// or https:// address",
        ),
        (
            lambda server: server.expect_request("/c.md").respond_with_response(
                Response("", 302, headers={"Location": "http://xn--a.com/"})
            ),
            "not a valid international host name",
        ),
    ],
    ids=["punycode", "data", "xn--"],
)
def test_import_of_a_bad_charset_or_redirect_is_one_line(run, httpserver, data_dir, respond, message):
    respond(httpserver)
    result = run("path", "import", httpserver.url_for("/c.md"))
    assert result.exit_code == 1 and message in result.stderr, result.stderr
    assert len(result.stderr.splitlines()) == 1 and not (data_dir / "paths").exists()


def test_a_damaged_link_cache_counts_as_empty(run, tmp_path):
    from pathcli.store import locations

    url = "https://example.org/x"
    assert run("path", "add", _path_file(tmp_path, [url])).exit_code == 0
    assert run("use", "web").exit_code == 0
    cache = locations.cache_dir() / "links.json"
    for entry in ({"reason": 404}, {"final_url": 7}, {"status_code": "x"}, {"fragments": "yes"}):
        record = {"result": "broken", "status_code": 404, "final_url": None, "reason": "gone"}
        record.update({"checked_at": "2026-01-01T00:00:00+00:00", **entry})
        cache.write_text(json.dumps({"version": 1, "links": {url: record}}))
        for command in (["next"], ["list"], ["next", "--json"]):
            result = run(*command)
            assert result.exit_code == 0 and result.exception is None, (entry, command, result.stderr)


# 5. Politeness by host, not by spelling ------------------------------------------------------------


def test_the_per_host_limit_counts_a_host_however_it_is_spelled(run, tmp_path):
    server = LinkServer(slow_seconds=0.3).start()
    try:
        port = server.server_address[1]
        spellings = ["127.0.0.1", "127.1", "0x7f.1", "2130706433", "LOCALHOST"]
        urls = [f"http://{host}:{port}/slow/{host}-{n}" for host in spellings for n in range(4)]
        assert run("path", "add", _path_file(tmp_path, urls)).exit_code == 0
        result = run("-p", "web", "check", "--per-host", "2", "--timeout", "10", "--json")
        assert result.exit_code == 0, result.stdout
        assert server.peak_in_flight == 2
    finally:
        server.stop()


def test_a_host_answering_429_three_times_in_a_row_is_not_asked_again(run, tmp_path):
    server = LinkServer(retry_after=2).start()
    try:
        urls = [f"{server.base}/always429/{n}" for n in range(40)]
        assert run("path", "add", _path_file(tmp_path, urls)).exit_code == 0
        started = time.monotonic()
        result = run("-p", "web", "check", "--per-host", "2", "--timeout", "5", "--json")
        elapsed = time.monotonic() - started
        links = json.loads(result.stdout)["links"]
        assert {link["result"] for link in links} == {"rate_limited"}
        asked = sum(server.hits.values())
        assert asked <= 12, asked  # three in a row, the few in flight then, and their retries
        assert sum("not asked" in link["reason"] for link in links) >= 30
        assert elapsed < 40  # was about 40 x 1 s and more
    finally:
        server.stop()


# 6. Smaller -------------------------------------------------------------------------------------


def test_a_password_in_base_url_is_refused(run, tmp_path, data_dir):
    source = tmp_path / "course.md"
    source.write_text(COURSE + "- [Local](notes.md)\n")
    result = run("path", "import", str(source), "--base-url", "https://user:hunter2@example.org/")
    assert result.exit_code == 1 and "user name or password" in result.stderr and "hunter2" not in result.stderr
    assert not (data_dir / "paths").exists()


def test_stale_temporary_files_in_the_cache_folder_are_swept(run, tmp_path, httpserver):
    from pathcli.store import locations

    httpserver.expect_request("/fine").respond_with_data("ok")
    assert run("path", "add", _path_file(tmp_path, [httpserver.url_for("/fine")])).exit_code == 0
    cache = locations.cache_dir()
    old = [cache / "~syncthing~links.json.~123.abcd.tmp", cache / "paths" / "~syncthing~web-1.json.~9.ffff.tmp"]
    fresh = cache / "~syncthing~links.json.~456.beef.tmp"  # another run's write in progress
    for file in [*old, fresh]:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(b"{")
    for file in old:
        os.utime(file, (time.time() - 3600, time.time() - 3600))
    assert run("-p", "web", "check", "--json").exit_code == 0
    assert run("path", "add", _path_file(tmp_path, ["https://example.org/o"], "other")).exit_code == 0
    assert run("-p", "other", "list", "--json").exit_code == 0
    assert [file.exists() for file in old] == [False, False] and fresh.exists()


def test_an_error_after_a_redirect_names_the_host_that_failed(run, httpserver):
    with socket.socket() as probe:
        probe.bind(("127.0.0.2", 0))
        port = probe.getsockname()[1]
    httpserver.expect_request("/c.md").respond_with_response(
        Response("", 302, headers={"Location": f"http://127.0.0.2:{port}/c.md"})
    )
    result = run("path", "import", httpserver.url_for("/c.md"))
    assert result.exit_code == 1 and "cannot connect to 127.0.0.2" in result.stderr, result.stderr


def test_no_link_waits_for_its_host_longer_than_one_retry_after(monkeypatch):
    from pathcli.links import linkcheck

    monkeypatch.setattr(linkcheck, "MAX_429_IN_A_ROW", 1000, raising=False)  # the waits alone, not the streak
    monkeypatch.setattr(linkcheck, "MAX_RETRY_AFTER", 3.0)  # 10 s in use; 3 here, against Retry-After: 2
    server = LinkServer(retry_after=2).start()
    try:
        urls = [f"{server.base}/always429/{n}" for n in range(6)]
        results = linkcheck.check(urls, per_host=1, timeout=5)
        assert {result.result for result in results.values()} == {"rate_limited"}
        # The first link waits 2 s and tries again; every other one has already waited 2 s for the pause
        # the answers before it put on the host, and may not wait 2 s more for a second try.
        assert sum(server.hits.values()) <= len(urls) + 2, server.hits
    finally:
        server.stop()
