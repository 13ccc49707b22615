"""Work that grows linearly with hostile input: timed at 1x, 10x and 100x sizes, asserting the ratios
(quadratic work grows 100 and 10,000 times), never an absolute time."""

import json
import time

from conftest import pathcli_process

from pathcli.store import locations


def _best_time(action, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def _assert_linear(timings: dict[int, float]) -> None:
    """timings by size, sizes 1x, 10x and 100x: linear work (with a fixed start-up cost) grows at most
    about as much as the size; a factor of 3 over that for a loaded machine."""
    small, middle, large = sorted(timings)
    assert timings[middle] / timings[small] < 3 * middle / small, timings
    assert timings[large] / timings[small] < 3 * large / small, timings


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
    _assert_linear(timings)
