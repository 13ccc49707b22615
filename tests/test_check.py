"""`pathcli check` against a local server: results, JSON shape, cache, --update, exit codes, marks."""

import json
import os
import sys
import textwrap
from datetime import datetime, timedelta, timezone

import pytest
from conftest import ROOT, lock_held_elsewhere

from pathcli.links import linkcache
from pathcli.store import locations

sys.path.insert(0, str(ROOT / "benchmarks"))
from linkserver import LinkServer  # noqa: E402

PATH = """\
id: web  # a path of local links
title: Web
sections:
  - title: Links
    steps:
      - title: Fine
        url: {base}/ok/1
      - title: Moved
        url: "{base}/moved/2"
        links: [{{title: Old slides, url: "{base}/moved/3#present"}}]
      - title: Gone
        url: {base}/status/404/4
        links:
          - title: Mirror
            url: {base}/ok/5
      - title: Busy
        url: {base}/always429/6
"""


@pytest.fixture
def server():
    served = LinkServer(slow_seconds=3, retry_after=0).start()
    yield served
    served.stop()


@pytest.fixture
def web_path(run, server, tmp_path):
    file = tmp_path / "web.yaml"
    file.write_text(PATH.format(base=server.base))
    assert run("path", "add", str(file)).exit_code == 0
    assert run("use", "web").exit_code == 0
    return file


def check_json(run, *args):
    result = run("check", "--timeout", "1", "--json", *args)
    return result.exit_code, json.loads(result.stdout)


def test_every_link_is_listed_with_its_result(run, server, web_path):
    code, report = check_json(run)
    assert code == 1
    assert report["path"] == "web" and datetime.fromisoformat(report["checked"])
    assert report["counts"] == {"ok": 2, "redirected": 2, "broken": 1, "rate_limited": 1}
    rows = [
        (link["step"], link["title"], link["url"].removeprefix(server.base), link["result"]) for link in report["links"]
    ]
    assert rows == [
        (1, "Fine", "/ok/1", "ok"),
        (2, "Moved", "/moved/2", "redirected"),
        (2, "Moved", "/moved/3#present", "redirected"),
        (3, "Gone", "/status/404/4", "broken"),
        (3, "Gone", "/ok/5", "ok"),
        (4, "Busy", "/always429/6", "rate_limited"),
    ]
    moved = report["links"][1]
    assert (moved["status_code"], moved["final_url"]) == (200, server.base + "/ok/2")
    assert set(moved) == {"step", "title", "url", "result", "status_code", "final_url", "reason"}
    assert report["links"][3]["reason"] == "404 Not Found"


def test_exit_code_is_zero_when_nothing_is_broken(run, server, tmp_path):
    file = tmp_path / "fine.yaml"
    file.write_text(
        f"id: fine\ntitle: Fine\nsections: [{{title: A, steps: [{{title: B, url: '{server.base}/ok/1'}}]}}]\n"
    )
    run("path", "add", str(file))
    result = run("--path", "fine", "check", "--timeout", "1")
    assert result.exit_code == 0, result.stderr
    assert "fine: 1 links checked: 1 ok" in result.stdout


def test_the_table_shows_the_links_that_are_not_ok(run, server, web_path):
    result = run("check", "--timeout", "1")
    assert result.exit_code == 1
    assert "404 Not Found" in result.stdout and "rate limited" in result.stdout and "redirected" in result.stdout
    assert "/ok/1" not in result.stdout
    assert "web: 6 links checked: 2 ok, 2 redirected, 1 broken, 1 rate limited" in result.stdout
    assert "--update" in result.stdout
    assert result.stderr == ""  # no progress bar when stderr is not a terminal


def test_ok_results_are_reused_for_a_day_and_the_rest_rechecked(run, server, web_path, data_dir):
    progress_before = (data_dir / "progress.json").read_bytes()
    check_json(run)
    assert server.hits["/ok/1"] == 1 and server.hits["/status/404/4"] == 1
    check_json(run)
    assert server.hits["/ok/1"] == 1  # reused
    assert server.hits["/status/404/4"] == 2 and server.hits["/moved/2"] == 2  # rechecked
    check_json(run, "--fresh")
    assert server.hits["/ok/1"] == 2
    assert (data_dir / "progress.json").read_bytes() == progress_before


def test_ok_results_older_than_a_day_are_checked_again(run, server, web_path):
    check_json(run)
    entries = linkcache.load()
    yesterday = (datetime.now(timezone.utc) - timedelta(hours=25)).isoformat(timespec="seconds")
    for entry in entries.values():
        entry["checked_at"] = yesterday
    linkcache.cache_file().write_text(json.dumps({"version": 1, "links": entries}))
    check_json(run)
    assert server.hits["/ok/1"] == 2


def test_a_damaged_cache_is_ignored_and_replaced(run, server, web_path):
    cache = locations.cache_dir() / "links.json"
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text("{not json")
    code, report = check_json(run)
    assert report["counts"]["ok"] == 2
    assert linkcache.load()


def test_update_rewrites_permanent_redirects_and_keeps_progress(run, run_json, server, web_path, data_dir):
    assert run("done", "2").exit_code == 0
    assert run("note", "2", "worth it").exit_code == 0
    result = run("check", "--timeout", "1", "--update")
    assert result.exit_code == 1  # the broken link is still there
    assert "web: 2 redirected links updated" in result.stderr
    installed = (data_dir / "paths" / "web.yaml").read_text()
    assert f'url: "{server.base}/ok/2"' in installed
    assert f'url: "{server.base}/ok/3#present"' in installed
    assert "# a path of local links" in installed  # rewritten in place: comments and layout stay
    step = run_json("show", "2")
    assert (step["id"], step["status"], step["url"]) == ("moved", "done", server.base + "/ok/2")
    assert [note["text"] for note in step["notes"]] == ["worth it"]
    code, report = check_json(run)
    assert report["counts"]["redirected"] == 0


@pytest.mark.parametrize("fixed_in", ["installed path", "source"])
def test_progress_stays_when_a_moved_link_is_fixed_in_the_installed_path_or_the_source(
    run, run_json, server, tmp_path, fixed_in
):
    """check --update rewrote the installed path and path update reads the old address again, or the
    author fixed the source after a check: either way the step keeps its marks and notes (one resource)."""
    source = tmp_path / "web.md"
    source.write_text(f"# Web\n\n- [Fine]({server.base}/ok/1)\n- [Moved]({server.base}/moved/2)\n")
    assert run("path", "import", str(source)).exit_code == 0
    assert run("--path", "web", "done", "2").exit_code == 0
    assert run("--path", "web", "note", "2", "worth it").exit_code == 0
    if fixed_in == "installed path":
        assert run("--path", "web", "check", "--timeout", "1", "--update").exit_code == 0
    else:
        assert run("--path", "web", "check", "--timeout", "1").exit_code == 0
        source.write_text(source.read_text().replace("/moved/2", "/ok/2"))
    updated = run_json("path", "update", "web")
    assert updated["changes"] == {"added": [], "removed": [], "renamed": []}
    step = run_json("--path", "web", "show", "2")
    assert (step["title"], step["status"], [note["text"] for note in step["notes"]]) == ("Moved", "done", ["worth it"])


def test_update_writes_the_path_afresh_when_replacing_in_place_would_change_more(
    run, run_json, server, tmp_path, data_dir
):
    file = tmp_path / "folded.yaml"
    file.write_text(
        textwrap.dedent(f"""\
            id: folded
            title: Folded
            sections:
              - title: A
                steps:
                  - title: Moved
                    description: It used to be at {server.base}/moved/9
                    url: {server.base}/moved/9
            """)
    )
    run("path", "add", str(file))
    run("--path", "folded", "done", "1")
    result = run("--path", "folded", "check", "--timeout", "1", "--update")
    assert result.exit_code == 0, result.stderr
    installed = (data_dir / "paths" / "folded.yaml").read_text()
    assert f"url: {server.base}/ok/9" in installed and f"at {server.base}/moved/9" in installed
    assert "id: moved" in installed
    assert run_json("--path", "folded", "show", "1")["status"] == "done"


def test_update_never_changes_a_bundled_path(run):
    result = run("check", "--update")
    assert result.exit_code == 1
    assert result.stderr == "pathcli: 'transformers' comes with pathcli: --update changes only your own paths\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeout", "0"], "--timeout must be more than 0 seconds, not 0"),
        (["--timeout", "-1"], "--timeout must be more than 0 seconds, not -1"),
        (["--timeout", "nan"], "--timeout must be more than 0 seconds, not nan"),
        (["--per-host", "0"], "--per-host must be at least 1, not 0"),
    ],
)
def test_bad_options_are_one_line(run, args, message):
    result = run("check", *args)
    assert result.exit_code == 1
    assert result.stderr == f"pathcli: {message}\n"


def test_all_checks_every_path_and_each_url_once(run, server, web_path, monkeypatch):
    from pathcli.links import linkcheck

    real_check, asked = linkcheck.check, []

    def local_only(urls, **options):
        """The bundled path's links are on the internet: they are answered ok here, without asking."""
        asked.extend(urls)
        local = [url for url in urls if url.startswith(server.base)]
        results = dict.fromkeys(urls, linkcheck.LinkResult("ok", 200, None, "200 OK"))
        return results | real_check(local, **options)

    monkeypatch.setattr(linkcheck, "check", local_only)
    first = run("check", "--all", "--json", "--timeout", "1")
    assert first.exit_code == 1
    reports = json.loads(first.stdout)
    assert [report["path"] for report in reports] == ["transformers", "web"]
    assert len(asked) == len(set(asked)) == sum(len(report["links"]) for report in reports)


def test_list_and_next_mark_a_step_whose_link_was_found_broken(run, server, web_path):
    assert run("done", "1", "2").exit_code == 0
    assert "broken" not in run("list").stdout
    check_json(run)
    listed = run("list").stdout
    assert listed.count("link broken") == 1
    shown = run("next").stdout
    assert "This link was found broken" in shown and "(404 Not Found). Try its other links above" in shown
    assert f"also: Mirror {server.base}/ok/5" in shown
    assert f"the Web Archive: https://web.archive.org/web/*/{server.base}/status/404/4" in shown
    assert server.hits["/ok/5"] == 1  # next makes no request


def test_the_progress_bar_is_drawn_on_stderr_only_on_a_terminal(monkeypatch, capsys):
    from pathcli.views import render_check

    with render_check.progress() as bar:
        assert bar is None
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    with render_check.progress() as bar:
        bar.start(2)
        bar.advance("http://example.org/", None)
    captured = capsys.readouterr()
    assert "Checking links" in captured.err and captured.out == ""


def _golden_report():
    from pathcli.domain.path import LearningPath
    from pathcli.links.linkcheck import LinkResult
    from pathcli.links.linkreport import CheckedLink, PathReport

    steps = [
        {"id": "http", "title": "What HTTP is", "url": "https://example.org/http", "links": []},
        {"id": "codes", "title": "Status codes", "url": "https://example.org/codes", "links": []},
        {
            "id": "caching",
            "title": "Caching, the whole story",
            "url": "https://example.org/caching/a-long-address-that-has-to-fold",
            "links": [],
        },
        {"id": "limits", "title": "Rate limits", "url": "https://api.example.org/limits", "links": []},
    ]
    for step in steps:
        step.update(type="", description="")
    path = LearningPath.from_dict(
        {
            "id": "web",
            "title": "Web Basics",
            "description": "",
            "prerequisites": [],
            "sections": [{"title": "HTTP", "steps": steps}],
        }
    )
    results = [
        LinkResult("ok", 200, None, "200 OK"),
        LinkResult(
            "redirected",
            200,
            "https://example.org/status-codes",
            "moved permanently to https://example.org/status-codes",
        ),
        LinkResult("broken", 404, None, "404 Not Found"),
        LinkResult("rate_limited", 429, None, "429 Too Many Requests"),
    ]
    links = [CheckedLink(step, step.url, result) for step, result in zip(path.steps, results, strict=True)]
    return PathReport(path, "2026-11-26T02:02:26+01:00", links)


@pytest.mark.parametrize("width", [40, 80, 120])
def test_the_check_table_at_40_80_and_120_columns(capsys, monkeypatch, width):
    from pathcli.views import render_check

    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setattr("pathcli.views.output.terminal_width", lambda stream=None: width)
    render_check.report_table(_golden_report(), updating=False)
    shown = capsys.readouterr().out
    assert max(len(line) for line in shown.splitlines() if "://" not in line) <= width
    # a link is never cut nor split, at any width
    assert any("https://example.org/caching/a-long-address-that-has-to-fold" in line for line in shown.splitlines())
    golden = ROOT / "tests" / "golden" / f"check-{width}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(shown, encoding="utf-8")
    assert shown == golden.read_text(encoding="utf-8")


def test_update_waits_for_the_lock_that_path_add_and_path_update_hold(run, server, web_path, data_dir, monkeypatch):
    """check --update rewrote the path file without the lock: a path update installing meanwhile was undone."""
    from pathcli.store import storage

    before = (data_dir / "paths" / "web.yaml").read_text()
    with lock_held_elsewhere(data_dir / "progress.json.lock"):
        monkeypatch.setattr(storage, "LOCK_TIMEOUT_SECONDS", 0.3)
        result = run("check", "--timeout", "1", "--update")
        assert result.exit_code == 1 and "another pathcli has held" in result.stderr
        assert (data_dir / "paths" / "web.yaml").read_text() == before
    assert "2 redirected links updated" in run("check", "--timeout", "1", "--update").stderr
