"""The link-checking engine against a local server: every kind of answer, politeness, retries."""

import socket
import sys

import pytest
from conftest import ROOT

from pathcli.links import linkcheck

sys.path.insert(0, str(ROOT / "benchmarks"))
from linkserver import KINDS, LinkServer, refused_url  # noqa: E402


@pytest.fixture
def server():
    served = LinkServer(slow_seconds=3, retry_after=0).start()
    yield served
    served.stop()


def check(urls, **options):
    options.setdefault("timeout", 0.5)
    return linkcheck.check(urls, **options)


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind != "refused_port"])
def test_each_kind_of_link_gets_its_result(server, kind):
    expected, route = KINDS[kind]
    url = server.base + route.format(n=1)
    result = check([url], fragments=True)[url]
    assert result.result == expected, result


def test_a_port_nothing_listens_on_is_broken():
    url = refused_url()
    result = check([url])[url]
    assert result == linkcheck.LinkResult("broken", None, None, "connection refused")


def test_a_tls_failure_is_broken_and_says_so(server):
    url = server.base.replace("http://", "https://") + "/ok/1"  # a server that speaks no TLS
    result = check([url])[url]
    assert result.result == "broken" and result.reason.startswith("TLS error: ")


def test_an_unknown_host_is_broken(monkeypatch):
    def no_such_host(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)  # no test asks a real name server
    url = "http://no-such-host.invalid/"
    result = check([url])[url]
    assert result.result == "broken"
    assert "DNS" in result.reason


def test_a_permanent_redirect_reports_where_it_ends(server):
    for route, code in (("/moved/7", 301), ("/permanent/7", 308)):
        result = check([server.base + route])[server.base + route]
        assert result == linkcheck.LinkResult("redirected", 200, server.base + "/ok/7", result.reason)
        assert server.hits[route] == 1, code


def test_temporary_redirects_are_ok_and_end_where_they_end(server):
    url = server.base + "/chain/3/1"
    assert check([url])[url] == linkcheck.LinkResult("ok", 200, server.base + "/ok/3", "200 OK")


def test_a_loop_and_too_many_redirects_say_which(server):
    loop, hops = server.base + "/loop/1/a", server.base + "/hops/1/0"
    results = check([loop, hops])
    assert results[loop].result == "broken" and results[loop].reason.startswith("redirect loop: ")
    assert results[hops].result == "broken" and results[hops].reason == "more than 10 redirects"
    assert server.hits["/hops/1/11"] == 0


def test_a_redirect_to_a_missing_page_is_broken_with_its_status(server):
    url = server.base + "/to404/2"
    result = check([url])[url]
    assert (result.result, result.status_code, result.final_url) == ("broken", 404, server.base + "/status/404/2")


def test_head_refused_is_asked_again_with_get(server):
    url = server.base + "/nohead/1"
    assert check([url])[url].result == "ok"
    assert server.hits["/nohead/1"] == 2


def test_a_server_error_and_a_timeout_are_retried_once(server):
    error, slow, flaky = server.base + "/status/500/1", server.base + "/slow/1", server.base + "/flaky500/1"
    results = check([error, slow, flaky])
    assert results[error].result == "broken" and server.hits["/status/500/1"] == 2
    assert results[slow].result == "broken" and "timed out" in results[slow].reason
    assert server.hits["/slow/1"] == 2
    assert results[flaky].result == "ok"


def test_missing_pages_are_not_retried(server):
    url = server.base + "/status/404/1"
    assert check([url])[url] == linkcheck.LinkResult("broken", 404, None, "404 Not Found")
    assert server.hits["/status/404/1"] == 1


def test_rate_limits_are_retried_once_and_not_called_broken(server):
    flaky, always, busy = server.base + "/flaky429/1", server.base + "/always429/1", server.base + "/busy/1"
    results = check([flaky, always, busy])
    assert results[flaky].result == "ok"
    assert results[always] == linkcheck.LinkResult("rate_limited", 429, None, "429 Too Many Requests")
    assert results[busy].result == "rate_limited"
    assert server.hits["/always429/1"] == server.hits["/busy/1"] == 2


def test_a_wait_longer_than_ten_seconds_is_not_waited_for():
    served = LinkServer(retry_after=3600).start()
    try:
        url = served.base + "/always429/1"
        result = check([url])[url]
        assert result.result == "rate_limited" and "3600" in result.reason
        assert served.hits["/always429/1"] == 1
    finally:
        served.stop()


def test_fragments_are_looked_for_only_when_asked(server):
    present, named, missing = (server.base + f"/ok/1#{name}" for name in ("present", "named", "missing"))
    assert {result.result for result in check([present, named, missing]).values()} == {"ok"}
    results = check([present, named, missing], fragments=True)
    assert [results[url].result for url in (present, named, missing)] == ["ok", "ok", "broken"]
    assert results[missing].reason == "no #missing on the page"
    assert server.hits["/ok/1"] == 2  # one request per page and run, whatever its fragments


def test_the_same_url_is_asked_once(server):
    url = server.base + "/ok/1"
    assert list(check([url, url, url])) == [url]
    assert server.hits["/ok/1"] == 1


def test_never_more_than_per_host_requests_in_flight(server):
    urls = [server.base + f"/slow/{n}" for n in range(12)] + [server.base + f"/ok/{n}" for n in range(40)]
    server.slow_seconds = 0.2
    results = check(urls, per_host=3, timeout=5)
    assert {result.result for result in results.values()} == {"ok"}
    assert server.peak_in_flight == 3


def test_hosts_are_checked_in_parallel_each_within_its_cap():
    servers = [LinkServer(host=f"127.0.0.{n}", slow_seconds=0.2).start() for n in (1, 2, 3)]
    try:
        urls = [served.base + f"/slow/{n}" for served in servers for n in range(8)]
        check(urls, per_host=2, timeout=5)
        assert [served.peak_in_flight for served in servers] == [2, 2, 2]
    finally:
        for served in servers:
            served.stop()


def test_the_user_agent_names_pathcli_and_its_version(server):
    check([server.base + "/ok/1"])
    assert server.user_agents == {linkcheck.USER_AGENT}
    assert linkcheck.USER_AGENT.startswith("pathcli/0.")


def test_each_result_is_reported_as_it_comes(server):
    seen = []
    urls = [server.base + f"/ok/{n}" for n in range(5)]
    check(urls, on_result=lambda url, result: seen.append(url))
    assert sorted(seen) == sorted(urls)


def test_a_redirect_to_an_address_that_cannot_be_one_is_broken(server):
    url = server.base + "/badlocation/1"
    result = check([url])[url]
    assert result.result == "broken" and "Invalid URL in location header" in result.reason


def test_a_redirect_away_from_the_web_is_broken_and_says_where(server):
    url = server.base + "/toftp/1"
    result = check([url])[url]
    assert result == linkcheck.LinkResult(
        "broken", 302, "ftp://127.0.0.1/1", "redirected to ftp://127.0.0.1/1, not a web address"
    )


def test_retries_and_redirect_hops_are_let_in_before_new_links():
    import asyncio

    async def order() -> list[str]:
        gate = linkcheck._Gate(1)
        await gate.acquire(1)
        admitted = []

        async def wait(name: str, rank: int) -> None:
            await gate.acquire(rank)
            admitted.append(name)
            gate.release()

        waiting = [asyncio.create_task(wait(name, rank)) for name, rank in (("new", 1), ("newer", 1), ("retry", 0))]
        await asyncio.sleep(0)
        gate.release()
        await asyncio.gather(*waiting)
        return admitted

    assert asyncio.run(order()) == ["retry", "new", "newer"]
