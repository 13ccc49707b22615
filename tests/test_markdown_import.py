"""Importing Markdown learning paths: the seed, and the other shapes real files come in."""

import json
import textwrap

import pytest

from pathcli.importing import stepids
from pathcli.importing.markdown_import import convert
from pathcli.importing.report import Skipped
from pathcli.store import locations, pathfile


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


def _import(text: str, **options):
    return convert(textwrap.dedent(text), "test.md", **options)


def test_task_lists_are_steps_and_ticked_boxes_are_reported():
    path, report = _import(
        """\
        # Study Plan

        - [ ] [Arrays (video)](https://a.example) - watch first
        - [x] [Linked Lists](https://b.example)
        - [X] Write a vector by hand
        - [ ] Implement a queue:
            - [ ] [Queue (video)](https://c.example)
        """
    )
    assert [(s["title"], s["description"]) for s in _steps(path)] == [
        ("Arrays (video)", "watch first"),
        ("Linked Lists", ""),
        ("Queue (video)", ""),
    ]
    assert report.checked == (2,)
    assert ("no link", "Write a vector by hand") in report.skipped
    assert path["sections"][-1]["title"] == "Study Plan / Implement a queue"


def test_text_before_a_link_is_the_title():
    path, _ = _import(
        """\
        # Maths

        - Single Variable Calculus [MIT OpenCourseWare](https://ocw.example/1801)
        - Linear Algebra: [Strang's lectures](https://ocw.example/1806) - with exercises
        """
    )
    assert [(s["title"], s["url"], s["description"]) for s in _steps(path)] == [
        ("Single Variable Calculus", "https://ocw.example/1801", "MIT OpenCourseWare"),
        ("Linear Algebra", "https://ocw.example/1806", "with exercises"),
    ]


def test_generic_link_texts_take_their_title_from_the_bold_line_above():
    path, report = _import(
        """\
        # Zero to Hero

        **Lecture 1: Backpropagation**

        We build micrograd.

        - [YouTube video lecture](https://y.example/1)
        - [Jupyter notebook files](lectures/micrograd)
        - [micrograd repo](https://g.example/micrograd)

        **Lecture 2: Language models**

        - [YouTube video lecture](https://y.example/2)

        **Lecture 3: GPT [YouTube video lecture](https://y.example/3)**
        """
    )
    steps = _steps(path)
    assert [(s["title"], s["url"]) for s in steps] == [
        ("Lecture 1: Backpropagation", "https://y.example/1"),
        ("Lecture 2: Language models", "https://y.example/2"),
        ("Lecture 3: GPT", "https://y.example/3"),
    ]
    assert steps[0]["description"] == "We build micrograd."
    assert [link["url"] for link in steps[0]["links"]] == ["https://g.example/micrograd"]
    assert ("relative link without a base URL", "Jupyter notebook files (lectures/micrograd)") in report.skipped


def test_generic_link_texts_take_their_title_from_the_parent_bullet_or_heading():
    path, _ = _import(
        """\
        # Course

        ## Week 1

        - Lecture 1: Search
            - [Video](https://v.example/1)
            - [Slides](https://s.example/1)
        - [Part 1](https://p.example/1)
        - [Part 2](https://p.example/2)

        ## Week 2

        🔗 [Link to Course](https://w.example/2)
        """
    )
    assert [(s["title"], s["url"], [link["title"] for link in s["links"]]) for s in _steps(path)] == [
        ("Lecture 1: Search", "https://v.example/1", ["Slides"]),
        ("Week 1: Part 1", "https://p.example/1", []),
        ("Week 1: Part 2", "https://p.example/2", []),
        ("Week 2", "https://w.example/2", []),
    ]


def test_several_link_paragraphs_under_a_heading_are_one_step():
    path, _ = _import(
        """\
        # Courses

        ## MIT Data-Centric AI

        🔗 [Course Website](https://dcai.example)

        🔗 [Lecture Videos](https://y.example/dcai)

        🔗 [Part 2](https://y.example/dcai-2)
        """
    )
    assert [(s["title"], s["url"], [link["url"] for link in s["links"]]) for s in _steps(path)] == [
        ("MIT Data-Centric AI", "https://dcai.example", ["https://y.example/dcai"]),
        ("MIT Data-Centric AI: Part 2", "https://y.example/dcai-2", []),
    ]


def test_a_bullet_with_a_link_and_links_under_it_is_one_step():
    path, _ = _import(
        """\
        # CS

        - [6.006 Introduction to Algorithms](https://mit.example/6006) - MIT
            - [Lecture Videos](https://mit.example/6006/videos)
            - Assignments [problem sets](https://mit.example/6006/psets)
            - notes without a link
        - [CS 61B](https://berkeley.example/61b)
        """
    )
    steps = _steps(path)
    assert [s["title"] for s in steps] == ["6.006 Introduction to Algorithms", "CS 61B"]
    assert steps[0]["links"] == [
        {"title": "Lecture Videos", "url": "https://mit.example/6006/videos"},
        {"title": "Assignments", "url": "https://mit.example/6006/psets"},
    ]


def test_a_course_per_heading_with_text_and_a_link():
    path, _ = _import(
        """\
        # ML Courses

        ## Caltech CS156: Learning from Data

        An introductory course in machine learning.

        - Lecture 1: The Learning Problem
        - Lecture 2: Is Learning Feasible?

        🔗 [Link to Course](https://y.example/cs156)

        ## Stanford CS229

        Andrew Ng's course, see the [playlist](https://y.example/cs229) and the
        [notes](https://cs229.example/notes).
        """
    )
    assert [(s["title"], s["url"], s["description"], len(s["links"])) for s in _steps(path)] == [
        (
            "Caltech CS156: Learning from Data",
            "https://y.example/cs156",
            "An introductory course in machine learning.",
            0,
        ),
        ("Stanford CS229", "https://y.example/cs229", "Andrew Ng's course, see the playlist and the notes.", 1),
    ]
    assert [s["title"] for s in path["sections"]] == ["ML Courses"]


def test_numbered_link_texts_in_a_table_keep_their_number(run, run_json, tmp_path):
    """'Lesson 1', 'Lesson 2': each step is told apart by its number, not all named after the heading."""
    rows = "".join(f"| [Lesson {n}](https://l.example/{n}) | {30 + n}m |\n" for n in (1, 2, 3))
    file = tmp_path / "course.md"
    file.write_text(f"# Course\n\n| Lesson | Duration |\n|---|---|\n{rows}")
    assert run("path", "import", str(file)).exit_code == 0
    steps = run_json("--path", "course", "list")
    assert [step["title"] for step in steps] == ["Course: Lesson 1", "Course: Lesson 2", "Course: Lesson 3"]
    assert [step["duration_minutes"] for step in steps] == [31, 32, 33]


def test_the_summary_reads_plainly_with_one_checked_box_and_a_duration_left_out(run, tmp_path):
    file = tmp_path / "plan.md"
    file.write_text(
        "# Plan\n\n- [x] [Done](https://d.example/)\n- [ ] [Todo](https://t.example/)\n\n"
        "| Course | Duration |\n|---|---|\n| [Calculus](https://c.example/) | 13 weeks |\n"
    )
    result = run("path", "import", str(file))
    assert result.exit_code == 0
    assert "  duration not in hours and minutes: 1, such as Calculus: 13 weeks\n" in result.stdout
    assert "1 step has a checked box; add --done-checked to mark them done\n" in result.stdout


def test_a_link_column_beside_a_name_column_takes_the_name_as_title(run, run_json, tmp_path):
    file = tmp_path / "courses.md"
    file.write_text(
        "# Courses\n\n| Course | Link |\n|---|---|\n"
        "| Machine Learning | [Coursera](https://c.example/ml) |\n| Calculus | [here](https://c.example/calc) |\n"
    )
    assert run("path", "import", str(file)).exit_code == 0
    steps = run_json("--path", "courses", "list")
    assert [(step["title"], step["url"]) for step in steps] == [
        ("Machine Learning", "https://c.example/ml"),
        ("Calculus", "https://c.example/calc"),
    ]


def test_bullets_of_one_generic_kind_are_named_by_their_own_text_in_their_heading(run, run_json, tmp_path):
    """`[Paper](a) - BERT`, `[Paper](b) - GPT` under "## Papers": each is named by its text and stays in
    "Papers", not two steps called "Papers" in the section above."""
    file = tmp_path / "reading.md"
    file.write_text(
        "# Reading\n\n## Papers\n\n- [Paper](https://p.example/1) - BERT\n"
        "- [Paper](https://p.example/2) - GPT\n- [Paper](https://p.example/3)\n"
    )
    assert run("path", "import", str(file)).exit_code == 0
    steps = run_json("--path", "reading", "list")
    assert [(step["section"], step["title"]) for step in steps] == [
        ("Papers", "BERT"),
        ("Papers", "GPT"),
        ("Papers", "Papers"),
    ]


def test_tables_with_a_loosely_named_title_column():
    path, report = _import(
        """\
        # Data Science

        | Lesson Number | Topic | Lesson Grouping | Linked Lesson | Author |
        |---|---|---|---|---|
        | 01 | Defining Data Science | [Introduction](intro/README.md) | [lesson](intro/01/README.md) [video](https://y.example/1) | [Dmitry](https://d.example) |
        | 02 | Ethics | [Introduction](intro/README.md) | [lesson](https://l.example/02) | [Nitya](https://n.example) |
        | 03 | Planned |  | tbd | |

        | Courses | Duration |
        |---|---|
        | [Calculus 1A](https://c.example/1a) ([alt](https://c.example/1a-alt)) | 13 weeks |
        """,
        base_url="https://github.com/org/repo/blob/main/",
    )
    steps = _steps(path)
    assert [(s["title"], s["url"]) for s in steps] == [
        ("Defining Data Science", "https://github.com/org/repo/blob/main/intro/01/README.md"),
        ("Ethics", "https://l.example/02"),
        ("Calculus 1A", "https://c.example/1a"),
    ]
    assert [link["url"] for link in steps[0]["links"]] == [
        "https://y.example/1",
        "https://github.com/org/repo/blob/main/intro/README.md",
        "https://d.example",
    ]
    assert steps[2]["links"] == [{"title": "alt", "url": "https://c.example/1a-alt"}]
    assert ("no link", "tbd") in report.skipped


def test_the_step_url_comes_from_the_title_column_only():
    path, report = _import(
        """\
        # T

        | Title | Video |
        |---|---|
        | [Local notes](notes.md) | [Video](https://v.example) |
        | [Remote](https://r.example) | |
        """
    )
    assert [s["url"] for s in _steps(path)] == ["https://r.example"]
    assert report.skipped == (
        Skipped("relative link without a base URL", "Local notes (notes.md)"),
        Skipped("link in a table row without a link in its title column", "Video (https://v.example)"),
    )


def test_html_links_headers_and_badges():
    path, report = _import(
        """\
        <div align="center">
          <h1>🗣️ Large Language Model Course</h1>
          <p><a href="https://x.example/me">Follow me</a></p>
        </div>

        [![Stars](https://img.shields.io/badge/stars.svg)](https://github.example/stars)

        The course is divided into three parts.

        # Contents

        - [Tools](#tools)

        ## Tools

        - <a href="https://t.example/eval">LLM AutoEval</a>: evaluate your models
        - [Mergekit](https://m.example) <a href="https://colab.example/1"><img src="colab.svg" alt="Open In Colab"></a>
        """
    )
    assert path["title"] == "🗣️ Large Language Model Course"
    assert path["description"] == "The course is divided into three parts."
    steps = _steps(path)
    assert [(s["title"], s["url"], s["description"]) for s in steps] == [
        ("LLM AutoEval", "https://t.example/eval", "evaluate your models"),
        ("Mergekit", "https://m.example", ""),
    ]
    assert steps[1]["links"] == [{"title": "Open In Colab", "url": "https://colab.example/1"}]
    assert [item.reason for item in report.skipped] == [
        "link in the introduction",
        "image or badge",
        "link within the page",
    ]


@pytest.mark.parametrize(
    ("markdown", "title"),
    [
        ("# Contents\n\n- [A](#a)\n\n# Real Title\n\n- [A](https://a.example)\n", "Real Title"),
        ("## Only Heading\n\n- [A](https://a.example)\n\n### Acknowledgements\n", "Only Heading"),
        ("## One\n\n- [A](https://a.example)\n\n## Two\n\n## Change Log\n", "course"),
        ("\ufeff# With a BOM\n\n- [A](https://a.example)\n", "With a BOM"),
        ("<h2>Html Title</h2>\n\n# Later\n\n- [A](https://a.example)\n", "Html Title"),
    ],
)
def test_the_title_is_never_the_table_of_contents_or_the_last_heading(markdown, title):
    path, _ = convert(markdown, "some/where/course.md")
    assert path["title"] == title


def test_the_same_url_twice_is_one_step_and_separators_are_trimmed():
    path, report = _import(
        """\
        # Path

        ## - Books -

        - [Think Stats](https://t.example) | a book |
        - [Think Stats again](https://t.example) - see [errata](https://t.example/errata)
        """
    )
    assert path["sections"][0]["title"] == "Books"
    [step] = _steps(path)
    assert step["description"] == "a book"
    assert step["links"] == [{"title": "errata", "url": "https://t.example/errata"}]
    assert report.skipped == (Skipped("duplicate URL", "Think Stats again (https://t.example)"),)


def test_the_report_counts_what_was_kept_and_lists_what_was_left_out_in_order():
    _, report = _import(
        """\
        # Path

        - [A](https://a.example) - also [B](https://b.example)
        - [mail](mailto:me@example.com)
        - [relative](docs/x.md)
        - ![logo](https://i.example/logo.png)
        - [![badge](https://img.shields.io/x.svg)](https://ci.example)
        - [empty]()
        """
    )
    assert (report.sections, report.steps, report.links) == (1, 1, 1)
    assert [item.reason for item in report.skipped] == [
        "not an http(s) link",
        "relative link without a base URL",
        "image or badge",
        "empty link",
    ]


def test_twenty_thousand_bullets_with_the_same_title_import_as_as_many_steps():
    text = "# Papers\n\n" + "".join(f"- [Paper](https://p.example/{n})\n" for n in range(20_000))
    path, report = convert(text, "papers.md")
    steps = _steps(path)
    assert report.steps == len(steps) == 20_000
    assert len({step["id"] for step in steps}) == 20_000


def _guide_markdown_examples() -> list[str]:
    from conftest import ROOT

    guide = (ROOT / "docs" / "guide.md").read_text(encoding="utf-8")
    lines = guide.split("### Importing Markdown\n", 1)[1].splitlines()
    examples: list[list[str]] = []
    fence: str | None = None  # the language of the code block we are in
    for line in lines:
        if line.strip().startswith("```"):
            fence = None if fence is not None else line.strip()[3:]
            if fence == "markdown":
                examples.append([])
        elif fence == "markdown":
            examples[-1].append(line)
        elif fence is None and line.startswith("#"):
            break  # the next section
    return [textwrap.dedent("\n".join(example)) for example in examples]


def test_the_guide_examples_of_each_style_import_as_it_says():
    examples = _guide_markdown_examples()
    expected = [
        ["Think Stats", "OpenIntro Statistics", "Stats 110", "Seeing Theory"],
        ["6.006 Introduction to Algorithms"],
        ["Lecture 1: Building micrograd"],
        ["Caltech CS156: Learning from Data"],
        ["Defining Data Science"],
    ]
    assert len(examples) == len(expected)
    imported = [_steps(convert(example, "example.md")[0]) for example in examples]
    assert [[step["title"] for step in steps] for steps in imported] == expected
    assert [len(steps[0]["links"]) for steps in imported[1:]] == [2, 1, 0, 2]
    assert imported[2][0]["description"] == "Backpropagation and training of neural networks, spelled out."
