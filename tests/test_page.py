"""`pathcli export --format html`: the progress page written like the other formats, every text escaped,
only http(s) links, nothing to load, notes left out on request, and fast on a large path. What it looks
like and does in a browser is tests/test_page_browser.py."""

import json
import time
from html.parser import HTMLParser

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st
from page_data import SCRIPT, TEMPLATE, TODAY, hostile_notes, hostile_path_yaml, some_history

from pathcli.domain.model import LearningPath, Link, Prerequisite, Progress, Step


class Parsed(HTMLParser):
    """The tags, attributes and text of a page, as a browser's parser reads them."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.text: list[str] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def named(self, name: str) -> list[dict]:
        return [attrs for tag, attrs in self.tags if tag == name]


@pytest.fixture
def history(run):
    some_history(run)


def _export(run, *args: str) -> str:
    with time_machine.travel(TODAY, tick=False):
        result = run("export", "--format", "html", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_the_page_goes_to_standard_output_or_to_a_new_file_replaced_only_with_force(run, tmp_path, history):
    page = _export(run)
    assert page.startswith("<!DOCTYPE html>\n") and page.rstrip().endswith("</html>")
    file = tmp_path / "page.html"
    assert run("export", "-f", "HTML", "-o", str(file)).exit_code == 0
    assert file.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    file.write_text("mine")
    refused = run("export", "--format", "html", "-o", str(file))
    assert refused.exit_code == 1 and "--force" in refused.stderr and refused.stdout == ""
    assert file.read_text() == "mine"
    assert run("export", "--format", "html", "-o", str(file), "--force").exit_code == 0
    assert "Transformers" in file.read_text(encoding="utf-8")


def test_another_path_with_dash_p(run, tmp_path):
    from conftest import ROOT

    assert run("path", "add", str(ROOT / "docs" / "rl.yaml")).exit_code == 0
    page = Parsed(run("export", "--format", "html", "-p", "rl").stdout)
    assert "Reinforcement Learning" in page.text


def test_notes_are_on_the_page_unless_no_notes(run, history):
    assert "Code along in a notebook." in _export(run)
    shared = _export(run, "--no-notes")
    assert "notebook" not in shared and "without notes" in shared


def test_no_notes_is_only_for_the_page(run, tmp_path):
    result = run("export", "--no-notes", "-o", str(tmp_path / "out.json"))
    assert result.exit_code == 1 and result.stderr.count("\n") == 1 and "--format html" in result.stderr
    assert not (tmp_path / "out.json").exists()


def test_the_numbers_are_those_of_progress_and_stats(run, run_json, history):
    page = Parsed(_export(run))
    with time_machine.travel(TODAY, tick=False):
        progress, stats = run_json("progress"), run_json("stats")
    bars = [float(attrs["value"]) for attrs in page.named("progress")]
    assert bars == [progress["percent"], *(section["percent"] for section in progress["sections"])]
    days = {attrs["data-date"]: int(attrs["data-count"]) for attrs in page.named("rect")}
    assert {day["date"]: day["count"] for day in stats["calendar"]} == {d: n for d, n in days.items() if n}
    assert max(days) == stats["today"]


def test_hostile_titles_and_notes_stay_text(run, tmp_path):
    (tmp_path / "hostile.yaml").write_text(hostile_path_yaml(9), encoding="utf-8")
    assert run("path", "add", str(tmp_path / "hostile.yaml")).exit_code == 0
    for note in hostile_notes(9):
        assert run("-p", "hostile", "note", "1", note).exit_code == 0
    html = run("-p", "hostile", "export", "--format", "html").stdout
    page = Parsed(html)
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "img", "iframe", "object", "embed", "base", "form", "input"}
    assert len(page.named("style")) == 1 and [a["rel"] for a in page.named("link")] == ["icon"]
    assert not [name for _, attrs in page.tags for name in attrs if name.startswith("on")]
    hrefs = [attrs["href"] for attrs in page.named("a")]
    assert all(href.startswith(("https://", "http://", "#")) for href in hrefs), hrefs
    assert 'https://example.org/a?b="><script>alert(1)</script>' in hrefs
    text = "".join(page.text)
    assert SCRIPT in text and TEMPLATE in text
    assert "</title>" + SCRIPT in text


def test_only_web_addresses_become_links():
    """A path made in code may hold any address: javascript: and file: ones are shown, never linked."""
    from pathcli.page import html, model

    steps = (
        Step(1, "a", "Script", "", "javascript:alert(1)", "", "S", (Link("file", "file:///etc/passwd"),)),
        Step(2, "b", "Data", "", "data:text/html,<script>alert(1)</script>", "", "S", ()),
        Step(3, "c", "Web", "", "HTTPS://example.org/", "", "S", (Link("vb", "vbscript:x"),)),
    )
    path = LearningPath("p", "P", "", (Prerequisite("x", ""),), ("S",), steps, "javascript:alert(1)")
    page = Parsed(
        html.render(model.gather(path, Progress({"paths": {}}, "p"), _standing(), {}, "2026-11-26T21:30:00+01:00"))
    )
    assert [attrs["href"] for attrs in page.named("a") if not attrs["href"].startswith("#")] == ["HTTPS://example.org/"]
    text = "".join(page.text)
    assert "javascript:alert(1)" in text and "file:///etc/passwd" not in text  # a link is its title


def _standing():
    from datetime import date

    from pathcli.page.model import Standing

    today = date(2026, 11, 26)
    return Standing(today, [[(today, 0, 0)]], None, "none yet", "3 steps", "no finish estimate yet")


def _big_path(steps: int, notes_per_step: int):
    sections = [
        {
            "title": f"Section {s}",
            "steps": [
                {
                    "id": f"s{s}-{i}",
                    "title": f"Step {i} <of> section {s}",
                    "type": "Article",
                    "url": f"https://example.org/{s}/{i}",
                    "description": "",
                    "links": [{"title": "Also", "url": f"https://example.org/{s}/{i}/also"}],
                    "duration": 30,
                }
                for i in range(steps // 10)
            ],
        }
        for s in range(10)
    ]
    path = LearningPath.from_dict(
        {"id": "big", "title": "Big", "description": "", "prerequisites": [], "sections": sections}
    )
    document = {"paths": {"big": {"steps": {}}}}
    for n, step in enumerate(path.steps):
        record = {"status": "done", "done_at": "2026-11-20T20:00:00+01:00"} if n % 3 == 0 else {}
        record["notes"] = [
            {"id": f"{n}-{k}", "text": f"Note {k} on <{step.title}>\nsecond line", "at": "2026-11-20T19:00:00+01:00"}
            for k in range(notes_per_step)
        ]
        document["paths"]["big"]["steps"][step.id] = record
    return path, Progress(document, "big")


def _seconds_to_render(steps: int, notes_per_step: int) -> float:
    from pathcli.page import html, model

    path, progress = _big_path(steps, notes_per_step)
    html.render(model.gather(path, progress, _standing(), {}, "2026-11-26T21:30:00+01:00"))  # templates compiled
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        page = html.render(model.gather(path, progress, _standing(), {}, "2026-11-26T21:30:00+01:00"))
        best = min(best, time.perf_counter() - start)
    assert page.count('class="step ') == steps and page.count("second line") == steps * notes_per_step
    return best


def test_the_page_grows_in_step_with_the_path():
    """Ten times the steps and notes take about ten times as long, not a hundred (benchmarks/page.py
    measures the absolute time: 1,000 steps and 5,000 notes in well under a second)."""
    small, large = _seconds_to_render(100, 5), _seconds_to_render(1000, 5)
    assert large < 30 * small, (small, large)


def test_the_page_json_numbers_are_unrounded_in_the_bars(run, run_json):
    run("done", "1")  # 1 of 6: 16.7 %
    page = Parsed(run("export", "--format", "html").stdout)
    assert float(page.named("progress")[0]["value"]) == run_json("progress")["percent"] == 16.7
    assert json.dumps(16.7) in page.named("progress")[0]["value"]


def test_a_link_the_last_check_found_broken_is_marked(run, tmp_path):
    from datetime import datetime, timezone

    from pathcli.links import linkcache
    from pathcli.links.linkcheck import BROKEN, OK, LinkResult

    steps = {step["number"]: step for step in json.loads(run("list", "--json").stdout)}
    also = steps[1]["links"][0]["url"]
    checked = datetime(2026, 11, 25, 12, tzinfo=timezone.utc)
    linkcache.save(
        {
            steps[2]["url"]: LinkResult(BROKEN, 404, None, "Not Found"),
            also: LinkResult(BROKEN, None, None, "no such host"),
            steps[3]["url"]: LinkResult(OK, 200, None, ""),
        },
        checked,
        False,
    )
    page = run("export", "--format", "html").stdout
    marks = [line for line in page.splitlines() if "✗" in line]
    assert len(marks) == 2
    assert 'id="step-2"' in page.split(marks[1])[0].rsplit('class="step ', 1)[1]  # on step 2's line
    assert "broken when checked on 2026-11-25: Not Found" in marks[1]
    assert "no such host" in marks[0]


@pytest.mark.parametrize(
    "text",
    ["plain words", "tab\tand\nnewline", "\x1b[31mred", "\x9b2J", "\u202eevil", "\x00\x7f", "a\udce9b", "é ✎ 文"],
)
def test_text_is_shown_as_the_terminal_shows_it(text):
    from pathcli.page.model import shown
    from pathcli.text import defuse

    assert shown(text) == defuse(text)


@given(st.text(alphabet=st.characters(codec=None, exclude_categories=())))
def test_shown_is_defuse_for_any_text(text):
    from pathcli.page.model import shown
    from pathcli.text import defuse

    assert shown(text) == defuse(text)
