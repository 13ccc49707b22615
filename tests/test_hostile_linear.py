"""Work that grows linearly with hostile input: timed at 1x, 10x and 100x sizes, asserting the ratios
(quadratic work grows 100 and 10,000 times), never an absolute time."""

import json
import time

import pytest
from conftest import pathcli_process

from pathcli.store import locations


def _best_time(action, repeats: int = 3) -> float:
    """The least CPU time of this process that action took: work done in this process (the command run
    with CliRunner), which other processes on a loaded machine do not lengthen."""
    best = float("inf")
    for _ in range(repeats):
        started = time.process_time()
        action()
        best = min(best, time.process_time() - started)
    return best


def _assert_linear(timings: dict[int, float], slack: float = 2) -> None:
    """timings by size, sizes 1x, 10x and 100x: linear work (with a fixed start-up cost) grows at most
    about as much as the size at each step of 10x, quadratic work up to 100 times; slack times linear is
    allowed for noise."""
    small, middle, large = sorted(timings)
    assert timings[middle] / timings[small] < slack * middle / small, timings
    assert timings[large] / timings[middle] < slack * large / middle, timings


def test_notes_sharing_one_id_are_renamed_in_linear_time(run):
    assert run("note", "1", "the one note").exit_code == 0
    file = locations.progress_file()
    document = json.loads(file.read_text())
    record = next(iter(document["paths"]["transformers"]["steps"].values()))
    note = record["notes"][0]

    def next_with(count: int) -> None:
        record["notes"] = [dict(note, text=f"copy {n}") for n in range(count)]
        file.write_text(json.dumps(document))
        result = run("next", "--json")
        assert result.exit_code == 0, result.stderr

    timings = {count: _best_time(lambda count=count: next_with(count)) for count in (200, 2_000, 20_000)}
    _assert_linear(timings)


def test_fragment_search_is_linear_on_a_page_of_unclosed_tags(run, tmp_path, httpserver):
    timings = {}
    for size in (20_000, 200_000, 2_000_000):
        page = b'<p id="here">x</p>' + b"< " * (size // 2)
        httpserver.expect_request(f"/{size}").respond_with_data(page, content_type="text/html")
        url = httpserver.url_for(f"/{size}")
        file = tmp_path / f"p{size}.yaml"
        file.write_text(
            f"id: p{size}\ntitle: P\nsections:\n  - title: S\n    steps:\n"
            f"      - title: Here\n        url: '{url}#here'\n      - title: Gone\n        url: '{url}#gone'\n"
        )
        assert run("path", "add", str(file)).exit_code == 0
        started = time.perf_counter()
        result = pathcli_process("-p", f"p{size}", "check", "--fragments", "--fresh", "--timeout", "30", "--json")
        timings[size] = time.perf_counter() - started
        links = json.loads(result.stdout)["links"]
        assert [link["result"] for link in links] == ["ok", "broken"], links
    _assert_linear(timings, slack=3)  # wall time, of another process


def _import_time(run, tmp_path, markdown: str, name: str) -> float:
    file = tmp_path / f"{name}.md"
    file.write_text(markdown)

    tries = iter(range(10))

    def once() -> None:
        result = run("path", "import", str(file), "--id", f"{name}-{next(tries)}")
        assert result.exit_code == 0, result.stderr

    return _best_time(once, repeats=3 if len(markdown) < 100_000 else 1)


def _headings_without_a_title(n: int) -> str:
    return "".join(f"## Part {i}\n" for i in range(n)) + "\n- [Reading](https://example.org/r)\n"


def _one_url_repeated(n: int) -> str:
    return "# Links\n\n" + "".join(
        f"- [Home](https://example.org/home) [Mirror {i}](https://example.org/m/{i})\n" for i in range(n)
    )


def _generic_links_under_one_label(n: int) -> str:
    return "# Course\n\n## Lectures\n\n**Lecture one**\n\n" + "".join(
        f"🔗 [Video](https://example.org/v/{i})\n\n" for i in range(n)
    )


def _comments_in_html(n: int) -> str:
    return "# Course\n\n<div>\n" + "<!--x>" * n + "\n</div>\n\n- [Reading](https://example.org/r)\n"


@pytest.mark.parametrize(
    "make",
    [_headings_without_a_title, _one_url_repeated, _generic_links_under_one_label, _comments_in_html],
    ids=["headings-no-title", "one-url-repeated", "generic-links-one-label", "html-comments"],
)
def test_markdown_import_is_linear_on_hostile_shapes(run, tmp_path, make):
    timings = {n: _import_time(run, tmp_path, make(n), f"p{n}") for n in (200, 2_000, 20_000)}
    _assert_linear(timings)


def test_markdown_with_odd_html_deep_emphasis_and_unrequestable_links_imports(run_json, run, tmp_path):
    file = tmp_path / "odd.md"
    file.write_text(
        "# Odd\n\n<div><![x <![CDATA[ <!-- open\n</div>\n\n"
        "- [Deep](https://example.org/deep) " + "*a _" * 300 + "x" + "_ a*" * 300 + "\n"
        "- [Bad host](http://xn--a.com/)\n- [Bad port](http://example.org:99999/)\n"
        "- [Secret](https://user:pw@example.org/s)\n- [Fine](https://example.org/fine)\n"
    )
    result = run("path", "import", str(file))
    assert result.exit_code == 0 and result.exception is None or isinstance(result.exception, SystemExit), result.stderr
    steps = run_json("-p", "odd", "list")
    assert [step["url"] for step in steps] == [
        "https://example.org/deep",
        "https://user:pw@example.org/s",  # a password in a link of the file is the file's business
        "https://example.org/fine",
    ]
    assert result.stdout.count("cannot be requested") >= 1 or "cannot be requested" in result.stderr
