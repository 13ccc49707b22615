"""The import summary accounts for every link: relative links with the exact --base-url to add where the file's
place tells it, an example for every reason, links markdown-it would leave as text, one step for one address."""

import json
import subprocess

from pathcli.importing.markdown_import import convert
from pathcli.importing.report import DUPLICATE, EMPTY, NOT_HTTP

COURSE = "# Rust\n\n## Week 1\n\n- [Ownership](./ownership.md)\n- [Borrowing](borrow.md)\n- [Book](https://doc.rust-lang.org/book/)\n"


def _checkout(tmp_path, remote: str):
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "trunk", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "remote", "add", "origin", remote], check=True)
    (repo / "docs" / "README.md").write_text(COURSE, encoding="utf-8")
    return repo / "docs" / "README.md"


def test_relative_links_left_out_come_with_the_exact_base_url_of_a_github_checkout(run, tmp_path):
    file = _checkout(tmp_path, "git@github.com:alice/rust-course.git")
    result = run("path", "import", str(file))
    assert result.exit_code == 0
    hint = "https://github.com/alice/rust-course/blob/trunk/docs/README.md"
    assert f"2 relative links left out: add --base-url {hint} to resolve them" in result.stdout
    data = json.loads(run("path", "import", str(file), "--json", "--id", "again").stdout)
    assert (data["relative"], data["base_url_hint"]) == (2, hint)


def test_without_a_forge_the_advice_says_what_to_pass(run, tmp_path):
    file = tmp_path / "course.md"
    file.write_text(COURSE, encoding="utf-8")
    result = run("path", "import", str(file))
    assert "2 relative links left out: add --base-url with the address the file is published at" in result.stdout


def test_a_file_of_relative_links_alone_is_refused_with_the_advice(run, tmp_path):
    file = _checkout(tmp_path, "https://gitlab.com/bob/course.git")
    file.write_text("# Book\n\n- [Chapter 1](ch1.md)\n- [Chapter 2](ch2.md)\n", encoding="utf-8")
    result = run("path", "import", str(file))
    assert result.exit_code == 1
    assert "add --base-url https://gitlab.com/bob/course/-/blob/trunk/docs/README.md" in result.stderr


def test_links_markdown_it_keeps_as_text_are_reported_and_empty_ones_named():
    _, report = convert(
        "# C\n\n## A\n\n- [Local](file:///home/me/notes.md)\n- [Bad](javascript:alert(1))\n- [Web](https://e.org)\n"
        "- [Nothing]()\n",
        "c.md",
    )
    reasons = {item.what: item.reason for item in report.skipped}
    assert reasons["Local (file:///home/me/notes.md)"] == NOT_HTTP
    assert reasons["Bad (javascript:alert(1))"] == NOT_HTTP
    assert reasons["Nothing"] == EMPTY
    _, empty = convert("# C\n\n## Week 2\n\n- [](https://e.org/x) and []()\n- [W](https://e.org/w)\n", "c.md")
    assert all(item.what for item in empty.skipped)


def test_http_and_https_of_one_address_are_one_step():
    path, report = convert(
        "# C\n\n## A\n\n- [Paper](http://arxiv.org/abs/1)\n- [Paper again](https://www.arxiv.org/abs/1/)\n", "c.md"
    )
    assert [step["url"] for section in path["sections"] for step in section["steps"]] == ["http://arxiv.org/abs/1"]
    assert [item.reason for item in report.skipped] == [DUPLICATE]


def test_a_nested_task_box_is_no_link_title():
    path, _ = convert("# C\n\n## A\n\n- [ ] [Course](https://e.org/c)\n    - [ ] [Video](https://e.org/v)\n", "c.md")
    step = path["sections"][0]["steps"][0]
    assert [link["title"] for link in step["links"]] == ["Video"]
