"""The structures a Markdown learning path is written in (issue 19, part B): each style in a few lines, the
steps and their titles asserted. The rules are stated in docs/importing.md, section "Structure"."""

import textwrap

from pathcli.importing.markdown_import import convert


def _steps(markdown: str, base_url: str | None = None) -> list[tuple[str, str]]:
    """(title, url) of each step, in order."""
    path, _ = convert(textwrap.dedent(markdown), "test.md", "test", base_url)
    return [(step["title"], step["url"]) for section in path["sections"] for step in section["steps"]]


def _path(markdown: str, base_url: str | None = None) -> tuple[dict, object]:
    return convert(textwrap.dedent(markdown), "test.md", "test", base_url)


# HTML read as structure


def test_an_html_table_cut_by_blank_lines_gives_a_step_per_row_titled_by_its_lesson_cell():
    steps = _steps(
        """\
        # Course

        ## Lessons

        <table>
        <tr><th>No</th><th>Lesson</th><th>Intro</th><th>Lab</th></tr>

        <tr><td>I</td><td colspan="2"><b><a href="part1/">Part one</a></b></td><td></td></tr>
        <tr><td>1</td><td>History of AI</td><td><a href="lessons/1/">Text</a></td><td></td></tr>

        <tr><td>2</td><td>Perceptron</td>
           <td><a href="lessons/2/">Text</a>
           <td><a href="lessons/2/lab/">Lab</a></td></tr>
        </table>
        """,
        base_url="https://example.org/course/",
    )
    assert steps == [
        ("History of AI", "https://example.org/course/lessons/1/"),
        ("Perceptron", "https://example.org/course/lessons/2/"),
    ]


def test_an_html_paragraph_of_link_lines_gives_a_step_per_link_titled_by_its_text():
    path, _ = _path(
        """\
        # Tools

        ## Shells

        <p>
        &nbsp;&nbsp; <a href="https://www.gnu.org/software/bash/"><b>GNU Bash</b></a> - an sh-compatible shell.<br>
        &nbsp;&nbsp; <a href="https://www.zsh.org/"><b>Zsh</b></a> - a shell designed for interactive use.<br>
        </p>
        """
    )
    steps = path["sections"][0]["steps"]
    assert path["sections"][0]["title"] == "Shells"
    assert [(step["title"], step["description"]) for step in steps] == [
        ("GNU Bash", "an sh-compatible shell."),
        ("Zsh", "a shell designed for interactive use."),
    ]


def test_html_lists_are_read_like_markdown_lists():
    steps = _steps(
        """\
        # Reading

        ## Books

        <ul>
        <li><a href="https://example.org/sicp">SICP</a> - the wizard book</li>
        <li><a href="https://example.org/htdp">How to Design Programs</a></li>
        </ul>
        """
    )
    assert steps == [("SICP", "https://example.org/sicp"), ("How to Design Programs", "https://example.org/htdp")]


# Tables: several resources in a cell, numbered generic link texts


def test_a_cell_with_several_readings_gives_a_step_per_reading_in_a_section_per_row():
    path, _ = _path(
        """\
        # Syllabus

        | Week | Topic | Readings | Notes |
        | --- | --- | --- | --- |
        | Week 1 | Language | Geschwind, *Science*, 1970 [`DOI`](https://doi.org/1) [`PDF`](https://x.org/1.pdf)<br> Hagoort, *Science*, 2019 [`DOI`](https://doi.org/2) | [`Lab 1`](https://x.org/lab1) |
        """
    )
    (section,) = path["sections"]
    assert section["title"] == "Syllabus / Week 1: Language"
    assert [(step["title"], step["url"]) for step in section["steps"]] == [
        ("Geschwind, Science, 1970", "https://doi.org/1"),
        ("Hagoort, Science, 2019", "https://doi.org/2"),
        ("Lab 1", "https://x.org/lab1"),
    ]
    assert section["steps"][0]["links"] == [{"title": "PDF", "url": "https://x.org/1.pdf"}]


def test_a_numbered_generic_link_is_titled_by_the_row_s_own_words():
    steps = _steps(
        """\
        # Course

        Module|Content
        ---|---
        [Module 2](https://x.org/m2)<br>**Week of 01/30** | **Python for Machine Learning**<ul><li>Part 2.1: Pandas<li>[Program](https://x.org/p2)</ul>
        """
    )
    assert steps == [("Module 2: Python for Machine Learning", "https://x.org/m2")]


# A badge or image that is the link


def test_a_labelled_badge_is_a_step_titled_by_its_label():
    steps = _steps(
        """\
        # Web

        ## Flask

        Flask Playlist: [![YouTube](https://img.shields.io/badge/YouTube-red)](https://youtube.com/playlist?list=1)

        - Django course - [![Udemy](https://img.shields.io/badge/Udemy-blue)](https://udemy.com/django)
        """
    )
    assert steps == [
        ("Flask Playlist", "https://youtube.com/playlist?list=1"),
        ("Django course", "https://udemy.com/django"),
    ]


def test_a_roadmap_behind_pictures_imports_titled_by_its_headings_but_badges_do_not():
    steps = _steps(
        """\
        # Roadmap

        ## Fundamentals

        <p align="center">
          <a href="https://i.am.ai/roadmap#fundamentals"><img src="./images/fundamentals.svg"/></a>
        </p>

        ## Data Science

        [![](./images/datascience.svg)](https://i.am.ai/roadmap#data-science)

        ## Community

        [![](https://dcbadge.vercel.app/api/server/x)](https://discord.gg/x) [![License](https://img.shields.io/l)](https://example.org/license)
        """
    )
    assert steps == [
        ("Fundamentals", "https://i.am.ai/roadmap#fundamentals"),
        ("Data Science", "https://i.am.ai/roadmap#data-science"),
    ]


def test_a_table_row_whose_link_is_a_badge_beside_its_title_cell():
    steps = _steps(
        """\
        # Notebooks

        | Notebook | Description | Notebook |
        |---|---|---|
        | 🧐 [LLM AutoEval](https://github.com/x/autoeval) | Evaluate | <a href="https://colab.research.google.com/1"><img src="img/colab.svg" alt="Open In Colab"></a> |
        | 🥱 LazyMergekit | Merge models | <a href="https://colab.research.google.com/2"><img src="img/colab.svg" alt="Open In Colab"></a> |
        """
    )
    assert steps == [
        ("LLM AutoEval", "https://github.com/x/autoeval"),
        ("🥱 LazyMergekit", "https://colab.research.google.com/2"),
    ]


def test_a_link_description_table_takes_the_link_text_as_title():
    path, _ = _path(
        """\
        # Tools

        | Link | Description |
        |---|---|
        | [Pandas](https://pandas.pydata.org) | A very long description of what pandas does, far longer than a title. |
        """
    )
    (step,) = path["sections"][0]["steps"]
    assert (step["title"], step["description"]) == (
        "Pandas",
        "A very long description of what pandas does, far longer than a title.",
    )


# Bare URLs


def test_bare_urls_are_steps_titled_by_the_words_before_them_and_counted():
    path, report = _path(
        """\
        # Maths

        - Linear algebra: https://example.org/linear-algebra
        - Calculus - https://example.org/calculus
        - See README.md and www.example.org, which are not addresses.
        """
    )
    steps = [(step["title"], step["url"]) for section in path["sections"] for step in section["steps"]]
    assert steps == [
        ("Linear algebra", "https://example.org/linear-algebra"),
        ("Calculus", "https://example.org/calculus"),
    ]
    assert report.bare_urls == 2


# Numbered generic link texts in a list


def test_a_list_of_numbered_generic_links_is_a_step_per_item_titled_by_its_own_words():
    path, _ = _path(
        """\
        # Zero to Hero

        ## Syllabus

        - [Chapter 01](https://x.org/01) **Bigram Language Model**
        - [Chapter 02](https://x.org/02) **Micrograd**
        - [Chapter 03](https://x.org/03)
        """
    )
    steps = [(step["title"], step["url"]) for section in path["sections"] for step in section["steps"]]
    assert steps == [
        ("Chapter 01: Bigram Language Model", "https://x.org/01"),
        ("Chapter 02: Micrograd", "https://x.org/02"),
        ("Syllabus: Chapter 03", "https://x.org/03"),
    ]
    assert [section["title"] for section in path["sections"]] == ["Syllabus"]


def test_week_links_are_steps_of_their_own_not_links_of_one():
    steps = _steps(
        """\
        # Course

        ## Schedule

        - [Week 1](https://x.org/w1)
        - [Week 2](https://x.org/w2)
        """
    )
    assert steps == [("Schedule: Week 1", "https://x.org/w1"), ("Schedule: Week 2", "https://x.org/w2")]


def test_an_html_table_cut_into_many_blocks_is_read_in_linear_time():
    def rows(count: int) -> str:
        body = "".join(
            f'<tr><td>L {i}</td><td><a href="https://t.org/{i}">Text</a></td></tr>\n\n' for i in range(count)
        )
        return "# T\n\n<table>\n<tr><th>Lesson</th><th>Link</th></tr>\n" + body + "</table>\n"

    import time

    def took(count: int) -> float:
        text = rows(count)
        start = time.perf_counter()
        _, report = convert(text, "t.md", "t")
        assert report.steps == count
        return time.perf_counter() - start

    small, large = min(took(1000) for _ in range(2)), min(took(4000) for _ in range(2))
    assert large < 12 * small  # 4x the rows: linear is about 4x, quadratic 16x


def test_a_notebook_column_of_badges_is_the_title_column_and_articles_beside_are_steps_too():
    steps = _steps(
        """\
        # Course

        ## Fine-tuning

        | Notebook | Description | Article | Notebook |
        |---|---|---|---|
        | Fine-tune Llama 2 with QLoRA | Step by step. | [Article](https://blog.example/qlora) | <a href="https://colab.research.google.com/1"><img src="img/colab.svg" alt="Open In Colab"></a> |
        | Fine-tune Mistral with DPO | Preferences. | | <a href="https://colab.research.google.com/2"><img src="img/colab.svg" alt="Open In Colab"></a> |
        """
    )
    assert steps == [
        ("Fine-tune Llama 2 with QLoRA", "https://colab.research.google.com/1"),
        ("Fine-tune Llama 2 with QLoRA: Article", "https://blog.example/qlora"),
        ("Fine-tune Mistral with DPO", "https://colab.research.google.com/2"),
    ]
