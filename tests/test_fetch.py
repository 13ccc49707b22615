"""Paths from the web: `path import URL` and `path update` against a server on 127.0.0.1, never the internet."""

import socket

import pytest
from werkzeug import Response

from pathcli.importing import fetch

COURSE = """\
# Course

## Week 1

- [Reading](https://example.org/1) - the first
- [Survey](https://example.org/2)
"""


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


def _serve(httpserver, path: str, body: str | bytes, content_type: str = "text/markdown; charset=utf-8"):
    httpserver.expect_request(path).respond_with_data(body, content_type=content_type)
    return httpserver.url_for(path)


@pytest.mark.parametrize(
    ("url", "addresses", "base"),
    [
        (
            "https://github.com/owner/repo",
            [f"https://raw.githubusercontent.com/owner/repo/HEAD/{name}" for name in fetch._README_NAMES],
            "https://github.com/owner/repo/blob/HEAD/",
        ),
        (
            "https://github.com/owner/repo.git/",
            [f"https://raw.githubusercontent.com/owner/repo/HEAD/{name}" for name in fetch._README_NAMES],
            "https://github.com/owner/repo/blob/HEAD/",
        ),
        (
            "https://github.com/owner/repo/blob/main/docs/plan.md",
            ["https://raw.githubusercontent.com/owner/repo/main/docs/plan.md"],
            "https://github.com/owner/repo/blob/main/docs/plan.md",
        ),
        (
            "https://github.com/owner/repo/tree/main/docs",
            [f"https://raw.githubusercontent.com/owner/repo/main/docs/{name}" for name in fetch._README_NAMES],
            "https://github.com/owner/repo/blob/main/docs/",
        ),
        ("https://github.com/owner", ["https://github.com/owner"], "https://github.com/owner"),
        ("https://example.org/a/plan.md", ["https://example.org/a/plan.md"], "https://example.org/a/plan.md"),
    ],
)
def test_github_pages_are_fetched_as_their_raw_file(url, addresses, base):
    assert fetch.raw_addresses(url) == (tuple(addresses), base)


def test_import_from_a_url_records_it_and_update_reads_it_again(run, run_json, httpserver):
    url = _serve(httpserver, "/course.md", COURSE)
    result = run("path", "import", url)
    assert result.exit_code == 0, result.stderr
    assert "Kept 1 section, 2 steps and 0 more links" in result.stdout
    assert run("-p", "course", "done", "reading").exit_code == 0
    httpserver.clear()
    _serve(httpserver, "/course.md", COURSE.replace("- [Reading]", "- [Primer](https://example.org/0)\n- [Reading]"))
    update = run_json("path", "update", "course")
    assert [ref["url"] for ref in update["changes"]["added"]] == ["https://example.org/0"]
    assert update["source"] == url
    steps = run_json("-p", "course", "list")
    assert [(s["url"], s["status"]) for s in steps] == [
        ("https://example.org/0", "todo"),
        ("https://example.org/1", "done"),
        ("https://example.org/2", "todo"),
    ]


def test_a_redirect_is_followed_and_reported_and_relative_links_resolve_where_it_led(run, run_json, httpserver):
    target = _serve(httpserver, "/new/course.md", COURSE + "- [Syllabus](syllabus.md)\n")
    httpserver.expect_request("/old.md").respond_with_response(Response(status=301, headers={"Location": target}))
    result = run("path", "import", httpserver.url_for("/old.md"))
    assert result.exit_code == 0, result.stderr
    assert f"redirected to {target}" in result.stdout
    assert run_json("path", "update", "course")["redirects"] == [target]
    assert run_json("-p", "course", "show", "3")["url"] == httpserver.url_for("/new/syllabus.md")


def test_an_update_that_fails_changes_nothing(run, run_json, httpserver, data_dir):
    url = _serve(httpserver, "/course.md", COURSE)
    assert run("path", "import", url).exit_code == 0
    installed = (data_dir / "paths" / "course.yaml").read_bytes()
    httpserver.clear()
    httpserver.expect_request("/course.md").respond_with_data("gone", status=404)
    failed = run("path", "update", "course")
    assert failed.exit_code == 1 and failed.stderr.count("\n") == 1 and "404" in failed.stderr
    assert (data_dir / "paths" / "course.yaml").read_bytes() == installed


@pytest.mark.parametrize(
    ("respond", "message"),
    [
        (lambda server: server.expect_request("/c.md").respond_with_data("gone", status=404), "answered 404 NOT FOUND"),
        (lambda server: _serve(server, "/c.md", b"\x89PNG....", "image/png"), "not Markdown text"),
        (lambda server: _serve(server, "/c.md", "<html></html>", "text/html"), "an HTML page, not Markdown"),
        (lambda server: _serve(server, "/c.md", b"caf\xe9", "text/plain"), "not UTF-8 text"),
        (lambda server: _serve(server, "/c.md", "x" * (fetch.MAX_BYTES + 1)), "larger than 10 MiB"),
        (
            lambda server: server.expect_request("/c.md").respond_with_response(
                Response((b"x" * 65536 for _ in range(fetch.MAX_BYTES // 65536 + 1)), content_type="text/plain")
            ),
            "larger than 10 MiB",
        ),
    ],
    ids=["404", "image", "html", "latin-1", "too-big", "too-big-streamed"],
)
def test_what_cannot_be_imported_is_one_line_and_changes_nothing(run, httpserver, data_dir, respond, message):
    respond(httpserver)
    result = run("path", "import", httpserver.url_for("/c.md"))
    assert result.exit_code == 1
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not data_dir.exists()


def test_a_page_that_trickles_in_is_given_up_on_the_whole(run, httpserver, data_dir, monkeypatch):
    """Each piece comes well within the timeout, but the page never ends: the whole has a limit too."""
    import time

    def trickle():
        for _ in range(200):
            time.sleep(0.02)
            yield b"- [a](https://example.org/a)\n"

    monkeypatch.setattr(fetch, "TOTAL_SECONDS", 0.5)
    httpserver.expect_request("/c.md").respond_with_response(Response(trickle(), content_type="text/markdown"))
    result = run("path", "import", httpserver.url_for("/c.md"))
    assert result.exit_code == 1
    assert result.stderr.endswith(": still arriving after 0.5 seconds; given up\n")
    assert len(result.stderr.splitlines()) == 1 and not data_dir.exists()


def test_a_refused_connection_and_an_unknown_host_are_one_line(run, monkeypatch):
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens on it
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    refused = run("path", "import", f"http://127.0.0.1:{port}/course.md")
    assert refused.exit_code == 1 and "connection refused" in refused.stderr

    def no_dns(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    unknown = run("path", "import", "https://nowhere.invalid/course.md")
    assert unknown.exit_code == 1 and "no such host" in unknown.stderr
    assert len(unknown.stderr.splitlines()) == 1


@pytest.mark.parametrize("url", ["ftp://example.org/c.md", "https://exa mple.org/c.md", "https:///c.md"])
def test_only_http_addresses_are_fetched(run, url):
    result = run("path", "import", url)
    assert result.exit_code == 1 and result.stderr.startswith("pathcli: ")


def test_a_local_file_above_the_cap_is_refused_before_reading(run, tmp_path):
    big = tmp_path / "big.md"
    with big.open("wb") as out:
        out.truncate(fetch.MAX_BYTES + 1)
    result = run("path", "import", str(big))
    assert result.exit_code == 1 and "larger than 10 MiB" in result.stderr
