"""Importing Markdown learning paths: the seed, and the other shapes real files come in."""

import json
import textwrap

import pytest

from pathcli import locations, pathfile, stepids
from pathcli.markdown_import import convert


def _convert(text: str, **options) -> dict:
    return convert(textwrap.dedent(text), "test.md", **options)[0]


def _steps(path: dict) -> list[dict]:
    return [step for section in path["sections"] for step in section["steps"]]


def test_the_seed_imports_as_the_bundled_path(seed_text):
    imported = convert(seed_text, "seed.md")[0]
    bundled = pathfile.parse((locations.bundled_paths_dir() / "transformers.yaml").read_bytes(), "bundled")

    def essentials(path):
        return [
            (
                section["title"],
                step["id"],
                step["title"],
                step["url"],
                step["type"],
                [link["url"] for link in step["links"]],
            )
            for section in path["sections"]
            for step in section["steps"]
        ]

    assert essentials(imported) == essentials(bundled)
    assert [p["title"] for p in imported["prerequisites"]] == [p["title"] for p in bundled["prerequisites"]]
    assert imported["title"] == "Transformers" and imported["id"] == "transformers"
    assert imported["description"] == bundled["description"].split("\n")[0]
    assert [s["description"] for s in _steps(imported)] == [s["description"] for s in _steps(bundled)]


def test_import_installs_and_tracks_beside_the_bundled_path(run, run_json, tmp_path, seed_text):
    (tmp_path / "seed.md").write_text(seed_text)
    result = run("path", "import", str(tmp_path / "seed.md"), "--id", "my-transformers")
    assert result.exit_code == 0, result.stderr
    assert [p["id"] for p in run_json("paths")] == ["transformers", "my-transformers"]
    assert len(run_json("-p", "my-transformers", "list")) == 6


def test_output_writes_yaml_that_adds_and_never_overwrites(run, run_json, tmp_path, seed_text):
    (tmp_path / "seed.md").write_text(seed_text)
    out = tmp_path / "mine.yaml"
    assert run("path", "import", str(tmp_path / "seed.md"), "--id", "mine", "-o", str(out)).exit_code == 0
    assert "id: mine" in out.read_text()
    again = run("path", "import", str(tmp_path / "seed.md"), "-o", str(out))
    assert again.exit_code == 1 and "exists already" in again.stderr
    assert "id: mine" in out.read_text()
    assert run("path", "add", str(out)).exit_code == 0
    assert run_json("-p", "mine", "next")["number"] == 1


def test_tables_with_other_column_names_in_any_order_and_case():
    path = _convert(
        """\
        # Rust in a Month

        A month of evenings.

        ## Week 1

        | NOTES | Kind | Resource | # |
        |---|---|---|---|
        | Start here, see [the forum](https://users.rust-lang.org) | Book | **[The Book](https://doc.rust-lang.org/book/)** | 2 |
        | Pipes \\| and parens | *Video* | [Crust of `Rust`](https://en.wikipedia.org/wiki/Rust_(programming_language)) | 1 |
        | no link here | Book | Just a title | 3 |
        """
    )
    assert path["title"] == "Rust in a Month" and path["description"] == "A month of evenings."
    steps = _steps(path)
    assert [(s["title"], s["type"], s["url"]) for s in steps] == [
        ("The Book", "Book", "https://doc.rust-lang.org/book/"),
        ("Crust of Rust", "Video", "https://en.wikipedia.org/wiki/Rust_(programming_language)"),
    ]
    assert steps[0]["links"] == [{"title": "the forum", "url": "https://users.rust-lang.org"}]
    assert steps[0]["description"] == "Start here, see the forum"
    assert steps[1]["description"] == "Pipes | and parens"
    assert path["sections"][0]["title"] == "Week 1"


def test_bullet_lists_of_links_with_each_separator():
    path = _convert(
        """\
        # Awesome Statistics

        ## Books

        - [Think Stats](https://greenteapress.com/thinkstats/) - Probability and statistics for programmers.
        - [OpenIntro](https://openintro.org) — free textbooks, see also [labs](https://openintro.org/labs)
        - [Seeing Theory](https://seeing-theory.brown.edu): a visual introduction
        - A bullet that is not a link
        - [An anchor](#books) is not a resource

        ## Courses

        * [Stats 110](https://projects.iq.harvard.edu/stat110)
        """
    )
    steps = _steps(path)
    assert [(s["title"], s["description"]) for s in steps] == [
        ("Think Stats", "Probability and statistics for programmers."),
        ("OpenIntro", "free textbooks, see also labs"),
        ("Seeing Theory", "a visual introduction"),
        ("Stats 110", ""),
    ]
    assert steps[1]["links"] == [{"title": "labs", "url": "https://openintro.org/labs"}]
    assert [s["title"] for s in path["sections"]] == ["Books", "Courses"]


def test_sections_prerequisites_and_repeated_headings():
    path = _convert(
        """\
        # Path

        ## Prerequisites

        - **Algebra**: vectors and matrices
        - Python: some

        ## Part One

        Nothing to do here.

        ### Part One

        - [A](https://a.example)

        ### Part One

        - [B](https://b.example)

        #### Empty heading

        ### Part Two

        - [A](https://a2.example)
        """
    )
    assert path["prerequisites"] == [
        {"title": "Algebra", "description": "vectors and matrices"},
        {"title": "Python", "description": "some"},
    ]
    assert [(s["title"], [step["id"] for step in s["steps"]]) for s in path["sections"]] == [
        ("Part One", [stepids.url_id("A", "https://a.example"), "b"]),
        ("Part Two", [stepids.url_id("A", "https://a2.example")]),
    ]


def test_a_file_with_no_steps_is_refused(run, tmp_path, data_dir):
    file = tmp_path / "empty.md"
    file.write_text("# Nothing\n\nJust prose, and a [link](https://x.example) in it.\n")
    result = run("path", "import", str(file))
    assert result.exit_code == 1 and "no steps found" in result.stderr
    assert not data_dir.exists()


def test_imported_text_is_shown_defused(run, tmp_path):
    file = tmp_path / "evil.md"
    file.write_text(
        "# Evil \x1b[2J path\n\n- [Title \x07\x1bc [red]x[/red]](https://e.example) - \x1b]0;pwned\x07 \x1b[31m\n"
    )
    assert run("path", "import", str(file), "--id", "evil").exit_code == 0
    for command in (["list"], ["next"], ["show", "1"], ["paths"]):
        out = run("-p", "evil", *command).stdout
        assert "\x1b" not in out and "\x07" not in out
    assert "[red]x[/red]" in run("-p", "evil", "next").stdout


@pytest.mark.parametrize(("options", "message"), [(["--id", "Bad Id"], "--id 'Bad Id' must be")])
def test_bad_options_are_refused(run, tmp_path, seed_text, options, message):
    (tmp_path / "seed.md").write_text(seed_text)
    result = run("path", "import", str(tmp_path / "seed.md"), *options)
    assert result.exit_code == 1 and message in result.stderr


def test_the_json_of_an_imported_path_is_the_documented_shape(run, run_json, tmp_path):
    (tmp_path / "p.md").write_text("# P\n\n- [One](https://one.example) - first\n")
    run("path", "import", str(tmp_path / "p.md"))
    step = run_json("-p", "p", "show", "1")
    assert json.dumps(step)  # serialisable
    assert (step["id"], step["section"], step["description"]) == ("one", "P", "first")
